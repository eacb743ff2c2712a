"""The real-world waste recipe's pieces (label mapping, partial-label loss, not-waste score, copy-paste,
augmentation) and the "not a waste item" plumbing through the classifier, the per-file result, the CLI.
Everything here runs on tiny synthetic data; the last test uses ../shared/data and skips without it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from alyesdesk.training.waste import augment as A
from alyesdesk.training.waste import ood
from alyesdesk.training.waste import sources as S
from alyesdesk.training.waste.copypaste import board_mask, paste

from waste_testkit import WASTE_LABELS, solid


# --- label mapping ---------------------------------------------------------------------------------
def test_every_mapping_targets_known_materials() -> None:
    assert list(S.MATERIALS) == WASTE_LABELS
    for source, mapping in S.SOURCE_MAPS.items():
        for folder, allowed in mapping.items():
            assert allowed and set(allowed) <= set(S.MATERIALS), (source, folder)
    web, rest = S.SOURCE_MAPS["web"], S.SOURCE_MAPS["restaurant"]
    assert web["aluminium"] == ("metal",) and web["other_plastics"] == ("plastic",)
    assert set(web["paper_and_cardboard"]) == {"paper", "cardboard"}  # a partial label, never forced
    assert rest["chopsticks"] == ("wood",) and rest["food"] == ("organic_waste",) and rest["foil"] == ("metal",)
    assert rest["brown_box"] == ("cardboard",) and rest["tissue_paper"] == ("paper",)
    assert all(rest[f] == ("plastic",) for f in ("plastic_cup", "plastic_lid", "straw", "sauce_cup"))
    with pytest.raises(KeyError, match="no material mapping"):
        S.map_folder("restaurant", "mystery_item")


def test_allowed_mask_and_scoring_in_the_set() -> None:
    labels = (*S.MATERIALS, S.BACKGROUND)
    mask = np.array([S.allowed_mask(("paper", "cardboard"), labels), S.allowed_mask(("glass",), labels)])
    assert mask.sum(1).tolist() == [2, 1] and mask[0, 0] == mask[0, 3] == 1
    logits = np.zeros((2, 9))
    logits[0, 0] = 5  # cardboard for a paper|cardboard photo: right
    logits[1, 2] = 5  # metal for a glass photo: wrong
    assert ood.correct_in_set(logits, mask[:, :9]).tolist() == [True, False]
    with pytest.raises(ValueError):
        S.allowed_mask(("unobtainium",), labels)


def test_waste_samples_and_split_from_a_tiny_tree(tmp_path: Path) -> None:
    for rel in ("waste/web/paper_and_cardboard/a.jpg", "waste/web/glass/b.jpg", "waste/restaurant/chopsticks/c.jpg"):
        solid(tmp_path / rel, (10, 200, 30))
    web = S.waste_samples(tmp_path, "web")
    assert {(s.folder, s.allowed) for s in web} == {("paper_and_cardboard", ("paper", "cardboard")),
                                                    ("glass", ("glass",))}
    split = S.build_split(tmp_path, None, sources=("web", "restaurant"))
    every = [e["path"] for p in ("train", "val", "test") for e in split[p]]
    assert sorted(every) == sorted(set(every)) and len(every) == 3
    assert S.build_split(tmp_path, None, sources=("web", "restaurant"))["train"] == split["train"]  # seeded


# --- losses and scores -----------------------------------------------------------------------------
def test_partial_label_loss_is_minus_log_of_the_summed_probability() -> None:
    torch = pytest.importorskip("torch")
    from alyesdesk.training.waste.realworld import partial_label_loss

    logits = torch.tensor([[2.0, 1.0, 0.0], [0.0, 3.0, 1.0]])
    allowed = torch.tensor([[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    p = torch.softmax(logits, 1)
    want = -(torch.log(p[0, 0] + p[0, 1]) + torch.log(p[1, 2])) / 2
    assert torch.allclose(partial_label_loss(logits, allowed), want, atol=1e-6)
    # one allowed label: plain cross-entropy
    ce = torch.nn.functional.cross_entropy(logits, torch.tensor([0, 2]))
    assert torch.allclose(partial_label_loss(logits, torch.eye(3)[[0, 2]]), ce, atol=1e-6)


def test_waste_probability_is_one_minus_background() -> None:
    rng = np.random.default_rng(0)
    z = rng.normal(0, 3, (5, 10))  # 9 materials + background
    exported = z[:, :9] - z[:, 9:]
    e = np.exp(z - z.max(1, keepdims=True))
    p_bg = e[:, 9] / e.sum(1)
    assert np.allclose(ood.waste_probability(exported), 1 - p_bg)
    from alyesdesk.inference.classifier import in_domain_probability

    assert np.allclose([in_domain_probability(r) for r in exported], 1 - p_bg)
    assert in_domain_probability(np.array([-1e4, -1e4])) == pytest.approx(0.0, abs=1e-12)  # no overflow


def test_not_waste_threshold_flags_at_most_the_allowed_share_of_waste() -> None:
    rng = np.random.default_rng(1)
    waste, negatives = rng.uniform(0.5, 1.0, 1000), rng.uniform(0.0, 0.6, 500)
    t = ood.choose_not_waste(waste, negatives, max_waste_flagged=0.03)
    assert (waste < t).mean() <= 0.03 and 0 <= t <= 1
    conf = np.array([0.9, 0.9, 0.6, 0.6])
    assert ood.ece(conf, np.array([True, True, True, False])) == pytest.approx(0.5 * 0.1 + 0.5 * 0.1)


# --- copy-paste and augmentation -------------------------------------------------------------------
def test_board_mask_finds_an_item_on_a_white_board_and_paste_moves_it() -> None:
    import cv2

    img = np.full((96, 96, 3), 235, np.uint8)
    cv2.circle(img, (48, 50), 22, (200, 30, 30), -1)
    mask = board_mask(img)
    assert mask is not None
    truth = np.zeros((96, 96), np.uint8)
    cv2.circle(truth, (48, 50), 22, 1, -1)
    iou = (mask & truth).sum() / (mask | truth).sum()
    assert iou > 0.85
    assert board_mask(np.full((96, 96, 3), (30, 120, 40), np.uint8)) is None  # no pale board: refused
    rng = np.random.default_rng(0)
    out = paste(img, mask, A.texture("kraft", 96, rng), rng)
    assert out.shape == (96, 96, 3) and out.dtype == np.uint8
    # the white board is gone: no pixel of the output is board-white where the kraft paper shows
    assert (out.reshape(-1, 3).min(1) > 225).mean() < 0.05


@pytest.mark.parametrize("kind", A.TEXTURES)
def test_textures_and_photometric_keep_shape_and_type(kind: str) -> None:
    rng = np.random.default_rng(2)
    tex = A.texture(kind, 64, rng)
    assert tex.shape == (64, 64, 3) and tex.dtype == np.uint8
    for _ in range(5):
        out = A.cutout(A.photometric(A.geometric(tex, 40, rng), rng), rng, p=1.0)
        assert out.shape == (40, 40, 3) and out.dtype == np.uint8


def test_synthetic_test_negatives() -> None:
    rng = np.random.default_rng(3)
    for fn in A.SYNTHETIC_TEST_NEGATIVES.values():
        img = fn(120, rng)
        assert img.ndim == 3 and img.shape[0] == 120 and img.dtype == np.uint8


# --- "not a waste item" through the app ------------------------------------------------------------
def two_output_classifier(folder: Path, with_threshold: bool = True) -> Path:
    """Like waste_testkit.tiny_classifier, plus an `embedding` output (listed FIRST in the graph) and logits
    offset by -10: a black photo has every logit at -10 (not waste); a red one has cardboard at +2."""
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper

    weight = np.zeros((3, 9), np.float32)
    weight[0, 0], weight[1, 1], weight[2, 2] = 12.0, 12.0, 12.0
    nodes = [
        helper.make_node("ReduceMean", ["image"], ["embedding"], axes=[2, 3], keepdims=0),
        helper.make_node("MatMul", ["embedding", "w"], ["raw"]),
        helper.make_node("Add", ["raw", "b"], ["logits"]),
    ]
    graph = helper.make_graph(
        nodes, "two_outputs",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 3, 16, 16])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", 3]),
         helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 9])],
        initializer=[helper.make_tensor("w", TensorProto.FLOAT, [3, 9], weight.flatten().tolist()),
                     helper.make_tensor("b", TensorProto.FLOAT, [9], [-10.0] * 9)],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "two_outputs.onnx"
    onnx.save(model, str(path))
    sidecar = {
        "schema_version": 1, "task": "classify", "name": "two_outputs", "version": "0.0.1", "licence": "test only",
        "inputs": [{"name": "image", "shape": ["batch", 3, 16, 16], "dtype": "float32", "layout": "NCHW",
                    "color_order": "RGB", "resize": "stretch",
                    "normalization": {"scale": 1 / 255, "mean": [0.0], "std": [1.0]}}],
        "outputs": [{"name": "logits", "shape": ["batch", 9], "dtype": "float32", "layout": "NC"},
                    {"name": "embedding", "shape": ["batch", 3], "dtype": "float32", "layout": "NC"}],
        "labels": WASTE_LABELS,
        "calibration": {"temperature": 1.0},
        "thresholds": {"not_sure": 0.5, **({"not_waste": 0.5} if with_threshold else {})},
        **({"not_waste": {"score": "sigmoid(logsumexp(logits))", "output": "logits"}} if with_threshold else {}),
    }
    (folder / "two_outputs.json").write_text(json.dumps(sidecar), encoding="utf-8")
    return path


def test_classifier_flags_not_waste_and_ignores_the_embedding(tmp_path: Path) -> None:
    from alyesdesk.inference import catalog
    from alyesdesk.inference.images import read_image

    clf = catalog.load_model(two_output_classifier(tmp_path / "m"))
    red = read_image(solid(tmp_path / "red.png", (0, 0, 255)))
    black = read_image(solid(tmp_path / "black.png", (0, 0, 0)))
    p = clf.predict(red)
    assert p.label == "cardboard" and p.in_domain and p.in_domain_probability > 0.8
    q = clf.predict(black)
    assert not q.in_domain and q.in_domain_probability < 0.01
    # a 1.x sidecar (no thresholds.not_waste): every photo is in domain, no probability
    old = catalog.load_model(two_output_classifier(tmp_path / "old", with_threshold=False))
    r = old.predict(black)
    assert r.in_domain and r.in_domain_probability is None


def test_sidecar_checks_the_not_waste_key(tmp_path: Path) -> None:
    from alyesdesk.inference.sidecar import SidecarError, validate_sidecar

    path = two_output_classifier(tmp_path)
    data = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    validate_sidecar(data)
    for bad in ({"score": "max softmax"}, {"output": "logits"}, "yes"):
        with pytest.raises(SidecarError):
            validate_sidecar({**data, "not_waste": bad})
    with pytest.raises(SidecarError):
        validate_sidecar({**data, "thresholds": {"not_sure": 0.5, "not_waste": 1.5}})


def test_file_result_and_cli_say_not_waste_with_no_bin(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from alyesdesk.cli import run
    from alyesdesk.inference import catalog
    from alyesdesk.inference.waste import bins
    from alyesdesk.inference.waste.classify import classify_file

    model = two_output_classifier(tmp_path / "m")
    clf = catalog.load_model(model)
    nomenclature = bins.resolve("fr-paris")
    red, black = solid(tmp_path / "p" / "red.png", (0, 0, 255)), solid(tmp_path / "p" / "black.png", (0, 0, 0))
    waste = classify_file(clf, red, bin_for=nomenclature.advice)
    other = classify_file(clf, black, bin_for=nomenclature.advice)
    assert waste.to_dict()["looks_like_waste"] is True and waste.to_dict()["bin"]
    d = other.to_dict()
    assert d["looks_like_waste"] is False and d["bin"] is None and d["bin_color"] is None
    code = run(["classify", str(tmp_path / "p"), "--model", str(model), "--no-store", "--region", "fr-paris"])
    assert code == 0
    out = capsys.readouterr().out
    assert "black.png: this does not look like a waste item (no bin)" in out
    assert "red.png: cardboard" in out


# --- on the shared data (skips without it) ---------------------------------------------------------
def test_every_shared_waste_folder_is_mapped(shared_data: Path) -> None:
    for source in S.WASTE_SOURCES:
        base = shared_data / "waste" / source
        if not base.is_dir():
            pytest.skip(f"{base} is not present")
        folders = {p.name for p in base.iterdir() if p.is_dir()}
        assert folders <= set(S.SOURCE_MAPS[source]), (source, folders - set(S.SOURCE_MAPS[source]))
        assert S.waste_samples(shared_data, source)
