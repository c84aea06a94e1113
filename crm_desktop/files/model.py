"""Personnel, customer and job-applicant files (no Qt, no SQL).

Every file belongs to one phonebook contact (name, phones, address, national code live there,
typed once); the file holds what its kind adds. ``PersonFile.validate()`` checks every field
and raises the first problem as a ValidationError whose ``.fa`` starts with the field's Persian
label and whose ``.field`` is that label. Values may be typed in any digit script.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from crm_desktop.core import jalali, validators
from crm_desktop.core.digits import to_latin, to_persian
from crm_desktop.core.money import parse_amount
from crm_desktop.errors import ValidationError

PERSONNEL, CUSTOMER, APPLICANT = "personnel", "customer", "applicant"
KINDS = {PERSONNEL: "پرونده پرسنلی", CUSTOMER: "پرونده مشتری", APPLICANT: "متقاضی استخدام"}
KIND_PLURAL = {PERSONNEL: "پرسنل", CUSTOMER: "مشتریان", APPLICANT: "متقاضیان استخدام"}
DEFAULT_PREFIX = {PERSONNEL: "P-", CUSTOMER: "C-", APPLICANT: "A-"}

# the state of a file, per kind, in the order offered
STATES = {
    PERSONNEL: {"active": "شاغل", "former": "پایان همکاری"},
    CUSTOMER: {"lead": "سرنخ", "prospect": "مشتری بالقوه", "customer": "مشتری", "loyal": "مشتری وفادار",
               "inactive": "غیرفعال"},
    APPLICANT: {"received": "دریافت شده", "interview": "مصاحبه", "accepted": "پذیرفته", "rejected": "رد شده",
                "hired": "استخدام شده"},
}
INITIAL_STATE = {PERSONNEL: "active", CUSTOMER: "lead", APPLICANT: "received"}

MARITAL = {"": "", "single": "مجرد", "married": "متأهل"}
EDUCATION = {"": "", "below_diploma": "زیر دیپلم", "diploma": "دیپلم", "associate": "کاردانی", "bachelor": "کارشناسی",
             "master": "کارشناسی ارشد", "doctorate": "دکتری"}
EMPLOYMENT = {"full_time": "تمام‌وقت", "part_time": "پاره‌وقت", "contract": "قراردادی"}
SOURCES = {"": "", "website": "وب‌سایت", "exhibition": "نمایشگاه", "referral": "معرفی", "phone": "تماس تلفنی",
           "walk_in": "مراجعه حضوری", "other": "سایر"}
INTERACTIONS = {"call": "تماس", "meeting": "جلسه", "email": "ایمیل", "sms": "پیامک", "support": "درخواست پشتیبانی"}

# Persian labels of every field (ValidationError.field is one of these)
LABELS = {
    "number": "شماره پرونده", "contact_id": "شخص", "registered_on": "تاریخ ثبت", "national_code": "کد ملی",
    "referrer_id": "معرف", "state": "وضعیت", "unit": "واحد", "note": "یادداشت",
    "father_name": "نام پدر", "birth_date": "تاریخ تولد", "birth_place": "محل تولد",
    "birth_certificate": "شماره شناسنامه", "marital": "وضعیت تأهل", "education_level": "مقطع تحصیلی",
    "education_field": "رشته تحصیلی", "job_title": "سمت", "hire_date": "تاریخ استخدام",
    "employment": "نوع همکاری", "insurance_number": "شماره بیمه", "sheba": "شبای حقوق",
    "emergency_name": "تماس اضطراری", "emergency_phone": "تلفن اضطراری", "end_date": "تاریخ پایان همکاری",
    "end_reason": "علت پایان همکاری",
    "source": "منبع آشنایی", "interests": "علاقه‌مندی‌ها",
    "education_rows": "سوابق تحصیلی", "work_rows": "سوابق کاری", "skills": "مهارت‌ها", "languages": "زبان‌ها",
    "desired_position": "سمت درخواستی", "expected_salary": "حقوق درخواستی", "available_from": "آماده به کار از",
    "heard_from": "نحوه آشنایی با آگهی", "interview_at": "زمان مصاحبه", "interview_notes": "نتیجه مصاحبه",
    "score": "امتیاز مصاحبه",
}

# the kind's own fields (stored together as JSON), with their type
TEXT, DATE, DATETIME, CHOICE, MONEY, NUMBER, ROWS = "text", "date", "datetime", "choice", "money", "number", "rows"
KIND_FIELDS = {
    PERSONNEL: {"father_name": TEXT, "birth_date": DATE, "birth_place": TEXT, "birth_certificate": TEXT,
                "marital": (CHOICE, MARITAL), "education_level": (CHOICE, EDUCATION), "education_field": TEXT,
                "job_title": TEXT, "hire_date": DATE, "employment": (CHOICE, EMPLOYMENT),
                "insurance_number": TEXT, "sheba": TEXT, "emergency_name": TEXT, "emergency_phone": TEXT,
                "end_date": DATE, "end_reason": TEXT},
    CUSTOMER: {"source": (CHOICE, SOURCES), "interests": TEXT},
    APPLICANT: {"father_name": TEXT, "birth_date": DATE, "birth_place": TEXT, "marital": (CHOICE, MARITAL), "education_rows": ROWS,
                "work_rows": ROWS, "skills": TEXT, "languages": TEXT, "desired_position": TEXT,
                "expected_salary": MONEY, "available_from": DATE, "heard_from": TEXT, "interview_at": DATETIME,
                "interview_notes": TEXT, "score": NUMBER},
}
EDUCATION_ROW = ("level", "field", "school", "year")  # سوابق تحصیلی: مقطع، رشته، محل تحصیل، سال
WORK_ROW = ("employer", "title", "start", "end", "reason")  # سوابق کاری: کارفرما، سمت، از، تا، علت ترک
MAX_ATTACHMENT = 20 * 1024 * 1024
WARN_ATTACHMENT = 5 * 1024 * 1024


def _error(name: str, en: str, fa: str) -> ValidationError:
    label = LABELS.get(name, name)
    return ValidationError(f"{label}: {en}", f"{label}: {fa}", label)


def _date(value, name: str) -> str:
    """ISO text from a date, ISO text, or a typed Jalali date; '' when empty."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = to_latin(str(value)).strip()
    if len(text) == 10 and text[4] == "-" and text[:4].isdigit() and int(text[:4]) >= 1700:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise _error(name, "not a date", "تاریخ درست نیست.") from None
    return jalali.parse_date(text, LABELS.get(name, name)).isoformat()


