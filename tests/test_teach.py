"""Teaching (issue 16): the embedding output, the numpy heads, their ONNX export, leave-one-out maths,
`alyesdesk teach`, and projects kept in (and deleted from) the encrypted database."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

from alyesdesk.inference.waste import teach as T  # noqa: E402
from alyesdesk.inference.waste.embedding import add_embedding_output, affine_head, declare_in_sidecar  # noqa: E402
from waste_testkit import WASTE_LABELS  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data" / "waste"


# --- a tiny backbone ----------------------------------------------------------------------------------
def _tiny_graph(ensemble: bool = False, mirror: bool = False) -> onnx.ModelProto:
    """image [b,3,16,16] -> mean colour -> relu(linear) features [b,6] -> Gemm -> 9 logits; with
    `ensemble`, two such members whose logits are averaged (the second one also averages a mirror pass
    the way the bundled model does: batch of 2N, Slice, Add, Div)."""
    rng = np.random.default_rng(0)
    inits, nodes = [], []

    def member(prefix: str, image: str, two: bool) -> str:
        p = rng.normal(size=(3, 6)).astype(np.float32) * 4
        w = rng.normal(size=(9, 6)).astype(np.float32)
        inits.extend([numpy_helper.from_array(p, f"{prefix}p"), numpy_helper.from_array(w, f"{prefix}w"),
                      numpy_helper.from_array(rng.normal(size=9).astype(np.float32), f"{prefix}b")])
        src = image
        if two:
            nodes.append(helper.make_node("Mul", [image, "half"], [f"{prefix}flip"]))  # a stand-in "mirror"
            nodes.append(helper.make_node("Concat", [image, f"{prefix}flip"], [f"{prefix}both"], axis=0))
            src = f"{prefix}both"
        nodes.extend([
            helper.make_node("ReduceMean", [src], [f"{prefix}pool"], axes=[2, 3], keepdims=0),
            helper.make_node("MatMul", [f"{prefix}pool", f"{prefix}p"], [f"{prefix}lin"]),
            helper.make_node("Relu", [f"{prefix}lin"], [f"{prefix}feat"]),
            helper.make_node("Gemm", [f"{prefix}feat", f"{prefix}w", f"{prefix}b"], [f"{prefix}out"], transB=1),
        ])
        if not two:
            return f"{prefix}out"
        nodes.extend([
            helper.make_node("Shape", [image], [f"{prefix}shape"]),
            helper.make_node("Gather", [f"{prefix}shape", "zero"], [f"{prefix}n"], axis=0),
            helper.make_node("Unsqueeze", [f"{prefix}n", "zero1"], [f"{prefix}n1"]),
            helper.make_node("Slice", [f"{prefix}out", "zero1", f"{prefix}n1", "zero1"], [f"{prefix}s1"]),
            helper.make_node("Slice", [f"{prefix}out", f"{prefix}n1", "big", "zero1"], [f"{prefix}s2"]),
            helper.make_node("Add", [f"{prefix}s1", f"{prefix}s2"], [f"{prefix}sum"]),
            helper.make_node("Div", [f"{prefix}sum", "two"], [f"{prefix}logits"]),
        ])
        return f"{prefix}logits"

    inits += [numpy_helper.from_array(np.array(0.5, np.float32), "half"),
              numpy_helper.from_array(np.array(2.0, np.float32), "two"),
              numpy_helper.from_array(np.array(0, np.int64), "zero"),
              numpy_helper.from_array(np.array([0], np.int64), "zero1"),
              numpy_helper.from_array(np.array([1 << 30], np.int64), "big"),
              numpy_helper.from_array(np.array(0.5, np.float32), "inv_count")]
    if ensemble:
        a = member("m0_", "image", False)
        b = member("m1_", "image", mirror)
        nodes += [helper.make_node("Sum", [a, b], ["logit_sum"]),
                  helper.make_node("Mul", ["logit_sum", "inv_count"], ["logits"])]
    else:
        nodes.append(helper.make_node("Identity", [member("m0_", "image", False)], ["logits"]))
    graph = helper.make_graph(nodes, "tiny", [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 3, 16, 16])],
                              [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 9])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    return model


def _sidecar(name: str = "tiny_base") -> dict:
    return {"schema_version": 1, "task": "classify", "name": name, "version": "0.0.1", "licence": "test only",
            "inputs": [{"name": "image", "shape": ["batch", 3, 16, 16], "dtype": "float32", "layout": "NCHW",
                        "color_order": "RGB", "resize": "stretch",
                        "normalization": {"scale": 1 / 255, "mean": [0.0], "std": [1.0]}}],
            "outputs": [{"name": "logits", "shape": ["batch", 9], "dtype": "float32", "layout": "NC"}],
            "labels": WASTE_LABELS, "calibration": {"temperature": 1.0}, "thresholds": {"not_sure": 0.5}}


def write_base(folder: Path, name: str = "tiny_base", ensemble: bool = True) -> Path:
    model, width = add_embedding_output(_tiny_graph(ensemble=ensemble, mirror=ensemble))
    folder.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(folder / f"{name}.onnx"))
    (folder / f"{name}.json").write_text(json.dumps(declare_in_sidecar(_sidecar(name), width)), encoding="utf-8")
    return folder / f"{name}.onnx"


def _run(model: onnx.ModelProto, x: np.ndarray) -> dict[str, np.ndarray]:
    import onnxruntime as ort

    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    return dict(zip(names, session.run(None, {"image": x})))


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bundled-models folder holding only the tiny base model (with an embedding output)."""
    from alyesdesk import paths
    from alyesdesk.inference import catalog

    folder = tmp_path / "bundled"
    write_base(folder)
    monkeypatch.setattr(paths, "bundled_models_dir", lambda: folder)
    catalog.clear_cache()
    yield folder
    catalog.clear_cache()


