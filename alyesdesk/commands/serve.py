"""`alyesdesk serve`: the local HTTP API for other programs (the `serve` extra: FastAPI and uvicorn).

It listens on 127.0.0.1 only, unless --host names another address and --allow-remote is given (then
anyone who can reach this computer and has the token can use it: prefer a loopback address with an SSH
tunnel). Every route but GET /v1/health needs 'Authorization: Bearer TOKEN'; the token is made on the
first start and kept with the other secrets (the OS keyring, or derived from the database passphrase):
'alyesdesk serve --show-token' prints it. OpenAPI docs: http://127.0.0.1:PORT/docs. Results are stored
in the encrypted database, marked source "api". The live gaze stream is ws://127.0.0.1:PORT/v1/gaze.

Exit codes: 0 stopped normally (Ctrl-C), 2 usage errors (the extra missing, a remote address without
--allow-remote, the port taken, the database cannot be opened).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from alyesdesk.commands._common import open_db

if TYPE_CHECKING:
    from alyesdesk.api.config import ApiConfig
    from alyesdesk.storage.database import Database
    from alyesdesk.ui.documents.pdf_process import IsolatedPdfRenderer

EXIT_OK, EXIT_USAGE = 0, 2
DEFAULT_PORT = 8765
MISSING_EXTRA = ('the API needs the "serve" extra (FastAPI, uvicorn): '
                 'pip install -c constraints.txt -e ".[serve]"')


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve", help="run the local HTTP API (classify, check-docs, segment, gaze stream) for other programs",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"TCP port (default {DEFAULT_PORT}; 0: any free one)")
    parser.add_argument("--allow-remote", action="store_true", help="allow a --host that other computers can reach")
    parser.add_argument("--show-token", action="store_true", help="print the API token (made if there is none) and exit")
    parser.add_argument("--new-token", action="store_true", help="replace the API token (the old one stops working) and exit")
    parser.add_argument("--workers", type=int, default=2, metavar="N", help="inference threads (default 2)")
    parser.add_argument("--max-body-mb", type=float, default=64, metavar="MB", help="largest request (default 64)")
    parser.add_argument("--max-file-mb", type=float, default=25, metavar="MB", help="largest file (default 25)")
    parser.add_argument("--max-files", type=int, default=32, metavar="N", help="files per request (default 32)")
    parser.add_argument("--max-pages", type=int, default=20, metavar="N", help="pages per PDF or TIFF (default 20)")
    parser.add_argument("--timeout", type=float, default=60, metavar="S", help="seconds per request (default 60)")
    parser.add_argument("--gaze-demo", action="store_true",
                        help="publish a synthetic gaze path on /v1/gaze (to try a client without a camera)")
    parser.set_defaults(func=run)


def extra_missing() -> str | None:
    """Why the serve extra cannot be used, or None when it can."""
    try:
        import fastapi  # noqa: F401
        import multipart  # noqa: F401 - python-multipart: the uploads
        import uvicorn  # noqa: F401
    except ImportError as exc:
        return f"{MISSING_EXTRA} ({exc})"
    return None


def _config(args: argparse.Namespace) -> ApiConfig:
    from alyesdesk.api.config import MIB, ApiConfig

    values = (args.workers, args.max_body_mb, args.max_file_mb, args.max_files, args.max_pages, args.timeout)
    if min(values) <= 0:
        raise ValueError("--workers, --max-*-mb, --max-files, --max-pages and --timeout must be above 0")
    return ApiConfig(max_body_bytes=int(args.max_body_mb * MIB), max_file_bytes=int(args.max_file_mb * MIB),
                     max_files=args.max_files, max_pages=args.max_pages, timeout_s=args.timeout, workers=args.workers)


def run(args: argparse.Namespace) -> int:
    from alyesdesk.api.config import is_loopback

    if args.show_token or args.new_token:
        return _token(args)
    if not is_loopback(args.host):
        if not args.allow_remote:
            print(f"error: {args.host} can be reached from other computers; the API listens on a loopback "
                  "address (127.0.0.1) unless you add --allow-remote", file=sys.stderr)
            return EXIT_USAGE
        print(f"WARNING: listening on {args.host}: any computer that can reach it and has the token can use "
              "the API and its stored results. Prefer 127.0.0.1 with an SSH tunnel.", file=sys.stderr)
    missing = extra_missing()
    if missing:
        print(f"error: {missing}", file=sys.stderr)
        return EXIT_USAGE
    try:
        config = _config(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    db = open_db(required=True)
    try:
        return _serve(args, db, config)
    finally:
        db.close()


def _token(args: argparse.Namespace) -> int:
    from alyesdesk.api import token as api_token

    db = open_db(required=True)
    try:
        value = api_token.new_api_token(db) if args.new_token else api_token.api_token(db)
        print(value)
        print(f"kept: {api_token.where(db)}", file=sys.stderr)
    finally:
        db.close()
    return EXIT_OK


def _serve(args: argparse.Namespace, db: Database | None, config: ApiConfig) -> int:
    import threading

    from alyesdesk.api import token as api_token
    from alyesdesk.api.app import create_app
    from alyesdesk.api.gaze_stream import demo_points
    from alyesdesk.api.server import bind, make_server, url_of

    token = api_token.api_token(db)
    try:
        sock = bind(args.host, args.port)  # first: a taken port fails at once
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc.strerror or exc} "
              "(another server there? try --port 0 or another port)", file=sys.stderr)
        return EXIT_USAGE
    app = create_app(token=token, db=db, config=config, pdf_renderer=_pdf_renderer(config))
    for problem in app.state.analyzer.warm():
        print(f"warning: {problem}", file=sys.stderr)
    url = url_of(sock)
    print(f"AlyesDesk API on {url} (docs: {url}/docs, gaze stream: {url.replace('http', 'ws', 1)}/v1/gaze)",
          file=sys.stderr)
    print("token: 'alyesdesk serve --show-token'; stop with Ctrl-C", file=sys.stderr, flush=True)
    stop = threading.Event()
    if args.gaze_demo:
        threading.Thread(target=demo_points, args=(app.state.gaze, stop), daemon=True, name="gaze-demo").start()
    try:
        make_server(app, log_level="info").run(sockets=[sock])
    finally:
        stop.set()
        app.state.gaze.close()
        sock.close()
    return EXIT_OK


def _pdf_renderer(config: ApiConfig) -> IsolatedPdfRenderer:
    """The command line's PDF renderer (each PDF in its own child process, killed when over budget),
    with this server's page limit and a document budget no longer than a request may take.
    """
    from alyesdesk.commands.check_docs import pdf_renderer

    try:
        return pdf_renderer(max_pages=config.max_pages, document_seconds=config.timeout_s)
    except TypeError:  # a renderer without these budgets
        return pdf_renderer()
