"""Cheque printing and the layout designer (چاپ روی چک و طراحی نمونه چاپی).

No Qt here: model.py (templates, fields, calibration, the JSON file), values.py (what each field
prints), builtin.py (the unified Sayad leaf), repo.py (SQL, reached as ``office.cheque_print``).
With Qt: print_render.py (one drawing code for the designer and the printout), print_pdf.py (PDF
and printer output, the calibration page), print_commands.py (CLI), views/ (the designer)."""
