"""one-time registration codes, station key history, audit breaks (branch central's trust boundaries)

Revision ID: c0004
Revises: c0003
Create Date: 2026-12-03

A database that main's create_all start-up made already holds these tables (it is stamped c0001 on adoption):
they are created only where missing.
"""

import sqlalchemy as sa
from alembic import op

revision = "c0004"
down_revision = "c0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    have = set(sa.inspect(op.get_bind()).get_table_names())
    if "registration_codes" not in have:
        op.create_table(
            "registration_codes",
            sa.Column("code_sha256", sa.String(64), primary_key=True),
            sa.Column("station_id", sa.String(32), nullable=False),
            sa.Column("rekey", sa.Boolean(), nullable=False),
            sa.Column("issued_at", sa.String(32), nullable=False),
            sa.Column("expires_at", sa.String(32), nullable=False),
            sa.Column("used_at", sa.String(32), nullable=True),
            sa.Column("used_signing_key", sa.String(64), nullable=True),
        )
        op.create_index("ix_registration_codes_station_id", "registration_codes", ["station_id"])
    if "station_key_history" not in have:
        op.create_table(
            "station_key_history",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("station_id", sa.String(32), nullable=False),
            sa.Column("signing_public_key", sa.String(64), nullable=True),
            sa.Column("registered_at", sa.String(32), nullable=False),
            sa.Column("replaced_at", sa.String(32), nullable=False),
            sa.Column("how", sa.String(32), nullable=False),
        )
        op.create_index("ix_station_key_history_station_id", "station_key_history", ["station_id"])
    if "central_audit_breaks" not in have:
        op.create_table(
            "central_audit_breaks",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("station_id", sa.String(32), nullable=False),
            sa.Column("seq", sa.BigInteger(), nullable=False),
            sa.Column("kind", sa.String(16), nullable=False),
            sa.Column("held_hash", sa.String(64), nullable=True),
            sa.Column("sent_hash", sa.String(64), nullable=False),
            sa.Column("first_seen_at", sa.String(32), nullable=False),
            sa.Column("last_seen_at", sa.String(32), nullable=False),
            sa.Column("times", sa.Integer(), nullable=False),
            sa.UniqueConstraint("station_id", "seq", "kind", "sent_hash", name="uq_audit_break"),
        )
        op.create_index("ix_central_audit_breaks_station_id", "central_audit_breaks", ["station_id"])


def downgrade() -> None:
    op.drop_table("central_audit_breaks")
    op.drop_table("station_key_history")
    op.drop_table("registration_codes")
