"""Building blocks shared by every section of the model: provenance, text blocks, findings."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    """A row of a table. `line` is the 1-based source line of the row and `table` the section
    it was read from. A wide table prints a row twice (once per page half), so a figure can come
    from another line than the row's: `lines` maps such a field name to its own line."""

    model_config = ConfigDict(extra="forbid")

    line: int = Field(description="1-based source line of the row")
    table: str = Field(description="section id the row was read from")
    lines: dict[str, int] = Field(default_factory=dict, description="field -> its own line")

    def line_of(self, field: str) -> int:
        return self.lines.get(field, self.line)


class TextBlock(BaseModel):
    """A text field (計畫內容, 說明, 辦理情形 ...) with its wrapped lines joined into sentences."""

    model_config = ConfigDict(extra="forbid")

    text: str
    line: int = Field(description="first source line")
    end_line: int = Field(description="last source line")
    table: str = ""


class Finding(BaseModel):
    """Something the reader could not do for certain: an ambiguous glued number, a missing
    section, a row it could not parse. Findings are reported, never silently guessed away."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["ambiguous_number", "missing_section", "unparsed", "inconsistent",
                  "inexact_amount"]
    table: str
    line: int | None = None
    message: str
    candidates: list[list[int | None]] = Field(default_factory=list)
