"""personal data encrypted at rest: keyed NIK index, sealed summary/biodata/photos, audit chain

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24

Plaintext left by 0001-0003 is sealed by the store at the first unlock (the key is not known here).
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_records_nik", "records")
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("nik_index", sa.String(64), nullable=True))
        batch.add_column(sa.Column("summary_enc", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("biodata_enc", sa.LargeBinary(), nullable=True))
        batch.alter_column("nik", existing_type=sa.String(16), nullable=True)
        batch.alter_column("nama", existing_type=sa.String(80), nullable=True)
        batch.alter_column("biodata", existing_type=sa.Text(), nullable=True)
    op.create_index("ix_records_nik_index", "records", ["nik_index"])
    with op.batch_alter_table("photos") as batch:
        batch.add_column(sa.Column("sealed", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("record_uuid", sa.String(36), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    sealed = op.get_bind().exec_driver_sql("SELECT count(*) FROM records WHERE biodata_enc IS NOT NULL").scalar()
    if sealed:
        # Below 0004 personal data was plaintext; the key is not known here, so going back would lose it.
        raise RuntimeError(f"{sealed} encrypted records: refusing to downgrade below 0004 (it would lose them)")
    op.drop_table("audit")
    with op.batch_alter_table("photos") as batch:
        batch.drop_column("sealed")
    op.drop_index("ix_records_nik_index", "records")
    with op.batch_alter_table("records") as batch:
        batch.drop_column("biodata_enc")
        batch.drop_column("summary_enc")
        batch.drop_column("nik_index")
    op.create_index("ix_records_nik", "records", ["nik"])
