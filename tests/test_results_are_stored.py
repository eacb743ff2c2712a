"""Results are stored, or say plainly that they were not; names that are not UTF-8; outputs that
cannot be written.

Every `classify` / `check-docs` / `segment` result carries `stored` (and `store_error` when false), the
exit code is 4 when a result was lost, file names that are not UTF-8 survive byte for byte
(`path_bytes`), `segment` stores videos and never overwrites its own outputs, the same photo classified
by three processes at once is stored once, and exports fail with exit 2 and nothing half-written.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import json
import multiprocessing
import os
import resource
import stat
from pathlib import Path
from typing import Iterator

import cv2
import numpy as np
import pytest


from documents_samples import page  # noqa: E402
from waste_testkit import BLUE, GREEN, RED, solid, tiny_classifier  # noqa: E402

from alyesdesk.cli import run as cli  # noqa: E402

PASSPHRASE = "a long enough passphrase"
RAW_NAME = b"caf\xe9-\xff.png"  # Latin-1 bytes: not UTF-8
EXIT_NOT_STORED = 4


# --- helpers -------------------------------------------------------------------------------------------
@pytest.fixture
def model(tmp_path: Path) -> Path:
    return tiny_classifier(tmp_path / "model")


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    folder = tmp_path / "photos"
    solid(folder / "box.jpg", RED)
    solid(folder / "bottle.png", GREEN)
    solid(folder / "can.png", BLUE)
    return folder


def _cli_json(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, list[dict], str]:
    code = cli([*argv, "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def _png_bytes(image: np.ndarray) -> bytes:
    ok, buffer = cv2.imencode(".png", image)
    assert ok
    return buffer.tobytes()


def _raw_named(folder: Path, image: np.ndarray) -> Path:
    """A PNG whose file name is not valid UTF-8 (Linux allows any bytes but "/" and NUL)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), RAW_NAME)))
    path.write_bytes(_png_bytes(image))
    return path


def _solid(bgr: tuple[int, int, int]) -> np.ndarray:
    image = np.zeros((48, 64, 3), np.uint8)
    image[:] = bgr
    return image


def _street() -> np.ndarray:
    image = np.zeros((60, 80, 3), np.uint8)
    image[:30] = (255, 0, 0)
    image[30:] = (0, 0, 255)
    return image


@contextlib.contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    """RLIMIT_FSIZE, as `ulimit -f`: writes past `limit` bytes fail with EFBIG, as on a full disk.
    (Python ignores SIGXFSZ, so the process lives on and sees the error.)"""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def _no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if ".part" in p.name]


def _user_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


# --- 2: stored or not, said per result -----------------------------------------------------------------
def test_classify_says_stored_true_and_exit_0(photos: Path, model: Path, capsys) -> None:
    code, rows, _ = _cli_json(capsys, "classify", str(photos), "--model", str(model))
    assert code == 0
    assert all(r["stored"] is True and r["store_error"] is None for r in rows)
    code, rows, _ = _cli_json(capsys, "classify", str(photos), "--model", str(model))
    assert code == 0 and all(r["stored"] and r["previous_result_id"] for r in rows)  # known bytes: stored


def test_no_store_says_not_asked(photos: Path, model: Path, capsys) -> None:
    code, rows, _ = _cli_json(capsys, "classify", str(photos), "--model", str(model), "--no-store")
    assert code == 0
    assert {(r["stored"], r["store_error"]) for r in rows} == {(False, "not asked")}


