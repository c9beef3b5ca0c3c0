"""fingerprint deduplication: finger_templates, dedup_results

Revision ID: c0003
Revises: c0002
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "c0003"
down_revision = "c0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "finger_templates",
        sa.Column("record_uuid", sa.String(36), sa.ForeignKey("central_records.uuid"), primary_key=True),
        sa.Column("position", sa.SmallInteger(), primary_key=True, autoincrement=False),
        sa.Column("minutiae", sa.LargeBinary(), nullable=False),
        sa.Column("descriptor_version", sa.String(32), nullable=True),
        sa.Column("descriptors", sa.LargeBinary(), nullable=True),
    )
    op.create_table(
        "dedup_results",
        sa.Column("record_uuid", sa.String(36), sa.ForeignKey("central_records.uuid"), primary_key=True),
        sa.Column("decision", sa.String(8), nullable=False),
        sa.Column("matched_uuid", sa.String(36), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("gallery_records", sa.BigInteger(), nullable=False),
        sa.Column("searched_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("dedup_results")
    op.drop_table("finger_templates")
