"""docs/data-model.md, generated from the model so the documentation cannot drift from the code.

Run `python -m budgetbook.export.schema_doc > docs/data-model.md`; a test checks it is current.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from ..model import Book

_HEAD = """# Data model

`budgetbook export BOOK --format json` writes one JSON document: the `Book` below, with every
nested model in place. Amounts are integers as printed, in the book's `unit` (thousand TWD for
central books, TWD for city books); a printed `-` is `null`, never 0. Codes are strings. Every
row (a `Record`) carries `loc`, where it is printed (a `Loc`: its 1-based line in the book's text
and, for a PDF book, its page and box; a text book's `loc` is just `{"line": n}`), `table`, the
section it was read from, and `locs`, the own location of any field printed elsewhere than the
row (the other half of a wide table). Text blocks carry their first location and last line, and
`marks`: where each later line starts in the joined text, so that a figure in the prose can be
traced to its line. `findings` lists what the reader could not do for certain. A JSON export is
itself an input: `budgetbook show|audit|export|ingest book.json` read it back unchanged.

This page is generated from the code (`python -m budgetbook.export.schema_doc`).
"""


_PIPE = "\\|"  # a pipe inside a Markdown table cell


def _name(annotation: Any, seen: list[type[BaseModel]]) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_name(a, seen) for a in args)
    if origin is list:
        return f"list[{_name(args[0], seen)}]"
    if origin is dict:
        return f"dict[{_name(args[0], seen)}, {_name(args[1], seen)}]"
    if origin is typing.Literal:
        return " | ".join(repr(a) for a in args)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in seen:
            seen.append(annotation)
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    if annotation is type(None):
        return "null"
    return getattr(annotation, "__name__", str(annotation))


def render() -> str:
    seen: list[type[BaseModel]] = [Book]
    parts = [_HEAD]
    i = 0
    while i < len(seen):
        model = seen[i]
        i += 1
        doc = (model.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
        parts.append(f"\n## {model.__name__}\n\n{doc}\n\n| field | type | description |\n|---|---|---|")
        for fname, f in model.model_fields.items():
            desc = (f.description or "").replace("|", _PIPE)
            typ = _name(f.annotation, seen).replace("|", _PIPE)
            parts.append(f"| `{fname}` | {typ} | {desc} |")
        for fname, cf in model.model_computed_fields.items():
            desc = (cf.description or "").replace("|", _PIPE)
            typ = _name(cf.return_type, seen).replace("|", _PIPE)
            parts.append(f"| `{fname}` | {typ} | computed: {desc} |")
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    print(render(), end="")
