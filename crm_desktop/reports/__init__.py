"""Printed reports (PDF through reportlab; no Qt): the shared pieces every feature prints with.

- ``fonts``     the bundled Vazirmatn Regular / Bold, registered once (``REGULAR``, ``BOLD``)
- ``bidi``      ``wrap_and_reorder(text, font, size, width)`` → visual lines; ``ltr()`` for phones,
                codes and e-mails inside Persian text; ``visual()`` for one line
- ``page``      ``ReportWriter(path, ReportInfo(title, office_name, subtitle))``: A4 portrait or
                landscape pages with header (office, title, Jalali date) and «صفحه x از y»,
                streamed to a temporary file and renamed into place when complete
- ``table``     ``Table([Column(...)]).draw(doc, rows)``: right-to-left table, header repeated on
                each page, wrapping cells, zebra rows, section / subtotal / total rows
- ``card``      ``draw_card(doc, title, [Section(title, [Field(label, value)])])``: one record
- ``commands``  the ``report`` CLI command; a feature adds its report kind to ``REPORT_MODULES``

This package's ``__init__`` imports nothing (the CLI loads ``commands`` without reportlab).
"""
