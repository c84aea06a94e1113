"""The employment application form (فرم استخدام) on one A4 page (no Qt): boxes to write in by
hand, right to left — personal details beside a 3 × 4 photo box, the education and work
history tables with empty rows, skills and languages, the job asked for, how they heard of it,
the applicant's declaration with a date and signature, and a shaded strip for the office.

``draw_application_form(doc, None)`` draws it blank; ``draw_application_form(doc, values)``
draws the same layout with an applicant's values (``form_values(office, file)``) written in, in
dark blue; a table with more rows than the blank form has grows (and the form may then run
onto a second page: every row keeps clear of the page's foot).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor, white
from reportlab.lib.units import mm

from crm_desktop.core.digits import to_persian
from crm_desktop.core.text import normalise
from crm_desktop.files.model import EDUCATION_ROW, STATES, WORK_ROW
from crm_desktop.files.report_text import code_text, day_text, money_text, number_text, phone_text
from crm_desktop.reports import bidi, fonts
from crm_desktop.reports.page import INK, MUTED, ReportWriter, draw_line

FORM_TITLE = "فرم استخدام"
INTRO = "لطفاً همه بخش‌ها را با خط خوانا و به‌طور کامل پر کنید. اطلاعات این فرم نزد دفتر محرمانه می‌ماند."
HEARD_CHOICES = ("سایت‌های کاریابی", "وب‌سایت شرکت", "شبکه‌های اجتماعی", "روزنامه", "معرفی آشنایان")
OTHER = "سایر"
EMPTY_ROWS = 4

FRAME = HexColor("#7d8a93")
BAND = HexColor("#1f6f8b")
OFFICE_FILL = HexColor("#eef2f4")
HEAD_FILL = HexColor("#e3edf1")
VALUE_INK = HexColor("#173a8c")  # what was written in
LABEL_SIZE, VALUE_SIZE, BAND_SIZE = 8.3, 9.6, 9.8
LINE = 22.0  # one handwriting line
TABLE_ROW = 18.5
PAD = 4.0
PHOTO_WIDTH = 30 * mm
MIN_SCALE = 0.85


@dataclass
class Box:
    label: str
    value: object = ""  # text (logical order; isolates allowed)
    width: float = 1.0  # share of the row
    lines: int = 1  # handwriting lines in the blank form
    choices: tuple = ()  # tick boxes after the label
    ticked: tuple = ()  # which of them are ticked
    other: str = ""  # the text written after a ticked «سایر»


@dataclass
class Grid:
    title: str
    columns: list  # (title, share)
    rows: list = field(default_factory=list)  # each a list of cell texts


# --- values --------------------------------------------------------------------------------------

def form_values(office, f) -> dict:
    """The applicant's values for the form (every text ready to print, Persian digits)."""
    from crm_desktop.files.report_card import photo_image
    from crm_desktop.phonebook.model import ORGANISATION

    contact = office.phonebook.get(f.contact_id)
    d = f.data
    mobile = phone = email = address = ""
    if contact is not None:
        mobiles = [p for p in contact.phones if p.kind == "mobile"]
        others = [p for p in contact.phones if p.kind != "mobile"]
        mobile = phone_text(mobiles[0].national or mobiles[0].number) if mobiles else ""
        phone = phone_text(others[0].national or others[0].number) if others else ""
        email = bidi.ltr(contact.emails[0]) if contact.emails else ""
        if contact.addresses:
            a = contact.addresses[0]
            address = "، ".join(part for part in (a.province, a.city, a.street) if part)
            if a.postal_code:
                address += f" — کد پستی {code_text(a.postal_code)}"
    name = ""
    if contact is not None:
        name = contact.display_name if contact.kind == ORGANISATION else \
            " ".join(p for p in (contact.first_name, contact.last_name) if p) or contact.display_name
    score = d.get("score")
    return {
        "name": name, "father_name": d.get("father_name", ""),
        "national_code": code_text(contact.national_code if contact else ""),
        "birth_date": day_text(d.get("birth_date")), "birth_place": d.get("birth_place", ""),
        "marital": d.get("marital", ""), "mobile": mobile, "phone": phone, "email": email, "address": address,
        "education_rows": [[row.get(k, "") if k != "year" else to_persian(row.get(k, "")) for k in EDUCATION_ROW]
                           for row in d.get("education_rows", [])],
        "work_rows": [[to_persian(row.get(k, "")) if k in ("start", "end") else row.get(k, "") for k in WORK_ROW]
                      for row in d.get("work_rows", [])],
        "skills": d.get("skills", ""), "languages": d.get("languages", ""),
        "desired_position": d.get("desired_position", ""),
        "expected_salary": money_text(d.get("expected_salary")).removesuffix(" ریال"),
        "available_from": day_text(d.get("available_from")), "heard_from": d.get("heard_from", ""),
        "number": number_text(f.number), "registered_on": day_text(f.registered_on),
        "interview_at": day_text(d.get("interview_at")),
        "score": to_persian(score) if score is not None else "", "state": f.state,
        "interview_notes": d.get("interview_notes", ""), "photo": photo_image(f.photo),
    }


