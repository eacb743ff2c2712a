"""The /v1 routes: health (open), models, and the three analyses (token required)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, HTTPException, Request, status

from alyesdesk import __version__
from alyesdesk.api.service import Analyzer, Outcome, UnknownModel
from alyesdesk.api.uploads import parse
from alyesdesk.batch.tasks import OptionError
from alyesdesk.inference.errors import ModelError
from alyesdesk.inference.sidecar import SidecarError

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

ANALYSES = {
    "classify": ("Classify waste photos",
                 "Material, confidence, top labels and bin advice per photo: the objects of `alyesdesk classify "
                 "--json`. Options: `model`, `region`, `top`."),
    "check-docs": ("Check documents for signatures",
                   "Boxes, counts and a verdict per document (images, multi-page TIFF, PDF): the objects of "
                   "`alyesdesk check-docs --json`. Options: `model`, `expected`."),
    "segment": ("Segment street images",
                "Per-category area fractions per image, and with `labels_png: true` the label PNG (one "
                "category index per pixel) as Base64 in `labels_png_base64`. Options: `model`, `labels_png`."),
}

MULTIPART_SCHEMA = {
    "type": "object",
    "required": ["files"],
    "properties": {
        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
        "model": {"type": "string"}, "region": {"type": "string"}, "top": {"type": "integer"},
        "expected": {"type": "integer"}, "labels_png": {"type": "boolean"},
    },
}
REQUEST_BODY = {"requestBody": {"required": True, "content": {
    "multipart/form-data": {"schema": MULTIPART_SCHEMA},
    "application/json": {"schema": {"$ref": "#/components/schemas/AnalyzeIn"}},
}}}
RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "no token, or a wrong one"},
    413: {"description": "the request, a file, or the number of files is over this server's limits"},
    422: {"description": "a bad option (unknown model or region), an unknown field, or no file"},
    504: {"description": "no file was done within the per-request time limit"},
}


def health_router(has_db: bool) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["service"])

    @router.get("/health", summary="Is the server up (no token needed)")
    async def health() -> dict:
        return {"status": "ok", "version": __version__, "stores_results": has_db}

    return router


def api_router(analyzer: Analyzer, auth: Any) -> APIRouter:
    router = APIRouter(prefix="/v1", dependencies=[Depends(auth)], responses={401: RESPONSES[401]})

    @router.get("/models", tags=["service"], summary="Installed models per task")
    async def models() -> dict:
        return analyzer.models()

    for task, (summary, description) in ANALYSES.items():
        router.add_api_route(f"/{task}", _analysis(analyzer, task), methods=["POST"], tags=["analysis"],
                             summary=summary, description=description, openapi_extra=REQUEST_BODY,
                             responses=RESPONSES, name=task)
    return router


def _analysis(analyzer: Analyzer, task: str) -> Callable[[Request], Awaitable[dict]]:  # an endpoint
    async def endpoint(request: Request) -> dict:
        parsed = await parse(request, analyzer.config)
        outcome = await run_analysis(analyzer, task, parsed.uploads, parsed.options)
        ref = outcome.runner.model_ref()
        return {"task": task, "model": {"name": ref.name, "version": ref.version, "sha256": ref.sha256},
                "results": outcome.records}

    endpoint.__name__ = f"post_{task.replace('-', '_')}"
    return endpoint


async def run_analysis(analyzer: Analyzer, task: str, uploads: list, options: dict) -> Outcome:
    """`Analyzer.analyze` with its errors as HTTP answers."""
    try:
        outcome = await analyzer.analyze(task, uploads, options)
    except (UnknownModel, OptionError) as exc:
        raise HTTPException(422, str(exc)) from None
    except (ModelError, SidecarError) as exc:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, f"the model cannot be used: {exc}") from None
    if outcome.records and outcome.timed_out == len(outcome.records):
        raise HTTPException(status.HTTP_504_GATEWAY_TIMEOUT,
                            f"nothing was done within {analyzer.config.timeout_s:g} s; send fewer or smaller files")
    return outcome
