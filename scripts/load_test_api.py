"""A bounded load test of `alyesdesk serve`, on this computer only (127.0.0.1).

Starts the server as a child process on a free loopback port, in a throwaway data folder (its own
encrypted database, keyring off, so nothing of yours is touched), then 8 concurrent clients send
400 classify requests (distinct photos) and 100 check-docs pages, mixed with bad requests that must
each get their own answer (401 without or with a wrong token, 413 for a body over the limit, 422 for an
unknown field, 200 with a per-file error for a corrupt image). Prints throughput and p50/p95 latency,
checks every result was stored once (marked source api), stops the server and exits: 0 when every
answer was the expected one, 1 otherwise. Every loop is bounded in count and in time (--max-seconds).

    python scripts/load_test_api.py [--classify 400] [--pages 100] [--clients 8] [--workers 2]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import queue
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

import cv2
import numpy as np

HOST = "127.0.0.1"  # never anything else


def photo(seed: int) -> bytes:
    """A distinct 160x120 JPEG: a coloured background and a few shapes."""
    rng = np.random.default_rng(seed)
    image = np.empty((120, 160, 3), np.uint8)
    image[:] = rng.integers(0, 255, 3)
    for _ in range(3):
        centre = tuple(int(v) for v in rng.integers(10, 110, 2))
        cv2.circle(image, centre, int(rng.integers(5, 40)), tuple(int(v) for v in rng.integers(0, 255, 3)), -1)
    ok, data = cv2.imencode(".jpg", image)
    return data.tobytes()


def document(seed: int) -> bytes:
    """A 600x800 page of text lines, signed (a dark scribble) on every other seed."""
    rng = np.random.default_rng(seed)
    page = np.full((800, 600, 3), 255, np.uint8)
    for y in range(60, 520, 22):
        for x in range(40, 540, 70):
            cv2.line(page, (x, y), (x + int(rng.integers(30, 60)), y), (30, 30, 30), 2)
    if seed % 2 == 0:
        points = np.cumsum(rng.integers(-12, 13, (40, 2)), axis=0) + (400, 640)
        cv2.polylines(page, [points.astype(np.int32)], False, (20, 20, 20), 3)
    ok, data = cv2.imencode(".png", page)
    return data.tobytes()


def start_server(env: dict, workers: int) -> tuple[subprocess.Popen, str]:
    """`alyesdesk serve --port 0` as a child; its URL read from what it prints."""
    proc = subprocess.Popen([sys.executable, "-m", "alyesdesk", "serve", "--host", HOST, "--port", "0",
                             "--workers", str(workers), "--max-body-mb", "8", "--max-file-mb", "4"],
                            env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    found: queue.Queue[str] = queue.Queue()

    def drain() -> None:  # keep reading, so the child never blocks on a full pipe
        for line in proc.stderr:  # type: ignore[union-attr]
            match = re.search(r"API on (http://127\.0\.0\.1:\d+)", line)
            if match:
                found.put(match.group(1))
            elif "error" in line.lower() or "Traceback" in line:
                sys.stderr.write(f"server: {line}")

    threading.Thread(target=drain, daemon=True).start()
    try:
        return proc, found.get(timeout=120)
    except queue.Empty:
        proc.kill()
        raise SystemExit("the server did not start within 120 s") from None


def make_work(n_classify: int, n_pages: int, token: str) -> list[tuple]:
    """(kind, method args, expected status) in a fixed shuffled order."""
    good = {"Authorization": f"Bearer {token}"}
    work: list[tuple] = []
    for i in range(n_classify):
        work.append(("classify", "/v1/classify", good, {"files": [("files", (f"p{i}.jpg", photo(i), "image/jpeg"))]}, 200))
    for i in range(n_pages):
        work.append(("check-docs", "/v1/check-docs", good, {"files": [("files", (f"d{i}.png", document(i), "image/png"))]}, 200))
    blob = base64.b64encode(photo(0)).decode()
    for i in range(10):  # bad requests, each with the answer it must get
        work.append(("no token", "/v1/classify", {}, {"json": {"files": [{"name": "x.jpg", "content": blob}]}}, 401))
        work.append(("wrong token", "/v1/classify", {"Authorization": "Bearer nope"},
                     {"json": {"files": [{"name": "x.jpg", "content": blob}]}}, 401))
        work.append(("too large", "/v1/classify", good, {"content": b"x" * (9 * 1024 * 1024),
                                                         "headers": {"Content-Type": "application/json"}}, 413))
        work.append(("unknown field", "/v1/classify", good,
                     {"json": {"files": [{"name": "x.jpg", "content": blob}], "path": "/etc/hostname"}}, 422))
        work.append(("corrupt image", "/v1/classify", good,
                     {"files": [("files", ("bad.jpg", b"\xff\xd8\xff junk", "image/jpeg"))]}, 200))
    random.Random(0).shuffle(work)
    return work


def client(url: str, work: queue.Queue, results: list, deadline: float) -> None:
    import httpx

    with httpx.Client(base_url=url, timeout=120) as http:
        while time.monotonic() < deadline:
            try:
                kind, route, headers, kwargs, want = work.get_nowait()
            except queue.Empty:
                return
            extra = kwargs.get("headers", {})
            body = {k: v for k, v in kwargs.items() if k != "headers"}
            start = time.perf_counter()
            try:
                answer = http.post(route, headers={**headers, **extra}, **body)
                got, payload = answer.status_code, (answer.json() if answer.status_code == 200 else None)
            except httpx.HTTPError as exc:
                got, payload = f"{type(exc).__name__}", None
            elapsed = time.perf_counter() - start
            ok = got == want
            if ok and kind in ("classify", "check-docs"):
                ok = payload["results"][0]["status"] == "ok" and payload["results"][0]["stored"]
            if ok and kind == "corrupt image":
                ok = payload["results"][0]["status"] == "error"
            results.append((kind, elapsed, ok, got))


def stored_rows(env: dict) -> list[tuple]:
    code = ("from alyesdesk.storage import open_database\nfrom alyesdesk.storage.schema import results\n"
            "from sqlalchemy import select\nimport json\ndb = open_database()\n"
            "with db.engine.connect() as c:\n"
            "    print(json.dumps([list(r) for r in c.execute(select(results.c.capability, results.c.details))]))\n")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--classify", type=int, default=400)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="the server's inference threads")
    parser.add_argument("--max-seconds", type=float, default=900, help="stop sending after this long")
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="alyesdesk-load-")
    env = {**os.environ, "ALYESDESK_HOME": home, "ALYESDESK_PASSPHRASE": secrets.token_urlsafe(16),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "QT_QPA_PLATFORM": "offscreen"}
    token = subprocess.run([sys.executable, "-m", "alyesdesk", "serve", "--show-token"], env=env,
                           capture_output=True, text=True, check=True).stdout.strip()
    proc, url = start_server(env, args.workers)
    print(f"server {url} (pid {proc.pid}), data folder {home}")
    try:
        work_items = make_work(args.classify, args.pages, token)
        work: queue.Queue = queue.Queue()
        for item in work_items:
            work.put(item)
        results: list = []
        deadline = time.monotonic() + args.max_seconds
        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(url, work, results, deadline)) for _ in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
    try:
        return report(results, len(work_items), wall, args, stored_rows(env))
    finally:
        shutil.rmtree(home, ignore_errors=True)  # the throwaway database and its token salt


def report(results: list, sent: int, wall: float, args: argparse.Namespace, rows: list) -> int:
    print(f"{len(results)} of {sent} requests answered in {wall:.1f} s with {args.clients} clients "
          f"({len(results) / wall:.1f} requests/s)")
    good = 0
    for kind in ("classify", "check-docs", "no token", "wrong token", "too large", "unknown field", "corrupt image"):
        mine = [r for r in results if r[0] == kind]
        times = [r[1] * 1000 for r in mine]
        wrong = [r[3] for r in mine if not r[2]]
        good += len(mine) - len(wrong)
        rate = f", {len(mine) / wall:.1f}/s" if kind in ("classify", "check-docs") else ""
        print(f"  {kind:14s} {len(mine):4d} requests{rate}  p50 {percentile(times, 50):7.1f} ms  "
              f"p95 {percentile(times, 95):7.1f} ms  wrong answers: {len(wrong)} {sorted(set(map(str, wrong)))[:5]}")
    by_capability = {cap: sum(1 for c, _ in rows if c == cap) for cap in ("waste", "documents")}
    marked = all(json.loads(d or "{}").get("source") == "api" for _, d in rows)
    print(f"stored: {by_capability['waste']} classifications, {by_capability['documents']} document checks, "
          f"all marked source api: {marked}")
    stored_ok = by_capability == {"waste": args.classify, "documents": args.pages} and marked
    all_ok = good == sent == len(results) and stored_ok
    print("OK" if all_ok else "FAILED")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