def _heard(value: str) -> tuple[tuple, str]:
    """(ticked choices, the «سایر» text) for how they heard of the job."""
    if not value:
        return (), ""
    wanted = normalise(value)
    for choice in HEARD_CHOICES:
        if normalise(choice) == wanted:
            return (choice,), ""
    return (OTHER,), value


# --- drawing -------------------------------------------------------------------------------------

class FormWriter:
    """Rows of boxes, tables and section bands at the document's cursor, right to left."""

    def __init__(self, doc: ReportWriter, filled: bool, scale: float = 1.0):
        self.doc = doc
        self.c = doc.canvas
        self.filled = filled
        self.line = LINE * scale  # the blank form's rows shrink a little when the page is short
        self.row = TABLE_ROW * scale

    # text
    def text(self, logical: str, left: float, right: float, baseline: float, *, font=fonts.REGULAR,
             size=LABEL_SIZE, align="right", colour=INK) -> float:
        """Draw one line; returns its width."""
        line = bidi.visual(logical, font)
        self.c.setFillColor(colour)
        draw_line(self.c, line, left, right, baseline, align, font, size)
        self.c.setFillColor(INK)
        return fonts.width(line, font, size)

    def band(self, title: str, *, keep: float) -> None:
        """A section's title band, kept on one page with ``keep`` points below it."""
        doc = self.doc
        height = BAND_SIZE * 1.75
        doc.y -= 5
        doc.ensure(height + keep)
        c = self.c
        c.setFillColor(BAND)
        c.rect(doc.left, doc.y - height, doc.width, height, stroke=0, fill=1)
        self.text(title, doc.left + PAD, doc.right - PAD * 1.5, doc.y - height + BAND_SIZE * 0.55,
                  font=fonts.BOLD, size=BAND_SIZE, colour=white)
        doc.y -= height

    # boxes
    def _value_lines(self, box: Box, width: float) -> list[str]:
        if not self.filled or box.value in (None, ""):
            return []
        return bidi.wrap(str(box.value), fonts.REGULAR, VALUE_SIZE, max(width, 20))

    def _label_width(self, box: Box) -> float:
        return fonts.width(bidi.visual(box.label, fonts.BOLD), fonts.BOLD, LABEL_SIZE)

    def row_height(self, boxes: list[Box], spans) -> float:
        height = 0.0
        for box, (left, right) in zip(boxes, spans):
            lines = self._value_lines(box, right - left - 2 * PAD - self._label_width(box) - 6)
            need = max(box.lines * self.line, self.line + (len(lines) - 1) * VALUE_SIZE * 1.55)
            height = max(height, need)
        return height

    def spans(self, boxes: list[Box], left: float, right: float) -> list[tuple[float, float]]:
        total = sum(b.width for b in boxes)
        out, x = [], right
        for b in boxes:
            w = (right - left) * b.width / total
            out.append((x - w, x))
            x -= w
        return out

    def boxes(self, boxes: list[Box], *, reserve_left: float = 0.0, fill=None) -> float:
        """One row of boxes; returns its height."""
        doc = self.doc
        spans = self.spans(boxes, doc.left + reserve_left, doc.right)
        height = self.row_height(boxes, spans)
        doc.ensure(height)
        top = doc.y
        c = self.c
        for box, (left, right) in zip(boxes, spans):
            if fill is not None:
                c.setFillColor(fill)
                c.rect(left, top - height, right - left, height, stroke=0, fill=1)
            c.setStrokeColor(FRAME)
            c.setLineWidth(0.6)
            c.rect(left, top - height, right - left, height, stroke=1, fill=0)
            self._box_content(box, left, right, top, height)
        doc.y = top - height
        return height

    def _box_content(self, box: Box, left: float, right: float, top: float, height: float) -> None:
        baseline = top - PAD - LABEL_SIZE * 1.05 - 2
        label_w = self.text(box.label, left + PAD, right - PAD, baseline, font=fonts.BOLD, colour=MUTED)
        x = right - PAD - label_w - 6
        if box.choices:
            self._choices(box, left + PAD, x, baseline)
            return
        lines = self._value_lines(box, x - left - PAD)
        for i, line in enumerate(lines):
            self.text(line, left + PAD, x, baseline - i * VALUE_SIZE * 1.55 + 0.5, size=VALUE_SIZE, colour=VALUE_INK)
        if not self.filled and box.lines > 1:  # faint guide lines to write on
            c = self.c
            c.setStrokeColor(HexColor("#c9d0d5"))
            c.setLineWidth(0.4)
            c.setDash(1, 2)
            for i in range(1, box.lines):
                y = top - (i + 1) * self.line + 5
                c.line(left + PAD, y, right - PAD, y)
            c.setDash()

    def _choices(self, box: Box, left: float, right: float, baseline: float) -> None:
        """«☐ مجرد  ☐ متأهل …» right to left; ticked ones checked in blue."""
        c = self.c
        size = 7.2
        x = right
        for choice in box.choices:
            c.setStrokeColor(INK)
            c.setLineWidth(0.6)
            c.rect(x - size, baseline - 1, size, size, stroke=1, fill=0)
            if self.filled and choice in box.ticked:
                c.setStrokeColor(VALUE_INK)
                c.setLineWidth(1.3)
                p = c.beginPath()
                p.moveTo(x - size + 1.3, baseline + 2.6)
                p.lineTo(x - size + 3.0, baseline + 0.6)
                p.lineTo(x - 0.8, baseline + size + 0.8)
                c.drawPath(p, stroke=1, fill=0)
            x -= size + 3
            x -= self.text(choice, left, x, baseline, size=LABEL_SIZE) + 11
        if OTHER in box.choices:
            # «سایر: ……» carries on to the box's end
            if self.filled and box.other:
                self.text(box.other, left, x + 6, baseline + 0.5, size=VALUE_SIZE, colour=VALUE_INK)
            elif not self.filled:
                c.setStrokeColor(HexColor("#c9d0d5"))
                c.setLineWidth(0.4)
                c.setDash(1, 2)
                c.line(left, baseline - 2, x + 6, baseline - 2)
                c.setDash()

    # tables
    def grid(self, grid: Grid) -> None:
        """A history table: a numbered column at the right, the columns, rows to write in (the
        blank form's empty rows, or the applicant's rows and empty ones up to the same count)."""
        doc = self.doc
        columns = [("ردیف", None)] + list(grid.columns)
        number_w = 26.0
        total = sum(share for _, share in grid.columns)
        free = doc.width - number_w
        spans, x = [], doc.right
        for _title, share in columns:
            w = number_w if share is None else free * share / total
            spans.append((x - w, x))
            x -= w
        rows = list(grid.rows) if self.filled else []
        rows += [[""] * len(grid.columns)] * max(0, EMPTY_ROWS - len(rows))
        head = LABEL_SIZE * 2.1
        self.band(grid.title, keep=head + self.row)
        segment_top = doc.y
        self._grid_head(columns, spans, head)
        size = VALUE_SIZE - 0.6
        for number, row in enumerate(rows, 1):
            cells = [bidi.wrap(str(v or ""), fonts.REGULAR, size, right - left - 6)
                     for v, (left, right) in zip(row, spans[1:])]
            height = max(self.row, max(len(lines) for lines in cells) * size * 1.5 + 5)
            if height > doc.space() and doc.y < doc.top:  # the rest goes on a new page, under its header
                self._grid_frame(spans, segment_top)
                doc.new_page()
                segment_top = doc.y
                self._grid_head(columns, spans, head)
            row_top = doc.y
            self.text(to_persian(number), spans[0][0], spans[0][1], row_top - height / 2 - LABEL_SIZE * 0.35,
                      align="center", colour=MUTED)
            for lines, (left, right) in zip(cells, spans[1:]):
                first = row_top - (height - len(lines) * size * 1.5) / 2 - size * 1.1
                for i, line in enumerate(lines):
                    if line:
                        self.text(line, left + 3, right - 3, first - i * size * 1.5, size=size, align="center",
                                  colour=VALUE_INK)
            doc.y = row_top - height
            c = self.c
            c.setStrokeColor(FRAME)
            c.setLineWidth(0.45)
            c.line(doc.left, doc.y, doc.right, doc.y)
        self._grid_frame(spans, segment_top)

    def _grid_head(self, columns, spans, head: float) -> None:
        doc, c = self.doc, self.c
        top = doc.y
        c.setFillColor(HEAD_FILL)
        c.rect(doc.left, top - head, doc.width, head, stroke=0, fill=1)
        for (title, _), (left, right) in zip(columns, spans):
            self.text(title, left + 2, right - 2, top - head + LABEL_SIZE * 0.75, font=fonts.BOLD, align="center",
                      colour=MUTED)
        c.setStrokeColor(FRAME)
        c.setLineWidth(0.45)
        c.line(doc.left, top - head, doc.right, top - head)
        doc.y = top - head

    def _grid_frame(self, spans, top: float) -> None:
        """Column lines and the frame of the part of a table from ``top`` to the cursor."""
        doc, c = self.doc, self.c
        c.setStrokeColor(FRAME)
        c.setLineWidth(0.45)
        for left, _right in spans[:-1]:
            c.line(left, top, left, doc.y)
        c.setLineWidth(0.7)
        c.rect(doc.left, doc.y, doc.width, top - doc.y, stroke=1, fill=0)


