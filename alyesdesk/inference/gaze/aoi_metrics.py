"""AOI metrics of recorded sessions, computed after the fact from the stored samples.

Nothing about AOIs is stored with a recording: the samples (screen px, and since schema 6 also stimulus
px: `Database.session_stimulus_samples`), the stimulus's name and where it was shown are enough, so AOIs
drawn later apply to old recordings. Fixations are found in screen px (their size is an angle on the
screen); AOIs are hit-tested in stimulus px.

Definitions (per AOI and per session; an AOI applies to the sessions that showed its stimulus):

- A sample is *looking* when its status is "ok" and its confidence > 0 (points held through a blink or a
  lost face do not count, as in the heatmap). Each sample stands for the time until the next one, at most
  `2 x` the session's median frame interval (a hole in the stream is not looking time); the last sample
  stands for one median interval.
- Fixations: I-DT over the looking samples, the same parameters as the exports (2 x 1.5 degrees, 100 ms).
  A fixation is in an AOI when its centroid (mapped to stimulus px) is.
- `ttff_s`: time to first fixation, from the session's start (its `started_at`, else its first sample) to
  the start of the first fixation in the AOI; `first_fixation_s`: that fixation's duration (first to last
  point, the I-DT convention). Both None when the AOI was never fixated.
- `dwell_s`: looking time with the gaze sample inside the AOI; `dwell_share`: dwell / all looking time.
- `fixations`: fixations in the AOI; `revisits`: visits after the first, a visit being a run of
  consecutive fixations in the AOI; `looked`: at least one fixation in it.
- `first_fixation_sx`, `first_fixation_sy`: where in the stimulus (px) that first fixation was (its
  centroid); `first_fixation_st`: the video time when it started (video stimuli whose samples stored one).

Across sessions (`summarize`): mean, sd (n - 1), min, max and n of each metric (TTFF and first-fixation
duration over the sessions that fixated the AOI), and the share of participants who fixated it at all
(a session without a participant label counts as its own participant).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from alyesdesk.inference.gaze.aoi import AOI, SCREEN, Placement
from alyesdesk.inference.gaze.fixations import Fixation, detect_fixations
from alyesdesk.inference.gaze.screen import ScreenGeometry

if TYPE_CHECKING:
    from collections.abc import Sequence

FIXATION_DISPERSION_DEG = 1.5  # I-DT window of 2 x 1.5 degrees, as the live pipeline and the exports
FIXATION_MIN_S = 0.1
METRICS = ("ttff_s", "first_fixation_s", "dwell_s", "dwell_share", "fixations", "revisits")

Row = tuple[float, float, float, float, str]  # t, x, y, confidence, status (Database.session_samples)


@dataclass
class SessionInput:
    """What the metrics need of one stored session (see `from_record`)."""

    session_id: int
    rows: Sequence[Row]
    screen: ScreenGeometry = field(default_factory=ScreenGeometry)
    stimulus: str = SCREEN
    placement: Placement | None = None  # None: the stimulus filled the screen (identity for "screen")
    started_at: float | None = None
    name: str = ""
    participant: str | None = None
    study: str | None = None
    # Each row's point in stimulus px, in the order of `rows` (None: mapped from `placement`).
    stimulus_xy: np.ndarray | None = None
    # Each row's video time (NaN where none was stored), in the order of `rows`; None for a still.
    stimulus_t: np.ndarray | None = None

    @classmethod
    def from_record(cls, record: dict, rows: Sequence[Row], stimulus_rows: Sequence[tuple] | None = None) -> SessionInput:
        """From a `Database.session()` row, its `session_samples` and (optional) its
        `session_stimulus_samples` (t, sx, sy, ...), which must list the same samples in the same order.
        """
        screen = ScreenGeometry.from_dict(record.get("screen_geometry") or {})
        geometry = record.get("stimulus_geometry")
        placement = Placement.from_dict(geometry) if geometry else None
        xy = st = None
        if stimulus_rows is not None:
            if len(stimulus_rows) != len(rows):
                raise ValueError("stimulus_rows must list the same samples as rows")
            xy = np.array([(r[1], r[2]) for r in stimulus_rows], np.float64).reshape(-1, 2)
            times = [r[5] if len(r) > 5 else None for r in stimulus_rows]
            if any(v is not None for v in times):
                st = np.array([np.nan if v is None else v for v in times], np.float64)
        return cls(int(record["id"]), rows, screen, record.get("stimulus") or SCREEN, placement,
                   record.get("started_at"), record.get("name") or "", record.get("participant"),
                   record.get("study"), xy, st)

    @property
    def participant_key(self) -> str:
        return self.participant if self.participant else f"session {self.session_id}"

    def placement_or_default(self) -> Placement:
        if self.placement is not None:
            return self.placement
        return Placement.identity(self.screen.width_px, self.screen.height_px)


@dataclass
class AOISessionMetrics:
    """The metrics of one AOI in one session (definitions in the module doc); one row of the CSV export."""

    session_id: int
    session: str
    participant: str | None
    study: str | None
    stimulus: str
    aoi: str
    ttff_s: float | None
    first_fixation_s: float | None
    dwell_s: float
    dwell_share: float
    fixations: int
    revisits: int
    looked: bool
    first_fixation_sx: float | None = None
    first_fixation_sy: float | None = None
    first_fixation_st: float | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def _looking(rows: Sequence[Row]) -> np.ndarray:
    return np.array([r[4] == "ok" and r[3] > 0 and math.isfinite(r[1]) and math.isfinite(r[2]) for r in rows], bool)


def sample_durations(times: np.ndarray) -> np.ndarray:
    """The time each sample stands for: up to the next sample, at most 2 x the median interval."""
    if len(times) == 0:
        return np.zeros(0)
    gaps = np.diff(times)
    positive = gaps[gaps > 0]
    median = float(np.median(positive)) if len(positive) else 0.0
    return np.append(np.clip(gaps, 0.0, 2.0 * median), median)


def session_fixations(rows: Sequence[Row], screen: ScreenGeometry) -> list[Fixation]:
    """The I-DT fixations (screen px) of the looking samples among `rows`, which must be in time order.

    The window is 2 x FIXATION_DISPERSION_DEG on this session's screen, so it is the same angle on any screen.
    """
    mask = _looking(rows)
    points = [(r[0], r[1], r[2]) for r, ok in zip(rows, mask, strict=True) if ok]
    return detect_fixations(points, 2.0 * screen.deg_to_px(FIXATION_DISPERSION_DEG), FIXATION_MIN_S)


def session_metrics(session: SessionInput, aois: Sequence[AOI]) -> list[AOISessionMetrics]:
    """The metrics of every AOI on this session's stimulus (AOIs of other stimuli are skipped)."""
    applicable = [a for a in aois if a.stimulus == session.stimulus]
    if not applicable:
        return []
    order = sorted(range(len(session.rows)), key=lambda i: session.rows[i][0])
    rows = [session.rows[i] for i in order]
    times = np.array([r[0] for r in rows], np.float64)
    durations = sample_durations(times)
    looking = _looking(rows)
    placement = session.placement_or_default()
    total_looking = float(durations[looking].sum())
    fixations = session_fixations(rows, session.screen)
    if session.stimulus_xy is None:
        xy = placement.to_stimulus(np.array([(r[1], r[2]) for r in rows], np.float64).reshape(-1, 2))
        centroids = placement.to_stimulus(np.array([(f.x, f.y) for f in fixations], np.float64).reshape(-1, 2))
    else:
        xy = np.asarray(session.stimulus_xy, np.float64).reshape(-1, 2)[order]
        centroids = _stimulus_centroids(fixations, times, looking, xy)
    video_t = None if session.stimulus_t is None else np.asarray(session.stimulus_t, np.float64)[order]
    start = session.started_at if session.started_at is not None else (float(times[0]) if len(times) else 0.0)
    if len(times):
        start = min(start, float(times[0]))
    out = []
    for aoi in applicable:
        inside = aoi.contains_many(xy) & looking
        dwell = float(durations[inside].sum())
        hits = aoi.contains_many(centroids) if len(fixations) else np.zeros(0, bool)
        k = next((i for i, hit in enumerate(hits) if hit), None)
        first = None if k is None else fixations[k]
        where = (None, None) if k is None else (float(centroids[k][0]), float(centroids[k][1]))
        visits = int(np.sum(hits[1:] & ~hits[:-1]) + (1 if len(hits) and hits[0] else 0))
        out.append(AOISessionMetrics(
            session_id=session.session_id, session=session.name, participant=session.participant,
            study=session.study, stimulus=session.stimulus, aoi=aoi.name,
            ttff_s=None if first is None else float(first.start - start),
            first_fixation_s=None if first is None else float(first.duration),
            dwell_s=dwell, dwell_share=dwell / total_looking if total_looking > 0 else 0.0,
            fixations=int(hits.sum()), revisits=max(0, visits - 1), looked=first is not None,
            first_fixation_sx=where[0], first_fixation_sy=where[1],
            first_fixation_st=None if first is None else _video_time_at(first.start, times, video_t),
        ))
    return out


