"""vCard files as phones write them → contacts (no database): Android 2.1 quoted-printable,
iPhone 3.0, Google 3.0, vCard 4.0, and a broken file whose bad cards are named by line."""

from pathlib import Path

import pytest

from crm_desktop.phonebook.import_rows import read_rows
from crm_desktop.phonebook.vcard import fold, parse_params, read_cards, split_structured, unescape

DATA = Path(__file__).parent / "data" / "vcards"


def contacts(name):
    rows, _ = read_rows(DATA / name)
    return rows


def by_name(rows):
    return {r.contact.display_name: r.contact for r in rows if r.ok}


def phones(contact):
    return [(p.kind, p.national, p.ext) for p in contact.phones]


# --- Android 2.1 -------------------------------------------------------------------------------

def test_android_21_quoted_printable_persian_names_with_soft_breaks():
    rows = contacts("android_21_qp.vcf")
    assert [r.ok for r in rows] == [True] * 5
    assert [r.number for r in rows] == [1, 35, 62, 74, 84]  # the BEGIN:VCARD lines
    ali = rows[0].contact
    assert (ali.first_name, ali.last_name) == ("علی", "رضایی")
    assert (ali.organisation, ali.unit, ali.job_title) == ("شرکت بازرگانی آرمان", "واحد فروش", "کارشناس فروش")
    assert ali.birthday == "1986-07-03"
    assert ali.emails == ["ali.rezaei@example.com"]


def test_android_several_tel_lines_with_bare_21_params_in_national_form():
    ali = contacts("android_21_qp.vcf")[0].contact
    assert phones(ali) == [("mobile", "09121234567", ""), ("home", "02188776655", ""), ("mobile", "09351234567", "")]
    assert ali.phones[0].number == "0912 123 4567"  # kept as the phone wrote it


def test_android_photo_block_and_custom_lines_are_skipped():
    cards = read_cards((DATA / "android_21_qp.vcf").read_bytes())
    assert not any(c.errors for c in cards)
    names = {p.name for p in cards[0].properties}
    assert "PHOTO" not in names  # the base64 block, folded over many lines, is dropped whole
    assert "X-ANDROID-CUSTOM" in names  # read, then ignored by the mapping
    assert cards[0].first("TEL").line == 7


def test_android_zwnj_title_address_note_and_yearless_birthday():
    fatemeh = contacts("android_21_qp.vcf")[1].contact
    assert fatemeh.title == "خانم"
    assert fatemeh.first_name == "فاطمه\u200cالسادات"
    assert fatemeh.last_name == "محمدی\u200cنژاد اصفهانی"
    assert fatemeh.birthday == "--11-05"
    assert [(a.province, a.city, a.street, a.postal_code) for a in fatemeh.addresses] == [
        ("اصفهان", "اصفهان", "خیابان چهارباغ عباسی، کوچه گلستان، پلاک ۱۴", "8134673111")]
    assert fatemeh.note == "مشتری قدیمی؛ پیگیری سفارش اسفند.\nشماره دوم فقط صبح\u200cها جواب می\u200cدهد."
    assert phones(fatemeh) == [("mobile", "09351112233", ""), ("fax", "03132223344", ""), ("other", "03132223345", "")]


def test_android_organisation_card_and_latin_names_with_persian_digits():
    rows = contacts("android_21_qp.vcf")
    org = rows[2].contact
    assert org.kind == "organisation" and org.organisation == "پخش البرز"
    assert phones(org) == [("work", "02634567890", ""), ("fax", "02634567891", "")]
    assert org.website == "https://alborz-pakhsh.ir"
    reza = rows[4].contact
    assert (reza.first_name, reza.last_name) == ("Reza", "Karimi")
    # a foreign number with no TYPE is kept as «other»
    assert phones(reza) == [("mobile", "09198765432", ""), ("other", "+442079460958", "")]


# --- iPhone 3.0 --------------------------------------------------------------------------------

def test_iphone_grouped_item_tel_with_labels_and_type_spellings():
    rows = contacts("iphone_30.vcf")
    assert all(r.ok for r in rows) and len(rows) == 3
    maryam = rows[0].contact
    assert maryam.title == "خانم" and maryam.display_name == "خانم مریم احمدی"
    assert phones(maryam) == [
        ("mobile", "09123456789", ""),  # TEL;type=CELL;type=VOICE;type=pref
        ("work", "02188771234", ""),  # +98 (21) 8877 1234
        ("other", "09351114455", ""),  # item1.TEL + item1.X-ABLabel:_$!<Other>!$_
        ("mobile", "09191112233", ""),  # item2 with the custom label «همراه دوم»
        ("mobile", "09012223344", ""),  # type=IPHONE
    ]
    assert maryam.emails == ["Maryam.Ahmadi@novavaran.ir"]
    assert maryam.birthday == "1990-03-21"
    assert [(a.city, a.postal_code) for a in maryam.addresses] == [("تهران", "1969833111")]


