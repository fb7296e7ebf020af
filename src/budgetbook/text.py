"""Loading book text: decoding (UTF-8 or Big5/CP950), normalising characters, numbering lines."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import ReadError

# One name is printed with several dot variants (甲．乙, 甲‧乙, 甲·乙).
_DOTS = {"．": "·", "‧": "·", "・": "·", "•": "·", "\u3000": " "}
_FULLWIDTH_DIGITS = dict(zip("０１２３４５６７８９", "0123456789", strict=True))
_SPACE = re.compile(r"\s+")


# CJK compatibility ideographs (U+F900-U+FAFF, e.g. U+F98E for 年) and Kangxi radicals fold to
# their unified forms; one translation table keeps this a single pass over the text.
_COMPAT = {
    cp: unicodedata.normalize("NFKC", chr(cp))
    for cp in (*range(0xF900, 0xFB00), *range(0x2F00, 0x2FE0))
    if unicodedata.normalize("NFKC", chr(cp)) != chr(cp)
}
_FOLD = {**_COMPAT, **{ord(k): v for k, v in {**_DOTS, **_FULLWIDTH_DIGITS}.items()}}


def normalize(text: str) -> str:
    """Fold the character variants the PDF extraction produces; keep full-width punctuation.

    NFKC is applied only to compatibility ideographs: applied to the whole text it would turn
    the full-width comma of prose into a thousands separator and glue numbers the book keeps
    apart.
    """
    return text.translate(_FOLD)


def squash(text: str) -> str:
    """Text with all whitespace removed, for matching titles and names."""
    return _SPACE.sub("", text)


@dataclass(frozen=True)
class Line:
    """One line of the source text: its 1-based number, the raw text and the normalised text."""

    no: int
    raw: str
    text: str

    @cached_property
    def key(self) -> str:
        """The text without whitespace; readers ask for it many times per line."""
        return squash(self.text)

    def __str__(self) -> str:
        return f"{self.no}: {self.text}"


@dataclass
class Document:
    """The whole text of a book, line by line."""

    path: str
    lines: list[Line]
    encoding: str
    # a PDF book's text: each line's page and box ("x0,top,x1,bottom"), and the PDF itself
    line_pages: list[int] | None = None
    line_boxes: list[str | None] | None = None
    pdf_path: str | None = None
    # the file ends inside a character: the last line, where the text was cut (read up to it)
    cut_line: int | None = None

    def nonblank(self, start: int = 1, end: int | None = None) -> list[Line]:
        """Non-blank lines with start <= no < end."""
        stop = len(self.lines) + 1 if end is None else end
        return [ln for ln in self.lines[start - 1 : stop - 1] if ln.text.strip()]

    def line(self, no: int) -> Line:
        return self.lines[no - 1]


_BOM = b"\xef\xbb\xbf"


def _cut_at(data: bytes, encoding: str) -> tuple[str, int] | None:
    """The text of `data` and where it stops when its only fault is a last character cut short
    (a file truncated inside a multi-byte character); None when it does not decode."""
    try:
        return data.decode(encoding), len(data)
    except UnicodeDecodeError as exc:
        if exc.end != len(data) or len(data) - exc.start > 3:
            return None  # a fault inside the text, not a character cut at its end
        try:
            return data[: exc.start].decode(encoding), exc.start
        except UnicodeDecodeError:
            return None


def decode_text(data: bytes, path: str) -> tuple[str, str, bool]:
    """Decode UTF-8 (with or without BOM), else Big5/CP950, which Taiwanese government files use;
    with whether the file ends inside a character (its text then stops just before it)."""
    if b"\x00" in data[:4096]:
        raise ReadError("binary file; expected the extracted text of a budget book", path=path)
    body = data[len(_BOM):] if data.startswith(_BOM) else data
    for encoding in ("utf-8", "cp950", "big5hkscs"):
        try:
            return body.decode(encoding), encoding, False
        except UnicodeDecodeError:
            pass
        # a file cut short inside its last character is read as far as it goes; UTF-8 first,
        # so that a cut UTF-8 file is never taken for Big5
        cut = _cut_at(body, encoding)
        if cut is not None:
            return cut[0], encoding, True
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise ReadError(
            "cannot decode the text as UTF-8 or Big5/CP950; expected the text of a budget book",
            path=path,
            line=line,
        ) from None
    raise AssertionError("unreachable")


def decode(data: bytes, path: str) -> tuple[str, str]:
    """The text and its encoding (see `decode_text`)."""
    text, encoding, _ = decode_text(data, path)
    return text, encoding


def load(path: str | Path) -> Document:
    """Read a text file into a Document, with clear errors for what a user can get wrong: only a
    regular file within the text cap (`limits.py`) is opened."""
    from .limits import TEXT, cap, check_file

    name = str(path)
    check_file(path, TEXT)
    limit = cap(TEXT)
    try:
        with Path(path).open("rb") as fh:
            data = fh.read(limit + 1)  # bounded even if the file grows after its stat
    except OSError as exc:
        raise ReadError(f"cannot read the file ({exc.strerror})", path=name) from None
    if len(data) > limit:
        check_file(path, TEXT)  # grew past the cap since: the same message
        raise ReadError("file too large for book text", path=name)
    if not data.strip():
        raise ReadError("empty file; expected the text of a budget book", path=name, line=1)
    text, encoding, cut = decode_text(data, name)
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [Line(i, raw, normalize(raw).rstrip()) for i, raw in enumerate(raw_lines, 1)]
    return Document(path=name, lines=lines, encoding=encoding,
                    cut_line=len(lines) if cut else None)


def from_text(text: str, path: str = "<text>") -> Document:
    """A Document from a string (tests build small books this way)."""
    raw_lines = text.split("\n")
    lines = [Line(i, raw, normalize(raw).rstrip()) for i, raw in enumerate(raw_lines, 1)]
    return Document(path=path, lines=lines, encoding="utf-8")
