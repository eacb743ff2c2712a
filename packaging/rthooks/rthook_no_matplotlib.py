"""Runtime hook: answer `import matplotlib.pyplot` with a stub, since matplotlib is not bundled.

Problem: `import mediapipe` imports `mediapipe.python.solutions.drawing_utils`, which imports
matplotlib.pyplot at module level for one function (`plot_landmarks`) the app never calls. Bundling
matplotlib (with Pillow, kiwisolver, contourpy and fontTools behind it) costs ~40 MB.
Fix: when matplotlib cannot be imported, register stub modules whose every attribute raises an ImportError
that says why, so mediapipe imports and anything that really uses matplotlib fails with a plain reason.
"""

import importlib.util
import sys
import types


class _Missing(types.ModuleType):
    def __getattr__(self, name: str):  # noqa: ANN204 - module protocol
        if name.startswith("__"):
            raise AttributeError(name)
        raise ImportError(f"matplotlib is not part of the AlyesDesk bundle ({self.__name__}.{name} was asked for)")


if getattr(sys, "frozen", False) and importlib.util.find_spec("matplotlib") is None:
    for _name in ("matplotlib", "matplotlib.pyplot"):
        _module = _Missing(_name)
        _module.__path__ = []  # a package, so `import matplotlib.pyplot` resolves
        sys.modules[_name] = _module
    sys.modules["matplotlib"].pyplot = sys.modules["matplotlib.pyplot"]
