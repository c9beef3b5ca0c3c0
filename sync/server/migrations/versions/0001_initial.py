"""stations, blobs, central_records, central_audit (the schema create_all made before migrations)

Revision ID: c0001
Revises:
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "c0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stations",
        sa.Column("station_id", sa.String(32), primary_key=True),
        sa.Column("kecamatan", sa.String(16), nullable=False),
        sa.Column("key_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("registered_at", sa.String(32), nullable=False),
        sa.Column("signing_public_key", sa.String(64), nullable=True),
    )
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "central_records",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("station_id", sa.String(32), sa.ForeignKey("stations.station_id"), nullable=False),
        sa.Column("payload_sha256", sa.String(64), nullable=False),
        sa.Column("nik", sa.String(16), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("ack_id", sa.String(64), nullable=False),
        sa.Column("received_at", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
    )
    op.create_index("ix_central_nik", "central_records", ["nik"])
    op.create_table(
        "central_audit",
        sa.Column("station_id", sa.String(32), sa.ForeignKey("stations.station_id"), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("record_uuid", sa.String(36), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("central_audit")
    op.drop_index("ix_central_nik", table_name="central_records")
    op.drop_table("central_records")
    op.drop_table("blobs")
    op.drop_table("stations")
