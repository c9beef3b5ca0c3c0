"""blob bytes stored as they are on PostgreSQL: no compression attempt on JPEG, WSQ and PNG

PostgreSQL tries to compress every bytea value over 2 KB before moving it out of line (TOAST, storage
EXTENDED). Photos and fingerprints are compressed already: the attempt only costs the server. Measured with
a durable PostgreSQL (tests/pg.py, durable=True), 1,000 records of real photographs, two runs each: the database's own
CPU 1.47-1.71 -> 0.42-0.87 s for the lot, 249-254 -> 307-390 records/s. SQLite has no such setting.

Revision ID: c0006
Revises: d0002
Create Date: 2026-11-25
"""

from alembic import op

revision = "c0006"
down_revision = "d0002"
branch_labels = None
depends_on = None

TABLES = ("blobs", "blob_parts")


def _storage(kind: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ALTER COLUMN data SET STORAGE {kind}")


def upgrade() -> None:
    _storage("EXTERNAL")


def downgrade() -> None:
    _storage("EXTENDED")
