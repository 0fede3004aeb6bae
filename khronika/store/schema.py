"""The store's tables, as SQLAlchemy Core metadata shared by SQLite, SQLCipher and PostgreSQL.

Migrations (``khronika/store/migrations``) create exactly these tables; a test compares the
two so that they cannot drift apart. Only portable types are used: JSON is SQLAlchemy's
generic ``JSON`` (TEXT on SQLite, JSON on PostgreSQL) and times are timezone-aware UTC.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Naming convention so that constraint names are identical on every backend and in
# migrations (Alembic needs names to drop or alter constraints later).
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# SQLite only auto-increments INTEGER PRIMARY KEY; BigInteger there would not.
Id = BigInteger().with_variant(Integer(), "sqlite")

reports = Table(
    "reports",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    # sha256 of the exact text: the same report imported twice is stored once
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("title", Text),
    Column("origin", Text, nullable=False),  # file path, channel, form, feed URL...
    Column("external_id", Text),  # the id the source gave it, if any
    Column("kind", String(32), nullable=False, server_default="text"),
    Column("lang", String(8)),
    Column("published", Date),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("meta", JSON, nullable=False),
    # On PostgreSQL with field encryption, ``text`` holds AES-GCM ciphertext and this holds
    # the text as the public redaction profile shows it, for full-text search (0007).
    Column("search_text", Text),
)

extractions = Table(
    "extractions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("report_id", Id, ForeignKey("reports.id"), nullable=False),
    Column("pipeline_version", String(32), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("status", String(16), nullable=False),  # ok | error
    Column("error", Text),
    Column("result", JSON, nullable=False),  # the contract's output object, with evidence
    UniqueConstraint("report_id", "pipeline_version", name="uq_extractions_report_version"),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("type", String(64), nullable=False),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(8)),
    Column("location_name", Text),
    Column("geonameid", BigInteger),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("counts", JSON, nullable=False),  # kind -> {"min","max","report_id"}
    Column("status", String(16), nullable=False, server_default="unverified"),
    Column("urgency", Integer, nullable=False, server_default="0"),
    Column("urgency_reasons", JSON, nullable=False),
    Column("link_key", String(255)),  # the blocking key of the linker that opened it
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # optimistic locking: every update bumps it and checks the one it read
    Column("version", Integer, nullable=False, server_default="1"),
    # linking (migration 0002): the event family used for blocking, which report each
    # chosen field came from, and every disagreement between sources (never averaged)
    Column("family", String(32)),
    Column("provenance", JSON),
    Column("conflicts", JSON),
    Index("ix_incidents_type_date", "type", "date_start"),
    Index("ix_incidents_link_key", "link_key"),
    Index("ix_incidents_family_date", "family", "date_start"),
    # the triage queue: open incidents by urgency, oldest first (migration 0005)
    Index("ix_incidents_queue", "status", "urgency", "created_at"),
)

# The web desk's filtered queue, region figures and change stamp (migration 0006).
Index("ix_incidents_rank", incidents.c.urgency.desc(), incidents.c.created_at,
      incidents.c.status, incidents.c.type, incidents.c.admin1, incidents.c.date_start)
Index("ix_incidents_region", incidents.c.admin1, incidents.c.country, incidents.c.status)
Index("ix_incidents_updated", incidents.c.updated_at)

incident_reports = Table(
    "incident_reports",
    metadata,
    Column("incident_id", Id, ForeignKey("incidents.id"), primary_key=True),
    Column("report_id", Id, ForeignKey("reports.id"), primary_key=True),
    Column("event_index", Integer, primary_key=True),
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Column("linked_at", DateTime(timezone=True), nullable=False),
    # linking (migration 0002): the event's link features (type, date, place, counts,
    # names, text sketch), so an incident's fields can be recomputed from its members
    Column("features", JSON),
    Column("linked_by", Text),  # "linker" or the named user of a manual merge/split
    Index("ix_incident_reports_report", "report_id"),
)

# Manual merges, so that a split can restore exactly what was there before (migration 0002).
incident_merges = Table(
    "incident_merges",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("target_id", Id, nullable=False),  # the incident that absorbed the other
    Column("source_id", Id, nullable=False),  # the absorbed incident (its row is removed)
    Column("actor", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("reason", Text),
    Column("source_row", JSON, nullable=False),  # the absorbed incident as it was
    Column("target_row", JSON, nullable=False),  # the absorbing incident as it was
    Column("moved_links", JSON, nullable=False),  # the links moved from source to target
    Column("reverted_at", DateTime(timezone=True)),
    Column("reverted_by", Text),
    Index("ix_incident_merges_target", "target_id"),
)

# Append-only: rows are only ever inserted. Each row carries the hash of the previous one
# so that an edit or deletion anywhere breaks the chain (verified by the audit command).
changes = Table(
    "changes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(64), nullable=False),
    Column("entity", String(32), nullable=False),
    Column("entity_id", Text),
    Column("data", JSON, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    # the history of one incident or case (migration 0005)
    Index("ix_changes_entity", "entity", "entity_id"),
)

# -- accounts, sessions and cases (migration 0003) ---------------------------------------

users = Table(
    "users",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),  # argon2id, with its own salt
    Column("active", Integer, nullable=False, server_default="1"),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Sessions and API tokens are stored as sha256 of the secret: a stolen copy of the store
# does not let anyone log in.
sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_id", Id, ForeignKey("users.id"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("user_id", Id, ForeignKey("users.id"), nullable=False),
    Column("label", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

# Store-wide settings, e.g. the wrapped data key for field encryption on PostgreSQL.
settings = Table(
    "settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", JSON, nullable=False),
)

# A person or group who asked for help. Fields marked (personal) hold personal data: on
# PostgreSQL they are encrypted by the application (AES-GCM); in SQLite the whole file is.
cases = Table(
    "cases",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("title", Text, nullable=False),  # (personal)
    Column("contact", Text),  # (personal) names, phones, messenger handles
    Column("details", Text),  # (personal) document numbers, addresses, free text
    Column("status", String(16), nullable=False, server_default="open"),
    Column("urgency", Integer, nullable=False, server_default="0"),
    Column("urgency_reasons", JSON, nullable=False),
    Column("deadline", Date),
    Column("assignee", String(64)),
    Column("outcome", Text),  # (personal)
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("deleted_at", DateTime(timezone=True)),  # personal fields wiped, counts kept
    Index("ix_cases_queue", "status", "urgency", "created_at"),
)

case_incidents = Table(
    "case_incidents",
    metadata,
    Column("case_id", Id, ForeignKey("cases.id"), primary_key=True),
    Column("incident_id", Id, ForeignKey("incidents.id"), primary_key=True),
)

case_notes = Table(
    "case_notes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("case_id", Id, ForeignKey("cases.id"), nullable=False),
    Column("author", String(64), nullable=False),
    Column("text", Text, nullable=False),  # (personal)
    Column("created_at", DateTime(timezone=True), nullable=False),
)
