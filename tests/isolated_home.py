"""An isolated place for scripts that drive the real app (benchmarks): never the user's data or keyring."""

from __future__ import annotations

import os
import tempfile


def use_isolated_home(prefix: str) -> str:
    """Offscreen Qt unless told otherwise, a throwaway ALYESDESK_HOME and the tests' in-memory keyring.

    Call it before importing anything that opens the database. Returns the home folder.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix=prefix)
    os.environ["ALYESDESK_HOME"] = home
    import keyring
    from conftest import _make_backend  # the in-memory keyring of the tests

    keyring.set_keyring(_make_backend())
    return home
