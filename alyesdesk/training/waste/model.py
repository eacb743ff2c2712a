"""The waste classifier's network (a small residual CNN), its mirror-averaging wrapper, and batched
inference in torch. torch is imported lazily, so this module imports without the train extra.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import torch

def build_model(n_classes: int, width: int) -> Any:
    import torch.nn as nn

    class Block(nn.Module):
        """Residual basic block; a 1x1 projection when the shape changes."""

        def __init__(self, cin: int, cout: int, stride: int) -> None:
            super().__init__()
            self.body = nn.Sequential(
                nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
                nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout),
            )
            self.skip = (
                nn.Identity() if stride == 1 and cin == cout
                else nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
            )
            self.act = nn.ReLU(inplace=True)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.act(self.body(x) + self.skip(x))

    w = width
    return nn.Sequential(
        nn.Conv2d(3, w, 3, 2, 1, bias=False), nn.BatchNorm2d(w), nn.ReLU(inplace=True),  # /2
        Block(w, w, 1),
        Block(w, 2 * w, 2),  # /4
        Block(2 * w, 4 * w, 2),  # /8
        Block(4 * w, 4 * w, 1),
        Block(4 * w, 8 * w, 2),  # /16
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.25), nn.Linear(8 * w, n_classes),
    )


def MirrorAverage(model: Any) -> Any:  # noqa: N802 - builds an nn.Module lazily (torch stays optional)
    import torch
    import torch.nn as nn

    class _MirrorAverage(nn.Module):
        """Average of the logits for the image and its mirror: a cheap, exportable TTA."""

        def __init__(self, inner: nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            # One batch of 2n images runs faster than two runs of n.
            n = x.shape[0]
            y = self.inner(torch.cat([x, torch.flip(x, dims=[3])], 0))
            return (y[:n] + y[n:]) / 2

    return _MirrorAverage(model).eval()


def to_input(batch_hwc: np.ndarray, mean: np.ndarray, std: np.ndarray) -> Any:
    import torch

    x = (batch_hwc.astype(np.float32) / 255.0 - mean) / std
    return torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2)))


def predict_logits(model: Any, images: np.ndarray, mean: np.ndarray, std: np.ndarray, batch: int = 128) -> np.ndarray:
    import torch

    model.eval()
    outs = []
    with torch.no_grad():
        for i in range(0, len(images), batch):
            outs.append(model(to_input(images[i : i + batch], mean, std)).numpy())
    return np.concatenate(outs) if outs else np.zeros((0, 1), np.float32)
