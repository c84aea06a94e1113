"""Version 4: the cheque book — banks, cheques, the steps of each cheque's life, scanned images,
and the office's own cheque books with their leaves (see crm_desktop/cheques/).

* ``banks`` is seeded with the Iranian banks of ``cheques/banks.py``; the operator may rename,
  hide or add. Cheques store the bank's key (renaming a bank renames it everywhere).
* ``cheques``: amounts are integer rials; dates ISO text; ``due_date`` is NULL only for a
  guarantee cheque; ``status`` follows cheques/status.py and ``status_date`` is the date of the
  last step. Drawer and payee point at contacts (a contact with cheques cannot be deleted;
  merging contacts moves the cheques, see phonebook.repo).
* ``cheque_events``: every step, the first being the registration ('' → in_hand / issued).
  Undoing the last step deletes its row and restores ``from_status``.
* ``cheque_images``: the scanned image in the database itself, so that every backup carries it.
* ``cheque_books`` and ``cheque_leaves``: a leaf that is used, void or lost has a row; the
  primary key (book_id, leaf_no) — and the unique (book_id, leaf_no) on cheques — make sure a
  leaf is never issued twice. Deleting a cheque frees its leaf (the record was a mistake).

Indexes serve the cheque tab's filters with 100,000 cheques (figures in cheques/repo_search.py):
the totals footer and the ids of a page read one of the two wide covering indexes
(``cheques_by_status``, ``cheques_by_due``) without touching the table; registration date and
amount have narrow indexes for sorting only (repo_search.py keeps them out of filtering).
"""

VERSION = 4

