"""The files' widgets (Qt): one page per kind (filters, a lazy table, a count), the file form
with its kind's fields, photo, attachments, state history and, for a customer, the interaction
log with the customer's cheques and reminders; the hire / end-of-employment / stage dialogs;
the files on a contact's card. The tab (``files/view.py``) puts the pages together."""
