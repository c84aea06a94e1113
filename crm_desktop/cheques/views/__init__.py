"""The cheque book's widgets (Qt): the filter bar, the table model and footer, the cheque form
with its history, the status-step dialog, the cheque books and banks managers, and the cheques
on a contact's card. The tab (``cheques/view.py``) puts them together."""
