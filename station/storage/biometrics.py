"""Biometric blobs of a record (fingerprint, template, iris, signature, exception proof), sealed under the data key
and bound to their record and kind, exactly as photos are (storage.photos)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from station.domain.payload import Photo
from station.storage.crypto import DataKey
from station.storage.models import BiometricRow
from station.storage.photos import opened_blobs


class BiometricRepository:
    def __init__(self, session: Session, key: Callable[[], DataKey]) -> None:
        self._s, self._key = session, key

    def add(self, record_uuid: str, kind: str, blob: Photo) -> None:
        sealed = self._key().seal(blob.data, _aad(record_uuid, kind))
        self._s.add(BiometricRow(record_uuid=record_uuid, kind=kind, mime=blob.mime, sha256=blob.sha256, data=sealed))

    def of(self, record_uuid: str) -> dict[str, Photo]:
        rows = self._s.scalars(select(BiometricRow).where(BiometricRow.record_uuid == record_uuid))
        return {b.kind: Photo(self._key().open(b.data, _aad(record_uuid, b.kind)), b.mime) for b in rows}

    def blobs_of(self, record_uuids: list[str]) -> dict[str, dict[str, tuple[str, bytes]]]:
        """kind -> (sha256, bytes) per record, for many records in one query (a sync batch), as photos.blobs_of."""
        return opened_blobs(self._s, self._key(), BiometricRow, _aad, record_uuids)

    def sizes_of(self, record_uuids: list[str]) -> dict[str, int]:
        """Stored bytes per record (sealed): sizes a sync batch before opening it."""
        stmt = (
            select(BiometricRow.record_uuid, func.sum(func.length(BiometricRow.data)))
            .where(BiometricRow.record_uuid.in_(record_uuids))
            .group_by(BiometricRow.record_uuid)
        )
        return {u: int(n or 0) for u, n in self._s.execute(stmt)}

    def sealed_bytes(self, record_uuid: str) -> int:
        """Bytes at rest (sealed) for this record's biometrics."""
        rows = self._s.scalars(select(BiometricRow.data).where(BiometricRow.record_uuid == record_uuid))
        return sum(len(d) for d in rows)

    def delete_of(self, record_uuid: str) -> int:
        rows = list(self._s.scalars(select(BiometricRow).where(BiometricRow.record_uuid == record_uuid)))
        for b in rows:
            self._s.delete(b)
        return len(rows)


def _aad(record_uuid: str, kind: str) -> str:
    return f"biometric:{record_uuid}:{kind}"
