"""One registry from task name to backend class; backends register themselves with a decorator.

Example::

    @register_backend("classify")
    class Classifier(ModelBackend):
        required_keys = ("labels",)

`create_backend(spec, path)` then picks the class from the sidecar's `task`; there is no if/elif over
model types anywhere.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, TypeVar

from alyesdesk.inference.errors import ModelError

if TYPE_CHECKING:
    from collections.abc import Callable
    from alyesdesk.inference.backend import ModelBackend

_BACKENDS: dict[str, type[ModelBackend]] = {}
B = TypeVar("B", bound="type[ModelBackend]")

# Modules whose import registers a backend. Listed (not discovered) so frozen builds see them.
BACKEND_MODULES = (
    "alyesdesk.inference.classifier",
    "alyesdesk.inference.documents.detect",
    "alyesdesk.inference.streets.segment",
    "alyesdesk.inference.documents.verify",
    "alyesdesk.inference.gaze.model",
)


def register_backend(task: str) -> Callable[[B], B]:
    """Decorator: make `cls` the backend for sidecars whose `task` is `task`."""

    def decorate(cls: B) -> B:
        existing = _BACKENDS.get(task)
        if existing is not None and existing is not cls:
            raise ModelError(f"task '{task}' already has backend {existing.__name__}")
        cls.task = task
        _BACKENDS[task] = cls
        return cls

    return decorate


def _import_backends() -> None:
    for name in BACKEND_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            # A capability not built yet simply has no backend; anything else is a real bug.
            if exc.name != name:
                raise


def available_tasks() -> list[str]:
    """The task names that have a backend, sorted (importing every backend module first)."""
    _import_backends()
    return sorted(_BACKENDS)


def backend_class(task: str) -> type[ModelBackend]:
    """The backend class registered for `task`; ModelError listing the known tasks when there is none."""
    _import_backends()
    try:
        return _BACKENDS[task]
    except KeyError:
        raise ModelError(f"unknown model task '{task}'. Available: {sorted(_BACKENDS)}") from None
