"""Photos (the ID crop and the full frame), sealed under the data key and bound to their record."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from station.domain.payload import Photo
from station.storage.crypto import DataKey
from station.storage.models import PhotoRow


def opened_blobs(
    s: Session, key: DataKey, row: type, aad: Callable[[str, str], str], record_uuids: list[str]
) -> dict[str, dict[str, tuple[str, bytes]]]:
    """kind -> (sha256, opened bytes) per record, for a table of sealed blobs (photos, biometrics): the columns
    only, no ORM object per blob (a sync batch opens thousands)."""
    out: dict[str, dict[str, tuple[str, bytes]]] = {u: {} for u in record_uuids}
    cols = select(row.record_uuid, row.kind, row.sha256, row.data).where(row.record_uuid.in_(record_uuids))
    for uuid, kind, sha, data in s.execute(cols):
        out[uuid][kind] = (sha, key.open(data, aad(uuid, kind)))
    return out


class PhotoRepository:
    def __init__(self, session: Session, key: Callable[[], DataKey]) -> None:
        self._s, self._key = session, key

    def add(self, record_uuid: str, kind: str, photo: Photo) -> None:
        sealed = self._key().seal(photo.data, _aad(record_uuid, kind))
        self._s.add(
            PhotoRow(record_uuid=record_uuid, kind=kind, mime=photo.mime, sha256=photo.sha256, data=sealed, sealed=1)
        )

    def of(self, record_uuid: str) -> dict[str, Photo]:
        rows = self._s.scalars(select(PhotoRow).where(PhotoRow.record_uuid == record_uuid))
        return {p.kind: Photo(self._key().open(p.data, _aad(record_uuid, p.kind)), p.mime) for p in rows}

    def blobs_of(self, record_uuids: list[str]) -> dict[str, dict[str, tuple[str, bytes]]]:
        """kind -> (sha256, bytes) per record, for many records in one query (a sync batch, an export)."""
        return opened_blobs(self._s, self._key(), PhotoRow, _aad, record_uuids)

    def sizes_of(self, record_uuids: list[str]) -> dict[str, int]:
        """Stored bytes per record (sealed, so a few dozen more than the images): sizes a batch before opening it."""
        stmt = (
            select(PhotoRow.record_uuid, func.sum(func.length(PhotoRow.data)))
            .where(PhotoRow.record_uuid.in_(record_uuids))
            .group_by(PhotoRow.record_uuid)
        )
        return {u: int(n or 0) for u, n in self._s.execute(stmt)}

    def delete_of(self, record_uuid: str) -> int:
        rows = list(self._s.scalars(select(PhotoRow).where(PhotoRow.record_uuid == record_uuid)))
        for p in rows:
            self._s.delete(p)
        return len(rows)

    def seal_plaintext(self) -> int:
        """Encrypt photos an older schema (0001-0003) stored in clear."""
        rows = list(self._s.scalars(select(PhotoRow).where(PhotoRow.sealed == 0)))
        for p in rows:
            p.data, p.sealed = self._key().seal(p.data, _aad(p.record_uuid, p.kind)), 1
        return len(rows)


def _aad(record_uuid: str, kind: str) -> str:
    return f"photo:{record_uuid}:{kind}"
