"""`alyesdesk serve`: the local API (auth, limits, per-file errors, the three analyses with the bundled
models, the /predict compatibility route, storage with source api) and the live gaze stream.

Skips cleanly without the `serve` extra (FastAPI, httpx, python-multipart)."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import threading
import warnings
from pathlib import Path

import cv2
import numpy as np
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
pytest.importorskip("multipart")
with warnings.catch_warnings():  # starlette's notice about httpx, at import time
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from alyesdesk.api.app import create_app
from alyesdesk.api.config import MIB, ApiConfig, is_loopback
from alyesdesk.api.gaze_stream import GazePublisher
from alyesdesk.cli import run
from documents_samples import page
from waste_testkit import GREEN, RED, solid

TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SMALL = ApiConfig(max_body_bytes=2 * MIB, max_file_bytes=MIB, max_files=4, max_pages=2, timeout_s=60, workers=2)
POSTS = ("/v1/classify", "/v1/check-docs", "/v1/segment")


def _png(image: np.ndarray) -> bytes:
    ok, data = cv2.imencode(".png", image)
    assert ok
    return data.tobytes()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@pytest.fixture
def photo(tmp_path: Path) -> bytes:
    return solid(tmp_path / "red.jpg", RED, size=(96, 128)).read_bytes()


@pytest.fixture
def client(db):  # noqa: ANN001, ANN201
    with TestClient(create_app(token=TOKEN, db=db, config=SMALL)) as test_client:
        yield test_client


def _rows(db) -> list[dict]:  # noqa: ANN001
    from sqlalchemy import select

    from alyesdesk.storage.schema import results

    with db.engine.connect() as conn:
        rows = conn.execute(select(results.c.id, results.c.capability, results.c.input, results.c.details))
        return [dict(r._mapping) for r in rows]


# --- auth ----------------------------------------------------------------------------------------
def test_health_needs_no_token(client: TestClient) -> None:
    answer = client.get("/v1/health")
    assert answer.status_code == 200 and answer.json()["status"] == "ok"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
                                     {"Authorization": TOKEN}, {"Authorization": f"Bearer {TOKEN}x"}])
def test_every_other_route_needs_the_token(client: TestClient, db, photo: bytes, headers: dict) -> None:  # noqa: ANN001
    assert client.get("/v1/models", headers=headers).status_code == 401
    for route in POSTS:
        answer = client.post(route, headers=headers, files=[("files", ("a.jpg", photo, "image/jpeg"))])
        assert answer.status_code == 401, route
        assert answer.headers["www-authenticate"] == "Bearer"
    assert client.post("/predict", headers=headers, json={"image": _b64(photo)}).status_code == 401
    with pytest.raises(WebSocketDisconnect):
        with client.websocket_connect("/v1/gaze", headers=headers) as ws:
            ws.receive_text()
    assert _rows(db) == []  # nothing was analysed, nothing stored


def test_models_lists_the_bundled_models(client: TestClient) -> None:
    models = client.get("/v1/models", headers=AUTH).json()["models"]
    assert {m["task"] for m in models} == {"classify", "check-docs", "segment"}
    assert all("/" not in m["file"] for m in models)  # names, not paths


# --- limits --------------------------------------------------------------------------------------
def test_a_too_large_body_is_refused_with_413(client: TestClient, db) -> None:  # noqa: ANN001
    big = b"\0" * (3 * MIB)
    answer = client.post("/v1/classify", headers=AUTH, files=[("files", ("big.png", big, "image/png"))])
    assert answer.status_code == 413
    answer = client.post("/v1/classify", headers={**AUTH, "Content-Type": "application/json"},
                         content=b"{}" + b" " * (3 * MIB))
    assert answer.status_code == 413

    def chunked():  # no Content-Length: counted as it streams in
        for _ in range(3):
            yield b" " * MIB

    answer = client.post("/v1/classify", headers={**AUTH, "Content-Type": "application/json"}, content=chunked())
    assert answer.status_code == 413
    assert _rows(db) == []


def test_a_too_large_file_or_too_many_files_is_413(client: TestClient, photo: bytes) -> None:
    over = b"\xff" * (MIB + 10)  # under the body limit, over the per-file one
    answer = client.post("/v1/classify", headers=AUTH, json={"files": [{"name": "x.jpg", "content": _b64(over)}]})
    assert answer.status_code == 413 and "x.jpg" in answer.json()["detail"]
    for extra in (1, 5):
        many = [("files", (f"{i}.jpg", photo, "image/jpeg")) for i in range(SMALL.max_files + extra)]
        assert client.post("/v1/classify", headers=AUTH, files=many).status_code == 413


def test_a_document_over_the_page_limit_is_a_per_file_error(client: TestClient, tmp_path: Path) -> None:
    pages = [page(signed=False, w=300, h=400)] * 3
    assert cv2.imwritemulti(str(tmp_path / "long.tif"), pages)
    answer = client.post("/v1/check-docs", headers=AUTH,
                         files=[("files", ("long.tif", (tmp_path / "long.tif").read_bytes(), "image/tiff"))])
    assert answer.status_code == 200
    result = answer.json()["results"][0]
    assert result["status"] == "error" and "over this server's limit of 2" in result["error"]


def test_pdf_pages_are_limited_through_the_renderer(db) -> None:  # noqa: ANN001
    rendered = []

    def fake_pdf(path: Path, long_side: int):  # noqa: ANN202 - a renderer that would give 5 pages
        for i in range(5):
            rendered.append(i)
            yield i, page(signed=False, w=300, h=400), None

    with TestClient(create_app(token=TOKEN, db=db, config=SMALL, pdf_renderer=fake_pdf)) as client:
        answer = client.post("/v1/check-docs", headers=AUTH, files=[("files", ("doc.pdf", b"%PDF-1.4 ...", "application/pdf"))])
    result = answer.json()["results"][0]
    assert result["status"] == "error" and "more than 2 pages" in result["error"]
    assert len(rendered) <= SMALL.max_pages + 1


def test_a_request_over_its_time_limit_answers_504_and_stores_nothing(db, photo: bytes) -> None:  # noqa: ANN001
    config = ApiConfig(timeout_s=1e-6, workers=1)
    with TestClient(create_app(token=TOKEN, db=db, config=config)) as client:
        answer = client.post("/v1/classify", headers=AUTH, files=[("files", ("a.jpg", photo, "image/jpeg"))])
    assert answer.status_code == 504
    assert _rows(db) == []


# --- per-file errors, and no path is ever read ---------------------------------------------------
def test_a_corrupt_image_is_a_per_file_error(client: TestClient, photo: bytes) -> None:
    answer = client.post("/v1/classify", headers=AUTH, files=[
        ("files", ("good.jpg", photo, "image/jpeg")), ("files", ("broken.jpg", b"\xff\xd8\xff\xe0 junk", "image/jpeg")),
    ])
    assert answer.status_code == 200
    good, broken = answer.json()["results"]
    assert good["status"] == "ok" and good["path"] == "good.jpg"
    assert broken["status"] == "error" and "corrupt" in broken["error"] and broken["stored"] is False
    bad_b64 = client.post("/v1/classify", headers=AUTH, json={"files": [{"name": "x.png", "content": "@@not base64@@"}]})
    assert bad_b64.status_code == 200 and "Base64" in bad_b64.json()["results"][0]["error"]


def test_a_path_in_a_json_field_is_never_read(client: TestClient, tmp_path: Path, db) -> None:  # noqa: ANN001
    real = solid(tmp_path / "secret" / "real.png", GREEN)  # a readable image on the server
    answer = client.post("/v1/classify", headers=AUTH, json={"files": [{"name": str(real), "content": _b64(b"junk")}]})
    result = answer.json()["results"][0]
    assert answer.status_code == 200 and result["status"] == "error"  # the bytes sent, not the file named
    assert result["path"] == "real.png"  # the name is a label: its folders are dropped
    for body in ({"files": [{"path": str(real)}]}, {"files": [{"name": "a", "content": ""}], "path": str(real)},
                 {"path": str(real)}):
        assert client.post("/v1/classify", headers=AUTH, json=body).status_code == 422
    assert client.post("/v1/classify", headers=AUTH, data={"path": str(real)},
                       files=[("files", ("a.png", b"x", "image/png"))]).status_code == 422
    assert client.post("/v1/classify", headers=AUTH,
                       json={"files": [{"name": "a", "content": _b64(b"x")}], "model": str(real)}).status_code == 422
    assert _rows(db) == []


# --- the analyses, with the bundled models --------------------------------------------------------
def test_classify_gives_the_cli_objects_and_bin_advice(client: TestClient, photo: bytes) -> None:
    answer = client.post("/v1/classify", headers=AUTH, files=[("files", ("red.jpg", photo, "image/jpeg"))],
                         data={"region": "fr-paris", "top": "2"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["task"] == "classify" and body["model"]["name"]
    (result,) = body["results"]
    assert {"path", "status", "error", "label", "confidence", "top", "bin", "stored", "store_error"} <= set(result)
    assert result["status"] == "ok" and len(result["top"]) == 2 and result["region"] == "fr-paris"
    assert result["bin"] and result["stored"] is True and result["result_id"]
    as_json = client.post("/v1/classify", headers=AUTH, json={"files": [{"name": "red.jpg", "content": _b64(photo)}]})
    assert as_json.json()["results"][0]["label"] == result["label"]
    unknown = client.post("/v1/classify", headers=AUTH, json={"files": [{"content": _b64(photo)}], "region": "nowhere"})
    assert unknown.status_code == 422 and "unknown region" in unknown.json()["detail"]


def test_check_docs_gives_pages_boxes_and_a_verdict(client: TestClient) -> None:
    answer = client.post("/v1/check-docs", headers=AUTH, json={
        "files": [{"name": "signed.png", "content": _b64(_png(page(signed=True)))}], "expected": 0})
    assert answer.status_code == 200
    (doc,) = answer.json()["results"]
    assert doc["status"] == "ok" and doc["verdict"] in ("signed", "unsigned", "needs_review")
    assert doc["expected"] == 0 and doc["pages"][0]["width"] == 600 and doc["pages"][0]["height"] == 800
    assert doc["stored"] is True


def test_segment_gives_areas_and_the_label_png_on_request(client: TestClient, photo: bytes) -> None:
    plain = client.post("/v1/segment", headers=AUTH, files=[("files", ("street.jpg", photo, "image/jpeg"))])
    (result,) = plain.json()["results"]
    assert result["status"] == "ok" and "labels_png_base64" not in result
    assert abs(sum(result["areas"].values()) - 1) < 1e-3 and set(result["areas"]) == set(result["categories"])
    asked = client.post("/v1/segment", headers=AUTH, json={"files": [{"name": "s.jpg", "content": _b64(photo)}],
                                                           "labels_png": True})
    (with_png,) = asked.json()["results"]
    labels = cv2.imdecode(np.frombuffer(base64.b64decode(with_png["labels_png_base64"]), np.uint8), cv2.IMREAD_UNCHANGED)
    assert labels.shape == (96, 128) and labels.max() < len(with_png["categories"])


def test_predict_keeps_the_prototype_contract(client: TestClient) -> None:
    answer = client.post("/predict", headers=AUTH, json={"image": _b64(_png(page(signed=True)))})
    assert answer.status_code == 200
    body = answer.json()
    assert isinstance(body["count"], int) and len(body["boxes"]) == body["count"]
    assert all(len(box) == 4 and all(isinstance(v, int) for v in box) and box[2] > 0 for box in body["boxes"])
    assert client.post("/predict", headers=AUTH, json={"image": _b64(b"junk")}).status_code == 400
    assert client.post("/predict", headers=AUTH, json={"image": "%%%"}).status_code == 400
    assert "/predict" in client.get("/openapi.json").json()["paths"]


def test_results_are_stored_once_with_source_api(client: TestClient, db, photo: bytes) -> None:  # noqa: ANN001
    files = [("files", ("a.jpg", photo, "image/jpeg"))]
    first = client.post("/v1/classify", headers=AUTH, files=files).json()["results"][0]
    again = client.post("/v1/classify", headers=AUTH, files=files).json()["results"][0]
    assert first["result_id"] and again["result_id"] is None and again["previous_result_id"] == first["result_id"]
    client.post("/v1/segment", headers=AUTH, files=files)
    client.post("/v1/check-docs", headers=AUTH, files=[("files", ("p.png", _png(page()), "image/png"))])
    rows = _rows(db)
    assert sorted(r["capability"] for r in rows) == ["documents", "streets", "waste"]
    assert all(json.loads(r["details"])["source"] == "api" for r in rows)
    assert {r["input"] for r in rows} == {"api:a.jpg", "api:p.png"}


# --- gaze stream ---------------------------------------------------------------------------------
def test_the_gaze_stream_sends_published_points(db) -> None:  # noqa: ANN001
    publisher = GazePublisher()
    with TestClient(create_app(token=TOKEN, db=db, gaze=publisher)) as client:
        with client.websocket_connect("/v1/gaze", headers=AUTH) as ws:
            assert ws.receive_json()["type"] == "hello"
            source = threading.Thread(target=lambda: [publisher.publish(10.0 * i, 20.0 * i, t=i, fixation_id=i // 2)
                                                      for i in range(5)])
            source.start()  # a fake tracking loop on its own thread
            source.join()
            points = [ws.receive_json() for _ in range(5)]
            publisher.close()
            assert ws.receive_json() == {"type": "end"}
    assert [(p["x"], p["y"], p["fixation_id"], p["status"]) for p in points] == \
        [(10.0 * i, 20.0 * i, i // 2, "tracking") for i in range(5)]
    assert publisher.subscribers == 0


def test_a_slow_client_loses_its_oldest_points_not_the_newest() -> None:
    import asyncio

    async def scenario() -> list[float]:
        publisher = GazePublisher(queue_size=3)
        sub = publisher.subscribe(asyncio.get_running_loop())
        for i in range(10):
            publisher.publish(float(i), 0.0, t=0)
        await asyncio.sleep(0)
        return [json.loads(sub.queue.get_nowait())["x"] for _ in range(sub.queue.qsize())]

    assert asyncio.run(scenario()) == [7.0, 8.0, 9.0]


# --- the command ---------------------------------------------------------------------------------
def test_importing_the_command_does_not_import_fastapi() -> None:
    code = "import sys, alyesdesk.cli as c; c.build_parser(); print(sorted({'fastapi', 'uvicorn', 'ray'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_serve_says_how_to_install_the_extra(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if the extra were not installed
    assert run(["serve"]) == 2
    assert 'pip install -c constraints.txt -e ".[serve]"' in capsys.readouterr().err


def test_a_remote_address_needs_allow_remote(capsys: pytest.CaptureFixture) -> None:
    assert run(["serve", "--host", "0.0.0.0"]) == 2
    assert "--allow-remote" in capsys.readouterr().err
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2") and not is_loopback("example.org")


def test_the_token_is_made_once_and_kept(db, capsys: pytest.CaptureFixture, memory_keyring) -> None:  # noqa: ANN001
    db.close()
    assert run(["serve", "--show-token"]) == 0
    first = capsys.readouterr().out.strip()
    assert run(["serve", "--show-token"]) == 0
    assert capsys.readouterr().out.strip() == first and len(first) >= 40
    assert any(account.startswith("api-token:") for _, account in memory_keyring.store)
    assert run(["serve", "--new-token"]) == 0
    assert capsys.readouterr().out.strip() != first


def test_without_a_keyring_the_token_is_derived_under_the_passphrase(no_keyring, monkeypatch: pytest.MonkeyPatch,
                                                                      capsys: pytest.CaptureFixture) -> None:  # noqa: ANN001
    from alyesdesk import paths

    monkeypatch.setenv("ALYESDESK_PASSPHRASE", "a long enough passphrase")
    assert run(["serve", "--show-token"]) == 0
    first = capsys.readouterr().out.strip()
    assert run(["serve", "--show-token"]) == 0
    assert capsys.readouterr().out.strip() == first
    state = (paths.data_dir() / "api_token.json").read_text()
    assert first not in state and "salt" in state  # only the salt is on disk, never the token
