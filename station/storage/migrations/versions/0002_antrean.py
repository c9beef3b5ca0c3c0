"""queue tickets (antrean)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("service_date", sa.String(10), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("issued_at", sa.String(32), nullable=False),
        sa.Column("record_uuid", sa.String(36), nullable=True),
        sa.UniqueConstraint("service_date", "number", name="uq_tickets_day_number"),
    )
    op.create_index("ix_tickets_day_status", "tickets", ["service_date", "status"])


def downgrade() -> None:
    op.drop_index("ix_tickets_day_status", "tickets")
    op.drop_table("tickets")
