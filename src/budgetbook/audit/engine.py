"""The audit engine: rules are data; each is instantiated for every row it applies to.

A rule names an anchor (`each`: the rows it applies to), the figure to check (`total`) and the
figures that should explain it (`parts`), all as model paths (see `paths.py`), and a relation:

    sum    total == sum(parts)                (a hierarchy or a cross-table total)
    equal  total == the one part               (the same figure printed in two tables)
    change total == parts[0] - parts[1]        (本年度 - 上年度 = 比較)
    within total <= parts * limit              (第一預備金 within 1% of 經常支出)

A check fails with the expected and actual values and where every figure is printed. A rule whose
table is missing from the book is reported as skipped with the reason, never as passed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import SimpleNamespace
from typing import Any, Literal

from pydantic import BaseModel, model_serializer

from ..model import Book
from ..model.base import Loc, Record
from .paths import Index, evaluate
from .units import in_book_unit

Relation = Literal["sum", "equal", "change", "within"]
Status = Literal["pass", "fail", "skip"]


class Figure(BaseModel):
    path: str
    value: int | None
    loc: Loc | None = None

    @model_serializer
    def _flat(self) -> dict[str, Any]:
        # flat like the resource tables' columns: source_line, source_page, source_bbox
        loc = self.loc.flat() if self.loc else dict.fromkeys(("source_line", "source_page",
                                                               "source_bbox"))
        return {"path": self.path, "value": self.value, **loc}

    @property
    def source_line(self) -> int | None:
        return None if self.loc is None else self.loc.line


class Check(BaseModel):
    id: str
    rule: str
    table: str
    description: str
    status: Status
    expected: int | None = None
    actual: int | None = None
    reason: str | None = None
    figures: list[Figure] = []


@dataclass(frozen=True)
class Rule:
    id: str
    table: str  # the table the report groups this rule under
    description: str  # plain words; `{name}`-style fields of the anchor are filled in
    each: str  # anchor rows, from the root
    total: str  # relative (or $.) path of the checked figure
    parts: tuple[str, ...]  # relative (or $.) paths of the figures that explain it
    relation: Relation = "sum"
    limit: Fraction = Fraction(1)  # for `within`
    requires: tuple[str, ...] = ()  # Book fields that must be present, else skip
    # Book fields without which the rule does not apply at all (no check, not a skip): a book
    # with no 附錄 is whole, not missing a table
    applies_if: tuple[str, ...] = ()
    # a hierarchy rule has nothing to check on a row without children (a leaf line)
    parts_optional: bool = False
    when: Callable[[Any], bool] | None = field(default=None, compare=False)


class AuditRoot:
    """What rule paths start from: the Book's fields, plus `t`, the book's flat export tables
    (`t.expenditure_lines`, `t.cost_summary` …), whose rows carry their own `source`.
    Tables let a rule join figures across sections by code without model-specific code."""

    def __init__(self, book: Any):
        self._book = book
        self._tables: SimpleNamespace | None = None
        self.path_index = Index()  # the book's filters looked up, not scanned (paths.Index)

    def __getattr__(self, name: str) -> Any:
        if name == "t":
            if self._tables is None:
                from ..export.rows import all_resources
                from .views import all_views

                tables: dict[str, Sequence[Any]] = {
                    r.name.replace("-", "_"): list(r.rows(self._book)) for r in all_resources()
                }
                tables.update(all_views(self._book))
                self._tables = SimpleNamespace(**tables)
            return self._tables
        return getattr(self._book, name)


def _loc_of(root: Any, path: str) -> Loc | None:
    """Where the figure at `path` is printed: its record's location for that field, or the
    `source` of a flat table row."""
    obj_path, _, fieldname = path.rpartition(".")
    obj = _resolve(root, obj_path)
    if obj is None:
        return None
    if isinstance(obj, Record):
        return obj.loc_of(fieldname)
    loc = getattr(obj, "source", None) or getattr(obj, "loc", None)
    return loc if isinstance(loc, Loc) else None


def _resolve(root: Any, path: str) -> Any:
    obj = root
    for seg in path.split("."):
        if not seg:
            continue
        name, _, idx = seg.partition("[")
        obj = getattr(obj, name, None)
        if idx:
            obj = obj[int(idx.rstrip("]"))] if obj is not None else None
        if obj is None:
            return None
    return obj


def _figures(book: Book, anchor: Any, anchor_path: str, path: str) -> list[Figure]:
    out = []
    table_units = getattr(book, "table_units", None) or {}
    for p, v in evaluate(book, anchor, anchor_path, path):
        if isinstance(v, BaseModel) or isinstance(v, list):
            continue
        if table_units and isinstance(v, int) and not isinstance(v, bool):
            v = in_book_unit(v, p, table_units, book.unit)  # compared in the book's unit
        out.append(Figure(path=p, value=v, loc=_loc_of(book, p)))
    return out


def _describe(rule: Rule, anchor: Any) -> str:
    try:
        return rule.description.format_map(_Fields(anchor))
    except (KeyError, ValueError, IndexError):
        return rule.description


# What a rule's `{field}` stands for when no row fills it in (a rule skipped for a missing
# table is reported once, for every row it would have checked): the field's own noun, else the
# noun of the rows the rule applies to (`each`); quantities printed on the row are dropped.
_FIELD_NOUNS = {"work_plan_code": "work plan", "object_code": "用途別科目", "object_name": "用途別科目",
                "sub_plan_no": "sub-plan", "column": "column", "item": "item", "parent": "item",
                "case_no": "case", "label": "figure", "table": "table", "quantity": "",
                "unit_price": ""}
_ROW_NOUNS = {"work_plans": "work plan", "sub_plans": "sub-plan", "object_lines": "line",
              "categories": "category", "cells": "cell", "revenue": "row", "total": "total row",
              "expenditure_by_agency": "row", "classes": "class"}
_PLACEHOLDERS = re.compile(r"\{(\w+)\}(?:\s*\{\w+\})*")


def _row_noun(each: str) -> str:
    last = each.rsplit(".", 1)[-1].split("[", 1)[0]
    if last in _ROW_NOUNS:
        return _ROW_NOUNS[last]
    if last.endswith("ies"):
        return last[:-3] + "y"
    return last[:-1].replace("_", " ") if last.endswith("s") else "row"


def generic(rule: Rule) -> str:
    """The rule's description for no row in particular: each run of `{field}` placeholders
    becomes `each <noun>` (`sub-plans add up to work plan {code} {name}` reads `sub-plans add
    up to each work plan`)."""
    out: list[str] = []
    pos = 0
    for m in _PLACEHOLDERS.finditer(rule.description):
        before = rule.description[pos : m.start()]
        noun = _FIELD_NOUNS.get(m.group(1), _row_noun(rule.each))
        if not noun:
            out.append(before.rstrip(" ") + (" " if before.endswith(" ") else ""))
        elif before.endswith(noun + " "):
            out.append(before[: -len(noun) - 1] + f"each {noun}")
        else:
            out.append(before + f"each {noun}")
        pos = m.end()
    out.append(rule.description[pos:])
    return re.sub(r"  +", " ", "".join(out)).strip()


class _Fields(dict[str, Any]):
    def __init__(self, obj: Any):
        super().__init__()
        self.obj = obj

    def __missing__(self, key: str) -> str:
        value = getattr(self.obj, key, None)
        return "" if value is None else str(value)


def _value(figs: list[Figure]) -> int:
    return sum(f.value or 0 for f in figs)


def instantiate(rule: Rule, book: Any) -> Iterable[Check]:
    if not isinstance(book, AuditRoot):
        book = AuditRoot(book)
    if not all(getattr(book, r, None) for r in rule.applies_if):
        return
    missing = [r for r in rule.requires if not getattr(book, r, None)]
    if missing:
        yield Check(id=rule.id, rule=rule.id, table=rule.table, description=generic(rule),
                    status="skip", reason=f"table missing from the book: {', '.join(missing)}")
        return
    anchors = list(evaluate(book, book, "", rule.each))
    for anchor_path, anchor in anchors:
        if rule.when is not None and not rule.when(anchor):
            continue
        totals = _figures(book, anchor, anchor_path, rule.total)
        parts = [_figures(book, anchor, anchor_path, p) for p in rule.parts]
        cid = f"{rule.id}:{anchor_path or 'book'}"
        desc = _describe(rule, anchor)
        if not totals:
            printed = [f for group in parts for f in group if f.value is not None]
            if printed:  # the other table prints figures this one lacks altogether
                yield Check(id=cid, rule=rule.id, table=rule.table, description=desc,
                            status="fail", expected=_value(printed), actual=None,
                            reason="figure not printed", figures=printed)
            continue
        if rule.relation != "within" and all(f.value is None for f in totals) and all(
            f.value is None for group in parts for f in group
        ):
            continue  # nothing printed on either side
        if all(f.value is None for f in totals):
            yield Check(id=cid, rule=rule.id, table=rule.table, description=desc, status="skip",
                        reason="figure not printed on this row", figures=totals + [
                            f for group in parts for f in group])
            continue
        if not any(parts):
            if rule.parts_optional:
                continue
            yield Check(id=cid, rule=rule.id, table=rule.table, description=desc, status="skip",
                        reason="no figures to compare with", figures=totals)
            continue
        actual = _value(totals)
        flat = [f for group in parts for f in group]
        if rule.relation == "sum":
            expected = _value(flat)
            ok = actual == expected
        elif rule.relation == "equal":
            expected = _value(flat)
            ok = actual == expected
        elif rule.relation == "change":
            expected = _value(parts[0]) - _value(parts[1] if len(parts) > 1 else [])
            ok = actual == expected
        else:  # within
            bound = Fraction(_value(flat)) * rule.limit
            expected = int(bound)
            ok = actual <= bound
        yield Check(id=cid, rule=rule.id, table=rule.table, description=desc,
                    status="pass" if ok else "fail", expected=expected, actual=actual,
                    figures=totals + flat)


class Report(BaseModel):
    source: str
    book_id: str | None = None
    checks: list[Check]

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if c.status == "fail"]

    def summary(self) -> dict[str, int]:
        return {
            "total": len(self.checks),
            "passed": sum(c.status == "pass" for c in self.checks),
            "failed": sum(c.status == "fail" for c in self.checks),
            "skipped": sum(c.status == "skip" for c in self.checks),
        }


def run(book: Book, rules: Iterable[Rule]) -> Report:
    checks: list[Check] = []
    root = AuditRoot(book)
    for rule in rules:
        checks.extend(instantiate(rule, root))
    return Report(source=book.source, book_id=book.id, checks=checks)
