"""The work behind the analysis routes: runners (one per model, shared by the worker threads), a thread
pool, the per-request deadline, and storage of every result with `source = api`.

onnxruntime sessions may be run from several threads at once, so each model is opened once and shared
by the pool's threads; the database opens a short transaction per call, from any thread. The PDF
renderer is called from several threads too: the command's (`IsolatedPdfRenderer`) renders each PDF in
its own child process, under its own time and page budgets.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import Callable

from alyesdesk.api.config import ApiConfig
from alyesdesk.api.uploads import Upload
from alyesdesk.batch.store import store_record
from alyesdesk.batch.tasks import MODEL_TASKS, Runner, open_runner, runner_class
from alyesdesk.inference import catalog

SOURCE = "api"


class UnknownModel(LookupError):
    pass


@dataclass
class _Job:
    """One uploaded file: stored by its worker unless the request's deadline expired it first."""

    upload: Upload
    state: str = "running"  # running -> storing | expired
    lock: threading.Lock = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.lock = threading.Lock()

    def claim(self) -> bool:
        with self.lock:
            if self.state == "expired":
                return False
            self.state = "storing"
            return True

    def expire(self) -> bool:
        with self.lock:
            if self.state == "storing":
                return False
            self.state = "expired"
            return True


@dataclass
class Outcome:
    runner: Runner
    records: list[dict]
    timed_out: int = 0  # files not done (nor stored) within the deadline


class Analyzer:
    def __init__(self, db: Any, config: ApiConfig, pdf_renderer: Any = None) -> None:
        self.db = db
        self.config = config
        self.pdf_renderer = pdf_renderer
        self.executor = ThreadPoolExecutor(max(1, config.workers), thread_name_prefix="alyesdesk-api")
        self._runners: dict[tuple, Runner] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)

    # --- models ----------------------------------------------------------------------------------
    def models(self) -> dict:
        found, broken = catalog.scan()
        out = []
        for task, model_task in MODEL_TASKS.items():
            try:
                active = catalog.active_model(model_task).key
            except Exception:  # noqa: BLE001 - no model for this task
                active = None
            out += [{"task": task, "name": m.spec.name, "version": m.spec.version, "key": m.key,
                     "file": m.onnx_path.name, "bundled": m.bundled, "active": m.key == active}
                    for m in found if m.spec.task == model_task]
        return {"models": out, "broken": [{"file": b.sidecar_path.name, "error": b.error} for b in broken]}

    def warm(self) -> list[str]:
        """Open every task's active model now (the first requests are then not slowed); the problems."""
        problems = []
        for task in MODEL_TASKS:
            try:
                self.runner(task, None)
            except Exception as exc:  # noqa: BLE001 - reported; that task's routes answer 503 / 422
                problems.append(f"{task}: {exc}")
        return problems

    def _info(self, task: str, name: str | None) -> catalog.ModelInfo:
        model_task = MODEL_TASKS[task]
        if not name:
            return catalog.active_model(model_task)
        for info in catalog.models_for(model_task):
            if name in (info.key, info.spec.name, info.onnx_path.stem):
                return info
        raise UnknownModel(f"no '{task}' model called {name!r}; GET /v1/models lists them")

    def runner(self, task: str, model: str | None) -> Runner:
        """The task's runner for `model` (a name from /v1/models, never a path), opened once."""
        info = self._info(task, model)
        key = (task, str(info.onnx_path), info.onnx_path.stat().st_mtime)
        with self._lock:
            runner = self._runners.get(key)
            if runner is None:
                options = {"pdf_renderer": self.pdf_renderer, "max_pages": self.config.max_pages} \
                    if task == "check-docs" else {}
                runner = self._runners[key] = open_runner(task, info, **options)
            return runner

    # --- analysis --------------------------------------------------------------------------------
    async def analyze(self, task: str, uploads: list[Upload], options: dict) -> Outcome:
        """One record per upload, in order; each ok one stored (source api) unless the deadline passed."""
        loop = asyncio.get_running_loop()
        deadline = time.monotonic() + self.config.timeout_s
        runner = await loop.run_in_executor(self.executor, self.runner, task, options.get("model"))
        if task == "classify":
            runner.bin_for(options.get("region"))  # an unknown region: OptionError (422) before any file
        ref = runner.model_ref()
        jobs = [_Job(u) for u in uploads]
        futures = [loop.run_in_executor(self.executor, self._one, runner, ref, job, options, deadline) for job in jobs]
        await asyncio.wait(futures, timeout=max(0.0, deadline - time.monotonic()))
        outcome = Outcome(runner, [])
        for job, future in zip(jobs, futures):
            if not future.done() and job.expire():
                future.cancel()
                outcome.records.append(self._timed_out(task, job.upload.name, options))
            else:
                outcome.records.append(await future)
            outcome.timed_out += job.state == "expired"
        return outcome

    def _one(self, runner: Runner, ref: Any, job: _Job, options: dict, deadline: float) -> dict:
        upload, task = job.upload, runner.task
        if upload.data is None:
            return runner_class(task).error_record(upload.name, upload.error or "no content", **_kw(task, options))
        if time.monotonic() > deadline:
            job.expire()
            return self._timed_out(task, upload.name, options)
        with tempfile.TemporaryDirectory(prefix="alyesdesk-api-") as folder:  # private (0700), removed after
            path = Path(folder) / upload.name
            with open(path, "xb") as handle:
                handle.write(upload.data)
            stop: Callable[[], bool] = lambda: time.monotonic() > deadline  # noqa: E731
            record = runner.run(path, name=upload.name, should_stop=stop, **_kw(task, options))
            _forget_hash(path)
        if time.monotonic() > deadline or not job.claim():
            job.expire()
            return self._timed_out(task, upload.name, options)
        store_record(self.db, task, record, ref, f"{SOURCE}:{upload.name}", source=SOURCE)
        return record

    def _timed_out(self, task: str, name: str, options: dict) -> dict:
        message = f"not finished within this server's {self.config.timeout_s:g} s per request: not stored"
        return runner_class(task).error_record(name, message, **_kw(task, options))


def _kw(task: str, options: dict) -> dict:
    """The per-file options a task's runner takes."""
    if task == "classify":
        return {"region": options.get("region"), "top": options.get("top")}
    if task == "check-docs":
        return {"expected": options.get("expected")}
    return {"labels_png": bool(options.get("labels_png"))}


def _forget_hash(path: Path) -> None:
    """The catalog caches file hashes by (path, mtime) for model files; the checker hashes documents
    through it too, and a long-running server must not keep one entry per uploaded temporary file.
    """
    cache = getattr(catalog, "_sha_cache", None)
    if isinstance(cache, dict):
        try:
            cache.pop((str(path.resolve()), os.stat(path).st_mtime), None)
        except OSError:
            pass
