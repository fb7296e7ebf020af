"""三、…以前年度實施狀況及成果概述: one part per period, each a table
工作計畫 | 實施概況 (the program's name) | 實施成果 (its text).

The columns are printed one after the other: the work plan's name (`一、<work plan>` +
`<wrapped name>`), the program's name in short lines, then the text in wide lines. A work plan's
name is recognised against the work plans of the year's plans table when there is one, else by
its narrow width.
After a page break the extraction can print the rest of a program's name before the rest of its
text; a short line without a full stop right after a page break, while the text stops
mid-sentence, is such a name continuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model.base import Loc
from ...model.overview import ProgramResult, ResultsPart
from ...text import squash
from .context import ReadContext
from .overview_text import (
    PART,
    TABLE,
    TOP,
    Ln,
    block,
    ends_sentence,
    name_of,
    roc_year,
    split_parts,
    strip_repeats,
    width,
)

NAME_MAX = 18  # columns: names wrap at 7 CJK characters (14 columns), prose at about 20 (40)
_PERIOD = re.compile(r"(前|上|本)\s*(?:[(（]\s*\d{2,3}\s*[)）])?\s*年度")


def read_results(heading: Ln, body: list[Ln], known: list[str],
                 ctx: ReadContext) -> list[ResultsPart]:
    """Every part under the heading; `known` are the names of the year's work plans."""
    top = TOP.match(heading.text.strip())
    before, chunks = split_parts(body)
    if before:  # a part printed without (一) numbering: the heading is its title
        title = Ln(heading.no, top.group(2), heading.key) if top else heading
        chunks.insert(0, ("", title, before))
    return [_part(number, head, lines, [squash(k) for k in known], ctx)
            for number, head, lines in chunks]


def _part(number: str, head: Ln, lines: list[Ln], known: list[str],
          ctx: ReadContext) -> ResultsPart:
    at = next((i for i, ln in enumerate(lines[:4])
               if "工作計畫" in ln.key and "實施" in ln.key), None)
    title_lines = [head, *lines[:at]] if at is not None else [head]
    title_text = name_of(title_lines)
    m = PART.match(title_text)
    title = name_of([m.group(2)]) if m else title_text
    period = _PERIOD.search(squash(title))
    part = ResultsPart(number=number, title=title, loc=Loc(line=head.no),
                       period=f"{period.group(1)}年度" if period else None,
                       roc_year=roc_year(title))
    if at is None:  # not a table: keep the part as prose
        part.text = block(lines)
        return part
    rows = strip_repeats(lines[at + 1 :], lines[at].key)
    part.programs = _programs(rows, known, part, ctx)
    return part


@dataclass
class _Program:
    wp_no: str | None
    wp: list[Ln]
    name: list[Ln]
    text: list[Ln] = field(default_factory=list)


def _programs(rows: list[Ln], known: list[str], part: ResultsPart,
              ctx: ReadContext) -> list[ProgramResult]:
    progs: list[_Program] = []
    wp_no: str | None = None
    wp: list[Ln] = []
    state = ""  # "wp": a work plan's name; "name"/"name_cont": a program's name; "text"
    for ln in rows:
        t = ln.text.strip()
        if ln.key.isdigit() and len(ln.key) <= 3:
            continue  # a bare page number between pages: no name or text is a lone number
        short = width(t) <= NAME_MAX and not ends_sentence(t)
        top = TOP.match(t)
        named = not ends_sentence(t) and bool(known)  # known names decide, whatever their width
        if state == "wp" and (short or named) and _continues_work_plan(wp, ln, known):
            wp.append(ln)
        elif top and (short or named) and _starts_work_plan(top.group(2), known):
            wp_no, wp, state = top.group(1), [Ln(ln.no, top.group(2), squash(top.group(2)))], "wp"
        elif state in ("", "wp") and short:
            progs.append(_Program(wp_no, wp, [ln]))
            state = "name"
        elif state in ("name", "name_cont") and short:
            progs[-1].name.append(ln)
        elif state == "text" and short:
            last = progs[-1].text[-1]
            if ln.brk and not ends_sentence(last.text):
                progs[-1].name.append(ln)  # the name resumes after the page break
                state = "name_cont"
            else:
                progs.append(_Program(wp_no, wp, [ln]))
                state = "name"
        elif progs and state in ("name", "name_cont", "text"):
            progs[-1].text.append(ln)
            state = "text"
        else:
            ctx.report("unparsed", TABLE, ln.no, "實施成果: line outside any program")
    out: list[ProgramResult] = []
    for p in progs:
        first = p.name[0].no
        lines: dict[str, int] = {}
        if p.wp and p.wp[0].no != first:
            lines["work_plan"] = p.wp[0].no
        text = block(p.text)
        if text is None:
            ctx.report("unparsed", TABLE, first, "實施成果: program without text")
        elif text.line != first:
            lines["text"] = text.line
        out.append(ProgramResult(
            loc=Loc(line=first), table=TABLE, locs={k: Loc(line=v) for k, v in lines.items()}, period=part.period, roc_year=part.roc_year,
            work_plan_number=p.wp_no, work_plan=name_of(p.wp), name=name_of(p.name), text=text,
        ))
    return out


def _starts_work_plan(rest: str, known: list[str]) -> bool:
    """`一、<name head>`: a work plan when it begins one of the year's work plan names (or, with
    none known, when it is as narrow as a name)."""
    key = squash(rest)
    if not known:
        return bool(key)
    return bool(key) and any(k.startswith(key) for k in known)


def _continues_work_plan(wp: list[Ln], ln: Ln, known: list[str]) -> bool:
    if known:
        cand = "".join(x.key for x in wp) + ln.key
        return any(k.startswith(cand) for k in known)
    # unknown names: a name goes on while its lines fill the column
    return width(wp[-1].text) >= width(wp[0].text) - 1 and len(wp) < 3 and ln.brk is False
