"""What a client sends: files as multipart uploads or as JSON with Base64 content, and the options.

A client never names a file on this machine: `name` is only a label (its last path part is kept, to
show in results and to tell a PDF from an image), the bytes always come from the request. Unknown JSON
fields (a "path", say) are refused with 422.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from fastapi import HTTPException, Request, status
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from alyesdesk.api.config import ApiConfig

MAX_NAME_BYTES = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_MAGIC = ((b"%PDF", ".pdf"), (b"II*\x00", ".tif"), (b"MM\x00*", ".tif"))


class FileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field("upload", max_length=1024, description="a label shown in the result; never opened")
    content: str = Field(description="the file's bytes, Base64 (a data: URL prefix is accepted)")


class AnalyzeIn(BaseModel):
    """The JSON form of POST /v1/classify, /v1/check-docs and /v1/segment."""

    model_config = ConfigDict(extra="forbid")
    files: list[FileIn] = Field(min_length=1)
    model: str | None = Field(None, description="a model name or name@version from GET /v1/models")
    region: str | None = Field(None, description="classify: bin nomenclature region id")
    top: int | None = Field(None, ge=1, le=100, description="classify: labels listed per file")
    expected: int | None = Field(None, ge=0, le=1000, description="check-docs: signatures each document must carry")
    labels_png: bool = Field(False, description="segment: also return the label PNG (Base64)")


OPTION_NAMES = ("model", "region", "top", "expected", "labels_png")


@dataclass
class Upload:
    name: str  # a bare file name, safe to use inside a private folder
    data: bytes | None  # None when the content could not be decoded (see `error`)
    error: str | None = None


@dataclass
class Parsed:
    uploads: list[Upload]
    options: dict[str, Any] = field(default_factory=dict)


def safe_name(name: str | None, data: bytes | None = None) -> str:
    """The last part of `name`, printable, at most 200 bytes; the suffix a PDF or TIFF needs is added
    when the name lacks it.
    """
    text = _CONTROL.sub("", str(name or "")).replace("\\", "/")
    base = PurePosixPath(text).name.strip() if text.strip("/") else ""
    if base in ("", ".", ".."):
        base = "upload"
    while len(base.encode("utf-8")) > MAX_NAME_BYTES:
        stem, dot, suffix = base.rpartition(".")
        base = (stem[:-1] + dot + suffix) if dot and len(suffix) < 16 and stem else base[:-1]
    for magic, suffix in _MAGIC:
        if data is not None and data.startswith(magic) and not base.lower().endswith((suffix, ".tiff")):
            base += suffix
    return base


def _too_large(detail: str) -> HTTPException:
    return HTTPException(413, detail)


def _check_count(n: int, config: ApiConfig) -> None:
    if n > config.max_files:
        raise _too_large(f"{n} files in one request; this server takes at most {config.max_files}")
    if n == 0:
        raise HTTPException(422, "no file in the request (field 'files')")


def _check_size(name: str, size: int, config: ApiConfig) -> None:
    if size > config.max_file_bytes:
        raise _too_large(f"{name}: {size} bytes, over this server's limit of {config.max_file_bytes} per file")


def decode_base64(content: str) -> bytes:
    if content.startswith("data:") and "," in content[:200]:
        content = content.split(",", 1)[1]
    return base64.b64decode("".join(content.split()), validate=True)


async def parse(request: Request, config: ApiConfig) -> Parsed:
    """The uploads and options of a request, multipart (`files` parts + form fields) or JSON."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        return await _multipart(request, config)
    if kind in ("application/json", ""):
        return _json(await request.body(), config)
    raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
                        "send multipart/form-data (files) or application/json (files with Base64 content)")


def _json(body: bytes, config: ApiConfig) -> Parsed:
    try:
        data = AnalyzeIn.model_validate_json(body)
    except ValidationError as exc:
        raise HTTPException(422,
                            exc.errors(include_url=False, include_context=False, include_input=False)) from None
    _check_count(len(data.files), config)
    uploads = []
    for item in data.files:
        if len(item.content) * 3 // 4 > config.max_file_bytes + 3:
            _check_size(safe_name(item.name), len(item.content) * 3 // 4, config)
        try:
            raw = decode_base64(item.content)
        except (binascii.Error, ValueError):
            uploads.append(Upload(safe_name(item.name), None, "the content is not valid Base64"))
            continue
        _check_size(safe_name(item.name), len(raw), config)
        uploads.append(Upload(safe_name(item.name, raw), raw))
    options = {k: getattr(data, k) for k in OPTION_NAMES}
    return Parsed(uploads, options)


async def _multipart(request: Request, config: ApiConfig) -> Parsed:
    try:
        form = await request.form(max_files=config.max_files + 1, max_fields=len(OPTION_NAMES) + 8)
    except StarletteHTTPException as exc:  # Starlette's own count limit: still "too many files", so 413
        if "Too many files" in str(exc.detail):
            raise _too_large(f"more than {config.max_files} files in one request") from None
        raise
    try:
        files = [v for k, v in form.multi_items() if k in ("files", "file") and not isinstance(v, str)]
        strays = [k for k, v in form.multi_items() if k not in ("files", "file") + OPTION_NAMES]
        if strays:
            raise HTTPException(422,
                                f"unknown form fields {sorted(set(strays))}; files go in 'files'")
        _check_count(len(files), config)
        uploads = []
        for part in files:
            data = await part.read(config.max_file_bytes + 1)
            _check_size(safe_name(part.filename), len(data), config)
            uploads.append(Upload(safe_name(part.filename, data), data))
        fields = {k: v for k, v in form.multi_items() if k in OPTION_NAMES and isinstance(v, str)}
        return Parsed(uploads, _form_options(fields))
    finally:
        await form.close()


def _form_options(fields: dict[str, str]) -> dict[str, Any]:
    try:
        options = AnalyzeIn.model_validate({"files": [{"content": ""}], **{k: v for k, v in fields.items() if v != ""}})
    except ValidationError as exc:
        raise HTTPException(422,
                            exc.errors(include_url=False, include_context=False, include_input=False)) from None
    return {k: getattr(options, k) for k in OPTION_NAMES}
