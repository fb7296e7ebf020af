"""The database schema: one row per book, one table per export resource, the source text, the
audit checks and a search index.

Resource tables are derived from the same row models as the exports (`export/rows/`), so a
column is declared once; Alembic migrations (`store/migrations/`) create them, and a test checks
the migrations and this metadata agree on both SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
)

from .. import units
from ..export.resource import Resource
from ..export.rows import all_resources
from ..export.tabular import table_columns
from ..vocab.governments import CENTRAL

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

books = Table(
    "books", metadata,
    Column("id", String(64), primary_key=True),  # 2675-2022-enacted
    Column("agency_code", String(8), nullable=False, index=True),
    Column("agency_name", Text),
    Column("parent_code", String(8)),
    Column("parent_name", Text),
    Column("roc_year", Integer, nullable=False),
    Column("fiscal_year", Integer, nullable=False, index=True),
    Column("phase", String(16), nullable=False),
    # see units.py; indexed: the units of every book are read by every cross-book sum
    Column("unit", String(16), nullable=False, server_default=units.DEFAULT, index=True),
    # 中央 or a city or county (vocab/governments.py)
    Column("government", String(16), nullable=False, server_default=CENTRAL, index=True),
    # JSON {section: unit} of tables printed in another unit than the book's (Book.table_units)
    Column("table_units", Text),
    Column("source_name", Text, nullable=False),
    Column("source_sha256", String(64)),
    Column("expenditure_total", BigInteger),
    Column("revenue_total", BigInteger),
    Column("audit_total", Integer),
    Column("audit_passed", Integer),
    Column("audit_failed", Integer),
    Column("audit_skipped", Integer),
    Column("flags", Text),  # JSON list of sentences: problems of the source file (issue: 2018)
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

# A book's text (its lines, and for a PDF book each line's page and box), in compressed chunks
# of consecutive lines (store/sourcetext.py).
source_text = Table(
    "source_text", metadata,
    Column("book_id", String(64), ForeignKey("books.id", ondelete="CASCADE"), primary_key=True),
    Column("first_line", Integer, primary_key=True),
    Column("last_line", Integer, nullable=False),
    Column("lines", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),  # zlib of JSON [[line_no, text, page, bbox] …]
    # (a rowid table: a WITHOUT ROWID row keeps at most a quarter page in place, and a chunk of
    # a few KB would spill into overflow pages)
)

# The PDF a book was read from, kept so its pages can be drawn after the file has moved.
book_files = Table(
    "book_files", metadata,
    Column("book_id", String(64), ForeignKey("books.id", ondelete="CASCADE"), primary_key=True),
    Column("media_type", String(64), nullable=False),
    Column("data", LargeBinary, nullable=False),
)

audit_checks = Table(
    "audit_checks", metadata,
    Column("book_id", String(64), ForeignKey("books.id", ondelete="CASCADE"), primary_key=True),
    Column("row_no", Integer, primary_key=True),
    Column("check_id", Text, nullable=False),
    Column("rule", Text, nullable=False),
    Column("table_name", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("status", String(8), nullable=False),
    Column("expected", BigInteger),
    Column("actual", BigInteger),
    Column("reason", Text),
    Column("source_lines", Text),  # comma-separated line numbers, checked figure first
    Column("figures", Text, nullable=False),  # JSON list of {path, value, source_line}
)

# One row per searchable name or text: what it is, where it links, and its source line.
search_items = Table(
    "search_items", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # (indexed by ix_search_items_kind, which starts with it)
    Column("book_id", String(64), ForeignKey("books.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(64), nullable=False),  # resource name, e.g. sub-plans
    Column("row_no", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("source_line", Integer),
)

def _book_columns() -> list[Column[Any]]:
    """What a fact is cut by that is its book's (the facts and their sums per book both carry
    them, so that neither is joined to the books)."""
    return [
        Column("government", String(16), nullable=False),
        Column("agency_code", String(8), nullable=False),
        Column("agency_name", Text),
        Column("fiscal_year", Integer, nullable=False),
        Column("phase", String(16), nullable=False),
        Column("unit", String(16), nullable=False),
        Column("function", Text),  # 政事別: the first two characters of the work plan code
    ]


# Every amount of expenditure of every book, once, with what it is summed and cut by: the
# expenditure lines (work plan, sub-plan, object class) where a book prints them, else its work
# plans (an open-data book has only those). Built at ingest from the resource tables
# (store/facts.py); /api/aggregate and the time lines read only this table. A book's appendices
# (附錄) repeat its sub-units' rows and never enter it.
facts = Table(
    "facts", metadata,
    Column("book_id", String(64), ForeignKey("books.id", ondelete="CASCADE"), primary_key=True),
    Column("row_no", Integer, primary_key=True),  # the row's row_no in its resource
    Column("resource", String(32), nullable=False),  # expenditure-lines or work-plans
    *_book_columns(),
    Column("work_plan_code", Text),
    Column("work_plan_name", Text),
    Column("sub_plan_no", Text),
    Column("sub_plan_name", Text),
    Column("object_level1_code", Text),
    Column("object_level1_name", Text),
    Column("object_code", Text),
    Column("object_name", Text),
    Column("amount", BigInteger),
    Column("source_line", BigInteger),
)
# the cuts every cross-book question starts from: a year and phase (covering a year by agency:
# no row is read for it), an agency over the years
Index("ix_facts_year_phase", facts.c.fiscal_year, facts.c.phase, facts.c.agency_code,
      facts.c.unit, facts.c.amount)
Index("ix_facts_agency", facts.c.agency_code, facts.c.fiscal_year)

# The facts summed per book and 政事別, kept with them at ingest: a question whose cuts and
# cells are all of the book (agency, year, phase, government, unit, 政事別) reads a row per book
# instead of a row per work plan or expenditure line (store/aggregate.py).
fact_sums = Table(
    "fact_sums", metadata,
    Column("book_id", String(64), ForeignKey("books.id", ondelete="CASCADE"), nullable=False),
    *_book_columns(),
    Column("function_name", Text),  # the 政事別's name in the book's 歲出機關別預算表
    Column("amount", BigInteger),  # the sum of the facts' amounts (NULL when all are)
    Column("fact_count", Integer, nullable=False),  # how many facts
)
Index("ix_fact_sums_year_phase", fact_sums.c.fiscal_year, fact_sums.c.phase,
      fact_sums.c.agency_code, fact_sums.c.unit, fact_sums.c.amount, fact_sums.c.fact_count)
Index("ix_fact_sums_agency", fact_sums.c.agency_code, fact_sums.c.fiscal_year)
Index("ix_fact_sums_book", fact_sums.c.book_id)

# One row: a number that every ingest and removal of books increases in its own transaction,
# so the server can tell in one cheap read whether anything it has cached is stale.
store_state = Table(
    "store_state", metadata,
    Column("id", Integer, primary_key=True),
    Column("generation", BigInteger, nullable=False),
)

_SQL_TYPES = {"integer": BigInteger, "string": Text, "boolean": Boolean, "number": Numeric}


def table_name(resource_name: str) -> str:
    return "r_" + resource_name.replace("-", "_")


def _resource_table(res: Resource) -> Table:
    cols: list[Column[Any]] = [
        Column("book_id", String(64), ForeignKey("books.id", ondelete="CASCADE"),
               primary_key=True),
        Column("row_no", Integer, primary_key=True),
    ]
    for c in table_columns(res):
        if c.name in ("book_id", "row_no"):
            continue
        cols.append(Column(c.name, _SQL_TYPES.get(c.type, Text), comment=c.description or None,
                           info={"provenance": c.provenance, "searched": c.searched}))
    return Table(table_name(res.name), metadata, *cols, comment=res.title)


resource_tables: dict[str, Table] = {r.name: _resource_table(r) for r in all_resources()}

Index("ix_search_items_kind", search_items.c.book_id, search_items.c.kind)
