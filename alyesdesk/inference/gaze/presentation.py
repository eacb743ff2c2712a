"""Presenting a stimulus while a session records: one clock, and screen points mapped to the stimulus.

Qt-free. The UI's presenter calls `StimulusMapping.frame_shown` after it painted a frame; the sample
writer (`storage.samples.SampleWriter`, on the tracking thread) calls the mapping for every sample and
stores the point in stimulus pixels (and, for a video, the time of the frame on screen) beside the
screen point. Samples from before the first frame are dropped: the participant was not yet looking at
the stimulus, and a session's time 0 (`started_at`) is the stimulus onset, which TTFF is measured from.

`now()` is the one clock of recordings and presentations: epoch seconds that never go backwards (the
monotonic clock plus the epoch offset taken once at import), so sample and frame timestamps are
monotonic even if the system clock is adjusted mid-session.
"""

from __future__ import annotations

import time

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alyesdesk.inference.gaze.aoi import Placement

_EPOCH_OFFSET = time.time() - time.monotonic()


def now() -> float:
    """Epoch seconds from the monotonic clock: comparable with `time.time()`, never decreasing."""
    return time.monotonic() + _EPOCH_OFFSET


class StimulusMapping:
    """Maps (t, x, y) in screen px to (sx, sy, st) in the stimulus, from the stimulus's onset on.

    Parameters
    ----------
    placement : Placement
        Where the stimulus is on the tracked screen (the identity for the screen itself).
    video : bool
        A video stimulus: `st` is the video time of the frame on screen (or the time since onset when
        no presenter reports frames, as in headless recording); None for still stimuli.
    onset : float, optional
        The first frame's time, when already known (headless recording, the screen itself).
    drop_before_onset : bool
        Drop samples from before the onset (True: a presenter decides when the stimulus is up). Headless
        recording keeps every frame (a webcam frame may be stamped just before the session started).
    """

    def __init__(self, placement: Placement, video: bool = False, onset: float | None = None,
                 drop_before_onset: bool = True) -> None:
        self.placement = placement
        self.video = video
        self.onset = onset
        self.drop_before_onset = drop_before_onset
        self.video_time: float | None = None  # of the frame on screen, set by the presenter
        self.frames_shown = 0

    def frame_shown(self, t: float, video_time: float | None = None) -> None:
        """The presenter painted a frame at `t` (`now()`); the GUI thread calls this, the tracking thread reads."""
        if self.onset is None:
            self.onset = t
        self.video_time = video_time
        self.frames_shown += 1

    def __call__(self, t: float, x: float, y: float) -> tuple[float, float, float | None] | None:
        onset = self.onset
        if self.drop_before_onset and (onset is None or t < onset):
            return None
        sx, sy = self.placement.to_stimulus([(x, y)])[0]
        st = None
        if self.video:
            st = self.video_time if self.video_time is not None else max(0.0, t - (onset if onset is not None else t))
        return float(sx), float(sy), st