def test_iphone_birthday_without_year_and_company_card():
    rows = contacts("iphone_30.vcf")
    assert rows[1].contact.birthday == "--11-05"  # BDAY;X-APPLE-OMIT-YEAR=1604:1604-11-05
    assert phones(rows[1].contact)[1] == ("home", "02122334455", "")
    bank = rows[2].contact
    assert bank.kind == "organisation"
    assert (bank.organisation, bank.unit) == ("بانک ملت", "شعبه ونک")
    assert bank.note == "ساعت کاری: ۸ تا ۱۴\nشنبه تا چهارشنبه, پنجشنبه تعطیل"
    assert bank.website == "https://bankmellat.ir"


def test_iphone_photo_with_encoding_b_folded_is_skipped():
    cards = read_cards((DATA / "iphone_30.vcf").read_bytes())
    assert not any(c.errors for c in cards)
    assert cards[0].first("PHOTO") is None
    assert cards[0].properties[-1].name == "BDAY"


# --- Google 3.0 and vCard 4.0 -----------------------------------------------------------------------

def test_google_export_categories_become_groups_and_escapes_are_undone():
    rows = contacts("google_30.vcf")
    hossein, sara, niloufar = (r.contact for r in rows)
    assert rows[0].groups == ["همکاران"]  # "myContacts" is Google's own, not a group
    assert rows[1].groups == ["Friends", "همکاران"]
    assert hossein.website == "https://karimi.example.ir"  # https\://
    assert hossein.addresses[0].street == "بلوار وکیل\u200cآباد, نبش وکیل\u200cآباد ۲۵"
    assert (hossein.organisation, hossein.job_title, hossein.birthday) == ("دانشگاه فردوسی", "استادیار", "1979-12-25")
    assert phones(sara) == [("mobile", "09171234567", ""), ("mobile", "09171234568", "")]
    assert niloufar.birthday == "--06-30"


def test_vcard_40_uri_phones_quoted_params_and_birthday_without_year():
    rows = contacts("v40.vcf")
    zahra, shop = (r.contact for r in rows)
    assert zahra.birthday == "--03-15"  # BDAY:--0315
    assert phones(zahra) == [("mobile", "09125556677", ""), ("work", "02166778899", "204")]
    assert zahra.addresses[0].street == "خیابان انقلاب، پلاک ۵"  # LABEL="…: …" quoted, with a colon
    assert shop.kind == "organisation" and shop.organisation == "کتابفروشی ققنوس"
    assert shop.birthday == "1999-12-31"  # BDAY:19991231


def test_lf_and_crlf_line_ends_read_the_same():
    crlf = (DATA / "google_30.vcf").read_bytes()
    lf = crlf.replace(b"\r\n", b"\n")
    cr = crlf.replace(b"\r\n", b"\r")
    as_text = [[(p.name, p.value) for p in c.properties] for c in read_cards(crlf)]
    assert as_text == [[(p.name, p.value) for p in c.properties] for c in read_cards(lf)]
    assert as_text == [[(p.name, p.value) for p in c.properties] for c in read_cards(cr)]


# --- broken files ---------------------------------------------------------------------------------

def test_broken_file_reports_each_bad_card_with_its_line_number():
    rows = contacts("broken.vcf")
    assert [r.contact.display_name for r in rows if r.ok] == ["نرگس صالحی"]
    bad = [(r.number, r.errors[0]) for r in rows if not r.ok]
    assert [n for n, _ in bad] == [7, 8, 18, 20, 26, 32, 38]
    reasons = dict(bad)
    assert "بیرون از کارت" in reasons[7]  # a stray line between cards
    assert "END:VCARD" in reasons[8]  # a card cut short by the next BEGIN
    assert "سطر نامفهوم" in reasons[18] and "خط ۱۳" in reasons[18]  # garbage inside the card at line 13
    assert "نام" in reasons[20]  # no name at all
    assert "ایمیل" in reasons[26]
    assert "تاریخ تولد" in reasons[32]  # 1370/13/01
    assert "END:VCARD" in reasons[38]  # the file ends inside a card
    assert [r.name for r in rows if not r.ok][1:3] == ["کاوه موسوی", "سارا نوری"]


