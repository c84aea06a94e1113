"""Demo rows, fast: ``ContactFactory(seed).rows(first_id, count)`` gives the tuples to insert into
contacts, contact_phones, contact_emails and contact_addresses.

Everything is drawn from one ``random.Random`` in a fixed order per contact, so the rows are a
pure function of the seed, the first id and ``today`` (timestamps lie in the three years before
it), whatever the chunk size. Pools (dates, times, weighted choices) are built once, and hot loops
use ``random()`` with list indexing rather than ``choice``/``randrange``, and sort keys are
memoised: about 10 µs of Python per contact (half of a million-contact fill; SQLite is the rest).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import lru_cache
from string import Formatter

from crm_desktop.core.digits import to_persian
from crm_desktop.core.text import sort_key
from crm_desktop.demo import names
from crm_desktop.phonebook.model import display_name, sort_name  # noqa: F401 - the one definition

CONTACT_COLUMNS = (
    "id", "kind", "title", "first_name", "last_name", "organisation", "job_title", "unit", "manager",
    "birthday", "national_code", "website", "note", "display_name", "sort_key", "created_at", "updated_at",
    "organisation_key",
)
PHONE_COLUMNS = ("contact_id", "kind", "number", "national", "ext", "position")
EMAIL_COLUMNS = ("contact_id", "email", "position")
ADDRESS_COLUMNS = ("contact_id", "province", "city", "street", "postal_code", "position")

PERSON_SHARE = 0.8
MOBILE_PREFIXES = names.MOBILE_PREFIXES
_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_LATIN_NUMBERS = tuple(str(i) for i in range(301))
_PERSIAN_NUMBERS = tuple(to_persian(i) for i in range(301))
_ORGANISATION_FIELDS = {
    "activity": names.COMPANY_ACTIVITIES,
    "goods": names.SHOP_GOODS,
    "bank": names.BANKS,
    "insurer": names.INSURERS,
    "street": names.STREET_NAMES,
}


def _weighted(pairs) -> tuple:
    """(item, weight) pairs → a tuple with each item repeated ``weight`` times."""
    return tuple(item for item, weight in pairs for _ in range(weight))


# Ways an operator writes a phone number: (template, in Persian digits?), repeated by weight.
# Mobile fields: p = operator prefix (912), a = next 3 digits, b = last 4; landline fields:
# c = area code (21), s = the 8-digit subscriber number, s1/s2 = its halves.
MOBILE_FORMATS = _weighted((
    (("0{p}{a}{b}", False), 7), (("0{p} {a} {b}", False), 3), (("0{p}-{a}-{b}", False), 1),
    (("0{p} {a}{b}", False), 1), (("+98 {p} {a} {b}", False), 2), (("+98{p}{a}{b}", False), 1),
    (("0098{p}{a}{b}", False), 1), (("0{p}{a}{b}", True), 2), (("0{p} {a} {b}", True), 1), (("0{p}-{a}{b}", True), 1),
))
LANDLINE_FORMATS = _weighted((
    (("0{c}{s}", False), 3), (("0{c}-{s}", False), 2), (("0{c} {s1} {s2}", False), 1), (("(0{c}) {s1} {s2}", False), 1),
    (("+98 {c} {s}", False), 1), (("+98 (0){c} {s1} {s2}", False), 1),
    (("0{c}{s}", True), 1), (("0{c}-{s}", True), 1), (("0{c} {s1} {s2}", True), 1),
))


@lru_cache(maxsize=1)
def _national_code_tables():
    """Partial check sums of a national code's three 3-digit groups (weights 10…2)."""
    def table(weights):
        return tuple(sum(int(d) * w for d, w in zip(f"{x:03d}", weights)) for x in range(1000))

    return table((10, 9, 8)), table((7, 6, 5)), table((4, 3, 2))


_LEGAL_WEIGHTS = (29, 27, 23, 19, 17, 29, 27, 23, 19, 17)


