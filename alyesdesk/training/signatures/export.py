"""Export a signature-detector checkpoint to ONNX (the ship step with metrics lives in signatures_ship)."""

from __future__ import annotations

from pathlib import Path

import torch

from alyesdesk.training.signatures.model import SignatureNet

INPUT_NAME = "image"
OUTPUT_NAMES = ("heatmap", "ltrb")


def load_checkpoint(ckpt: Path) -> tuple[SignatureNet, dict]:
    data = torch.load(ckpt, map_location="cpu", weights_only=False)
    config = data["config"]
    model = SignatureNet(config["width"])
    model.load_state_dict(data["model"])
    model.eval()
    return model, data


def export_onnx(ckpt: Path, onnx_path: Path) -> dict:
    """Write `onnx_path` (opset 17, legacy exporter, dynamic batch); returns the checkpoint's config."""
    model, data = load_checkpoint(ckpt)
    size = data["config"]["size"]
    dummy = torch.zeros(1, 1, size, size)
    onnx_path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(
        model, (dummy,), str(onnx_path), dynamo=False, opset_version=17,
        input_names=[INPUT_NAME], output_names=list(OUTPUT_NAMES),
        dynamic_axes={INPUT_NAME: {0: "N"}, OUTPUT_NAMES[0]: {0: "N"}, OUTPUT_NAMES[1]: {0: "N"}},
    )
    return data["config"]
