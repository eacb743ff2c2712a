"""A compact encoder-decoder for street scenes, sized to train from scratch on one CPU thread.

Encoder: strided 3x3 convs with residual blocks down to 1/16, dilated blocks and a global-context branch
at the bottom (street layout is very position/scene dependent, a cheap way to see the whole frame).
Decoder: two U-Net style skip fusions (1/8, 1/4), a 1x1 head, bilinear up-sampling to the input size.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


def conv_bn(cin: int, cout: int, k: int = 3, stride: int = 1, dilation: int = 1) -> nn.Sequential:
    pad = dilation * (k // 2)
    return nn.Sequential(
        nn.Conv2d(cin, cout, k, stride, pad, dilation=dilation, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


class Block(nn.Module):
    """Residual block of two 3x3 convs."""

    def __init__(self, channels: int, dilation: int = 1) -> None:
        super().__init__()
        self.conv1 = conv_bn(channels, channels, dilation=dilation)
        self.conv2 = nn.Sequential(
            nn.Conv2d(channels, channels, 3, 1, dilation, dilation=dilation, bias=False),
            nn.BatchNorm2d(channels),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(x + self.conv2(self.conv1(x)))


class StreetNet(nn.Module):
    def __init__(self, num_classes: int = 8, width: int = 16) -> None:
        super().__init__()
        c1, c2, c3, c4 = width, width * 2, width * 4, width * 8
        self.stem = nn.Sequential(conv_bn(3, c1, stride=2), conv_bn(c1, c1))  # 1/2
        self.down2 = nn.Sequential(conv_bn(c1, c2, stride=2), Block(c2))  # 1/4
        self.down3 = nn.Sequential(conv_bn(c2, c3, stride=2), Block(c3), Block(c3))  # 1/8
        self.down4 = nn.Sequential(
            conv_bn(c3, c4, stride=2), Block(c4, dilation=1), Block(c4, dilation=2), Block(c4, dilation=4)
        )  # 1/16
        self.context = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(c4, c4, 1), nn.ReLU(inplace=True))
        self.fuse3 = nn.Sequential(conv_bn(c4 + c3, c3, k=1), conv_bn(c3, c3))
        self.fuse2 = nn.Sequential(conv_bn(c3 + c2, c2, k=1), conv_bn(c2, c2))
        self.head = nn.Conv2d(c2, num_classes, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        size = x.shape[-2:]
        s2 = self.stem(x)
        s4 = self.down2(s2)
        s8 = self.down3(s4)
        s16 = self.down4(s8)
        s16 = s16 + self.context(s16)  # broadcast the global context over the map
        up = F.interpolate(s16, size=s8.shape[-2:], mode="bilinear", align_corners=False)
        d8 = self.fuse3(torch.cat([up, s8], 1))
        up = F.interpolate(d8, size=s4.shape[-2:], mode="bilinear", align_corners=False)
        d4 = self.fuse2(torch.cat([up, s4], 1))
        return F.interpolate(self.head(d4), size=size, mode="bilinear", align_corners=False)
