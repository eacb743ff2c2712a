"""Teaching stays fast: the cross-validation's fits run together (same answers as one by one), and photos
are embedded once, when they are added, so Teach then only fits."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("onnx")

from alyesdesk.inference.waste import teach as T  # noqa: E402
from test_teach import _blobs, _class_folder, bundled  # noqa: E402,F401 - the tiny base model fixture


def test_batched_logistic_fits_equal_separate_fits() -> None:
    x, y = _blobs(spread=1.5)
    rng = np.random.default_rng(3)
    weights = rng.uniform(0.0, 1.0, size=(3, len(y)))
    weights[1, :5] = 0.0  # a held-out fold
    lams = np.array([1e-2, 1e-3, 1e-1])
    offset, gate = rng.normal(size=(len(y), 3)), rng.uniform(0.2, 1.0, size=len(y))
    w_all, b_all = T.fit_logreg(x, y, 3, lam=lams, sample_weight=weights, offset=offset, gate=gate, iterations=200)
    assert w_all.shape == (3, 3, x.shape[1]) and b_all.shape == (3, 3)
    for i in range(3):
        w, b = T.fit_logreg(x, y, 3, lam=lams[i], sample_weight=weights[i], offset=offset, gate=gate, iterations=200)
        assert np.allclose(w, w_all[i], atol=1e-4) and np.allclose(b, b_all[i], atol=1e-4)


def test_photos_embedded_when_added_are_not_embedded_again_by_teach(tmp_path: Path, bundled: Path,  # noqa: F811
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from alyesdesk.inference.waste import projects
    from alyesdesk.storage import open_database

    monkeypatch.setattr(projects, "_embedding_cache", {})  # not what other tests left there
    folder = _class_folder(tmp_path / "photos", per_class=3)
    db = open_database()
    pid = db.create_project("Warm", ["red_thing", "green_thing"])
    for label in ("red_thing", "green_thing"):
        projects.add_files(db, pid, label, [folder / label])
    assert projects.warm_project(db, pid) == 6
    assert projects.warm_project(db, pid) == 0  # cached by the stored bytes' hash

    def refuse(*_args: object) -> None:
        raise AssertionError("embedded again")

    monkeypatch.setattr(T.Embedder, "__call__", refuse)
    result = projects.teach_project(db, pid)
    assert result.evaluation.accuracy == 1.0 and result.onnx_path.is_file()
    db.close()
