"""Undoable changes to the Waste tab's batch (Ctrl+Z): a correction or confirmation, and removing a row.

Commands find their row by the `FileResult` itself (rows move when others are removed or re-sorted).
Undoing a correction also undoes it in the database, through the same `store(result, label)` callable
that saved it (label None: back to the model's answer).
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from alyesdesk.inference.waste.classify import FileResult
from alyesdesk.ui.i18n import label_text
from alyesdesk.ui.waste.results_model import ResultsModel, Row

Store = Callable[[FileResult, "str | None"], None]


class CorrectCommand(QUndoCommand):
    def __init__(self, model: ResultsModel, result: FileResult, label: str, lookup: Callable[[str], Any] | None,
                 store: Store) -> None:
        super().__init__(QCoreApplication.translate("WasteUndo", "label {name} as {label}").format(
            name=result.path.name, label=label_text(label)))
        self.model, self.result, self.label, self.lookup, self.store = model, result, label, lookup, store
        self.previous: str | None = None

    def _set(self, label: str | None) -> str | None:
        row = self.model.row_of(self.result)
        if row < 0:  # removed meanwhile (its removal is undone first, so this is only a safety net)
            return None
        previous = self.model.set_correction(row, label, self.lookup)
        self.store(self.result, label)
        return previous

    def redo(self) -> None:
        self.previous = self._set(self.label)

    def undo(self) -> None:
        self._set(self.previous)


class RemoveCommand(QUndoCommand):
    """Takes a row out of the batch shown (the stored result stays in History); undo puts it back in place."""

    def __init__(self, model: ResultsModel, result: FileResult) -> None:
        super().__init__(QCoreApplication.translate("WasteUndo", "remove {name}").format(name=result.path.name))
        self.model, self.result = model, result
        self.taken: tuple[int, Row] | None = None

    def redo(self) -> None:
        row = self.model.row_of(self.result)
        if row >= 0:
            self.taken = (row, self.model.take_row(row))

    def undo(self) -> None:
        if self.taken is not None:
            self.model.insert_row(*self.taken)
            self.taken = None
