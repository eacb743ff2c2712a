"""`alyesdesk gaze record`: record a gaze session without the GUI (a sub-action of `gaze`, added by
`commands/gaze.py`; this module has no `register`, so the CLI does not list it as a command of its own).

    alyesdesk gaze record --source (webcam:N | video:FILE | simulated) --calibration (latest | ID | MODEL.onnx)
        --seconds S --name NAME [--stimulus FILE|screen] [--participant P] [--study S]
        [--path CSV] [--face IMG] [--stream [--port P]] [--json]

Every frame becomes a row (a gaze sample, or a status such as no_face/blink with confidence 0). Frame
times come from the video for video files (a 60 s video is a 60 s session, however fast it ran). A video
stimulus ends the session when it ends, as in the Gaze tab (`ended`: "end of stimulus").
Exit codes: 0 recorded, 1 the recording failed, 2 bad arguments or inputs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from alyesdesk.commands._common import open_db, print_json


def add_parser(sub: argparse._SubParsersAction) -> None:
    rec = sub.add_parser("record", help="record a named gaze session headless (webcam, video file or simulator)")
    rec.add_argument("--source", required=True, metavar="SOURCE",
                     help="webcam:N (camera index), video:FILE, or simulated")
    rec.add_argument("--calibration", default="latest", metavar="CAL",
                     help="latest (default), a stored calibration ID, or a MODEL.onnx with its sidecar")
    rec.add_argument("--seconds", type=float, required=True, metavar="S",
                     help="how long to record (frame time: a video source or stimulus may end it earlier)")
    rec.add_argument("--name", required=True, metavar="NAME", help="the session's name")
    rec.add_argument("--stimulus", metavar="FILE", help="the image or video shown fullscreen, scaled to fit "
                     "(default: the screen itself); samples are also stored in its pixels (and video time); "
                     "a video stimulus ends the session when it ends")
    rec.add_argument("--participant", metavar="P", help="participant label (e.g. P07)")
    rec.add_argument("--study", metavar="S", help="study the session belongs to")
    rec.add_argument("--path", metavar="CSV", help="simulated: where the face looks, rows t,x,y (screen px); "
                     "it looks at (x, y) from t until the next row (default: the 9 calibration points, 1 s each)")
    rec.add_argument("--face", metavar="IMG", help="simulated: face photo (default: the drawn face)")
    rec.add_argument("--fps", type=float, default=30.0, help="simulated: frame rate (default 30)")
    rec.add_argument("--seed", type=int, default=0, help="simulated: seed (default 0)")
    rec.add_argument("--blink-every", type=float, default=None, metavar="S",
                     help="simulated: mean seconds between blinks (0: none; default the simulator's 4 s)")
    rec.add_argument("--stream", action="store_true",
                     help="also publish the points on ws://127.0.0.1:PORT/v1/gaze (needs the serve extra)")
    rec.add_argument("--port", type=int, default=8766, help="port of --stream (default 8766; 0: any free port)")
    rec.add_argument("--json", action="store_true", help="print the summary as JSON")
    rec.set_defaults(func=run)


def _err(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def _parse_source(text: str) -> tuple[str, str]:
    kind, _, rest = text.partition(":")
    if kind == "webcam" and rest.isdigit():
        return kind, rest
    if kind == "video" and rest:
        return kind, rest
    if text == "simulated":
        return kind, ""
    raise ValueError(f"--source {text!r}: use webcam:N, video:FILE or simulated")


def _calibration(db: Any, spec: str) -> tuple[Any, str]:
    """(StoredCalibration, screen key) for latest | ID | MODEL.onnx; ValueError with a readable message."""
    from alyesdesk.inference import safejson
    from alyesdesk.inference.errors import ModelError
    from alyesdesk.inference.gaze.live import StoredCalibration

    try:
        if spec == "latest" or spec.isdigit():
            record = db.latest_calibration() if spec == "latest" else db.calibration(int(spec))
            if record is None:
                raise ValueError("no stored calibration: calibrate in the Gaze tab, or pass --calibration MODEL.onnx"
                                 if spec == "latest" else f"no calibration with id {spec} (see the Gaze tab)")
            return StoredCalibration.from_record(record), str(record["screen"])
        path = Path(spec)
        if not path.is_file():
            raise ValueError(f"--calibration {spec!r}: not 'latest', a calibration id, or an existing .onnx file")
        sidecar = safejson.loads(safejson.read_text(path.with_suffix(".json"), 4 * 1024 * 1024))
        if not isinstance(sidecar, dict):
            raise ValueError(f"{path.with_suffix('.json').name}: the sidecar is not a JSON object")
        return StoredCalibration(path.read_bytes(), sidecar), f"model:{path.name}"
    except (ModelError, OSError, safejson.UntrustedJsonError) as exc:
        raise ValueError(f"the calibration cannot be used: {exc}") from None


def _make_source(kind: str, value: str, args: argparse.Namespace, screen: Any) -> tuple[Any, bool]:
    from alyesdesk.inference.gaze import sources

    if kind == "webcam":
        return sources.WebcamSource(int(value)), True
    if kind == "video":
        return sources.VideoFileSource(value), False
    from alyesdesk.inference.gaze import targets as T
    from alyesdesk.inference.gaze.headless import GazePath, PathSimulatedSource, load_path
    from alyesdesk.inference.gaze.simconfig import SimConfig
    from alyesdesk.inference.gaze.simulator import make_simulator

    if args.path:
        path = load_path(args.path)
    else:
        tour = T.nine_point(screen)
        count = max(1, int(args.seconds) + 1)
        path = GazePath(tuple(float(i) for i in range(count)), tuple(tour[i % len(tour)] for i in range(count)))
    config = SimConfig(screen=screen)
    if args.blink_every is not None:
        config.blink_every_s = max(0.0, args.blink_every)
    return PathSimulatedSource(make_simulator(args.face, config, args.seed), path, args.fps), False


VIDEO_SUFFIXES = (".mp4", ".avi", ".mov", ".mkv", ".webm", ".m4v")


def _stimulus(args: argparse.Namespace, screen: Any) -> tuple[str | None, Any, float | None]:
    """(name, placement, video seconds) of --stimulus: an image or a video shown fullscreen (scaled to
    fit), the seconds None unless it is a video; (None, identity placement, None) for the screen itself.
    """
    from alyesdesk.inference.gaze.aoi import SCREEN, Placement
    from alyesdesk.inference.gaze.headless import stimulus_size, video_duration, video_size

    if not args.stimulus or args.stimulus == SCREEN:
        return None, Placement.identity(screen.width_px, screen.height_px), None
    path = Path(args.stimulus)
    if not path.is_file():
        raise ValueError(f"stimulus not found: {args.stimulus}")
    video = path.suffix.lower() in VIDEO_SUFFIXES
    w, h = video_size(path) if video else stimulus_size(path)
    return path.name, Placement.fit(w, h, screen.width_px, screen.height_px), video_duration(path) if video else None


def _start_stream(db: Any, port: int) -> Any:
    """The gaze stream server, or None (with a warning) when the serve extra is missing."""
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401

        from alyesdesk.api.gaze_stream import GazeStreamServer
        from alyesdesk.api.token import api_token
    except ImportError as exc:
        print(f"warning: --stream skipped: the serve extra is not installed ({exc}); "
              "pip install alyesdesk[serve]", file=sys.stderr)
        return None
    server = GazeStreamServer(api_token(db), port=port).start()
    print(f"streaming gaze points on {server.url} (token: alyesdesk serve --show-token)", file=sys.stderr)
    return server


def run(args: argparse.Namespace) -> int:
    from alyesdesk.inference.errors import ImageError
    from alyesdesk.inference.gaze.frontends import make_frontend
    from alyesdesk.inference.gaze.headless import PathError, record
    from alyesdesk.inference.gaze.pipeline import GazePipeline
    from alyesdesk.inference.gaze.presentation import StimulusMapping
    from alyesdesk.inference.gaze.simconfig import SimulatorError
    from alyesdesk.inference.gaze.sources import CameraError
    from alyesdesk.storage.samples import SampleWriter

    name = args.name.strip()
    if not name or not args.seconds > 0 or not args.fps > 0:
        _err("--name must not be empty, --seconds and --fps must be > 0")
        return 2
    try:
        kind, value = _parse_source(args.source)
    except ValueError as exc:
        _err(str(exc))
        return 2
    db = open_db(required=True)
    try:
        model, screen_key = _calibration(db, args.calibration)
        stimulus, placement, video_s = _stimulus(args, model.screen)
        source, live = _make_source(kind, value, args, model.screen)
        source.open()
    except (ValueError, PathError, SimulatorError, ImageError, CameraError, OSError) as exc:
        _err(str(exc))
        return 2
    frontend = make_frontend(model.frontend)
    pipeline = GazePipeline(frontend, model, model.screen)
    server = _start_stream(db, args.port) if args.stream else None
    started_at = time.time()
    session_id = db.create_session(name, screen_key, model.screen.to_dict(), None, model.calibration_id,
                                   participant=args.participant, study=args.study, stimulus=stimulus,
                                   stimulus_geometry=placement.to_dict() if stimulus else None, started_at=started_at)
    # Every row also in stimulus px (a video stimulus: its time, taken as playing from the session's start).
    writer = SampleWriter(db, session_id, to_stimulus=StimulusMapping(placement, video=video_s is not None,
                                                                         onset=started_at, drop_before_onset=False))
    publish = server.publisher.publish if server is not None else None
    # A session over a video lasts as long as the video (the GUI stops when its last frame is up).
    seconds = args.seconds if video_s is None else min(args.seconds, video_s)
    try:
        stats = record(source, pipeline, seconds, writer.add, started_at=started_at, live=live, publish=publish)
        if stats.ended == "duration" and seconds < args.seconds:
            stats.ended = "end of stimulus"
    except KeyboardInterrupt:
        stats = None
    finally:
        source.close()
        frontend.close()
        written = writer.close()
        if server is not None:
            server.stop()
    if writer.error is not None:
        _err(f"samples could not be stored: {writer.error}")
        return 1
    summary = {"session_id": session_id, "name": name, "written": written,
               **(stats.to_dict() if stats else {"ended": "interrupted"})}
    if args.json:
        print_json(summary)
    elif stats is not None:
        print(f"recorded session {session_id} '{name}': {stats.frames} frames, {stats.samples} gaze samples "
              f"({', '.join(f'{k} {v}' for k, v in sorted(stats.statuses.items()))}), {stats.media_s:.1f} s of "
              f"{'camera' if live else 'video'} time in {stats.wall_s:.1f} s ({stats.speed:.2f}x real time); "
              f"ended: {stats.ended}" + (f" ({stats.error})" if stats.error else ""))
    else:
        print(f"interrupted: session {session_id} '{name}' kept with {written} rows")
    return 1 if stats is not None and stats.frames == 0 else 0
