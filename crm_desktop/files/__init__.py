"""Personnel, customer and job-applicant files (پرونده‌ها).

No Qt here: model.py (a file, its kind's fields, interactions, attachments, validation),
repo.py + repo_search.py (SQL: ``Files``, reached as ``office.files``)."""
