"""The life of a cheque: its statuses, with Persian labels, and the steps allowed between them
(no Qt, no SQL).

Received cheques (دریافتی)::

    in_hand  «نزد صندوق»  ──► deposited «واگذار شده به بانک» ──► cleared «وصول شده»
       │  │                     ▲        └──────────────────► bounced «برگشت خورده»
       │  │                     └──── (presented again) ───────────┘   │
       │  └──► spent «خرج شده» (to a contact)                          │
       └─────► returned «عودت به صاحب چک» ◄────────────────────────────┘

Paid cheques (پرداختی)::

    issued «صادر شده» ──► cleared «پاس شده» ◄── (paid when presented again) ──┐
       │            └──► bounced «برگشت خورده» ───────────────────────────────┘
       └──► void «باطل» ◄── (settled otherwise; the leaf taken back) ── bounced

Decisions:

* A bounced received cheque may be deposited again (the holder may present a bounced cheque
  again once the drawer says the money is there), or returned to its drawer (after settling).
* A bounced paid cheque may still clear (presented again and paid) or be voided (settled in
  another way and the leaf taken back).
* cleared, spent, returned (received) and cleared, void (paid) are final. A step recorded by
  mistake is taken back with "undo the last step", not with a backwards step.
* Steps that need something: deposited needs the account; bounced needs the reason; spent
  needs the contact it was given to. Every step has a date (default: today) and a note.
"""

from __future__ import annotations

from crm_desktop.errors import UserError, ValidationError

RECEIVED, PAID = "received", "paid"
DIRECTIONS = {RECEIVED: "دریافتی", PAID: "پرداختی"}

IN_HAND, DEPOSITED, CLEARED, BOUNCED, SPENT, RETURNED = "in_hand", "deposited", "cleared", "bounced", "spent", "returned"
ISSUED, VOID = "issued", "void"

# Persian labels, per direction (cleared is «وصول شده» for a received cheque, «پاس شده» for a paid one).
LABELS = {
    RECEIVED: {
        IN_HAND: "نزد صندوق",
        DEPOSITED: "واگذار شده به بانک",
        CLEARED: "وصول شده",
        BOUNCED: "برگشت خورده",
        SPENT: "خرج شده",
        RETURNED: "عودت به صاحب چک",
    },
    PAID: {
        ISSUED: "صادر شده",
        CLEARED: "پاس شده",
        BOUNCED: "برگشت خورده",
        VOID: "باطل",
    },
}
# A longer label where the short one is not enough (tooltips, the history list).
LONG_LABELS = {(RECEIVED, DEPOSITED): "واگذار شده به بانک / در جریان وصول"}

STATUSES = {direction: tuple(labels) for direction, labels in LABELS.items()}
ALL_STATUSES = tuple(dict.fromkeys(s for statuses in STATUSES.values() for s in statuses))
INITIAL = {RECEIVED: IN_HAND, PAID: ISSUED}

NEXT = {
    RECEIVED: {
        IN_HAND: (DEPOSITED, SPENT, RETURNED),
        DEPOSITED: (CLEARED, BOUNCED),
        BOUNCED: (DEPOSITED, RETURNED),
        CLEARED: (),
        SPENT: (),
        RETURNED: (),
    },
    PAID: {
        ISSUED: (CLEARED, BOUNCED, VOID),
        BOUNCED: (CLEARED, VOID),
        CLEARED: (),
        VOID: (),
    },
}

# Statuses that still wait for the due date: the ones due alerts and the "due" lists look at.
PENDING = {RECEIVED: (IN_HAND, DEPOSITED), PAID: (ISSUED,)}

