"""Helpers shared by the travel and functional readers: glued-number candidates and choosing
among them by a table's own sums."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from ...numbers import RUN, parse_amount, segmentations
from ...text import Document, Line

Values = tuple[int | None, ...]
# Only runs of digits, commas, dashes and spaces: a line of bare figures.
FIGURES_ONLY = re.compile(r"^[\d,\-\s]+$")
_MAX_COMBOS = 20000


def candidates(text: str, count: int, *, bare_max: int = 12) -> list[Values]:
    """Every reading of the figure runs of `text` as exactly `count` amounts.

    Zero is printed as `-` in a budget book, so a token `0` never is an amount; that prunes
    splits such as `3410` -> 341 / 0."""
    per_run: list[list[tuple[str, ...]]] = []
    for m in RUN.finditer(text):  # numbers.runs drops `--`, which is two dashes here
        run = m.group().strip(",")
        if not run:
            continue
        segs = [s for s in segmentations(run, bare_max=bare_max) if not any(t in ("0", "-0") for t in s)]
        if not segs:
            return []
        per_run.append(segs)
    out: list[Values] = []

    def walk(i: int, acc: tuple[str, ...]) -> None:
        if len(acc) > count:
            return
        if i == len(per_run):
            if len(acc) == count:
                out.append(tuple(parse_amount(t) for t in acc))
            return
        for seg in per_run[i]:
            walk(i + 1, acc + seg)

    walk(0, ())
    return list(dict.fromkeys(out))


def nz(v: int | None) -> int:
    return 0 if v is None else v


def column_sums(rows: Sequence[Values]) -> Values:
    """Column sums, None where every row has None (the book prints `-` there)."""
    if not rows:
        return ()
    out: list[int | None] = []
    for col in zip(*rows, strict=True):
        out.append(None if all(v is None for v in col) else sum(nz(v) for v in col))
    return tuple(out)


def same(a: Values, b: Values) -> bool:
    return len(a) == len(b) and all(nz(x) == nz(y) for x, y in zip(a, b, strict=True))


def choose_by_total(
    rows: list[list[Values]],
    total: list[Values],
    ok: Callable[[Values], bool] = lambda _v: True,
) -> tuple[list[Values | None], Values | None, list[list[Values]]]:
    """Pick one reading per detail row and for the total row such that the detail rows sum to
    the total column by column. Returns (rows, total, remaining combinations); a row is None
    when the remaining combinations disagree about it."""
    total = [t for t in total if ok(t)] or total
    if not rows:
        one = total[0] if len(total) == 1 else None
        return [], one, [[t] for t in total]
    sizes = 1
    for r in rows:
        sizes *= max(1, len(r))
    if sizes * max(1, len(total)) > _MAX_COMBOS or any(not r for r in rows):
        picked = [r[0] if len(r) == 1 else None for r in rows]
        return picked, total[0] if len(total) == 1 else None, []
    fits: list[list[Values]] = []
    for combo in itertools.product(*rows):
        sums = column_sums(combo)
        for t in total:
            if same(sums, t):
                fits.append([*combo, t])
    if not fits:  # the table does not add up: keep the unambiguous readings, report elsewhere
        picked = [r[0] if len(r) == 1 else None for r in rows]
        return picked, total[0] if len(total) == 1 else None, []
    n = len(rows)
    picked_rows = [fits[0][i] if all(f[i] == fits[0][i] for f in fits) else None for i in range(n)]
    picked_total = fits[0][n] if all(f[n] == fits[0][n] for f in fits) else None
    return picked_rows, picked_total, fits


def page_junk(doc: Document) -> set[str]:
    """Keys of page-header fragments (the agency name split over the page halves, such as
    `<agency-name fragment>` / `<agency-name fragment>`): short lines without digits printed
    next to the year line on many pages. Readers skip them so they never join a text block."""
    nb = doc.nonblank()
    counts: dict[str, int] = {}
    for i, ln in enumerate(nb):
        if "中華民國" in ln.key or ln.key.endswith("年度") or "單位：" in ln.key:
            for other in nb[max(0, i - 3) : i + 4]:
                k = other.key
                if k and len(k) <= 8 and not any(c.isdigit() for c in k):
                    counts[k] = counts.get(k, 0) + 1
    return {k for k, c in counts.items() if c >= 4}


def is_page_number(ln: Line) -> bool:
    return bool(re.fullmatch(r"\d{1,3}", ln.key))