def legal_check_digit(first10: str) -> str:
    tens = int(first10[9]) + 2
    remainder = sum((int(d) + tens) * w for d, w in zip(first10, _LEGAL_WEIGHTS)) % 11
    return str(0 if remainder == 10 else remainder)


@lru_cache(maxsize=4)
def _pools(today: date):
    days = tuple((today - timedelta(days=i)).isoformat() for i in range(3 * 365))
    times = tuple(f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(7 * 3600 + 1800, 21 * 3600))
    first_birthday = date(1950, 1, 1)
    birthdays = tuple(
        (first_birthday + timedelta(days=i)).isoformat() for i in range((date(2006, 12, 31) - first_birthday).days + 1)
    )
    no_0_or_2 = "13456789"  # the first five digits of a postal code have no 0 or 2
    postal5 = tuple(f"{a}{b}{c}{d}{e}" for a in no_0_or_2 for b in no_0_or_2 for c in no_0_or_2 for d in no_0_or_2 for e in no_0_or_2)
    provinces = _weighted(((p, c, cities), w) for p, c, cities, w in names.PROVINCES)
    templates = _weighted(
        ((template, tuple(f for _, f, _, _ in Formatter().parse(template) if f)), weight)
        for template, weight in names.ORGANISATION_TEMPLATES
    )
    domains = _weighted(names.EMAIL_DOMAINS)
    return days, times, birthdays, postal5, provinces, templates, domains


