"""Indexes for the web desk's filtered queue, region figures and change stamps.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24

- ``ix_incidents_rank``: the queue's order (urgency descending, then longest waiting)
  with the filter columns after it, so that a filtered queue page reads index entries in
  order, tests status/type/region inside the index and stops after one page, instead of
  sorting every open incident (measured on 100k incidents: 270 ms for a type filter,
  830 ms for a region filter). The date at its end lets search count its facets from the
  index alone.
- ``ix_incidents_region``: counts by region (the filter's choices, the dashboard and the
  search facet) from the index alone instead of a scan of every incident row.
- ``ix_incidents_updated``: the newest ``updated_at`` in one index probe, the stamp that
  tells the desk's caches of figures when incidents changed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_incidents_rank", "incidents",
                    [sa.text("urgency DESC"), "created_at", "status", "type", "admin1",
                     "date_start"])
    op.create_index("ix_incidents_region", "incidents", ["admin1", "country", "status"])
    op.create_index("ix_incidents_updated", "incidents", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_incidents_updated", table_name="incidents")
    op.drop_index("ix_incidents_region", table_name="incidents")
    op.drop_index("ix_incidents_rank", table_name="incidents")
