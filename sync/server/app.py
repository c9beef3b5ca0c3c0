"""The central API: an engine, a session factory, and the routes (sync/server/routes). Stateless between
requests, so it can run as many processes behind a load balancer. sync/openapi.json is generated from it."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker

from sync.server.db import open_engine
from sync.server.deps import Central
from sync.server.dinas import routes as dinas
from sync.server.limits import BodyLimit
from sync.server.routes import audit, blobs, master, records, stations

API = "/v1"


def create_app(
    database_url: str = "sqlite:///central.db", secrets_path: str | Path = "central-secrets.json"
) -> FastAPI:
    """The API on this database. The interactive documentation (/docs, /redoc, /openapi.json) is not served: the
    API is described in sync/openapi.json, and a stranger learns nothing from the server itself."""
    engine = open_engine(database_url)  # migrated to the newest schema (sync/server/migrations)
    app = FastAPI(
        title="Disdukcapil central API for e-KTP recording stations",
        version="1.0.0",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.central = Central(sessionmaker(engine, expire_on_commit=False), Path(secrets_path))
    app.state.engine = engine
    for module in (stations, records, blobs, audit, master):
        app.include_router(module.router, prefix=API)
    app.add_middleware(BodyLimit)  # before any body is read, for every route
    dinas.install(app)  # the Dinas's web pages and the public status page (sync/server/dinas)
    return app
