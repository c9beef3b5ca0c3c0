"""audit ids never reused: the audit table rebuilt with AUTOINCREMENT

Revision ID: 0005_audit_ids
Revises: 0004
Create Date: 2026-12-01

Without AUTOINCREMENT SQLite hands out max(id) + 1, so deleting the newest entries and writing new ones gives the
new ones the old numbers. The table is copied as it is (ids and hashes unchanged: the chain stays whole); copying the
rows with their ids starts sqlite_sequence at the highest id present.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_audit_ids"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit", recreate="always", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.alter_column("id", existing_type=sa.Integer(), autoincrement=True)


def downgrade() -> None:
    with op.batch_alter_table("audit", recreate="always", table_kwargs={"sqlite_autoincrement": False}) as batch:
        batch.alter_column("id", existing_type=sa.Integer(), autoincrement=True)
