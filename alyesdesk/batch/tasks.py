"""One runner per capability: opens its model once, then turns one file into the command's JSON object.

The same `Runner.run` serves `alyesdesk batch` (in this process, a local process pool or a Ray actor)
and the local API (on uploaded bytes written to a private temporary file), so a result never depends on
where it was computed. A runner never stores anything: the record carries what the driver needs to
store it under the private key `STORE` (removed by `alyesdesk.batch.store.store_record`).

The objects are those of `classify --json`, `check-docs --jsonl` and `segment --json` (segment: no
PNG files are written; `labels_png_base64` holds the label PNG when asked for).
"""

from __future__ import annotations

import base64
import hashlib
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from alyesdesk.inference import catalog
from alyesdesk.inference.errors import ImageError, ModelError
from alyesdesk.pathtext import PathLike, json_fields

if TYPE_CHECKING:
    from collections.abc import Iterator

    from alyesdesk.inference.documents.pages import PageItem

TASKS = ("classify", "check-docs", "segment")
MODEL_TASKS = {"classify": "classify", "check-docs": "detect", "segment": "segment"}
STORE = "_store"  # what a driver needs to store a record; never written out
NO_DATABASE = "no database is open"


class OptionError(ValueError):
    """A bad option for a task (an unknown region, a negative expectation): a usage error."""


def model_key(ref: Any) -> tuple[str, str, str]:
    """A ModelRef as a plain, picklable tuple (what a worker checks its own model against)."""
    return (ref.name, ref.version, ref.sha256)


class Runner:
    """Base of the per-task runners; `open` picks the model like the commands' `--model` does."""

    task: ClassVar[str] = ""

    def __init__(self, backend: Any, info: catalog.ModelInfo) -> None:
        self.backend = backend
        self.info = info

    @classmethod
    def open(cls, model: PathLike | catalog.ModelInfo | None = None, *,
             expect_model: tuple[str, str, str] | None = None, **options: Any) -> Runner:
        """`model`: an ONNX path (its sidecar beside it), a catalog entry, or None for the active model.
        `expect_model` (name, version, sha256): refuse a model that is not that one (a worker must run
        exactly the model the driver records).
        """
        if isinstance(model, catalog.ModelInfo):
            backend, info = catalog.open_for_task(MODEL_TASKS[cls.task], info=model)
        else:
            backend, info = catalog.open_for_task(MODEL_TASKS[cls.task], model)
        runner = cls(backend, info, **options)
        if expect_model is not None and model_key(runner.model_ref()) != tuple(expect_model):
            raise ModelError(f"this worker's {info.onnx_path.name} ({model_key(runner.model_ref())}) is not the "
                             f"model the batch was started with ({tuple(expect_model)}); install the same one")
        return runner

    def model_ref(self) -> Any:
        return catalog.model_ref(self.info)

    def run(self, path: PathLike, name: str | None = None, **options: Any) -> dict:
        raise NotImplementedError

    @classmethod
    def error_record(cls, path: PathLike, message: str, **options: Any) -> dict:
        """The record of an input that could not even be opened (no model needed)."""
        raise NotImplementedError


def _named(record: dict, name: str | None) -> dict:
    """Show `name` (an uploaded file's name) in place of the temporary file's path."""
    if name is not None:
        record.update(json_fields(name))
    return record


# --- classify ----------------------------------------------------------------------------------------
class ClassifyRunner(Runner):
    task = "classify"

    def __init__(self, backend: Any, info: catalog.ModelInfo, region: str | None = None, top: int = 3) -> None:
        super().__init__(backend, info)
        self.region, self.top = region, max(1, int(top))
        self._bins: dict[str, Callable | None] = {}
        self.bin_for(region)  # an unknown region fails now, not per file

    def bin_for(self, region: str | None) -> Callable | None:
        from alyesdesk.inference.waste import bins as waste_bins

        key = region or ""
        if key not in self._bins:
            nomenclature = waste_bins.resolve(region)
            if region and (nomenclature is None or nomenclature.region != region):
                known = ", ".join(sorted(waste_bins.load_all()[0])) or "none"
                raise OptionError(f"unknown region '{region}' (known: {known})")
            self._bins[key] = nomenclature.advice if nomenclature is not None else None
        return self._bins[key]

    def run(self, path: PathLike, name: str | None = None, region: str | None = None, top: int | None = None,
            **_: Any) -> dict:
        from alyesdesk.inference.waste.classify import classify_file

        result = classify_file(self.backend, Path(path), bin_for=self.bin_for(region or self.region),
                               top_k=max(1, int(top or self.top)))
        record = _named(result.to_dict(), name)
        if result.ok and result.prediction is not None:
            p = result.prediction
            record[STORE] = {"confidence": float(p.confidence),
                             "probabilities": {k: float(v) for k, v in p.probabilities.items()}}
        return record

    @classmethod
    def error_record(cls, path: PathLike, message: str, **_: Any) -> dict:
        from alyesdesk.inference.waste.classify import NOTHING_TO_STORE, FileResult

        return FileResult(path=Path(path), status="error", error=message, store_error=NOTHING_TO_STORE).to_dict()


# --- check-docs --------------------------------------------------------------------------------------
TIFF_SUFFIXES = (".tif", ".tiff")


def pdf_renderer_from(spec: Any) -> Any:
    """A PDF renderer from what a driver can send to another process: None (no PDF support), a
    renderer, or "module:factory", a function returning one (the CLI's QtPdf renderer is imported
    in the worker itself, so this package never imports Qt).
    """
    if spec is None or callable(spec):
        return spec
    module, _, attr = str(spec).partition(":")
    return getattr(importlib.import_module(module), attr)()


