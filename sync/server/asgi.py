"""ASGI entry for uvicorn (one app per worker process, configured from the environment).

CENTRAL_FAULTS="500:0.1,503:0.1" makes the upload endpoint answer those codes at those rates before
touching the database: a test mode for the sync client's retries, never for production.
"""

import os
import random

from fastapi import Request
from fastapi.responses import JSONResponse

from sync.server.app import create_app

app = create_app(
    os.environ.get("CENTRAL_DB", "sqlite:///central.db"),
    os.environ.get("CENTRAL_SECRETS", "central-secrets.json"),
)

_faults = [
    (int(code), float(rate))
    for code, rate in (item.split(":") for item in os.environ.get("CENTRAL_FAULTS", "").split(",") if item)
]
if _faults:
    _rng = random.Random(os.getpid())

    @app.middleware("http")
    async def inject_faults(request: Request, call_next):
        if request.method == "POST" and request.url.path.endswith("/records"):
            roll = _rng.random()
            for code, rate in _faults:
                if roll < rate:
                    return JSONResponse({"detail": "injected fault"}, status_code=code)
                roll -= rate
        return await call_next(request)
