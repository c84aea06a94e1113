"""A page of the contacts without a value in a custom field, in name order (SQL, used by
repo_order.py for the whole book sorted by that field: they come after the contacts with one).

Reading the names from the start and testing each contact for a value costs ≈1 µs a contact
passed over (≈0.6 s for a page in the middle of a million). Instead: the contact at the page's
place among *all* names is one skip along the name index (≈0.05 µs a contact); the contacts with
a value before it are one count of an index range (migration m0009, custom values by field and
name key); that many places further on lies the next guess, and the values passed over on the way
are counted again, until none were: the contacts without a value before the guess are then
exactly the page's offset. Each correction is about the share of contacts with a value of the
one before. From the end when that is nearer.
"""

from __future__ import annotations

HAS_VALUE = "EXISTS (SELECT 1 FROM contact_custom_values v WHERE v.contact_id = c.id AND v.field_id = :field)"


def blank_page(conn, field: int, offset: int, limit: int, size: int) -> list[int]:
    """Ids of ``limit`` contacts without a value in ``field`` from ``offset`` in name order
    (``size``: how many contacts have none)."""
    take = min(limit, size - offset)
    if take <= 0 or offset < 0:
        return []
    if offset > size // 2:
        return _from(conn, field, size - offset - take, take, backwards=True)[::-1]
    return _from(conn, field, offset, take, backwards=False)


def _from(conn, field: int, skip: int, take: int, backwards: bool) -> list[int]:
    """``take`` contacts without a value after ``skip`` of them, going down the names (or up)."""
    direction = "DESC" if backwards else "ASC"
    order = f"c.sort_key {direction}, c.id {direction}"
    before, after = (">", "<") if backwards else ("<", ">")
    count = ("SELECT count(*) FROM contact_custom_values INDEXED BY contact_custom_values_by_name "
             "WHERE field_id = :field AND (name_key, contact_id) {cond}")
    at = conn.execute(f"SELECT c.sort_key, c.id FROM contacts c INDEXED BY contacts_by_sort_key ORDER BY {order} "
                      "LIMIT 1 OFFSET :skip", {"skip": skip}).fetchone()
    if at is None:
        return []
    passed = conn.execute(count.format(cond=f"{before} (:key, :id)"), {"field": field, "key": at[0], "id": at[1]}
                          ).fetchone()[0]  # contacts with a value before ``at``: that many places short
    while passed:
        following = conn.execute(
            f"SELECT c.sort_key, c.id FROM contacts c INDEXED BY contacts_by_sort_key "
            f"WHERE (c.sort_key, c.id) {after} (:key, :id) ORDER BY {order} LIMIT 1 OFFSET :skip",
            {"key": at[0], "id": at[1], "skip": passed - 1}).fetchone()
        if following is None:
            return []
        passed = conn.execute(
            count.format(cond=f"{after}= (:key, :id) AND (name_key, contact_id) {before} (:next_key, :next_id)"),
            {"field": field, "key": at[0], "id": at[1], "next_key": following[0], "next_id": following[1]},
        ).fetchone()[0]
        at = following
    return [r[0] for r in conn.execute(
        f"SELECT c.id FROM contacts c INDEXED BY contacts_by_sort_key WHERE (c.sort_key, c.id) {after}= (:key, :id) "
        f"AND NOT {HAS_VALUE} ORDER BY {order} LIMIT :take",
        {"key": at[0], "id": at[1], "field": field, "take": take})]
