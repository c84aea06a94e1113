"""Cheque books: issuing takes the next unused leaf, never the same leaf twice; void and lost
leaves are recorded; a used-up book is refused with a message; the summary counts by hand.

The book in these tests: Mellat, account 123-45, first serial 000098, 5 leaves, first Sayad ID
1111222233334444 — leaf n has serial 000098 + n − 1 and Sayad ID 1111222233334444 + n − 1."""

import sqlite3
from datetime import date, datetime

import pytest

from crm_desktop.cheques.model import Cheque, ChequeBook
from crm_desktop.cheques.repo import Cheques
from crm_desktop.errors import UserError, ValidationError
from crm_desktop.office import Office
from crm_desktop.phonebook.model import Contact
from crm_desktop.storage.db import transaction

NOW = datetime(2025, 4, 1, 10, 30)


@pytest.fixture
def office(db_path):
    with Office(db_path) as office:
        yield office


@pytest.fixture
def repo(office):
    return Cheques(office.conn, clock=lambda: NOW)


@pytest.fixture
def payee(office):
    return office.phonebook.add(Contact(organisation="شرکت پارس"))


@pytest.fixture
def book(repo):
    return repo.add_book(ChequeBook(bank="mellat", account_number="123-45", first_serial="000098", leaves=5,
                                    first_sayad_id="1111222233334444", branch_name="مرکزی"))


def paid(payee, amount=5_000_000, **changes) -> Cheque:
    return Cheque(direction="paid", amount=amount, due_date=date(2025, 5, 1), payee_id=payee, **changes)


def test_issuing_takes_the_next_unused_leaf(repo, book, payee):
    first = repo.issue_from_book(book, paid(payee))
    cheque = repo.get(first)
    assert (cheque.leaf_no, cheque.serial, cheque.sayad_id, cheque.bank, cheque.account_number, cheque.branch_name) == (
        1, "000098", "1111222233334444", "mellat", "123-45", "مرکزی")
    assert cheque.status == "issued" and cheque.book_id == book
    second = repo.get(repo.issue_from_book(book, paid(payee, sayad_id="9999888877776666")))
    assert (second.leaf_no, second.serial, second.sayad_id) == (2, "000099", "9999888877776666")  # the typed Sayad ID wins
    assert repo.next_leaf(book).leaf_no == 3 and repo.next_leaf(book).serial == "000100"


def test_void_and_lost_leaves_are_skipped_and_counted(repo, book, payee):
    repo.issue_from_book(book, paid(payee))  # leaf 1
    repo.mark_leaf(book, 2, "void", note="خط‌خوردگی")
    repo.mark_leaf(book, 3, "lost", on="۱۴۰۴/۰۱/۱۰")
    third = repo.get(repo.issue_from_book(book, paid(payee)))
    assert third.leaf_no == 4 and third.serial == "000101"
    summary = repo.book_summary(book)
    assert (summary.used, summary.unused, summary.void, summary.lost) == (2, 1, 1, 1)
    assert [(leaf.leaf_no, leaf.state, leaf.serial) for leaf in summary.leaves] == [
        (1, "used", "000098"), (2, "void", "000099"), (3, "lost", "000100"), (4, "used", "000101"),
        (5, "unused", "000102")]
    assert summary.leaves[2].on == date(2025, 3, 30) and summary.leaves[1].note == "خط‌خوردگی"
    assert summary.leaves[1].state_label == "باطل" and summary.leaves[4].state_label == "استفاده‌نشده"

    # a voided cheque's leaf counts as void
    repo.set_status(third.id, "void")
    summary = repo.book_summary(book)
    assert (summary.used, summary.unused, summary.void, summary.lost) == (1, 1, 2, 1)

    # the lost leaf was found
    repo.unmark_leaf(book, 3)
    assert repo.next_leaf(book).leaf_no == 3
    with pytest.raises(UserError):
        repo.unmark_leaf(book, 1)  # an issued leaf is not a mark


