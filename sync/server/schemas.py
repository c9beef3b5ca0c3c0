"""What travels over the central API (the OpenAPI document in sync/openapi.json is generated from these)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Registration(BaseModel):
    station_id: str = Field(min_length=1, max_length=32)
    kecamatan: str = Field(pattern=r"^\d\d\.\d\d\.\d\d$")
    registration_code: str
    signing_public_key: str | None = None  # base64 Ed25519: verifies the station's jemput-bola bundles


class StationKey(BaseModel):
    station_id: str
    station_key: str  # shown once; the server keeps only its SHA-256


class RecordIn(BaseModel):
    uuid: str = Field(min_length=36, max_length=36)
    payload_sha256: str = Field(min_length=64, max_length=64)
    biodata: dict
    quality: dict
    created_at: str
    operator: str
    photos: dict[str, str]  # kind -> base64 JPEG
    station_id: str | None = None  # informative; the authenticated station is who sent it


class Batch(BaseModel):
    records: list[RecordIn] = Field(max_length=500)


class RecordAck(BaseModel):
    uuid: str
    outcome: str  # stored | repeat | conflict | rejected
    ack_id: str | None = None
    status: str | None = None  # received | duplicate_nik | rejected | printed
    reason: str | None = None


class BatchAck(BaseModel):
    results: list[RecordAck]


class AuditEntry(BaseModel):
    seq: int
    at: str
    actor: str
    action: str
    record_uuid: str | None = None
    detail: str
    prev_hash: str
    hash: str


class AuditBatch(BaseModel):
    entries: list[AuditEntry] = Field(max_length=2000)


class AuditAck(BaseModel):
    stored: int
    upto: int  # the station may forget entries up to here as sent
    chain_ok: bool  # False: the entries do not continue the chain already received (tampering or loss)


class RecordStatusOut(BaseModel):
    uuid: str
    status: str
    reason: str | None
    ack_id: str
    received_at: str
