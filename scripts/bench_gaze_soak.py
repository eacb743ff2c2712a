"""Soak benchmark (not a test): simulated live tracking + recording in the real Gaze tab, for N minutes.

Runs the app's Gaze tab offscreen with the simulated webcam at camera rate (its face follows a moving
point), a calibration fitted on simulated frames, and one recording for the whole run. Every interval it
prints CPU use (process CPU time / wall time, 100% = one core), resident memory, the camera and display
rates, dropped frames and samples written; at the end: memory growth since recording started, and lost
samples (points handed to the writer minus rows in the database). Targets: < 50 MB growth, 0 lost.

    python scripts/bench_gaze_soak.py --minutes 60          # the full soak
    python scripts/bench_gaze_soak.py --minutes 3 --json    # a short run

Numbers are for simulated frames on this machine; they say nothing about accuracy on people.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # gaze_testkit: the simulated calibration used by the tests


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # peak, not current (non-Linux)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--interval", type=float, default=30.0, help="seconds between progress lines")
    parser.add_argument("--fps", type=float, default=30.0, help="simulated camera rate")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)

    from isolated_home import use_isolated_home

    use_isolated_home("alyesdesk-soak-")
    from PySide6.QtCore import QTimer

    from alyesdesk.storage import open_database
    from alyesdesk.ui.gaze import screens as gaze_screens
    from alyesdesk.ui.app import AlyesApplication
    from alyesdesk.ui.context import AppContext
    from alyesdesk.ui.gaze.worker import SourceChoice
    from alyesdesk.ui.gaze.tab import GazeTab
    from gaze_testkit import store_calibration

    app = AlyesApplication([])
    db = open_database()
    tab = GazeTab(AppContext(db))
    tab.resize(1400, 850)
    tab.show()
    screen = tab.current_geometry()
    t0 = time.monotonic()

    def moving_point(_screen=None) -> tuple[float, float]:  # noqa: ANN001 - a slow Lissajous over the screen
        t = time.monotonic() - t0
        return (screen.width_px * (0.5 + 0.4 * math.sin(0.21 * t)),
                screen.height_px * (0.5 + 0.4 * math.sin(0.33 * t + 1.0)))

    gaze_screens.mouse_on = moving_point  # the simulated face follows this instead of the (still) mouse
    store_calibration(db, tab)
    shown = {"frames": 0}
    tab.frame_shown.connect(lambda _f: shown.__setitem__("frames", shown["frames"] + 1))
    tab.start_tracking(SourceChoice("simulated", realtime=True, fps=args.fps))
    state: dict = {"session": None, "written": None}
    tab.recording_started.connect(lambda sid: state.__setitem__("session", sid))
    tab.recording_finished.connect(lambda sid, n: state.__setitem__("written", n))
    lines: list[dict] = []
    marks: dict = {}

    def start_recording() -> None:
        tab.start_recording("soak")
        marks["rss0"] = rss_mb()
        marks["cpu0"], marks["wall0"] = time.process_time(), time.monotonic()
        marks["last"] = (time.process_time(), time.monotonic(), 0, 0)

    def report() -> None:
        worker = tab.live_worker
        if worker is None or "last" not in marks:
            return
        cpu, wall, frames0, shown0 = marks["last"]
        now_cpu, now_wall = time.process_time(), time.monotonic()
        line = {
            "minute": round((now_wall - marks["wall0"]) / 60, 2),
            "cpu_percent": round(100 * (now_cpu - cpu) / max(now_wall - wall, 1e-6), 1),
            "rss_mb": round(rss_mb(), 1),
            "camera_fps": round((worker.stats.frames - frames0) / max(now_wall - wall, 1e-6), 1),
            "display_fps": round((shown["frames"] - shown0) / max(now_wall - wall, 1e-6), 1),
            "dropped": worker.slot.dropped,
            "recorded": worker.stats.recorded,
        }
        marks["last"] = (now_cpu, now_wall, worker.stats.frames, shown["frames"])
        lines.append(line)
        print(json.dumps(line), flush=True)

    def finish() -> None:
        worker = tab.live_worker
        marks["handed"] = worker.stats.recorded if worker else 0
        marks["frames"] = worker.stats.frames if worker else 0
        marks["dropped"] = worker.slot.dropped if worker else 0
        marks["rss1"] = rss_mb()
        marks["cpu1"], marks["wall1"] = time.process_time(), time.monotonic()
        tab.stop_recording()

    QTimer.singleShot(5000, start_recording)  # warm-up: models loaded, caches filled
    ticker = QTimer()
    ticker.timeout.connect(report)
    ticker.start(int(args.interval * 1000))
    QTimer.singleShot(int(5000 + args.minutes * 60_000), finish)
    deadline = time.monotonic() + 5 + args.minutes * 60 + 120
    while state["written"] is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.002)  # a script, not a test: yield the core between event batches
    ticker.stop()
    tab.shutdown()
    rows = len(db.session_samples(state["session"])) if state["session"] else 0
    wall = marks.get("wall1", time.monotonic()) - marks.get("wall0", t0)
    summary = {
        "minutes": round(wall / 60, 2),
        "requested_minutes": args.minutes,
        "cpu_percent_mean": round(100 * (marks.get("cpu1", 0) - marks.get("cpu0", 0)) / max(wall, 1e-6), 1),
        "cpu_count": os.cpu_count(),
        "load_average": list(os.getloadavg()),
        "rss_start_mb": round(marks.get("rss0", 0.0), 1),
        "rss_end_mb": round(marks.get("rss1", 0.0), 1),
        "rss_growth_mb": round(marks.get("rss1", 0.0) - marks.get("rss0", 0.0), 1),
        "frames": marks.get("frames"),
        "dropped_display_frames": marks.get("dropped"),
        "samples_handed_to_writer": marks.get("handed"),
        "samples_written": state["written"],
        "rows_in_database": rows,
        "lost_samples": (marks.get("handed") or 0) - rows,
        "targets": {"rss_growth_mb": "< 50", "lost_samples": 0},
    }
    print(json.dumps(summary, indent=2 if args.json else None))
    db.close()
    return 0 if summary["lost_samples"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
