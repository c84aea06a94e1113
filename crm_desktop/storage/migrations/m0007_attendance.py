"""Version 7: the attendance book (see crm_desktop/attendance/).

* ``work_schedules``: named schedules (the shifts of each weekday and the grace minutes, JSON);
  the first is the office's default (Saturday–Wednesday 08:00–16:00, Thursday 08:00–12:00).
* ``staff_schedules``: a personnel file on another schedule than the default.
* ``attendance_punches``: entries and exits; a correction keeps the old row (``replaced_at`` and
  ``replaced_by``) and adds the new one, so what was changed and when stays visible. A punch
  is unique per person, minute and direction among the live rows: a repeated import adds nothing.
* ``attendance_leaves`` and ``attendance_missions``: whole days (no times) or hourly (from–to).
* ``device_pins``: the fingerprint device's PIN of each member of staff.
"""

VERSION = 7

SCHEMA = """
CREATE TABLE work_schedules (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    data TEXT NOT NULL
);

CREATE TABLE staff_schedules (
    file_id     INTEGER PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
    schedule_id INTEGER NOT NULL REFERENCES work_schedules (id)
);

CREATE TABLE attendance_punches (
    id          INTEGER PRIMARY KEY,
    file_id     INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    source      TEXT NOT NULL DEFAULT 'manual',
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    replaced_at TEXT,
    replaced_by INTEGER REFERENCES attendance_punches (id)
);
CREATE UNIQUE INDEX attendance_punches_live ON attendance_punches (file_id, at, direction) WHERE replaced_at IS NULL;
CREATE INDEX attendance_punches_by_time ON attendance_punches (at, file_id) WHERE replaced_at IS NULL;

CREATE TABLE attendance_leaves (
    id         INTEGER PRIMARY KEY,
    file_id    INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    day        TEXT NOT NULL,
    leave_type TEXT NOT NULL CHECK (leave_type IN ('entitled', 'sick', 'unpaid')),
    start      TEXT,
    "end"      TEXT,
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attendance_leaves_by_day ON attendance_leaves (day, file_id);

CREATE TABLE attendance_missions (
    id      INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    day     TEXT NOT NULL,
    place   TEXT NOT NULL DEFAULT '',
    start   TEXT,
    "end"   TEXT
);
CREATE INDEX attendance_missions_by_day ON attendance_missions (day, file_id);

CREATE TABLE device_pins (
    pin     TEXT PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE
);
"""


def migrate(conn):
    import json

    from crm_desktop.attendance.model import default_schedule

    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    schedule = default_schedule()
    conn.execute("INSERT INTO work_schedules (name, data) VALUES (?, ?)", (schedule.name, json.dumps(schedule.to_json())))