def _datetime(value, name: str) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    text = to_latin(str(value)).strip()
    try:
        return datetime.fromisoformat(text).replace(microsecond=0).isoformat()
    except ValueError:
        return jalali.parse_datetime(text, LABELS.get(name, name)).isoformat()


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationError(f"unknown file kind {kind!r}", "نوع پرونده شناخته نیست.", "نوع پرونده")
    return kind


def clean_data(kind: str, data: dict) -> dict:
    """The kind's own fields, checked and normalised (ISO dates, ASCII digits, ints); unknown keys
    are refused, empty values dropped."""
    spec = KIND_FIELDS[check_kind(kind)]
    out: dict = {}
    for name, value in (data or {}).items():
        if name not in spec:
            raise ValidationError(f"a {kind} file has no field {name!r}", f"فیلد «{name}» در این پرونده نیست.", name)
        kind_of = spec[name]
        if isinstance(kind_of, tuple):
            choices = kind_of[1]
            value = value or ""
            if value not in choices:
                raise _error(name, f"{value!r} is not a choice", "گزینه درستی انتخاب نشده است.")
        elif kind_of == DATE:
            value = _date(value, name)
        elif kind_of == DATETIME:
            value = _datetime(value, name)
        elif kind_of == MONEY:
            value = None if value in (None, "") else (value if isinstance(value, int) else parse_amount(value, LABELS[name]))
        elif kind_of == NUMBER:
            if value in (None, ""):
                value = None
            else:
                try:
                    value = int(to_latin(str(value)).strip())
                except ValueError:
                    raise _error(name, "write a number", "عدد بنویسید.") from None
                if not 0 <= value <= 100:
                    raise _error(name, "0 to 100", "باید بین ۰ تا ۱۰۰ باشد.")
        elif kind_of == ROWS:
            keys = EDUCATION_ROW if name == "education_rows" else WORK_ROW
            rows = []
            for row in value or []:
                cleaned = {k: to_latin(str(row.get(k, "") or "")).strip() if k in ("year",) else str(row.get(k, "") or "").strip()
                           for k in keys}
                if any(cleaned.values()):
                    rows.append(cleaned)
            value = rows
        else:
            value = " ".join(str(value or "").split()) if name not in ("interview_notes",) else str(value or "").strip()
            if name in ("insurance_number", "birth_certificate", "emergency_phone"):
                value = to_latin(value)
            if name == "sheba" and value:
                value = validators.sheba(value, field=LABELS["sheba"])
        if value not in ("", None, [], {}):
            out[name] = value
    if kind == PERSONNEL and out.get("end_date") and out.get("hire_date") and out["end_date"] < out["hire_date"]:
        raise _error("end_date", "before the hire date", "نمی‌تواند پیش از تاریخ استخدام باشد.")
    return out


