"""outbox: when a waiting record last left on a USB bundle (the records list says so)

Revision ID: 0009_outbox_exported
Revises: 0008_biometrics
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_outbox_exported"
down_revision = "0008_biometrics"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("exported_at", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("exported_at")