# --- the form ------------------------------------------------------------------------------------

def _v(values: dict | None, key: str):
    return (values or {}).get(key, "") or ""


def draw_application_form(doc: ReportWriter, values: dict | None = None) -> None:
    """The whole form at the cursor: blank (``values`` None) or filled in. When it would just
    miss the page (a long office name in the header, a filled row that wraps), its rows shrink
    by up to 15 % so that it stays on one sheet."""
    room = doc.y - doc.bottom
    full, small = _measure(doc, values, 1.0), _measure(doc, values, MIN_SCALE)
    scale = 1.0
    if full > room and small < full:
        scale = max(MIN_SCALE, 1.0 - (full - room) / (full - small) * (1.0 - MIN_SCALE) - 0.005)
    _draw(FormWriter(doc, values is not None, scale), values)


def _measure(doc: ReportWriter, values, scale: float) -> float:
    """The height the form takes at ``scale`` (drawn on nothing, no page breaks)."""
    probe = _Probe(doc)
    _draw(FormWriter(probe, values is not None, scale), values)
    return doc.y - probe.y


class _NullCanvas:
    def __getattr__(self, name):
        return lambda *args, **kwargs: self


class _Probe:
    """A stand-in for the ReportWriter that only moves its cursor."""

    def __init__(self, doc: ReportWriter):
        self.canvas = _NullCanvas()
        self.left, self.right, self.width = doc.left, doc.right, doc.width
        self.top, self.bottom, self.y = doc.top, -1e9, doc.y

    def ensure(self, height: float) -> bool:
        return False

    def space(self) -> float:
        return 1e9

    def new_page(self) -> None:
        pass

    def paragraph(self, text, *, font=fonts.REGULAR, size=10.0, leading=1.6, space_after=4.0, **_):
        self.y -= len(bidi.wrap(text, font, size, self.width)) * size * leading + space_after


