"""`create_app`: the FastAPI application of `alyesdesk serve`.

Every route but `GET /v1/health` needs `Authorization: Bearer TOKEN`. The OpenAPI page (`/docs`) and
schema (`/openapi.json`) stay readable without it, so a browser can show them: they describe the routes
and hold no data (use the page's "Authorize" button to try the routes).
"""

from __future__ import annotations

import contextlib
from typing import Any
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from alyesdesk import __version__
from alyesdesk.api.auth import require_token
from alyesdesk.api.compat import compat_router
from alyesdesk.api.config import ApiConfig
from alyesdesk.api.gaze_stream import GazePublisher, gaze_router
from alyesdesk.api.limits import BodyLimit
from alyesdesk.api.routes import api_router, health_router
from alyesdesk.api.service import Analyzer
from alyesdesk.api.uploads import AnalyzeIn

DESCRIPTION = """The local AlyesDesk API: the desktop app's analyses for other programs on this computer.

Send `Authorization: Bearer TOKEN` (shown by `alyesdesk serve --show-token`) with every request but
`GET /v1/health`. Files go up as multipart (`files`, several allowed) or as JSON with Base64 `content`;
each gets its own result object, the same as the command line's `--json` (a bad file is an error in its
own object, the request still answers 200). Every result is stored in the encrypted database, marked
`source: api`. The live gaze stream is the WebSocket `/v1/gaze` (same token)."""


def create_app(*, token: str, db: Any = None, config: ApiConfig | None = None, pdf_renderer: Any = None,
               gaze: GazePublisher | None = None) -> FastAPI:
    """The API app.

    Parameters
    ----------
    token : the bearer token every route but /v1/health requires.
    db : an open `alyesdesk.storage.Database` where results are stored (None: not stored, each result
        says so).
    config : limits (sizes, files, pages, time, worker threads).
    pdf_renderer : how PDFs become pages (`alyesdesk.commands.check_docs.pdf_renderer()`), called from
        several threads at once; None: PDFs are refused per file.
    gaze : the publisher a tracking loop pushes points into (a fresh, idle one when None).
    """
    if not token:
        raise ValueError("an API token is required")
    config = config or ApiConfig()
    analyzer = Analyzer(db, config, pdf_renderer)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        analyzer.close()

    app = FastAPI(title="AlyesDesk local API", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.analyzer = analyzer
    app.state.gaze = gaze or GazePublisher()
    auth = require_token(token)
    app.include_router(health_router(db is not None))
    app.include_router(api_router(analyzer, auth))
    app.include_router(compat_router(analyzer, auth))
    app.include_router(gaze_router(app.state.gaze, token))
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict:
    """The generated schema plus the JSON request body the analysis routes parse themselves."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        body = AnalyzeIn.model_json_schema(ref_template="#/components/schemas/{model}")
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(body.pop("$defs", {}))
        components["AnalyzeIn"] = body
        app.openapi_schema = schema
    return app.openapi_schema
