#!/usr/bin/env bash
# Builds the one-folder desktop bundle dist/AlyesDesk/ with PyInstaller, then runs its self-test.
# Usage: scripts/build_app.sh            (from a venv with: pip install -c constraints.txt -e ".[build]")
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "build_app: $*" >&2; exit 1; }

command -v pyinstaller >/dev/null || die "pyinstaller not found: pip install -c constraints.txt -e \".[build]\""
python -c "import alyesdesk, mediapipe, onnxruntime, sqlcipher3, PySide6" 2>/dev/null \
  || die "the app's dependencies are not importable: pip install -c constraints.txt -e \".[build]\""
ls models/*.onnx >/dev/null 2>&1 || die "no models in models/: the bundle would ship without them"
python -c "import torch" 2>/dev/null && echo "build_app: note: torch is installed; it is excluded from the bundle"
# The GUI build of OpenCV (what mediapipe installs) links Qt 5: ~25 MB more. README "Building the desktop app".
python -c "import cv2, os, sys; sys.exit(0 if os.path.isdir(os.path.join(os.path.dirname(cv2.__file__), 'qt')) else 1)" 2>/dev/null \
  && echo "build_app: note: OpenCV is the GUI build; install opencv-contrib-python-headless for the <= 450 MB bundle"

start=$(date +%s)
pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build build_installer.spec
echo "build_app: built in $(( $(date +%s) - start )) s"

case "$(uname -s)" in
  Darwin) exe="dist/AlyesDesk.app/Contents/MacOS/AlyesDesk" ;;
  MINGW*|MSYS*|CYGWIN*) exe="dist/AlyesDesk/AlyesDesk.exe" ;;
  *) exe="dist/AlyesDesk/AlyesDesk" ;;
esac
[ -x "$exe" ] || die "no executable at $exe"

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
selftest_home=$(mktemp -d)
trap 'rm -rf "$selftest_home"' EXIT
ALYESDESK_HOME="$selftest_home" "$exe" --selftest --skip cameras || die "frozen self-test failed"
ALYESDESK_HOME="$selftest_home" "$exe" --screenshot "$selftest_home/frozen.png" || die "frozen screenshot failed"
echo "build_app: bundle size $(du -sh dist/AlyesDesk | cut -f1) in dist/AlyesDesk"
