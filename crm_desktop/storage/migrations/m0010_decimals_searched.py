"""Version 10: decimals and negative numbers in the phonebook's search documents.

A number custom field holds «2.5»; the numbers document held only its digit runs («2», «5»), so
typing the value as the table shows it («۲٫۵») found nothing. The documents now also hold each
decimal whole (phonebook/search.py, ``_DECIMAL``), and a negative custom value («-7»); the
contacts that have one anywhere they are searched by are indexed again (one pass over the
searched text: 3.6 s on a million demo contacts, measured once; an upgrade makes a backup first
anyway).
"""

VERSION = 10

_DECIMAL = "'*[0-9۰-۹٠-٩][.٫][0-9۰-۹٠-٩]*'"
_TEXT_COLUMNS = ("title", "first_name", "last_name", "organisation", "job_title", "unit", "manager", "website",
                 "note")


def migrate(conn):
    from crm_desktop.phonebook.search_index import reindex_contacts

    if conn.execute("SELECT NOT EXISTS (SELECT 1 FROM contact_search)").fetchone()[0]:
        return  # nothing indexed yet (a new book, or an index a rebuild will make whole)
    columns = " OR ".join(f"{name} GLOB {_DECIMAL}" for name in _TEXT_COLUMNS)
    ids = [row[0] for row in conn.execute(
        f"SELECT id FROM contacts WHERE {columns} "
        f"UNION SELECT contact_id FROM contact_emails WHERE email GLOB {_DECIMAL} "
        f"UNION SELECT contact_id FROM contact_notes WHERE text GLOB {_DECIMAL} "
        f"UNION SELECT contact_id FROM contact_custom_values WHERE value GLOB {_DECIMAL} OR value GLOB '-[0-9]*'")]
    reindex_contacts(conn, ids)
