"""AlyesDesk: a local, offline computer-vision workbench."""

import os as _os

__version__ = "0.1.0"
APP_NAME = "AlyesDesk"

# MediaPipe and TensorFlow Lite log through glog/absl straight to stderr, which buries CLI output and
# test logs in info lines; warnings and errors still come through.
_os.environ.setdefault("GLOG_minloglevel", "2")
_os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
