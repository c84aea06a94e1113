"""The attendance book (دفتر حضور و غیاب): schedules, punches, leave, missions, a day's and a
month's figures by Iranian rules. No Qt here: model.py, compute.py (the arithmetic), repo.py
(SQL, reached as ``office.attendance``), zk_import.py (a fingerprint device's attlog)."""
