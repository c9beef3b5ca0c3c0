"""biometrics: a record's fingerprints, irises, signature and exception proofs, sealed like its photos

Revision ID: 0008_biometrics
Revises: 0007_sync_origin
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_biometrics"
down_revision = "0007_sync_origin"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "biometrics",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("record_uuid", sa.String(36), sa.ForeignKey("records.uuid", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("mime", sa.String(48), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_biometrics_record_kind", "biometrics", ["record_uuid", "kind"], unique=True)
    op.create_index("ix_biometrics_record_uuid", "biometrics", ["record_uuid"])


def downgrade() -> None:
    n = op.get_bind().exec_driver_sql("SELECT count(*) FROM biometrics").scalar()
    if n:
        raise RuntimeError(f"{n} biometric blobs stored: refusing to downgrade below 0008 (it would lose them)")
    op.drop_table("biometrics")
