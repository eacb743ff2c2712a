"""Batch jobs (Qt-free): the per-file work shared by `alyesdesk batch` and the local API.

- `tasks`: one runner per capability (classify, check-docs, segment) that opens its model once and turns
  one file into the same JSON object as the command's `--json`/`--jsonl`.
- `store`: saves such a record through `alyesdesk.storage.Database` (at the driver, never in a worker).
- `local`: runs runners in this process or in a local process pool; `ray_engine`: in Ray actors (the
  `scale` extra). Both call the same `Runner.run`, so a result never depends on the engine.
- `driver`: expands the inputs, runs an engine, stores, writes the JSON lines.
"""
