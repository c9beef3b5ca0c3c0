"""records, photos, outbox, settings

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "records",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("station_id", sa.String(32), nullable=False),
        sa.Column("operator", sa.String(64), nullable=False),
        sa.Column("nik", sa.String(16), nullable=False),
        sa.Column("nama", sa.String(80), nullable=False),
        sa.Column("biodata", sa.Text(), nullable=False),
        sa.Column("quality", sa.Text(), nullable=False),
        sa.Column("payload_sha256", sa.String(64), nullable=True),
    )
    op.create_index("ix_records_status", "records", ["status"])
    op.create_index("ix_records_nik", "records", ["nik"])
    op.create_table(
        "photos",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("record_uuid", sa.String(36), sa.ForeignKey("records.uuid", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("mime", sa.String(32), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_photos_record_kind", "photos", ["record_uuid", "kind"], unique=True)
    op.create_table(
        "outbox",
        sa.Column("record_uuid", sa.String(36), sa.ForeignKey("records.uuid", ondelete="CASCADE"), primary_key=True),
        sa.Column("enqueued_at", sa.String(32), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("next_attempt_at", sa.String(32), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_table("outbox")
    op.drop_index("ix_photos_record_kind", "photos")
    op.drop_table("photos")
    op.drop_index("ix_records_nik", "records")
    op.drop_index("ix_records_status", "records")
    op.drop_table("records")
