"""demo-data also makes files of each kind on the demo contacts: some former staff, customers in
every stage with interactions (follow-ups become reminders), applicants in every status with
education and work rows and interviews (hired ones become personnel files), with referrers."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from crm_desktop.files.model import STATES
from tests.conftest import run_cli

N = 24


def rows(db, sql, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "office.sqlite3"
    done = run_cli("demo-data", "--contacts", 300, "--reminders", 0, "--cheques", 0, "--files", N, "--seed", 4,
                   "--json", db=db)
    assert done.returncode == 0, done.stderr
    return db, json.loads(done.stdout)


def test_files_of_each_kind_are_made_and_counted(filled):
    db, report = filled
    made = report["files"]
    counts = dict(rows(db, "SELECT kind, count(*) FROM files GROUP BY kind"))
    assert (made["personnel"], made["customers"], made["applicants"]) == (N, N, N)
    assert counts == {"personnel": N + made["hired"], "customer": N, "applicant": N}
    assert report["totals"]["files"] == 3 * N + made["hired"]
    assert 2 <= made["former"] < N // 2 and made["hired"] >= 1
    states = {(kind, state) for kind, state in rows(db, "SELECT kind, state FROM files")}
    for kind in ("customer", "applicant"):
        assert {s for k, s in states if k == kind} == set(STATES[kind]), kind  # every stage, every status
    assert ("personnel", "former") in states and ("personnel", "active") in states


def test_files_belong_to_demo_contacts_and_some_were_referred(filled):
    db, _ = filled
    assert rows(db, "SELECT count(*) FROM files f LEFT JOIN contacts c ON c.id = f.contact_id WHERE c.id IS NULL") == [(0,)]
    assert rows(db, "SELECT count(*) FROM files WHERE referrer_id = contact_id") == [(0,)]
    referred = dict(rows(db, "SELECT kind, count(*) FROM files WHERE referrer_id IS NOT NULL GROUP BY kind"))
    assert all(referred.get(kind, 0) > 0 for kind in ("personnel", "customer"))
    # a referral customer names its referrer
    assert rows(db, "SELECT count(*) FROM files WHERE kind = 'customer' AND json_extract(data, '$.source') = "
                    "'referral' AND referrer_id IS NULL") == [(0,)]
    # one file per person and kind
    assert rows(db, "SELECT max(n) FROM (SELECT count(*) n FROM files WHERE hired_from IS NULL "
                    "GROUP BY kind, contact_id)") == [(1,)]


def test_stage_history_is_in_date_order_and_never_in_the_future(filled):
    db, _ = filled
    today = date.today().isoformat()
    logs = {}
    for file_id, before, after, on in rows(db, "SELECT file_id, from_state, to_state, on_date FROM file_states "
                                               "ORDER BY id"):
        logs.setdefault(file_id, []).append((before, after, on))
    for steps in logs.values():
        days = [on for _, _, on in steps]
        assert days == sorted(days) and days[-1] <= today
        assert steps[0][0] == "" and all(steps[i][1] == steps[i + 1][0] for i in range(len(steps) - 1))
    loyal = rows(db, "SELECT id FROM files WHERE kind = 'customer' AND state = 'loyal'")
    assert [s[1] for s in logs[loyal[0][0]]] == ["lead", "prospect", "customer", "loyal"]


def test_customers_have_interactions_and_follow_ups_are_reminders(filled):
    db, report = filled
    made = report["files"]
    assert rows(db, "SELECT count(*) FROM file_interactions") == [(made["interactions"],)]
    assert rows(db, "SELECT count(DISTINCT file_id) FROM file_interactions") == [(N,)]
    kinds = {k for (k,) in rows(db, "SELECT DISTINCT kind FROM file_interactions")}
    assert kinds <= {"call", "meeting", "email", "sms", "support"} and len(kinds) >= 4
    follow_ups = rows(db, "SELECT count(*) FROM file_interactions WHERE follow_up_on IS NOT NULL")[0][0]
    assert follow_ups == made["follow_ups"] > 0
    assert rows(db, "SELECT count(*) FROM reminders WHERE source = 'follow_up'") == [(follow_ups,)]


def test_applicants_have_rows_interviews_and_hired_ones_are_personnel(filled):
    db, report = filled
    made = report["files"]
    for state, data in rows(db, "SELECT state, data FROM files WHERE kind = 'applicant'"):
        data = json.loads(data)
        assert data["education_rows"] and data["education_rows"][0]["level"] == "دیپلم"
        assert data["desired_position"] and data["expected_salary"] > 0 and data["heard_from"]
        assert ("interview_at" in data) == (state != "received")
        assert ("score" in data) == (state in ("accepted", "rejected", "hired"))
    assert rows(db, "SELECT count(*) FROM files WHERE kind = 'applicant' AND "
                    "json_array_length(data, '$.work_rows') > 0")[0][0] > 0
    upcoming = rows(db, "SELECT count(*) FROM files WHERE kind = 'applicant' AND state = 'interview'")[0][0]
    assert rows(db, "SELECT count(*) FROM reminders r JOIN files f ON f.id = r.source_id "
                    "WHERE r.source = 'interview' AND f.state = 'interview' AND r.starts_at > datetime('now')") \
        == [(upcoming,)]
    hired = rows(db, "SELECT p.hired_from, a.state, json_extract(p.data, '$.job_title'), "
                     "json_extract(a.data, '$.desired_position') FROM files p JOIN files a ON a.id = p.hired_from")
    assert len(hired) == made["hired"] and all(state == "hired" and job == wanted for _, state, job, wanted in hired)


def test_the_files_print_from_the_demo_book(filled, tmp_path):
    db, _ = filled
    out = tmp_path / "customers.pdf"
    done = run_cli("report", "files", "--kind", "customer", "--out", out, db=db)
    assert done.returncode == 0, done.stderr
    assert f"{N} files" in done.stdout


def test_no_files_without_contacts_and_none_when_asked_for_none(tmp_path):
    done = run_cli("demo-data", "--contacts", 0, "--reminders", 0, "--cheques", 0, "--files", 5,
                   db=tmp_path / "empty.sqlite3")
    assert done.returncode == 2 and "demo files need contacts" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    done = run_cli("demo-data", "--contacts", 20, "--reminders", 0, "--cheques", 0, "--files", 0, "--json",
                   db=tmp_path / "none.sqlite3")
    assert done.returncode == 0 and "files" not in json.loads(done.stdout)
    assert rows(tmp_path / "none.sqlite3", "SELECT count(*) FROM files WHERE kind <> 'personnel'") == [(0,)]
    assert rows(tmp_path / "none.sqlite3", "SELECT count(*) FROM file_interactions") == [(0,)]
