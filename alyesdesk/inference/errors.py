"""Typed errors of the inference layer: each message says what went wrong and what to do."""

from alyesdesk.texts import TextError


class ModelError(RuntimeError):
    """A model cannot be used (bad file, mismatch with its sidecar, unknown task)."""


class ModelMismatchError(ModelError):
    """The ONNX graph's inputs or outputs differ from what its sidecar declares."""


class ImageError(TextError, ValueError):
    """An input image cannot be read or is unsafe to decode (corrupt, empty, too large).

    Raised with a translatable `Text` (see alyesdesk/texts.py): the UI shows it in the user's language.
    """
