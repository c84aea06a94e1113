"""Version 11: the phonebook sorted by «آخرین تماس» lists the contacts never contacted after the
others, in name order, in both directions (as the organisation and custom-field orders do with
their blanks; see phonebook/repo_order.py). They came first, in the order they were added, which
looks random to the operator. Contacts last reached at the same time are in name order too.

The index on ``last_contact_at`` alone becomes (last_contact_at, sort_key, id): both parts of the
order read it in order. Measured once on a million demo contacts: about 2 s.
"""

VERSION = 11


def migrate(conn):
    conn.execute("DROP INDEX IF EXISTS contacts_by_last_contact")
    conn.execute("CREATE INDEX contacts_by_last_contact ON contacts (last_contact_at, sort_key, id)")
