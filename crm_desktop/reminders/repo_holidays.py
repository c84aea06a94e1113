"""Holidays (part of ``Reminders``): the official calendar (core/holidays.py) corrected by the
operator's ``holidays`` table — added days (is_holiday 1) and removed ones (0). Reminders that
skip holidays are rescheduled when the table changes."""

from __future__ import annotations

from datetime import date, timedelta

from crm_desktop.core import jalali
from crm_desktop.core.digits import to_persian
from crm_desktop.core.holidays import is_holiday, official_holidays
from crm_desktop.errors import ValidationError
from crm_desktop.reminders.recurrence import HolidayTest, last_occurrence
from crm_desktop.reminders.repo_rows import SELECT, Stored, iso

SKIPS_HOLIDAYS = "r.repeat LIKE '%\"skip_holidays\":true%'"
MAX_TITLE = 200  # characters of a holiday's title


class HolidaysMixin:
    def holiday_overrides(self) -> dict[date, tuple[bool, str]]:
        """The operator's corrections: date → (is a holiday, title)."""
        if self._overrides is None:
            self._overrides = {
                date.fromisoformat(d): (bool(flag), title)
                for d, title, flag in self.conn.execute("SELECT date, title, is_holiday FROM holidays")}
        return self._overrides

    def holiday_test(self) -> HolidayTest:
        """``test(d)``: is ``d`` a holiday (official or the operator's; Friday is not counted)."""
        flags = {d: flag for d, (flag, _) in self.holiday_overrides().items()}
        return lambda d: is_holiday(d, flags)

    def holidays_between(self, start: date, end: date) -> dict[date, str]:
        """Holidays from ``start`` to ``end`` (inclusive): official + operator's, minus removals."""
        found: dict[date, str] = {}
        first, last = jalali.to_jalali(start)[0], jalali.to_jalali(end)[0]
        for year in range(first, last + 1):
            for d, title in official_holidays(year).items():
                if start <= d <= end:
                    found[d] = title
        for d, (flag, title) in self.holiday_overrides().items():
            if start <= d <= end:
                if flag:
                    found[d] = title or found.get(d, "") or "تعطیل"
                else:
                    found.pop(d, None)
        return dict(sorted(found.items()))

    def set_holiday(self, d: date, title: str = "", is_holiday: bool = True) -> None:
        """Make ``d`` a holiday (with a title) or not one, whatever the official calendar says."""
        title = " ".join((title or "").split())
        if len(title) > MAX_TITLE:
            raise ValidationError(f"the holiday title is longer than {MAX_TITLE} characters",
                                  f"عنوان تعطیلی بیش از {to_persian(MAX_TITLE)} نویسه است.", "عنوان")
        with self._writing({"holidays", "reminders"}):
            self.conn.execute(
                "INSERT INTO holidays (date, title, is_holiday) VALUES (?, ?, ?) "
                "ON CONFLICT (date) DO UPDATE SET title = excluded.title, is_holiday = excluded.is_holiday",
                (d.isoformat(), title, int(bool(is_holiday))))
            self._holidays_changed()

    def clear_holiday(self, d: date) -> None:
        """Forget the operator's correction for ``d`` (the official calendar holds again)."""
        with self._writing({"holidays", "reminders"}):
            self.conn.execute("DELETE FROM holidays WHERE date = ?", (d.isoformat(),))
            self._holidays_changed()

    def _holidays_changed(self) -> None:
        self._overrides = None
        test = self.holiday_test()
        rows = [Stored(*row) for row in self.conn.execute(SELECT + " WHERE " + SKIPS_HOLIDAYS)]
        for row in rows:
            last = last_occurrence(row.starts_at, row.repeat, test)
            self.conn.execute("UPDATE reminders SET last_at = ? WHERE id = ?", (iso(last), row.id))
            self.recompute_alarm(row.id)


def month_days(year: int, month: int) -> list[date]:
    first, last = jalali.jalali_month_range(year, month)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
