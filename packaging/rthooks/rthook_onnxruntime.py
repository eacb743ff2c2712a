"""Runtime hook: make onnxruntime's native DLLs findable before any import can fail (Windows).

Problem: in a frozen Windows build, `import onnxruntime` can fail with "DLL load failed" because
onnxruntime_providers_shared.dll sits in the bundle's onnxruntime/capi folder, which is not on the
DLL search path, and an older onnxruntime.dll elsewhere on PATH (some drivers ship one) wins.
Fix: add the bundled folder to the DLL search path first. No effect on Linux and macOS.
"""

import os
import sys

if sys.platform == "win32" and getattr(sys, "frozen", False):
    capi = os.path.join(getattr(sys, "_MEIPASS", ""), "onnxruntime", "capi")
    if os.path.isdir(capi):
        os.add_dll_directory(capi)
