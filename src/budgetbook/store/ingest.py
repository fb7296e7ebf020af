"""What `budgetbook ingest` accepts: book text files, budgetbook packages, and folders of them."""

from __future__ import annotations

import gc
import json
import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine

from ..errors import BudgetBookError, ReadError
from ..export.bundle import Bundle, from_book, from_csv_file, from_fdp
from ..readers.twbudget import CsvFile, file_flags, neighbour_files, read_file
from .load import Prepared, prepare

_T = TypeVar("_T")
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files and packages to load, in a stable order; a folder contributes its packages (any
    datapackage.json below it) and its .txt books."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir() and (p / "datapackage.json").exists():
            out.append(p / "datapackage.json")
        elif p.is_dir():
            packages = sorted(p.rglob("datapackage.json"))
            found = packages + [f for pattern in ("*.pdf", "*.txt", "*.csv")
                                for f in _loose(p, pattern, packages)]
            if not found:
                raise ReadError("folder holds no book PDF (.pdf), book text (.txt), open-data "
                                "CSV (.csv) or datapackage.json", path=str(p))
            out.extend(found)
        else:
            out.append(p)
    return out


def _loose(folder: Path, pattern: str, packages: list[Path]) -> list[Path]:
    """Files below `folder` that are not part of a package (a package's own CSVs are not
    books)."""
    inside = [d.parent for d in packages]
    return sorted(f for f in folder.rglob(pattern)
                  if not any(f.is_relative_to(d) for d in inside))


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


def csv_flags(files: list[CsvFile], *, neighbours: bool = True
              ) -> dict[Path, dict[str | None, list[str]]]:
    """The problems of each file found by the checks across files (see `file_flags`). A file
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
    return file_flags([*files, *context])


def file_bundles(f: CsvFile, flags: dict[str | None, list[str]]) -> list[Bundle]:
    """The books of one open-data file as bundles, each with the file's problems and its own."""
    return from_csv_file(f, flags)


def csv_bundles(files: list[CsvFile], *, neighbours: bool = True
                ) -> Iterator[tuple[CsvFile, list[Bundle]]]:
    """Each open-data file with its books as bundles, flagged by the checks across files."""
    flags = csv_flags(files, neighbours=neighbours)
    for f in files:
        yield f, file_bundles(f, flags[f.path])


def read_csv_bundles(path: Path, phase: str | None,
                     flags: dict[str | None, list[str]]) -> list[Bundle]:
    """One open-data file read and made into bundles, given its problems across files."""
    return file_bundles(read_file(path, phase, books=False), flags)


def prepare_csv(path: Path, phase: str | None, flags: dict[str | None, list[str]]) -> Prepared:
    """One open-data file read and made ready for the writer, given its problems across
    files: the work of one process of `ingest --jobs`."""
    with gc_paused():  # (the rows read are as many containers as the books made of them)
        f = read_file(path, phase, books=False)
    return prepare_read(f, flags)


def prepare_read(f: CsvFile, flags: dict[str | None, list[str]]) -> Prepared:
    """`prepare_csv` of a file already read (in the writer's own process: not read again)."""
    with gc_paused():
        return prepare(file_bundles(f, flags))


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off meanwhile. A file's books are a few hundred thousand
    dicts, lists and tuples, none in a cycle, and the collector's passes over them took a
    quarter of the time it takes to make them (2.9 -> 2.2 s for the 33 open-data files)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


# --- reading in several processes (ingest --jobs) ----------------------------------------------

@dataclass
class Failed:
    """A source that could not be read, with the message naming the file and line."""

    message: str


def _call(fn: Callable[..., _T], args: tuple[Any, ...]) -> _T | Failed:
    try:
        return fn(*args)
    except BudgetBookError as exc:  # a user's error: its message (the exception may not pickle)
        return Failed(exc.describe())


def reading_pool(jobs: int) -> ProcessPoolExecutor:
    """`jobs` processes for `in_order`, starting now, in the background: they import the readers
    while the caller opens the database and reads what it must read first (0.6 s of the 33
    open-data files' ingest went to starting them after that)."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["budgetbook.store.ingest", "budgetbook.readers"])
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)

    def start() -> None:
        # (a process starts for a task that none is free to take; starting one waits for the
        # fork server to import the readers, hence this thread)
        for _ in range(jobs):
            try:
                pool.submit(int)
            except RuntimeError:  # shut down meanwhile (the caller failed): nothing to start
                return

    threading.Thread(target=start, name="reading-pool", daemon=True).start()
    return pool


def in_order(fn: Callable[..., _T], argsets: list[tuple[Any, ...]], jobs: int,
             pool: ProcessPoolExecutor | None = None) -> Iterator[_T | Failed]:
    """`fn(*args)` for each of `argsets`, in that order, computed by `jobs` processes (here,
    when jobs is 1): those of `pool`, or a pool of its own. Reading a book is CPU-bound; the
    caller, the one writer, loads each result as it comes while the processes read the next
    ones. At most two results per process wait ahead of the caller, so memory stays bounded
    however many books there are."""
    if jobs <= 1 or len(argsets) <= 1:
        for args in argsets:
            yield _call(fn, args)
        return
    if pool is None:
        with reading_pool(jobs) as own:
            yield from _pooled(own, fn, argsets, jobs)
    else:
        yield from _pooled(pool, fn, argsets, jobs)


def _pooled(pool: ProcessPoolExecutor, fn: Callable[..., _T], argsets: list[tuple[Any, ...]],
            jobs: int) -> Iterator[_T | Failed]:
    pending: deque[Future[_T | Failed]] = deque()
    todo = iter(argsets)
    for args in islice(todo, jobs * 2):
        pending.append(pool.submit(_call, fn, args))
    while pending:
        result = pending.popleft().result()
        for args in islice(todo, 1):
            pending.append(pool.submit(_call, fn, args))
        yield result
