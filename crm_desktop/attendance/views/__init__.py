"""The attendance book's widgets (Qt): the quick punch bar, the month chooser, a person's month
table with its totals, the office's month summary, the day editor (punches, corrections, leave,
missions), the work schedules dialog, the fingerprint-device import and the print/export
actions. The tab (``attendance/view.py``) puts them together."""
