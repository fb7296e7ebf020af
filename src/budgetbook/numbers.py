"""The number grammar of a budget book.

Amounts are printed with thousands separators (`1,234,567`): after a comma come exactly three
digits. The PDF extraction glues neighbouring cells together (`1,234,5676,789` is 1,234,567 and
6,789; `2,345,6782000` is 2,345,678 and the code 2000), so a run of digits, commas and dashes
is read by enumerating every segmentation the grammar allows; the table then chooses among
them (by column count or by its own totals). A lone `-` means "none" and becomes None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

NONE = "-"
# A run: digits, commas and dashes glued together, possibly with a leading minus.
RUN = re.compile(r"[-\d][-\d,]*")
_COMMA_NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+")
_BARE_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)")


def parse_amount(token: str) -> int | None:
    """`1,234` -> 1234, `-34` -> -34, `-` -> None. Raises ValueError on anything else."""
    token = token.strip()
    if token in ("-", "－", "—"):
        return None
    if _COMMA_NUMBER.fullmatch(token) or _BARE_NUMBER.fullmatch(token):
        return int(token.replace(",", ""))
    raise ValueError(f"not an amount: {token!r}")


def is_amount(token: str) -> bool:
    try:
        parse_amount(token)
    except ValueError:
        return False
    return True


def format_amount(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def runs(text: str) -> list[str]:
    """The runs of digits, commas and dashes in a line, in order (commas at the edges trimmed)."""
    return [m.group().strip(",") for m in RUN.finditer(text) if m.group().strip(",-") or m.group() == "-"]


def segmentations(run: str, *, bare_max: int = 12) -> list[tuple[str, ...]]:
    """Every way to read `run` as a sequence of tokens: numbers (with or without thousands
    separators, possibly negative) and lone `-`.

    `bare_max` caps the digits of a number printed without separators; books print amounts of
    1,000 and more with separators, so a table can pass 3 to cut the alternatives.
    """
    return [tuple(s) for s in _segment(run, bare_max)]


@cache
def _segment(run: str, bare_max: int) -> tuple[tuple[str, ...], ...]:
    if not run:
        return ((),)
    out: list[tuple[str, ...]] = []
    for token, rest in _first_tokens(run, bare_max):
        for tail in _segment(rest, bare_max):
            out.append((token, *tail))
    return tuple(out)


def _first_tokens(run: str, bare_max: int) -> Iterator[tuple[str, str]]:
    """Possible first tokens of `run` and what remains after each."""
    if run.startswith("-"):
        yield "-", run[1:]
        body, sign = run[1:], "-"
    else:
        body, sign = run, ""
    if not body or not body[0].isdigit():
        return
    lead = 0
    while lead < len(body) and body[lead].isdigit():
        lead += 1
    # Numbers without separators: any prefix of the leading digits.
    for n in range(1, min(lead, bare_max) + 1):
        digits = body[:n]
        if len(digits) > 1 and digits[0] == "0":
            continue
        if n < len(body) and body[n] == ",":
            continue  # a comma right after means the digits were a separator group's head
        yield sign + digits, body[n:]
    # Numbers with separators: a 1-3 digit head, then groups of exactly three.
    for n in range(1, min(lead, 3) + 1):
        if n != lead:
            continue  # the head must reach the comma
        if len(body[:n]) > 1 and body[0] == "0":
            continue
        pos = n
        while pos + 4 <= len(body) and body[pos] == "," and body[pos + 1 : pos + 4].isdigit():
            pos += 4
            yield sign + body[:pos], body[pos:]
    # A head shorter than the leading digits: the digits before it belong to earlier tokens,
    # which the bare-number branch above already produced.


def split_run(run: str, count: int | None = None, *, bare_max: int = 12) -> list[tuple[str, ...]]:
    """Segmentations of `run`, keeping only those with `count` tokens when given."""
    found = segmentations(run, bare_max=bare_max)
    if count is not None:
        found = [s for s in found if len(s) == count]
    return found


def greedy_split(run: str) -> tuple[str, ...]:
    """The reading that takes every separator group as far as the grammar allows: after a
    comma exactly three digits, and digits left before the next comma start the next number.
    Unambiguous for runs of numbers that all carry separators (`1,234,5676,789`)."""
    tokens: list[str] = []
    i = 0
    while i < len(run):
        if run[i] == "-" and (i + 1 == len(run) or not run[i + 1].isdigit()):
            tokens.append("-")
            i += 1
            continue
        m = re.match(r"-?\d+", run[i:])
        if not m:
            raise ValueError(f"not a number run: {run!r}")
        j = i + m.end()
        if j < len(run) and run[j] == ",":
            head = m.group()
            digits = head.lstrip("-")
            sign = "-" if head.startswith("-") else ""
            # digits beyond 3 before the comma are whole numbers of their own (short, bare)
            if len(digits) > 3:
                tokens.append(sign + digits[:-3])
                sign = ""
                digits = digits[-3:]
            k = j
            while k + 4 <= len(run) and run[k] == "," and run[k + 1 : k + 4].isdigit():
                k += 4
            tokens.append(sign + digits + run[j:k])
            i = k
        else:
            tokens.append(m.group())
            i = j
    return tuple(tokens)


def amounts(tokens: tuple[str, ...] | list[str]) -> list[int | None]:
    return [parse_amount(t) for t in tokens]
