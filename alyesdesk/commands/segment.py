"""`alyesdesk segment PATH... --out DIR [--json]`: street segmentation of images (and videos) headless.

Per image: `<stem>_labels.png` (category index per pixel, same size as the input), `<stem>_color.png`
and `<stem>_overlay.png`. Per video: `<stem>_overlay.mp4`. Results are stored in the encrypted database
when it can be opened. Bad inputs get status "error" and a reason; the others still run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alyesdesk.inference import catalog
from alyesdesk.inference.errors import ImageError, ModelError
from alyesdesk.inference.images import IMAGE_SUFFIXES, read_image
from alyesdesk.inference.streets.overlay import render, write_image_outputs
from alyesdesk.inference.sidecar import SidecarError
from alyesdesk.inference.streets.video import (
    VIDEO_SUFFIXES,
    Cancelled,
    VideoError,
    export_overlay_video,
    is_video,
)
from alyesdesk.inference.inputs import expand_files
from alyesdesk.commands._common import open_db, print_json


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
    parser.add_argument("--no-store", action="store_true", help="do not save results in the database")
    parser.set_defaults(func=run)


def _load(args: argparse.Namespace):  # noqa: ANN202 - (Segmenter, ModelInfo)
    return catalog.open_for_task("segment", args.model)


def run(args: argparse.Namespace) -> int:
    try:
        backend, info = _load(args)
    except (ModelError, SidecarError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    categories = list(backend.categories)
    unknown = [name for name in args.hide if name not in categories]
    if unknown:
        print(f"error: unknown categories {unknown}; this model has {categories}", file=sys.stderr)
        return 2
    enabled = [name not in args.hide for name in categories]
    db = None if args.no_store else open_db()
    model_ref = catalog.model_ref(info) if db is not None else None
    results = []
    used_stems: dict[str, int] = {}
    for path, problem in expand_files(args.paths, IMAGE_SUFFIXES + VIDEO_SUFFIXES):
        record = {"path": str(path), "status": "error", "error": problem, "categories": categories,
                  "labels_png": None, "overlay_png": None, "areas": None}
        if problem is None:
            stem = _unique_stem(path.stem, used_stems)
            try:
                if is_video(path):
                    record.update(_video(path, stem, args, backend, enabled))
                else:
                    record.update(_image(path, stem, args, backend, enabled, db, model_ref))
                record["status"], record["error"] = "ok", None
            except (ImageError, VideoError, ModelError, Cancelled, OSError, ValueError) as exc:
                record["error"] = str(exc)
        results.append(record)
        if not args.json:
            _print_line(record)
    if db is not None:
        db.close()
    if args.json:
        print_json(results)
    if not results:
        print("error: no inputs", file=sys.stderr)
        return 2
    return 0 if all(r["status"] == "ok" for r in results) else 1


def _unique_stem(stem: str, used: dict[str, int]) -> str:
    """Two inputs called a/x.jpg and b/x.jpg must not overwrite each other's outputs."""
    count = used.get(stem, 0)
    used[stem] = count + 1
    return stem if count == 0 else f"{stem}_{count + 1}"


def _image(path, stem, args, backend, enabled, db, model_ref) -> dict:
    image = read_image(path)
    seg = backend.segment(image)
    written = write_image_outputs(args.out, stem, image, seg.labels, seg.colours, args.opacity, enabled)
    _, areas = render(image, seg.labels, seg.categories, seg.colours, args.opacity, enabled)
    record = {key: str(value) for key, value in written.items()}
    record["areas"] = {k: round(v, 6) for k, v in areas.items()}
    if db is not None:
        from alyesdesk.inference.catalog import file_sha256

        record["result_id"] = db.save_segmentation(
            str(path.resolve()), file_sha256(path), seg.size[0], seg.size[1], areas, model_ref
        )
    return record


def _video(path, stem, args, backend, enabled) -> dict:
    def frame(image):
        seg = backend.segment(image)
        return render(image, seg.labels, seg.categories, seg.colours, args.opacity, enabled)

    result = export_overlay_video(path, args.out / f"{stem}_overlay.mp4", frame)
    return {"overlay_mp4": str(result.path), "frames": result.frames,
            "areas": {k: round(v, 6) for k, v in result.areas.items()}}


def _print_line(record: dict) -> None:
    if record["status"] != "ok":
        print(f"{record['path']}: ERROR {record['error']}")
        return
    top = sorted((record["areas"] or {}).items(), key=lambda kv: -kv[1])[:3]
    summary = ", ".join(f"{name} {fraction:.0%}" for name, fraction in top)
    target = record.get("overlay_png") or record.get("overlay_mp4")
    print(f"{record['path']}: {summary} -> {target}")