def limit_pages(renderer: Any, max_pages: int | None) -> Any:
    """`renderer` that stops a PDF with more than `max_pages` pages (the whole document is an error)."""
    if renderer is None or not max_pages:
        return renderer

    def limited(path: Path, long_side: int) -> Iterator[PageItem]:
        for n, item in enumerate(renderer(path, long_side)):
            if n >= max_pages:
                raise ImageError(f"{Path(path).name}: more than {max_pages} pages (this server's page limit)")
            yield item

    return limited


class CheckDocsRunner(Runner):
    task = "check-docs"

    def __init__(self, backend: Any, info: catalog.ModelInfo, expected: int = 1, pdf_renderer: Any = None,
                 max_pages: int | None = None) -> None:
        from alyesdesk.inference.documents.check import SignatureChecker

        super().__init__(backend, info)
        self.expected = _expected(expected)
        self.max_pages = max_pages
        self.checker = SignatureChecker(backend, limit_pages(pdf_renderer_from(pdf_renderer), max_pages))

    def run(self, path: PathLike, name: str | None = None, expected: int | None = None,
            should_stop: Callable[[], bool] | None = None, **_: Any) -> dict:
        path = Path(path)
        want = self.expected if expected is None else _expected(expected)
        too_many = self._too_many_pages(path)
        if too_many:
            return _named(self.error_record(path, too_many, expected=want), name)
        doc = self.checker.check(path, want, should_stop=should_stop)
        record = _named(doc.to_dict(), name)
        if doc.status == "ok":
            record[STORE] = {}
        return record

    def _too_many_pages(self, path: Path) -> str | None:
        if not self.max_pages or path.suffix.lower() not in TIFF_SUFFIXES:
            return None  # PDFs are cut by the renderer, other images have one page
        import cv2

        try:
            count = int(cv2.imcount(str(path)))
        except cv2.error:
            return None  # unreadable: the checker says why
        if count > self.max_pages:
            return f"{path.name}: {count} pages, over this server's limit of {self.max_pages}"
        return None

    @classmethod
    def error_record(cls, path: PathLike, message: str, expected: int | None = 1, **_: Any) -> dict:
        from alyesdesk.inference.documents.check import DocumentCheck

        doc = DocumentCheck(path=Path(path), status="error", error=message, expected=1 if expected is None else expected)
        doc.storage_error = "nothing to store: the document could not be checked"
        return doc.to_dict()


def _expected(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise OptionError(f"expected must be a whole number, got {value!r}") from None
    if number < 0:
        raise OptionError(f"expected must be 0 or more, got {number}")
    return number


# --- segment -----------------------------------------------------------------------------------------
class SegmentRunner(Runner):
    task = "segment"

    def run(self, path: PathLike, name: str | None = None, labels_png: bool = False, **_: Any) -> dict:
        from alyesdesk.inference.images import MAX_FILE_BYTES, decode_image
        from alyesdesk.inference.inputs import read_regular_file
        from alyesdesk.inference.streets.overlay import area_fractions, encode_png
        from alyesdesk.inference.streets.video import is_video

        path = Path(path)
        record = self._empty(path, list(self.backend.categories))
        if is_video(path):
            record["error"] = "videos are not handled here: use `alyesdesk segment VIDEO --out DIR`"
            return _named(record, name)
        try:
            data = read_regular_file(path, MAX_FILE_BYTES, "an image")
            seg = self.backend.segment(decode_image(data, path.name))
        except (ImageError, ModelError, ValueError) as exc:
            record["error"] = str(exc)
            return _named(record, name)
        areas = area_fractions(seg.labels, seg.categories)
        width, height = seg.size
        record.update(status="ok", areas={k: round(v, 6) for k, v in areas.items()}, width=width, height=height,
                      sha256=hashlib.sha256(data).hexdigest())
        if labels_png:
            record["labels_png_base64"] = base64.b64encode(encode_png(seg.labels.astype("uint8"))).decode("ascii")
        record[STORE] = {"areas": areas, "width": width, "height": height}
        return _named(record, name)

    @staticmethod
    def _empty(path: PathLike, categories: list[str] | None) -> dict:
        return {**json_fields(path), "status": "error", "error": None, "categories": categories,
                "labels_png": None, "overlay_png": None, "areas": None, "width": None, "height": None,
                "sha256": None, "result_id": None, "stored": False, "store_error": NO_DATABASE}

    @classmethod
    def error_record(cls, path: PathLike, message: str, **_: Any) -> dict:
        record = cls._empty(path, None)
        record["error"] = message
        return record


RUNNERS: dict[str, type[Runner]] = {r.task: r for r in (ClassifyRunner, CheckDocsRunner, SegmentRunner)}


def runner_class(task: str) -> type[Runner]:
    try:
        return RUNNERS[task]
    except KeyError:
        raise OptionError(f"unknown task {task!r}; expected one of {', '.join(TASKS)}") from None


def open_runner(task: str, model: Any = None, **options: Any) -> Runner:
    return runner_class(task).open(model, **options)


def expand_inputs(task: str, items: list[PathLike]) -> list[tuple[Path, str | None]]:
    """The files a task reads from files and folders (recursed, sorted), each with its problem or None."""
    runner_class(task)
    if task == "check-docs":
        from alyesdesk.inference.documents.pages import expand_documents

        return expand_documents(items)
    from alyesdesk.inference.images import IMAGE_SUFFIXES
    from alyesdesk.inference.inputs import expand_files

    return expand_files(items, IMAGE_SUFFIXES)
