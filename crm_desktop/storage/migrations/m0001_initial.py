"""Version 1: settings and the contacts every feature points at."""

VERSION = 1

SCHEMA = """
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'organisation')),
    title         TEXT NOT NULL DEFAULT '',
    first_name    TEXT NOT NULL DEFAULT '',
    last_name     TEXT NOT NULL DEFAULT '',
    organisation  TEXT NOT NULL DEFAULT '',
    job_title     TEXT NOT NULL DEFAULT '',
    unit          TEXT NOT NULL DEFAULT '',
    manager       TEXT NOT NULL DEFAULT '',
    birthday      TEXT,                       -- ISO 'YYYY-MM-DD', or '--MM-DD' without a year
    national_code TEXT NOT NULL DEFAULT '',
    website       TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    display_name  TEXT NOT NULL DEFAULT '',   -- what lists show
    sort_key      TEXT NOT NULL DEFAULT '',   -- core.text.sort_key(display_name): Persian order
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX contacts_by_sort_key ON contacts (sort_key, id);

CREATE TABLE contact_phones (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL DEFAULT 'mobile' CHECK (kind IN ('mobile', 'home', 'work', 'fax', 'other')),
    number     TEXT NOT NULL,                 -- as the operator typed it
    national   TEXT NOT NULL,                 -- national form, ASCII digits: 09121234567, 02188776655
    ext        TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contact_phones_by_contact ON contact_phones (contact_id);
CREATE INDEX contact_phones_by_national ON contact_phones (national);

CREATE TABLE contact_emails (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    email      TEXT NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contact_emails_by_contact ON contact_emails (contact_id);

CREATE TABLE contact_addresses (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    province    TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    street      TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contact_addresses_by_contact ON contact_addresses (contact_id);
"""


def migrate(conn):
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
