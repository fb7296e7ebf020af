"""Money units. A book keeps its amounts as printed, in its own unit: central-government books
print thousands of NTD (千元), city and county books print NTD (元). Anything that puts two
books' amounts side by side converts them to one unit first and says which (`common`).
This module is the one place that names the units."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, cast

Unit = Literal["thousand TWD", "TWD"]
THOUSAND_TWD: Unit = "thousand TWD"
TWD: Unit = "TWD"
DEFAULT: Unit = THOUSAND_TWD  # a central book that does not print its unit

NTD_PER: dict[str, int] = {THOUSAND_TWD: 1000, TWD: 1}
WORD: dict[str, str] = {THOUSAND_TWD: "千元", TWD: "元"}  # as a table's unit note prints it
PRINTED: dict[str, str] = {THOUSAND_TWD: "新臺幣千元", TWD: "新臺幣元"}
UNITS: tuple[Unit, ...] = (THOUSAND_TWD, TWD)


def of_word(word: str) -> Unit | None:
    """The unit a page header names (`單位：新臺幣千元` -> thousand TWD), else None."""
    word = word.replace("新臺幣", "").replace("新台幣", "").strip()
    return next((u for u in UNITS if word.startswith(WORD[u])), None)


def common(units: Iterable[str | None]) -> Unit:
    """The unit to add amounts of books in `units` in: theirs when they share one, else the
    smallest (NTD), so that no amount is rounded."""
    seen = {u or DEFAULT for u in units}
    if len(seen) == 1:
        return cast(Unit, seen.pop())
    return cast(Unit, min(seen, key=lambda u: NTD_PER[u])) if seen else DEFAULT


def factor(unit: str | None, to: str) -> int:
    """What an amount in `unit` is multiplied by to be in `to` (only ever a whole number:
    `to` is never larger than `unit` when chosen by `common`)."""
    num, den = NTD_PER[unit or DEFAULT], NTD_PER[to]
    if num % den:
        raise ValueError(f"cannot convert {unit} to {to} without rounding")
    return num // den


def convert(amount: int | None, unit: str | None, to: str) -> int | None:
    return None if amount is None else amount * factor(unit, to)


def word_of(unit: str | None) -> str:
    """The word a page prints after a figure, for a unit or a described unit (`describe`)."""
    for u in UNITS:
        if unit == u or (unit or "").startswith(f"{u} ("):
            return WORD[u]
    return WORD[DEFAULT]


def describe(unit: str) -> str:
    """The unit as the API states it: `thousand TWD (千元)`."""
    return f"{unit} ({WORD[unit]})"
