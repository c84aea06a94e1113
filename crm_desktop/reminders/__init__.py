"""The reminder book (issue 5): reminders with Jalali repeats, groups, holidays and popup alarms.

model.py (data + validation), recurrence.py (when a rule happens), repo.py (``Reminders``, SQL),
alarms.py (the alarm engine); the Qt side lives in view.py and views/.
"""
