"""Version 3: the reminder book — groups, reminders (with their repeat rule as JSON), the log of
what happened to each occurrence, and the operator's holiday corrections.

``next_alarm_at`` is kept by crm_desktop/reminders/alarms.py: the alarm scheduler only ever asks
``min(next_alarm_at)`` through its partial index. ``reminders_repeating`` (partial, on the
repeating rows only) lets a date range find the repeating reminders without scanning the
one-off ones, which ``reminders_by_start`` serves. ``snoozed_occurrence`` remembers which
occurrence a pending snooze belongs to.
"""

from crm_desktop.core.text import normalise

VERSION = 3

SCHEMA = """
CREATE TABLE reminder_groups (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,                  -- core.text.normalise(name)
    colour   TEXT NOT NULL DEFAULT '#1f6f8b',
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE reminders (
    id            INTEGER PRIMARY KEY,
    subject       TEXT NOT NULL,
    group_id      INTEGER REFERENCES reminder_groups (id) ON DELETE SET NULL,
    starts_at     TEXT NOT NULL,                    -- ISO: the first occurrence (date + time)
    note          TEXT NOT NULL DEFAULT '',
    place         TEXT NOT NULL DEFAULT '',
    priority      INTEGER NOT NULL DEFAULT 1 CHECK (priority IN (0, 1, 2)),
    contact_id    INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    repeat        TEXT NOT NULL DEFAULT '{}',       -- JSON of model.Repeat ('{}': no repeat)
    advance       TEXT NOT NULL DEFAULT '[]',       -- JSON list of minutes before the time
    sound         TEXT NOT NULL DEFAULT '',         -- '' office default, 'silent', or a sound key
    source        TEXT NOT NULL DEFAULT '',         -- '' operator's, 'birthday', 'cheque'
    source_id     INTEGER,
    search_text   TEXT NOT NULL DEFAULT '',         -- normalise(subject + note + place)
    last_at       TEXT,                             -- ISO of the last occurrence, NULL: for ever
    fired_through TEXT,                             -- every alarm at or before this has rung
    snoozed_until TEXT,                             -- a pending snooze
    snoozed_occurrence TEXT,                        -- the occurrence that snooze belongs to
    next_alarm_at TEXT,                             -- when it next rings, NULL: never again
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX reminders_by_next_alarm ON reminders (next_alarm_at) WHERE next_alarm_at IS NOT NULL;
CREATE INDEX reminders_by_start ON reminders (starts_at);
CREATE INDEX reminders_repeating ON reminders (starts_at) WHERE repeat <> '{}';
CREATE INDEX reminders_by_contact ON reminders (contact_id);
CREATE INDEX reminders_by_source ON reminders (source, source_id);

CREATE TABLE reminder_log (
    id            INTEGER PRIMARY KEY,
    reminder_id   INTEGER NOT NULL REFERENCES reminders (id) ON DELETE CASCADE,
    occurrence_at TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('rang', 'missed', 'done', 'snoozed')),
    at            TEXT NOT NULL,
    snooze_until  TEXT
);
CREATE INDEX reminder_log_by_reminder ON reminder_log (reminder_id, occurrence_at);
CREATE INDEX reminder_log_done ON reminder_log (occurrence_at) WHERE action = 'done';

CREATE TABLE holidays (
    date       TEXT PRIMARY KEY,                    -- ISO
    title      TEXT NOT NULL DEFAULT '',
    is_holiday INTEGER NOT NULL DEFAULT 1            -- operator's additions (1) / removals (0)
) WITHOUT ROWID;
"""

GROUPS = (
    ("جلسه", "#1f6f8b"),
    ("تماس", "#2e7d32"),
    ("پرداخت", "#c62828"),
    ("پیگیری", "#ef6c00"),
    ("تولد", "#8e24aa"),
    ("چک", "#6d4c41"),
)


def migrate(conn):
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    for position, (name, colour) in enumerate(GROUPS):
        conn.execute(
            "INSERT INTO reminder_groups (name, name_key, colour, position) VALUES (?, ?, ?, ?)",
            (name, normalise(name), colour, position),
        )
