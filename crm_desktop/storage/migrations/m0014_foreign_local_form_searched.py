"""Version 14: a foreign number is also searched in its own country's local form.

«020 7946 0999» or «06 12 34 56 78», typed as the number is written in Britain or France, found
nothing since version 13 (the stored form dropped the trunk 0 that had made them meet). The
numbers document now also holds a foreign number's local form (``core.phone.local_form``:
``+442079460999`` also as ``02079460999``); only the contacts that have a number starting with
«+» are indexed again (a few in any book; an Iranian number's document is unchanged).
"""

VERSION = 14


def migrate(conn):
    from crm_desktop.phonebook.search_index import reindex_contacts

    if conn.execute("SELECT NOT EXISTS (SELECT 1 FROM contact_search)").fetchone()[0]:
        return  # nothing indexed yet (a new book, or an index a rebuild will make whole)
    ids = [row[0] for row in conn.execute(  # national LIKE '+%', through the index on national
        "SELECT DISTINCT contact_id FROM contact_phones WHERE national >= '+' AND national < ','")]
    reindex_contacts(conn, ids)
