"""Indexes for the triage queue and for the history of one incident or case.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_incidents_queue", "incidents", ["status", "urgency", "created_at"])
    op.create_index("ix_changes_entity", "changes", ["entity", "entity_id"])
    op.create_index("ix_cases_queue", "cases", ["status", "urgency", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_cases_queue", table_name="cases")
    op.drop_index("ix_changes_entity", table_name="changes")
    op.drop_index("ix_incidents_queue", table_name="incidents")