SCHEMA = """
CREATE TABLE banks (
    key      TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    hidden   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE cheque_books (
    id             INTEGER PRIMARY KEY,
    bank           TEXT NOT NULL REFERENCES banks (key) ON UPDATE CASCADE,
    branch_name    TEXT NOT NULL DEFAULT '',
    branch_code    TEXT NOT NULL DEFAULT '',
    account_number TEXT NOT NULL,
    sheba          TEXT NOT NULL DEFAULT '',
    series         TEXT NOT NULL DEFAULT '',
    first_serial   TEXT NOT NULL,                 -- ASCII digits, with its printed width
    leaves         INTEGER NOT NULL CHECK (leaves BETWEEN 1 AND 500),
    first_sayad_id TEXT NOT NULL DEFAULT '',      -- the first leaf's Sayad ID, when known
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
);

CREATE TABLE cheques (
    id                INTEGER PRIMARY KEY,
    direction         TEXT NOT NULL CHECK (direction IN ('received', 'paid')),
    status            TEXT NOT NULL CHECK (
        (direction = 'received' AND status IN ('in_hand', 'deposited', 'cleared', 'bounced', 'spent', 'returned'))
        OR (direction = 'paid' AND status IN ('issued', 'cleared', 'bounced', 'void'))),
    status_date       TEXT NOT NULL,              -- ISO date of the last step
    sayad_id          TEXT NOT NULL,              -- 16 ASCII digits
    series            TEXT NOT NULL DEFAULT '',
    serial            TEXT NOT NULL,              -- ASCII digits
    bank              TEXT NOT NULL REFERENCES banks (key) ON UPDATE CASCADE,
    branch_name       TEXT NOT NULL DEFAULT '',
    branch_code       TEXT NOT NULL DEFAULT '',
    account_number    TEXT NOT NULL DEFAULT '',
    sheba             TEXT NOT NULL DEFAULT '',
    amount            INTEGER NOT NULL CHECK (amount > 0),   -- rials
    issue_date        TEXT,
    due_date          TEXT,
    is_guarantee      INTEGER NOT NULL DEFAULT 0,
    drawer_id         INTEGER REFERENCES contacts (id),
    payee_id          INTEGER REFERENCES contacts (id),
    payee_national_id TEXT NOT NULL DEFAULT '',
    purpose           TEXT NOT NULL DEFAULT '',
    note              TEXT NOT NULL DEFAULT '',
    book_id           INTEGER REFERENCES cheque_books (id),
    leaf_no           INTEGER,
    registered_on     TEXT NOT NULL,              -- ISO date it was recorded
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK (due_date IS NOT NULL OR is_guarantee),
    CHECK ((book_id IS NULL) = (leaf_no IS NULL)),
    CHECK (book_id IS NULL OR direction = 'paid')
);
CREATE UNIQUE INDEX cheques_by_sayad ON cheques (sayad_id);
CREATE INDEX cheques_by_serial ON cheques (serial);
-- Two wide covering indexes: every filter but the text one is answered from one of them
-- without reading the table (totals footer and the ids of a page in due-date order).
CREATE INDEX cheques_by_due ON cheques (due_date, direction, status, amount, registered_on, bank, is_guarantee,
                                        drawer_id, payee_id);
CREATE INDEX cheques_by_status ON cheques (direction, status, due_date, amount, registered_on, bank, is_guarantee,
                                           drawer_id, payee_id);
CREATE INDEX cheques_by_registered ON cheques (registered_on, id);
CREATE INDEX cheques_by_amount ON cheques (amount);
CREATE INDEX cheques_by_bank ON cheques (bank, due_date);
CREATE INDEX cheques_by_drawer ON cheques (drawer_id) WHERE drawer_id IS NOT NULL;
CREATE INDEX cheques_by_payee ON cheques (payee_id) WHERE payee_id IS NOT NULL;
CREATE UNIQUE INDEX cheques_by_leaf ON cheques (book_id, leaf_no) WHERE book_id IS NOT NULL;

CREATE TABLE cheque_events (
    id          INTEGER PRIMARY KEY,
    cheque_id   INTEGER NOT NULL REFERENCES cheques (id) ON DELETE CASCADE,
    from_status TEXT NOT NULL,                    -- '' for the registration
    to_status   TEXT NOT NULL,
    on_date     TEXT NOT NULL,                    -- ISO date of the step
    note        TEXT NOT NULL DEFAULT '',
    contact_id  INTEGER REFERENCES contacts (id), -- spent to / returned to
    account     TEXT NOT NULL DEFAULT '',         -- deposited into
    reason      TEXT NOT NULL DEFAULT '',         -- why it bounced
    created_at  TEXT NOT NULL
);
CREATE INDEX cheque_events_by_cheque ON cheque_events (cheque_id, id);
CREATE INDEX cheque_events_by_contact ON cheque_events (contact_id) WHERE contact_id IS NOT NULL;

CREATE TABLE cheque_images (
    id        INTEGER PRIMARY KEY,
    cheque_id INTEGER NOT NULL REFERENCES cheques (id) ON DELETE CASCADE,
    side      TEXT NOT NULL DEFAULT 'front' CHECK (side IN ('front', 'back')),
    mime      TEXT NOT NULL,
    data      BLOB NOT NULL,
    added_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX cheque_images_by_cheque ON cheque_images (cheque_id, side);

CREATE TABLE cheque_leaves (
    book_id   INTEGER NOT NULL REFERENCES cheque_books (id) ON DELETE CASCADE,
    leaf_no   INTEGER NOT NULL CHECK (leaf_no >= 1),
    state     TEXT NOT NULL CHECK (state IN ('used', 'void', 'lost')),
    cheque_id INTEGER REFERENCES cheques (id) ON DELETE CASCADE,
    on_date   TEXT NOT NULL,
    note      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (book_id, leaf_no),
    CHECK ((state = 'used') = (cheque_id IS NOT NULL))
) WITHOUT ROWID;
CREATE INDEX cheque_leaves_by_cheque ON cheque_leaves (cheque_id) WHERE cheque_id IS NOT NULL;
"""


def migrate(conn):
    from crm_desktop.cheques.banks import BANKS

    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    conn.executemany("INSERT INTO banks (key, name, position) VALUES (?, ?, ?)",
                     [(key, name, position) for position, (key, name) in enumerate(BANKS, start=1)])
