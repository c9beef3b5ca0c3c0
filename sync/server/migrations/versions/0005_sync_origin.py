"""truthful sync (issue 13): records filed as (origin, uuid), resumable blob uploads, status feed by cursor

- stations.status_seq: the last change number given to one of the station's records (GET /v1/records/changes).
- blob_parts: the bytes of a blob received so far when its upload was cut.
- central_records: keyed (origin, uuid); station_id becomes origin (who accepted and signed the record), carrier
  (who delivered it), origin_signature, flags (duplicate_nik moves here: the centre's own, never a station's
  answer) and change_seq.
- finger_templates, dedup_results: keyed by the record's (origin, uuid) too; the match is (matched_origin,
  matched_uuid).

The three record tables are rebuilt (create new, copy, drop old): their primary keys change, which neither
dialect alters in place. Records from before carry no origin signature (''), their station is their origin.

Revision ID: c0005
Revises: c0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "c0005"
down_revision = "c0004"
branch_labels = None
depends_on = None

RECORD_COLUMNS = "payload_sha256, nik, payload, ack_id, received_at, reason"
FINGER_COLUMNS = "position, minutiae, descriptor_version, descriptors"
RESULT_COLUMNS = "decision, matched_uuid, detail, gallery_records, searched_at"


def _records_table(keyed_by_origin: bool) -> None:
    if keyed_by_origin:
        key = [
            sa.Column("origin", sa.String(32), sa.ForeignKey("stations.station_id"), primary_key=True),
            sa.Column("uuid", sa.String(36), primary_key=True),
            sa.Column("carrier", sa.String(32), nullable=False),
            sa.Column("origin_signature", sa.String(100), nullable=False),
        ]
    else:
        key = [
            sa.Column("uuid", sa.String(36), primary_key=True),
            sa.Column("station_id", sa.String(32), sa.ForeignKey("stations.station_id"), nullable=False),
        ]
    tail = [
        sa.Column("flags", sa.String(64), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
    ]
    op.create_table(
        "central_records",
        *key,
        sa.Column("payload_sha256", sa.String(64), nullable=False),
        sa.Column("nik", sa.String(16), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("ack_id", sa.String(64), nullable=False),
        sa.Column("received_at", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        *(tail if keyed_by_origin else []),
    )
    op.create_index("ix_central_nik", "central_records", ["nik"])
    if keyed_by_origin:
        op.create_index("ix_central_changes", "central_records", ["origin", "change_seq"])


def _dedup_tables(keyed_by_origin: bool) -> None:
    def key() -> list:
        if keyed_by_origin:
            return [
                sa.Column("record_origin", sa.String(32), primary_key=True),
                sa.Column("record_uuid", sa.String(36), primary_key=True),
                sa.ForeignKeyConstraint(
                    ["record_origin", "record_uuid"], ["central_records.origin", "central_records.uuid"]
                ),
            ]
        return [sa.Column("record_uuid", sa.String(36), sa.ForeignKey("central_records.uuid"), primary_key=True)]

    op.create_table(
        "finger_templates",
        *key(),
        sa.Column("position", sa.SmallInteger(), primary_key=True, autoincrement=False),
        sa.Column("minutiae", sa.LargeBinary(), nullable=False),
        sa.Column("descriptor_version", sa.String(32), nullable=True),
        sa.Column("descriptors", sa.LargeBinary(), nullable=True),
    )
    op.create_table(
        "dedup_results",
        *key(),
        sa.Column("decision", sa.String(8), nullable=False),
        *([sa.Column("matched_origin", sa.String(32), nullable=True)] if keyed_by_origin else []),
        sa.Column("matched_uuid", sa.String(36), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("gallery_records", sa.BigInteger(), nullable=False),
        sa.Column("searched_at", sa.String(32), nullable=False),
    )


def _set_aside() -> None:
    op.drop_index("ix_central_nik", table_name="central_records")
    if sa.inspect(op.get_bind()).has_index("central_records", "ix_central_changes"):
        op.drop_index("ix_central_changes", table_name="central_records")
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in ("central_records", "finger_templates", "dedup_results"):
        op.rename_table(table, f"{table}_old")
        if postgres:  # a primary key's index keeps its name, and index names are the schema's, not the table's
            op.execute(f"ALTER TABLE {table}_old RENAME CONSTRAINT {table}_pkey TO {table}_old_pkey")


def _drop_old() -> None:
    for table in ("dedup_results", "finger_templates", "central_records"):
        op.drop_table(f"{table}_old")


def upgrade() -> None:
    with op.batch_alter_table("stations") as t:
        t.add_column(sa.Column("status_seq", sa.BigInteger(), nullable=False, server_default="0"))
    op.create_table(
        "blob_parts",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    _set_aside()
    _records_table(keyed_by_origin=True)
    _dedup_tables(keyed_by_origin=True)
    op.execute(
        f"INSERT INTO central_records (origin, uuid, carrier, origin_signature, {RECORD_COLUMNS}, status, flags,"
        f" change_seq) SELECT station_id, uuid, station_id, '', {RECORD_COLUMNS},"
        " CASE WHEN status = 'duplicate_nik' THEN 'received' ELSE status END,"
        " CASE WHEN status = 'duplicate_nik' THEN 'duplicate_nik' END, 0 FROM central_records_old"
    )
    op.execute(
        f"INSERT INTO finger_templates (record_origin, record_uuid, {FINGER_COLUMNS})"
        f" SELECT r.station_id, f.record_uuid, {', '.join('f.' + c for c in FINGER_COLUMNS.split(', '))}"
        " FROM finger_templates_old f JOIN central_records_old r ON r.uuid = f.record_uuid"
    )
    op.execute(
        f"INSERT INTO dedup_results (record_origin, record_uuid, matched_origin, {RESULT_COLUMNS})"
        f" SELECT r.station_id, d.record_uuid, m.station_id, {', '.join('d.' + c for c in RESULT_COLUMNS.split(', '))}"
        " FROM dedup_results_old d JOIN central_records_old r ON r.uuid = d.record_uuid"
        " LEFT JOIN central_records_old m ON m.uuid = d.matched_uuid"
    )
    _drop_old()


def downgrade() -> None:
    """Back to one record per uuid: where two origins used the same uuid, the earliest received is kept."""
    _set_aside()
    _records_table(keyed_by_origin=False)
    _dedup_tables(keyed_by_origin=False)
    first = (
        "SELECT o.* FROM central_records_old o WHERE NOT EXISTS (SELECT 1 FROM central_records_old e"
        " WHERE e.uuid = o.uuid AND (e.received_at < o.received_at OR"
        " (e.received_at = o.received_at AND e.origin < o.origin)))"
    )
    op.execute(
        f"INSERT INTO central_records (uuid, station_id, {RECORD_COLUMNS}, status)"
        f" SELECT uuid, origin, {RECORD_COLUMNS}, COALESCE(flags, status) FROM ({first}) k"
    )
    op.execute(
        f"INSERT INTO finger_templates (record_uuid, {FINGER_COLUMNS})"
        f" SELECT f.record_uuid, {', '.join('f.' + c for c in FINGER_COLUMNS.split(', '))}"
        f" FROM finger_templates_old f JOIN ({first}) k ON k.uuid = f.record_uuid AND k.origin = f.record_origin"
    )
    op.execute(
        f"INSERT INTO dedup_results (record_uuid, {RESULT_COLUMNS})"
        f" SELECT d.record_uuid, {', '.join('d.' + c for c in RESULT_COLUMNS.split(', '))}"
        f" FROM dedup_results_old d JOIN ({first}) k ON k.uuid = d.record_uuid AND k.origin = d.record_origin"
    )
    _drop_old()
    op.drop_table("blob_parts")
    with op.batch_alter_table("stations") as t:
        t.drop_column("status_seq")
