"""The phonebook repository on a real SQLite file: what is saved comes back whole, bad values are
refused with a Persian message naming the field, groups, custom fields, the notes log, delete
with undo and merge keep every piece of data."""

import pytest

from crm_desktop.errors import UserError, ValidationError
from crm_desktop.phonebook.model import Address, Contact, CustomField, Note, Phone
from crm_desktop.phonebook.repo import Phonebook, SearchQuery


@pytest.fixture
def changes():
    return []


@pytest.fixture
def book(conn, changes):
    return Phonebook(conn, changes.append)


def everything(**overrides) -> Contact:
    values = dict(
        kind="person", title="دکتر", first_name="علی", last_name="رضایی", organisation="شرکت فن‌آوران پارس",
        job_title="مدیر فروش", unit="بازرگانی", manager="مریم احمدی", birthday="1985-03-21",
        national_code="۰۰۱۲۳۴۵۶۷۹", website="www.example.ir", note="مشتری قدیمی",
        phones=[Phone("۰۹۱۲ ۱۲۳ ۴۵۶۷", "mobile"), Phone("021-8877 6655", "work", "۱۲")],
        emails=["Ali.Rezaei@Example.COM"],
        addresses=[Address("تهران", "تهران", "خیابان ولیعصر، پلاک ۱۲", "1345678913")],
    )
    values.update(overrides)
    return Contact(**values)


def test_a_contact_with_every_field_round_trips(book, changes):
    group = book.add_group("مشتریان", "#2E7D32")
    field = book.add_field(CustomField("شماره پرونده", "number", show_in_table=True))
    contact_id = book.add(everything(group_ids=[group], custom={field: "۱۲٬۵۰۰"}))
    got = book.get(contact_id)
    assert (got.title, got.first_name, got.last_name, got.organisation) == ("دکتر", "علی", "رضایی", "شرکت فن‌آوران پارس")
    assert (got.job_title, got.unit, got.manager) == ("مدیر فروش", "بازرگانی", "مریم احمدی")
    assert (got.birthday, got.national_code, got.website, got.note) == ("1985-03-21", "0012345679", "www.example.ir",
                                                                       "مشتری قدیمی")
    assert [(p.number, p.kind, p.ext, p.national) for p in got.phones] == [
        ("۰۹۱۲ ۱۲۳ ۴۵۶۷", "mobile", "", "09121234567"), ("021-8877 6655", "work", "۱۲", "02188776655")]
    assert got.emails == ["Ali.Rezaei@example.com"]
    assert [(a.province, a.city, a.street, a.postal_code) for a in got.addresses] == [
        ("تهران", "تهران", "خیابان ولیعصر، پلاک ۱۲", "1345678913")]
    assert got.group_ids == [group] and got.custom == {field: "12500"}
    assert got.display_name == "دکتر علی رضایی" and got.created_at and got.updated_at
    assert {"contacts"} in changes

    got.first_name, got.phones = "علیرضا", got.phones[:1]
    got.birthday = "--07-03"
    book.update(got)
    again = book.get(contact_id)
    assert again.first_name == "علیرضا" and [p.national for p in again.phones] == ["09121234567"]
    assert again.birthday == "--07-03" and again.group_ids == [group]


@pytest.mark.parametrize("contact, field, words", [
    (Contact(), "نام", "نام خانوادگی یا نام سازمان را وارد کنید"),
    (Contact(first_name="علی", phones=[Phone("0912 123")]), "تلفن همراه", "شماره همراه درست نیست"),
    (Contact(first_name="علی", emails=["ali@"]), "پست الکترونیک", "نشانی ایمیل درست نیست"),
    (Contact(first_name="علی", national_code="0012345678"), "کد ملی", "رقم کنترل"),
    (Contact(first_name="علی", addresses=[Address(postal_code="123")]), "کد پستی", "باید ۱۰ رقم باشد"),
    (Contact(first_name="علی", birthday="1985-02-30"), "تاریخ تولد", "تاریخ تولد درست نیست"),
])
def test_bad_values_are_refused_in_persian_and_nothing_is_saved(book, contact, field, words):
    with pytest.raises(ValidationError) as caught:
        book.add(contact)
    assert caught.value.field == field and words in caught.value.fa
    assert book.count() == 0


