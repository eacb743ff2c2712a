"""Only a plain message for an unsupported Python; everything else is in pyproject.toml.

pip reads `requires-python` only after building the package metadata, and before that an unsupported Python
ends in a dependency resolver error about mediapipe or numpy wheels. setuptools runs this file first, so the
person installing reads what to do instead.
"""

import sys

from setuptools import setup

SUPPORTED = ((3, 10), (3, 12))  # keep in step with requires-python in pyproject.toml

if not SUPPORTED[0] <= sys.version_info[:2] <= SUPPORTED[1]:
    sys.exit(
        "\nAlyesDesk needs Python 3.10 to 3.12; this is Python {}.{}.\n"
        "Install Python 3.12 (python.org), then create the environment with it, for example:\n"
        "    Windows:      py -3.12 -m venv .venv\n"
        "    Linux/macOS:  python3.12 -m venv .venv\n".format(*sys.version_info[:2])
    )

setup()
