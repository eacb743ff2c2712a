"""`alyesdesk segment PATH... --out DIR [--json]`: street segmentation of images (and videos) headless.

Per image: `<name>_labels.png` (category index per pixel, same size as the input), `<name>_color.png`
and `<name>_overlay.png`. Per video: `<name>_overlay.mp4`. `<name>` is the input's stem, made unique
within the run (a/x.jpg and b/x.jpg give `x_...` and `x-2_...`); the JSON names every file written.
Each result (image or video) is stored in the encrypted database unless --no-store. Bad inputs get
status "error" and a reason; the others still run.

Exit codes: 0 every input was segmented and stored; 1 some inputs failed; 2 usage errors (no model,
unknown category, --out cannot be written, no inputs); 4 some results could not be stored in the
database (a full disk, a read-only or damaged database, a wrong passphrase: fix it and run again).
2 wins over 4, and 4 over 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alyesdesk.commands._common import (
    EXIT_NOT_STORED,
    open_db_for_results,
    print_json,
    report_not_stored,
    say,
    write_failed,
)
from alyesdesk.fileio import check_writable
from alyesdesk.inference import catalog
from alyesdesk.inference.errors import ImageError, ModelError
from alyesdesk.inference.images import IMAGE_SUFFIXES, read_image
from alyesdesk.inference.inputs import expand_files
from alyesdesk.inference.sidecar import SidecarError
from alyesdesk.inference.streets.overlay import render, write_image_outputs
from alyesdesk.inference.streets.video import (
    VIDEO_SUFFIXES,
    Cancelled,
    VideoError,
    export_overlay_video,
    is_video,
)
from alyesdesk.pathtext import absolute, display, json_fields

if TYPE_CHECKING:
    import numpy as np

    from alyesdesk.inference.backend import ModelBackend
    from alyesdesk.inference.catalog import ModelInfo

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
NOTHING_TO_STORE = "nothing to store: the input could not be segmented"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "segment",
        help="segment street scenes into categories (images or videos)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="images, videos or folders")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for the PNG/MP4 outputs")
    parser.add_argument("--json", action="store_true", help="print a JSON list of per-input results")
    parser.add_argument("--opacity", type=float, default=0.5, help="overlay opacity 0..1 (default 0.5)")
    parser.add_argument("--hide", nargs="*", default=[], metavar="CATEGORY", help="categories left uncoloured")
    parser.add_argument("--model", type=Path, help="an ONNX segmenter with its sidecar (default: active model)")
    parser.add_argument("--no-store", action="store_true",
                        help='do not save results in the database (each says stored: false, "not asked")')
    parser.set_defaults(func=run)


def _load(args: argparse.Namespace) -> tuple[ModelBackend, ModelInfo]:  # a Segmenter and its info
    return catalog.open_for_task("segment", args.model)


def _prepare_out(folder: Path) -> bool:
    """Make --out now: a folder that cannot be written is one clear error, not one per input."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        check_writable(folder / "output.png")
    except OSError as exc:
        write_failed(exc, folder)
        return False
    return True