def test_update_of_a_deleted_contact_says_so(book):
    contact_id = book.add(everything())
    contact = book.get(contact_id)
    book.delete([contact_id])
    with pytest.raises(UserError) as caught:
        book.update(contact)
    assert "حذف شده" in caught.value.fa


def test_phone_owners_across_every_writing(book):
    ali = book.add(everything())
    sara = book.add(Contact(first_name="سارا", last_name="کریمی", phones=[Phone("+98 912 123 4567")]))
    book.add(Contact(first_name="رضا", phones=[Phone("0935 000 1111")]))
    for typed in ("09121234567", "+989121234567", "00989121234567", "۰۹۱۲-۱۲۳-۴۵۶۷", "912 123 4567"):
        assert book.phone_owners(typed) == [(ali, "دکتر علی رضایی"), (sara, "سارا کریمی")]
    assert book.phone_owners("09121234567", exclude_id=ali) == [(sara, "سارا کریمی")]
    assert book.phone_owners("+98 21 8877 6655") == [(ali, "دکتر علی رضایی")]
    assert book.phone_owners("09990000000") == [] and book.phone_owners("") == []
    assert book.find_by_mobile("+98 912 123 4567") == ali and book.find_by_mobile("09990000000") is None


def test_groups_counts_rename_colour_delete(book):
    customers = book.add_group("مشتریان", "#2e7d32")
    staff = book.add_group("همکاران", "#15c")
    vip = book.add_group("ویژه", "#aa0000")
    a = book.add(Contact(first_name="علی", group_ids=[customers, vip]))
    b = book.add(Contact(first_name="بابک", group_ids=[customers]))
    book.add(Contact(first_name="پری"))
    assert [(g.name, g.colour, g.count) for g in book.groups()] == [
        ("مشتریان", "#2e7d32", 2), ("ویژه", "#aa0000", 1), ("همکاران", "#1155cc", 0)]  # م و ه
    with pytest.raises(ValidationError) as caught:
        book.add_group("مشتريان")  # the same name with an Arabic yeh
    assert "از پیش هست" in caught.value.fa
    with pytest.raises(ValidationError):
        book.add_group("سبز", "green")
    book.rename_group(staff, "پرسنل")
    book.set_group_colour(staff, "#000000")
    assert book.add_to_group([a, b, b], staff) == 2 and book.add_to_group([a], staff) == 0
    assert [(g.name, g.count) for g in book.groups()] == [("پرسنل", 2), ("مشتریان", 2), ("ویژه", 1)]
    assert book.count(SearchQuery(group_id=staff)) == 2
    assert book.remove_from_group([a], staff) == 1
    book.set_contact_groups(b, [vip])
    assert book.get(b).group_ids == [vip]
    book.delete_group(vip)
    assert [g.name for g in book.groups()] == ["پرسنل", "مشتریان"]
    assert book.get(a).group_ids == [customers] and book.count() == 3  # the contacts stay
    assert book.count(SearchQuery(group_id=vip)) == 0
    with pytest.raises(ValidationError):
        book.add(Contact(first_name="ژاله", group_ids=[vip]))


