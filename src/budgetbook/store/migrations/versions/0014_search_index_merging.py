"""The SQLite search index merges its segments only when 64 wait on one level (FTS5 automerge=0,
crisismerge=64), not after every load: each load of a file wrote its trigrams, then rewrote
the index's older segments with them. Ingest of the 33 open-data files: 8.9 s -> 8.1 s; a
search reads a few dozen segments instead of a few (0.1 -> 0.4 ms per query, docs/benchmarks.md)

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def _merging(automerge: int, crisismerge: int) -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', {automerge})")
        op.execute(f"INSERT INTO search_fts(search_fts, rank) "
                   f"VALUES ('crisismerge', {crisismerge})")


def upgrade() -> None:
    _merging(0, 64)


def downgrade() -> None:
    _merging(4, 16)  # FTS5's defaults
