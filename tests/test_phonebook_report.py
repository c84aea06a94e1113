"""The printed phonebook: the list (Persian order, phones, e-mails, wrapping) and one contact's
card with its notes log, from plain model objects (no database)."""

from datetime import date

import pytest

from crm_desktop.core.digits import to_latin
from crm_desktop.core.text import sort_key
from crm_desktop.errors import UserError
from crm_desktop.phonebook import report
from crm_desktop.phonebook.model import ORGANISATION, Address, Contact, CustomField, Group, Note, Phone
from crm_desktop.reports.bidi import FSI, LRI, PDI
from tests.pdf_helpers import has_persian, logical, read_pdf


TODAY = date(2025, 3, 1)


def person(first, last, *phones, title="", emails=(), organisation="", job="", cid=None):
    return Contact(
        title=title,
        first_name=first,
        last_name=last,
        organisation=organisation,
        job_title=job,
        phones=[Phone(number, kind, national=to_latin(number).replace(" ", "")) for number, kind in phones],
        emails=list(emails),
        id=cid,
    )


def persian_order(contacts):
    return sorted(contacts, key=lambda c: sort_key(c.sort_name))


CONTACTS = persian_order(
    [
        person("مریم", "احمدی", ("۰۹۱۲ ۱۲۳ ۴۵۶۷", "mobile"), ("021 8877 6655", "work"), title="خانم",
               emails=["m.ahmadi@example.com"], organisation="شرکت بازرگانی پارس", job="مدیر فروش"),
        person("علی", "پاکزاد", ("09351112222", "mobile")),
        person("ژاله", "ژیان", ("09123334444", "mobile")),
        person("کاوه", "گودرزی", ("09125556666", "mobile"), emails=["kaveh.goudarzi.long.address@university.example.ac.ir"]),
        person("بهرام", "بهرامی", ("09127778888", "mobile")),
        Contact(kind=ORGANISATION, organisation="آژانس مسافرتی کیان", phones=[Phone("021-2208-1215", "work", ext="353", national="02122081215")]),
    ]
)


def test_rows_follow_the_persian_alphabet():
    names = [c.display_name for c in CONTACTS]
    # آ < ا < ب < پ < ژ < گ (code-point order would put پ ژ گ after ی)
    assert names == ["آژانس مسافرتی کیان", "خانم مریم احمدی", "بهرام بهرامی", "علی پاکزاد", "ژاله ژیان", "کاوه گودرزی"]
    row = report.list_row(1, CONTACTS[1])
    # names and organisations are isolates of their own direction (a Latin one keeps its punctuation)
    assert row[0] == "۱" and row[1] == f"{FSI}خانم مریم احمدی{PDI}"
    assert row[2] == [f"{FSI}شرکت بازرگانی پارس{PDI}", f"{FSI}مدیر فروش{PDI}"]
    assert row[3][0] == f"{LRI}۰۹۱۲ ۱۲۳ ۴۵۶۷{PDI} (همراه)"  # the number is an LTR island
    assert row[3][1] == f"{LRI}۰۲۱ ۸۸۷۷ ۶۶۵۵{PDI} (محل\u00a0کار)"
    assert row[4] == [f"{LRI}m.ahmadi@example.com{PDI}"]
    assert report.list_columns(6)[0].fixed == 30
    assert report.list_columns(1_000_000)[0].fixed >= 7 * 4.8 + 8  # «۱۰۰۰۰۰۰» fits its column


