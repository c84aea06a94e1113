"""Version 2: the phonebook — groups, custom fields, the notes log, the last-contact date, and the
search index (see crm_desktop/phonebook/search.py and search_index.py).

Existing contacts get their sort key from ``sort_name`` (last name first; version 1 wrote it
from whatever the inserting code chose) and are indexed for search.

The search index: ``contact_search`` holds two normalised documents per contact under a *rank*
— its place in Persian order (``sort_key``, ``id``), with small gaps — and two external-content
FTS5 tables use that rank as their rowid, so a match comes out of FTS5 already in Persian order:
the first page of any search is the first 200 rowids, with no sort. ``contact_words`` (unicode61
with prefix indexes for 1–10 characters, detail=none: every query word is a word prefix and
nothing else is asked of it) and ``contact_numbers`` (trigram: any part of a number).
Measured on a million demo contacts: contact_search 119 MiB (+14 MiB its contact index),
contact_numbers 89 MiB, contact_words 63 MiB: ≈285 MiB on a 475 MiB database; built in ≈25 s.
"""

VERSION = 2

SCHEMA = """
-- the newest notes-log entry (ISO), or NULL
ALTER TABLE contacts ADD COLUMN last_contact_at TEXT;
CREATE INDEX contacts_by_last_contact ON contacts (last_contact_at);

CREATE TABLE contact_groups (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: a group's search token outlives it
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,               -- core.text.normalise(name)
    sort_key   TEXT NOT NULL,                      -- core.text.sort_key(name)
    colour     TEXT NOT NULL DEFAULT '#1f6f8b',
    created_at TEXT NOT NULL
);

CREATE TABLE contact_group_members (
    group_id   INTEGER NOT NULL REFERENCES contact_groups (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX contact_group_members_by_contact ON contact_group_members (contact_id, group_id);

CREATE TABLE custom_fields (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL UNIQUE,            -- core.text.normalise(name)
    kind          TEXT NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'number', 'date', 'choice')),
    choices       TEXT NOT NULL DEFAULT '[]',      -- JSON list of the choice list's entries
    show_in_table INTEGER NOT NULL DEFAULT 0,
    position      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE contact_custom_values (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    field_id   INTEGER NOT NULL REFERENCES custom_fields (id) ON DELETE CASCADE,
    value      TEXT NOT NULL,   -- text / choice as written, number in ASCII digits, date ISO
    sort_value,                 -- number: a number; date: ISO; text / choice: core.text.sort_key
    PRIMARY KEY (contact_id, field_id)
) WITHOUT ROWID;
CREATE INDEX contact_custom_values_by_field ON contact_custom_values (field_id, sort_value, contact_id);

CREATE TABLE contact_notes (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL DEFAULT 'note' CHECK (kind IN ('note', 'call', 'meeting', 'support')),
    text       TEXT NOT NULL,
    at         TEXT NOT NULL,   -- ISO local date-time of the call / meeting / note
    created_at TEXT NOT NULL
);
CREATE INDEX contact_notes_by_contact ON contact_notes (contact_id, at, id);

CREATE TABLE contact_search (
    rank       INTEGER PRIMARY KEY,     -- place in Persian order, with gaps: the FTS rowid
    contact_id INTEGER NOT NULL,
    words      TEXT NOT NULL,
    numbers    TEXT NOT NULL
);
CREATE UNIQUE INDEX contact_search_by_contact ON contact_search (contact_id);
CREATE VIRTUAL TABLE contact_words USING fts5 (
    words, content='contact_search', content_rowid='rank',
    tokenize='unicode61 remove_diacritics 0', detail=none, prefix='1 2 3 4 5 6 7 8 9 10', columnsize=0
);
CREATE VIRTUAL TABLE contact_numbers USING fts5 (
    numbers, content='contact_search', content_rowid='rank', tokenize='trigram', columnsize=0
);
"""


def migrate(conn):
    from crm_desktop.core.text import sort_key
    from crm_desktop.phonebook.model import sort_name
    from crm_desktop.phonebook.search_index import rebuild

    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    changed = []
    rows = conn.execute("SELECT id, kind, first_name, last_name, organisation, display_name, sort_key FROM contacts")
    for contact_id, kind, first, last, organisation, display, old in rows:
        key = sort_key(sort_name(kind, first, last, organisation) or display)
        if key != old:
            changed.append((key, contact_id))
    conn.executemany("UPDATE contacts SET sort_key = ? WHERE id = ?", changed)
    # Built here with today's code; a later migration that changes the index must drop and
    # recreate these tables and call rebuild itself.
    rebuild(conn)
