"""Opening a PDF with PDFium (pypdfium2), with one clear `ReadError` per way a file can be bad.

PDFium reports most failures as one error code; the file's first bytes tell a damaged PDF (it
starts like one) from a file that is no PDF at all, which is what a user needs to hear.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import ReadError

# The PDF specification allows junk before the header; readers look in the first kilobyte.
_HEADER_WINDOW = 1024


def open_pdf(path: str | Path) -> pdfium.PdfDocument:
    """Open `path` with PDFium, or raise a `ReadError` naming the file and what is wrong."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise ReadError("no such file", path=name)
    if p.is_dir():
        raise ReadError("is a directory; expected a PDF of a budget book", path=name)
    try:
        with p.open("rb") as fh:
            head = fh.read(_HEADER_WINDOW)
    except OSError as exc:
        raise ReadError(f"cannot read the file ({exc.strerror})", path=name) from None
    if not head:
        raise ReadError("empty file; expected a PDF of a budget book", path=name)
    if b"%PDF-" not in head:
        raise ReadError("not a PDF (no %PDF- header); expected a PDF of a budget book",
                        path=name)
    try:
        return pdfium.PdfDocument(p)
    except pdfium.PdfiumError as exc:
        raise _read_error(exc, name) from None


def _read_error(exc: pdfium.PdfiumError, name: str) -> ReadError:
    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return ReadError("encrypted PDF: needs a password, which budgetbook does not take; "
                         "save an unencrypted copy", path=name)
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return ReadError("PDF protected by an unsupported security handler", path=name)
    # FPDF_ERR_FORMAT, FPDF_ERR_FILE and unknown codes: the file starts as a PDF, so the rest
    # of it is broken (truncated downloads are the usual cause).
    return ReadError("damaged PDF (truncated or corrupt); PDFium cannot read its structure",
                     path=name)


def load_page(doc: pdfium.PdfDocument, index: int, name: str) -> pdfium.PdfPage:
    """Page `index` (0-based); a page PDFium cannot load is a damaged PDF, named by its number."""
    try:
        return doc[index]
    except pdfium.PdfiumError:
        raise ReadError(f"damaged PDF: page {index + 1} cannot be loaded", path=name) from None