def test_list_pdf_in_order_with_persian_digits_and_emails(tmp_path):
    out = tmp_path / "phonebook.pdf"
    result = report.write_phonebook_list(out, iter(CONTACTS), office_name="دفتر فنی پارس", count=len(CONTACTS), today=TODAY)
    assert result.contacts == 6 and result.pages == 1
    page = read_pdf(out)[0]
    assert has_persian(page, "دفتر تلفن") and has_persian(page, "همه مخاطبان")
    # Row order on the page (top to bottom) is the Persian order we passed in.
    tops = []
    for c in CONTACTS:
        first_word = c.display_name.split()[0]
        tops.append(min(w.y0 for w in page.words if logical(w.text) == first_word and w.x0 > 350))
    assert tops == sorted(tops)
    text = page.visual_text()
    assert "۰۹۱۲ ۱۲۳ ۴۵۶۷" in text  # digit groups in reading order, never swapped
    assert "۰۲۱ ۸۸۷۷ ۶۶۵۵" in text and "۰۲۱ ۲۲۰۸ ۱۲۱۵" in text
    assert "m.ahmadi@example.com" in text
    # The long e-mail wraps inside its column; nothing is lost.
    column = sorted((w for w in page.words if w.text.isascii() and w.x1 < 180), key=lambda w: (w.y0, w.x0))
    assert len(column) > 2
    assert "kaveh.goudarzi.long.address@university.example.ac.ir" in "".join(w.text for w in column)
    # The row number column is the rightmost: «۱» sits right of the name.
    one = [w for w in page.words if w.text == "۱"][0]
    right_edge = 595.28 - 14 * 72 / 25.4
    assert right_edge - 30 < one.x0 < one.x1 < right_edge  # the 30 pt «ردیف» column


def test_an_empty_list_says_so(tmp_path):
    out = tmp_path / "empty.pdf"
    result = report.write_phonebook_list(out, [], scope=report.scope_text("مشتریان"), count=0, today=TODAY)
    assert result.pages == 1 and result.contacts == 0
    page = read_pdf(out)[0]
    assert has_persian(page, "مخاطبی برای چاپ نیست")
    assert has_persian(page, "گروه «مشتریان»")


def test_a_searched_number_in_the_header_reads_left_to_right(tmp_path):
    out = tmp_path / "searched.pdf"
    report.write_phonebook_list(out, [person("علی", "رضایی", ("0912 123 4567", "mobile"))],
                                scope=report.scope_text(search="0912 123"), count=1, today=TODAY)
    page = read_pdf(out)[0]
    assert "۰۹۱۲ ۱۲۳" in page.visual_text() and "۱۲۳ ۰۹۱۲" not in page.visual_text()
    assert has_persian(page, "جستجوی")


def test_progress_is_reported_and_cancel_leaves_no_file(tmp_path):
    from crm_desktop.errors import Cancelled

    calls = []

    def progress(done, total, text=""):
        calls.append((done, total))
        if done >= 400:
            raise Cancelled()

    out = tmp_path / "big.pdf"
    many = (CONTACTS[i % len(CONTACTS)] for i in range(1000))
    with pytest.raises(Cancelled):
        report.write_phonebook_list(out, many, count=1000, progress=progress, today=TODAY)
    assert calls[:2] == [(200, 1000), (400, 1000)]
    assert list(tmp_path.iterdir()) == []


def card_contact():
    c = person("مریم", "احمدی", ("۰۹۱۲ ۱۲۳ ۴۵۶۷", "mobile"), ("021 8877 6655", "work"), title="خانم",
               emails=["m.ahmadi@example.com"], organisation="شرکت بازرگانی پارس", job="مدیر فروش", cid=7)
    c.phones[1].ext = "12"
    c.birthday = "--03-21"  # no year: 2 Farvardin (the form's day, in every year)
    c.national_code = "0012345679"
    c.addresses = [Address("تهران", "تهران", "خیابان ولیعصر، کوچه بهار، پلاک ۱۲", "1234567890")]
    c.group_ids = [1, 3]
    c.custom = {5: "2024-10-06", 6: "12"}
    c.note = "مشتری قدیمی دفتر؛ " * 30
    c.created_at = "2024-10-06T09:30:00"
    return c


NOTES = [
    Note(7, "تماس برای پیگیری پیش‌فاکتور؛ قرار شد تا پایان هفته خبر بدهد.", "call", "2025-02-20T10:30:00", id=2),
    Note(7, "جلسه حضوری در دفتر", "meeting", "2025-01-11T16:00:00", id=1),
]
FIELDS = [CustomField("تاریخ قرارداد", "date", id=5, position=1), CustomField("تعداد کاربران", "number", id=6, position=2)]


