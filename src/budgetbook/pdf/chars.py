"""The visible characters of one page, each with its box as a viewer shows the page.

Boxes are in PDF points with the origin at the TOP LEFT of the page as displayed: PDFium gives
boxes in the page's own space (origin bottom left, before /Rotate and with the crop box's
offset), so every point is mapped through the crop box and the page rotation here, once.

PDFium's "loose" box is used: it spans the font's ascent to descent and the glyph's advance,
so characters on one printed line share top and bottom whatever their ink (一 and 國 alike),
which is what a highlight on the page and the row grouping both want.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# Symbol fonts map their space to U+F020 (private use); it is a space, not a character.
SYMBOL_SPACE = "\uf020"


@dataclass(slots=True)
class PageChars:
    """One page's visible characters as parallel lists (index i is one character)."""

    number: int  # 1-based, as a viewer numbers pages
    width: float  # as displayed (after rotation)
    height: float
    rotation: int  # the page's /Rotate, clockwise degrees
    text: str = ""
    x0: list[float] = field(default_factory=list)
    top: list[float] = field(default_factory=list)
    x1: list[float] = field(default_factory=list)
    bottom: list[float] = field(default_factory=list)
    base: list[float] = field(default_factory=list)  # the baseline's y, from the char origin
    what_instead: str = ""  # for a page without text: "image only" or "blank page"
    # fonts the PDF does not embed and this machine lacks: name -> text objects of the page
    # printed in it of which PDFium gave no character (see `_unread_fonts`)
    unread_fonts: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.text)


def _viewer_map(rotation: int, crop: tuple[float, ...]) -> tuple[float, ...]:
    """Coefficients (ax, bx, cx, ay, by, cy) of the map from page space (x, y) to the displayed
    page with its origin top left: x' = ax*x + bx*y + cx, y' = ay*x + by*y + cy."""
    left, bottom, right, top = crop
    if rotation == 90:  # the page's left edge is shown at the top
        return (0.0, 1.0, -bottom, 1.0, 0.0, -left)
    if rotation == 180:
        return (-1.0, 0.0, right, 0.0, 1.0, -bottom)
    if rotation == 270:  # the page's top edge is shown at the left
        return (0.0, -1.0, top, -1.0, 0.0, right)
    return (1.0, 0.0, -left, 0.0, -1.0, top)


def page_chars(page: pdfium.PdfPage, number: int) -> PageChars:
    """Every visible character of `page` with its box; whitespace is left out because spacing
    is rebuilt from the gaps between boxes (the file's own spaces are not reliable)."""
    rotation = page.get_rotation() % 360
    crop = tuple(page.get_cropbox())
    w, h = crop[2] - crop[0], crop[3] - crop[1]
    if rotation in (90, 270):
        w, h = h, w
    out = PageChars(number=number, width=w, height=h, rotation=rotation)
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        text = textpage.get_text_range(0, n) if n else ""
        if len(text) != n:  # characters beyond the BMP come back as two UTF-16 units
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) for i in range(n))
        _collect(textpage.raw, text, out, _viewer_map(rotation, crop))
        out.unread_fonts = _unread_fonts(page, textpage.raw)
    finally:
        textpage.close()
    if not out.text:
        out.what_instead = _what_instead(page)
    return out


def _collect(raw: Any, text: str, out: PageChars, m: tuple[float, ...]) -> None:
    # The hot loop of the whole PDF layer (every character of a book passes here): the C calls
    # are bound once, the coordinate map is inlined and results go straight into the lists.
    ax, bx, cx, ay, by, cy = m
    rect = pdfium_c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    rect_p, ox_p, oy_p = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy)
    loose_box, origin = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetCharOrigin
    chars: list[str] = []
    x0s, tops, x1s, bottoms, bases = out.x0, out.top, out.x1, out.bottom, out.base
    for i, c in enumerate(text):
        if c <= " " or c.isspace() or c == SYMBOL_SPACE or not loose_box(raw, i, rect_p):
            continue
        origin(raw, i, ox_p, oy_p)
        lf, tp, rt, bt = rect.left, rect.top, rect.right, rect.bottom
        xa, xb = ax * lf + bx * tp + cx, ax * rt + bx * bt + cx
        ya, yb = ay * lf + by * tp + cy, ay * rt + by * bt + cy
        chars.append(c)
        x0s.append(xa if xa < xb else xb)
        x1s.append(xb if xa < xb else xa)
        tops.append(ya if ya < yb else yb)
        bottoms.append(yb if ya < yb else ya)
        bases.append(ay * ox.value + by * oy.value + cy)
    out.text = "".join(chars)


def _unread_fonts(page: pdfium.PdfPage, textpage: Any) -> dict[str, int]:
    """Fonts whose text PDFium dropped. A PDF may print in a font it does not embed (a CJK
    book's MSung-Light, say); PDFium then draws it with a font of the machine for its script
    or, if the machine has none, with a built-in fallback of its own (a multiple-master font,
    "Chrome Serif MM"), which has no CJK glyphs: the text objects in it then give no character
    at all, and the labels they print vanish from the text without a word. Counted per font:
    text objects in a font that is not embedded, that PDFium stands in for with its fallback,
    and that give no character."""
    out: dict[str, int] = {}
    c = pdfium_c
    # each font of the page once: its name if it is not embedded and PDFium draws it with its
    # own fallback, else None (then its objects need no look: a font of the machine stands in)
    fallback: dict[int | None, str | None] = {}
    # (text objects inside form objects too: a book may draw most of its text in forms)
    for text_obj in page.get_objects(filter=[c.FPDF_PAGEOBJ_TEXT], max_depth=_FORM_DEPTH):
        obj = text_obj.raw
        font = c.FPDFTextObj_GetFont(obj)
        if not font:
            continue
        key = ctypes.cast(font, ctypes.c_void_p).value
        if key not in fallback:
            fallback[key] = (
                None if c.FPDFFont_GetIsEmbedded(font)
                or not _font_name(c.FPDFFont_GetFamilyName, font).endswith(" MM")
                else _font_name(c.FPDFFont_GetBaseFontName, font) or "(unnamed)")
        name = fallback[key]
        # (GetText scans the page's characters: asked only of the few objects it may concern)
        if name is None or c.FPDFTextObj_GetText(obj, textpage, None, 0) > 2:
            continue  # (UTF-16, with its NUL: 2 bytes is no character)
        out[name] = out.get(name, 0) + 1
    return out


# forms within forms: PDFium's own limit is deeper; books nest one or two
_FORM_DEPTH = 8


def _font_name(get: Any, font: Any) -> str:
    size = get(font, None, 0)
    buf = ctypes.create_string_buffer(max(size, 1))
    get(font, buf, size)
    return buf.value.decode("latin-1")


def _what_instead(page: pdfium.PdfPage) -> str:
    """What a page without text holds, to say whether it is an image (a scan) or blank."""
    for obj in page.get_objects(max_depth=2):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            return "image only"
    return "blank"
