"""The compact summary of the waste model's training data that adapting it needs (no images).

`models/waste_classifier.embeddings.npz` holds, for the model whose SHA-256 it names: the embeddings of its
val split (float16; photos it was not trained on, so they behave like new photos of the original data: the
anchors that adapting must not move), the embeddings of its test split (to report the in-domain test
accuracy before and after adapting, exactly, since the head is affine in the embedding), and the model's
own head (W, b) recovered by least squares from the val + test embeddings and logits (the residual proves
the head is affine in the embedding). Built from the data and the split file:

    python -m alyesdesk.inference.waste.summary --data ../shared/data/waste

Rebuild it whenever the model changes: adapting refuses a summary made for another model.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, TYPE_CHECKING

import numpy as np

from alyesdesk.inference.errors import ModelError

if TYPE_CHECKING:
    from collections.abc import Iterable

SUFFIX = ".embeddings.npz"


def summary_path(onnx_path: str | Path) -> Path:
    """Where the summary of a model lives: beside its ONNX file, as `<stem>.embeddings.npz`."""
    return Path(onnx_path).with_suffix(SUFFIX)


def load_for(info: Any) -> Any:
    """The Summary of model `info` (a catalog.ModelInfo); ModelError says how to build a missing or stale one."""
    from alyesdesk.inference.catalog import file_sha256
    from alyesdesk.inference.waste.teach import Summary

    base = info
    path = summary_path(base.onnx_path)
    if not path.is_file():
        raise ModelError(f"{base.spec.name} has no training summary ({path.name}); build it with "
                         "`python -m alyesdesk.inference.waste.summary --data ../shared/data/waste`")
    summary = Summary.load(path)
    if summary.model_sha256 != file_sha256(base.onnx_path):
        raise ModelError(f"{path.name} was made for another version of {base.onnx_path.name}: rebuild it with "
                         "`python -m alyesdesk.inference.waste.summary --data ../shared/data/waste`")
    if summary.labels != list(base.spec.labels):
        raise ModelError(f"{path.name} lists other labels than {base.onnx_path.name}")
    return summary


def build(model_path: Path, split_file: Path, data_root: Path, out: Path, log: Any = print) -> dict:
    """Embed the split's val and test photos with the model and write the summary to `out`; returns its metadata.

    ModelError when the split's labels differ from the model's, or the logits are not affine in the
    embedding (residual over 1e-2): adapting would then not reproduce the model's own answers.
    """
    from alyesdesk.inference import catalog
    from alyesdesk.inference.images import read_image
    from alyesdesk.inference.waste.embedding import affine_head
    from alyesdesk.inference.waste.teach import Embedder

    classifier, info = catalog.open_for_task("classify", model_path)
    embed = Embedder(classifier)
    split = json.loads(split_file.read_text(encoding="utf-8"))
    labels = list(split["labels"])
    if labels != list(info.spec.labels):
        raise ModelError("the split's labels differ from the model's")
    parts = {}
    for part in ("val", "test"):
        start = time.perf_counter()
        items = split[part]
        x, logits = embed([read_image(data_root / it["path"]) for it in items])
        y = np.array([labels.index(it["label"]) for it in items], int)
        parts[part] = (x, logits, y)
        log(f"{part}: {len(items)} photos embedded in {time.perf_counter() - start:.1f} s")
    # the head, by least squares over every embedded photo (more photos than dimensions: the residual
    # says whether the logits really are affine in the embedding)
    all_x = np.vstack([parts["val"][0], parts["test"][0]])
    all_logits = np.vstack([parts["val"][1], parts["test"][1]])
    if len(all_x) <= all_x.shape[1] + 1:
        raise ModelError("too few photos to recover the head: the embedding is wider than val + test")
    weight, bias, residual = affine_head(all_x, all_logits)
    if residual > 1e-2:
        raise ModelError(f"the logits are not affine in the embedding (residual {residual:.3g}): adapting "
                         "needs the embedding to be the input of the last linear layer")
    anchor_x, _, anchor_y = parts["val"]
    test_x, test_logits, test_y = parts["test"]
    model_top1 = float((test_logits.argmax(axis=1) == test_y).mean())
    head_top1 = float(((test_x.astype(np.float16).astype(np.float64) @ weight.T + bias).argmax(axis=1) == test_y).mean())
    meta = {"labels": labels, "model_sha256": catalog.file_sha256(info.onnx_path), "model": info.key,
            "split_file": split_file.name, "anchors": "the val split (not trained on)",
            "head_residual_max": residual, "test_top1_model": model_top1, "test_top1_head": head_top1,
            "anchor_count": len(anchor_y), "test_count": len(test_y),
            "command": "python -m alyesdesk.inference.waste.summary --data ../shared/data/waste"}
    np.savez_compressed(out, meta=np.array(json.dumps(meta)), anchor_x=anchor_x.astype(np.float16),
                        anchor_y=anchor_y.astype(np.int16), test_x=test_x.astype(np.float16),
                        test_y=test_y.astype(np.int16), weight=weight.astype(np.float32),
                        bias=bias.astype(np.float32))
    log(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB): {len(anchor_y)} anchors, {len(test_y)} test embeddings; "
        f"head residual {residual:.2e}, test top-1 model {model_top1:.4f} / head {head_top1:.4f}")
    return meta


def main(argv: Iterable[str] | None = None) -> int:
    """Command line of `build` (see the module doc); returns 0."""
    from alyesdesk import paths

    models = paths.bundled_models_dir()
    parser = argparse.ArgumentParser(description="build the waste model's training summary for adapting it")
    parser.add_argument("--data", type=Path, required=True, help="the waste data root (../shared/data/waste)")
    parser.add_argument("--model", type=Path, default=models / "waste_classifier.onnx")
    parser.add_argument("--split", type=Path, help="split file (default: <model>.split.json)")
    parser.add_argument("--out", type=Path, help="default: <model>.embeddings.npz")
    args = parser.parse_args(list(argv) if argv is not None else None)
    split = args.split or args.model.with_suffix(".split.json")
    build(args.model, split, args.data, args.out or summary_path(args.model))
    return 0


if __name__ == "__main__":
    sys.exit(main())
