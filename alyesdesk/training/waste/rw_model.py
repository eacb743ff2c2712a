"""The real-world waste network's weights and export: initialised from a shipped ONNX member, exported
with the material logits (minus the "not waste" logit) and the embedding as outputs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

# The 1.x models' normalisation: the network starts from their weights, so it keeps their input scale.
MEAN = (0.6642, 0.622, 0.5782)
STD = (0.2248, 0.2282, 0.2514)

def init_from_onnx(model: Any, onnx_path: Path, member: int, calib: np.ndarray) -> None:
    """Copy one member of a bundled (BatchNorm-folded) ONNX classifier into `model`: conv weights as they
    are, each BatchNorm set so that it reproduces the folded bias exactly in eval mode and normalises by
    the real statistics of its conv output (so train-mode batch statistics start close to them).
    """
    import onnx
    import torch
    import torch.nn as nn
    from onnx import numpy_helper

    proto = onnx.load(str(onnx_path))
    prefix = f"m{member}_"
    inits = [(i.name, numpy_helper.to_array(i)) for i in proto.graph.initializer if i.name.startswith(prefix)]
    if not inits:  # a single (non-ensemble) model
        inits = [(i.name, numpy_helper.to_array(i)) for i in proto.graph.initializer]
    convs = [a for n, a in inits if a.ndim == 4]
    conv_biases = [a for n, a in inits if a.ndim == 1 and "Conv" in n]
    fc_w = next(a for n, a in inits if a.ndim == 2)
    fc_b = next(a for n, a in inits if a.ndim == 1 and "Conv" not in n)
    pairs = []  # (conv, bn) in forward order
    mods = list(model.modules())
    for i, m in enumerate(mods):
        if isinstance(m, nn.Conv2d):
            bn = mods[i + 1]
            assert isinstance(bn, nn.BatchNorm2d)
            pairs.append((m, bn))
    if len(pairs) != len(convs):
        raise SystemExit(f"{onnx_path.name}: {len(convs)} convs, the torch model has {len(pairs)}")
    outs: dict[int, list] = {}
    with torch.no_grad():
        for k, ((conv, bn), w, b) in enumerate(zip(pairs, convs, conv_biases)):
            if tuple(conv.weight.shape) != w.shape:
                raise SystemExit(f"conv {k}: shape {tuple(conv.weight.shape)} vs {w.shape}")
            conv.weight.copy_(torch.from_numpy(w))
            bn.weight.fill_(1.0)
            bn.bias.copy_(torch.from_numpy(b))
            bn.running_mean.zero_()
            bn.running_var.fill_(1.0 - bn.eps)
        lin = [m for m in mods if isinstance(m, nn.Linear)][-1]
        n = fc_w.shape[0]
        lin.weight[:n].copy_(torch.from_numpy(fc_w))
        lin.bias[:n].copy_(torch.from_numpy(fc_b))
        if lin.weight.shape[0] > n:  # the new background row starts neutral
            lin.weight[n:].normal_(0, 0.01)
            lin.bias[n:].fill_(float(np.mean(fc_b)) - 1.0)
        hooks = [conv.register_forward_hook(lambda mod, inp, out, k=k: outs.setdefault(k, []).append(
            (out.mean((0, 2, 3)), out.var((0, 2, 3))))) for k, (conv, _) in enumerate(pairs)]
        model.eval()
        from alyesdesk.training.waste.model import to_input
        model(to_input(calib, np.array(MEAN, np.float32), np.array(STD, np.float32)))
        for h in hooks:
            h.remove()
        for k, (conv, bn) in enumerate(pairs):
            mean, var = outs[k][0]
            bn.running_mean.copy_(mean)
            bn.running_var.copy_(var)
            bn.weight.copy_(torch.sqrt(var + bn.eps))
            bn.bias.add_(mean)


class _Heads:
    pass


def export_module(model: Any, mirror: bool) -> Any:
    """(logits: 9 material logits minus the background logit, embedding: pooled features)."""
    import torch
    import torch.nn as nn

    class Export(nn.Module):
        def __init__(self, inner: nn.Sequential) -> None:
            super().__init__()
            self.body = inner[:-2]  # through Flatten (Dropout is identity in eval)
            self.head = inner[-1]

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            n = x.shape[0]
            if mirror:
                x = torch.cat([x, torch.flip(x, dims=[3])], 0)
            feats = self.body(x)
            z = self.head(feats)
            logits = z[:, :-1] - z[:, -1:]
            if mirror:
                logits = (logits[:n] + logits[n:]) / 2
                feats = (feats[:n] + feats[n:]) / 2
            return logits, feats

    return Export(model).eval()


def export_logits(model: Any, images: np.ndarray, mirror: bool) -> tuple[np.ndarray, np.ndarray]:
    import torch

    from alyesdesk.training.waste.model import to_input

    exp = export_module(model, mirror)
    outs, feats = [], []
    with torch.no_grad():
        for i in range(0, len(images), 128):
            lo, fe = exp(to_input(images[i:i + 128], np.array(MEAN, np.float32), np.array(STD, np.float32)))
            outs.append(lo.numpy())
            feats.append(fe.numpy())
    return np.concatenate(outs), np.concatenate(feats)