def test_storage_failure_is_reported_per_file_with_exit_4(photos: Path, model: Path, capsys, monkeypatch) -> None:
    from alyesdesk.storage import Database, StorageError

    def full(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise StorageError("the disk holding the database is full: free some space, then try again.")

    monkeypatch.setattr(Database, "save_classification_once", full)
    code, rows, err = _cli_json(capsys, "classify", str(photos), "--model", str(model))
    assert code == EXIT_NOT_STORED
    assert all(r["status"] == "ok" and r["stored"] is False and "full" in r["store_error"] for r in rows)
    assert "3 result(s) were NOT stored" in err
    code = cli(["classify", str(photos), "--model", str(model)])
    out = capsys.readouterr().out
    assert code == EXIT_NOT_STORED
    assert out.count("NOT STORED: the disk holding the database is full") == 3  # one line per file


def test_wrong_passphrase_stores_nothing_and_exits_4(photos: Path, model: Path, capsys, monkeypatch,
                                                      no_keyring) -> None:
    from alyesdesk.storage import open_database

    monkeypatch.setenv("ALYESDESK_PASSPHRASE", PASSPHRASE)
    open_database().close()
    monkeypatch.setenv("ALYESDESK_PASSPHRASE", "not the right passphrase")
    code, rows, err = _cli_json(capsys, "classify", str(photos), "--model", str(model))
    assert code == EXIT_NOT_STORED
    assert all(r["stored"] is False and "passphrase" in r["store_error"].lower() for r in rows)
    assert "no result will be stored" in err


def test_damaged_database_stores_nothing_and_exits_4(photos: Path, model: Path, capsys) -> None:
    from alyesdesk import paths
    from alyesdesk.storage import open_database

    open_database().close()
    paths.database_path().write_bytes(os.urandom(4096))  # same size class, garbage pages
    code, rows, _ = _cli_json(capsys, "classify", str(photos), "--model", str(model))
    assert code == EXIT_NOT_STORED
    assert all(r["stored"] is False and r["store_error"] for r in rows)


def test_full_disk_under_ulimit_f_is_not_reported_as_stored(photos: Path, model: Path, capsys, db) -> None:
    db.save_classification("/seed.jpg", "seed", "glass", 0.9, {"glass": 0.9}, None)  # the file exists
    db.close()
    with file_size_limit(1024):  # the WAL cannot grow: every insert fails
        code = cli(["classify", str(photos), "--model", str(model), "--json"])
    out, _ = capsys.readouterr()
    rows = json.loads(out)
    assert code == EXIT_NOT_STORED
    assert all(r["status"] == "ok" and r["stored"] is False and r["store_error"] for r in rows)


def test_check_docs_reports_storage_per_document(tmp_path: Path, capsys, monkeypatch) -> None:
    from alyesdesk.storage import Database, StorageError
    from alyesdesk.training.signatures.tiny import write_tiny_detector

    detector = write_tiny_detector(tmp_path / "detector")
    doc = tmp_path / "signed.png"
    doc.write_bytes(_png_bytes(page(True)))
    code = cli(["check-docs", str(doc), "--model", str(detector), "--jsonl"])
    (line,) = capsys.readouterr().out.splitlines()
    assert code == 0 and json.loads(line)["stored"] is True
    code = cli(["check-docs", str(doc), "--model", str(detector), "--jsonl", "--no-store"])
    assert code == 0 and json.loads(capsys.readouterr().out)["store_error"] == "not asked"

    def read_only(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise StorageError("the database cannot be written: it is read-only.")

    monkeypatch.setattr(Database, "save_document_check", read_only)
    code = cli(["check-docs", str(doc), "--model", str(detector), "--jsonl"])
    item = json.loads(capsys.readouterr().out)
    assert code == EXIT_NOT_STORED
    assert item["verdict"] == "signed" and item["stored"] is False and "read-only" in item["store_error"]
    code = cli(["check-docs", str(doc), "--model", str(detector)])
    assert code == EXIT_NOT_STORED and "NOT STORED: the database cannot be written" in capsys.readouterr().out


def test_segment_reports_storage_per_input(tmp_path: Path, capsys, monkeypatch) -> None:
    from alyesdesk.storage import Database, StorageError
    from alyesdesk.training.streets.tiny import write_tiny_segmenter

    segmenter = write_tiny_segmenter(tmp_path / "segmenter")
    image = tmp_path / "street.png"
    image.write_bytes(_png_bytes(_street()))
    argv = ["segment", str(image), "--out", str(tmp_path / "out"), "--model", str(segmenter)]
    code, (rec,), _ = _cli_json(capsys, *argv)
    assert code == 0 and rec["stored"] is True and rec["store_error"] is None
    code, (rec,), _ = _cli_json(capsys, *argv, "--no-store")
    assert code == 0 and (rec["stored"], rec["store_error"]) == (False, "not asked")

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise StorageError("database error: disk I/O error")

    monkeypatch.setattr(Database, "save_segmentation", broken)
    code, (rec,), _ = _cli_json(capsys, *argv)
    assert code == EXIT_NOT_STORED and rec["status"] == "ok" and rec["stored"] is False
    assert "disk I/O" in rec["store_error"]


# --- 3: names that are not UTF-8 -----------------------------------------------------------------------
def test_non_utf8_name_is_stored_and_printed_losslessly(tmp_path: Path, model: Path, capsysbinary) -> None:
    from alyesdesk.storage import open_database

    raw = _raw_named(tmp_path / "in", _solid(RED))
    csv_out = tmp_path / "out.csv"
    code = cli(["classify", str(raw), "--model", str(model), "--json", "--csv", str(csv_out)])
    out = capsysbinary.readouterr().out
    assert code == 0
    (row,) = json.loads(out.decode("utf-8"))  # strict UTF-8: no stray bytes in the JSON
    assert row["stored"] is True and "\ufffd" in row["path"]
    assert base64.b64decode(row["path_bytes"]) == os.fsencode(raw)
    with csv_out.open(encoding="utf-8", newline="") as handle:
        (csv_row,) = list(csv.DictReader(handle))
    assert base64.b64decode(csv_row["path_bytes"]) == os.fsencode(raw)
    db = open_database()
    try:
        (stored,) = db.history("waste")
        assert stored["input"] == row["path"] == csv_row["path"]
        assert base64.b64decode(stored["input_bytes"]) == os.fsencode(raw.resolve())
        assert base64.b64decode(db.result(row["result_id"])["details"]["path_bytes"]) == os.fsencode(raw)
        db.set_correction(row["result_id"], "glass")
        (correction,) = db.corrections()
        assert Path(correction["path"]).read_bytes() == raw.read_bytes()  # opens the very file again
    finally:
        db.close()
    history_csv = tmp_path / "history.csv"
    assert cli(["history", "--csv", str(history_csv)]) == 0
    (csv_history,) = list(csv.DictReader(history_csv.open(encoding="utf-8", newline="")))
    assert "\ufffd" in csv_history["input"] and csv_history["input_bytes"] == stored["input_bytes"]
    capsysbinary.readouterr()
    assert cli(["history", "--json"]) == 0
    (listed,) = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert base64.b64decode(listed["input_bytes"]) == os.fsencode(raw)


def test_non_utf8_names_in_check_docs_and_segment(tmp_path: Path, capsysbinary) -> None:
    from alyesdesk.training.signatures.tiny import write_tiny_detector
    from alyesdesk.training.streets.tiny import write_tiny_segmenter

    doc = _raw_named(tmp_path / "docs", page(True))
    report = tmp_path / "report.csv"
    code = cli(["check-docs", str(doc), "--model", str(write_tiny_detector(tmp_path / "d")), "--json",
                "--csv", str(report)])
    (item,) = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert code == 0 and item["stored"] is True
    assert base64.b64decode(item["path_bytes"]) == os.fsencode(doc)
    (row,) = list(csv.DictReader(report.open(encoding="utf-8", newline="")))
    assert base64.b64decode(row["file_bytes"]) == os.fsencode(doc)

    street = _raw_named(tmp_path / "streets", _street())
    code = cli(["segment", str(street), "--out", str(tmp_path / "out"), "--json",
                "--model", str(write_tiny_segmenter(tmp_path / "s"))])
    (rec,) = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert code == 0 and rec["stored"] is True
    assert base64.b64decode(rec["path_bytes"]) == os.fsencode(street)


# --- 5: videos stored, unique output names, absolute paths, one row per content --------------------------
def test_segment_stores_videos(tmp_path: Path, capsys, db) -> None:
    from alyesdesk.training.streets.tiny import write_tiny_segmenter

    video = tmp_path / "drive.mp4"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"mp4v"), 10, (80, 60))
    if not writer.isOpened():
        pytest.skip("this OpenCV build cannot write mp4v")
    for _ in range(4):
        writer.write(_street())
    writer.release()
    code, (rec,), _ = _cli_json(capsys, "segment", str(video), "--out", str(tmp_path / "out"),
                                "--model", str(write_tiny_segmenter(tmp_path / "s")))
    assert code == 0 and rec["stored"] is True and isinstance(rec["result_id"], int)
    (row,) = db.history("streets")
    assert row["id"] == rec["result_id"] and row["input"] == str(video.resolve())
    assert db.result(row["id"])["width"] == 80


