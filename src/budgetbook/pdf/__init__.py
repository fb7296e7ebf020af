"""The PDF text layer: a book's PDF read with PDFium into rebuilt text lines, each character
with its page and box.

    open_pdf(path) -> pypdfium2.PdfDocument       errors as ReadError naming the file
    read_pdf(path, last_page=None, progress=None) -> PdfText
    PdfText.lines[no - 1] / .line(no) -> PdfLine  numbered 1-based across the book
    PdfLine.box(start, end) -> Box | None         the box of a span of the line's text
    Box(page, x0, top, x1, bottom)                points, origin top left of the shown page

Modules, one job each: document (opening), chars (characters and boxes), margins (vertical
margin labels), rows (rows and spacing from positions), pdftext (numbered lines, lookups).
"""

from __future__ import annotations

from .document import open_pdf
from .pdftext import Box, PdfLine, PdfPage, PdfText, read_pdf

__all__ = ["Box", "PdfLine", "PdfPage", "PdfText", "open_pdf", "read_pdf"]
