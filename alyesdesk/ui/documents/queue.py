"""The Documents tab's review queue: a sortable, filterable table of the batch, with the batch summary
always in view (signed / unsigned / needs review / unreadable) and keyboard navigation.

Verdicts shown are the final ones: a person's reviewed verdict when there is one (marked ✎, the model's
answer in the tooltip), else the model's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, QAbstractTableModel, QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alyesdesk.inference.documents.check import NEEDS_REVIEW, SIGNED, UNSIGNED, DocumentCheck
from alyesdesk.inference.documents.review import final_verdict, needs_review, reviewed_verdict, summary
from alyesdesk.ui.error_text import localized
from alyesdesk.ui.i18n import status_text

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

COLUMNS = (QT_TRANSLATE_NOOP("DocumentQueue", "Verdict"), QT_TRANSLATE_NOOP("DocumentQueue", "Signatures"),
           QT_TRANSLATE_NOOP("DocumentQueue", "Expected"), QT_TRANSLATE_NOOP("DocumentQueue", "Needs review"),
           QT_TRANSLATE_NOOP("DocumentQueue", "Errors"), QT_TRANSLATE_NOOP("DocumentQueue", "File"))
VERDICT_COL, COUNT_COL, EXPECTED_COL, REVIEW_COL, ERRORS_COL, FILE_COL = range(len(COLUMNS))
VERDICT_COLOURS = {SIGNED: "#2e7d32", UNSIGNED: "#c62828", NEEDS_REVIEW: "#ef6c00", None: "#757575"}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FILTERS = ((QT_TRANSLATE_NOOP("DocumentQueue", "All documents"), "all"), (QT_TRANSLATE_NOOP("DocumentQueue", "Signed"), SIGNED),
           (QT_TRANSLATE_NOOP("DocumentQueue", "Unsigned"), UNSIGNED),
           (QT_TRANSLATE_NOOP("DocumentQueue", "Needs review"), NEEDS_REVIEW),
           (QT_TRANSLATE_NOOP("DocumentQueue", "Unreadable"), "unreadable"),
           (QT_TRANSLATE_NOOP("DocumentQueue", "Reviewed by a person"), "reviewed"),
           (QT_TRANSLATE_NOOP("DocumentQueue", "Not reviewed"), "not_reviewed"))
_ORDER = {SIGNED: 0, NEEDS_REVIEW: 1, UNSIGNED: 2, None: 3}


def _errors(doc: DocumentCheck) -> int:
    return (1 if doc.status != "ok" else 0) + sum(1 for p in doc.pages if p.error or p.warning)


class QueueModel(QAbstractTableModel):
    """One row per checked document (the tab's list, shared, in check order)."""

    def __init__(self, docs: list[DocumentCheck], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.docs = docs

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.docs)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("DocumentQueue", COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: C901
        if not index.isValid() or index.row() >= len(self.docs):
            return None
        doc, col = self.docs[index.row()], index.column()
        verdict = final_verdict(doc)
        reviewed = reviewed_verdict(doc) is not None
        if role == Qt.ItemDataRole.DisplayRole:
            if col == VERDICT_COL:
                return status_text(verdict or "error") + (" ✎" if reviewed else "")
            if col == COUNT_COL:
                return str(doc.count) + (f" (+{doc.review_count}?)" if doc.review_count else "")
            if col == EXPECTED_COL:
                return str(doc.expected) + (self.tr(" · {expected_per_page}/page").format(expected_per_page=doc.expected_per_page) if doc.expected_per_page else "")
            if col == REVIEW_COL:
                return self.tr("yes") if needs_review(doc) else ""
            if col == ERRORS_COL:
                return str(_errors(doc)) if _errors(doc) else ""
            return doc.path.name
        if role == SORT_ROLE:
            return (_ORDER.get(verdict, 3), doc.count, doc.expected, int(needs_review(doc)), _errors(doc),
                    doc.path.name.lower())[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == VERDICT_COL:
            return QBrush(QColor(VERDICT_COLOURS.get(verdict, "#757575")))
        if role == Qt.ItemDataRole.FontRole and col == VERDICT_COL:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = [str(doc.path)]
            if doc.error:
                tip.append(localized(doc.error))
            if reviewed:
                tip.append(self.tr("model: {verdict}").format(verdict=status_text(doc.verdict or "error")))
                if doc.review is not None and doc.review.note:
                    tip.append(self.tr("note: {note}").format(note=doc.review.note))
            return "\n".join(tip)
        if role == Qt.ItemDataRole.TextAlignmentRole and col != FILE_COL:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def append(self, doc: DocumentCheck) -> None:
        row = len(self.docs)
        self.beginInsertRows(QModelIndex(), row, row)
        self.docs.append(doc)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self.docs.clear()
        self.endResetModel()

    def refresh(self, doc: DocumentCheck) -> None:
        for row, d in enumerate(self.docs):
            if d is doc:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))


class QueueFilter(QSortFilterProxyModel):
    """Filters by final verdict (or reviewed / not) and by a text in the file name."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = "all"
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(FILE_COL)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_kind(self, kind: str) -> None:
        self.beginFilterChange()
        self.kind = kind
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802 - Qt override
        if not super().filterAcceptsRow(row, parent):
            return False
        if self.kind == "all":
            return True
        doc = self.sourceModel().docs[row]
        if self.kind == "reviewed":
            return reviewed_verdict(doc) is not None
        if self.kind == "not_reviewed":
            return reviewed_verdict(doc) is None
        verdict = final_verdict(doc)
        return (verdict is None) if self.kind == "unreadable" else verdict == self.kind


class ReviewQueue(QWidget):
    """Summary line + filters + the table. Arrow keys move between documents; Alt+N jumps to the next
    one that needs review; Ctrl+A selects the whole (filtered) batch."""

    current_changed = Signal(object)  # the DocumentCheck now current, or None

    def __init__(self, docs: list[DocumentCheck], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QueueModel(docs, self)
        self.proxy = QueueFilter(self)
        self.proxy.setSourceModel(self.model)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)  # the counts of five verdicts do not fit a narrow column on one line
        self.summary_label.setAccessibleName(self.tr("Batch summary"))
        self.filter_combo = QComboBox()
        self.filter_combo.setToolTip(self.tr("Show only the documents with this verdict"))
        for text, kind in FILTERS:
            self.filter_combo.addItem(QCoreApplication.translate("DocumentQueue", text), kind)
        self.search = QLineEdit()
        self.search.setToolTip(self.tr("Filter the list by file name (Ctrl+F)"))
        self.search.setPlaceholderText(self.tr("Filter by file name…"))
        self.search.setClearButtonEnabled(True)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # check order until a header is clicked
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        # A long file name loses its middle, not its end: scans differ by their numbers and extension.
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.view.horizontalHeader()
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col == FILE_COL
                                        else QHeaderView.ResizeMode.ResizeToContents)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_combo)
        filters.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        self.filter_combo.currentIndexChanged.connect(lambda _i: self.proxy.set_kind(self.filter_combo.currentData()))
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.current_changed.emit(self.current_doc()))
        self.next_shortcut = QShortcut(QKeySequence("Alt+N"), self, self.next_needing_review)
        for signal in (self.model.rowsInserted, self.model.modelReset, self.model.dataChanged):
            signal.connect(self.update_summary)
        self.update_summary()

    # --- rows ---------------------------------------------------------------------------------------
    def add(self, doc: DocumentCheck) -> None:
        self.model.append(doc)

    def clear(self) -> None:
        self.model.clear()

    def refresh(self, doc: DocumentCheck) -> None:
        self.model.refresh(doc)

    def row_count(self) -> int:
        """Rows shown (after the filter)."""
        return self.proxy.rowCount()

    def text(self, row: int, col: int) -> str:
        """The text shown in a row (as sorted and filtered) and column."""
        return str(self.proxy.data(self.proxy.index(row, col)) or "")

    def doc_at(self, row: int) -> DocumentCheck:
        return self.model.docs[self.proxy.mapToSource(self.proxy.index(row, 0)).row()]

    def select_row(self, row: int) -> None:
        """Make a shown row current (and the only one selected)."""
        index = self.proxy.index(row, 0)
        if index.isValid():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.view.selectionModel().setCurrentIndex(index, flags)

    def select_doc(self, doc: DocumentCheck) -> None:
        for row in range(self.proxy.rowCount()):
            if self.doc_at(row) is doc:
                self.select_row(row)
                return

    def current_doc(self) -> DocumentCheck | None:
        index = self.view.selectionModel().currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        row = self.proxy.mapToSource(index).row()
        return self.model.docs[row] if 0 <= row < len(self.model.docs) else None

    def selected_docs(self) -> list[DocumentCheck]:
        rows = sorted(self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows())
        return [self.model.docs[r] for r in rows if 0 <= r < len(self.model.docs)]

    def next_needing_review(self) -> bool:
        """Move to the next shown document that still needs a person (wrapping); False when none does."""
        n = self.proxy.rowCount()
        index = self.view.selectionModel().currentIndex()
        start = index.row() if index.isValid() else -1
        for step in range(1, n + 1):
            row = (start + step) % n
            if needs_review(self.doc_at(row)):
                self.select_row(row)
                return True
        return False

    def update_summary(self, *_args: object) -> None:
        s = summary(self.model.docs)
        self.summary_label.setText(self.tr(
            "<b>{total}</b> document(s): <span style='color:{signed_colour}'>{signed} signed</span> · "
            "<span style='color:{unsigned_colour}'>{unsigned} unsigned</span> · "
            "<span style='color:{review_colour}'>{review} need review</span> · "
            "{unreadable} unreadable · {reviewed} reviewed by a person").format(
                total=s["total"], signed_colour=VERDICT_COLOURS[SIGNED], signed=s[SIGNED],
                unsigned_colour=VERDICT_COLOURS[UNSIGNED], unsigned=s[UNSIGNED],
                review_colour=VERDICT_COLOURS[NEEDS_REVIEW], review=s[NEEDS_REVIEW],
                unreadable=s["unreadable"], reviewed=s["reviewed"]))
