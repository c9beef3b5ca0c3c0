"""central server's answer on each record

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("ack_id", sa.String(64), nullable=True))
        batch.add_column(sa.Column("acked_at", sa.String(32), nullable=True))
        batch.add_column(sa.Column("server_status", sa.String(32), nullable=True))
        batch.add_column(sa.Column("server_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("records") as batch:
        for col in ("server_reason", "server_status", "acked_at", "ack_id"):
            batch.drop_column(col)
