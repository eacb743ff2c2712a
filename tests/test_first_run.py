"""First run and setup (issue 22): the passphrase dialog says why it asks, fits its text, shows or hides the
passphrase and rates a new one; an unsupported Python gets a plain message; the README gives the set-up
commands for Linux/macOS, Windows PowerShell and cmd."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit

from alyesdesk.ui import i18n
from screen_fit import clipped_texts

REPO = Path(__file__).resolve().parent.parent
NO_KEYRING = ("No usable system keyring to store the database key (backend: keyring.backends.fail.Keyring). "
              "Set a passphrase.")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_passphrase_dialog_explains_fits_and_rates(qtbot, language: str) -> None:  # noqa: ANN001
    from alyesdesk.ui.dialogs.passphrase import PassphraseDialog
    from alyesdesk.ui.dialogs.passphrase_strength import STRONG, TOO_SHORT, WEAK

    i18n.install(language)
    try:
        dialog = PassphraseDialog(i18n.passphrase_message(NO_KEYRING), create=True)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        why = dialog.intro.text()
        assert "keyring.backends" not in why  # plain words, not the backend's class name
        assert ("password store" if language == "en" else "trousseau") in why.lower() or "mot" in why.lower()
        assert not clipped_texts(dialog), clipped_texts(dialog)
        assert dialog.width() >= 480

        assert dialog.passphrase.echoMode() == QLineEdit.EchoMode.Password
        dialog.show_check.setChecked(True)
        assert dialog.passphrase.echoMode() == dialog.confirm.echoMode() == QLineEdit.EchoMode.Normal
        dialog.show_check.setChecked(False)
        assert dialog.confirm.echoMode() == QLineEdit.EchoMode.Password

        assert dialog.strength_label.isVisible()
        for typed, level in (("abc", TOO_SHORT), ("password", WEAK), ("correct horse battery staple", STRONG)):
            dialog.passphrase.setText(typed)
            assert dialog.strength_label.property("level") == level
            assert dialog.strength_label.text()
        assert not clipped_texts(dialog), clipped_texts(dialog)
        dialog.close()
    finally:
        i18n.uninstall()


def test_unlock_dialog_has_no_strength_hint(qtbot) -> None:  # noqa: ANN001
    from alyesdesk.ui.dialogs.passphrase import PassphraseDialog

    dialog = PassphraseDialog("This database is protected by a passphrase.", create=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.strength_label.isVisible() and dialog.show_check.isVisible()
    assert not clipped_texts(dialog)


def test_strength_estimate_orders_passphrases() -> None:
    from alyesdesk.ui.dialogs.passphrase_strength import estimate_bits

    assert estimate_bits("aaaaaaaaaaaa") < estimate_bits("password") < estimate_bits("kx9#Lm2!pQ7z")
    assert estimate_bits("correct horse battery staple") > 75


@pytest.mark.parametrize("version, ok", [((3, 9), False), ((3, 10), True), ((3, 12), True), ((3, 13), False)])
def test_unsupported_python_gets_a_plain_message(version: tuple[int, int], ok: bool) -> None:
    from alyesdesk.__main__ import python_problem

    problem = python_problem(version)
    assert (problem is None) == ok
    if not ok:
        assert problem.startswith("AlyesDesk needs Python 3.10 to 3.12")


def test_supported_range_is_the_same_everywhere() -> None:
    import tomllib

    from alyesdesk.__main__ import SUPPORTED_PYTHON

    requires = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == ">=3.10,<3.13" and SUPPORTED_PYTHON == ((3, 10), (3, 12))
    setup = (REPO / "setup.py").read_text()
    assert "SUPPORTED = ((3, 10), (3, 12))" in setup


def test_setup_py_stops_an_unsupported_python_with_the_message() -> None:
    # setuptools runs setup.py before pip compares requires-python: simulate Python 3.13 there.
    code = ("import sys, setuptools; setuptools.setup = lambda **k: None; sys.version_info = (3, 13, 0); "
            f"exec(compile(open({str(REPO / 'setup.py')!r}).read(), 'setup.py', 'exec'))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "AlyesDesk needs Python 3.10 to 3.12; this is Python 3.13." in proc.stderr


def test_readme_set_up_has_windows_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(\w+)\n(.*?)```", section, re.S)
    by_shell: dict[str, list[str]] = {}
    for shell, body in blocks:
        if "venv" in body:  # the set-up commands (the section also lists Linux system packages)
            by_shell.setdefault(shell, []).append(body.strip())
    for shell in ("bash", "powershell", "bat"):
        commands = by_shell.get(shell, [])
        assert len(commands) == 2, f"{shell}: {commands}"
        assert "pip install -c constraints.txt -e ." in commands[0] and commands[0].rstrip().endswith("alyesdesk")
        assert '-e ".[test]"' in commands[1] and "pytest" in commands[1]
