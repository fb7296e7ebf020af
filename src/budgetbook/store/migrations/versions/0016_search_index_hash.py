"""The SQLite search index keeps up to 64 MiB of new trigrams in memory before it writes them out
as a segment (FTS5 hashsize; 1 MiB by default): a load of a year of open data (8 MB of names and
notes) wrote a dozen small segments, each merged again later; now one. The trigram index of the
33 open-data files: 1.62 -> 1.24 s (docs/benchmarks.md). The memory is the writer's only, and
only while it loads.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _hashsize(size: int) -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', {size})")


def upgrade() -> None:
    _hashsize(64 * 1024 * 1024)


def downgrade() -> None:
    _hashsize(1024 * 1024)  # FTS5's default
