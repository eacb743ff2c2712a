"""Background writer for gaze samples: the tracking loop never waits on the disk.

Samples go into an unbounded-in-principle but drained-every-flush queue; a flush is one transaction, so
a crash loses at most `flush_interval` seconds of samples.
"""

from __future__ import annotations

import logging
import queue
import threading
from typing import TYPE_CHECKING
from collections.abc import Callable

if TYPE_CHECKING:
    from alyesdesk.storage.database import Database

log = logging.getLogger(__name__)

Sample = tuple  # t, x, y, confidence, status[, sx, sy, st] (Database.add_samples)
# Maps a screen point to the stimulus: (t, x, y) -> (sx, sy, st) or None. None drops the sample: the
# stimulus is not on screen yet (a presentation records from its first frame, never before it).
StimulusMap = Callable[[float, float, float], "tuple[float, float, float | None] | None"]


class SampleWriter:
    """Collects samples from any thread and writes them in batches on its own thread.

    Parameters
    ----------
    db : Database
    session_id : int
    flush_interval : float
        Seconds between flushes (the most a crash can lose).
    on_error : callable, optional
        Called once with the exception if a write fails; the writer then stops accepting samples.
    to_stimulus : callable, optional
        Called on the caller's thread for each sample (keep it cheap): the point in the stimulus's pixels
        and its video time, stored beside the screen point; None skips the sample (counted in `skipped`).
    """

    def __init__(
        self,
        db: Database,
        session_id: int,
        flush_interval: float = 0.5,
        on_error: Callable[[BaseException], None] | None = None,
        to_stimulus: StimulusMap | None = None,
    ) -> None:
        self._db = db
        self.session_id = session_id
        self._interval = flush_interval
        self._queue: queue.SimpleQueue[Sample] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._on_error = on_error
        self.error: BaseException | None = None
        self.written = 0
        self.skipped = 0  # samples before the stimulus was shown (to_stimulus returned None)
        self._to_stimulus = to_stimulus
        self._thread = threading.Thread(target=self._run, name=f"gaze-samples-{session_id}", daemon=True)
        self._thread.start()

    def add(self, t: float, x: float, y: float, confidence: float, status: str = "ok") -> None:
        if self.error is None and not self._stop.is_set():
            row: Sample = (float(t), float(x), float(y), float(confidence), str(status))
            if self._to_stimulus is not None:
                mapped = self._to_stimulus(float(t), float(x), float(y))
                if mapped is None:
                    self.skipped += 1
                    return
                row += tuple(mapped)
            self._queue.put(row)

    @property
    def pending(self) -> int:
        return self._queue.qsize()

    def _drain(self) -> list[Sample]:
        rows: list[Sample] = []
        while True:
            try:
                rows.append(self._queue.get_nowait())
            except queue.Empty:
                return rows

    def _flush(self) -> None:
        rows = self._drain()
        if not rows:
            return
        try:
            self._db.add_samples(self.session_id, rows)
            self.written += len(rows)
        except Exception as exc:  # keep the app alive; the owner decides what to tell the user
            log.exception("writing gaze samples failed")
            self.error = exc
            if self._on_error:
                self._on_error(exc)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self._flush()
            if self.error is not None:
                return
        self._flush()

    def close(self, end_session: bool = True) -> int:
        """Flush what is left, stop the thread and (by default) close the session; returns rows written."""
        self._stop.set()
        self._thread.join()
        if end_session and self.error is None:
            self._db.end_session(self.session_id)
        return self.written
