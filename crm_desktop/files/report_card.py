"""One personnel or customer file on paper (no Qt): ``draw_file_card(doc, office, file, contact)``.

A personnel file: every field in sections (the file, personal details, education, employment,
ways to reach, emergency contact, end of employment, note), the photo at the top left when
there is one, the attachments listed (name, size, date) and the state history. A customer's
file: its fields, the stage history, the interaction log (newest first, with the follow-ups),
the customer's cheques with a total per direction, and their reminders still to come.
Values come from the file and its phonebook contact (phones, e-mails, address, national code
are typed once, there).
"""

from __future__ import annotations

import io
from contextlib import contextmanager

from reportlab.lib.units import mm

from crm_desktop.core.digits import format_number, to_persian
from crm_desktop.files.model import CUSTOMER, INTERACTIONS, LABELS, PERSONNEL
from crm_desktop.files.report_text import (
    choice_text,
    code_text,
    day_text,
    number_text,
    phone_text,
    sheba_text,
    state_text,
)
from crm_desktop.reports.card import Field, Section
from crm_desktop.reports.page import MUTED, RULE, ReportWriter
from crm_desktop.reports.table import Column, Row, Table

PHOTO_WIDTH, PHOTO_HEIGHT = 30 * mm, 40 * mm  # a 3 × 4 photo
CHEQUES_SHOWN = 40


# --- the photo -----------------------------------------------------------------------------------

def photo_image(photo: bytes | None):
    """A reportlab ImageReader of the stored photo; None without one or when it cannot be read."""
    if not photo:
        return None
    from reportlab.lib.utils import ImageReader

    try:
        image = ImageReader(io.BytesIO(photo))
        image.getSize()
        return image
    except Exception:  # noqa: BLE001 - a damaged or unknown picture is left out, never a failed report
        return None


def draw_photo(doc: ReportWriter, image, left: float, top: float, width: float = PHOTO_WIDTH,
               height: float = PHOTO_HEIGHT) -> None:
    """The picture fitted inside a framed box (aspect kept, centred)."""
    c = doc.canvas
    iw, ih = image.getSize()
    scale = min(width / iw, height / ih)
    w, h = iw * scale, ih * scale
    c.drawImage(image, left + (width - w) / 2, top - height + (height - h) / 2, w, h, mask="auto")
    c.setStrokeColor(RULE)
    c.setLineWidth(0.7)
    c.rect(left, top - height, width, height, stroke=1, fill=0)


@contextmanager
def narrowed(doc: ReportWriter, from_left: float):
    """Draw in the content box less ``from_left`` points on the left (beside the photo)."""
    left, width = doc.left, doc.width
    doc.left, doc.width = left + from_left, width - from_left
    try:
        yield
    finally:
        doc.left, doc.width = left, width


def card_table(doc: ReportWriter, sections, *, label_width: float = 112, size: float = 9.5) -> None:
    """The label / value rows of ``sections`` (as ``reports.card.draw_card`` draws them, without
    its title): empty fields and sections left out."""
    table = Table([Column("", fixed=label_width, bold=True, colour=MUTED), Column("", width=1)], size=size,
                  header=False, zebra=False, padding=3.6)
    with table.open(doc) as t:
        for section in sections:
            fields = [f for f in section.fields if not f.is_empty()]
            if not fields:
                continue
            t.add(Row.section(section.title))
            for f in fields:
                t.row([f.label, f.text()])
    doc.y -= 4


# --- sections --------------------------------------------------------------------------------------

def _state_line(f) -> str:
    return f"{state_text(f.kind, f.state)} (از {day_text(f.state_on)})"


def reach_section(contact) -> Section:
    from crm_desktop.phonebook.model import PHONE_KINDS
    from crm_desktop.phonebook.report import phone_line

    if contact is None:
        return Section("راه‌های تماس", [])
    fields = [Field(PHONE_KINDS.get(p.kind, p.kind), phone_line(p, with_kind=False)) for p in contact.phones]
    fields += [Field("پست الکترونیک", e, ltr=True) for e in contact.emails]
    for i, a in enumerate(contact.addresses, 1):
        lines = ["، ".join(part for part in (a.province, a.city, a.street) if part)]
        if a.postal_code:
            lines.append(f"کد پستی: {code_text(a.postal_code)}")
        fields.append(Field("نشانی" if len(contact.addresses) == 1 else f"نشانی {to_persian(i)}",
                            [line for line in lines if line]))
    return Section("راه‌های تماس", fields)


