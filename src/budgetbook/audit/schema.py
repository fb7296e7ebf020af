"""Rule paths checked against the model's types when the rules load, so that a misspelt or
renamed field is an error naming the rule, not a check that silently finds nothing.

A path is followed through the field annotations: from the Book (or `t`, its flat tables and
the audit views) for `each` and `$.` paths, from the anchor's type otherwise. Every segment must
be a field (or property) of the type it is applied to, every filter key a field of the item,
and every `{name}` in a filter a field of the anchor.
"""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any

from pydantic import BaseModel

from ..errors import AuditError
from .engine import Rule
from .paths import _SEGMENT, _conditions, _split

ANY = object()  # a value whose type the annotations do not say (a property): not followed


class _Tables:
    """The type of `t`: each resource's row model and each audit view's row model."""


@cache
def _tables() -> dict[str, Any]:
    from ..export.rows import all_resources
    from .views import VIEW_MODELS

    # list[model] of models known at run time only
    out: dict[str, Any] = {r.name.replace("-", "_"): types.GenericAlias(list, r.row_model)
                           for r in all_resources()}
    out.update({name: types.GenericAlias(list, model) for name, model in VIEW_MODELS.items()})
    return out


def _unwrap(annotation: Any) -> Any:
    """`X | None` -> X; list[X] stays (a segment's selector unwraps it)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else ANY
    return annotation


def _field(owner: Any, name: str) -> Any:
    """The type of field `name` of `owner`, ANY for a property, None when there is none."""
    from ..model import Book

    if owner is ANY:
        return ANY
    if owner is Book and name == "t":
        return _Tables
    if owner is _Tables:
        return _tables().get(name)
    if isinstance(owner, type) and issubclass(owner, BaseModel):
        if name in owner.model_fields:
            return _unwrap(owner.model_fields[name].annotation)
        if name in owner.model_computed_fields or isinstance(getattr(owner, name, None),
                                                              property):
            return ANY
    return None


def _item(annotation: Any) -> Any:
    if annotation is ANY:
        return ANY
    if typing.get_origin(annotation) is list:
        return _unwrap(typing.get_args(annotation)[0])
    return None


def path_problems(path: str, start: Any, anchor: Any) -> tuple[Any, list[str]]:
    """The type `path` ends at, and what is wrong with it (empty when nothing is)."""
    from ..model import Book

    if path.startswith("$."):
        start, path = Book, path[2:]
    here, problems = start, []
    for seg in _split(path):
        m = _SEGMENT.match(seg)
        if not m:
            return ANY, [f"bad segment {seg!r}"]
        name, sel = m.group("name"), m.group("sel")
        value = _field(here, name)
        if value is None:
            return ANY, [f"{name!r} is not a field of {getattr(here, '__name__', here)}"]
        if sel is not None:
            item = _item(value)
            if item is None:
                return ANY, [f"{name!r} is not a list, so [{sel}] selects nothing"]
            for key, _, want in ([] if sel == "*" else _conditions(sel)):
                if _field(item, key) is None:
                    problems.append(f"filter key {key!r} is not a field of "
                                    f"{getattr(item, '__name__', item)}")
                if want.startswith("{") and want.endswith("}") and \
                        _field(anchor, want[1:-1]) is None:
                    problems.append(f"{want} is not a field of the anchor "
                                    f"{getattr(anchor, '__name__', anchor)}")
            value = item
        here = value
    return here, problems


def rule_problems(rule: Rule) -> list[str]:
    from ..model import Book

    anchor, found = path_problems(rule.each, Book, Book)
    problems = [f"{rule.each}: {p}" for p in found]
    if _item(anchor) is not None:  # `each` naming a list without a selector
        anchor = _item(anchor)
    for path in (rule.total, *rule.parts):
        _, found = path_problems(path, anchor, anchor)
        problems += [f"{path}: {p}" for p in found]
    return problems


def check_rules(rules: list[Rule]) -> None:
    """Raise AuditError naming every rule whose paths do not fit the model."""
    bad = [f"{r.id}: {p}" for r in rules for p in rule_problems(r)]
    if bad:
        raise AuditError("audit rules do not fit the model:\n  " + "\n  ".join(bad))
