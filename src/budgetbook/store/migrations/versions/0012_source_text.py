"""A book's text in compressed chunks of consecutive lines (source_text) instead of one row per
line (source_lines): the same lines, pages and boxes in about a third of the space

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import json
import zlib
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

CHUNK = 128  # written out, not imported, so the migration stays fixed


def _chunks(book_id: str, rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    out = []
    for i in range(0, len(rows), CHUNK):
        part = [list(r) for r in rows[i : i + CHUNK]]
        data = zlib.compress(json.dumps(part, ensure_ascii=False, separators=(",", ":"))
                             .encode("utf-8"), 6)
        out.append({"book_id": book_id, "first_line": part[0][0], "last_line": part[-1][0],
                    "lines": len(part), "data": data})
    return out


def upgrade() -> None:
    text = op.create_table(
        "source_text",
        sa.Column("book_id", sa.String(length=64), nullable=False),
        sa.Column("first_line", sa.Integer(), nullable=False),
        sa.Column("last_line", sa.Integer(), nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["book_id"], ["books.id"],
                                name=op.f("fk_source_text_book_id_books"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("book_id", "first_line", name=op.f("pk_source_text")),
    )
    bind = op.get_bind()
    ids = [r[0] for r in bind.execute(sa.text("SELECT id FROM books ORDER BY id"))]
    for book_id in ids:
        rows = list(bind.execute(sa.text(
            "SELECT line_no, text, page, bbox FROM source_lines WHERE book_id = :b "
            "ORDER BY line_no"), {"b": book_id}))
        if rows:
            op.bulk_insert(text, _chunks(book_id, [tuple(r) for r in rows]))
    op.drop_table("source_lines")


def downgrade() -> None:
    lines = op.create_table(
        "source_lines",
        sa.Column("book_id", sa.String(length=64), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("bbox", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["book_id"], ["books.id"],
                                name=op.f("fk_source_lines_book_id_books"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("book_id", "line_no", name=op.f("pk_source_lines")),
        sqlite_with_rowid=False,
    )
    bind = op.get_bind()
    for book_id, data in list(bind.execute(sa.text("SELECT book_id, data FROM source_text"))):
        op.bulk_insert(lines, [{"book_id": book_id, "line_no": n, "text": t, "page": p,
                                "bbox": b} for n, t, p, b in json.loads(zlib.decompress(data))])
    op.drop_table("source_text")
