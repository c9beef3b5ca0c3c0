"""The central API (the OpenAPI document in sync/openapi.json is generated from this file).

Idempotency: a record travels with its UUID and the SHA-256 of its payload. The first arrival is stored;
a repeat with the same digest gets the same acknowledgement; a different digest under the same UUID is
refused (conflict). Each record in a batch is answered on its own.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
from contextlib import contextmanager

from fastapi import Depends, FastAPI, Header, HTTPException, Response
from pydantic import BaseModel, Field
from sqlalchemy import create_engine, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from station.domain.audit_chain import verify_chain
from station.domain.nik import InvalidNik, parse_nik
from station.domain.payload import payload_digest, sha256_hex
from station.domain.values import VALUE_LISTS
from station.quality.config import GateConfig
from station.resources import resource
from sync.server.models import Base, BlobRow, CentralAuditRow, CentralRecordRow, StationRow

API = "/v1"
REGIONS_FILE = resource("wilayah.tsv.gz")


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


class _AuditView:
    """An uploaded entry seen as the station's audit row, to re-check its hash with the same code."""

    def __init__(self, e: AuditEntry) -> None:
        self.id, self.at, self.actor, self.action = e.seq, e.at, e.actor, e.action
        self.record_uuid, self.detail, self.prev_hash, self.hash = e.record_uuid, e.detail, e.prev_hash, e.hash


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def store_record(s: Session, station_id: str, r: RecordIn) -> RecordAck:
    """Store one record once (the whole idempotency rule); shared by uploads and bundle imports."""
    try:
        photos = {k: base64.b64decode(v, validate=True) for k, v in r.photos.items()}
    except ValueError:
        return RecordAck(uuid=r.uuid, outcome="rejected", reason="foto tidak terbaca (base64)")
    hashes = {k: sha256_hex(v) for k, v in photos.items()}
    if payload_digest(r.uuid, r.biodata, r.quality, hashes) != r.payload_sha256:
        return RecordAck(uuid=r.uuid, outcome="rejected", reason="SHA-256 isi rekaman tidak cocok (rusak di jalan)")
    existing = s.get(CentralRecordRow, r.uuid)
    if existing is not None:
        if existing.payload_sha256 == r.payload_sha256:
            return RecordAck(
                uuid=r.uuid,
                outcome="repeat",
                ack_id=existing.ack_id,
                status=existing.status,
                reason=existing.reason,
            )
        return RecordAck(uuid=r.uuid, outcome="conflict", reason="UUID sudah dipakai rekaman lain (isi berbeda)")
    status, reason = "received", None
    nik = str(r.biodata.get("nik", ""))
    try:
        parse_nik(nik)
    except InvalidNik as err:
        status, reason = "rejected", str(err)
    if "crop" not in photos:
        status, reason = "rejected", "foto KTP tidak ada"
    if status == "received" and s.scalar(select(CentralRecordRow.uuid).where(CentralRecordRow.nik == nik).limit(1)):
        status = "duplicate_nik"  # stored, flagged for the central office to resolve
    for sha, data in zip(hashes.values(), photos.values(), strict=True):
        if s.get(BlobRow, sha) is None:
            s.add(BlobRow(sha256=sha, data=data))
    ack = "ACK-" + r.uuid[:8] + "-" + r.payload_sha256[:12]
    s.add(
        CentralRecordRow(
            uuid=r.uuid,
            station_id=station_id,
            payload_sha256=r.payload_sha256,
            nik=nik[:16],
            payload=json.dumps(
                {
                    "biodata": r.biodata,
                    "quality": r.quality,
                    "photos": hashes,
                    "created_at": r.created_at,
                    "operator": r.operator,
                }
            ),
            ack_id=ack,
            received_at=now(),
            status=status,
            reason=reason,
        )
    )
    s.flush()
    return RecordAck(
        uuid=r.uuid,
        outcome="rejected" if status == "rejected" else "stored",
        ack_id=ack,
        status=status,
        reason=reason,
    )


