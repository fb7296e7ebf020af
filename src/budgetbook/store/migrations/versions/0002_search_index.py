"""full-text search index: SQLite FTS5 (trigram) or PostgreSQL pg_trgm

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # trigram tokens give Chinese substring search; the index follows search_items
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_items', "
            "content_rowid='id', tokenize='trigram')"
        )
        op.execute(
            "CREATE TRIGGER search_items_ai AFTER INSERT ON search_items BEGIN "
            "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END"
        )
        op.execute(
            "CREATE TRIGGER search_items_ad AFTER DELETE ON search_items BEGIN "
            "INSERT INTO search_fts(search_fts, rowid, title, body) "
            "VALUES ('delete', old.id, old.title, old.body); END"
        )
    else:
        bind = op.get_bind()
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        # the operator class lives in the extension's schema, which need not be on search_path
        ext_schema = bind.exec_driver_sql(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'pg_trgm'"
        ).scalar_one()
        op.execute(
            "CREATE INDEX ix_search_items_trgm ON search_items "
            f'USING gin ((title || \' \' || body) "{ext_schema}".gin_trgm_ops)'
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS search_items_ad")
        op.execute("DROP TRIGGER IF EXISTS search_items_ai")
        op.execute("DROP TABLE IF EXISTS search_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_search_items_trgm")