def test_a_cell_number_that_is_a_mobile_typo_rejects_its_card(tmp_path):
    """TYPE=CELL on 0912555 (a digit-short mobile) is reported with its line, as a CSV's mobile
    column is; a landline or a foreign number the phone labelled «mobile» is kept as «other»."""
    path = tmp_path / "android.vcf"
    path.write_bytes("\r\n".join([
        "BEGIN:VCARD", "VERSION:2.1", "N:رضایی;علی;;;", "TEL;CELL:0912555", "END:VCARD",
        "BEGIN:VCARD", "VERSION:2.1", "N:کریمی;سارا;;;", "TEL;CELL:021 8877 6655", "TEL;CELL:+44 20 7946 0958",
        "END:VCARD", ""]).encode("utf-8"))
    rows, _ = read_rows(path)
    bad, good = rows
    assert not bad.ok and bad.number == 1 and bad.name == "علی رضایی"
    assert "همراه" in bad.errors[0]
    assert good.ok and [(p.kind, p.national) for p in good.contact.phones] == [("other", "02188776655"),
                                                                               ("other", "+442079460958")]


def test_an_extension_kept_after_a_pause_or_wait_is_the_extension(tmp_path):
    """Phones keep an extension after a dial pause or wait («;456», «p12», «,12»)."""
    path = tmp_path / "phone.vcf"
    path.write_bytes("\r\n".join([
        "BEGIN:VCARD", "VERSION:3.0", "N:کریمی;حسن;;;", "TEL;type=WORK;type=VOICE:021 2233 4455;456",
        "TEL;type=HOME:02144556677p12", "TEL;type=OTHER:021 8877 6655,7", "END:VCARD", ""]).encode("utf-8"))
    (row,), _ = read_rows(path)
    assert [(p.national, p.ext) for p in row.contact.phones] == [("02122334455", "456"), ("02144556677", "12"),
                                                                 ("02188776655", "7")]


def test_empty_and_binary_files_do_not_crash():
    assert read_cards(b"") == []
    cards = read_cards(bytes(range(256)) * 4)
    assert all(c.errors for c in cards)


def test_windows_1256_line_in_a_utf8_card():
    data = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:".encode() + "رضایی;علی".replace("ی", "ي").encode("cp1256") + (
        b"\r\nTEL;CELL:09121234567\r\nEND:VCARD\r\n")
    (card,) = read_cards(data)
    assert card.first("N").parts[:2] == ["رضایی", "علی"]  # Windows-1256's Arabic ي as the Persian ی


def test_utf16_file_with_bom():
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:کریمی;حسین;;;\r\nTEL:09121234567\r\nEND:VCARD\r\n"
    (card,) = read_cards(text.encode("utf-16"))
    assert card.first("N").parts[:2] == ["کریمی", "حسین"]


# --- the syntax helpers -------------------------------------------------------------------------

@pytest.mark.parametrize("params, expected", [
    (";TYPE=CELL", {"TYPE": ["CELL"]}),
    (";type=cell;type=VOICE;type=pref", {"TYPE": ["CELL", "VOICE", "PREF"]}),
    (";TYPE=CELL,VOICE", {"TYPE": ["CELL", "VOICE"]}),
    (';TYPE="cell,voice";PREF=1', {"TYPE": ["CELL", "VOICE"], "PREF": ["1"]}),
    (";CELL;PREF", {"TYPE": ["CELL", "PREF"]}),
    (";CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE", {"CHARSET": ["UTF-8"], "ENCODING": ["QUOTED-PRINTABLE"]}),
    (";QUOTED-PRINTABLE;CHARSET=UTF-8", {"ENCODING": ["QUOTED-PRINTABLE"], "CHARSET": ["UTF-8"]}),
])
def test_parameter_spellings(params, expected):
    assert parse_params(params, "3.0") == expected


def test_structured_values_split_at_unescaped_semicolons():
    assert split_structured(r"a\;b;c\\;d") == [r"a\;b", "c\\\\", "d"]
    assert unescape(r"a\,b\nc\\d\;e") == "a,b\nc\\d;e"
    assert unescape(r"C:\temp\x", "2.1") == r"C:\temp\x"  # 2.1: a lone backslash stays


def test_fold_never_splits_a_utf8_sequence():
    line = "NOTE:" + "سلام دنیا، " * 30
    folded = fold(line)
    parts = folded.split("\r\n")[:-1]
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line