@dataclass
class PersonFile:
    kind: str
    contact_id: int | None
    number: str = ""  # '' → the next number with the kind's prefix
    registered_on: date | str | None = None  # '' / None → today
    state: str = ""  # '' → the kind's initial state
    unit: str = ""  # personnel: the unit (searched and listed)
    referrer_id: int | None = None  # معرف: a contact
    national_code: str | None = None  # written to the contact (one person, one code); None: leave it
    data: dict = field(default_factory=dict)
    note: str = ""
    photo: bytes | None = None
    id: int | None = None
    state_on: date | None = None
    hired_from: int | None = None
    created_at: str = ""
    updated_at: str = ""

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def state_label(self) -> str:
        return STATES[self.kind].get(self.state, self.state)

    def validate(self) -> "PersonFile":
        check_kind(self.kind)
        self.number = " ".join(to_latin(str(self.number or "")).split())
        if len(self.number) > 30:
            raise _error("number", "longer than 30 characters", "حداکثر ۳۰ نویسه است.")
        if self.contact_id in (None, "", 0):
            raise _error("contact_id", "choose the person", "شخص را از دفتر تلفن انتخاب کنید یا بسازید.")
        self.contact_id = int(self.contact_id)
        self.registered_on = _date(self.registered_on, "registered_on") or None
        self.state = self.state or INITIAL_STATE[self.kind]
        if self.state not in STATES[self.kind]:
            raise _error("state", f"{self.state!r} is not a state of a {self.kind} file", "وضعیت درست نیست.")
        self.unit = " ".join(str(self.unit or "").split())
        if self.referrer_id in ("", 0):
            self.referrer_id = None
        if self.referrer_id is not None and int(self.referrer_id) == self.contact_id:
            raise _error("referrer_id", "a person cannot refer themselves", "شخص نمی‌تواند معرف خودش باشد.")
        if self.national_code is not None:
            code = to_latin(str(self.national_code)).strip()
            if code:
                code = (validators.legal_national_id(code, field=LABELS["national_code"]) if len(code) == 11
                        else validators.national_code(code, field=LABELS["national_code"]))
            self.national_code = code
        self.data = clean_data(self.kind, self.data)
        self.note = str(self.note or "").strip()
        if self.photo is not None and len(self.photo) > MAX_ATTACHMENT:
            raise _error("photo", "larger than 20 MiB", "عکس بیش از ۲۰ مگابایت است.")
        return self


@dataclass
class Interaction:
    """One entry of a customer's interaction log; ``follow_up_on`` becomes a reminder."""

    file_id: int
    kind: str
    at: datetime | str
    summary: str
    outcome: str = ""
    follow_up_on: datetime | str | None = None
    id: int | None = None
    reminder_id: int | None = None

    @property
    def kind_label(self) -> str:
        return INTERACTIONS.get(self.kind, self.kind)

    def validate(self) -> "Interaction":
        if self.kind not in INTERACTIONS:
            raise ValidationError(f"unknown interaction {self.kind!r}", "نوع تعامل شناخته نیست.", "نوع")
        self.at = _datetime(self.at, "interview_at") if self.at else ""
        if not self.at:
            raise ValidationError("when did it happen?", "زمان تعامل را بنویسید.", "زمان")
        self.summary = str(self.summary or "").strip()
        if not self.summary:
            raise ValidationError("what was it about?", "شرح تعامل را بنویسید.", "شرح")
        self.outcome = str(self.outcome or "").strip()
        self.follow_up_on = _datetime(self.follow_up_on, "interview_at") or None
        return self


@dataclass
class Attachment:
    file_id: int
    name: str
    data: bytes = b""
    mime: str = ""
    size: int = 0
    id: int | None = None
    added_at: str = ""

    @property
    def size_text(self) -> str:
        kib = self.size / 1024
        return f"{to_persian(f'{kib / 1024:.1f}')} مگابایت" if kib >= 1024 else f"{to_persian(max(1, round(kib)))} کیلوبایت"
