"""demo-data also makes cheques: received and paid in every status, each with the history steps
that lead there in date order, bounced ones with their reasons, guarantee cheques (some
undated), linked to the demo contacts, two cheque books with used, void and lost leaves, and
the due alerts of the cheques still waiting, exactly as the repository would keep them."""

import json
import sqlite3
from collections import Counter
from datetime import date, datetime

import pytest

from crm_desktop.cheques import status as st
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "office.sqlite3"
    done = run_cli("demo-data", "--contacts", 300, "--reminders", 0, "--cheques", 1500, "--seed", 5, "--json", db=db)
    assert done.returncode == 0, done.stderr
    return db, json.loads(done.stdout)


def copy_of(db, folder):
    """A copy to write to (the module's database stays as demo-data left it)."""
    import shutil

    copy = folder / "copy.sqlite3"
    for suffix in ("", "-wal"):
        if (db.parent / f"{db.name}{suffix}").exists():
            shutil.copy(db.parent / f"{db.name}{suffix}", folder / f"copy.sqlite3{suffix}")
    return copy


def rows(db, sql, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_every_status_of_both_directions_with_guarantee_and_bounced_cheques(filled):
    db, report = filled
    made = report["cheques"]
    assert made["cheques"] == 1500 == report["totals"]["cheques"] and made["received"] + made["paid"] == 1500
    assert 0.5 < made["received"] / 1500 < 0.7
    statuses = set(rows(db, "SELECT direction, status FROM cheques"))
    assert statuses == {(d, s) for d, labels in st.LABELS.items() for s in labels}
    assert sum(made["statuses"].values()) == 1500
    guarantee = rows(db, "SELECT count(*), count(due_date) FROM cheques WHERE is_guarantee")[0]
    assert guarantee[0] > 15 and 0 < guarantee[1] < guarantee[0]  # some of them undated
    reasons = Counter(r for (r,) in rows(db, "SELECT reason FROM cheque_events WHERE to_status = 'bounced'"))
    assert "" not in reasons and len(reasons) >= 4 and sum(reasons.values()) > 20


def test_each_cheque_is_valid_and_its_history_leads_to_its_status_in_date_order(filled):
    from crm_desktop.office import Office

    db, _ = filled
    today = date.today()
    with Office(db) as office:
        repo = office.cheques
        for cheque_id in range(1, 1501):
            cheque = repo.get(cheque_id)
            cheque.validate()  # Sayad ID, Sheba, payee's national ID, amounts, dates
            steps = repo.history(cheque_id)
            assert steps[0].from_status == "" and steps[0].to_status == st.INITIAL[cheque.direction]
            assert steps[0].on == cheque.registered_on
            for before, step in zip(steps, steps[1:]):
                assert step.from_status == before.to_status
                assert step.to_status in st.NEXT[cheque.direction][step.from_status]
                assert before.on <= step.on <= today
                needed = st.needs(cheque.direction, step.to_status)
                assert ("account" not in needed or step.account) and ("reason" not in needed or step.reason)
                assert "contact" not in needed or step.contact_id not in (None, cheque.drawer_id)
                if step.to_status == st.RETURNED:
                    assert step.contact_id == cheque.drawer_id
            assert steps[-1].to_status == cheque.status and steps[-1].on == cheque.status_date
            if cheque.status in (st.CLEARED, st.BOUNCED):
                assert cheque.due_date <= today  # cleared or bounced only once due
            if cheque.due_date and cheque.issue_date:
                assert cheque.issue_date <= cheque.due_date
            party = cheque.drawer_id if cheque.direction == st.RECEIVED else cheque.payee_id
            assert party is not None and office.phonebook.get(party) is not None


def test_two_cheque_books_with_used_void_and_lost_leaves(filled, tmp_path):
    from crm_desktop.office import Office

    db, report = filled
    db = copy_of(db, tmp_path)
    made = report["cheques"]
    assert (made["books"], made["leaves_void"], made["leaves_lost"]) == (2, 3, 1) and made["leaves_used"] > 30
    with Office(db) as office:
        repo = office.cheques
        summaries = [repo.book_summary(book.id) for book in repo.books()]
        assert sum(s.lost for s in summaries) == 1 and sum(s.void for s in summaries) >= 3
        assert sum(s.used for s in summaries) + sum(s.void for s in summaries) - 3 == made["leaves_used"]
        assert any(s.unused for s in summaries)  # the newer book still has unused leaves
        for summary in summaries:
            for leaf in summary.leaves:
                if leaf.cheque_id is not None:
                    cheque = repo.get(leaf.cheque_id)
                    assert (cheque.book_id, cheque.leaf_no, cheque.serial, cheque.bank, cheque.direction) == (
                        summary.book.id, leaf.leaf_no, summary.book.serial_of(leaf.leaf_no), summary.book.bank, "paid")
                    if summary.book.first_sayad_id:
                        assert cheque.sayad_id == summary.book.sayad_of(leaf.leaf_no)
        # the next issue takes the next unused leaf, never one already used, void or lost
        book = next(s for s in summaries if s.unused)
        from crm_desktop.cheques.model import Cheque

        new_id = repo.issue_from_book(book.book.id, Cheque(sayad_id="" if book.book.first_sayad_id else "9999000011112222",
                                                           amount=1_000_000, due_date=date(2031, 1, 1), payee_id=1))
        assert repo.get(new_id).leaf_no == book.next_leaf.leaf_no


def test_due_alerts_are_the_ones_the_repository_keeps(filled, tmp_path):
    from crm_desktop.cheques import alerts
    from crm_desktop.office import Office

    db, report = filled
    copy = copy_of(db, tmp_path)
    made = rows(copy, "SELECT source_id, subject, starts_at, advance, contact_id FROM reminders WHERE source = 'cheque' "
                      "ORDER BY source_id")
    with Office(copy) as office:
        pending = office.cheques.pending_ids()
        assert [r[0] for r in made] == pending and len(pending) == report["cheques"]["alerts"] > 100
        alerts.sync_all_due_alerts(office)  # what any later write would do: nothing changes
    assert rows(copy, "SELECT source_id, subject, starts_at, advance, contact_id FROM reminders "
                      "WHERE source = 'cheque' ORDER BY source_id") == made
    assert all(r[3] == "[4320]" for r in made) and all("سررسید چک" in r[1] for r in made)


def test_the_same_seed_makes_the_same_cheques(tmp_path):
    from crm_desktop.cheques.demo import fill_cheques
    from crm_desktop.demo.generate import fill_contacts
    from crm_desktop.storage.db import open_database, transaction

    now = datetime(2030, 5, 1, 9, 0)
    dumps = []
    for name in ("a", "b"):
        conn = open_database(tmp_path / f"{name}.sqlite3")
        try:
            with transaction(conn):
                fill_contacts(conn, 50, 7, None)
                fill_cheques(conn, 200, 7, None, now=now)
            dumps.append(conn.execute("SELECT * FROM cheques ORDER BY id").fetchall()
                         + conn.execute("SELECT * FROM cheque_events ORDER BY id").fetchall())
        finally:
            conn.close()
    assert dumps[0] == dumps[1] and len(dumps[0]) > 400


def test_cheques_need_contacts(tmp_path):
    done = run_cli("demo-data", "--contacts", 0, "--reminders", 0, "--cheques", 10, db=tmp_path / "empty.sqlite3")
    assert done.returncode == 2 and "--contacts" in done.stderr and len(done.stderr.strip().splitlines()) == 1
