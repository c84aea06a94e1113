"""The reminder book's widgets (Qt): the agenda, the month view, the full list, the reminder form
with its repeat and advance-notice editors, and the group and holiday managers. The tab
(``reminders/view.py``) puts them together; see each module's docstring."""