def test_custom_fields_kinds_values_and_removal(book):
    number = book.add_field(CustomField("شماره پرونده", "number", show_in_table=True))
    signed = book.add_field(CustomField("تاریخ قرارداد", "date", show_in_table=True))
    level = book.add_field(CustomField("نوع مشتری", "choice", ["عمده", "خرده"]))
    note = book.add_field(CustomField("معرف", "text"))
    assert [(f.name, f.kind, f.position) for f in book.fields()] == [
        ("شماره پرونده", "number", 1), ("تاریخ قرارداد", "date", 2), ("نوع مشتری", "choice", 3), ("معرف", "text", 4)]
    with pytest.raises(ValidationError) as caught:
        book.add_field(CustomField("نوع مشتری", "text"))
    assert "از پیش هست" in caught.value.fa
    with pytest.raises(ValidationError):
        book.add_field(CustomField("بی‌گزینه", "choice", []))

    ali = book.add(Contact(first_name="علی", custom={number: "۴۲", signed: "۱۴۰۳/۰۷/۱۵", level: "عمده", note: "آقای کاظمی"}))
    assert book.get(ali).custom == {number: "42", signed: "2024-10-06", level: "عمده", note: "آقای کاظمی"}
    for bad, field, words in ((number, "شماره پرونده", "باید عدد باشد"), (signed, "تاریخ قرارداد", "روز"),
                              (level, "نوع مشتری", "از گزینه‌های")):
        value = {number: "چهل", signed: "1403/07/32", level: "متوسط"}[bad]
        with pytest.raises(ValidationError) as caught:
            book.add(Contact(first_name="رضا", custom={bad: value}))
        assert caught.value.field == field and words in caught.value.fa, caught.value.fa
    row = book.rows(SearchQuery("علی"), 0, 10)[0]
    assert row.custom == {number: "42", signed: "2024-10-06"}  # only the fields shown in the table

    with pytest.raises(ValidationError):
        book.update_field(CustomField("شماره پرونده", "text", id=number))  # values exist: kind stays
    with pytest.raises(ValidationError) as caught:
        book.update_field(CustomField("نوع مشتری", "choice", ["خرده"], id=level))
    assert "عمده" in caught.value.fa
    book.update_field(CustomField("شماره قرارداد", "number", show_in_table=False, position=9, id=number))
    assert [f.name for f in book.fields()][-1] == "شماره قرارداد"

    assert book.count(SearchQuery("کاظمی")) == 1
    book.delete_field(note)
    assert book.count(SearchQuery("کاظمی")) == 0
    got = book.get(ali)
    assert note not in got.custom and got.custom[number] == "42" and got.first_name == "علی"


def test_notes_newest_first_and_the_last_contact_date(book):
    ali = book.add(Contact(first_name="علی"))
    assert book.get(ali).last_contact_at is None
    first = book.add_note(Note(ali, "تماس اول", "call", "2025-03-01T09:00:00"))
    book.add_note(Note(ali, "جلسه حضوری", "meeting", "2025-04-10T15:30:00"))
    book.add_note(Note(ali, "  گزارش پشتیبانی  ", "support", "2025-03-15T11:00"))
    assert [(n.kind, n.text, n.at) for n in book.notes(ali)] == [
        ("meeting", "جلسه حضوری", "2025-04-10T15:30:00"), ("support", "گزارش پشتیبانی", "2025-03-15T11:00:00"),
        ("call", "تماس اول", "2025-03-01T09:00:00")]
    assert book.get(ali).last_contact_at == "2025-04-10T15:30:00"
    assert book.rows(SearchQuery(), 0, 1)[0].last_contact_at == "2025-04-10T15:30:00"
    newest = book.notes(ali)[0]
    book.delete_note(newest.id)
    assert book.get(ali).last_contact_at == "2025-03-15T11:00:00"
    book.update_note(Note(ali, "تماس اول، ویرایش‌شده", "call", "2025-05-01T08:00:00", first))
    assert book.get(ali).last_contact_at == "2025-05-01T08:00:00"
    with pytest.raises(ValidationError) as caught:
        book.add_note(Note(ali, "   "))
    assert caught.value.fa == "متن را بنویسید."
    with pytest.raises(ValidationError):
        book.add_note(Note(ali, "x", "fax"))
    with pytest.raises(UserError):
        book.add_note(Note(ali + 100, "کسی نیست"))


