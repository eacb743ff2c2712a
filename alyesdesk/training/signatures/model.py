"""A compact one-stage anchor-free signature detector (TTFNet/CenterNet-style) and its loss.

Grey page (1 channel) -> stride-8 map with
  heatmap (1 ch, sigmoid): "a signature is centred here",
  ltrb    (4 ch, >= 0):   distances in input pixels from the cell centre to the box's left/top/right/bottom.
Decoding (peaks + NMS) is numpy/OpenCV in alyesdesk/inference/documents/detect.py, not in the graph.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F


def conv_bn(cin: int, cout: int, stride: int = 1, k: int = 3) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, k, stride, k // 2, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Residual(nn.Module):
    def __init__(self, ch: int) -> None:
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(ch, ch, 3, 1, 1, bias=False), nn.BatchNorm2d(ch))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(x + self.conv(x))


class SignatureNet(nn.Module):
    """Backbone to stride 32, a small top-down neck back to stride 8, two heads."""

    STRIDE = 8

    def __init__(self, width: int = 16) -> None:
        super().__init__()
        w = width
        self.stem = nn.Sequential(conv_bn(1, w, 2), conv_bn(w, 2 * w, 2))  # /4
        self.c3 = nn.Sequential(conv_bn(2 * w, 3 * w, 2), Residual(3 * w), Residual(3 * w))  # /8
        self.c4 = nn.Sequential(conv_bn(3 * w, 6 * w, 2), Residual(6 * w), Residual(6 * w))  # /16
        self.c5 = nn.Sequential(conv_bn(6 * w, 8 * w, 2), Residual(8 * w), Residual(8 * w))  # /32
        n = 4 * w
        self.l5 = conv_bn(8 * w, n, k=1)
        self.l4 = conv_bn(6 * w, n, k=1)
        self.l3 = conv_bn(3 * w, n, k=1)
        self.f4 = conv_bn(n, n)
        self.f3 = conv_bn(n, n)
        self.hm = nn.Sequential(conv_bn(n, n), nn.Conv2d(n, 1, 1))
        self.reg = nn.Sequential(conv_bn(n, n), nn.Conv2d(n, 4, 1))
        nn.init.constant_(self.hm[-1].bias, -4.6)  # prior 1%: most cells hold no signature
        self.reg_scale = 16.0

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        x = self.stem(x)
        c3 = self.c3(x)
        c4 = self.c4(c3)
        c5 = self.c5(c4)
        p4 = self.f4(self.l4(c4) + F.interpolate(self.l5(c5), size=c4.shape[-2:], mode="nearest"))
        p3 = self.f3(self.l3(c3) + F.interpolate(p4, size=c3.shape[-2:], mode="nearest"))
        heat = torch.sigmoid(self.hm(p3))
        ltrb = F.relu(self.reg(p3)) * self.reg_scale
        return heat, ltrb


# --- targets (numpy, per image) ----------------------------------------------------------------

def make_targets(boxes_norm: np.ndarray, size: int, stride: int, alpha: float = 0.54) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """TTFNet targets: elliptical Gaussian heatmap, ltrb targets and weights inside each box's Gaussian."""
    fs = size // stride
    heat = np.zeros((fs, fs), np.float32)
    reg = np.zeros((4, fs, fs), np.float32)
    weight = np.zeros((fs, fs), np.float32)
    boxes = boxes_norm * size
    # Large boxes first so small ones overwrite them where they overlap.
    order = np.argsort(-(boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])) if len(boxes) else []
    cells = (np.arange(fs, dtype=np.float32) + 0.5) * stride
    for i in order:
        x1, y1, x2, y2 = boxes[i]
        bw, bh = x2 - x1, y2 - y1
        if bw < 2 or bh < 2:
            continue
        cx, cy = (x1 + x2) / 2 / stride, (y1 + y2) / 2 / stride
        sx, sy = max(alpha * bw / stride / 6, 0.35), max(alpha * bh / stride / 6, 0.35)
        gx = np.exp(-((np.arange(fs) + 0.5 - cx) ** 2) / (2 * sx * sx))
        gy = np.exp(-((np.arange(fs) + 0.5 - cy) ** 2) / (2 * sy * sy))
        g = gy[:, None] * gx[None, :]
        ix, iy = min(fs - 1, int(cx)), min(fs - 1, int(cy))
        g = g / max(g[iy, ix], 1e-6)
        heat = np.maximum(heat, np.where(g > 1, 1.0, g).astype(np.float32))
        heat[iy, ix] = 1.0
        region = g > 0.05
        region &= (cells[None, :] > x1) & (cells[None, :] < x2) & (cells[:, None] > y1) & (cells[:, None] < y2)
        region[iy, ix] = True
        wgt = g * region
        wgt = wgt / max(wgt.sum(), 1e-6) * math.log(max(bw * bh, 2.0))
        sel = wgt > 0
        weight[sel] = wgt[sel]
        yy, xx = np.nonzero(sel)
        reg[0, yy, xx] = cells[xx] - x1
        reg[1, yy, xx] = cells[yy] - y1
        reg[2, yy, xx] = x2 - cells[xx]
        reg[3, yy, xx] = y2 - cells[yy]
    return heat, reg, weight


# --- loss --------------------------------------------------------------------------------------

def focal_loss(pred: torch.Tensor, gt: torch.Tensor) -> torch.Tensor:
    """CenterNet's penalty-reduced focal loss, normalised by the number of centres."""
    pred = pred.clamp(1e-4, 1 - 1e-4)
    pos = gt.eq(1).float()
    neg = 1 - pos
    pos_loss = torch.log(pred) * (1 - pred) ** 2 * pos
    neg_loss = torch.log(1 - pred) * pred ** 2 * (1 - gt) ** 4 * neg
    n = pos.sum().clamp(min=1)
    return -(pos_loss.sum() + neg_loss.sum()) / n


def giou_loss(pred: torch.Tensor, target: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    """Weighted GIoU on ltrb distances (both relative to the same cell centre)."""
    mask = weight > 0
    if not mask.any():
        return pred.sum() * 0
    p = pred.permute(0, 2, 3, 1)[mask]
    t = target.permute(0, 2, 3, 1)[mask]
    w = weight[mask]
    pa = (p[:, 0] + p[:, 2]) * (p[:, 1] + p[:, 3])
    ta = (t[:, 0] + t[:, 2]) * (t[:, 1] + t[:, 3])
    iw = torch.min(p[:, 0], t[:, 0]) + torch.min(p[:, 2], t[:, 2])
    ih = torch.min(p[:, 1], t[:, 1]) + torch.min(p[:, 3], t[:, 3])
    inter = iw.clamp(min=0) * ih.clamp(min=0)
    union = pa + ta - inter + 1e-6
    ew = torch.max(p[:, 0], t[:, 0]) + torch.max(p[:, 2], t[:, 2])
    eh = torch.max(p[:, 1], t[:, 1]) + torch.max(p[:, 3], t[:, 3])
    enclose = ew * eh + 1e-6
    giou = inter / union - (enclose - union) / enclose
    return ((1 - giou) * w).sum() / (w.sum() + 1e-6)
