"""Version 6: personnel, customer and job-applicant files (see crm_desktop/files/).

* ``files``: one row per file, each belonging to a phonebook contact; ``number`` is unique per
  kind; ``state`` is the kind's state (personnel active / former, a customer's stage, an
  applicant's status) since ``state_on``; the kind's own fields are one JSON document in ``data``.
  A contact with files cannot be deleted (the phonebook says so); merging contacts moves them.
* ``file_states``: every change of state with its date (a customer's stages, an applicant's way).
* ``file_interactions``: a customer's log (call, meeting, …); a follow-up date is a reminder.
* ``file_attachments``: scans and documents inside the database, so every backup carries them
  and a restore brings them back.
"""

VERSION = 6

SCHEMA = """
CREATE TABLE files (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('personnel', 'customer', 'applicant')),
    number        TEXT NOT NULL,
    contact_id    INTEGER NOT NULL REFERENCES contacts (id),
    registered_on TEXT NOT NULL,
    state         TEXT NOT NULL,
    state_on      TEXT NOT NULL,
    unit          TEXT NOT NULL DEFAULT '',
    referrer_id   INTEGER REFERENCES contacts (id),
    data          TEXT NOT NULL DEFAULT '{}',
    note          TEXT NOT NULL DEFAULT '',
    photo         BLOB,
    hired_from    INTEGER REFERENCES files (id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (kind, number)
);
CREATE INDEX files_by_kind_registered ON files (kind, registered_on, id);
CREATE INDEX files_by_contact ON files (contact_id);
CREATE INDEX files_by_referrer ON files (referrer_id) WHERE referrer_id IS NOT NULL;
CREATE INDEX files_by_kind_state ON files (kind, state);

CREATE TABLE file_states (
    id         INTEGER PRIMARY KEY,
    file_id    INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    from_state TEXT NOT NULL,
    to_state   TEXT NOT NULL,
    on_date    TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX file_states_by_file ON file_states (file_id, id);

CREATE TABLE file_interactions (
    id           INTEGER PRIMARY KEY,
    file_id      INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    at           TEXT NOT NULL,
    summary      TEXT NOT NULL,
    outcome      TEXT NOT NULL DEFAULT '',
    follow_up_on TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX file_interactions_by_file ON file_interactions (file_id, at);

CREATE TABLE file_attachments (
    id       INTEGER PRIMARY KEY,
    file_id  INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    mime     TEXT NOT NULL DEFAULT '',
    size     INTEGER NOT NULL,
    data     BLOB NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX file_attachments_by_file ON file_attachments (file_id, id);
"""


def migrate(conn):
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