# --- the embedding output -----------------------------------------------------------------------------
@pytest.mark.parametrize("ensemble", [False, True])
def test_embedding_output_keeps_logits_and_they_are_affine_in_it(ensemble: bool) -> None:
    base = _tiny_graph(ensemble=ensemble, mirror=ensemble)
    model, width = add_embedding_output(base)
    assert width == (12 if ensemble else 6)  # members concatenated
    assert [o.name for o in model.graph.output] == ["logits", "embedding"]
    x = np.random.default_rng(1).uniform(0, 1, (40, 3, 16, 16)).astype(np.float32)
    before, after = _run(base, x)["logits"], _run(model, x)
    np.testing.assert_allclose(after["logits"], before, rtol=1e-6, atol=1e-6)
    assert after["embedding"].shape == (40, width)
    _, _, residual = affine_head(after["embedding"], after["logits"])  # 40 > width + 1: a real test
    assert residual < 1e-4


def test_embedding_output_by_name_and_refusals() -> None:
    from alyesdesk.inference.errors import ModelError

    model, width = add_embedding_output(_tiny_graph(), ["m0_pool"])
    assert width == 3
    with pytest.raises(ModelError, match="no tensor"):
        add_embedding_output(_tiny_graph(), ["nope"])
    with pytest.raises(ModelError, match="already"):
        add_embedding_output(model)


def test_classifier_ignores_the_embedding_and_old_sidecars_still_load(tmp_path: Path) -> None:
    from alyesdesk.inference import catalog
    from alyesdesk.inference.waste.embedding import embedding_output
    from waste_testkit import tiny_classifier

    path = write_base(tmp_path)
    classifier = catalog.load_model(path)
    image = np.full((20, 30, 3), 90, np.uint8)
    prediction = classifier.predict(image)
    assert prediction.label in WASTE_LABELS and len(prediction.probabilities) == 9
    embeddings, logits = T.Embedder(classifier)([image, image])
    assert embeddings.shape == (2, 12) and logits.shape == (2, 9)
    old = catalog.load_model(tiny_classifier(tmp_path / "old"))  # no embedding declared
    assert embedding_output(old.spec) is None
    with pytest.raises(Exception, match="embedding"):
        T.Embedder(old)


