"""One Euro filter, blink gating, fixation detection, screen geometry (pure logic, fast)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from alyesdesk.inference.gaze.filters import BlinkGate, NullFilter, OneEuroFilter, PointFilter
from alyesdesk.inference.gaze.fixations import FixationDetector, detect_fixations
from alyesdesk.inference.gaze.screen import ScreenGeometry


def test_one_euro_reduces_jitter_at_rest() -> None:
    rng = np.random.default_rng(0)
    f = OneEuroFilter(min_cutoff=1.0, beta=0.0)
    t = np.arange(300) / 30.0
    noisy = 500 + rng.normal(0, 20, len(t))
    out = np.array([f(ti, xi) for ti, xi in zip(t, noisy)])
    assert out[60:].std() < noisy[60:].std() / 3
    assert abs(out[60:].mean() - 500) < 5


def test_one_euro_speed_adaptation_cuts_lag_after_a_saccade() -> None:
    t = np.arange(90) / 30.0
    step = np.where(t < 1.0, 0.0, 1000.0)
    slow = OneEuroFilter(min_cutoff=0.5, beta=0.0)
    fast = OneEuroFilter(min_cutoff=0.5, beta=0.05)
    slow_out = np.array([slow(a, b) for a, b in zip(t, step)])
    fast_out = np.array([fast(a, b) for a, b in zip(t, step)])
    k = int(np.searchsorted(t, 1.0)) + 3  # 100 ms after the saccade
    assert fast_out[k] > 900  # the adaptive filter has nearly caught up
    assert slow_out[k] < 600  # a plain low-pass of the same rest cut-off lags far behind


def test_one_euro_rejects_bad_parameters_and_duplicate_time() -> None:
    with pytest.raises(ValueError):
        OneEuroFilter(min_cutoff=0)
    f = OneEuroFilter()
    assert f(1.0, 10.0) == 10.0
    assert f(1.0, 50.0) == 10.0  # same timestamp: no rate, state kept
    f.reset()
    assert f(2.0, 50.0) == 50.0


def test_null_filter_is_identity_and_point_filter_smooths() -> None:
    assert NullFilter()(0.0, 3.0, 4.0) == (3.0, 4.0)
    pf = PointFilter()
    pf(0.0, 0.0, 0.0)
    x, y = pf(1 / 30, 100.0, 100.0)
    assert 0 < x < 100 and 0 < y < 100


def test_blink_gate_holds_then_resets() -> None:
    gate = BlinkGate(NullFilter(), reset_after_s=0.5)
    assert gate.update(0.0, None) is None  # nothing to hold yet
    p = gate.update(0.1, (10.0, 20.0))
    assert p is not None and not p.held
    held = gate.update(0.2, None)
    assert held is not None and held.held and (held.x, held.y) == (10.0, 20.0)
    assert gate.update(1.0, None) is None  # too long without a good frame: dropped


def _stream(points: list[tuple[float, float, float]], rng: np.random.Generator, noise: float):
    out = []
    t = 0.0
    for x, y, dur in points:
        for _ in range(int(dur * 60)):
            out.append((t, x + rng.normal(0, noise), y + rng.normal(0, noise)))
            t += 1 / 60
    return out


def test_idt_finds_fixations_with_start_duration_centroid() -> None:
    rng = np.random.default_rng(1)
    stream = _stream([(200, 200, 0.5), (1200, 700, 0.4), (600, 300, 0.3)], rng, 5.0)
    fixes = detect_fixations(stream, max_dispersion_px=60, min_duration_s=0.1)
    assert len(fixes) == 3
    assert math.hypot(fixes[0].x - 200, fixes[0].y - 200) < 5
    assert math.hypot(fixes[1].x - 1200, fixes[1].y - 700) < 5
    assert abs(fixes[1].start - 0.5) < 0.05
    assert abs(fixes[1].duration - 0.4) < 0.05


def test_idt_ignores_short_glances_and_splits_on_gaps() -> None:
    det = FixationDetector(max_dispersion_px=50, min_duration_s=0.2, max_gap_s=0.1)
    out = []
    for i in range(6):  # 0.1 s: too short to be a fixation
        out += det.push(i / 60, 100, 100)
    for i in range(30):
        out += det.push(1.0 + i / 60, 500, 500)
    for i in range(30):  # same place after a 0.5 s hole (a blink): a new fixation
        out += det.push(2.0 + i / 60, 500, 500)
    out += det.flush()
    assert len(out) == 2
    assert all(abs(f.x - 500) < 1e-6 for f in out)


def test_screen_degrees() -> None:
    screen = ScreenGeometry()  # 24-inch 1920x1080 at 60 cm: ~38 px per degree
    assert 0.9 < screen.px_to_deg(38) < 1.1
    assert abs(screen.px_to_deg(screen.deg_to_px(2.0)) - 2.0) < 1e-9
    laptop = ScreenGeometry(1920, 1080, 344, 194, 50)
    assert 45 < laptop.deg_to_px(1.0) < 53
    with pytest.raises(ValueError):
        ScreenGeometry(distance_cm=0)
