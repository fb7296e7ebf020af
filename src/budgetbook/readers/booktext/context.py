"""What every section reader receives: the document, its sections, and where to report."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model.base import Finding, Loc
from ...sections import Section, find_sections
from ...text import Document, Line


@dataclass
class ReadContext:
    doc: Document
    sections: dict[str, Section]
    findings: list[Finding] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Document) -> ReadContext:
        return cls(doc=doc, sections=find_sections(doc))

    def lines(self, section_id: str) -> list[Line]:
        """Non-blank lines of a section (empty when the book lacks it)."""
        s = self.sections.get(section_id)
        return s.lines(self.doc) if s else []

    def has(self, section_id: str) -> bool:
        return section_id in self.sections

    def report(self, kind: str, table: str, line: int | None, message: str,
               candidates: list[list[int | None]] | None = None) -> None:
        self.findings.append(
            Finding(kind=kind, table=table, loc=None if line is None else Loc(line=line), message=message,
                    candidates=candidates or [])
        )
