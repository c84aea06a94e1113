"""Print, ICS export and birthdays for the reminders tab, off the UI thread where it matters.

Print writes the list or the detailed report (``reminders.report.write_reminders_report``) of
the occurrences the tab shows to a PDF through the ops runner and opens it in the system's viewer
(as the phonebook's print does); export asks for a file name and writes iCalendar
(``reminders.ics.export_ics``) from a read-only connection of its own. ``ask_save_path``,
``open_file`` and ``runner`` are the phonebook's replaceable hooks (tests swap them)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from types import SimpleNamespace

from crm_desktop.core import jalali
from crm_desktop.core.digits import format_number
from crm_desktop.phonebook.views import list_actions
from crm_desktop.ui import dialogs

LIST_TITLE = "فهرست یادآوری‌ها"
DETAILED_TITLE = "یادآوری‌ها با جزئیات"


@dataclass
class Scope:
    """What a printout or an export covers: a Jalali date range and the list's filters."""

    start: date
    end: date
    group_id: int | None = None
    group_name: str | None = None
    text: str = ""

    def bounds(self) -> tuple[datetime, datetime]:
        return datetime.combine(self.start, time.min), datetime.combine(self.end, time(23, 59, 59))

    def describe(self) -> str:
        from crm_desktop.reminders.report import scope_text

        return scope_text(self.start, self.end, self.group_name, self.text or None)


@dataclass
class PrintArgs:
    office: object
    path: Path
    occurrences: list
    detailed: bool
    title: str
    subtitle: str
    today: date | None = None
    extra: dict = field(default_factory=dict)


def printout_path(today: date | None = None) -> Path:
    folder = Path(tempfile.gettempdir()) / "crm_desktop-printouts"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%H%M%S")
    return folder / list_actions.default_name("یادآوری‌ها", f" {stamp}.pdf", today)


def write_report(args: PrintArgs, progress):
    """On the worker: the PDF (the office's name was read on the UI thread)."""
    from crm_desktop.reminders.report import write_reminders_report

    return write_reminders_report(args.office, args.path, args.occurrences, detailed=args.detailed, title=args.title,
                                  subtitle=args.subtitle, progress=progress, today=args.today)


def print_occurrences(parent, office, scope: Scope, *, detailed: bool, today: date | None = None) -> PrintArgs | None:
    start, end = scope.bounds()
    occurrences = office.reminders.occurrences_between(start, end, group_id=scope.group_id, text=scope.text)
    if not occurrences:
        dialogs.show_info(parent, f"در این بازه ({scope.describe()}) یادآوری‌ای برای چاپ نیست.")
        return None
    office_view = SimpleNamespace(preferences=SimpleNamespace(office_name=office.preferences.office_name))
    args = PrintArgs(office_view, printout_path(today), occurrences, detailed,
                     DETAILED_TITLE if detailed else LIST_TITLE, scope.describe(), today)

    def done(_result) -> None:
        if not list_actions.open_file(args.path):
            dialogs.show_info(parent, f"گزارش برای چاپ در این فایل ذخیره شد:\n{dialogs.path_text(args.path)}")

    list_actions.runner(parent, "چاپ یادآوری‌ها", write_report, args, done,
                        label=f"{format_number(len(occurrences))} نوبت — {args.subtitle}")
    return args


@dataclass
class IcsArgs:
    db_path: Path
    path: Path
    scope: Scope
    now: datetime


def write_ics(args: IcsArgs, _progress):
    """On the worker, through a read-only connection of its own."""
    from crm_desktop.reminders.ics import export_ics
    from crm_desktop.reminders.repo import Reminders
    from crm_desktop.storage.db import connect

    conn = connect(args.db_path, readonly=True)
    try:
        start, end = args.scope.bounds()
        return export_ics(Reminders(conn), args.path, start, end, group_id=args.scope.group_id,
                          text=args.scope.text, now=args.now)
    finally:
        conn.close()


def export_ics(parent, office, scope: Scope, now: datetime) -> IcsArgs | None:
    suggested = list_actions._documents() / list_actions.default_name("یادآوری‌ها", ".ics", now.date())
    path, _chosen = list_actions.ask_save_path(parent, "خروجی تقویم (ICS)", suggested, ["iCalendar (*.ics)"])
    if not path:
        return None
    target = Path(path if path.lower().endswith(".ics") else path + ".ics")
    args = IcsArgs(office.path, target, scope, now)

    def done(result) -> None:
        events = getattr(result, "events", 0)
        dialogs.show_info(parent, f"{format_number(events)} رویداد ({scope.describe()}) در این فایل ذخیره شد:"
                                  f"\n{dialogs.path_text(target)}")

    list_actions.runner(parent, "خروجی تقویم", write_ics, args, done, label=scope.describe())
    return args


def birthdays(parent, office, contact_ids=None, now: datetime | None = None) -> int | None:
    """Yearly reminders from the phonebook's birthdays (all contacts, or the chosen ones)."""
    who = "همهٔ مخاطبانی که تاریخ تولد دارند" if not contact_ids else f"{format_number(len(contact_ids))} مخاطب انتخاب‌شده"
    if not dialogs.confirm(parent, f"برای تولد {who} یادآوری سالانه (ساعت ۹ صبح) ساخته شود؟", "یادآوری تولدها",
                           default_yes=True,
                           informative="برای مخاطبی که پیش‌تر یادآوری تولد دارد، دوباره ساخته نمی‌شود."):
        return None
    try:
        made = office.reminders.birthday_reminders(contact_ids, now=now)
    except Exception as error:  # noqa: BLE001 - the operator sees the Persian message
        dialogs.show_error(parent, error)
        return None
    if made:
        dialogs.show_info(parent, f"{format_number(made)} یادآوری تولد ساخته شد (گروه «تولد»).")
    else:
        dialogs.show_info(parent, "یادآوری تازه‌ای لازم نبود: یا تاریخ تولدی ثبت نشده یا همه پیش‌تر یادآوری دارند.")
    return made


def month_scope(year: int, month: int) -> Scope:
    start, end = jalali.jalali_month_range(year, month)
    return Scope(start, end)
