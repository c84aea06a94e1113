"""Cheque print layouts (no Qt): a template is a leaf size in millimetres and fields placed on it;
a calibration is one printer's offset and how it is fed the leaf, kept apart from the layout.

Every length is in millimetres from the leaf's top-left corner; font sizes are in points.
``Template.validate()`` checks everything and raises the first problem as a ValidationError
whose ``.fa`` is Persian; ``problems()`` lists fields that stick out of the leaf (the designer
flags them, printing warns). ``to_json`` / ``from_json`` are the shareable file format.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import asdict, dataclass, field, fields, replace

from crm_desktop.core.digits import persian_decimal, to_persian
from crm_desktop.core.text import normalise
from crm_desktop.errors import ValidationError

FORMAT = "crm_desktop.cheque_template"
FORMAT_VERSION = 1

KINDS = {
    "date": "تاریخ (عدد)",
    "date_words": "تاریخ به حروف",
    "amount": "مبلغ (عدد)",
    "amount_words": "مبلغ به حروف",
    "payee": "در وجه",
    "national_id": "کد/شناسه ملی گیرنده",
    "purpose": "بابت",
    "text": "متن آزاد",
    "line": "خط",
}
ALIGNS = {"right": "راست", "center": "وسط", "left": "چپ"}
DIGITS = {"persian": "فارسی", "latin": "لاتین"}
FEEDS = {
    "leaf": "کاغذ به اندازه برگ چک",
    "center": "وسط سینی",
    "left": "کنار چپ سینی",
    "right": "کنار راست سینی",
    "rotated": "چرخیده ۹۰ درجه",
}
DEFAULT_FONT = "Vazirmatn"
NASTALIQ_FONT = "Noto Nastaliq Urdu"
SAYAD_WIDTH, SAYAD_HEIGHT = 175.0, 80.0
MAX_SIDE = 400.0  # mm: larger than any leaf or tray
MAX_NAME = 100  # characters of a template's name
MIN_FONT, MAX_FONT = 4.0, 72.0
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _fa(value: float) -> str:
    return persian_decimal(f"{value:g}")


@dataclass
class Field:
    """One thing printed on the leaf. ``kind`` says where its text comes from (KINDS). A line
    is drawn from (x, y) to (x + w, y + h), ``size`` points thick."""

    kind: str
    x: float
    y: float
    w: float
    h: float = 7.0
    font: str = DEFAULT_FONT
    size: float = 11.0
    bold: bool = False
    colour: str = "#000000"
    align: str = "right"
    digits: str = "persian"
    spacing: float = 0.0  # letter spacing, mm (not applied to joined Persian letters by Qt)
    text: str = ""  # the free text of a «متن آزاد» field
    guard: str = "#"  # amount in digits: printed before and after («#۱٬۲۵۰٬۰۰۰#»)
    toman: bool = False  # amount in words: also «معادل … تومان»
    line2: tuple[float, float, float] | None = None  # amount in words: (x, y, w) of a second line
    min_size: float = 7.0  # shrink no further than this to fit (then warn)

    @property
    def label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    def validate(self) -> "Field":
        if self.kind not in KINDS:
            raise ValidationError(f"unknown field kind {self.kind!r}", f"نوع فیلد «{self.kind}» شناخته نیست.", "نوع فیلد")
        for name in ("x", "y", "w", "h", "size", "spacing", "min_size"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValidationError(f"{self.kind}.{name} must be a number", f"{self.label}: «{name}» باید عدد باشد.",
                                      self.label)
            setattr(self, name, float(value))
        if self.kind != "line" and (self.w <= 0 or self.h <= 0):
            raise ValidationError(f"{self.kind}: width and height must be positive",
                                  f"{self.label}: پهنا و بلندی باید بیشتر از صفر باشد.", self.label)
        if max(abs(self.x), abs(self.y), abs(self.w), abs(self.h)) > MAX_SIDE:
            raise ValidationError(f"{self.kind}: a position beyond {MAX_SIDE} mm",
                                  f"{self.label}: اندازه‌ها بیش از {_fa(MAX_SIDE)} میلی‌متر است.", self.label)
        if not MIN_FONT <= self.size <= MAX_FONT:
            raise ValidationError(f"{self.kind}: font size {self.size} outside {MIN_FONT}-{MAX_FONT}",
                                  f"{self.label}: اندازه قلم باید بین {_fa(MIN_FONT)} و {_fa(MAX_FONT)} باشد.",
                                  self.label)
        self.min_size = min(max(MIN_FONT, self.min_size), self.size)
        if self.align not in ALIGNS:
            raise ValidationError(f"{self.kind}: align {self.align!r}", f"{self.label}: چینش شناخته نیست.", self.label)
        if self.digits not in DIGITS:
            raise ValidationError(f"{self.kind}: digits {self.digits!r}", f"{self.label}: نوع رقم شناخته نیست.",
                                  self.label)
        if not isinstance(self.colour, str) or not _COLOUR.fullmatch(self.colour):
            raise ValidationError(f"{self.kind}: colour {self.colour!r}", f"{self.label}: رنگ درست نیست.", self.label)
        self.font = (self.font or DEFAULT_FONT).strip() or DEFAULT_FONT
        if self.line2 is not None:
            if len(self.line2) != 3 or any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in self.line2):
                raise ValidationError(f"{self.kind}: line2 must be (x, y, w)", f"{self.label}: سطر دوم درست نیست.",
                                      self.label)
            self.line2 = tuple(float(v) for v in self.line2)
            if self.line2[2] <= 0:
                raise ValidationError(f"{self.kind}: line2 width must be positive",
                                      f"{self.label}: پهنای سطر دوم باید بیشتر از صفر باشد.", self.label)
        self.bold, self.toman = bool(self.bold), bool(self.toman)
        self.text, self.guard = str(self.text or ""), str(self.guard or "")
        return self

    def moved(self, dx: float, dy: float) -> "Field":
        line2 = (self.line2[0] + dx, self.line2[1] + dy, self.line2[2]) if self.line2 else None
        return replace(self, x=self.x + dx, y=self.y + dy, line2=line2)

    def boxes(self) -> list[tuple[float, float, float, float]]:
        """(x, y, w, h) of every box the field prints in (two for amount words with a line 2)."""
        if self.kind == "line":
            return [(min(self.x, self.x + self.w), min(self.y, self.y + self.h), abs(self.w), abs(self.h))]
        found = [(self.x, self.y, self.w, self.h)]
        if self.line2:
            found.append((self.line2[0], self.line2[1], self.line2[2], self.h))
        return found


@dataclass
class Template:
    name: str
    width: float = SAYAD_WIDTH
    height: float = SAYAD_HEIGHT
    fields: list[Field] = field(default_factory=list)
    note: str = ""
    background: bytes | None = None  # a scanned leaf: shown in the designer, never printed
    id: int | None = None

    def validate(self) -> "Template":
        self.name = " ".join(str(self.name or "").split())
        if not normalise(self.name):  # nothing, or only invisible marks (a half-space, ZWSP, bidi marks)
            raise ValidationError("a template needs a name", "نام نمونه چاپی را بنویسید.", "نام")
        if len(self.name) > MAX_NAME:
            raise ValidationError(f"the template name is longer than {MAX_NAME} characters",
                                  f"نام نمونه چاپی بیش از {to_persian(MAX_NAME)} نویسه است.", "نام")
        for name, label in (("width", "پهنای برگ"), ("height", "بلندی برگ")):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 20 <= value <= MAX_SIDE:
                raise ValidationError(f"{name} must be 20 to {MAX_SIDE} mm",
                                      f"{label} باید بین ۲۰ و {_fa(MAX_SIDE)} میلی‌متر باشد.", label)
            setattr(self, name, float(value))
        self.fields = [f.validate() for f in self.fields]
        self.note = str(self.note or "")
        return self

    def problems(self) -> list[tuple[int, str]]:
        """(field index, Persian message) for every field that sticks out of the leaf."""
        found = []
        for index, f in enumerate(self.fields):
            for x, y, w, h in f.boxes():
                if x < -0.01 or y < -0.01 or x + w > self.width + 0.01 or y + h > self.height + 0.01:
                    found.append((index, f"«{f.label}» از برگ چک بیرون زده است."))
                    break
        return found

    # -- the shareable file ---------------------------------------------------------------------------
    def to_json(self, *, with_background: bool = True) -> str:
        data = {"format": FORMAT, "version": FORMAT_VERSION, "name": self.name, "width": self.width,
                "height": self.height, "note": self.note,
                "fields": [_field_dict(f) for f in self.fields]}
        if with_background and self.background:
            data["background"] = base64.b64encode(self.background).decode("ascii")
        return json.dumps(data, ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, text: str) -> "Template":
        """A template from its file; a Persian ValidationError for anything malformed."""
        try:
            data = json.loads(text)
        except (TypeError, ValueError) as error:
            raise ValidationError(f"not a JSON file: {error}", "پرونده نمونه چاپی خوانا نیست (JSON درست نیست).",
                                  "پرونده") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValidationError("not a cheque template file", "این پرونده نمونه چاپی چک نیست.", "پرونده")
        if not isinstance(data.get("version"), int) or data["version"] > FORMAT_VERSION:
            raise ValidationError(f"template file version {data.get('version')!r} is newer than this program",
                                  "این پرونده با نسخه تازه‌تری از برنامه ساخته شده است.", "پرونده")
        raw_fields = data.get("fields")
        if not isinstance(raw_fields, list):
            raise ValidationError("fields must be a list", "فهرست فیلدهای پرونده درست نیست.", "پرونده")
        known = {f.name for f in fields(Field)}
        made = []
        for number, raw in enumerate(raw_fields, start=1):
            if not isinstance(raw, dict) or not {"kind", "x", "y", "w"} <= raw.keys():
                raise ValidationError(f"field {number} is malformed", f"فیلد {to_persian(number)} پرونده درست نیست.",
                                      "پرونده")
            values = {k: v for k, v in raw.items() if k in known}
            if isinstance(values.get("line2"), list):
                values["line2"] = tuple(values["line2"])
            try:
                made.append(Field(**values))
            except TypeError as error:
                raise ValidationError(f"field {number}: {error}", f"فیلد {to_persian(number)} پرونده درست نیست.",
                                      "پرونده") from None
        background = None
        if data.get("background"):
            try:
                background = base64.b64decode(data["background"], validate=True)
            except (ValueError, TypeError):
                raise ValidationError("background is not base64", "تصویر زمینه پرونده خراب است.", "پرونده") from None
        return cls(name=data.get("name", ""), width=data.get("width", SAYAD_WIDTH),
                   height=data.get("height", SAYAD_HEIGHT), fields=made, note=data.get("note", ""),
                   background=background).validate()


def _field_dict(f: Field) -> dict:
    data = asdict(f)
    if data["line2"] is not None:
        data["line2"] = list(data["line2"])
    return data


@dataclass
class Calibration:
    """How one printer puts a leaf on paper, apart from the layout: every field moves by
    (dx, dy) mm; ``feed`` says where the leaf sits (FEEDS) in a tray ``tray_width`` mm wide."""

    printer: str = ""
    dx: float = 0.0
    dy: float = 0.0
    feed: str = "leaf"
    tray_width: float = 210.0

    def validate(self) -> "Calibration":
        for name, label in (("dx", "جابه‌جایی افقی"), ("dy", "جابه‌جایی عمودی")):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or abs(value) > 50:
                raise ValidationError(f"{name} must be within ±50 mm", f"{label} باید بین ۵۰- و ۵۰ میلی‌متر باشد.",
                                      label)
            setattr(self, name, float(value))
        if self.feed not in FEEDS:
            raise ValidationError(f"unknown feed {self.feed!r}", "شیوه گذاشتن برگ در چاپگر شناخته نیست.", "شیوه ورود برگ")
        if not 50 <= float(self.tray_width) <= MAX_SIDE:
            raise ValidationError("tray width must be 50 to 400 mm", "پهنای سینی چاپگر باید بین ۵۰ و ۴۰۰ میلی‌متر باشد.",
                                  "پهنای سینی")
        self.tray_width = float(self.tray_width)
        return self

    def page_size(self, template: Template) -> tuple[float, float]:
        """The page (mm) the printer is asked for: the leaf itself, a tray-wide strip, or the
        leaf turned a quarter."""
        if self.feed == "rotated":
            return template.height, template.width
        if self.feed in ("center", "left", "right"):
            return max(self.tray_width, template.width), template.height
        return template.width, template.height

    def leaf_origin(self, template: Template) -> tuple[float, float]:
        """Where the leaf's top-left corner is on the page (before rotation), offset included."""
        page_w, _ = self.page_size(template) if self.feed != "rotated" else (template.width, template.height)
        x = {"center": (page_w - template.width) / 2, "right": page_w - template.width}.get(self.feed, 0.0)
        return x + self.dx, self.dy