# «چکی که … » — the cheque as it is now, for the refusal sentence.
_AS_IT_IS = {
    (RECEIVED, IN_HAND): "چکی که نزد صندوق است",
    (RECEIVED, DEPOSITED): "چکی که به بانک واگذار شده",
    (RECEIVED, CLEARED): "چکی که وصول شده",
    (RECEIVED, BOUNCED): "چکی که برگشت خورده",
    (RECEIVED, SPENT): "چکی که خرج شده",
    (RECEIVED, RETURNED): "چکی که به صاحبش عودت داده شده",
    (PAID, ISSUED): "چکی که صادر شده",
    (PAID, CLEARED): "چکی که پاس شده",
    (PAID, BOUNCED): "چکی که برگشت خورده",
    (PAID, VOID): "چکی که باطل شده",
}
# «… را نمی‌توان …» — what the refused step would have done.
_DOING = {
    (RECEIVED, IN_HAND): "به صندوق برگرداند",
    (RECEIVED, DEPOSITED): "به بانک واگذار کرد",
    (RECEIVED, CLEARED): "وصول‌شده ثبت کرد",
    (RECEIVED, BOUNCED): "برگشتی ثبت کرد",
    (RECEIVED, SPENT): "خرج کرد",
    (RECEIVED, RETURNED): "به صاحبش عودت داد",
    (PAID, ISSUED): "دوباره صادرشده ثبت کرد",
    (PAID, CLEARED): "پاس‌شده ثبت کرد",
    (PAID, BOUNCED): "برگشتی ثبت کرد",
    (PAID, VOID): "باطل کرد",
}
_EN = {IN_HAND: "in hand", DEPOSITED: "deposited", CLEARED: "cleared", BOUNCED: "bounced", SPENT: "spent",
       RETURNED: "returned", ISSUED: "issued", VOID: "void"}


def label(direction: str, status: str, long: bool = False) -> str:
    """The Persian label of a status («نزد صندوق»); the status key itself when unknown."""
    if long and (direction, status) in LONG_LABELS:
        return LONG_LABELS[(direction, status)]
    return LABELS.get(direction, {}).get(status, status)


def check_direction(direction: str) -> str:
    if direction not in DIRECTIONS:
        raise ValidationError(f"direction must be 'received' or 'paid', not {direction!r}",
                              "نوع چک: باید دریافتی یا پرداختی باشد.", "نوع چک")
    return direction


def check_status(direction: str, status: str) -> str:
    """``status`` if a cheque of ``direction`` can have it; else a ValidationError."""
    check_direction(direction)
    if status not in LABELS[direction]:
        known = "، ".join(LABELS[direction].values())
        raise ValidationError(f"a {direction} cheque has no status {status!r}",
                              f"وضعیت: چک {DIRECTIONS[direction]} وضعیت «{_label_any(status)}» ندارد؛ "
                              f"وضعیت‌های آن: {known}.", "وضعیت")
    return status


def _label_any(status: str) -> str:
    for direction in (RECEIVED, PAID):
        if status in LABELS[direction]:
            return LABELS[direction][status]
    return status


def allowed_next(direction: str, status: str) -> tuple[str, ...]:
    """The statuses a cheque of ``direction`` may go to from ``status`` (in the order to offer them)."""
    check_status(direction, status)
    return NEXT[direction][status]


def is_final(direction: str, status: str) -> bool:
    return not allowed_next(direction, status)


def is_pending(direction: str, status: str) -> bool:
    """Still waiting for its due date (alerts, "due this week", "overdue")."""
    return status in PENDING.get(direction, ())


def check_transition(direction: str, current: str, new: str) -> None:
    """Nothing if ``current`` → ``new`` is a step a cheque of ``direction`` may take; otherwise a
    UserError whose Persian message says why («چکی که وصول شده را نمی‌توان به بانک واگذار کرد.»)."""
    check_status(direction, current)
    check_status(direction, new)
    if new == current:
        raise UserError(f"the cheque is already {_EN[new]}",
                        f"این چک هم‌اکنون «{label(direction, new)}» است.")
    allowed = NEXT[direction][current]
    if new in allowed:
        return
    english = f"a {_EN[current]} {direction} cheque cannot become {_EN[new]}"
    sentence = f"{_AS_IT_IS[(direction, current)]} را نمی‌توان {_DOING[(direction, new)]}."
    if allowed:
        choices = "، ".join(f"«{label(direction, s)}»" for s in allowed)
        english += f"; it can become: {', '.join(_EN[s] for s in allowed)}"
        sentence += f" از این وضعیت فقط این مرحله‌ها ممکن است: {choices}."
    else:
        english += f"; {_EN[current]} is final (undo the last step if it was recorded by mistake)"
        sentence += (f" «{label(direction, current)}» وضعیت پایانی است؛ اگر اشتباه ثبت شده، "
                     "آخرین مرحله را برگردانید.")
    raise UserError(english, sentence)


def needs(direction: str, status: str) -> tuple[str, ...]:
    """What a step to ``status`` must be given besides its date: 'account', 'reason', 'contact'."""
    if direction == RECEIVED and status == DEPOSITED:
        return ("account",)
    if status == BOUNCED:
        return ("reason",)
    if direction == RECEIVED and status == SPENT:
        return ("contact",)
    return ()
