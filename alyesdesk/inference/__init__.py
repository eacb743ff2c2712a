"""Models and pre/post-processing. Never imports Qt: usable from the CLI and tests without PySide6."""
