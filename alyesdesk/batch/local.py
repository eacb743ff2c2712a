"""The local engine: runners in this process (one worker) or in a pool of local processes, each opening
its model once. Results come back in input order, with a bounded number of files in flight.
"""

from __future__ import annotations

import collections
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Iterator

from alyesdesk.batch.tasks import Runner, open_runner

IN_FLIGHT_PER_WORKER = 4

_runner: Runner | None = None  # the pool process's runner (set by _start)


def _start(task: str, model: Any, options: dict) -> None:
    global _runner
    _runner = open_runner(task, model, **options)


def _run(path: str) -> dict:
    assert _runner is not None, "the pool process was not started"
    return _runner.run(path)


def run_local(task: str, items: Iterable[tuple[int, Path]], *, model: Any = None, options: dict | None = None,
              workers: int = 1, runner: Runner | None = None) -> Iterator[tuple[int, dict]]:
    """(index, record) for every (index, path) of `items`, in the same order.

    One worker runs in this process (with `runner` when given); more use a pool of processes started
    fresh ("spawn": no onnxruntime state is inherited), each with its own model session.
    """
    options = dict(options or {})
    if workers <= 1:
        runner = runner or open_runner(task, model, **options)
        for index, path in items:
            yield index, runner.run(path)
        return
    context = multiprocessing.get_context("spawn")
    window: collections.deque = collections.deque()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(task, model, options)) as pool:
        for index, path in items:
            window.append((index, pool.submit(_run, str(path))))
            if len(window) >= IN_FLIGHT_PER_WORKER * workers:
                done_index, future = window.popleft()
                yield done_index, future.result()
        while window:
            done_index, future = window.popleft()
            yield done_index, future.result()
