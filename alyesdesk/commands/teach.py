"""`alyesdesk teach FOLDER --name NAME`: teach a classifier of your own from a few photos per class.

FOLDER holds one sub-folder per class (its name is the class). The head is fitted on the waste model's
embedding in well under a second and installed as an ordinary classify model named NAME (use it with
`alyesdesk classify --model NAME ...`); its leave-one-out accuracy and confusion table are printed.
The photos are also kept (downscaled, encrypted) in the database as a project of the Waste tab, unless
--no-store.

With --extend, the sub-folders must be the material names (cardboard, glass, ...): the material model's
head is refitted with your photos weighted against its original training data (a compact summary shipped
in models/), keeping the 9 materials and their bins; the in-domain test accuracy before and after is
printed. Exit code 0 on success, 2 on usage errors (folder, classes, no base model).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from alyesdesk.commands._common import print_json, say

if TYPE_CHECKING:
    import numpy as np

    from alyesdesk.inference.waste.teach import TeachResult

    Example = tuple[str, np.ndarray, Path]  # (label, BGR photo, its file)

EXIT_OK, EXIT_USAGE = 0, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "teach", help="teach your own classes from a few photos (or adapt the material model with --extend)",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("folder", metavar="FOLDER", help="one sub-folder of photos per class")
    parser.add_argument("--name", required=True, help="the model's (and project's) name")
    parser.add_argument("--extend", action="store_true",
                        help="adapt the material model (sub-folders named after its materials)")
    parser.add_argument("--activate", action="store_true", help="make the new model the one the app uses")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--no-store", action="store_true", help="do not keep the photos in the database")
    parser.set_defaults(func=run)


def _examples(folder: Path) -> tuple[list[tuple[str, object]], list[tuple[str, str]]]:
    from alyesdesk.inference.errors import ImageError
    from alyesdesk.inference.images import IMAGE_SUFFIXES, read_image
    from alyesdesk.pathtext import display

    examples, errors = [], []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        for path in sorted(p for p in sub.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES):
            try:
                examples.append((sub.name, read_image(path), path))
            except (ImageError, OSError) as exc:
                errors.append((display(path), str(exc)))
    return examples, errors


def run(args: argparse.Namespace) -> int:
    from alyesdesk.inference import catalog
    from alyesdesk.inference.errors import ModelError
    from alyesdesk.inference.sidecar import SidecarError
    from alyesdesk.inference.waste import projects
    from alyesdesk.inference.waste.summary import load_for
    from alyesdesk.inference.waste.teach import teach
    from alyesdesk.inference.waste.teach_export import safe_name

    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"error: {folder} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    try:
        name = safe_name(args.name)
        classifier, info = projects.base_model()
        load_start = time.perf_counter()
        classifier.verify()  # the first model load is not part of the teach time
        _ = classifier.session
        load_seconds = time.perf_counter() - load_start
        triples, errors = _examples(folder)
        for where, why in errors:
            print(f"warning: skipped {where}: {why}", file=sys.stderr)
        summary = load_for(info) if args.extend else None
        result = teach(classifier, info, name, [(label, image) for label, image, _ in triples],
                       kind="extend" if args.extend else "custom", summary=summary)
    except (ModelError, SidecarError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    catalog.clear_cache()
    if args.activate:
        installed = next((m for m in catalog.models_for("classify") if m.onnx_path == result.onnx_path), None)
        if installed is not None:
            catalog.set_active("classify", installed)
    stored = _store(args, name, result, triples)
    out = {**result.to_dict(), "photos": len(triples), "skipped": [list(e) for e in errors],
           "model_load_seconds": round(load_seconds, 3), "stored": stored}
    if args.json:
        print_json(out)
    else:
        _print(result, triples, out)
    return EXIT_OK


def _store(args: argparse.Namespace, name: str, result: TeachResult, triples: list[Example]) -> bool:
    """Keep the photos as a project of the Waste tab (replacing a project of the same name)."""
    if args.no_store:
        return False
    from alyesdesk.commands._common import open_db
    from alyesdesk.inference.waste.projects import encode_photo

    db = open_db(required=False)
    if db is None:
        return False
    try:
        old = db.project_by_name(name)
        if old is not None:
            db.delete_project(old["id"])
        pid = db.create_project(name, result.labels, "extend" if args.extend else "custom")
        for label, image, path in triples:
            data, fmt, sha = encode_photo(image, "png" if path.suffix.lower() == ".png" else "jpeg")
            db.add_project_photo(pid, label, data, fmt, sha, source=path.name)
        db.set_project_model(pid, result.name, result.to_dict())
        return True
    except Exception as exc:  # noqa: BLE001 - the model is installed; say why the photos were not kept
        print(f"warning: the photos were not kept in the database: {exc}", file=sys.stderr)
        return False
    finally:
        db.close()


def _print(result: TeachResult, triples: list[Example], out: dict) -> None:
    ev = result.evaluation
    say(f"taught '{result.name}' from {len(triples)} photos in {result.seconds:.2f} s "
        f"(embedding {result.embed_seconds:.2f} s; first model load {out['model_load_seconds']:.2f} s, not counted)")
    say(f"{ev.method} accuracy: {ev.accuracy:.3f}")
    width = max(len(l) for l in result.labels)
    say("confusion (rows: true, columns: predicted)")
    say(" " * (width + 2) + " ".join(f"{i:>4}" for i in range(len(result.labels))))
    for i, (label, row) in enumerate(zip(result.labels, ev.confusion)):
        say(f"{label:>{width}} {i:<2}" + "".join(f"{v:>5}" for v in row) + f"   {ev.per_class[label]:.2f}")
    if result.kind == "extend":
        r = result.report
        say(f"in-domain test accuracy: {r['test_accuracy_before']:.4f} before, {r['test_accuracy_after']:.4f} after; "
            f"your photos: {r['user_accuracy_before']:.3f} before, {r['cv_accuracy']:.3f} after (cross-validated)")
    if ev.ambiguous:
        names = [triples[i][2].name for i in ev.ambiguous[:10]]
        say(f"ambiguous photos ({len(ev.ambiguous)}): " + ", ".join(names))
    say(f"installed {result.onnx_path}; use it with: alyesdesk classify --model {result.name} PHOTO...")
