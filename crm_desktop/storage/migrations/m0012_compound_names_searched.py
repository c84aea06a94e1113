"""Version 12: compound names in the phonebook's search documents.

Persian writes a compound name joined, apart or with a ZWNJ («علیرضا», «علی رضا», «علی‌رضا»);
a contact saved as «علی رضا» was not found by typing «علیرضا». The documents now also hold the
adjacent words of a name, organisation, job and unit joined (phonebook/search.py, ``tokens``), so
the contacts with such a value of two words or more are indexed again: all of them through a
rebuild when they are a quarter of the book or more (a demo book: every organisation has two
words or more; about a minute on a million demo contacts, measured once on a busy 2-CPU machine,
a few seconds at a hundred thousand), else one by one. An upgrade makes a backup first anyway.
"""

VERSION = 12


def migrate(conn):
    from crm_desktop.phonebook.search import COMPOUND_SPAN, LABEL_SPAN, tokens
    from crm_desktop.phonebook.search_index import LABEL_COLUMNS, NAME_COLUMNS, rebuild, reindex_contacts

    if conn.execute("SELECT NOT EXISTS (SELECT 1 FROM contact_search)").fetchone()[0]:
        return  # nothing indexed yet (a new book, or an index a rebuild will make whole)
    spans = [COMPOUND_SPAN] * len(NAME_COLUMNS) + [LABEL_SPAN] * len(LABEL_COLUMNS)
    seen: dict[tuple, bool] = {}  # (value, span) -> are its words indexed otherwise now (values repeat a lot)

    def gains(value: str, span: int) -> bool:
        found = seen.get((value, span))
        if found is None:
            found = seen[value, span] = tokens(value, span) != tokens(value)
        return found

    ids, total = [], 0
    columns = ", ".join((*NAME_COLUMNS, *LABEL_COLUMNS))
    for contact_id, *values in conn.execute(f"SELECT id, {columns} FROM contacts"):
        total += 1
        if any(value and gains(value, span) for value, span in zip(values, spans)):
            ids.append(contact_id)
    if len(ids) * 4 >= total:
        rebuild(conn)
    else:
        reindex_contacts(conn, ids)
