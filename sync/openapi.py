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
        "with `Authorization: Bearer <station_key>` over verified TLS. Request bodies are limited before they are "
        "read (64 KB without a station key, 16 MB with one). "
        "Records are uploaded in batches; each record carries its UUID and the SHA-256 of its payload "
        "(station.domain.payload.payload_digest) and is acknowledged on its own: `stored` the first time, "
        "`repeat` (same ack_id) when sent again, `conflict` when a different payload claims a known UUID, "
        "`rejected` with a reason. A record may carry its fingers (ISO/IEC 19794-4 records, their SHA-256s in the "
        "payload digest as `finger_<position>`): it is then searched 1:N against every record held. Status per "
        "record: received (held; without fingers it stays here), print_ready (PRR: no one matched), duplicate "
        "(DUP: `duplicate_of` names the record the fingers matched; an officer resolves it), duplicate_nik, "
        "rejected, printed. The audit trail "
        "is taken only where it continues the station's chain; the answer names the head the centre holds (the "
        "station's anchor). `/v1/master/stations` is the centre-signed list of registered stations and their "
        "signing keys (station.station_list)."
    )
    return spec


def main() -> None:
    OUT.write_text(json.dumps(document(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
