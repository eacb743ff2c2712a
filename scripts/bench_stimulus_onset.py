"""Stimulus onset benchmark (not a test): how long from pressing Record to the stimulus's first frame.

Runs the app's Gaze tab (offscreen unless QT_QPA_PLATFORM says otherwise) with the simulated webcam and a
calibration fitted on simulated frames, adds a stimulus (a 4000x3000 photo-sized image, or --stimulus
FILE: an image, PDF or video), and records `--runs` short sessions. For each it measures the time from the
Record call (`GazeTab.start_recording`, what the button runs) to the presenter's `first_frame_shown`
(after its first paint), and checks that the session's samples start at or after that frame and that
their timestamps never go backwards. Target: first frame within 100 ms.

    python scripts/bench_stimulus_onset.py               # 10 runs, a large generated image
    python scripts/bench_stimulus_onset.py --stimulus clip.mp4 --runs 5 --json

Offscreen, "shown" means painted into the window's buffer: a real display adds its compositor's frame
(about one refresh, 7-17 ms) on top.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # gaze_testkit: the simulated calibration used by the tests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--stimulus", help="image, PDF or video file (default: a generated 4000x3000 image)")
    parser.add_argument("--seconds", type=float, default=1.0, help="length of each recording")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)

    from isolated_home import use_isolated_home

    home = use_isolated_home("alyesdesk-onset-")
    import numpy as np
    from sqlalchemy import select

    from alyesdesk.inference.gaze import presentation
    from alyesdesk.storage import open_database
    from alyesdesk.storage.schema import gaze_samples
    from alyesdesk.ui.app import AlyesApplication
    from alyesdesk.ui.context import AppContext
    from alyesdesk.ui.gaze.tab import GazeTab
    from alyesdesk.ui.gaze.worker import SourceChoice
    from gaze_testkit import store_calibration

    app = AlyesApplication([])
    db = open_database()
    tab = GazeTab(AppContext(db))
    stimulus = args.stimulus
    if stimulus is None:
        import cv2

        stimulus = str(Path(home) / "photo.png")
        rng = np.random.default_rng(0)
        cv2.imwrite(stimulus, rng.integers(0, 255, (3000, 4000, 3), np.uint8))
    if tab.studies.add_stimulus_file(stimulus) is None:
        print(f"error: {stimulus} cannot be used as a stimulus", file=sys.stderr)
        return 2
    store_calibration(db, tab)
    tab.start_tracking(SourceChoice("simulated", realtime=True))

    def pump(until: object, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not until() and time.monotonic() < deadline:  # type: ignore[operator]
            app.processEvents()
            time.sleep(0.001)
        return bool(until())  # type: ignore[operator]

    if not pump(lambda: tab.live_worker is not None and tab.live_worker.stats.points >= 5, 120):
        print("error: tracking gave no gaze point", file=sys.stderr)
        return 1
    latencies, problems = [], []
    shown: list[float] = []
    finished: list[int] = []
    tab.studies.stimulus_shown.connect(lambda w: w.first_frame_shown.connect(shown.append))
    tab.recording_finished.connect(lambda sid, _n: finished.append(sid))
    for run in range(args.runs):
        shown.clear()
        finished.clear()
        pressed = presentation.now()
        tab.start_recording(f"onset {run + 1}")
        if not pump(lambda: bool(shown), 10):
            problems.append(f"run {run + 1}: no frame shown")
            break
        latencies.append((shown[0] - pressed) * 1000.0)
        pump(lambda: False, args.seconds)  # record a while
        tab.stop_recording()
        pump(lambda: bool(finished), 30)
        if finished:
            with db.engine.connect() as conn:
                times = [r[0] for r in conn.execute(select(gaze_samples.c.t).where(
                    gaze_samples.c.session_id == finished[0]).order_by(gaze_samples.c.id))]
            if times and times[0] < shown[0]:
                problems.append(f"run {run + 1}: a sample before the first frame")
            if any(b < a for a, b in zip(times, times[1:])):
                problems.append(f"run {run + 1}: timestamps went backwards")
    tab.shutdown()
    db.close()
    summary = {
        "platform": app.platformName(), "stimulus": Path(stimulus).name, "runs": len(latencies),
        "first_frame_ms_median": round(statistics.median(latencies), 1) if latencies else None,
        "first_frame_ms_max": round(max(latencies), 1) if latencies else None,
        "first_frame_ms": [round(v, 1) for v in latencies],
        "target_ms": 100, "problems": problems,
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"first frame after Record: median {summary['first_frame_ms_median']} ms, max "
              f"{summary['first_frame_ms_max']} ms over {len(latencies)} runs ({summary['platform']}, "
              f"{summary['stimulus']}); target < 100 ms; " + ("; ".join(problems) or "samples after the first frame, "
                                                              "timestamps monotonic"))
    return 0 if latencies and not problems and max(latencies) < 100 else 1


if __name__ == "__main__":
    sys.exit(main())
