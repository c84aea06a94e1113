"""Version 5: cheque printing (see crm_desktop/cheque_print/).

* ``cheque_templates``: the operator's layouts, one JSON document each (the same format as the
  shared template files), and the scanned leaf shown under the fields in the designer.
* ``print_calibrations``: per printer, how far every field moves (dx, dy mm) and how the leaf is
  fed; apart from the layout, so one layout serves every printer.
* ``cheque_prints``: every time a cheque was printed, with the template and whether the operator
  said the leaf came out right (NULL: not asked yet); reprints are new rows.
The built-in layout of the unified Sayad leaf is the first template.
"""

VERSION = 5

SCHEMA = """
CREATE TABLE cheque_templates (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,
    data       TEXT NOT NULL,
    background BLOB,
    updated_at TEXT NOT NULL
);

CREATE TABLE print_calibrations (
    printer    TEXT PRIMARY KEY,
    dx         REAL NOT NULL DEFAULT 0,
    dy         REAL NOT NULL DEFAULT 0,
    feed       TEXT NOT NULL DEFAULT 'leaf',
    tray_width REAL NOT NULL DEFAULT 210
);

CREATE TABLE cheque_prints (
    id         INTEGER PRIMARY KEY,
    cheque_id  INTEGER NOT NULL REFERENCES cheques (id) ON DELETE CASCADE,
    template   TEXT NOT NULL,
    printer    TEXT NOT NULL DEFAULT '',
    printed_at TEXT NOT NULL,
    ok         INTEGER
);
CREATE INDEX cheque_prints_by_cheque ON cheque_prints (cheque_id, id);
"""


def migrate(conn):
    from datetime import datetime

    from crm_desktop.cheque_print.builtin import sayad_template
    from crm_desktop.core.text import normalise

    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    template = sayad_template()
    conn.execute("INSERT INTO cheque_templates (name, name_key, data, updated_at) VALUES (?, ?, ?, ?)",
                 (template.name, normalise(template.name), template.to_json(), datetime.now().replace(microsecond=0).isoformat()))