def _video_time_at(t: float, times: np.ndarray, video_t: np.ndarray | None) -> float | None:
    """The video time stored with the sample at `t` (a fixation's first point); None when none was."""
    if video_t is None or not len(times):
        return None
    i = min(int(np.searchsorted(times, t - 1e-9)), len(times) - 1)
    value = float(video_t[i])
    return value if math.isfinite(value) else None


def _stimulus_centroids(fixations: Sequence[Fixation], times: np.ndarray, looking: np.ndarray,
                        xy: np.ndarray) -> np.ndarray:
    """Each fixation's centroid in stimulus px: the mean stimulus point of its looking samples (the
    fixation spans its first to last point, so these are exactly the samples it was found from).
    """
    out = np.zeros((len(fixations), 2), np.float64)
    for i, f in enumerate(fixations):
        inside = looking & (times >= f.start - 1e-9) & (times <= f.start + f.duration + 1e-9)
        out[i] = xy[inside].mean(axis=0) if inside.any() else (np.nan, np.nan)
    return out


def _stats(values: Sequence[float]) -> dict:
    v = np.array([x for x in values if x is not None], np.float64)
    if not len(v):
        return {"n": 0, "mean": None, "sd": None, "min": None, "max": None}
    return {"n": int(len(v)), "mean": float(v.mean()), "sd": float(v.std(ddof=1)) if len(v) > 1 else None,
            "min": float(v.min()), "max": float(v.max())}