def run(args: argparse.Namespace) -> int:
    try:
        backend, info = _load(args)
    except (ModelError, SidecarError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    categories = list(backend.categories)
    unknown = [name for name in args.hide if name not in categories]
    if unknown:
        print(f"error: unknown categories {unknown}; this model has {categories}", file=sys.stderr)
        return EXIT_USAGE
    entries = expand_files(args.paths, IMAGE_SUFFIXES + VIDEO_SUFFIXES)
    if not entries:
        print("error: no inputs", file=sys.stderr)
        return EXIT_USAGE
    if not _prepare_out(args.out):
        return EXIT_USAGE
    enabled = [name not in args.hide for name in categories]
    db, no_db_reason = open_db_for_results(args.no_store)
    model_ref = catalog.model_ref(info) if db is not None else None
    results = []
    used_names: set[str] = set()
    try:
        for path, problem in entries:
            record = _segment(path, problem, args, backend, enabled, categories, used_names)
            _store(db, record, path, model_ref, no_db_reason)
            results.append(record)
            if not args.json:
                _print_line(record, args.no_store)
    finally:
        if db is not None:
            db.close()
    if args.json:
        print_json(results)
    unsaved = 0 if args.no_store else sum(1 for r in results if r["status"] == "ok" and not r["stored"])
    report_not_stored(unsaved, args.no_store)
    if unsaved:
        return EXIT_NOT_STORED
    return EXIT_OK if all(r["status"] == "ok" for r in results) else EXIT_FAILED


def _segment(path: Path, problem: str | None, args: argparse.Namespace, backend: Any, enabled: list[bool],
             categories: list[str], used_names: set[str]) -> dict:
    """One input's record: status, outputs, areas (and, under "_" keys, what storing needs)."""
    record: dict[str, Any] = {**json_fields(path), "status": "error", "error": problem, "categories": categories,
                              "output_name": None, "labels_png": None, "color_png": None, "overlay_png": None,
                              "overlay_mp4": None, "areas": None, "result_id": None, "stored": False,
                              "store_error": NOTHING_TO_STORE}
    if problem is not None:
        return record
    name = unique_name(path.stem, used_names)
    try:
        if is_video(path):
            record.update(_video(path, name, args, backend, enabled))
        else:
            record.update(_image(path, name, args, backend, enabled))
        record["status"], record["error"], record["output_name"] = "ok", None, display(name)
    except (ImageError, VideoError, ModelError, Cancelled, OSError, ValueError) as exc:
        record["error"] = str(exc)
    return record


def unique_name(stem: str, used: set[str]) -> str:
    """`stem`, or `stem-2`, `stem-3`...: the first not used in this run (compared case-insensitively,
    as macOS and Windows compare file names), so no input overwrites another's outputs.
    """
    candidate, n = stem, 1
    while candidate.casefold() in used:
        n += 1
        candidate = f"{stem}-{n}"
    used.add(candidate.casefold())
    return candidate


def _image(path: Path, name: str, args: argparse.Namespace, backend: Any, enabled: list[bool]) -> dict:
    image = read_image(path)
    seg = backend.segment(image)
    written = write_image_outputs(args.out, name, image, seg.labels, seg.colours, args.opacity, enabled)
    _, areas = render(image, seg.labels, seg.categories, seg.colours, args.opacity, enabled)
    record: dict[str, Any] = {key: display(value) for key, value in written.items()}
    record["areas"] = {k: round(v, 6) for k, v in areas.items()}
    record["_size"], record["_areas"] = seg.size, areas
    return record


def _video(path: Path, name: str, args: argparse.Namespace, backend: Any, enabled: list[bool]) -> dict:
    size: list[tuple[int, int]] = []

    def frame(image: np.ndarray) -> tuple[np.ndarray, dict[str, float]]:
        seg = backend.segment(image)
        if not size:
            size.append(seg.size)
        return render(image, seg.labels, seg.categories, seg.colours, args.opacity, enabled)

    result = export_overlay_video(path, args.out / f"{name}_overlay.mp4", frame)
    return {"overlay_mp4": display(result.path), "frames": result.frames,
            "areas": {k: round(v, 6) for k, v in result.areas.items()},
            "_size": size[0], "_areas": result.areas}


def _store(db: Any, record: dict, path: Path, model_ref: Any, no_db_reason: str) -> None:
    """Store an ok record (images and videos alike: a video's areas are its mean over frames); else say
    why not. Never raises: a storage failure must not lose the outputs, it is reported per input.
    """
    size, areas = record.pop("_size", None), record.pop("_areas", None)
    if record["status"] != "ok":
        return
    if db is None:
        record["store_error"] = no_db_reason
        return
    try:
        record["result_id"] = db.save_segmentation(absolute(path), catalog.file_sha256(path), size[0], size[1],
                                                   areas, model_ref)
        record["stored"], record["store_error"] = True, None
    except Exception as exc:  # noqa: BLE001 - full disk, read-only or damaged database, unreadable file...
        record["store_error"] = str(exc) or type(exc).__name__


def _print_line(record: dict, no_store: bool) -> None:
    if record["status"] != "ok":
        say(f"{record['path']}: ERROR {record['error']}")
        return
    top = sorted((record["areas"] or {}).items(), key=lambda kv: -kv[1])[:3]
    summary = ", ".join(f"{name} {fraction:.0%}" for name, fraction in top)
    target = record.get("overlay_png") or record.get("overlay_mp4")
    lost = "" if record["stored"] or no_store else f"  NOT STORED: {record['store_error']}"
    say(f"{record['path']}: {summary} -> {target}{lost}")