def personnel_sections(f, contact, files) -> list[Section]:
    d = f.data
    hired_from = files.get(f.hired_from) if f.hired_from else None
    name = contact.display_name if contact else ""
    return [
        Section("پرونده", [
            Field(LABELS["number"], number_text(f.number)),
            Field(LABELS["registered_on"], day_text(f.registered_on)),
            Field(LABELS["state"], _state_line(f)),
            Field(LABELS["unit"], f.unit),
            Field(LABELS["referrer_id"], _name(files, f.referrer_id)),
            Field("از پرونده متقاضی", number_text(hired_from.number) if hired_from else ""),
        ]),
        Section("مشخصات فردی", [
            Field("نام و نام خانوادگی", name),
            Field(LABELS["national_code"], code_text(contact.national_code if contact else "")),
            Field(LABELS["father_name"], d.get("father_name", "")),
            Field(LABELS["birth_date"], day_text(d.get("birth_date"))),
            Field(LABELS["birth_place"], d.get("birth_place", "")),
            Field(LABELS["birth_certificate"], code_text(d.get("birth_certificate", ""))),
            Field(LABELS["marital"], choice_text("marital", d.get("marital"))),
        ]),
        Section("تحصیلات", [
            Field(LABELS["education_level"], choice_text("education_level", d.get("education_level"))),
            Field(LABELS["education_field"], d.get("education_field", "")),
        ]),
        Section("اشتغال", [
            Field(LABELS["job_title"], d.get("job_title", "")),
            Field(LABELS["hire_date"], day_text(d.get("hire_date"))),
            Field(LABELS["employment"], choice_text("employment", d.get("employment"))),
            Field(LABELS["insurance_number"], code_text(d.get("insurance_number", ""))),
            Field(LABELS["sheba"], sheba_text(d.get("sheba", ""))),
        ]),
        reach_section(contact),
        Section("تماس اضطراری", [
            Field("نام", d.get("emergency_name", "")),
            Field("تلفن", phone_text(d.get("emergency_phone", ""))),
        ]),
        Section("پایان همکاری", [
            Field("تاریخ", day_text(d.get("end_date"))),
            Field("علت", d.get("end_reason", "")),
        ]),
        Section("توضیحات", [Field(LABELS["note"], f.note)]),
    ]


def customer_sections(f, contact, files) -> list[Section]:
    from crm_desktop.phonebook.model import ORGANISATION

    d = f.data
    company = contact is not None and contact.kind == ORGANISATION
    source = choice_text("source", d.get("source"))
    return [
        Section("پرونده", [
            Field("شماره مشتری", number_text(f.number)),
            Field(LABELS["registered_on"], day_text(f.registered_on)),
            Field("مرحله", _state_line(f)),
            Field(LABELS["source"], source),
            Field(LABELS["referrer_id"], _name(files, f.referrer_id)),
            Field(LABELS["interests"], d.get("interests", "")),
        ]),
        Section("مشخصات", [
            Field("نوع", "شرکت / سازمان" if company else "شخص"),
            Field("نام", contact.display_name if contact else ""),
            Field("سازمان", "" if company or contact is None else contact.organisation),
            Field("سمت", contact.job_title if contact else ""),
            Field("شناسه ملی" if company else LABELS["national_code"],
                  code_text(contact.national_code if contact else "")),
        ]),
        reach_section(contact),
        Section("توضیحات", [Field(LABELS["note"], f.note)]),
    ]


def _name(files, contact_id) -> str:
    if not contact_id:
        return ""
    from crm_desktop.phonebook.repo import Phonebook

    contact = Phonebook(files.conn).get(contact_id)
    return contact.display_name if contact else ""


# --- logs ------------------------------------------------------------------------------------------

def state_rows(kind: str, states) -> list[list]:
    rows = []
    for before, after, on, note in states:
        change = f"ثبت: {state_text(kind, after)}" if not before else \
            f"از {state_text(kind, before)} به {state_text(kind, after)}"
        rows.append([day_text(on), change, note])
    return rows


def draw_states(doc: ReportWriter, kind: str, states) -> None:
    doc.heading("مراحل پرونده" if kind == CUSTOMER else "سابقه وضعیت", size=11.5)
    table = Table([Column("تاریخ", fixed=64, align="center"), Column("تغییر", width=1.2),
                   Column("یادداشت", width=1.5)], size=9)
    table.draw(doc, state_rows(kind, states))


def draw_attachments(doc: ReportWriter, attachments) -> None:
    doc.heading(f"پیوست‌ها ({to_persian(len(attachments))})", size=11.5)
    if not attachments:
        doc.paragraph("پیوستی ثبت نشده است.", size=9.5)
        return
    table = Table([Column("ردیف", fixed=28, align="center"), Column("نام", width=1),
                   Column("اندازه", fixed=72, align="center"), Column("تاریخ افزودن", fixed=64, align="center")],
                  size=9)
    table.draw(doc, ([to_persian(i), a.name, a.size_text, day_text((a.added_at or "")[:10])]
                     for i, a in enumerate(attachments, 1)))