# --- numpy heads --------------------------------------------------------------------------------------
def _blobs(k: int = 3, n: int = 6, d: int = 16, spread: float = 0.6, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(k, d)) * 2
    y = np.repeat(np.arange(k), n)
    return centres[y] + rng.normal(size=(len(y), d)) * spread, y


def test_closed_form_leave_one_out_equals_refitting_without_each_photo() -> None:
    x, y = _blobs(spread=2.0)
    z = T.normalise(x, x.mean(axis=0))
    fast = T.loo_ncm_scores(z, y, 3)
    for i in range(len(y)):
        keep = np.arange(len(y)) != i
        means = np.stack([z[keep & (y == c)].mean(axis=0) for c in range(3)])
        np.testing.assert_allclose(fast[i], T.ncm_scores(z[i:i + 1], means)[0], atol=1e-10)


def test_ncm_head_learns_a_temperature_and_reports_confusion_and_ambiguity() -> None:
    x, y = _blobs()
    head, ev = T.fit_ncm(x, y, ["a", "b", "c"])
    assert ev.accuracy == 1.0 and ev.confusion == [[6, 0, 0], [0, 6, 0], [0, 0, 6]]
    assert head.info["temperature"] > 1.0 and ev.ambiguous == []
    assert (head.logits(x).argmax(axis=1) == y).all()
    x2, y2 = _blobs(spread=4.0, seed=3)  # overlapping classes: mistakes and doubts are listed
    _, ev2 = T.fit_ncm(x2, y2, ["a", "b", "c"])
    assert ev2.accuracy < 1.0 and ev2.ambiguous
    assert sum(map(sum, ev2.confusion)) == len(y2)
    with pytest.raises(Exception, match="at least 2"):
        T.fit_ncm(x[:7], y[:7], ["a", "b", "c"])  # class b has one photo


def test_logistic_regression_optimum_and_pull_to_the_original_head() -> None:
    x, y = _blobs(spread=1.5)
    w, b = T.fit_logreg(x, y, 3, lam=1e-2, iterations=3000)
    p = np.exp(T._log_softmax(x @ w.T + b))
    grad_w = ((p - np.eye(3)[y]).T @ x) / len(y) + 1e-2 * w
    assert np.abs(grad_w).max() < 1e-3  # a stationary point of the penalised loss
    assert (p.argmax(axis=1) == y).mean() == 1.0
    w0, b0 = np.ones((3, 16)), np.zeros(3)
    w_far, _ = T.fit_logreg(x, y, 3, lam=1e4, w0=w0, b0=b0)
    assert np.abs(w_far - w0).max() < 1e-2  # a strong pull keeps the original head


def test_adapting_keeps_the_old_classes_and_learns_the_new_domain() -> None:
    rng = np.random.default_rng(0)
    k, d = 3, 8
    centres = rng.normal(size=(k, d)) * 3
    ty = np.repeat(np.arange(k), 40)
    tx = centres[ty] + rng.normal(size=(len(ty), d))
    w0, b0 = T.fit_logreg(tx, ty, k, lam=1e-2)
    shift = rng.normal(size=d) * 4  # the user's photos look different (another background)
    uy = np.repeat(np.arange(k), 10)
    ux = centres[uy] * 0.6 + shift + rng.normal(size=(len(uy), d))
    summary = T.Summary(["a", "b", "c"], tx, ty, tx + rng.normal(size=tx.shape) * 0.1, ty, w0, b0, "x")
    head, ev, report = T.fit_adapted(summary, ux, uy)
    assert report["cv_accuracy"] >= report["user_accuracy_before"] + 0.2
    assert report["test_accuracy_after"] >= report["test_accuracy_before"] - 0.02
    assert report["test_gate_mean"] < 0.2 and head.gate(ux).mean() > 0.8  # acts on the user's photos only
    assert ev.method.endswith("cross-validation") and len(ev.predicted) == len(uy)


