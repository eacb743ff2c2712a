"""Qt-free live helpers: the newest-wins slot and a calibration run from its stored ONNX bytes."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze.calibration import ValidationReport, PointResult
from alyesdesk.inference.gaze.fit import FitError, fit_calibrated
from alyesdesk.inference.gaze.screen import ScreenGeometry
from alyesdesk.inference.gaze.live import LatestSlot, StoredCalibration, TargetLog, worst_calibration_targets

SCREEN = ScreenGeometry(1920, 1080)


def test_latest_slot_keeps_only_the_newest_and_counts_drops() -> None:
    slot: LatestSlot[int] = LatestSlot()
    assert slot.take() is None
    for i in range(100):
        slot.put(i)
    assert len(slot) == 1 and slot.dropped == 99 and slot.put_count == 100
    assert slot.take() == 99 and slot.take() is None


def test_latest_slot_under_a_concurrent_producer() -> None:
    slot: LatestSlot[int] = LatestSlot()
    taken: list[int] = []
    took = threading.Event()

    def produce() -> None:
        # Paced to the consumer every 100 items (it waits until something was taken since), so the two
        # threads interleave on any machine: free-running, a fast producer could finish before one take.
        for i in range(5000):
            if i % 100 == 99:
                took.clear()
            slot.put(i)
            if i % 100 == 99:
                assert took.wait(10), "the consumer took nothing"

    thread = threading.Thread(target=produce)
    thread.start()
    while thread.is_alive():
        item = slot.take()
        if item is not None:
            taken.append(item)
            took.set()
    thread.join()
    last = slot.take()
    if last is not None:
        taken.append(last)
    # Counters read after the producer ended: exact.
    assert taken == sorted(taken) and taken[-1] == 4999 and len(set(taken)) == len(taken)
    assert len(taken) >= 50  # at least one take per paced block: the threads really interleaved
    assert slot.put_count == 5000
    assert slot.dropped + len(taken) == 5000  # every item was either shown or counted as dropped


def synthetic_samples(n_points: int = 9, per_point: int = 6):  # noqa: ANN201
    """Features that move linearly with the target: enough for a fit, no camera needed."""
    rng = np.random.default_rng(1)
    samples, targets = [], []
    for k in range(n_points):
        tx, ty = (k % 3 + 0.5) * SCREEN.width_px / 3, (k // 3 + 0.5) * SCREEN.height_px / 3
        for _ in range(per_point):
            f = np.zeros(S.FEATURE_COUNT, np.float32)
            f[0] = (tx / SCREEN.width_px - 0.5) * 0.2 + rng.normal(0, 0.002)
            f[1] = (ty / SCREEN.height_px - 0.5) * 0.1 + rng.normal(0, 0.002)
            f[2], f[3] = f[0], f[1]
            crop = rng.integers(0, 255, (S.CROP_SIZE, S.CROP_SIZE), dtype=np.uint8)
            samples.append(S.GazeSample(S.OK, crop, crop.copy(), f))
            targets.append((tx, ty))
    return samples, np.array(targets)


def test_stored_calibration_matches_the_numpy_model_and_recentres() -> None:
    samples, targets = synthetic_samples()
    model = fit_calibrated(samples, targets, SCREEN, "mediapipe")
    stored = StoredCalibration(model.to_onnx(), model.sidecar(), 7, {"mean_deg": 1.0})
    assert stored.frontend == "mediapipe" and stored.screen == SCREEN
    np.testing.assert_allclose(stored.predict_px(samples[:5]), model.predict_px(samples[:5]), atol=0.5)
    target = (1000.0, 500.0)
    moved = stored.recentred(samples[:6], target)
    assert np.median(moved.predict_px(samples[:6]), axis=0) == pytest.approx(target, abs=0.5)
    assert moved.sidecar["gaze"]["offset"] == pytest.approx(list(moved.offset_px / [SCREEN.width_px, SCREEN.height_px]))
    again = StoredCalibration.from_record({"model_onnx": moved.onnx, "sidecar": moved.sidecar, "id": 8})
    np.testing.assert_allclose(again.predict_px(samples[:3]), moved.predict_px(samples[:3]), atol=1e-3)
    with pytest.raises(FitError):
        stored.recentred([S.failed(S.BLINK, "eyes closed")], target)


def test_target_log_skips_the_settle_time_and_worst_targets_are_the_nearest() -> None:
    log = TargetLog(settle_s=0.5)
    ok = S.GazeSample(S.OK)
    log.show("calibrate", (100, 100), now=0.0)
    for t in (0.1, 0.4, 0.6, 0.9):
        log.add(t, ok)
    log.show("validate", (500, 500), now=1.0)
    log.add(1.6, ok)
    assert len(log.cal[(100.0, 100.0)]) == 2 and len(log.val[(500.0, 500.0)]) == 1
    report = ValidationReport(
        [PointResult((100, 100), (150, 100), 50, 1, 5), PointResult((1800, 1000), (1600, 1000), 200, 5, 5)],
        125, 125, 3, 3, 130, 3)
    cal = [(0, 0), (960, 540), (1900, 1000), (1700, 900)]
    chosen = worst_calibration_targets(report, cal, worst=1, nearest=2)
    assert chosen == [(1900.0, 1000.0), (1700.0, 900.0)]
