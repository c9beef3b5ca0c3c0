"""Master data for stations: region codes, value lists, the gate's thresholds."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from station.domain.payload import sha256_hex
from station.domain.values import VALUE_LISTS
from station.quality.config import GateConfig
from station.resources import resource
from sync.server.deps import station_of

router = APIRouter()
REGIONS_FILE = resource("wilayah.tsv.gz")


@router.get("/master/regions", response_class=Response, responses={200: {"content": {"application/gzip": {}}}})
def master_regions(_: str = Depends(station_of)) -> Response:
    """Region codes as a gzipped TSV, the format of the station's resources/wilayah.tsv.gz; a station saves it as
    DATA_DIR/master/wilayah.tsv.gz. The ETag is its SHA-256."""
    data = REGIONS_FILE.read_bytes()
    return Response(data, media_type="application/gzip", headers={"ETag": sha256_hex(data)})


@router.get("/master/values")
def master_values(_: str = Depends(station_of)) -> dict:
    return {name: list(v) for name, v in VALUE_LISTS.items()}


@router.get("/master/quality")
def master_quality(_: str = Depends(station_of)) -> dict:
    return GateConfig().to_dict()
