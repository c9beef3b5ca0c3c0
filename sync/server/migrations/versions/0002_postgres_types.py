"""types PostgreSQL enforces: 64-bit audit seq, unbounded text where a station's own words are stored

SQLite ignores declared lengths and stores any integer in 64 bits; PostgreSQL does neither. What a station
sends without the API bounding it (its audit entries, its signing key) must not turn into a server error on
PostgreSQL when the same request is fine on SQLite.

Revision ID: c0002
Revises: c0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "c0002"
down_revision = "c0001"
branch_labels = None
depends_on = None

AUDIT_TEXT = {"at": 32, "actor": 64, "action": 32, "record_uuid": 36, "prev_hash": 64, "hash": 64}


def upgrade() -> None:
    with op.batch_alter_table("central_audit") as t:
        t.alter_column("seq", existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=False)
        for name, length in AUDIT_TEXT.items():
            t.alter_column(name, existing_type=sa.String(length), type_=sa.String())
    with op.batch_alter_table("stations") as t:
        t.alter_column("signing_public_key", existing_type=sa.String(64), type_=sa.String())


def downgrade() -> None:
    with op.batch_alter_table("stations") as t:
        t.alter_column("signing_public_key", existing_type=sa.String(), type_=sa.String(64))
    with op.batch_alter_table("central_audit") as t:
        for name, length in AUDIT_TEXT.items():
            t.alter_column(name, existing_type=sa.String(), type_=sa.String(length))
        t.alter_column("seq", existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=False)
