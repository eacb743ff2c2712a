"""Record what the bundled models answer on the sample inputs in tests/data (run after shipping a model).

    python tests/make_golden.py

The test `tests/test_bundled_models_golden.py` then checks the same pipeline gives the same answers, so a
broken export, sidecar or preprocessing fails on every machine, with or without ../shared.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
CLASSIFY = ("trashnet_glass1.jpg", "restaurant_plastic_cup_1.jpg")
DOCUMENT = "contracts_fr_image_1.jpg"
STREET = "camvid_0016E5_07959.jpg"


def run_models() -> dict:
    """The bundled models' answers on the sample inputs, through the app's own pipeline."""
    from alyesdesk.inference import catalog
    from alyesdesk.inference.documents.check import SignatureChecker
    from alyesdesk.inference.images import read_image

    out: dict = {"models": {}}
    classifier, info = catalog.open_for_task("classify")
    out["models"]["classify"] = catalog.file_sha256(info.onnx_path)
    out["classify"] = {}
    for name in CLASSIFY:
        p = classifier.predict(read_image(DATA / name), top_k=3)
        out["classify"][name] = {"label": p.label, "probabilities": {k: round(v, 5) for k, v in p.probabilities.items()}}
    detector, info = catalog.open_for_task("detect")
    out["models"]["detect"] = catalog.file_sha256(info.onnx_path)
    doc = SignatureChecker(detector).check(DATA / DOCUMENT, expected=1)
    page = doc.pages[0]
    out["document"] = {"verdict": doc.verdict, "count": doc.count,
                       "boxes": [[round(b.x1, 1), round(b.y1, 1), round(b.x2, 1), round(b.y2, 1), round(b.score, 4)]
                                 for b in page.boxes]}
    segmenter, info = catalog.open_for_task("segment")
    out["models"]["segment"] = catalog.file_sha256(info.onnx_path)
    seg = segmenter.segment(read_image(DATA / STREET))
    counts = np.bincount(seg.labels.ravel(), minlength=len(seg.categories)) / seg.labels.size
    out["street"] = {"size": list(seg.size), "areas": {c: round(float(a), 5) for c, a in zip(seg.categories, counts)}}
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    golden = run_models()
    (DATA / "golden.json").write_text(json.dumps(golden, indent=2) + "\n")
    print(json.dumps(golden, indent=2))