def test_contact_card_with_notes_log(tmp_path):
    out = tmp_path / "card.pdf"
    report.write_contact_card(
        out, card_contact(), NOTES, office_name="دفتر فنی پارس", group_names={1: "مشتریان", 3: "همکاران"},
        fields=FIELDS, today=TODAY,
    )
    pages = read_pdf(out)
    first = pages[0]
    for phrase in ("کارت مخاطب", "خانم مریم احمدی", "شرکت بازرگانی پارس", "مدیر فروش", "مشتریان، همکاران",
                   "۲ فروردین", "خیابان ولیعصر", "تاریخ قرارداد", "سوابق تماس"):
        assert any(has_persian(p, phrase) for p in pages), phrase
    text = "\n".join(p.visual_text() for p in pages)
    assert "۰۹۱۲ ۱۲۳ ۴۵۶۷" in text and "۰۰۱۲۳۴۵۶۷۹" in text and "۱۲۳۴۵۶۷۸۹۰" in text
    assert "m.ahmadi@example.com" in text
    assert "۱۴۰۳/۰۷/۱۵" in text  # the custom date field, in Jalali
    # Notes: newest first, as given.
    all_words = [(i, w) for i, p in enumerate(pages) for w in p.words]
    call = min((i, w.y0) for i, w in all_words if logical(w.text) == "پیگیری")
    meeting = min((i, w.y0) for i, w in all_words if logical(w.text) == "حضوری")
    assert call < meeting
    assert first.find("m.ahmadi@example.com")


def test_group_names_holding_a_comma_are_told_apart_on_the_card():
    assert report.group_list(["مشتریان", "همکاران"]) == f"{FSI}مشتریان{PDI}، {FSI}همکاران{PDI}"
    assert report.group_list(["تهران، کرج، قم", "همکاران"]) == f"«{FSI}تهران، کرج، قم{PDI}»، «{FSI}همکاران{PDI}»"


def test_a_negative_number_field_prints_its_minus_on_the_left(tmp_path):
    field = CustomField("وزن", kind="number", id=7)
    contact = person("علی", "رضایی")
    contact.custom = {7: "-2.5"}
    out = tmp_path / "card.pdf"
    report.write_contact_card(out, contact, [], fields=[field], today=TODAY)
    assert "-۲٫۵" in read_pdf(out)[0].visual_text()  # read left to right: the minus first


def test_card_of_an_organisation_without_notes(tmp_path):
    out = tmp_path / "org.pdf"
    report.write_contact_card(out, CONTACTS[0], [], today=TODAY)
    page = read_pdf(out)[0]
    assert has_persian(page, "آژانس مسافرتی کیان")
    assert has_persian(page, "یادداشتی ثبت نشده است")
    assert "۰۲۱ ۲۲۰۸ ۱۲۱۵" in page.visual_text() and "۳۵۳" in page.visual_text()


class FakePhonebook:
    def __init__(self, contacts):
        self.contacts = {c.id: c for c in contacts}

    def get(self, contact_id):
        return self.contacts.get(contact_id)

    def notes(self, contact_id):
        return NOTES

    def groups(self):
        return [Group("مشتریان", id=1), Group("همکاران", id=3)]

    def fields(self):
        return FIELDS


def test_phonebook_report_prints_one_card_by_id(tmp_path):
    out = tmp_path / "card.pdf"
    result = report.phonebook_report(FakePhonebook([card_contact()]), out, contact_id=7, today=TODAY)
    assert result.contacts == 1 and out.exists()
    with pytest.raises(UserError, match="no contact with id 8"):
        report.phonebook_report(FakePhonebook([card_contact()]), tmp_path / "x.pdf", contact_id=8)
    with pytest.raises(UserError, match="cannot be combined"):
        report.phonebook_report(FakePhonebook([]), tmp_path / "x.pdf", contact_id=7, group="مشتریان")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.pdf"]


def test_group_named_ignores_arabic_letter_forms():
    from crm_desktop.phonebook.repo_groups import group_named

    groups = [Group("مشتریان ویژه", id=1), Group("همکاران", id=2)]
    assert group_named(groups, "مشتريان  ويژه").id == 1  # Arabic ي, extra space
    with pytest.raises(UserError, match="no group named") as missing:
        group_named(groups, "تامین کنندگان")
    # each name quoted (a name may hold a «،»), isolated in its own direction
    assert missing.value.fa == (f"گروهی به نام «{FSI}تامین کنندگان{PDI}» نیست. "
                                f"گروه‌ها: «{FSI}مشتریان ویژه{PDI}»، «{FSI}همکاران{PDI}»")
    assert missing.value.message == "no group named 'تامین کنندگان' (groups: 'مشتریان ویژه', 'همکاران')"
