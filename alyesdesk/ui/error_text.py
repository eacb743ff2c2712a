"""The interface's language for messages from the Qt-free layers (see alyesdesk/texts.py).

`inference/` and `storage/` raise errors whose message is a `Text`: English, plus its translation context,
source and parameters. Every place that shows such a message to the user passes it through `localized`,
which translates the source with `QCoreApplication.translate` and fills in the (translated) parameters.
Anything else (a plain English string, an error of another library) is shown as it is.

A `Text` is a `str` subclass, and a `Signal(str)` turns it into a plain `str` on the way: send the
exception or the `WorkerFailure` (a `Signal(object)`), or call `localized` before emitting.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from alyesdesk.texts import Text

log = logging.getLogger(__name__)

_MAX_DEPTH = 8  # Texts inside Texts ("page 3" in a sentence) nest two or three deep; this is only a guard


def localized(value: object) -> str:
    """`value` (a `Text`, an exception raised with one, a worker's `WorkerFailure`, or any text) in the
    interface's language; the English text when there is no translation or the translation is unusable."""
    return _localized(_text_of(value), 0)


def _text_of(value: object) -> object:
    """The `Text` behind `value` when there is one, else `value` itself."""
    if isinstance(value, Text):
        return value
    exception = value if isinstance(value, BaseException) else getattr(value, "exception", None)
    if isinstance(exception, BaseException) and exception.args and isinstance(exception.args[0], Text):
        message = exception.args[0]
        # A WorkerFailure made with its own message (not the exception's) keeps that message.
        if value is exception or str(value) == message:
            return message
    return value


def _localized(value: object, depth: int) -> str:
    if not isinstance(value, Text) or depth > _MAX_DEPTH:
        return str(value)
    translated = QCoreApplication.translate(value.context, value.source)
    if not translated or translated == value.source and not value.params:
        return str(value)
    params = {key: _localized(v, depth + 1) if isinstance(v, Text) else v for key, v in value.params.items()}
    try:
        return translated.format(**params)
    except (KeyError, IndexError, ValueError) as exc:  # a translation with a placeholder typo
        log.warning("translation of %r unusable (%s): shown in English", value.source, exc)
        return str(value)
