"""A reportlab canvas that writes each finished page to the file at once.

reportlab's ``Canvas`` keeps every page's content in memory and builds the whole PDF as one
bytes object at ``save()``: a phonebook of a million contacts (tens of thousands of pages)
would not fit. ``StreamingCanvas`` is a plain ``Canvas`` (draw with the usual calls) whose
document writes each page object and its content stream as soon as ``showPage()`` closes it,
keeps only the object offsets, and writes the fonts, the page tree, the cross-reference table
and the trailer at ``save()``. PDF allows objects in any order; the xref gives their offsets.

Forward references: a page may show a form (``doForm``) that is only drawn after the last page
— the total in «صفحه x از y». Call ``reserve_form(name)`` before the first page that uses it;
``beginForm(name)…endForm()`` at the end fills it in.
"""

from __future__ import annotations

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

# Page streams: zlib only. The default adds ASCII85 on top (+25 % size, and reportlab's pure
# Python encoder was a tenth of a large report's time). Only reports use reportlab here.
rl_config.useA85 = 0


class _Reserved(pdfdoc.PDFObject):
    def format(self, document):
        raise ValueError("a reserved form was never drawn (call beginForm/endForm before save)")


class StreamingDocument(pdfdoc.PDFDocument):
    def __init__(self, out, **kwargs):
        super().__init__(**kwargs)
        self._out = out
        self._position = 0
        self._offsets: dict[int, int] = {}  # object number -> byte offset in the file
        self._reserved: set[str] = set()
        header = pdfdoc.PDFFile(self._pdfVersion)
        self._write(b"".join(header.strings))
        # Register the containers now, so that formatting a page registers only its own objects.
        self.Reference(self.Catalog)
        self.Reference(self.Pages)

    def _write(self, data: bytes) -> int:
        offset = self._position
        self._out.write(data)
        self._position += len(data)
        return offset

    def _write_object(self, name: str) -> None:
        number = self.idToObjectNumberAndVersion[name][0]
        data = pdfdoc.PDFIndirectObject(name, self.idToObject[name]).format(self)
        self._offsets[number] = self._write(data)

    # --- pages --------------------------------------------------------------------------------
    def addPage(self, page):
        first_new = self.objectcounter + 1
        super().addPage(page)
        name = getattr(page, "__InternalName__")
        self._write_object(name)
        # Objects the page registered while being formatted: its content stream(s). Anything
        # shared that may still grow (fonts, forms) is left for save().
        for number in range(first_new, self.objectcounter + 1):
            oid = self.numberToId[number]
            obj = self.idToObject[oid]
            if oid != name and isinstance(obj, pdfdoc.PDFStream) and not isinstance(obj, pdfdoc.PDFFormXObject):
                self._write_object(oid)
                # Nothing refers to a page's content stream by name once the page is written.
                del self.idToObject[oid], self.idToObjectNumberAndVersion[oid], self.numberToId[number]
        # Keep only what the page tree needs: its registered name.
        page.__dict__.clear()
        setattr(page, "__InternalName__", name)

    # --- forms drawn after the pages that show them ---------------------------------------------
    def reserve_form(self, name: str) -> None:
        internal = pdfdoc.xObjectName(name)
        if internal not in self.idToObject:
            self.Reference(_Reserved(), internal)
            self._reserved.add(internal)

    def addForm(self, name, form):
        internal = pdfdoc.xObjectName(name)
        if internal in self._reserved:
            self._reserved.discard(internal)
            setattr(form, "__InternalName__", internal)
            self.idToObject[internal] = form
            self.inObject = None
            return
        super().addForm(name, form)

    # --- the end ------------------------------------------------------------------------------
    def finish(self, canvas) -> None:
        """Write every object not yet written, the xref table and the trailer."""
        for font in self.delayedFonts:
            font.addObjects(self)
        self.info.invariant = self.invariant
        self.info.digest(self.signature)
        self.Reference(self.Catalog)
        self.Reference(self.info)
        self.Outlines.prepare(self, canvas)
        if self.Outlines.ready < 0:
            self.Catalog.Outlines = None
        self.encrypt.prepare(self)
        number = 0
        while number < self.objectcounter:  # formatting may register more objects (fonts)
            number += 1
            if number not in self._offsets:
                self._write_object(self.numberToId[number])
        count = self.objectcounter
        xref_at = self._position
        lines = [b"xref\n", b"0 %d\n" % (count + 1), b"0000000000 65535 f \n"]
        lines += [b"%010d 00000 n \n" % self._offsets[n] for n in range(1, count + 1)]
        self._write(b"".join(lines))
        trailer = pdfdoc.PDFTrailer(
            startxref=xref_at,
            Size=count + 1,
            Root=self.Reference(self.Catalog),
            Info=self.Reference(self.info),
            ID=self.ID(),
        )
        self._write(trailer.format(self))


class StreamingCanvas(Canvas):
    """A ``Canvas`` over an open binary file; pages go to the file as they are finished."""

    def __init__(self, out, **kwargs):
        kwargs.setdefault("pageCompression", 1)
        super().__init__(out, **kwargs)
        self._doc = StreamingDocument(
            out,
            compression=self._pageCompression,
            invariant=kwargs.get("invariant"),
            pdfVersion=kwargs.get("pdfVersion") or pdfdoc.PDF_VERSION_DEFAULT,
            lang=kwargs.get("lang"),
        )
        self._make_preamble()  # the preamble names the initial font in the new document

    @property
    def page_number(self) -> int:
        """The number of the page being drawn (1-based)."""
        return self._pageNumber

    def reserve_form(self, name: str) -> None:
        self._doc.reserve_form(name)

    def save(self):
        if len(self._code):
            self.showPage()
        self._doc.finish(self)

    def getpdfdata(self):  # pragma: no cover - the data went to the file
        raise NotImplementedError("StreamingCanvas writes to its file; there is no data to return")