def test_delete_and_undo_bring_back_everything_with_the_same_ids(book, conn):
    group = book.add_group("مشتریان")
    field = book.add_field(CustomField("معرف", "text"))
    ali = book.add(everything(group_ids=[group], custom={field: "کاظمی"}))
    other = book.add(Contact(first_name="بابک"))
    note = book.add_note(Note(ali, "قرارداد بسته شد", "meeting", "2025-03-01T10:00:00"))
    before = book.get(ali)
    tables = ("contacts", "contact_phones", "contact_emails", "contact_addresses", "contact_group_members",
              "contact_custom_values", "contact_notes")
    rows_before = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}

    snapshot = book.delete([ali])
    assert snapshot.ids == [ali] and book.get(ali) is None and book.count() == 1
    assert book.count(SearchQuery("قرارداد")) == 0 and book.phone_owners("09121234567") == []
    assert conn.execute("SELECT count(*) FROM contact_notes").fetchone()[0] == 0
    assert book.add(Contact(first_name="تازه")) > ali  # a deleted id is never handed out again

    book.undo_delete(snapshot)
    assert {t: conn.execute(f"SELECT * FROM {t} WHERE {'id' if t == 'contacts' else 'contact_id'} != {ali + 2} "
                            f"ORDER BY 1, 2").fetchall() for t in tables} == rows_before
    assert book.get(ali) == before and book.notes(ali)[0].id == note
    assert book.count(SearchQuery("قرارداد")) == 1 and book.count(SearchQuery("0912 123")) == 1
    assert book.count(SearchQuery(group_id=group)) == 1
    with pytest.raises(UserError):
        book.undo_delete(snapshot)  # already back
    assert book.get(other) is not None


def test_delete_many_and_undo(book):
    ids = [book.add(Contact(first_name=f"مخاطب {i}", phones=[Phone(f"0912000000{i}")])) for i in range(5)]
    snapshot = book.delete(ids[1:4])
    assert len(snapshot) == 3 and book.count() == 2
    book.undo_delete(snapshot)
    assert [c.id for c in book.iter_contacts()] == ids


def test_merge_keeps_every_phone_note_group_and_value(book):
    customers, staff = book.add_group("مشتریان"), book.add_group("همکاران")
    field, other_field = book.add_field(CustomField("معرف", "text")), book.add_field(CustomField("شهر", "text"))
    keep = book.add(Contact(first_name="علی", last_name="رضایی", phones=[Phone("09121234567")], emails=["a@x.ir"],
                            group_ids=[customers], custom={field: "کاظمی"}, note="از نمایشگاه"))
    other = book.add(Contact(first_name="علي", last_name="رضائی", organisation="شرکت پارس", job_title="مدیر",
                             phones=[Phone("+98 912 123 4567"), Phone("021 8877 6655", "work")],
                             emails=["A@x.ir", "ali@pars.ir"], addresses=[Address(city="شیراز")],
                             group_ids=[staff], custom={field: "احمدی", other_field: "شیراز"}, note="تماس تلفنی"))
    book.add_note(Note(keep, "یادداشت اول", "note", "2025-01-01T10:00:00"))
    book.add_note(Note(other, "جلسه", "meeting", "2025-02-01T10:00:00"))
    book.merge(keep, other)
    got = book.get(keep)
    assert book.get(other) is None and book.count() == 1
    assert [p.national for p in got.phones] == ["09121234567", "02188776655"]
    assert got.emails == ["a@x.ir", "ali@pars.ir"] and [a.city for a in got.addresses] == ["شیراز"]
    assert (got.first_name, got.organisation, got.job_title) == ("علی", "شرکت پارس", "مدیر")
    assert got.note == "از نمایشگاه\nتماس تلفنی\nاز ادغام با «علي رضائی»: معرف: احمدی"  # its «معرف» is kept, not lost
    assert sorted(got.group_ids) == sorted([customers, staff])
    assert got.custom == {field: "کاظمی", other_field: "شیراز"}
    assert [n.text for n in book.notes(keep)] == ["جلسه", "یادداشت اول"]
    assert got.last_contact_at == "2025-02-01T10:00:00"
    assert [(g.name, g.count) for g in book.groups()] == [("مشتریان", 1), ("همکاران", 1)]
    assert book.count(SearchQuery("جلسه")) == 1 and book.count(SearchQuery("8877")) == 1
    assert book.count(SearchQuery("احمدی")) == 1
    with pytest.raises(UserError):
        book.merge(keep, keep)



