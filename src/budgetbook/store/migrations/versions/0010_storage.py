"""Less space for the same data: the source lines kept in their primary key's order (SQLite
WITHOUT ROWID: no second copy of (book, line) in an index), no index on search_items.book_id
(ix_search_items_kind starts with it), and no per-row token counts in the trigram index
(columnsize=0; search never ranks by them)

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _source_lines(rowid: bool) -> None:
    op.execute(
        "CREATE TABLE source_lines_new (book_id VARCHAR(64) NOT NULL, line_no INTEGER NOT NULL, "
        "text TEXT NOT NULL, page INTEGER, bbox TEXT, "
        "CONSTRAINT pk_source_lines PRIMARY KEY (book_id, line_no), "
        "CONSTRAINT fk_source_lines_book_id_books FOREIGN KEY(book_id) REFERENCES books (id) "
        "ON DELETE CASCADE)" + ("" if rowid else " WITHOUT ROWID"))
    op.execute("INSERT INTO source_lines_new SELECT book_id, line_no, text, page, bbox "
               "FROM source_lines")
    op.execute("DROP TABLE source_lines")
    op.execute("ALTER TABLE source_lines_new RENAME TO source_lines")


def _search_index(options: str) -> None:
    op.execute("DROP TRIGGER IF EXISTS search_items_ad")
    op.execute("DROP TABLE IF EXISTS search_fts")
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_items', "
        f"content_rowid='id', tokenize='trigram', detail=none{options})")
    op.execute(
        "CREATE TRIGGER search_items_ad AFTER DELETE ON search_items BEGIN "
        "INSERT INTO search_fts(search_fts, rowid, title, body) "
        "VALUES ('delete', old.id, old.title, old.body); END")
    op.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


def upgrade() -> None:
    op.drop_index("ix_search_items_book_id", table_name="search_items")
    if op.get_bind().dialect.name == "sqlite":
        _source_lines(rowid=False)
        _search_index(", columnsize=0")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _search_index("")
        _source_lines(rowid=True)
    op.create_index("ix_search_items_book_id", "search_items", ["book_id"])
