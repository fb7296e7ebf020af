"""What `budgetbook ingest` accepts: book text files, budgetbook packages, and folders of them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy import Engine

from ..errors import ReadError
from ..export.bundle import Bundle, from_book, from_csv_book, from_fdp
from ..readers.twbudget import CsvFile, file_flags, neighbour_files

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files and packages to load, in a stable order; a folder contributes its packages (any
    datapackage.json below it) and its .txt books."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir() and (p / "datapackage.json").exists():
            out.append(p / "datapackage.json")
        elif p.is_dir():
            found = (sorted(p.rglob("datapackage.json")) + sorted(p.rglob("*.pdf"))
                     + sorted(p.rglob("*.txt")) + sorted(p.rglob("*.csv")))
            if not found:
                raise ReadError("folder holds no book PDF (.pdf), book text (.txt), open-data "
                                "CSV (.csv) or datapackage.json", path=str(p))
            out.extend(found)
        else:
            out.append(p)
    return out


def bundle_of(path: Path, phase: str | None = None) -> Bundle:
    from ..readers import read_source

    if path.name == "datapackage.json" or (path.suffix == ".json" and not _is_book_json(path)):
        return from_fdp(path)
    book, doc = read_source(path, phase=phase)
    return from_book(book, doc)


def _is_book_json(path: Path) -> bool:
    from ..readers import is_book_json

    try:
        return is_book_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return False  # from_fdp names what is wrong with it


def sample_bundles() -> Iterator[Bundle]:
    for desc in sorted(SAMPLE.rglob("datapackage.json")):
        yield from_fdp(desc)


def ensure_sample(engine: Engine) -> list[str]:
    """Load the bundled sample into an empty database, so a fresh install has a real book."""
    from .load import load_bundle
    from .queries import list_books

    if list_books(engine):
        return []
    return [load_bundle(engine, b).book_id for b in sample_bundles()]


def is_csv(path: Path) -> bool:
    return path.suffix.lower() == ".csv"


def csv_bundles(files: list[CsvFile], *, neighbours: bool = True
                ) -> Iterator[tuple[CsvFile, list[Bundle]]]:
    """Each open-data file with its books as bundles, flagged by the checks across files. A file
    is measured against the neighbouring years given with it and, with `neighbours`, against
    those in its own folder that were not given (so the 2018 proposal loaded alone is still
    flagged as incomplete); those are read for the check only, never loaded."""
    context: list[CsvFile] = []
    if neighbours:
        given = [f.path for f in files]
        seen = {p.resolve() for p in given}
        for f in files:
            for g in neighbour_files(f.path, f.phase, skip=given):
                if g.path.resolve() not in seen and g.phase == f.phase:
                    seen.add(g.path.resolve())
                    context.append(g)
    flags = file_flags([*files, *context])
    for f in files:
        spans: dict[str, list[tuple[int, int]]] = {}
        for r in f.rows:
            spans.setdefault(r.code[2:6], []).append((r.line, r.end_line))
        mine = flags[f.path]
        yield f, [from_csv_book(b, f.lines, spans[b.agency_code or ""],
                                mine.get(None, []) + mine.get(b.agency_code, []))
                  for b in f.books]
