"""The local HTTP API (`alyesdesk serve`, the `serve` extra): FastAPI routes over the same per-file code
as the commands (`alyesdesk.batch.tasks`), a bearer token, size/page/time limits, and the live gaze
stream. `create_app` is in `alyesdesk.api.app`; nothing here imports FastAPI until it is asked for.

Modules: `config` (limits, loopback check), `token` (where the token lives), `auth`, `limits` (413),
`uploads` (multipart or JSON/Base64 in, never a path), `service` (thread pool, models, storage),
`routes`, `compat` (`POST /predict`), `gaze_stream`, `server` (uvicorn on a bound socket), `app`.
"""
