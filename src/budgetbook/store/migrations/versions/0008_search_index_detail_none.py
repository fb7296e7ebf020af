"""The SQLite search index keeps no token positions (FTS5 detail=none: a third of the size) and
is filled by the loader in one statement per load instead of a trigger per row; search checks
each candidate's text for the whole query (search.py)

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _index(detail: str) -> None:
    op.execute("DROP TRIGGER IF EXISTS search_items_ai")
    op.execute("DROP TRIGGER IF EXISTS search_items_ad")
    op.execute("DROP TABLE IF EXISTS search_fts")
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_items', "
        f"content_rowid='id', tokenize='trigram', detail={detail})"
    )
    op.execute(
        "CREATE TRIGGER search_items_ad AFTER DELETE ON search_items BEGIN "
        "INSERT INTO search_fts(search_fts, rowid, title, body) "
        "VALUES ('delete', old.id, old.title, old.body); END"
    )
    op.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _index("none")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _index("full")
        op.execute(
            "CREATE TRIGGER search_items_ai AFTER INSERT ON search_items BEGIN "
            "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); "
            "END"
        )
