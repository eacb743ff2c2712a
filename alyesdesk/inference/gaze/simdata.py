"""Simulated recordings: the simulator looking at a list of points, like a calibration session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING


from alyesdesk.inference.gaze.dataset import DatasetWriter

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from alyesdesk.inference.gaze.simulator import GazeSimulator
    import numpy as np
    from pathlib import Path

FPS = 30.0


@dataclass
class SimFrame:
    """One simulated frame (BGR), the target it looks at (screen px), its time (s) and the simulator's truth."""

    image: np.ndarray
    x: float
    y: float
    t: float
    truth: dict
    point: int  # index of the target in the list


def record(
    sim: GazeSimulator,
    points: Sequence[tuple[float, float]],
    frames_per_point: int = 15,
    settle_frames: int = 0,
    t0: float = 0.0,
    fps: float = FPS,
) -> Iterator[SimFrame]:
    """Frames of the simulated face looking at each point in turn, time running continuously.

    `settle_frames` frames per point are rendered but skipped (the time a person needs to move their eyes
    and settle), so head motion keeps going between points as it would in a real session.
    """
    t = t0
    for i, (x, y) in enumerate(points):
        t += settle_frames / fps
        for _ in range(frames_per_point):
            frame = sim.render(x, y, t)
            yield SimFrame(frame.image, x, y, t, frame.truth, i)
            t += 1.0 / fps


def write_dataset(
    out: str | Path,
    sim: GazeSimulator,
    points: Sequence[tuple[float, float]],
    frames_per_point: int = 15,
    settle_frames: int = 10,
    t0: float = 0.0,
    **meta: object,
) -> int:
    """Write an AlyesDesk-format dataset of simulated frames; returns the number of frames."""
    count = 0
    with DatasetWriter(out, sim.config.screen, camera=f"simulated {sim.config.frame_w}x{sim.config.frame_h}",
                       sequential=True, source=sim.face.source, seed=sim.seed,
                       head_motion=sim.config.head_motion, simulated=True, **meta) as writer:
        for f in record(sim, points, frames_per_point, settle_frames, t0):
            writer.add(f.image, f.x, f.y, truth={"point": f.point, **f.truth})
            count += 1
    return count