def summarize(per_session: Sequence[AOISessionMetrics]) -> list[dict]:
    """Per (stimulus, AOI) across sessions: mean and spread of each metric, and the share of participants
    who fixated the AOI at all.
    """
    groups: dict[tuple[str, str], list[AOISessionMetrics]] = {}
    for m in per_session:
        groups.setdefault((m.stimulus, m.aoi), []).append(m)
    out = []
    for (stimulus, aoi), items in groups.items():
        participants: dict[str, bool] = {}
        for m in items:
            key = m.participant if m.participant else f"session {m.session_id}"
            participants[key] = participants.get(key, False) or m.looked
        out.append({
            "stimulus": stimulus, "aoi": aoi, "sessions": len(items), "participants": len(participants),
            "participants_looked": sum(participants.values()),
            "participants_looked_share": sum(participants.values()) / len(participants),
            **{name: _stats([getattr(m, name) for m in items]) for name in METRICS},
        })
    return out


def compute(sessions: Sequence[SessionInput], aois: Sequence[AOI]) -> tuple[list[AOISessionMetrics], list[dict]]:
    """Per-session metrics (sessions in the given order, AOIs in file order) and their summary."""
    per_session = [m for s in sessions for m in session_metrics(s, aois)]
    return per_session, summarize(per_session)


CSV_COLUMNS = ("session_id", "session", "participant", "study", "stimulus", "aoi", "ttff_s", "first_fixation_s",
               "dwell_s", "dwell_share", "fixations", "revisits", "looked",
               "first_fixation_sx", "first_fixation_sy", "first_fixation_st")


def csv_rows(per_session: Sequence[AOISessionMetrics]) -> list[list[str]]:
    """The CSV cells of each metrics row, in CSV_COLUMNS order: "" for None, 1/0 for booleans, 4 decimals."""
    def cell(v: object) -> str:
        if v is None:
            return ""
        if isinstance(v, bool):
            return "1" if v else "0"
        if isinstance(v, float):
            return f"{v:.4f}"
        return str(v)

    return [[cell(getattr(m, c)) for c in CSV_COLUMNS] for m in per_session]