# --- ONNX export --------------------------------------------------------------------------------------
@pytest.mark.parametrize("centred", [True, False])
def test_exported_graph_matches_the_numpy_head(tmp_path: Path, centred: bool) -> None:
    path = write_base(tmp_path)
    x = np.random.default_rng(2).uniform(0, 1, (7, 3, 16, 16)).astype(np.float32)
    emb = _run(onnx.load(str(path)), x)["embedding"]
    rng = np.random.default_rng(3)
    head = T.Head(rng.normal(size=(4, emb.shape[1])).astype(np.float32), rng.normal(size=4).astype(np.float32),
                  emb.mean(axis=0) if centred else None)
    model = T.head_model(path, "embedding", head)
    out = _run(model, x)
    assert [o.name for o in model.graph.output] == ["logits", "embedding"]
    np.testing.assert_allclose(out["logits"], head.logits(emb), rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(out["embedding"], emb, rtol=1e-6)


def test_exported_gated_head_matches_numpy(tmp_path: Path) -> None:
    path = write_base(tmp_path)
    x = np.random.default_rng(2).uniform(0, 1, (7, 3, 16, 16)).astype(np.float32)
    out0 = _run(onnx.load(str(path)), x)
    rng = np.random.default_rng(4)
    d = out0["embedding"].shape[1]
    basis, _ = np.linalg.qr(rng.normal(size=(d, 4)))
    head = T.GatedHead(out0["embedding"].mean(axis=0), basis, rng.normal(size=4), 0.3,
                       rng.normal(size=(9, 4)), rng.normal(size=9))
    out = _run(T.head_model(path, "embedding", head), x)
    np.testing.assert_allclose(out["logits"], head.logits(out0["embedding"], out0["logits"]), rtol=1e-4, atol=1e-4)


# --- the command --------------------------------------------------------------------------------------
def _class_folder(root: Path, per_class: int = 4) -> Path:
    import cv2

    rng = np.random.default_rng(5)
    colours = {"red_thing": (20, 20, 220), "green_thing": (20, 200, 30), "blue_thing": (210, 40, 20)}
    for name, bgr in colours.items():
        (root / name).mkdir(parents=True)
        for i in range(per_class):
            image = np.clip(np.array(bgr)[None, None] + rng.normal(0, 25, (24, 24, 3)), 0, 255).astype(np.uint8)
            cv2.imwrite(str(root / name / f"{i}.png"), image)
    (root / "red_thing" / "broken.jpg").write_bytes(b"not an image")
    return root


def test_cli_teach_installs_a_model_that_classify_uses_by_name(tmp_path: Path, bundled: Path,
                                                               capsys: pytest.CaptureFixture) -> None:
    from alyesdesk.cli import run
    from alyesdesk.storage import open_database

    folder = _class_folder(tmp_path / "photos")
    assert run(["teach", str(folder), "--name", "My Colours", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["name"] == "my_colours" and out["accuracy"] == 1.0 and out["photos"] == 12
    assert out["labels"] == ["blue_thing", "green_thing", "red_thing"] and len(out["skipped"]) == 1
    assert Path(out["model"]).is_file() and out["stored"] is True
    code = run(["classify", str(folder / "green_thing" / "0.png"), "--model", "my_colours", "--json", "--no-store"])
    rows = json.loads(capsys.readouterr().out)
    assert code == 0 and rows[0]["label"] == "green_thing"
    db = open_database()  # the photos are kept as a project of the Waste tab
    try:
        project = db.project_by_name("my_colours")
        assert project["counts"] == {"blue_thing": 4, "green_thing": 4, "red_thing": 4}
        assert project["model_name"] == "my_colours"
    finally:
        db.close()
    assert run(["teach", str(tmp_path / "missing"), "--name", "x"]) == 2


# --- projects in the database -------------------------------------------------------------------------
def test_project_survives_restart_and_deletion_removes_photos_and_model(tmp_path: Path, bundled: Path) -> None:
    from alyesdesk.inference import catalog
    from alyesdesk.inference.importer import check_in_subprocess
    from alyesdesk.inference.waste import projects
    from alyesdesk.storage import open_database

    folder = _class_folder(tmp_path / "photos", per_class=3)
    db = open_database()
    pid = db.create_project("Kitchen", ["red_thing", "green_thing", "blue_thing"])
    with pytest.raises(Exception, match="already"):
        db.create_project("Kitchen")
    for label in ("red_thing", "green_thing", "blue_thing"):
        report = projects.add_files(db, pid, label, [folder / label])
        assert report.added == 3
    assert projects.add_files(db, pid, "red_thing", [folder / "red_thing" / "0.png"]).duplicates == 1
    result = projects.teach_project(db, pid)
    assert result.evaluation.accuracy == 1.0 and result.onnx_path.is_file()
    db.close()

    db = open_database()  # "restart"
    project = db.project(pid)
    assert project["classes"] == ["red_thing", "green_thing", "blue_thing"]
    assert project["model_name"] == "kitchen" and project["metrics"]["accuracy"] == 1.0
    photos = db.project_photos(pid)
    assert len(photos) == 9 and all(p["image_format"] == "png" for p in photos)
    assert max(projects.decode_photo(p["image"]).shape[:2] for p in photos) <= (512, 512)
    info = next(m for m in catalog.models_for("classify") if m.spec.name == "kitchen")
    check_in_subprocess(info.onnx_path, info.sidecar_path)  # importable elsewhere as an ordinary model
    model = catalog.load_model(info.onnx_path)
    assert model.predict(projects.decode_photo(photos[0]["image"])).label == photos[0]["label"]

    other = db.create_project("Garage", ["a", "b"])
    removed = projects.delete_project(db, pid)
    assert {p.suffix for p in removed} == {".onnx", ".json"}
    assert db.project(pid) is None and db.count_project_photos(pid) == 0
    assert [p["id"] for p in db.projects()] == [other]
    db.close()


def test_correction_photos_are_kept_and_exported_from_the_database(tmp_path: Path, db) -> None:  # noqa: ANN001
    from alyesdesk.inference.waste.classify import export_corrections
    from alyesdesk.inference.waste.projects import encode_photo

    image = np.zeros((900, 1200, 3), np.uint8)
    image[:, :600] = 200
    data, fmt, sha = encode_photo(image)
    gone = tmp_path / "gone.jpg"
    rid = db.save_classification(str(gone), "f" * 64, "glass", 0.8, {"glass": 0.8, "plastic": 0.2}, None)
    db.set_correction(rid, "plastic")
    db.save_training_image(rid, data, fmt)
    rows = db.labelled_images()
    assert [(r["label"], r["correction"]) for r in rows] == [("glass", "plastic")]
    from alyesdesk.inference.images import decode_image

    assert decode_image(rows[0]["image"]).shape[:2] == (384, 512)  # long side 512
    report = export_corrections(db.corrections_with_images(), tmp_path / "out")
    assert report.per_label == {"plastic": 1} and not report.skipped  # the file is gone, the bytes are not
    db.delete_result(rid)
    assert db.training_image(rid) is None


# --- shared data: the targets (skipped without ../shared/data) ------------------------------------------
@pytest.mark.skipif(not (SHARED / "restaurant").is_dir(), reason="needs ../shared/data/waste")
def test_six_photos_per_class_tell_cups_utensils_and_lids_apart() -> None:
    from alyesdesk.inference import catalog
    from alyesdesk.inference.images import read_image

    classifier, info = catalog.open_for_task("classify", REPO / "models" / "waste_classifier.onnx")
    classes = ["plastic_cup", "plastic_utensil", "plastic_lid"]
    rng = np.random.default_rng(0)
    accuracies = []
    for _ in range(3):
        picks = [(c, p) for c in classes for p in rng.choice(sorted((SHARED / "restaurant" / c).glob("*.jpg")), 6, replace=False)]
        emb, _ = T.Embedder(classifier)([read_image(p) for _, p in picks])
        _, ev = T.fit_ncm(emb, np.array([classes.index(c) for c, _ in picks]), classes)
        accuracies.append(ev.accuracy)
    # A regression floor, NOT the 0.90 target, which this backbone misses: scripts/bench_teach.py
    # measured 0.75 on average over 20 draws (0.84 with all 145 photos).
    assert np.mean(accuracies) >= 0.6
