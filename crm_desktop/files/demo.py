"""Demo files: ``fill_files(conn, n, seed, progress)``, the ``files`` step of ``demo-data``:
``n`` files of each kind on the demo contacts, written through the files repository itself
(so numbers, state logs and reminders are exactly what the app makes).

- Personnel: units with fitting job titles, hire dates up to twelve years back, personal
  details, education, employment type, insurance number, a valid salary Sheba, an emergency
  contact; about one in six has left (former staff, with the date and the reason); a third
  were referred by another contact.
- Customers: people and companies, every stage (lead → prospect → customer → loyal, some
  inactive) reached through its earlier stages with dates in order, a source (a referral names
  its referrer), interests, and an interaction log (calls, meetings, e-mails, SMS, support
  requests with their outcome); some last entries set a follow-up that becomes a reminder.
- Applicants: every status (received, interview, accepted, rejected, hired) with education
  and work history rows, skills, languages, the position and salary asked for, how they heard
  of the job; an interview time (upcoming ones become reminders) with notes and a score once
  it is past; hired applicants become personnel files with every detail kept.

Everything happens inside the caller's transaction (the repository's writes become savepoints).
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta

from crm_desktop.errors import UserError

TEXT_FILES = "ساختن پرونده‌های نمونه…"

UNIT_TITLES = {
    "مالی": ("حسابدار", "کمک‌حسابدار", "مدیر مالی", "کارشناس مالیات"),
    "فروش": ("کارشناس فروش", "مدیر فروش", "نماینده فروش", "کارشناس پیش‌فروش"),
    "اداری": ("مسئول دفتر", "منشی", "کارپرداز", "کارمند اداری"),
    "منابع انسانی": ("کارشناس منابع انسانی", "کارشناس حقوق و دستمزد"),
    "فناوری اطلاعات": ("برنامه‌نویس", "کارشناس شبکه", "پشتیبان نرم‌افزار"),
    "بازرگانی": ("کارشناس بازرگانی", "کارشناس خرید خارجی", "مدیر بازرگانی"),
    "انبار": ("انباردار", "کمک‌انباردار", "راننده"),
    "پشتیبانی": ("کارشناس پشتیبانی مشتریان", "تکنسین"),
}
EDUCATION_FIELDS = {
    "diploma": ("ریاضی فیزیک", "علوم تجربی", "علوم انسانی", "حسابداری"),
    "associate": ("حسابداری", "کامپیوتر", "برق", "مکانیک"),
    "bachelor": ("حسابداری", "مدیریت بازرگانی", "مهندسی کامپیوتر", "مهندسی صنایع", "اقتصاد", "حقوق"),
    "master": ("مدیریت مالی", "مدیریت کسب‌وکار", "مهندسی نرم‌افزار", "حسابرسی"),
}
SCHOOLS = ("دانشگاه تهران", "دانشگاه صنعتی شریف", "دانشگاه علامه طباطبایی", "دانشگاه آزاد اسلامی واحد تهران مرکزی",
           "دانشگاه شهید بهشتی", "دانشگاه اصفهان", "دانشگاه فردوسی مشهد", "دانشگاه پیام نور", "دانشگاه علم و صنعت",
           "دانشگاه شیراز", "آموزشکده فنی و حرفه‌ای")
HIGH_SCHOOLS = ("دبیرستان البرز", "دبیرستان فرزانگان", "هنرستان فنی شهید چمران", "دبیرستان دکتر حسابی",
                "دبیرستان نمونه دولتی")
END_REASONS = ("استعفا", "پایان قرارداد", "بازنشستگی", "مهاجرت", "کاهش نیرو", "ادامه تحصیل")
PERSONNEL_NOTES = ("", "", "", "کارمند نمونه سال گذشته.", "دوره آموزش ایمنی را گذرانده است.",
                   "پرونده پزشکی در بایگانی است.", "اضافه‌کار ماهانه با تأیید مدیر واحد.")

SOURCES = (("website", 3), ("exhibition", 2), ("referral", 4), ("phone", 3), ("walk_in", 2), ("other", 1))
INTERESTS = ("لوازم اداری", "دستگاه کپی", "نرم‌افزار حسابداری", "خدمات پشتیبانی", "مبلمان اداری", "تجهیزات شبکه",
             "قرارداد نگهداری سالانه", "کاغذ و مواد مصرفی", "آموزش کارکنان", "چاپ و تبلیغات")
STAGE_PATH = ("lead", "prospect", "customer", "loyal")
INTERACTION_KINDS = (("call", 5), ("meeting", 2), ("email", 3), ("sms", 2), ("support", 2))
SUMMARIES = {
    "call": ("درخواست پیش‌فاکتور", "پرسش درباره زمان تحویل", "پیگیری سفارش قبلی", "هماهنگی بازدید از دفتر",
             "پرسش درباره شرایط پرداخت اقساطی"),
    "meeting": ("جلسه معرفی محصولات", "جلسه مذاکره قیمت", "بازدید از دفتر مشتری", "جلسه بررسی قرارداد سالانه"),
    "email": ("ارسال کاتالوگ", "ارسال پیش‌فاکتور", "ارسال قرارداد برای امضا", "پاسخ به درخواست استعلام"),
    "sms": ("یادآوری جلسه", "اطلاع از ارسال کالا", "تبریک نوروز و معرفی طرح فروش ویژه"),
    "support": ("خرابی دستگاه پس از نصب", "درخواست آموزش نرم‌افزار", "کسری در بار تحویلی", "مشکل در صورت‌حساب"),
}
OUTCOMES = ("قیمت فرستاده شد", "قرار جلسه گذاشته شد", "سفارش ثبت شد", "منتظر پاسخ مشتری", "مشکل برطرف شد",
            "به واحد فنی ارجاع شد", "تخفیف ۵٪ پذیرفته شد", "")
CUSTOMER_NOTES = ("", "", "خرید عمده در پایان هر فصل.", "فقط صبح‌ها پاسخ می‌دهد.", "پرداخت با چک دوماهه.",
                  "نماینده فروش در شهرستان.")

HEARD = ("سایت‌های کاریابی", "سایت‌های کاریابی", "وب‌سایت شرکت", "شبکه‌های اجتماعی", "روزنامه", "معرفی آشنایان",
         "کانال تلگرامی شرکت", "نمایشگاه کار دانشگاه")
SKILLS = ("Excel پیشرفته", "نرم‌افزار حسابداری سپیدار", "نرم‌افزار هلو", "Word و PowerPoint", "مذاکره و فروش",
          "برنامه‌نویسی Python", "SQL", "طراحی با Photoshop", "گواهینامه رانندگی پایه دو", "تایپ ده‌انگشتی",
          "قوانین مالیات و بیمه", "Power BI", "پشتیبانی شبکه", "ارتباط با مشتری")
LANGUAGES = ("انگلیسی (خوب)", "انگلیسی (متوسط)", "انگلیسی (عالی)، عربی (مقدماتی)", "انگلیسی (مقدماتی)",
             "انگلیسی (خوب)، آلمانی (متوسط)", "ترکی استانبولی (متوسط)")
WORK_REASONS = ("پایان قرارداد", "دوری مسیر", "حقوق کم", "تعطیلی شرکت", "ادامه تحصیل", "خدمت سربازی",
                "جابه‌جایی محل سکونت", "پیشرفت شغلی")
EMPLOYERS = ("شرکت {activity} {brand}", "فروشگاه {brand}", "گروه صنعتی {brand}", "دفتر فنی {brand}")
INTERVIEW_NOTES = ("مسلط به کار، روابط عمومی خوب.", "سابقه مرتبط کافی ندارد.", "برای دوره آزمایشی سه‌ماهه مناسب است.",
                   "در آزمون عملی نمره خوبی گرفت.", "انتظار حقوقی بالاتر از بودجه.", "نیاز به آموزش نرم‌افزار دارد.")
STATUS_WEIGHTS = (("received", 4), ("interview", 3), ("accepted", 1), ("rejected", 3), ("hired", 1))
KINDS_ORDER = ("personnel", "customer", "applicant")


@dataclass
class FilesResult:
    personnel: int = 0
    customers: int = 0
    applicants: int = 0
    former: int = 0
    hired: int = 0
    interactions: int = 0
    follow_ups: int = 0
    interviews: int = 0
    states: dict = field(default_factory=dict)  # "customer:loyal" -> count

    def to_json(self) -> dict:
        return asdict(self)


def _weighted(rnd: random.Random, pairs) -> str:
    values, weights = zip(*pairs)
    return rnd.choices(values, weights)[0]


class _Maker:
    def __init__(self, rnd: random.Random, today: date, people: list, companies: list):
        from crm_desktop.demo import names

        self.rnd = rnd
        self.today = today
        self.people = people
        self.companies = companies
        self.names = names
        self.cities = [city for _province, _code, cities, _w in names.PROVINCES for city in cities]

    def day_between(self, start: date, end: date) -> date:
        if end <= start:
            return start
        return start + timedelta(days=self.rnd.randint(0, (end - start).days))

    def at(self, day: date) -> datetime:
        return datetime.combine(day, time(self.rnd.randint(9, 16), self.rnd.choice((0, 15, 30, 45))))

    def father(self) -> str:
        return self.rnd.choice(self.names.MALE_FIRST_NAMES)[0]

    def person_name(self) -> str:
        first = self.rnd.choice(self.names.MALE_FIRST_NAMES + self.names.FEMALE_FIRST_NAMES)[0]
        return f"{first} {self.rnd.choice(self.names.LAST_NAMES)[0]}"

    def mobile(self) -> str:
        return f"0{self.rnd.choice(self.names.MOBILE_PREFIXES)}{self.rnd.randrange(10**7):07d}"

    def referrer(self, besides: int, share: float) -> int | None:
        if self.rnd.random() >= share:
            return None
        for _ in range(5):
            chosen = self.rnd.choice(self.people)[0]
            if chosen != besides:
                return chosen
        return None

    def education(self, level: str) -> list[dict]:
        """A diploma, then each degree up to ``level`` with its year of graduation (Jalali)."""
        year = self.rnd.randint(1380, 1396)
        rows = [{"level": "دیپلم", "field": self.rnd.choice(EDUCATION_FIELDS["diploma"]),
                 "school": self.rnd.choice(HIGH_SCHOOLS), "year": str(year)}]
        steps = {"diploma": (), "associate": ("associate",), "bachelor": ("bachelor",),
                 "master": ("bachelor", "master")}[level]
        for step in steps:
            year += {"associate": 2, "bachelor": 4, "master": 2}[step]
            rows.append({"level": {"associate": "کاردانی", "bachelor": "کارشناسی", "master": "کارشناسی ارشد"}[step],
                         "field": self.rnd.choice(EDUCATION_FIELDS[step]), "school": self.rnd.choice(SCHOOLS),
                         "year": str(year)})
        return rows

    def work(self, count: int, until_year: int) -> list[dict]:
        rows, year = [], until_year - 2 * count - self.rnd.randint(1, 3)
        for _ in range(count):
            if year >= until_year:
                break
            brand = self.rnd.choice(self.names.BRANDS)[0]
            activity = self.rnd.choice(self.names.COMPANY_ACTIVITIES)
            employer = self.rnd.choice(EMPLOYERS).format(brand=brand, activity=activity)
            start_month, length = self.rnd.randint(1, 12), self.rnd.randint(8, 30)
            end_year, end_month = year + (start_month + length - 1) // 12, (start_month + length - 1) % 12 + 1
            if end_year >= until_year:  # every job ended before the year they applied in
                end_year, end_month = until_year - 1, 12
            rows.append({"employer": employer, "title": self.rnd.choice(self.names.JOB_TITLES),
                         "start": f"{year}/{start_month:02d}", "end": f"{end_year}/{end_month:02d}",
                         "reason": self.rnd.choice(WORK_REASONS)})
            year = end_year + 1
        return rows


def _contacts(conn: sqlite3.Connection) -> tuple[list, list]:
    rows = conn.execute("SELECT id, kind FROM contacts ORDER BY id LIMIT 50000").fetchall()
    return [r for r in rows if r[1] != "organisation"], [r for r in rows if r[1] == "organisation"]


def _sheba(rnd: random.Random) -> str:
    from crm_desktop.cheques.demo import sheba_for

    return sheba_for(f"0{rnd.randint(10, 99)}", f"{rnd.randrange(10**12, 10**13)}")


def _count(result: FilesResult, kind: str, state: str) -> None:
    key = f"{kind}:{state}"
    result.states[key] = result.states.get(key, 0) + 1


def fill_files(conn: sqlite3.Connection, n: int, seed=1, progress=None, *, now: datetime | None = None) -> FilesResult:
    """Add ``n`` demo files of each kind (inside the caller's transaction, if any)."""
    from crm_desktop.demo.generate import report
    from crm_desktop.office import Office

    if n <= 0:
        return FilesResult()
    now = (now or datetime.now()).replace(second=0, microsecond=0)
    (first_id,) = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM files").fetchone()
    rnd = random.Random(f"{seed}:files:{first_id}")
    people, companies = _contacts(conn)
    if not people:
        raise UserError("demo files need contacts to belong to: add --contacts N",
                        "برای پرونده‌های نمونه باید مخاطبانی در دفتر تلفن باشند.")
    path = conn.execute("PRAGMA database_list").fetchone()[2] or ":memory:"
    office = Office(path, conn=conn, clock=lambda: now)
    maker = _Maker(rnd, now.date(), people, companies)
    result = FilesResult()
    # a person has at most one file of each kind; personnel and applicants are different people
    shuffled = rnd.sample(people, len(people))
    staff, applicants = shuffled[: max(1, len(shuffled) // 2)], shuffled[len(shuffled) // 2:] or shuffled
    total = 3 * n
    report(progress, 0, total, TEXT_FILES)
    for i in range(n):
        _personnel(office, maker, staff[i % len(staff)][0], i, result)
        report(progress, i + 1, total, TEXT_FILES)
    customers = rnd.sample(people, min(len(people), n))
    for i in range(n):
        use_company = companies and (rnd.random() < 0.4 or i >= len(customers))
        contact = companies[i % len(companies)][0] if use_company else customers[i % len(customers)][0]
        _customer(office, maker, contact, i, result)
        report(progress, n + i + 1, total, TEXT_FILES)
    for i in range(n):
        _applicant(office, maker, applicants[i % len(applicants)][0], i, result)
        report(progress, 2 * n + i + 1, total, TEXT_FILES)
    return result


def _personnel(office, maker: _Maker, contact_id: int, i: int, result: FilesResult) -> int:
    from crm_desktop.files.model import PersonFile

    rnd, today = maker.rnd, maker.today
    unit = rnd.choice(list(UNIT_TITLES))
    hired = today - timedelta(days=rnd.randint(40, 12 * 365))
    level = _weighted(rnd, (("diploma", 2), ("associate", 1), ("bachelor", 5), ("master", 2)))
    data = {
        "father_name": maker.father(), "birth_date": hired - timedelta(days=rnd.randint(22 * 365, 45 * 365)),
        "birth_place": rnd.choice(maker.cities), "birth_certificate": str(rnd.randint(1, 999999)),
        "marital": rnd.choice(("single", "married", "married")), "education_level": level,
        "education_field": rnd.choice(EDUCATION_FIELDS[level]), "job_title": rnd.choice(UNIT_TITLES[unit]),
        "hire_date": hired, "employment": _weighted(rnd, (("full_time", 7), ("part_time", 1), ("contract", 2))),
        "insurance_number": f"{rnd.randrange(10**9, 10**10)}", "sheba": _sheba(rnd),
        "emergency_name": maker.person_name(), "emergency_phone": maker.mobile(),
    }
    file_id = office.files.add(PersonFile("personnel", contact_id, registered_on=hired, unit=unit,
                                          referrer_id=maker.referrer(contact_id, 0.33), data=data,
                                          note=rnd.choice(PERSONNEL_NOTES)))
    result.personnel += 1
    if i % 6 == 5 and (today - hired).days > 120:  # about one in six has left
        office.files.end_employment(file_id, maker.day_between(hired + timedelta(days=90), today - timedelta(days=1)),
                                    rnd.choice(END_REASONS))
        result.former += 1
        _count(result, "personnel", "former")
    else:
        _count(result, "personnel", "active")
    return file_id


def _customer(office, maker: _Maker, contact_id: int, i: int, result: FilesResult) -> int:
    from crm_desktop.files.model import Interaction, PersonFile

    rnd, today, files = maker.rnd, maker.today, office.files
    final = ("lead", "prospect", "customer", "loyal", "inactive")[i] if i < 5 else _weighted(
        rnd, (("lead", 3), ("prospect", 3), ("customer", 4), ("loyal", 2), ("inactive", 1)))
    registered = today - timedelta(days=rnd.randint(20 if final == "lead" else 60, 720))
    source = _weighted(rnd, SOURCES)
    referrer = maker.referrer(contact_id, 1.0 if source == "referral" else 0.1)
    interests = "، ".join(rnd.sample(INTERESTS, rnd.randint(1, 3)))
    file_id = files.add(PersonFile("customer", contact_id, registered_on=registered, referrer_id=referrer,
                                   data={"source": source, "interests": interests}, note=rnd.choice(CUSTOMER_NOTES)))
    result.customers += 1
    path = list(STAGE_PATH[1:STAGE_PATH.index(final) + 1]) if final != "inactive" else \
        list(STAGE_PATH[1:rnd.randint(1, 3)]) + ["inactive"]
    days = sorted(maker.day_between(registered + timedelta(days=1), today) for _ in path)
    for stage, day in zip(path, days):
        files.set_state(file_id, stage, on=day, note="اولین خرید" if stage == "customer" else "")
    _count(result, "customer", final)
    count = rnd.randint(1, 5)
    moments = sorted(maker.at(maker.day_between(registered, today)) for _ in range(count))
    for k, at in enumerate(moments):
        kind = _weighted(rnd, INTERACTION_KINDS)
        follow_up = None
        if k == count - 1 and final != "inactive" and rnd.random() < 0.45:
            follow_up = maker.at(today + timedelta(days=rnd.randint(1, 20)))
        files.add_interaction(Interaction(file_id, kind, min(at, datetime.combine(today, time(9, 0))),
                                          rnd.choice(SUMMARIES[kind]), outcome=rnd.choice(OUTCOMES),
                                          follow_up_on=follow_up))
        result.interactions += 1
        result.follow_ups += follow_up is not None
    return file_id


def _applicant(office, maker: _Maker, contact_id: int, i: int, result: FilesResult) -> int:
    from crm_desktop.core.jalali import to_jalali
    from crm_desktop.files.model import PersonFile

    rnd, today, files = maker.rnd, maker.today, office.files
    status = ("received", "interview", "accepted", "rejected", "hired")[i] if i < 5 else _weighted(rnd, STATUS_WEIGHTS)
    registered = today - timedelta(days=rnd.randint(3 if status in ("received", "interview") else 25, 120))
    level = _weighted(rnd, (("diploma", 2), ("associate", 1), ("bachelor", 5), ("master", 2)))
    education = maker.education(level)
    last_year = int(education[-1]["year"])
    this_year = to_jalali(today)[0]
    work = maker.work(rnd.randint(0, 3), this_year) if last_year < this_year - 1 else []
    position = rnd.choice([title for titles in UNIT_TITLES.values() for title in titles])
    data = {
        "father_name": maker.father(), "birth_date": registered - timedelta(days=rnd.randint(21 * 365, 40 * 365)),
        "marital": rnd.choice(("single", "single", "married")), "education_rows": education, "work_rows": work,
        "skills": "، ".join(rnd.sample(SKILLS, rnd.randint(2, 4))), "languages": rnd.choice(LANGUAGES),
        "desired_position": position, "expected_salary": rnd.randint(15, 60) * 10_000_000,
        "available_from": today + timedelta(days=rnd.randint(0, 45)), "heard_from": rnd.choice(HEARD),
    }
    if status == "interview":  # coming up: a reminder an hour before
        data["interview_at"] = maker.at(today + timedelta(days=rnd.randint(1, 14)))
    elif status != "received":
        interview = maker.at(maker.day_between(registered + timedelta(days=3), today - timedelta(days=2)))
        data["interview_at"] = interview
        data["score"] = rnd.randint(35, 60) if status == "rejected" else rnd.randint(65, 95)
        data["interview_notes"] = rnd.choice(INTERVIEW_NOTES[:1] + INTERVIEW_NOTES[2:4] if status != "rejected"
                                             else INTERVIEW_NOTES[1:2] + INTERVIEW_NOTES[4:])
    file_id = files.add(PersonFile("applicant", contact_id, registered_on=registered,
                                   referrer_id=maker.referrer(contact_id, 0.2), data=data))
    result.applicants += 1
    result.interviews += "interview_at" in data
    if status != "received":
        files.set_state(file_id, "interview", on=registered + timedelta(days=1))
    if status in ("accepted", "rejected", "hired"):
        decided = min(today, data["interview_at"].date() + timedelta(days=rnd.randint(1, 5)))
        files.set_state(file_id, "accepted" if status == "hired" else status, on=decided)
        if status == "hired":
            hired_on = min(today, decided + timedelta(days=rnd.randint(0, 10)))
            unit = next(u for u, titles in UNIT_TITLES.items() if position in titles)
            files.hire(file_id, on=hired_on, unit=unit)
            result.hired += 1
    _count(result, "applicant", status)
    return file_id
