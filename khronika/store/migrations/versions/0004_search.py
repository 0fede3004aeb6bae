"""full-text search over reports

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

SQLite (and SQLCipher, where FTS5 works inside the encrypted file): an FTS5 table over the
reports' title and text, kept in step by triggers (external content: the text is stored
once, in ``reports``). PostgreSQL: a GIN index over the same text as a ``simple`` tsvector.
Both use no stemmer of their own: the web desk turns each query word into a prefix of its
stem (``khronika.web.search``), which treats Russian and English alike on both backends.

Neither structure can be declared in ``schema.py`` (a virtual table, an expression index),
so the schema comparison test leaves out the names in ``SEARCH_OBJECTS``.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: Tables and indexes this migration creates outside schema.py (FTS5 adds shadow tables
#: named reports_fts_*).
SEARCH_OBJECTS = ("reports_fts", "ix_reports_fts")

_PG_DOCUMENT = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        # remove_diacritics 2 folds ё to е and accents in Latin names
        op.execute(
            "CREATE VIRTUAL TABLE reports_fts USING fts5(title, text, content='reports', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
        op.execute(
            "CREATE TRIGGER reports_fts_ai AFTER INSERT ON reports BEGIN "
            "INSERT INTO reports_fts(rowid, title, text) VALUES (new.id, new.title, new.text); "
            "END"
        )
        # reports are never edited, but secure deletion may blank them: keep FTS in step
        op.execute(
            "CREATE TRIGGER reports_fts_ad AFTER DELETE ON reports BEGIN "
            "INSERT INTO reports_fts(reports_fts, rowid, title, text) "
            "VALUES ('delete', old.id, old.title, old.text); END"
        )
        op.execute(
            "CREATE TRIGGER reports_fts_au AFTER UPDATE ON reports BEGIN "
            "INSERT INTO reports_fts(reports_fts, rowid, title, text) "
            "VALUES ('delete', old.id, old.title, old.text); "
            "INSERT INTO reports_fts(rowid, title, text) VALUES (new.id, new.title, new.text); "
            "END"
        )
        op.execute("INSERT INTO reports_fts(reports_fts) VALUES ('rebuild')")
    elif dialect == "postgresql":
        op.execute(f"CREATE INDEX ix_reports_fts ON reports USING gin ({_PG_DOCUMENT})")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("reports_fts_ai", "reports_fts_ad", "reports_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS reports_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_reports_fts")