def test_a_merge_keeps_the_other_contacts_differing_values_in_the_note(book):
    """Nothing the removed contact held is lost: a national code, birthday and custom value that
    differ from the kept ones are written into the kept contact's note (and found by search)."""
    how = book.add_field(CustomField("معرف"))
    keep = book.add(Contact(first_name="علی", last_name="رضایی", national_code="0012345679", birthday="1990-05-01",
                            job_title="حسابدار", custom={how: "حسن"}))
    other = book.add(Contact(first_name="علي", last_name="رضائي", national_code="1234567891", birthday="1985-02-10",
                             job_title="حسابدار", custom={how: "محمد"}))
    book.merge(keep, other)
    got = book.get(keep)
    assert (got.national_code, got.birthday, got.custom) == ("0012345679", "1990-05-01", {how: "حسن"})
    assert got.note == "از ادغام با «علي رضائي»: کد ملی: ۱۲۳۴۵۶۷۸۹۱؛ تاریخ تولد: ۱۳۶۳/۱۱/۲۱؛ معرف: محمد"
    assert book.count(SearchQuery("1234567891")) == 1 and book.count(SearchQuery("محمد")) == 1


def test_a_person_and_an_organisation_merge_without_trading_codes(book):
    """A legal ID is no person's national code (and a founding date no birthday): merging a
    person with an organisation keeps each kind's own, and the other's goes into the note; it
    used to fail with «کد ملی: باید ۱۰ رقم باشد» and merge nothing."""
    person = book.add(Contact(first_name="علی", last_name="رضایی", phones=[Phone("09121234567")]))
    company = book.add(Contact(kind="organisation", organisation="شرکت پارس", national_code="10100543218",
                               birthday="2001-03-21", phones=[Phone("02188776655", "work")]))
    book.merge(person, company)
    got = book.get(person)
    assert (got.kind, got.national_code, got.birthday or "", got.organisation) == ("person", "", "", "شرکت پارس")
    assert got.note == "از ادغام با «شرکت پارس»: شناسه ملی: ۱۰۱۰۰۵۴۳۲۱۸؛ تاریخ تأسیس: ۱۳۸۰/۰۱/۰۱"
    assert sorted(p.national for p in got.phones) == ["02188776655", "09121234567"]
    other = book.add(Contact(kind="organisation", organisation="شرکت آریا", national_code="10100543218"))
    someone = book.add(Contact(first_name="مریم", national_code="0012345679"))
    book.merge(other, someone)
    kept = book.get(other)
    assert (kept.kind, kept.national_code, kept.first_name) == ("organisation", "10100543218", "مریم")
    assert kept.note == "از ادغام با «مریم»: کد ملی: ۰۰۱۲۳۴۵۶۷۹"

def test_add_many_checks_everything_first(book):
    with pytest.raises(ValidationError):
        book.add_many([Contact(first_name="علی"), Contact(first_name="رضا", phones=[Phone("12")])])
    assert book.count() == 0
    calls = []
    ids = book.add_many([Contact(first_name=f"نفر {i}", phones=[Phone(f"091200000{i:02d}")]) for i in range(30)],
                        progress=lambda done, total: calls.append((done, total)))
    assert len(ids) == 30 and book.count() == 30 and calls
    assert book.count(SearchQuery("09120000017")) == 1


def test_every_write_says_what_changed(book, changes):
    contact_id = book.add(Contact(first_name="علی"))
    book.add_note(Note(contact_id, "سلام"))
    group = book.add_group("الف")
    book.add_field(CustomField("ب"))
    book.delete_group(group)
    assert changes[0] == {"contacts"} and "contact_notes" in changes[1]
    assert "contact_groups" in changes[2] and "custom_fields" in changes[3] and "contact_groups" in changes[4]


def test_two_organisations_are_told_apart_by_their_founding_date_and_legal_id():
    from crm_desktop.phonebook import merge

    a = Contact(kind="organisation", organisation="پارس", national_code="10100543218", birthday="2001-03-21")
    b = Contact(kind="organisation", organisation="پارس", national_code="10862143542", birthday="2002-03-21")
    assert merge.differences(a, b) == [("شناسه ملی", "۱۰۱۰۰۵۴۳۲۱۸", "۱۰۸۶۲۱۴۳۵۴۲"),
                                       ("تاریخ تأسیس", "۱۳۸۰/۰۱/۰۱", "۱۳۸۱/۰۱/۰۱")]
