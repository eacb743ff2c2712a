"""The Ray engine (the `scale` extra): Ray Data `map_batches` over the file paths, with a fixed pool of
actors, each a `RunnerActor` holding one runner (one ONNX session) for its whole life.

Files are streamed: the dataset holds only paths, each actor reads its files when it gets them, so the
inputs must be readable at the same path on every node (a local Ray, or a folder shared by the
cluster). Every node needs AlyesDesk (same version) and the same model: each actor checks the model it
opened against the driver's (name, version, sha256) and refuses another. Results come back in input
order (`preserve_order`), as JSON text, and are stored by the driver, never in an actor.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Iterator

MISSING = ('the Ray engine needs the "scale" extra: pip install -c constraints.txt -e ".[scale]" '
           "(or run with --engine local)")
BATCH_SIZE = 2  # files per actor call: small, so slow files spread over the actors


class MissingExtra(RuntimeError):
    """An optional extra is not installed; the message says how to install it."""


def require_ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401 - ray without its data part is not enough
    except ImportError as exc:
        raise MissingExtra(f"{MISSING} ({exc})") from None
    return ray


class RunnerActor:
    """A Ray Data callable class: built once per actor (the model opens here), called per batch."""

    def __init__(self, task: str, model: Any, options: dict, expect_model: tuple[str, str, str]) -> None:
        from alyesdesk.batch.tasks import open_runner

        self.runner = open_runner(task, model, expect_model=expect_model, **options)

    def __call__(self, batch: dict) -> dict:
        import numpy as np

        records = [json.dumps(self.runner.run(os.fsdecode(bytes(path))), ensure_ascii=False, default=str)
                   for path in batch["path"]]
        return {"index": np.asarray(batch["index"]), "record": np.asarray(records, dtype=object)}


def run_ray(task: str, items: Iterable[tuple[int, Path]], *, model: Any = None, options: dict | None = None,
            workers: int = 2, address: str | None = None,
            expect_model: tuple[str, str, str]) -> Iterator[tuple[int, dict]]:
    """(index, record) for every (index, path) of `items`, in the same order.

    `address`: None starts a local Ray for this batch (`workers` CPUs) and stops it after; "auto" joins
    the cluster running on this machine; "ray://HOST:PORT" connects to a remote one (Ray Client).
    """
    ray = require_ray()
    rows = [{"index": int(index), "path": os.fsencode(str(path))} for index, path in items]
    if not rows:
        return
    started = not ray.is_initialized()
    if started:
        _quiet()
        if address is None:
            ray.init(num_cpus=max(1, workers), include_dashboard=False, logging_level=logging.WARNING,
                     log_to_driver=False)
        else:
            ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
    try:
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        dataset = ray.data.from_items(rows).map_batches(
            RunnerActor,
            fn_constructor_kwargs={"task": task, "model": None if model is None else str(model),
                                   "options": dict(options or {}), "expect_model": tuple(expect_model)},
            batch_size=BATCH_SIZE, batch_format="numpy", num_cpus=1,
            compute=ray.data.ActorPoolStrategy(size=max(1, workers)),
        )
        for row in dataset.iter_rows():
            yield int(row["index"]), json.loads(row["record"])
    finally:
        if started:
            ray.shutdown()


def _quiet() -> None:
    """Ray Data logs its progress at INFO on the console: keep the command's output readable."""
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.WARNING)
