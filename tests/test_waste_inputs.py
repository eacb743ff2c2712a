"""Waste classification on bad and unusual inputs, the classify backend's checks, and bin nomenclatures."""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest

from alyesdesk.inference import catalog
from alyesdesk.inference.waste import bins as waste_bins
from alyesdesk.inference.classifier import Classifier
from alyesdesk.inference.waste.classify import classify_paths, expand_paths
from alyesdesk.inference.errors import ModelMismatchError
from waste_testkit import BLUE, GREEN, RED, WASTE_LABELS, solid, tiny_classifier


@pytest.fixture
def classifier(tmp_path: Path) -> Classifier:
    backend = catalog.load_model(tiny_classifier(tmp_path / "model"))
    assert isinstance(backend, Classifier)
    return backend


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims a huge size (the decompression-bomb guard must refuse it undecoded)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + chunk(b"IEND", b"")


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _bad_inputs(folder: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, words expected in the error)."""
    good = cv2.imencode(".jpg", np.full((64, 64, 3), 200, np.uint8))[1].tobytes()
    return {
        "non_image": (_write(folder / "notes.jpg", b"this is a text file, not a photo\n" * 20), "not an image"),
        "corrupt": (_write(folder / "corrupt.jpg", good[:20] + bytes(range(256)) * 8), "corrupt"),
        "truncated": (_write(folder / "truncated.jpg", good[: len(good) // 2]), "truncated"),
        "zero_byte": (_write(folder / "empty.png", b""), "empty"),
        "bomb": (_write(folder / "bomb.png", _png_claiming(30000, 30000)), "megapixel"),
        "missing": (folder / "gone.jpg", "no such file"),
    }


def test_bad_inputs_get_a_status_and_the_batch_goes_on(classifier: Classifier, tmp_path: Path) -> None:
    bad = _bad_inputs(tmp_path / "in")
    good = solid(tmp_path / "in" / "z_red.png", RED)
    items = [str(p) for p, _ in bad.values()] + [str(good)]
    results = {r.path.name: r for r in classify_paths(classifier, items)}
    for name, (path, words) in bad.items():
        result = results[path.name]
        assert result.status == "error", name
        assert words in result.error.lower(), (name, result.error)
        assert result.to_dict()["label"] is None
    assert results["z_red.png"].status == "ok"
    assert results["z_red.png"].prediction.label == "cardboard"


def test_unusual_but_valid_images_are_normalised(classifier: Classifier, tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    grey = np.full((40, 40), 200, np.uint8)
    cv2.imwrite(str(folder / "grey.png"), grey)
    sixteen = np.zeros((40, 40, 3), np.uint16)
    sixteen[:, :, 1] = 60000  # green in BGR order
    cv2.imwrite(str(folder / "sixteen.png"), sixteen)
    alpha = np.zeros((40, 40, 4), np.uint8)
    alpha[:, :, 0] = 255  # blue, fully opaque
    alpha[:, :, 3] = 255
    cv2.imwrite(str(folder / "alpha.png"), alpha)
    from PIL import Image as image_module  # pillow is declared in the test extra
    image_module.new("CMYK", (40, 40), (255, 0, 255, 0)).save(folder / "cmyk.jpg")  # no magenta -> green
    results = {r.path.name: r for r in classify_paths(classifier, [folder])}
    assert {n: r.status for n, r in results.items()} == dict.fromkeys(
        ["alpha.png", "cmyk.jpg", "grey.png", "sixteen.png"], "ok"
    )
    assert results["sixteen.png"].prediction.label == "glass"
    assert results["alpha.png"].prediction.label == "metal"
    assert results["cmyk.jpg"].prediction.label == "glass"
    assert not results["grey.png"].prediction.sure  # equal channels: three labels tie


def test_duplicates_are_recognised_by_content(classifier: Classifier, tmp_path: Path) -> None:
    first = solid(tmp_path / "a" / "one.png", BLUE)
    copy = tmp_path / "b" / "copy.png"
    copy.parent.mkdir()
    copy.write_bytes(first.read_bytes())
    results = classify_paths(classifier, [tmp_path / "a", tmp_path / "b"])
    assert [r.status for r in results] == ["ok", "ok"]
    assert results[0].sha256 == results[1].sha256
    assert results[1].duplicate_of == str(first)
    assert results[1].prediction.label == "metal"


def test_folders_are_recursed_and_unreadable_ones_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    solid(tmp_path / "top" / "a.png", RED)
    solid(tmp_path / "top" / "deep" / "er" / "b.jpg", GREEN)
    (tmp_path / "top" / "readme.txt").write_text("not listed: not an image suffix")
    locked = tmp_path / "top" / "locked"
    locked.mkdir()
    real_iterdir = Path.iterdir

    def iterdir(self: Path):  # noqa: ANN202 - running as root ignores chmod, so simulate the error
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    entries = expand_paths([tmp_path / "top", tmp_path / "nowhere"])
    names = [(p.name, e) for p, e in entries]
    assert ("a.png", None) in names and ("b.jpg", None) in names
    assert not any(n == "readme.txt" for n, _ in names)
    assert any(n == "locked" and e and "cannot read folder" in e for n, e in names)
    assert any(n == "nowhere" and e == "no such file or folder" for n, e in names)


def test_top3_and_not_sure_follow_the_sidecar(classifier: Classifier) -> None:
    red = np.zeros((20, 20, 3), np.uint8)
    red[:, :, 2] = 255
    p = classifier.predict(red)
    assert p.label == "cardboard" and p.sure and p.confidence > 0.99
    assert len(p.top) == 3 and abs(sum(p.probabilities.values()) - 1) < 1e-6
    grey = np.full((20, 20, 3), 128, np.uint8)
    q = classifier.predict(grey)
    assert not q.sure and q.confidence < classifier.not_sure_threshold
    assert {label for label, _ in q.top} == {"cardboard", "glass", "metal"}


def test_temperature_softens_confidence(tmp_path: Path) -> None:
    onnx_path = tiny_classifier(tmp_path)
    sidecar = json.loads(onnx_path.with_suffix(".json").read_text())
    sidecar["calibration"]["temperature"] = 4.0
    onnx_path.with_suffix(".json").write_text(json.dumps(sidecar))
    warm = catalog.load_model(onnx_path)
    red = np.zeros((20, 20, 3), np.uint8)
    red[:, :, 2] = 255
    assert warm.predict(red).confidence < 0.9  # 12/4 = 3 logit margin over 8 others


def test_one_logit_per_label_is_enforced(tmp_path: Path) -> None:
    onnx_path = tiny_classifier(tmp_path, n_outputs=5)  # sidecar lists 9 labels, model returns 5
    with pytest.raises(ModelMismatchError):
        catalog.load_model(onnx_path)


# --- bins ----------------------------------------------------------------------------------------------
def test_bundled_french_nomenclatures_cover_every_label() -> None:
    found, errors = waste_bins.load_all()
    assert errors == []
    assert waste_bins.DEFAULT_REGION in found
    for region, nomenclature in found.items():
        assert set(WASTE_LABELS) <= set(nomenclature.materials), region
    national = found["fr-national"]
    assert national.advice("plastic").container.startswith("Bac jaune")
    assert national.advice("glass").container != national.advice("plastic").container
    unknown = national.advice("styrofoam")
    assert unknown is not None and unknown.fallback


def test_region_choice_comes_from_settings_and_falls_back() -> None:
    assert waste_bins.resolve().region == "fr-national"  # the settings default is not a region id
    waste_bins.set_active_region("fr-paris")
    assert waste_bins.active_region() == "fr-paris"
    assert waste_bins.resolve().region == "fr-paris"
    assert waste_bins.resolve("no-such-place").region == "fr-national"


def test_user_nomenclature_import_and_override(tmp_path: Path) -> None:
    mine = {"schema_version": 1, "region": "fr-paris", "name": "Paris (my building)",
            "materials": {"glass": {"container": "Cave, bac vert", "color": "#00aa00"}}}
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(mine), encoding="utf-8")
    imported = waste_bins.import_file(path)
    assert imported.user
    assert waste_bins.resolve("fr-paris").advice("glass").container == "Cave, bac vert"
    assert waste_bins.resolve("fr-paris").advice("paper") is None  # no default in this file


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (lambda d: d.pop("materials"), "materials"),
        (lambda d: d.update(region="Paris France"), "region"),
        (lambda d: d["materials"]["glass"].update(color="green"), "color"),
        (lambda d: d["materials"]["glass"].pop("container"), "container"),
        (lambda d: d.update(schema_version=7), "newer"),
    ],
)
def test_bad_nomenclatures_are_refused_with_the_field(tmp_path: Path, mutate, words) -> None:  # noqa: ANN001
    data = {"schema_version": 1, "region": "x", "name": "X",
            "materials": {"glass": {"container": "Bin", "color": "#00aa00"}}}
    mutate(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(waste_bins.NomenclatureError, match=words):
        waste_bins.import_file(path)
    assert not (waste_bins.user_dir() / "x.json").exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("Région : Paris\n".encode("latin-1"), "is not UTF-8 text"),  # saved in the old Windows encoding
        (b"[" * 200_000, "nested 200000 levels deep, over the limit of 32"),
        (b" " * 2_100_000, "is 2100000 bytes, over the 2000000-byte limit"),
    ],
)
def test_one_unreadable_user_bin_list_does_not_stop_the_others(content: bytes, words: str) -> None:
    waste_bins.user_dir().mkdir(parents=True, exist_ok=True)
    (waste_bins.user_dir() / "broken.json").write_bytes(content)
    found, errors = waste_bins.load_all()
    assert "fr-national" in found and "fr-paris" in found
    assert len(errors) == 1 and "broken.json" in errors[0] and words in errors[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this OS")
def test_a_named_pipe_in_the_bins_folder_does_not_hang_loading() -> None:
    waste_bins.user_dir().mkdir(parents=True, exist_ok=True)
    os.mkfifo(waste_bins.user_dir() / "pipe.json")  # reading it would block for ever
    found, errors = waste_bins.load_all()
    assert "fr-national" in found and errors == ["pipe.json: is not a regular file"]
