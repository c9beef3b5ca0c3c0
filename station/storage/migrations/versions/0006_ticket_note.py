"""tickets: why a ticket was cancelled

Revision ID: 0006_ticket_note
Revises: 0005_audit_ids
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_ticket_note"
down_revision = "0005_audit_ids"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("note")
