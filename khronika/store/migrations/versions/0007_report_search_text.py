"""Report texts encrypted on PostgreSQL: a redacted copy for full-text search.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24

On a PostgreSQL store with field encryption, ``reports.text`` holds AES-GCM ciphertext;
``search_text`` holds the text as the public redaction profile shows it, and the
full-text index covers ``coalesce(search_text, text)`` (stores without field encryption
keep ``search_text`` empty and index the text itself). SQLite stores are encrypted as a
whole file and keep indexing ``text`` with FTS5.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_OLD = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"
#: Must match the expression khronika/web/search.py queries with, or the index is unused.
PG_DOCUMENT = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(search_text, text))"


def upgrade() -> None:
    op.add_column("reports", sa.Column("search_text", sa.Text(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_reports_fts")
        op.execute(f"CREATE INDEX ix_reports_fts ON reports USING gin ({PG_DOCUMENT})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_reports_fts")
        op.execute(f"CREATE INDEX ix_reports_fts ON reports USING gin ({_OLD})")
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("search_text")