def create_app(database_url: str = "sqlite:///central.db", registration_codes: tuple[str, ...] = ()) -> FastAPI:
    engine = create_engine(database_url, pool_pre_ping=True)
    if database_url.startswith("sqlite"):

        @event.listens_for(engine, "connect")
        def _sqlite(dbapi_conn, _):
            dbapi_conn.execute("PRAGMA journal_mode=WAL")
            dbapi_conn.execute("PRAGMA synchronous=FULL")
            dbapi_conn.execute("PRAGMA busy_timeout=10000")
            dbapi_conn.execute("PRAGMA foreign_keys=ON")

    Base.metadata.create_all(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    app = FastAPI(title="Disdukcapil central API for e-KTP recording stations", version="1.0.0")

    @contextmanager
    def unit():
        with sessions.begin() as s:
            yield s

    def station_of(authorization: str = Header(default="")) -> str:
        if not authorization.startswith("Bearer "):
            raise HTTPException(401, "missing station key")
        digest = hashlib.sha256(authorization[7:].encode()).hexdigest()
        with unit() as s:
            row = s.scalar(select(StationRow).where(StationRow.key_sha256 == digest))
        if row is None:
            raise HTTPException(401, "unknown station key")
        return row.station_id

    @app.get(f"{API}/health")
    def health() -> dict:
        """Connectivity probe: cheap, no authentication."""
        return {"ok": True, "time": now()}

    @app.post(f"{API}/stations", response_model=StationKey, status_code=201)
    def register(body: Registration) -> StationKey:
        if not any(hmac.compare_digest(body.registration_code, c) for c in registration_codes):
            raise HTTPException(403, "registration code not valid")
        key = secrets.token_urlsafe(32)
        with unit() as s:
            row = s.get(StationRow, body.station_id)
            if row is None:
                s.add(
                    StationRow(
                        station_id=body.station_id,
                        kecamatan=body.kecamatan,
                        key_sha256=hashlib.sha256(key.encode()).hexdigest(),
                        registered_at=now(),
                        signing_public_key=body.signing_public_key,
                    )
                )
            else:  # re-registration with a valid code rotates the key
                row.key_sha256 = hashlib.sha256(key.encode()).hexdigest()
                row.signing_public_key = body.signing_public_key or row.signing_public_key
        return StationKey(station_id=body.station_id, station_key=key)

    @app.post(f"{API}/records", response_model=BatchAck)
    def upload(batch: Batch, station_id: str = Depends(station_of)) -> BatchAck:
        """Store a batch; each record is answered on its own and committed before the answer leaves."""
        results = []
        for r in batch.records:
            for _ in range(3):  # two stations racing on the same UUID: the loser re-reads and answers
                try:
                    with unit() as s:
                        results.append(store_record(s, station_id, r))
                    break
                except IntegrityError:
                    continue
            else:
                raise HTTPException(503, "busy, try again")
        return BatchAck(results=results)

    @app.post(f"{API}/audit", response_model=AuditAck)
    def upload_audit(batch: AuditBatch, station_id: str = Depends(station_of)) -> AuditAck:
        """A station's hash-chained audit entries travel with its records; a repeat is stored once."""
        stored, chain_ok, upto = 0, True, 0
        with unit() as s:
            for e in sorted(batch.entries, key=lambda e: e.seq):
                upto = max(upto, e.seq)
                if s.get(CentralAuditRow, (station_id, e.seq)) is not None:
                    continue
                before = s.get(CentralAuditRow, (station_id, e.seq - 1))
                continues = before is None or before.hash == e.prev_hash
                if not continues or not verify_chain([_AuditView(e)], e.prev_hash).ok:
                    chain_ok = False
                s.add(CentralAuditRow(station_id=station_id, **e.model_dump()))
                stored += 1
        return AuditAck(stored=stored, upto=upto, chain_ok=chain_ok)

    @app.post(f"{API}/records/status", response_model=list[RecordStatusOut])
    def record_statuses(uuids: list[str], station_id: str = Depends(station_of)) -> list[RecordStatusOut]:
        """Where this station's records stand now (received, duplicate_nik, rejected, printed), in one call."""
        with unit() as s:
            rows = s.scalars(
                select(CentralRecordRow).where(
                    CentralRecordRow.uuid.in_(uuids[:1000]), CentralRecordRow.station_id == station_id
                )
            )
            return [
                RecordStatusOut(
                    uuid=r.uuid, status=r.status, reason=r.reason, ack_id=r.ack_id, received_at=r.received_at
                )
                for r in rows
            ]

    @app.get(f"{API}/records/{{uuid}}", response_model=RecordStatusOut)
    def record_status(uuid: str, station_id: str = Depends(station_of)) -> RecordStatusOut:
        with unit() as s:
            row = s.get(CentralRecordRow, uuid)
            if row is None or row.station_id != station_id:
                raise HTTPException(404, "not received")
            return RecordStatusOut(
                uuid=row.uuid, status=row.status, reason=row.reason, ack_id=row.ack_id, received_at=row.received_at
            )

    @app.get(f"{API}/master/regions", response_class=Response, responses={200: {"content": {"application/gzip": {}}}})
    def master_regions(_: str = Depends(station_of)) -> Response:
        """Region codes as a gzipped TSV, the format of the station's resources/wilayah.tsv.gz; a station
        saves it as DATA_DIR/master/wilayah.tsv.gz. The ETag is its SHA-256."""
        data = REGIONS_FILE.read_bytes()
        return Response(data, media_type="application/gzip", headers={"ETag": sha256_hex(data)})

    @app.get(f"{API}/master/values")
    def master_values(_: str = Depends(station_of)) -> dict:
        return {name: list(v) for name, v in VALUE_LISTS.items()}

    @app.get(f"{API}/master/quality")
    def master_quality(_: str = Depends(station_of)) -> dict:
        return GateConfig().to_dict()

    app.state.engine = engine
    return app
