"""AlyesDesk: a local, offline computer-vision workbench."""

import os as _os

__version__ = "0.1.0"
APP_NAME = "AlyesDesk"

# MediaPipe and TensorFlow Lite log through glog/absl straight to stderr, which buries CLI output and
# test logs in info lines; warnings and errors still come through.
_os.environ.setdefault("GLOG_minloglevel", "2")
_os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# onnxruntime (1.2x+) writes a device id and a plaintext event database (executable path, OS, CPU, error
# messages) under ~/.cache/Microsoft/DeveloperTools when it is imported. An offline app that encrypts its
# results must not leave such traces; the variable is read when onnxruntime loads, so it is set here,
# before any module of ours imports it. (tests/test_privacy.py checks a fresh HOME stays empty.)
_os.environ["ORT_DISABLE_TELEMETRY"] = "1"
