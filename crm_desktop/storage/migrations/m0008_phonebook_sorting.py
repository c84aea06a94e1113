"""Version 8: indexed sort keys for the phonebook table's columns (see phonebook/repo_order.py).

* ``contacts.organisation_key``: ``core.text.sort_key(organisation)`` ('' without one), indexed
  with the name's key and the id, so a page in organisation order (Persian order, then the names)
  is read from one index instead of sorting the whole book (2.9 s at a million contacts).
* ``contacts_by_created``: the created date, for the «تاریخ ثبت» column.
* ``contact_custom_values.name_key``: the contact's name key beside each custom value, indexed
  after the field and the value, so contacts with the same value come in Persian name order.

Who keeps the keys in step: ``organisation_key`` is written with the contact by every writer
(contact_rows for the repository's add, update and merge, import_write's bulk insert, demo
data; an undone delete puts the old row back whole) — a trigger cannot make it, as it needs
core.text.sort_key: a trigger calling a Python function would stop any other SQLite client
from writing a contact at all. ``name_key`` needs no Python, so triggers keep it: a custom
value gets its contact's name key when inserted (unless given one) or moved to another
contact, and a contact whose name key changes passes it to its values.

Measured on a million demo contacts: ≈9 s (the keys of 560k organisations ≈5 s); the file grows
by ≈150 MiB (the organisation index ≈85 MiB, the created index ≈27 MiB).
"""

VERSION = 8

SCHEMA = """
ALTER TABLE contacts ADD COLUMN organisation_key TEXT NOT NULL DEFAULT '';
ALTER TABLE contact_custom_values ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
"""

FILL = """
UPDATE contacts SET organisation_key = sort_key(organisation) WHERE organisation <> '';
UPDATE contact_custom_values SET name_key = (SELECT sort_key FROM contacts WHERE id = contact_id);
"""

INDEXES = """
CREATE INDEX contacts_by_organisation ON contacts (organisation_key, sort_key, id);
CREATE INDEX contacts_by_created ON contacts (created_at);
DROP INDEX contact_custom_values_by_field;
CREATE INDEX contact_custom_values_by_field ON contact_custom_values (field_id, sort_value, name_key, contact_id);
"""

TRIGGERS = """
CREATE TRIGGER contacts_name_key_to_custom_values AFTER UPDATE OF sort_key ON contacts
WHEN NEW.sort_key IS NOT OLD.sort_key
BEGIN
    UPDATE contact_custom_values SET name_key = NEW.sort_key WHERE contact_id = NEW.id;
END;
CREATE TRIGGER contact_custom_values_name_key_on_insert AFTER INSERT ON contact_custom_values
WHEN NEW.name_key = ''
BEGIN
    UPDATE contact_custom_values SET name_key = (SELECT sort_key FROM contacts WHERE id = NEW.contact_id)
    WHERE contact_id = NEW.contact_id AND field_id = NEW.field_id;
END;
CREATE TRIGGER contact_custom_values_name_key_on_move AFTER UPDATE OF contact_id ON contact_custom_values
WHEN NEW.contact_id IS NOT OLD.contact_id
BEGIN
    UPDATE contact_custom_values SET name_key = (SELECT sort_key FROM contacts WHERE id = NEW.contact_id)
    WHERE contact_id = NEW.contact_id AND field_id = NEW.field_id;
END;
"""


def _statements(script: str) -> list[str]:
    """Statements of a script whose triggers hold ``;`` inside BEGIN … END."""
    out, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        text = "\n".join(current).strip()
        if text.endswith(";") and (not text.upper().startswith("CREATE TRIGGER") or text.upper().endswith("END;")):
            out.append(text)
            current = []
    return out


def migrate(conn):
    for script in (SCHEMA, FILL, INDEXES, TRIGGERS):
        for statement in _statements(script):
            conn.execute(statement)
