"""linking: incident families, provenance and conflicts, link features, merge history

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("family", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("provenance", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("conflicts", sa.JSON(), nullable=True))
        batch_op.create_index("ix_incidents_family_date", ["family", "date_start"],
                              unique=False)
    with op.batch_alter_table("incident_reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("features", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("linked_by", sa.Text(), nullable=True))
    op.create_table(
        "incident_merges",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("target_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  nullable=False),
        sa.Column("source_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("source_row", sa.JSON(), nullable=False),
        sa.Column("target_row", sa.JSON(), nullable=False),
        sa.Column("moved_links", sa.JSON(), nullable=False),
        sa.Column("reverted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reverted_by", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_merges")),
    )
    with op.batch_alter_table("incident_merges", schema=None) as batch_op:
        batch_op.create_index("ix_incident_merges_target", ["target_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("incident_merges", schema=None) as batch_op:
        batch_op.drop_index("ix_incident_merges_target")
    op.drop_table("incident_merges")
    with op.batch_alter_table("incident_reports", schema=None) as batch_op:
        batch_op.drop_column("linked_by")
        batch_op.drop_column("features")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_family_date")
        batch_op.drop_column("conflicts")
        batch_op.drop_column("provenance")
        batch_op.drop_column("family")
