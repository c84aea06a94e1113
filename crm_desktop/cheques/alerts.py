"""Due alerts for cheques, through the reminder book's alarm engine (issue 5).

The office's cheque repository calls ``sync_due_alert`` for every cheque a write touched, inside
that write's transaction (``Office.cheques``), so the app, the CLI and imports all keep alerts
in step without remembering to.

A cheque that still waits for its due date (received: in hand or deposited; paid: issued) and
has one gets one reminder ``source='cheque', source_id=<cheque id>``: at 09:00 on the due date
with an advance of N days (the setting ``cheques.alert_days_before``, default 3), so the alarm
rings N days before at 09:00 and on the day at 09:00. When the cheque clears, bounces, is spent,
returned or voided (or deleted, or loses its date) the reminder is removed. It does nothing
when the office has no reminder book.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from crm_desktop.cheques import status as st
from crm_desktop.core.digits import to_persian
from crm_desktop.core.money import format_amount
from crm_desktop.storage import settings

SOURCE = "cheque"
ALERT_TIME = time(9, 0)
DAYS_SETTING = "cheques.alert_days_before"
DEFAULT_DAYS = 3
MAX_DAYS = 60  # the reminder engine's longest advance
GROUP_NAME = "چک"


def alert_days(conn) -> int:
    """How many days before the due date the first alert rings (the setting; default 3)."""
    value = settings.get(conn, DAYS_SETTING, DEFAULT_DAYS)
    return value if isinstance(value, int) and 0 <= value <= MAX_DAYS else DEFAULT_DAYS


def set_alert_days(conn, days: int) -> None:
    if not isinstance(days, int) or not 0 <= days <= MAX_DAYS:
        from crm_desktop.errors import ValidationError

        raise ValidationError(f"alert days must be 0 to {MAX_DAYS}",
                              f"روزهای پیش از سررسید: باید بین ۰ تا {to_persian(MAX_DAYS)} باشد.",
                              "روزهای پیش از سررسید")
    settings.set(conn, DAYS_SETTING, days)


def wants_alert(cheque) -> bool:
    """A cheque with a due date that still waits for it."""
    return cheque.due_date is not None and st.is_pending(cheque.direction, cheque.status)


def alert_times(cheque, days_before: int, at: time = ALERT_TIME) -> list[datetime]:
    """When the alarm rings for ``cheque``: ``days_before`` days before the due date at 09:00,
    and on the due date at 09:00 (just the latter when days_before is 0); [] for a cheque with
    no due date or no longer waiting for it."""
    if not wants_alert(cheque):
        return []
    due = cheque.due_date if isinstance(cheque.due_date, date) else date.fromisoformat(str(cheque.due_date))
    on_the_day = datetime.combine(due, at)
    if days_before <= 0:
        return [on_the_day]
    return [on_the_day - timedelta(days=days_before), on_the_day]


def alert_subject(cheque, drawer: str, payee: str, bank_name: str = "") -> tuple[str, str]:
    """(subject, note) of the reminder: «سررسید چک دریافتی ۱۲٬۵۰۰٬۰۰۰ ریال از علی رضایی»."""
    amount = format_amount(cheque.amount, with_unit=True)
    if cheque.direction == st.RECEIVED:
        subject = f"سررسید چک دریافتی {amount}" + (f" از {drawer}" if drawer else "")
    else:
        subject = f"سررسید چک پرداختی {amount}" + (f" در وجه {payee}" if payee else "")
    lines = [f"شناسه صیادی: \u2068{to_persian(cheque.sayad_id)}\u2069",
             f"سریال: \u2068{to_persian(cheque.serial)}\u2069" + (f" — بانک {bank_name}" if bank_name else ""),
             f"وضعیت: {st.label(cheque.direction, cheque.status)}"]
    if cheque.purpose:
        lines.append(f"بابت: {cheque.purpose}")
    return subject, "\n".join(lines)


def _reminders(office):
    """The office's reminder book, or None when there is none (yet)."""
    try:
        reminders = getattr(office, "reminders", None)
    except ImportError:
        return None
    if reminders is None or not hasattr(reminders, "upsert_for_source"):
        return None
    return reminders


def sync_due_alert(office, cheque_id: int, days_before: int | None = None) -> int | None:
    """Make the cheque's due alert match the cheque: made or updated while it waits for its due
    date, removed otherwise. Returns the reminder's id (None when removed, or when the office
    has no reminder book)."""
    reminders = _reminders(office)
    if reminders is None:
        return None
    cheque = office.cheques.get(cheque_id)
    if cheque is None or not wants_alert(cheque):
        if reminders.find_for_source(SOURCE, cheque_id) is not None:
            reminders.delete_for_source(SOURCE, cheque_id)
        return None
    from crm_desktop.reminders.model import Reminder

    days = alert_days(office.conn) if days_before is None else days_before
    drawer, payee = office.cheques.party_names(cheque)
    subject, note = alert_subject(cheque, drawer, payee, office.cheques.bank_name(cheque.bank))
    group = reminders.group_by_name(GROUP_NAME) if hasattr(reminders, "group_by_name") else None
    reminder = Reminder(
        subject=subject, starts_at=datetime.combine(cheque.due_date, ALERT_TIME), note=note,
        priority=2 if cheque.direction == st.PAID else 1,
        contact_id=cheque.drawer_id if cheque.direction == st.RECEIVED else cheque.payee_id,
        advance=(days * 1440,) if days > 0 else (), group_id=group.id if group else None)
    return reminders.upsert_for_source(SOURCE, cheque_id, reminder)


def sync_all_due_alerts(office, days_before: int | None = None) -> int:
    """Sync every cheque that has or should have an alert (after the days setting changed, or
    after a bulk import); returns how many cheques were looked at."""
    if _reminders(office) is None:
        return 0
    ids = set(office.cheques.pending_ids()) | set(office.reminders.source_ids(SOURCE))
    for cheque_id in sorted(ids):
        sync_due_alert(office, cheque_id, days_before)
    return len(ids)


def change_alert_days(office, days: int) -> int:
    """Set how many days before the due date the first alert rings and move every cheque's
    alert to match, in one transaction; returns how many cheques were looked at."""
    from crm_desktop.storage.db import transaction

    with transaction(office.conn):
        set_alert_days(office.conn, days)
        return sync_all_due_alerts(office, days)