def test_segment_gives_every_input_its_own_outputs(tmp_path: Path, capsys) -> None:
    from alyesdesk.training.streets.tiny import write_tiny_segmenter

    inputs = []
    for folder, name in (("a", "x.png"), ("b", "x.png"), ("c", "X.png"), ("d", "x-2.png")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_bytes(_png_bytes(_street()))
        inputs.append(str(tmp_path / folder / name))
    out = tmp_path / "out"
    code, records, _ = _cli_json(capsys, "segment", *inputs, "--out", str(out), "--no-store",
                                 "--model", str(write_tiny_segmenter(tmp_path / "s")))
    assert code == 0
    names = [r["output_name"] for r in records]
    assert names[:2] == ["x", "x-2"]
    assert len({n.casefold() for n in names}) == 4  # no two inputs share outputs, whatever the case
    labels = [Path(r["labels_png"]) for r in records]
    assert len(set(labels)) == 4 and all(p.is_file() for p in labels)
    assert len(list(out.glob("*_labels.png"))) == 4
    mode = stat.S_IMODE(labels[0].stat().st_mode)
    assert mode == _user_mode()  # an export, not a secret: the usual mode, not 0600


def test_classify_stores_absolute_resolved_paths(tmp_path: Path, photos: Path, model: Path, capsys, db,
                                                 monkeypatch) -> None:
    monkeypatch.chdir(photos)
    code, rows, _ = _cli_json(capsys, "classify", "box.jpg", "../photos/can.png", "--model", str(model))
    assert code == 0
    assert sorted(r["input"] for r in db.history("waste")) == sorted(
        [str((photos / "box.jpg").resolve()), str((photos / "can.png").resolve())]
    )


def _store_photos_at_once(home: str, shas: list[str], start, results) -> None:  # noqa: ANN001
    """Runs in a spawned process: store the same photos as two other processes, all at once."""
    os.environ["ALYESDESK_HOME"] = home
    from alyesdesk.inference.classifier import Prediction
    from alyesdesk.inference.waste.classify import FileResult, store_result
    from alyesdesk.storage import ModelRef, open_database

    db = open_database(auto_backup=False)
    prediction = Prediction("glass", 0.9, (("glass", 0.9),), {"glass": 0.9}, True)
    model = ModelRef("tiny", "1", "0" * 64)
    out = []
    try:
        start.wait(timeout=60)
        for sha in shas:
            result = FileResult(path=Path(f"/photos/{sha}.jpg"), sha256=sha, prediction=prediction)
            store_result(db, result, model)
            out.append((sha, result.stored, result.result_id or result.previous_result_id))
    finally:
        db.close()
    results.put(out)


def test_three_processes_store_the_same_photo_once(isolated_home: Path, no_keyring, monkeypatch) -> None:
    from alyesdesk.storage import open_database

    monkeypatch.setenv("ALYESDESK_PASSPHRASE", PASSPHRASE)  # the spawned processes cannot see our keyring
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    open_database().close()
    shas = [f"{n:064x}" for n in range(40)]
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(3), context.Queue()
    workers = [context.Process(target=_store_photos_at_once, args=(str(isolated_home), shas, start, results))
               for _ in range(3)]
    for worker in workers:
        worker.start()
    reports = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    db = open_database()
    try:
        rows = db.history("waste")
    finally:
        db.close()
    assert len(rows) == len(shas)  # once per content, not 2-3 times
    ids = {row["id"] for row in rows}
    for report in reports:
        assert all(stored and rid in ids for _, stored, rid in report)
    assert reports[0] == reports[1] == reports[2]  # every process points at the same rows


# --- 14: exports ---------------------------------------------------------------------------------------
def test_history_csv_to_a_folder_or_a_full_disk_exits_2(tmp_path: Path, db, capsys) -> None:
    for n in range(400):
        db.save_segmentation(f"/streets/{n:04d}-{'long name ' * 25}.png", None, 1, 1, {"sky": 1.0}, None)
    db.close()
    folder = tmp_path / "a folder"
    folder.mkdir()
    assert cli(["history", "--csv", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and "Traceback" not in err and list(folder.iterdir()) == []
    target = tmp_path / "exports" / "history.csv"
    target.parent.mkdir()
    target.write_text("the previous export\n")
    with file_size_limit(65536):  # room to open the database (its 32 kB -shm); the ~120 kB CSV fails part way
        code = cli(["history", "--csv", str(target)])
    err = capsys.readouterr().err
    assert code == 2 and "free some disk space" in err
    assert target.read_text() == "the previous export\n"  # left as it was, not half-written
    assert _no_temp_files(target.parent)


def test_classify_csv_unwritable_exits_2_before_the_batch(photos: Path, model: Path, tmp_path: Path,
                                                          capsys) -> None:
    (tmp_path / "a file").write_text("x")
    for target in (photos, tmp_path / "a file" / "out.csv"):  # a folder; a "folder" that is a file
        code = cli(["classify", str(photos), "--model", str(model), "--csv", str(target)])
        out, err = capsys.readouterr()
        assert code == 2 and "cannot write" in err and "Traceback" not in err
        assert out == ""  # refused before classifying anything


def test_classify_csv_on_a_full_disk_exits_2(photos: Path, model: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "report" / "out.csv"
    with file_size_limit(64):
        code = cli(["classify", str(photos), "--model", str(model), "--csv", str(target), "--no-store"])
    assert code == 2 and "cannot write" in capsys.readouterr().err
    assert not target.exists() and _no_temp_files(target.parent)


def test_check_docs_outputs_unwritable_exit_2(tmp_path: Path, capsys) -> None:
    from alyesdesk.training.signatures.tiny import write_tiny_detector

    detector = write_tiny_detector(tmp_path / "detector")
    doc = tmp_path / "signed.png"
    doc.write_bytes(_png_bytes(page(True)))
    a_file = tmp_path / "a file"
    a_file.write_text("x")
    for option, target in (("--annotate", a_file), ("--csv", tmp_path), ("--report-json", tmp_path),
                           ("--annotate", a_file / "sub")):
        code = cli(["check-docs", str(doc), "--model", str(detector), "--no-store", option, str(target)])
        err = capsys.readouterr().err
        assert code == 2 and "cannot write" in err and "Traceback" not in err, (option, target)


def test_check_docs_csv_grows_per_document_and_keeps_whole_ones(tmp_path: Path, capsys) -> None:
    from alyesdesk.training.signatures.tiny import write_tiny_detector

    detector = write_tiny_detector(tmp_path / "detector")
    folder = tmp_path / "batch"
    folder.mkdir()
    for n in range(8):
        (folder / f"doc-{n}-{'x' * 60}.png").write_bytes(_png_bytes(page(n % 2 == 0, 300, 400)))
    report = tmp_path / "report.csv"
    with file_size_limit(1500):  # room for a few documents' rows only
        code = cli(["check-docs", str(folder), "--model", str(detector), "--no-store", "--csv", str(report),
                    "--jsonl"])
    out, err = capsys.readouterr()
    assert code == 2 and "The CSV keeps the first" in err
    assert len(out.splitlines()) == 8  # the batch went on
    text = report.read_text(encoding="utf-8")
    assert text.endswith("\n")
    rows = list(csv.DictReader(text.splitlines()))
    assert 0 < len({r["file"] for r in rows}) < 8
    assert all(r["verdict"] in ("signed", "unsigned", "needs_review") for r in rows)  # no torn row


def test_check_docs_csv_is_written_as_the_batch_goes(tmp_path: Path, monkeypatch, capsys) -> None:
    from alyesdesk.inference.documents import check
    from alyesdesk.training.signatures.tiny import write_tiny_detector

    detector = write_tiny_detector(tmp_path / "detector")
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in ("a.png", "b.png", "c.png"):
        (folder / name).write_bytes(_png_bytes(page(True, 300, 400)))
    report = tmp_path / "report.csv"
    real_check = check.SignatureChecker.check
    seen_before: list[int] = []

    def check_and_peek(self, path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        seen_before.append(len(report.read_text().splitlines()) - 1 if report.exists() else -1)
        if path.name == "c.png":
            raise KeyboardInterrupt  # the batch is killed during the third document
        return real_check(self, path, *args, **kwargs)

    monkeypatch.setattr(check.SignatureChecker, "check", check_and_peek)
    code = cli(["check-docs", str(folder), "--model", str(detector), "--no-store", "--csv", str(report)])
    assert code == 130
    assert seen_before[0] == 0 and seen_before[2] >= 2  # header at once, then a row per document
    rows = list(csv.DictReader(report.open(encoding="utf-8", newline="")))
    assert [Path(r["file"]).name for r in rows] == ["a.png", "b.png"]


def test_exports_use_the_usual_file_mode(tmp_path: Path, db) -> None:
    from alyesdesk.inference.gaze.screen import ScreenGeometry
    from alyesdesk.storage.exports import atomic_write_text
    from alyesdesk.storage.gaze_exports import export_session

    screen = ScreenGeometry(640, 400, 340.0, 212.0, 60.0)
    sid = db.create_session("reading", "screen 640x400", screen.to_dict())
    db.add_samples(sid, [(float(t), 100.0 + t, 100.0, 1.0, "ok") for t in range(20)])
    result = export_session(db, sid, tmp_path / "heatmap.png", tmp_path / "samples.csv")
    secret = atomic_write_text(tmp_path / "secret.json", "{}", private=True)
    assert stat.S_IMODE(result.png.stat().st_mode) == stat.S_IMODE(result.csv.stat().st_mode) == _user_mode()
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600  # only what asks for it stays private


def test_history_search_is_literal(db) -> None:
    db.save_classification("/data/100%_recycled.jpg", "s1", "paper", 0.9, {"paper": 0.9}, None)
    db.save_classification("/data/bottle.jpg", "s2", "glass", 0.9, {"glass": 0.9}, None)
    db.save_classification("/data/back\\slash.jpg", "s3", "glass", 0.9, {"glass": 0.9}, None)
    # Every outcome holds a "%" ("glass (90%)"): a literal search needs more than that.
    assert [r["input"] for r in db.history(text="0%_r")] == ["/data/100%_recycled.jpg"]
    assert db.history(text="%%") == []
    assert [r["input"] for r in db.history(text="_")] == ["/data/100%_recycled.jpg"]
    assert [r["input"] for r in db.history(text="\\")] == ["/data/back\\slash.jpg"]
    assert len(db.history(text="data")) == 3
