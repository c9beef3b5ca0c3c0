"""the Dinas after review: one-time form tokens, the card-PDF download log, disabled staff accounts, what was
checked at a hand-over

Revision ID: d0002
Revises: d0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "d0002"
down_revision = "d0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dinas_form_tokens",
        sa.Column("token_sha256", sa.String(64), primary_key=True),
        sa.Column("used_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_dinas_form_tokens_used_at", "dinas_form_tokens", ["used_at"])
    op.create_table(
        "dinas_batch_downloads",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("batch_id", sa.Integer(), sa.ForeignKey("dinas_print_batches.id"), nullable=False),
        sa.Column("officer", sa.String(64), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("cards", sa.Integer(), nullable=False),
    )
    op.create_index("ix_dinas_batch_downloads_batch_id", "dinas_batch_downloads", ["batch_id"])
    with op.batch_alter_table("dinas_users") as t:
        t.add_column(sa.Column("disabled_at", sa.String(32), nullable=True))
    with op.batch_alter_table("dinas_collections") as t:
        t.add_column(sa.Column("relation", sa.String(24), nullable=True))
        t.add_column(sa.Column("proof", sa.String(40), nullable=True))
        t.add_column(sa.Column("representative_id", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dinas_collections") as t:
        t.drop_column("representative_id")
        t.drop_column("proof")
        t.drop_column("relation")
    with op.batch_alter_table("dinas_users") as t:
        t.drop_column("disabled_at")
    op.drop_index("ix_dinas_batch_downloads_batch_id", table_name="dinas_batch_downloads")
    op.drop_table("dinas_batch_downloads")
    op.drop_index("ix_dinas_form_tokens_used_at", table_name="dinas_form_tokens")
    op.drop_table("dinas_form_tokens")
