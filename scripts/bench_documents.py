"""Signature detector latency on this machine: prints ms per page.

    python scripts/bench_documents.py [--model models/signature_detector.onnx] [--pages N] [--threads T]

Pages are Tobacco800 test pages from ../shared/data/signatures when present, else synthetic pages.
"model only" = ONNX run on a ready tensor; "detect" = resize/normalise + ONNX + numpy decoding + NMS;
"verified" = detect + the verifier's look at each box (when the detector names a verifier);
"page check" = what the app does per page (layout/rotation analysis + detect + verdict data);
"file" = read + decode a 1000x1000 JPEG + page check; "pdf page" = QtPdf render at the sidecar's
resolution + page check (skipped without QtPdf).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from alyesdesk.inference.catalog import load_model  # noqa: E402
from alyesdesk.inference.documents.check import SignatureChecker
from alyesdesk.inference.documents.pages import load_pages  # noqa: E402
from alyesdesk.inference.images import to_tensor  # noqa: E402


def sample_pages(count: int) -> list[Path]:
    root = REPO.parent / "shared" / "data" / "signatures" / "tobacco800" / "test" / "images"
    files = sorted(root.glob("*.jpg"))[:count] if root.is_dir() else []
    if files:
        return files
    folder = Path(tempfile.mkdtemp(prefix="bench_docs_"))
    rng = np.random.default_rng(0)
    for i in range(count):
        page = np.full((1000, 1000), 250, np.uint8)
        for y in range(60, 900, 24):
            cv2.putText(page, "lorem ipsum dolor sit amet " * 2, (40, y), 0, 0.6, 20, 1)
        cv2.ellipse(page, (600, 920), (150, 30), 0, 0, 360, int(rng.integers(0, 60)), 3)
        files.append(folder / f"page{i}.jpg")
        cv2.imwrite(str(files[-1]), page)
    return files


def timed(fn, items, repeat: int = 1) -> list[float]:
    out = []
    for item in items:
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn(item)
            out.append(1000 * (time.perf_counter() - t0))
    return out


RESULTS: dict[str, float] = {}


def report(name: str, ms: list[float]) -> None:
    p90 = float(np.percentile(ms, 90))
    RESULTS[name.replace(" ", "_") + "_ms_median"] = round(statistics.median(ms), 1)
    print(f"{name:<12} {statistics.median(ms):7.1f} ms/page median  {statistics.fmean(ms):7.1f} mean  {p90:7.1f} p90  (n={len(ms)})")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", type=Path, default=REPO / "models" / "signature_detector.onnx")
    p.add_argument("--pages", type=int, default=40)
    p.add_argument("--threads", type=int, default=0, help="OMP threads for onnxruntime (0 = its default)")
    p.add_argument("--record", action="store_true", help="store the medians in the sidecar's metrics.latency")
    args = p.parse_args()
    if args.threads:
        os.environ["OMP_NUM_THREADS"] = str(args.threads)
    detector = load_model(args.model)
    checker = SignatureChecker(detector)
    files = sample_pages(args.pages)
    images = [cv2.imread(str(f)) for f in files]
    spec = detector.input
    print(f"model {args.model.name} ({args.model.stat().st_size / 1e6:.2f} MB), input {spec.shape}, "
          f"{len(files)} pages, {os.cpu_count()} CPU cores visible, load average {os.getloadavg()[0]:.2f}")
    RESULTS["load_average_at_start"] = round(os.getloadavg()[0], 2)
    for image in images[:3]:
        detector.detect(image)  # warm-up: session creation and first-run allocations
    tensors = [to_tensor(im, spec)[0] for im in images]
    report("model only", timed(lambda t: detector.session.run(None, {spec.name: t}), tensors))
    report("detect", timed(detector.detect, images))
    if checker.verifier is not None:  # the second look at each box, on top of detect
        report("verified", timed(checker.read, images))
    report("page check", timed(lambda im: checker.check_page(im, 1), images))
    report("file", timed(lambda f: [checker.check_page(im, 1) for _, im, _ in load_pages(f)], files))
    try:
        from alyesdesk.ui.documents.pdf_render import ensure_gui_app, render_pdf

        ensure_gui_app()
        pdf = _make_pdf(images[:10])
        pdf_checker = SignatureChecker(detector, render_pdf)
        t0 = time.perf_counter()
        doc = pdf_checker.check(pdf)
        ms = 1000 * (time.perf_counter() - t0) / max(1, len(doc.pages))
        print(f"{'pdf page':<12} {ms:7.1f} ms/page mean over a {len(doc.pages)}-page PDF (render + check)")
        RESULTS["pdf_page_ms_mean"] = round(ms, 1)
    except ImportError as exc:
        print(f"pdf page     skipped: {exc}")
    if args.record:
        record(args.model.with_suffix(".json"), len(files))
    return 0


def record(sidecar: Path, pages: int) -> None:
    """Put the measured medians into the sidecar (validated before writing)."""
    import json

    from alyesdesk.inference.sidecar import validate_sidecar

    data = json.loads(sidecar.read_text(encoding="utf-8"))
    data.setdefault("metrics", {})["latency"] = {
        **RESULTS, "pages": pages, "cpu_cores": os.cpu_count(),
        "load_average_at_end": round(os.getloadavg()[0], 2),
        "command": "python scripts/bench_documents.py --record",
    }
    validate_sidecar(data)
    sidecar.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"recorded in {sidecar}")


def _make_pdf(images: list[np.ndarray]) -> Path:
    from PySide6.QtCore import QMarginsF, QRectF
    from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

    path = Path(tempfile.mkdtemp(prefix="bench_docs_")) / "pages.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(150)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    for i, image in enumerate(images):
        if i:
            writer.newPage()
        h, w = image.shape[:2]
        rgb = np.ascontiguousarray(image[:, :, ::-1])
        vp = painter.viewport()
        painter.drawImage(QRectF(0, 0, vp.width(), vp.height()), QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888))
    painter.end()
    return path


if __name__ == "__main__":
    sys.exit(main())
