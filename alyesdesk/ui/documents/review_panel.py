"""The Documents tab's review panel: a person's decisions on the current document, beside the model's.

Per box of the current page: accept (Alt+A) or reject (Alt+X); draw a box the model missed (Alt+D, then
drag on the boxed page); per document: set the verdict by hand (Alt+1 signed, Alt+2 unsigned, Alt+3 needs
review, Alt+0 back to the model's) with an optional note. Every change is applied to `doc.review` at once
and announced by `changed`; the tab stores it (`Database.save_document_review`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alyesdesk.inference.documents.check import NEEDS_REVIEW, SIGNED, UNSIGNED, DocumentCheck
from alyesdesk.inference.documents.review import ACCEPT, REJECT, Review, box_key, reviewed_verdict
from alyesdesk.ui.i18n import status_text
from alyesdesk.ui.widgets.flow import FlowRow

if TYPE_CHECKING:
    from alyesdesk.inference.documents.check import PageCheck

VERDICT_CHOICES = ((QT_TRANSLATE_NOOP("DocumentReview", "Model's answer"), None),
                   (QT_TRANSLATE_NOOP("DocumentReview", "Signed"), SIGNED),
                   (QT_TRANSLATE_NOOP("DocumentReview", "Unsigned"), UNSIGNED),
                   (QT_TRANSLATE_NOOP("DocumentReview", "Needs review"), NEEDS_REVIEW))
DECISION_TEXT = {ACCEPT: QT_TRANSLATE_NOOP("DocumentReview", "accepted"),
                 REJECT: QT_TRANSLATE_NOOP("DocumentReview", "rejected"),
                 None: QT_TRANSLATE_NOOP("DocumentReview", "not decided")}
DRAWN = -1  # item data marker of a drawn box (its index in review.added is stored too)


class ReviewPanel(QWidget):
    changed = Signal(object)  # the DocumentCheck whose review changed
    draw_requested = Signal()  # the viewer should let the user drag a box

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc: DocumentCheck | None = None
        self.page = 1  # 1-based page shown
        self.verdict = QComboBox()
        self.verdict.setToolTip(self.tr("Your verdict for this document (Alt+0 to Alt+3)"))
        for text, value in VERDICT_CHOICES:
            self.verdict.addItem(QCoreApplication.translate("DocumentReview", text), value)
        self.note = QLineEdit()
        self.note.setToolTip(self.tr("A note stored with your review"))
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.boxes = QListWidget()
        self.boxes.setMaximumHeight(110)
        self.accept_button = QPushButton(self.tr("Accept box"))
        self.reject_button = QPushButton(self.tr("Reject box"))
        self.draw_button = QPushButton(self.tr("Draw missed box"))
        self.remove_button = QPushButton(self.tr("Remove drawn box"))
        self.remove_button.setToolTip(self.tr("Remove the box you drew"))
        self.accept_button.setToolTip(self.tr("This box is a signature (Alt+A)"))
        self.reject_button.setToolTip(self.tr("This box is not a signature (Alt+X)"))
        self.draw_button.setToolTip(self.tr("Drag a box on the boxed page around a signature the model missed (Alt+D)"))
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Reviewed verdict:")), 0, 0)
        grid.addWidget(self.verdict, 0, 1)
        grid.addWidget(self.note, 0, 2)
        grid.setColumnStretch(2, 1)
        buttons = FlowRow()  # wraps on narrow windows
        buttons.add(self.accept_button, self.reject_button)
        buttons.add(self.draw_button, self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.boxes)
        layout.addWidget(buttons)

        self.verdict.activated.connect(lambda _i: self.set_verdict(self.verdict.currentData()))
        self.note.editingFinished.connect(lambda: self.set_note(self.note.text()))
        self.accept_button.clicked.connect(lambda: self.decide(ACCEPT))
        self.reject_button.clicked.connect(lambda: self.decide(REJECT))
        self.draw_button.clicked.connect(self.draw_requested.emit)
        self.remove_button.clicked.connect(self.remove_drawn)
        self.boxes.currentRowChanged.connect(lambda _r: self._update_buttons())
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.shortcuts = []
        for keys, slot in (("Alt+A", lambda: self.decide(ACCEPT)), ("Alt+X", lambda: self.decide(REJECT)),
                           ("Alt+D", self.draw_requested.emit), ("Alt+0", lambda: self.set_verdict(None)),
                           ("Alt+1", lambda: self.set_verdict(SIGNED)), ("Alt+2", lambda: self.set_verdict(UNSIGNED)),
                           ("Alt+3", lambda: self.set_verdict(NEEDS_REVIEW))):
            shortcut = QShortcut(QKeySequence(keys), parent or self, slot)
            shortcut.setContext(scope)
            self.shortcuts.append(shortcut)
        self.set_document(None)

    # --- what is shown ------------------------------------------------------------------------------
    def set_document(self, doc: DocumentCheck | None, page: int = 1) -> None:
        if self.doc is not None and doc is not self.doc and self.note.isModified():
            self.set_note(self.note.text())  # a note typed but not confirmed is kept
        self.doc, self.page = doc, page
        review = doc.review if doc is not None else None
        self.verdict.setCurrentIndex(max(0, self.verdict.findData(review.verdict if review else None)))
        self.note.setText(review.note if review else "")
        self.note.setModified(False)
        self._fill_boxes()
        enabled = doc is not None and doc.status == "ok"
        for w in (self.verdict, self.note, self.boxes, self.draw_button):
            w.setEnabled(doc is not None and (enabled or w in (self.verdict, self.note)))
        self._update_buttons()

    def _fill_boxes(self) -> None:
        row = self.boxes.currentRow()
        self.boxes.clear()
        doc = self.doc
        if doc is None or not doc.pages or self.page > len(doc.pages):
            return
        page = doc.pages[self.page - 1]
        review = doc.review or Review()
        for i, b in enumerate(page.boxes):
            decision = review.boxes.get(box_key(page.page, i))
            kind = self.tr("uncertain") if b.review else self.tr("signature")
            ver = "" if b.verifier is None else self.tr(", verifier {verifier:.2f}").format(verifier=b.verifier)
            item = QListWidgetItem(self.tr("Box {value}: {kind} {score:.2f}{ver} — {value2}").format(value=(i + 1), kind=kind, score=b.score, ver=ver, value2=(QCoreApplication.translate('DocumentReview', DECISION_TEXT[decision]))))
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.boxes.addItem(item)
        for j, a in enumerate(review.added):
            if a["page"] == page.page:
                item = QListWidgetItem(self.tr("Drawn box ({value:.0f}, {value2:.0f})–({value3:.0f}, {value4:.0f})").format(value=(a['x1']), value2=(a['y1']), value3=(a['x2']), value4=(a['y2'])))
                item.setData(Qt.ItemDataRole.UserRole, DRAWN)
                item.setData(Qt.ItemDataRole.UserRole + 1, j)
                self.boxes.addItem(item)
        if self.boxes.count():
            self.boxes.setCurrentRow(min(max(row, 0), self.boxes.count() - 1))

    def _update_buttons(self) -> None:
        item = self.boxes.currentItem()
        kind = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.accept_button.setEnabled(kind is not None and kind != DRAWN)
        self.reject_button.setEnabled(kind is not None and kind != DRAWN)
        self.remove_button.setEnabled(kind == DRAWN)

    # --- decisions ----------------------------------------------------------------------------------
    def _review(self) -> Review | None:
        if self.doc is None:
            return None
        if self.doc.review is None:
            self.doc.review = Review()
        return self.doc.review

    def _changed(self) -> None:
        if self.doc is not None and self.doc.review is not None:
            self.doc.review = self.doc.review.stamped()
            self.changed.emit(self.doc)
        self._fill_boxes()
        self._update_buttons()

    def decide(self, decision: str | None) -> None:
        """Accept or reject the selected model box (None: forget the decision)."""
        item = self.boxes.currentItem()
        review = self._review()
        if item is None or review is None or item.data(Qt.ItemDataRole.UserRole) == DRAWN:
            return
        index = int(item.data(Qt.ItemDataRole.UserRole))
        current = review.boxes.get(box_key(self.page, index))
        review.decide(self.page, index, None if current == decision else decision)
        self._changed()

    def select_box(self, row: int) -> None:
        self.boxes.setCurrentRow(row)

    def add_drawn(self, x1: float, y1: float, x2: float, y2: float) -> None:
        review = self._review()
        if review is None or abs(x2 - x1) < 3 or abs(y2 - y1) < 3:
            return
        review.add_box(self.page, x1, y1, x2, y2)
        self._changed()

    def remove_drawn(self) -> None:
        item = self.boxes.currentItem()
        review = self._review()
        if item is None or review is None or item.data(Qt.ItemDataRole.UserRole) != DRAWN:
            return
        del review.added[int(item.data(Qt.ItemDataRole.UserRole + 1))]
        self._changed()

    def set_verdict(self, verdict: str | None) -> None:
        review = self._review()
        if review is None:
            return
        review.verdict = verdict
        self.verdict.setCurrentIndex(max(0, self.verdict.findData(verdict)))
        self._changed()

    def set_note(self, text: str) -> None:
        review = self._review()
        self.note.setModified(False)
        if review is None or review.note == text.strip():
            return
        review.note = text.strip()
        self._changed()


def page_summary(doc: DocumentCheck, page: PageCheck) -> str:
    """The viewer's line under a page: the model's verdict and scores, and the reviewed verdict."""
    scores = ", ".join(f"{b.score:.2f}" + ("" if b.verifier is None else QCoreApplication.translate(
        "ReviewPanel", " (verifier {verifier:.2f})").format(verifier=b.verifier))
        for b in page.boxes if not b.review) or QCoreApplication.translate("ReviewPanel", "none")
    parts = [QCoreApplication.translate("ReviewPanel", "<b>{name}</b> — model: {value}: {count} of {expected} expected signature(s) · "
                                                       "this page: {count2} (scores {scores})").format(name=doc.path.name, value=(status_text(doc.verdict or 'error')), count=doc.count, expected=doc.expected, count2=page.count, scores=scores)]
    reviewed = reviewed_verdict(doc)
    if reviewed is not None:
        parts.append(QCoreApplication.translate("ReviewPanel", "<b>reviewed: {value}</b>").format(value=(status_text(reviewed or 'error'))) + (f" ({doc.review.note})" if doc.review.note else ""))
    if page.review_count:
        parts.append(QCoreApplication.translate("ReviewPanel", "{review_count} uncertain box(es) to review (orange)").format(review_count=page.review_count))
    if page.rotation:
        parts.append(QCoreApplication.translate("ReviewPanel", "scan read turned {rotation}°").format(rotation=page.rotation))
    if page.warning:
        parts.append(f"⚠ {page.warning}")
    return " · ".join(parts)
