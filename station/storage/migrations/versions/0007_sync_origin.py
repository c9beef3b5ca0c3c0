"""sync: the origin's signature on every record; when a retry was scheduled (a clock set back must not stall it)

Revision ID: 0007_sync_origin
Revises: 0006_ticket_note
Create Date: 2026-11-25

Records accepted before 0007 have no signature; the outbox signs the station's own ones when it first sends
them (the signing key is sealed, so it is not known here).
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_sync_origin"
down_revision = "0006_ticket_note"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("origin_signature", sa.String(88), nullable=True))
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("deferred_at", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("deferred_at")
    with op.batch_alter_table("records") as batch:
        batch.drop_column("origin_signature")
