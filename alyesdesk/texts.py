"""Messages of the Qt-free layers that the interface can still translate.

`inference/` and `storage/` never import Qt, so they cannot call `tr()`; their user-facing messages are
marked instead, and stay English everywhere outside the interface (CLI, logs, the local API, tests):

    raise ImageError(QT_TRANSLATE_NOOP("Errors", "{name}: the file is empty (0 bytes)").format(name=name))

`pyside6-lupdate` extracts every `QT_TRANSLATE_NOOP("Context", "source")` call (its context and source must
be string literals: lupdate cannot read an f-string, and tests/test_error_texts.py checks it). `.format()`
returns a `Text`: the English sentence as a plain `str`, that also remembers its context, its source and its
parameters, so `alyesdesk.ui.error_text.localized` can redo the formatting with the translated source.
A parameter that is itself a `Text` ("page 3" inside a sentence) is translated too.

Errors raised with a `Text` derive from `TextError` as well: `str(exc)` then returns that same `Text`, so a
message copied into a result (`result.error = str(exc)`) still reaches the interface translatable.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["QT_TRANSLATE_NOOP", "Template", "Text", "TextError", "recognise"]


class Text(str):
    """An English message (the `str` itself) with what it takes to translate it.

    Attributes
    ----------
    context : str
        The translation context (the first argument of `QT_TRANSLATE_NOOP`).
    source : str
        The English source, placeholders included ("{name}: the file is empty (0 bytes)").
    params : Mapping[str, object]
        The values `.format()` filled the placeholders with (a `Text` value is translated as well).
    """

    context: str
    source: str
    params: Mapping[str, object]

    def __new__(cls, english: str, context: str, source: str, params: Mapping[str, object] | None = None) -> Text:
        self = super().__new__(cls, english)
        self.context, self.source, self.params = context, source, dict(params or {})
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # str's own pickling would call Text(value) alone: pass the translation data too (an error sent to
        # another process, a result copied by `copy.deepcopy`).
        return (type(self), (str(self), self.context, self.source, dict(self.params)))


class Template(Text):
    """The result of `QT_TRANSLATE_NOOP`: a source waiting for `.format(**params)` (a `Text` with no params)."""

    def format(self, *args: object, **params: object) -> Text:
        """The English sentence with `params` filled in, as a `Text` that can be translated later."""
        if args:  # a translator may reorder placeholders: only named ones survive that
            raise TypeError("QT_TRANSLATE_NOOP templates take named placeholders only")
        return Text(str.format(self.source, **params), self.context, self.source, params)


def QT_TRANSLATE_NOOP(context: str, source: str) -> Template:  # noqa: N802 - the name pyside6-lupdate looks for
    """Mark `source` for translation in `context` (extracted by pyside6-lupdate); translated only by the UI."""
    return Template(source, context, source)


def recognise(english: str, templates: Iterable[Template]) -> str:
    """`english` as the `Text` of the template it was made from, else `english` unchanged.

    For a message that crossed a process boundary as plain text (the PDF renderer's child process sends
    bytes, never pickles): each placeholder matches any text, and a parameter that itself matches one of
    `templates` becomes a `Text` too. The template with the most fixed text is tried first, so
    "page {page} {what} to render and was skipped" wins over "page {page} {problem}".
    """
    ordered = sorted(templates, key=lambda t: -len(_literal(t.source)))
    return _recognise(english, ordered, 0)


def _recognise(english: str, templates: list[Template], depth: int) -> str:
    for template in templates:
        found = _pattern(template.source).fullmatch(english)
        if found is None:
            continue
        if depth < 3:  # nested messages go two levels deep; the cap only bounds the work
            params = {key: _recognise(value, templates, depth + 1) for key, value in found.groupdict().items()}
        else:
            params = dict(found.groupdict())
        return Text(english, template.context, template.source, params)
    return english


def _literal(source: str) -> str:
    return "".join(text for text, *_ in string.Formatter().parse(source))


def _pattern(source: str) -> re.Pattern[str]:
    parts = []
    for text, field, _spec, _conversion in string.Formatter().parse(source):
        parts.append(re.escape(text))
        if field is not None:
            # A name used twice must match the same text twice: a backreference after the first.
            parts.append(f"(?P={field})" if f"(?P<{field}>" in "".join(parts) else f"(?P<{field}>.*?)")
    return re.compile("".join(parts), re.DOTALL)


class TextError(Exception):
    """Mixin for errors raised with a `Text`: `str(exc)` is that `Text` (still translatable), not a copy."""

    def __str__(self) -> str:
        if len(self.args) == 1 and isinstance(self.args[0], Text):
            return self.args[0]
        return super().__str__()