def test_a_leaf_is_never_issued_twice(repo, office, book, payee):
    repo.issue_from_book(book, paid(payee))
    with pytest.raises(UserError) as caught:
        repo.issue_from_book(book, paid(payee), leaf_no=1)
    assert caught.value.fa == "برگ ۱ (سریال ۰۰۰۰۹۸) پیش‌تر صادر شده است."
    with pytest.raises(UserError) as caught:
        repo.mark_leaf(book, 1, "void")
    assert caught.value.fa == "برگ ۱ (سریال ۰۰۰۰۹۸) پیش‌تر صادر شده است."
    repo.mark_leaf(book, 2, "lost")
    with pytest.raises(UserError) as caught:
        repo.issue_from_book(book, paid(payee), leaf_no=2)
    assert caught.value.fa == "برگ ۲ (سریال ۰۰۰۰۹۹) مفقود شده است."
    with pytest.raises(UserError) as caught:
        repo.issue_from_book(book, paid(payee), leaf_no=6)
    assert caught.value.fa == "این دسته چک برگ‌های ۱ تا ۵ را دارد."
    # and the database itself refuses a second use of a leaf, whatever the code does
    with pytest.raises(sqlite3.IntegrityError), transaction(office.conn):
        office.conn.execute("INSERT INTO cheque_leaves (book_id, leaf_no, state, cheque_id, on_date) "
                            "VALUES (?, 1, 'used', 1, '2025-04-01')", (book,))
    loose = repo.add(paid(payee, sayad_id="5555666677778888", serial="42", bank="melli"))  # not from a book
    with pytest.raises(sqlite3.IntegrityError), transaction(office.conn):
        office.conn.execute("UPDATE cheques SET book_id = ?, leaf_no = 1 WHERE id = ?", (book, loose))


def test_a_failed_issue_uses_no_leaf(repo, book, payee):
    with pytest.raises(ValidationError):
        repo.issue_from_book(book, paid(payee, amount=0))
    with pytest.raises(ValidationError):
        repo.issue_from_book(book, paid(None))
    assert repo.next_leaf(book).leaf_no == 1 and repo.book_summary(book).unused == 5


def test_a_used_up_book_is_refused_with_a_message(repo, book, payee):
    for _ in range(4):
        repo.issue_from_book(book, paid(payee))
    repo.mark_leaf(book, 5, "void")
    assert repo.next_leaf(book) is None
    with pytest.raises(UserError) as caught:
        repo.issue_from_book(book, paid(payee))
    assert caught.value.fa == "همه ۵ برگ این دسته چک مصرف، باطل یا مفقود شده است؛ دسته چک تازه‌ای ثبت کنید."


def test_deleting_a_cheque_frees_its_leaf_and_books_with_cheques_stay(repo, book, payee):
    cheque_id = repo.issue_from_book(book, paid(payee))
    with pytest.raises(UserError):
        repo.delete_book(book)
    repo.delete(cheque_id)
    assert repo.next_leaf(book).leaf_no == 1
    repo.mark_leaf(book, 1, "void")
    repo.delete_book(book)
    assert repo.get_book(book) is None and repo.books() == []


def test_books_are_validated(repo):
    with pytest.raises(ValidationError) as caught:
        repo.add_book(ChequeBook(bank="nobank", account_number="1", first_serial="1"))
    assert caught.value.fa == "بانک: این بانک در فهرست بانک‌ها نیست."
    book_id = repo.add_book(ChequeBook(bank="melli", account_number="۱-۲", first_serial="۷", leaves="۱۰"))
    assert repo.get_book(book_id).leaves == 10 and repo.books("melli")[0].id == book_id
    assert repo.book_summary(book_id).leaves[0].sayad_id == ""  # unknown Sayad IDs stay unknown
    with pytest.raises(UserError):
        repo.book_summary(999)