def interaction_rows(interactions) -> list[list]:
    return [[day_text(i.at), INTERACTIONS.get(i.kind, i.kind), i.summary, i.outcome, day_text(i.follow_up_on)]
            for i in interactions]


def draw_interactions(doc: ReportWriter, interactions) -> None:
    doc.heading(f"تعاملات ({to_persian(len(interactions))})", size=11.5)
    if not interactions:
        doc.paragraph("تعاملی ثبت نشده است.", size=9.5)
        return
    table = Table([Column("زمان", fixed=62, align="center"), Column("نوع", fixed=58, align="center"),
                   Column("شرح", width=1.5), Column("نتیجه", width=1.1),
                   Column("پیگیری بعدی", fixed=62, align="center")], size=8.8)
    table.draw(doc, interaction_rows(interactions))


def draw_cheques(doc: ReportWriter, cheques) -> None:
    from crm_desktop.core.money import format_amount

    doc.heading(f"چک‌ها ({to_persian(len(cheques))})", size=11.5)
    if not cheques:
        doc.paragraph("چکی از این مشتری یا به نام او ثبت نشده است.", size=9.5)
        return
    table = Table([Column("سررسید", fixed=56, align="center"), Column("نوع", fixed=44, align="center"),
                   Column("وضعیت", fixed=70, align="center"), Column("مبلغ (ریال)", fixed=88),
                   Column("بانک", width=1), Column("سریال", fixed=50, align="center", ltr=True)], size=8.8)
    sums: dict[str, list[int]] = {}
    with table.open(doc) as t:
        for row in cheques[:CHEQUES_SHOWN]:
            t.row([day_text(row.due_date) or "بی‌تاریخ", row.direction_label, row.status_label,
                   format_amount(row.amount), row.bank_name, to_persian(row.serial)])
        if len(cheques) > CHEQUES_SHOWN:
            t.row(["", "", "", "", f"و {to_persian(len(cheques) - CHEQUES_SHOWN)} چک دیگر", ""])
        for row in cheques:
            total = sums.setdefault(row.direction_label, [0, 0])
            total[0] += 1
            total[1] += row.amount
        for label, (count, amount) in sums.items():
            t.subtotal(["جمع", label, f"{format_number(count)} چک", format_amount(amount), "", ""])
        bounced = sum(1 for row in cheques if row.ever_bounced)
        if bounced:
            t.row(["", "", f"{to_persian(bounced)} چک برگشتی", "", "سابقه برگشت دارد", ""])


def draw_reminders(doc: ReportWriter, reminders) -> None:
    doc.heading(f"یادآوری‌های پیش رو ({to_persian(len(reminders))})", size=11.5)
    if not reminders:
        doc.paragraph("یادآوری پیش رویی ندارد.", size=9.5)
        return
    table = Table([Column("زمان", fixed=70, align="center"), Column("موضوع", width=1.2), Column("یادداشت", width=1.5)],
                  size=8.8)
    table.draw(doc, ([day_text(r.next_at), r.subject, r.note] for r in reminders))


# --- the card --------------------------------------------------------------------------------------

def draw_file_card(doc: ReportWriter, office, f, contact) -> None:
    files = office.files
    sections = (personnel_sections if f.kind == PERSONNEL else customer_sections)(f, contact, files)
    title = contact.display_name if contact else f.number
    image = photo_image(f.photo)
    if image is None:
        doc.heading(title, size=15)
        card_table(doc, sections)
    else:
        top = doc.y
        draw_photo(doc, image, doc.left, top)
        with narrowed(doc, PHOTO_WIDTH + 12):
            doc.heading(title, size=15)
            card_table(doc, sections[:1])
        doc.y = min(doc.y, top - PHOTO_HEIGHT - 8)
        card_table(doc, sections[1:])
    if f.kind == PERSONNEL:
        draw_attachments(doc, files.attachments(f.id))
        draw_states(doc, f.kind, files.states(f.id))
        return
    draw_states(doc, f.kind, files.states(f.id))
    draw_interactions(doc, files.interactions(f.id))
    draw_cheques(doc, office.cheques.for_contact(f.contact_id))
    now = office.clock()
    upcoming = sorted((r for r in office.reminders.for_contact(f.contact_id, now=now) if r.next_at is not None),
                      key=lambda r: r.next_at)
    draw_reminders(doc, upcoming)
    attachments = files.attachments(f.id)
    if attachments:
        draw_attachments(doc, attachments)



