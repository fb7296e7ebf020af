"""A PDF page as a PNG image, drawn by PDFium from the PDF's bytes (as the database keeps
them), for the explorer's page view and the API's page images."""

from __future__ import annotations

import io
from collections import OrderedDict
from collections.abc import Callable

import pypdfium2 as pdfium

MIN_SCALE, MAX_SCALE = 0.5, 4.0


class PageOutOfRange(ValueError):
    def __init__(self, page: int, count: int):
        self.page, self.count = page, count
        super().__init__(f"no page {page}: the PDF has {count} page(s)")



def render_png(data: bytes, page: int, scale: float = 1.5) -> bytes:
    """Page `page` (1-based) drawn at `scale` × its size in points (72 per inch)."""
    doc = pdfium.PdfDocument(data)
    try:
        if not 1 <= page <= len(doc):
            raise PageOutOfRange(page, len(doc))
        pg = doc[page - 1]
        try:
            image = pg.render(scale=scale).to_pil()
        finally:
            pg.close()
    finally:
        doc.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


_CACHE: OrderedDict[tuple[str, int, float], bytes] = OrderedDict()
CACHED_PAGES = 64


def cached_png(key: str, page: int, scale: float, load: Callable[[], bytes]) -> bytes:
    """`render_png` of the PDF `load` returns, remembered by `key` (book id and ingest time: a
    re-ingested book is drawn anew), page and scale; the PDF is loaded only on a miss."""
    k = (key, page, scale)
    if k in _CACHE:
        _CACHE.move_to_end(k)
        return _CACHE[k]
    png = render_png(load(), page, scale)
    _CACHE[k] = png
    while len(_CACHE) > CACHED_PAGES:
        _CACHE.popitem(last=False)
    return png
