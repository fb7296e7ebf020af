"""What budgetbook agrees to read: regular files only, each under a size cap set here.

A device (`/dev/zero`) would be read forever and a FIFO without a writer blocks on opening, so
both are refused from their `stat`, before any byte is read; so is a file above its cap. The caps
are generous (a real book's text is a few MB, its PDF tens of MB) and can be changed per run:

    BUDGETBOOK_MAX_TEXT_MB   book text, JSON exports and open-data CSV   (default 50)
    BUDGETBOOK_MAX_PDF_MB    book PDFs                                   (default 500)
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import ReadError

TEXT = "text"
PDF = "pdf"
MB = 1_000_000
DEFAULT_MB = {TEXT: 50, PDF: 500}
ENV = {TEXT: "BUDGETBOOK_MAX_TEXT_MB", PDF: "BUDGETBOOK_MAX_PDF_MB"}
_WHAT = {TEXT: "book text", PDF: "a PDF"}


def cap(kind: str) -> int:
    """The cap in bytes for `kind` (TEXT or PDF), from its environment variable if set."""
    name = ENV[kind]
    raw = os.environ.get(name, "").strip()
    if not raw:
        return DEFAULT_MB[kind] * MB
    try:
        mb = float(raw)
    except ValueError:
        mb = -1.0
    if not mb > 0 or mb == float("inf"):
        raise ReadError(f"{name}={raw!r}: expected a size in MB greater than 0, such as "
                        f"{DEFAULT_MB[kind]}")
    return int(mb * MB)


def check_file(path: str | Path, kind: str | None = None) -> int:
    """The size of `path` when it is a regular file within the cap of `kind` (any size when
    kind is None); else a ReadError naming the file. Nothing is opened, so a FIFO cannot block
    here."""
    name = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ReadError("no such file", path=name) from None
    except NotADirectoryError:
        raise ReadError("no such file (a part of its path is not a folder)", path=name) from None
    except OSError as exc:
        raise ReadError(f"cannot read the file ({exc.strerror})", path=name) from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError("is a directory; expected a text file of a budget book", path=name)
    if not stat.S_ISREG(st.st_mode):
        raise ReadError("not a regular file (a device, FIFO or socket); expected a budget "
                        "book's PDF or text saved as a file", path=name)
    if kind is None:
        return st.st_size
    limit = cap(kind)
    if st.st_size > limit:
        raise ReadError(f"file too large for {_WHAT[kind]}: {st.st_size / MB:,.1f} MB, above the "
                        f"cap of {limit / MB:,.1f} MB (set {ENV[kind]} to raise it)", path=name)
    return st.st_size
