"""The cheque book (دفتر چک): received and paid cheques, their life, cheque books, due alerts.

No Qt here: model.py (data + validation), status.py (the status machine), banks.py (the bank
list), repo*.py (SQL: ``Cheques(conn, notify)``, reached as ``office.cheques``), alerts.py (due
alerts through the reminder engine)."""
