"""Start a `SignatureNet` from a shipped detector's ONNX initializers (for fine-tuning).

The legacy exporter folds each BatchNorm into the convolution before it, so the graph holds one weight
and one bias per Conv node, in execution order. They are loaded into the network's convolutions (taken
in the order a forward pass runs them); each BatchNorm becomes the identity carrying the folded bias
(mean 0, var 1 - eps, weight 1). Fine-tune with the BatchNorms in eval mode (`freeze_bn`), so they stay
the plain affine maps the folded weights expect.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from torch import nn

from alyesdesk.training.signatures.model import SignatureNet


def _conv_order(model: nn.Module, size: int) -> list[nn.Conv2d]:
    order: list[nn.Conv2d] = []
    hooks = [m.register_forward_hook(lambda mod, *_: order.append(mod)) for m in model.modules() if isinstance(m, nn.Conv2d)]
    with torch.no_grad():
        model.eval()
        model(torch.zeros(1, 1, size, size))
    for h in hooks:
        h.remove()
    return order


def load_from_onnx(onnx_path: Path, width: int = 16, size: int = 384) -> SignatureNet:
    graph = onnx.load(str(onnx_path)).graph
    inits = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    convs = [n for n in graph.node if n.op_type == "Conv"]
    model = SignatureNet(width)
    order = _conv_order(model, size)
    if len(order) != len(convs):
        raise ValueError(f"{onnx_path.name}: {len(convs)} Conv nodes, the network has {len(order)}")
    following_bn = {}
    for m in model.modules():
        if isinstance(m, nn.Sequential):
            kids = list(m.children())
            for a, b in zip(kids, kids[1:]):
                if isinstance(a, nn.Conv2d) and isinstance(b, nn.BatchNorm2d):
                    following_bn[a] = b
    with torch.no_grad():
        for conv, node in zip(order, convs):
            w = inits[node.input[1]].copy()
            b = inits[node.input[2]].copy() if len(node.input) > 2 else np.zeros(w.shape[0], np.float32)
            if tuple(conv.weight.shape) != w.shape:
                raise ValueError(f"shape mismatch {tuple(conv.weight.shape)} vs {w.shape}")
            conv.weight.copy_(torch.from_numpy(w))
            if conv.bias is not None:
                conv.bias.copy_(torch.from_numpy(b))
            else:
                bn = following_bn[conv]
                bn.weight.fill_(1.0)
                bn.bias.copy_(torch.from_numpy(b))
                bn.running_mean.zero_()
                bn.running_var.fill_(1.0 - bn.eps)
    model.eval()
    return model


def freeze_bn(model: nn.Module) -> None:
    """Keep every BatchNorm in eval mode (call after each `model.train()`)."""
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.eval()
