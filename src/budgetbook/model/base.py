"""Building blocks shared by every section of the model: locations, rows, text blocks, findings.

Every figure and text block carries one location type, `Loc`: its line in the book's text (the
extracted text of a text book, the rebuilt text of a PDF book) and, for a PDF, the page and the
box the figure occupies on it. Nothing else in the code base restates what a location is.
"""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_serializer, model_validator

Box = tuple[float, float, float, float]
"""x0, top, x1, bottom in PDF points, origin at the page's top left."""


class Loc(BaseModel):
    """Where a figure or text is printed: 1-based line of the book's text and, for a PDF book,
    the 1-based page (as a viewer numbers it) and the box on that page."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    line: int = Field(description="1-based line in the book's text")
    page: int | None = Field(None, description="1-based PDF page; None for a text book")
    box: Box | None = Field(None, description="x0, top, x1, bottom in points, origin top left")

    @model_serializer(mode="wrap")
    def _compact(self, handler: Any) -> dict[str, Any]:
        # a text book's locations are bare lines: keep its JSON as small as its text
        return {k: v for k, v in handler(self).items() if v is not None or k == "line"}

    def flat(self, prefix: str = "source_") -> dict[str, Any]:
        """The flat columns of a table (CSV, FDP, database): `<prefix>line`, `<prefix>page`,
        `<prefix>bbox` ("x0,top,x1,bottom")."""
        return {f"{prefix}line": self.line, f"{prefix}page": self.page,
                f"{prefix}bbox": bbox_text(self.box)}


def bbox_text(box: Box | None) -> str | None:
    """A box as the flat tables print it: "x0,top,x1,bottom", points to two decimals."""
    return None if box is None else ",".join(f"{v:.2f}".rstrip("0").rstrip(".") for v in box)


def parse_bbox(text: str | None) -> Box | None:
    if not text:
        return None
    parts = [float(p) for p in text.split(",")]
    if len(parts) != 4 or not all(math.isfinite(v) for v in parts) \
            or parts[0] > parts[2] or parts[1] > parts[3]:
        raise ValueError(f"a box is four numbers x0,top,x1,bottom with x0 <= x1 and "
                         f"top <= bottom, found {text!r}")
    return parts[0], parts[1], parts[2], parts[3]


def _as_loc(value: Any) -> Any:
    return Loc(line=value) if isinstance(value, int) else value


class Located(BaseModel):
    """A model with a location. Input data may give `line=` (a text book's bare line); it becomes
    `loc`. Code passes `loc=Loc(line=n)`: mypy's pydantic plugin sees only the fields."""

    model_config = ConfigDict(extra="forbid")

    loc: Loc = Field(description="where it is printed")

    @model_validator(mode="before")
    @classmethod
    def _line_to_loc(cls, data: Any) -> Any:
        if isinstance(data, dict) and "line" in data:
            data = dict(data)
            data.setdefault("loc", _as_loc(data.pop("line")))
        return data

    @property
    def line(self) -> int:
        return self.loc.line


class Record(Located):
    """A row of a table, read from the section `table`. A wide table prints a row twice (once
    per page half), so a figure can come from another place than the row's: `locs` maps such a
    field name to its own location."""

    table: str = Field(description="section id the row was read from")
    locs: dict[str, Loc] = Field(default_factory=dict, description="field -> its own location")

    @model_validator(mode="before")
    @classmethod
    def _lines_to_locs(cls, data: Any) -> Any:
        if isinstance(data, dict) and "lines" in data:
            data = dict(data)
            data.setdefault("locs", {k: _as_loc(v) for k, v in data.pop("lines").items()})
        return data

    @property
    def lines(self) -> dict[str, int]:
        """field -> the line of its own location (a read-only view of `locs`)."""
        return {k: v.line for k, v in self.locs.items()}

    def loc_of(self, field: str) -> Loc:
        return self.locs.get(field, self.loc)

    def line_of(self, field: str) -> int:
        return self.loc_of(field).line

    def set_loc(self, field: str, where: Loc | int) -> None:
        self.locs[field] = _as_loc(where)


class TextBlock(Located):
    """A text field (計畫內容, 說明, 辦理情形 ...) with its wrapped lines joined into sentences.
    `marks` says where each later source line starts in `text`, so that a figure stated in the
    prose can be traced to the line (and box) that prints it."""

    text: str
    end_line: int = Field(description="last source line")
    table: str = ""
    marks: list[tuple[int, Loc]] = Field(
        default_factory=list, description="(offset in text, location) where each later line starts")

    def loc_at(self, pos: int) -> Loc:
        """The location of the line printing the character at `pos` of `text`."""
        loc = self.loc
        for offset, where in self.marks:
            if offset > pos:
                break
            loc = where
        return loc


# findings that say what the book lacks, not what the reader failed at: shown as warnings,
# never as failed checks (a table the book lacks makes its rules skip instead)
NOTICES = ("missing_section", "no_text_layer", "unread_table", "unit_of_table", "missing_font")


class Finding(BaseModel):
    """Something the reader could not do for certain: an ambiguous glued number, a missing
    section, a row it could not parse, a page without text. Findings are reported, never
    silently guessed away."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["ambiguous_number", "missing_section", "unparsed", "inconsistent",
                  "inexact_amount", "no_text_layer", "unread_table", "unit_of_table",
                  "missing_font"]
    table: str
    loc: Loc | None = None
    message: str
    candidates: list[list[int | None]] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _line_to_loc(cls, data: Any) -> Any:
        if isinstance(data, dict) and "line" in data:
            data = dict(data)
            line = data.pop("line")
            data.setdefault("loc", None if line is None else _as_loc(line))
        return data

    @property
    def line(self) -> int | None:
        return None if self.loc is None else self.loc.line