class ContactFactory:
    """Rows for ``count`` contacts from id ``first_id`` on; call ``rows`` chunk after chunk."""

    def __init__(self, seed, today: date | None = None):
        self.rnd = random.Random(seed)
        self.today = today or date.today()
        (self.days, self.times, self.birthdays, self.postal5, self.provinces, self.templates,
         self.domains) = _pools(self.today)
        self.nc_tables = _national_code_tables()
        self._sort_keys: dict[str, str] = {}  # sort name or organisation -> core.text.sort_key(it)

    # -- small pieces ----------------------------------------------------------------------------
    def pick(self, pool):
        return pool[int(self.rnd.random() * len(pool))]

    def national_code(self) -> str:
        x = int(self.rnd.random() * 999_999_999) + 1
        a, b, c = self.nc_tables
        r = (a[x // 1_000_000] + b[x // 1000 % 1000] + c[x % 1000]) % 11
        code = f"{x:09d}{r if r < 2 else 11 - r}"
        return code if code != code[0] * 10 else "0012345679"  # never all-same digits

    def legal_id(self) -> str:
        first10 = f"{int(self.rnd.random() * 1_000_000_000):09d}{int(self.rnd.random() * 10)}"
        if first10[3:9] == "000000":
            first10 = first10[:3] + "100000" + first10[9:]
        return first10 + legal_check_digit(first10)

    def mobile(self) -> tuple[str, str]:
        rnd = self.rnd.random
        p = MOBILE_PREFIXES[int(rnd() * len(MOBILE_PREFIXES))]
        x = int(rnd() * 10_000_000)
        a, b = f"{x // 10_000:03d}", f"{x % 10_000:04d}"
        template, persian = MOBILE_FORMATS[int(rnd() * len(MOBILE_FORMATS))]
        number = template.format(p=p, a=a, b=b)
        return (number.translate(_TO_PERSIAN) if persian else number), f"0{p}{a}{b}"

    def landline(self, area: str) -> tuple[str, str]:
        rnd = self.rnd.random
        s = f"{2 + int(rnd() * 7)}{int(rnd() * 10_000_000):07d}"
        template, persian = LANDLINE_FORMATS[int(rnd() * len(LANDLINE_FORMATS))]
        number = template.format(c=area, s=s, s1=s[:4], s2=s[4:])
        return (number.translate(_TO_PERSIAN) if persian else number), f"0{area}{s}"

    def timestamps(self) -> tuple[str, str]:
        rnd = self.rnd.random
        days, times = self.days, self.times
        created_day = int(rnd() * len(days))
        created = f"{days[created_day]}T{times[int(rnd() * len(times))]}"
        if rnd() < 0.7:
            return created, created
        updated_day = int(rnd() * (created_day + 1))
        updated = f"{days[updated_day]}T{times[int(rnd() * len(times))]}"
        return created, max(created, updated)

    def organisation(self, city: str) -> tuple[str, str]:
        """(name, Latin slug for e-mail and web addresses, '' when the name has no brand)."""
        template, fields = self.pick(self.templates)
        slug = ""
        values = {}
        for field in fields:  # draw only what the template needs
            if field == "brand":
                values["brand"], slug = self.pick(names.BRANDS)
            elif field == "city":
                values["city"] = city
            elif field == "last":
                values["last"] = self.pick(names.LAST_NAMES)[0]
            elif field == "n":
                values["n"] = _PERSIAN_NUMBERS[1 + int(self.rnd.random() * 300)]
            else:
                values[field] = self.pick(_ORGANISATION_FIELDS[field])
        name = template.format_map(values)
        if template.startswith("شرکت"):
            name += self.pick(names.COMPANY_SUFFIXES)
        return name, slug

    def street(self) -> str:
        rnd = self.rnd.random
        numbers = _PERSIAN_NUMBERS if rnd() < 0.8 else _LATIN_NUMBERS  # most type Persian digits
        text = (f"{self.pick(names.STREET_KINDS)} {self.pick(names.STREET_NAMES)}، کوچه {self.pick(names.ALLEY_NAMES)}، "
                f"پلاک {numbers[1 + int(rnd() * 250)]}")
        if rnd() < 0.4:
            text += f"، طبقه {numbers[1 + int(rnd() * 8)]}، واحد {numbers[1 + int(rnd() * 20)]}"
        return text

    def postal_code(self) -> str:
        return f"{self.pick(self.postal5)}{int(self.rnd.random() * 100_000):05d}"

    def person_email(self, first_latin: str, last_latin: str) -> str:
        rnd = self.rnd.random
        r = rnd()
        if r < 0.35:
            local = f"{first_latin}.{last_latin}"
        elif r < 0.55:
            local = f"{first_latin}{last_latin}"
        elif r < 0.7:
            local = f"{first_latin[0]}.{last_latin}"
        elif r < 0.85:
            local = f"{first_latin}_{last_latin}{50 + int(rnd() * 50)}"
        else:
            local = f"{last_latin}{1 + int(rnd() * 999)}"
        return f"{local}@{self.pick(self.domains)}"

    # -- one chunk ---------------------------------------------------------------------------------
    def rows(self, first_id: int, count: int):
        """(contacts, phones, emails, addresses) row lists for ids first_id … first_id+count-1.

        The hot loop: picks are inlined as ``pool[int(rnd() * len)]``."""
        contacts, phones, emails, addresses = [], [], [], []
        rnd = self.rnd.random
        pick = self.pick
        provinces, n_provinces = self.provinces, len(self.provinces)
        male, n_male = names.MALE_FIRST_NAMES, len(names.MALE_FIRST_NAMES)
        female, n_female = names.FEMALE_FIRST_NAMES, len(names.FEMALE_FIRST_NAMES)
        last_names, n_last = names.LAST_NAMES, len(names.LAST_NAMES)
        birthdays, n_birthdays = self.birthdays, len(self.birthdays)
        sort_keys = self._sort_keys
        mobile, landline, timestamps = self.mobile, self.landline, self.timestamps
        for contact_id in range(first_id, first_id + count):
            province, area, cities = provinces[int(rnd() * n_provinces)]
            city = cities[int(rnd() * len(cities))]
            title = first = last = organisation = job = unit = manager = website = note = national_code = ""
            birthday = None
            if rnd() < PERSON_SHARE:
                kind = "person"
                if rnd() < 0.5:
                    first, first_latin = male[int(rnd() * n_male)]
                    r = rnd()
                    title = "آقای" if r < 0.7 else "مهندس" if r < 0.8 else "دکتر" if r < 0.88 else ""
                else:
                    first, first_latin = female[int(rnd() * n_female)]
                    r = rnd()
                    title = "خانم" if r < 0.72 else "مهندس" if r < 0.78 else "دکتر" if r < 0.86 else ""
                last, last_latin = last_names[int(rnd() * n_last)]
                if rnd() < 0.45:
                    organisation = self.organisation(city)[0]
                    job = pick(names.JOB_TITLES)
                    if rnd() < 0.6:
                        unit = pick(names.UNITS)
                    if rnd() < 0.1:
                        boss_first = pick(male if rnd() < 0.5 else female)[0]
                        manager = f"{boss_first} {pick(last_names)[0]}"
                if rnd() < 0.4:
                    birthday = birthdays[int(rnd() * n_birthdays)]
                    if rnd() < 0.05:
                        birthday = "--" + birthday[5:]  # from a phone's vCard: no year
                if rnd() < 0.3:
                    national_code = self.national_code()
                name = f"{title} {first} {last}" if title else f"{first} {last}"  # = display_name(...)
                order_name = f"{last} {first}"  # = model.sort_name(...): last name first, no title
            else:
                kind = "organisation"
                organisation, slug = self.organisation(city)
                if slug and rnd() < 0.5:
                    website = f"www.{slug}{pick(names.ORGANISATION_TLDS)}"
                if rnd() < 0.5:
                    national_code = self.legal_id()
                name = order_name = organisation
            if rnd() < 0.08:
                note = pick(names.NOTES)
            created, updated = timestamps()
            key = sort_keys.get(order_name)
            if key is None:
                key = sort_keys[order_name] = sort_key(order_name)
            organisation_key = sort_keys.get(organisation) if organisation else ""
            if organisation_key is None:
                organisation_key = sort_keys[organisation] = sort_key(organisation)
            contacts.append((contact_id, kind, title, first, last, organisation, job, unit, manager, birthday,
                             national_code, website, note, name, key, created, updated, organisation_key))

            # phones: 1–3 (about half have one); a person's first is a mobile, an organisation's a
            # landline in its own province
            r = rnd()
            how_many = 1 if r < 0.5 else 2 if r < 0.85 else 3
            for position in range(how_many):
                ext = ""
                if kind == "person":
                    if position == 0:
                        phone_kind = "mobile"
                    else:
                        r = rnd()
                        phone_kind = "mobile" if r < 0.3 else "home" if r < 0.7 else "work"
                else:
                    r = rnd()
                    phone_kind = "work" if position == 0 or r < 0.5 else "fax" if r < 0.8 else "mobile"
                if phone_kind == "mobile":
                    number, national = mobile()
                else:
                    number, national = landline(area)
                    if phone_kind == "work" and rnd() < 0.2:
                        ext = str(100 + int(rnd() * 900))
                phones.append((contact_id, phone_kind, number, national, ext, position))

            if kind == "person":
                if rnd() < 0.35:
                    emails.append((contact_id, self.person_email(first_latin, last_latin), 0))
                    if rnd() < 0.1:
                        emails.append((contact_id, self.person_email(first_latin, last_latin), 1))
            elif rnd() < 0.6:
                domain = f"{slug}{pick(names.ORGANISATION_TLDS)}" if slug else pick(self.domains)
                local = pick(("info", "info", "sales", "office", "contact")) if slug else f"office{1 + int(rnd() * 999)}"
                emails.append((contact_id, f"{local}@{domain}", 0))

            if rnd() < (0.3 if kind == "person" else 0.7):
                addresses.append((contact_id, province, city, self.street(), self.postal_code(), 0))
                if rnd() < 0.05:
                    province2, _area2, cities2 = pick(provinces)
                    addresses.append((contact_id, province2, pick(cities2), self.street(), self.postal_code(), 1))
        return contacts, phones, emails, addresses
