"""Write sync/openapi.json from the reference server (tests check that the committed file is current).

python -m sync.openapi
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

OUT = Path(__file__).with_name("openapi.json")


def document() -> dict:
    from sync.server.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(f"sqlite:///{tmp}/doc.db")
        spec = app.openapi()
        app.state.engine.dispose()
    spec["info"]["description"] = (
        "Central Disdukcapil API for e-KTP recording stations. Stations register with a one-time code the central "
        "admin issued for their station id (`python -m sync.server issue-code`) and then authenticate every request "
        "with `Authorization: Bearer <station_key>` over verified TLS; a client never follows a redirect. Request "
        "bodies are limited before they are read (64 KB without a station key, 16 MB with one). "
        "A batch goes in two steps: its blobs (photos, ISO/IEC finger and iris "
        "records, the signature image) as bytes, only those `POST /v1/blobs/missing` says the centre lacks, each "
        "resumed from the byte an interrupted upload reached (`POST /v1/blobs`); then the records' own fields "
        "(`POST /v1/records`), naming their blobs by SHA-256. A record is (origin, uuid): it carries its origin "
        "station and the origin's Ed25519 signature over its payload digest (station.domain.payload), is filed "
        "under the origin whoever carries it (network or `import-bundle`), and is answered on its own: `stored` or "
        "`rejected` (with a reason) the first time and the same outcome again on a repeat (`repeat`: true), "
        "`conflict`, `bad_signature`, or `unknown_origin`/`missing_blobs` (send again later). Where a station's "
        "own records stand is a feed read by cursor: `GET /v1/records/changes`. A record whose blobs carry fingers "
        "(`bio_fp_01`..`bio_fp_10`, ISO/IEC 19794-4, position = the number) is searched 1:N against every record "
        "held. Status: received (held; without fingers it stays here), print_ready (PRR: no one matched), "
        "duplicate (DUP: `duplicate_of` names the record the fingers matched; an officer resolves it), rejected, "
        "printed. "
        "The audit trail is taken only where it continues the station's chain; the answer names the head the "
        "centre holds (the station's anchor). `/v1/master/stations` is the centre-signed list of registered "
        "stations and their signing keys (station.station_list)."
    )
    return spec


def main() -> None:
    OUT.write_text(json.dumps(document(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
