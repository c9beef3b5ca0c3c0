"""the Dinas: staff, sessions, print batches, blanko ledger, collections, rate limits, record index, sukets

Revision ID: d0001
Revises: c0005
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "d0001"
down_revision = "c0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dinas_users",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "dinas_sessions",
        sa.Column("token_sha256", sa.String(64), primary_key=True),
        sa.Column("username", sa.String(64), sa.ForeignKey("dinas_users.username"), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "dinas_print_batches",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kecamatan", sa.String(16), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("officer", sa.String(64), nullable=False),
    )
    op.create_table(
        "dinas_print_items",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("batch_id", sa.Integer(), sa.ForeignKey("dinas_print_batches.id"), nullable=False),
        sa.Column("record_uuid", sa.String(36), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("marked_at", sa.String(32), nullable=True),
        sa.Column("marked_by", sa.String(64), nullable=True),
    )
    op.create_index("ix_dinas_print_items_record", "dinas_print_items", ["record_uuid"])
    op.create_table(
        "dinas_blanko_ledger",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("witness", sa.String(120), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("officer", sa.String(64), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
    )
    op.create_index("ix_dinas_blanko_day", "dinas_blanko_ledger", ["day"])
    op.create_table(
        "dinas_collections",
        sa.Column("record_uuid", sa.String(36), primary_key=True),
        sa.Column("collected_by", sa.String(120), nullable=False),
        sa.Column("collected_at", sa.String(32), nullable=False),
        sa.Column("officer", sa.String(64), nullable=False),
    )
    op.create_table(
        "dinas_status_lookups",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
    )
    op.create_index("ix_dinas_lookups_client", "dinas_status_lookups", ["client", "at"])
    op.create_table(
        "dinas_record_index",
        sa.Column("record_uuid", sa.String(36), primary_key=True),
        sa.Column("kecamatan", sa.String(16), nullable=False),
        sa.Column("desa", sa.String(24), nullable=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_dinas_record_index_kec", "dinas_record_index", ["kecamatan", "recorded_at"])
    op.create_table(
        "dinas_sukets",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("record_uuid", sa.String(36), nullable=False),
        sa.Column("issued_at", sa.String(32), nullable=False),
        sa.Column("valid_until", sa.String(10), nullable=False),
        sa.Column("officer", sa.String(64), nullable=False),
    )
    op.create_index("ix_dinas_sukets_record_uuid", "dinas_sukets", ["record_uuid"])


def downgrade() -> None:
    op.drop_index("ix_dinas_sukets_record_uuid", table_name="dinas_sukets")
    op.drop_table("dinas_sukets")
    op.drop_index("ix_dinas_record_index_kec", table_name="dinas_record_index")
    op.drop_table("dinas_record_index")
    op.drop_index("ix_dinas_lookups_client", table_name="dinas_status_lookups")
    op.drop_table("dinas_status_lookups")
    op.drop_table("dinas_collections")
    op.drop_index("ix_dinas_blanko_day", table_name="dinas_blanko_ledger")
    op.drop_table("dinas_blanko_ledger")
    op.drop_index("ix_dinas_print_items_record", table_name="dinas_print_items")
    op.drop_table("dinas_print_items")
    op.drop_table("dinas_print_batches")
    op.drop_table("dinas_sessions")
    op.drop_table("dinas_users")