def _draw(form: FormWriter, values: dict | None) -> None:
    from crm_desktop.files.model import MARITAL

    doc = form.doc
    filled = values is not None
    v = lambda key: _v(values, key)  # noqa: E731
    if not filled:
        doc.paragraph(INTRO, size=8.5, colour=MUTED, space_after=0)

    # personal details, beside the photo box
    marital = tuple(label for key, label in MARITAL.items() if key)
    personal = [
        [Box("نام و نام خانوادگی", v("name"), 1.6), Box("نام پدر", v("father_name"), 1)],
        [Box("کد ملی", v("national_code"), 1), Box("تاریخ تولد", v("birth_date"), 1),
         Box("محل تولد", v("birth_place"), 1)],
        [Box("وضعیت تأهل", width=1.25, choices=marital, ticked=(MARITAL.get(v("marital"), ""),)),
         Box("تلفن همراه", v("mobile"), 1)],
        [Box("تلفن ثابت", v("phone"), 1), Box("پست الکترونیک", v("email"), 1.3)],
        [Box("نشانی محل سکونت", v("address"), 1)],
    ]
    form.band("۱. مشخصات فردی", keep=form.line * 5)
    top = doc.y
    reserve = PHOTO_WIDTH + 4
    for row in personal:
        form.boxes(row, reserve_left=reserve)
    _photo_box(form, values, doc.left, top, top - doc.y)

    form.grid(Grid("۲. سوابق تحصیلی", [("مقطع تحصیلی", 1), ("رشته تحصیلی", 1.3),
                                        ("محل تحصیل (دانشگاه / آموزشگاه)", 1.7), ("سال فارغ‌التحصیلی", 0.8)],
                   values.get("education_rows", []) if filled else []))
    form.grid(Grid("۳. سوابق کاری", [("نام کارفرما / شرکت", 1.5), ("سمت", 1.1), ("از تاریخ", 0.65),
                                     ("تا تاریخ", 0.65), ("علت ترک کار", 1.3)],
                   values.get("work_rows", []) if filled else []))

    form.band("۴. مهارت‌ها و زبان‌ها", keep=form.line * 2)
    form.boxes([Box("مهارت‌ها (نرم‌افزاری، فنی، حرفه‌ای)", v("skills"), lines=2)])
    form.boxes([Box("زبان‌های خارجی و میزان تسلط", v("languages"))])

    form.band("۵. درخواست شغلی", keep=form.line * 2)
    form.boxes([Box("سمت درخواستی", v("desired_position"), 1.3), Box("حقوق درخواستی (ریال)", v("expected_salary"), 1),
                Box("آماده به کار از تاریخ", v("available_from"), 1)])
    ticked, other = _heard(v("heard_from"))
    form.boxes([Box("نحوه آشنایی با آگهی", choices=HEARD_CHOICES + (OTHER,), ticked=ticked, other=other)])

    form.band("۶. تعهد متقاضی", keep=form.line * 3)
    name = v("name") or "…" * 12
    doc.y -= 2
    doc.paragraph(f"اینجانب {name} صحت همه اطلاعات این فرم را تأیید می‌کنم و می‌پذیرم که اگر هر یک از آن‌ها "
                  "نادرست باشد، این درخواست و هر قراردادی که بر پایه آن بسته شود بی‌اثر است.", size=8.8,
                  space_after=2)
    form.boxes([Box("تاریخ", "", 1, lines=2), Box("امضای متقاضی", "", 1.6, lines=2)])

    form.band("ویژه دفتر (متقاضی این بخش را پر نکند)", keep=form.line * 2)
    statuses = tuple(STATES["applicant"].values())
    form.boxes([Box("شماره پرونده", v("number"), 1), Box("تاریخ دریافت", v("registered_on"), 1),
                Box("زمان مصاحبه", v("interview_at"), 1.2), Box("امتیاز مصاحبه (از ۱۰۰)", v("score"), 1)],
               fill=OFFICE_FILL)
    form.boxes([Box("نتیجه", choices=statuses, ticked=(STATES["applicant"].get(v("state"), ""),))], fill=OFFICE_FILL)
    form.boxes([Box("نظر مصاحبه‌کننده", v("interview_notes"), lines=1)], fill=OFFICE_FILL)


def _photo_box(form: FormWriter, values, left: float, top: float, height: float) -> None:
    c = form.c
    width = PHOTO_WIDTH
    c.setStrokeColor(FRAME)
    c.setLineWidth(0.6)
    c.setDash(3, 2)
    c.rect(left, top - height, width, height, stroke=1, fill=0)
    c.setDash()
    image = (values or {}).get("photo")
    if image is not None:
        from crm_desktop.files.report_card import draw_photo

        draw_photo(form.doc, image, left + 2, top - 2, width - 4, height - 4)
        return
    middle = top - height / 2
    form.text("محل الصاق عکس", left, left + width, middle + 2, align="center", colour=MUTED)
    form.text("(۳ در ۴)", left, left + width, middle - LABEL_SIZE * 1.4, align="center", colour=MUTED)
