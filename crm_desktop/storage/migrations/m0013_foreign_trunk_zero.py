"""Version 13: a foreign number's trunk 0 written in brackets is no part of its national form.

«+44 (0) 20 7946 0999» (the British way of writing the 0 that is dropped when dialled from
abroad) was stored and searched as ``+4402079460999``, so typing «+44 20 7946 0999» did not find
it and the same number typed both ways did not meet as a duplicate. ``core.phone.national_form``
now drops the «(0)» after any country code; the phones typed with one get their national form
again (the number as typed stays), and their contacts are indexed again. Only numbers typed with
a bracket are read (a few in any book).
"""

VERSION = 13


def migrate(conn):
    from crm_desktop.core.phone import national_form
    from crm_desktop.phonebook.search_index import reindex_contacts

    changed, contact_ids = [], set()
    for phone_id, contact_id, number, national in conn.execute(
            "SELECT id, contact_id, number, national FROM contact_phones "
            "WHERE national LIKE '+%' AND number LIKE '%(%'").fetchall():
        new = national_form(number)
        if new.startswith("+") and len(new) == len(national) - 1 and new != national:
            changed.append((new, phone_id))
            contact_ids.add(contact_id)
    conn.executemany("UPDATE contact_phones SET national = ? WHERE id = ?", changed)
    if contact_ids and conn.execute("SELECT EXISTS (SELECT 1 FROM contact_search)").fetchone()[0]:
        reindex_contacts(conn, contact_ids)
