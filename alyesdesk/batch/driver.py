"""A batch job from the driver's side: expand the inputs, run an engine, store each result, write one
JSON line per input, in input order (whatever the engine, the lines are the same).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from collections.abc import Callable, Iterator

from alyesdesk.batch.store import store_record
from alyesdesk.batch.tasks import STORE, Runner, model_key, open_runner, expand_inputs, runner_class
from alyesdesk.pathtext import absolute, clean_text, display

ENGINES = ("local", "ray")


@dataclass
class BatchSummary:
    total: int = 0
    ok: int = 0
    failed: int = 0
    not_stored: int = 0  # ok results that should have been stored and were not
    not_met: int = 0  # check-docs: documents that are not "signed"
    seconds: float = 0.0
    records: list[dict] = field(default_factory=list)  # kept only when asked (tests)


@dataclass
class BatchJob:
    task: str
    inputs: list[Any]
    engine: str = "local"
    workers: int = 1
    address: str | None = None
    model: Any = None
    options: dict = field(default_factory=dict)

    def runner(self) -> Runner:
        """The task's runner in this process: it checks the model and the options before any worker starts."""
        return open_runner(self.task, self.model, **self.options)


def run_batch(job: BatchJob, out: TextIO, *, db: Any = None, store: bool = True, no_db_reason: str = "",
              on_record: Callable[[dict, int, int], None] | None = None, keep: bool = False) -> BatchSummary:
    """Run `job`, write one JSON line per input to `out` (flushed as each arrives), store ok results in
    `db` when `store`. Raises OptionError/ModelError (bad options or model) before any file is read, and
    ray_engine.MissingExtra when the Ray engine is asked for without Ray.
    """
    started = time.perf_counter()
    entries = expand_inputs(job.task, job.inputs)
    runner = job.runner()
    ref = runner.model_ref()
    summary = BatchSummary(total=len(entries))
    todo = [(i, path) for i, (path, problem) in enumerate(entries) if problem is None]
    results = _engine(job, todo, runner, model_key(ref))
    seen: dict[str, dict] = {}
    for index, (path, problem) in enumerate(entries):
        if problem is not None:
            record = runner_class(job.task).error_record(path, problem, **job.options)
        else:
            got, record = next(results)
            assert got == index, f"engine returned input {got} in place of {index}"
        _finish(job.task, record, path, db if store else None, ref, seen, no_db_reason)
        out.write(clean_text(json.dumps(record, ensure_ascii=False, default=str)) + "\n")
        out.flush()
        _count(summary, job.task, record, store)
        if keep:
            summary.records.append(record)
        if on_record is not None:
            on_record(record, index + 1, len(entries))
    summary.seconds = time.perf_counter() - started
    return summary


def _engine(job: BatchJob, todo: list[tuple[int, Path]], runner: Runner,
            expect: tuple[str, str, str]) -> Iterator[tuple[int, dict]]:
    if job.engine == "ray":
        from alyesdesk.batch.ray_engine import require_ray, run_ray

        require_ray()  # a missing extra fails before the first line is written
        return run_ray(job.task, todo, model=job.model, options=job.options, workers=job.workers,
                       address=job.address, expect_model=expect)
    if job.engine != "local":
        raise ValueError(f"unknown engine {job.engine!r}; expected one of {', '.join(ENGINES)}")
    from alyesdesk.batch.local import run_local

    return run_local(job.task, todo, model=job.model, options=job.options, workers=job.workers, runner=runner)


def _finish(task: str, record: dict, path: Path, db: Any, ref: Any, seen: dict[str, dict], no_db_reason: str) -> None:
    """Store (or not) one record; a photo whose bytes came earlier in the batch shares that result, as
    `alyesdesk classify` does.
    """
    sha = record.get("sha256")
    if task == "classify" and record.get("status") == "ok" and sha in seen:
        first = seen[sha]
        record.pop(STORE, None)
        record["duplicate_of"] = first["path"]
        record["previous_result_id"] = first.get("result_id") or first.get("previous_result_id")
        record["stored"], record["store_error"] = first["stored"], first["store_error"]
        return
    store_record(db, task, record, ref, absolute(path), no_db_reason=no_db_reason or "no database is open")
    if task == "classify" and sha:
        seen[sha] = record


def _count(summary: BatchSummary, task: str, record: dict, store: bool) -> None:
    if record.get("status") == "ok":
        summary.ok += 1
        if store and not record.get("stored"):
            summary.not_stored += 1
    else:
        summary.failed += 1
    if task == "check-docs" and record.get("verdict") != "signed":
        summary.not_met += 1


def describe(record: dict) -> str:
    """One human line per record (stderr progress of `alyesdesk batch`)."""
    where = display(record.get("path") or "?")
    if record.get("status") != "ok":
        return f"{where}: ERROR {record.get('error')}"
    if "label" in record:
        return f"{where}: {record['label']} {record['confidence']:.0%}"
    if "verdict" in record:
        return f"{where}: {str(record['verdict']).replace('_', ' ')} - {record['count']} signature(s)"
    top = sorted((record.get("areas") or {}).items(), key=lambda kv: -kv[1])[:3]
    return f"{where}: " + ", ".join(f"{name} {fraction:.0%}" for name, fraction in top)
