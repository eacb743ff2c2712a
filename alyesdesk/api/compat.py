"""`POST /predict`: the original signature-detection prototype's contract, kept so its clients work.

In: `{"image": "<Base64 image>"}`. Out: `{"boxes": [[x, y, w, h], ...], "count": N}` (pixels of the
image, top-left corner and size, confident signatures only) plus `scores` and `verdict`. It runs the
same check as `POST /v1/check-docs` (expecting one signature) and stores the result the same way.
New clients should use `/v1/check-docs`.
"""

from __future__ import annotations

import binascii
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel, ConfigDict, Field

from alyesdesk.api.routes import RESPONSES, run_analysis
from alyesdesk.api.service import Analyzer
from alyesdesk.api.uploads import Upload, decode_base64, safe_name


class PredictIn(BaseModel):
    model_config = ConfigDict(extra="ignore")  # the prototype's clients may send more
    image: str = Field(description="the image, Base64 (a data: URL prefix is accepted)")


class PredictOut(BaseModel):
    boxes: list[list[int]] = Field(description="confident signatures as [x, y, w, h] in image pixels")
    count: int
    scores: list[float]
    verdict: str | None


def compat_router(analyzer: Analyzer, auth: Any) -> APIRouter:
    router = APIRouter(dependencies=[Depends(auth)], tags=["compatibility"])

    @router.post("/predict", response_model=PredictOut, responses={**RESPONSES, 400: {"description": "not an image"}},
                 summary="Signature detection, the original prototype's contract (compatibility route)")
    async def predict(body: PredictIn) -> PredictOut:
        try:
            data = decode_base64(body.image)
        except (binascii.Error, ValueError):
            raise HTTPException(status.HTTP_400_BAD_REQUEST, "image: not valid Base64") from None
        if len(data) > analyzer.config.max_file_bytes:
            raise HTTPException(413,
                                f"image: over this server's limit of {analyzer.config.max_file_bytes} bytes")
        outcome = await run_analysis(analyzer, "check-docs", [Upload(safe_name("image", data), data)], {"expected": 1})
        record = outcome.records[0]
        if record["status"] != "ok":
            raise HTTPException(status.HTTP_400_BAD_REQUEST, record["error"])
        kept = [b for page in record["pages"] for b in page["boxes"] if not b["review"]]
        return PredictOut(
            boxes=[[round(b["x1"]), round(b["y1"]), round(b["x2"] - b["x1"]), round(b["y2"] - b["y1"])] for b in kept],
            count=record["count"], scores=[b["score"] for b in kept], verdict=record["verdict"],
        )

    return router
