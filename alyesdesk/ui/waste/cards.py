"""Widgets of the Waste tab: the result grid, its painter, and the detail pane."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from alyesdesk.inference.waste.classify import FileResult
from alyesdesk.ui.error_text import localized
from alyesdesk.ui.widgets.file_problems import problem_reason
from alyesdesk.ui.i18n import label_text
from alyesdesk.ui.waste.results_model import CORRECTION_ROLE, RESULT_ROLE, THUMB_ROLE

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex

CELL = QSize(184, 252)
THUMB_BOX = 150
NOT_SURE_COLOUR = "#d9822b"
ERROR_COLOUR = "#c0392b"
CONFIRMED_COLOUR = "#2e8b57"


def readable_text_colour(background: str) -> str:
    colour = QColor(background)
    luminance = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return "#111111" if luminance > 150 else "#ffffff"


class ResultDelegate(QStyledItemDelegate):
    """Paints one grid cell: thumbnail, label and confidence, bin colour strip and container name."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return CELL

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        result: FileResult | None = index.data(RESULT_ROLE)
        correction: str | None = index.data(CORRECTION_ROLE)
        rect = option.rect.adjusted(4, 4, -4, -4)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        painter.setPen(QPen(palette.highlight().color() if selected else palette.mid().color(), 2 if selected else 1))
        painter.setBrush(palette.base())
        painter.drawRoundedRect(rect, 6, 6)

        thumb_rect = QRect(rect.left() + 6, rect.top() + 6, rect.width() - 12, THUMB_BOX)
        pixmap = index.data(THUMB_ROLE)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            scaled = pixmap.scaled(thumb_rect.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
            x = thumb_rect.left() + (thumb_rect.width() - scaled.width()) // 2
            y = thumb_rect.top() + (thumb_rect.height() - scaled.height()) // 2
            painter.drawPixmap(x, y, scaled)
        else:
            painter.fillRect(thumb_rect, palette.alternateBase())

        text_left = rect.left() + 8
        width = rect.width() - 16
        y = thumb_rect.bottom() + 6
        if result is None or not result.ok or result.prediction is None:
            # No thumbnail for an unreadable file: the reason goes where the picture would be.
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#fbeaea"))
            painter.drawRoundedRect(thumb_rect, 4, 4)
            painter.setPen(QColor(ERROR_COLOUR))
            painter.setFont(option.font)
            error = localized(result.error or "") if result is not None else ""
            painter.drawText(thumb_rect.adjusted(8, 8, -8, -8),
                             int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap), error or "")
            bold = QFont(option.font)
            bold.setBold(True)
            painter.setFont(bold)
            painter.drawText(QRect(text_left, y, width, 18), Qt.AlignmentFlag.AlignLeft, self.tr("Could not classify"))
            painter.restore()
            return

        p = result.prediction
        not_waste = result.looks_like_waste is False and not correction
        label = self.tr("Not a waste item") if not_waste else (correction or p.label)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.text().color())
        headline = label_text(label)
        painter.drawText(QRect(text_left, y, width - 52, 18), Qt.AlignmentFlag.AlignLeft,
                         painter.fontMetrics().elidedText(headline, Qt.TextElideMode.ElideRight, width - 52))
        painter.setFont(option.font)
        if correction and correction == p.label:
            badge, colour = self.tr("confirmed"), CONFIRMED_COLOUR
        elif correction:
            badge, colour = self.tr("corrected"), "#2d7ff9"
        elif not_waste:
            badge, colour = self.tr("no bin"), NOT_SURE_COLOUR
        elif not p.sure:
            badge, colour = self.tr("not sure"), NOT_SURE_COLOUR
        else:
            badge, colour = f"{p.confidence:.0%}", palette.text().color().name()
        painter.setPen(QColor(colour))
        painter.drawText(QRect(text_left, y, width, 18), Qt.AlignmentFlag.AlignRight, badge)

        y += 22
        if result.bin is not None and not not_waste:
            strip = QRect(text_left, y, width, 34)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(result.bin.color))
            painter.drawRoundedRect(strip, 4, 4)
            painter.setPen(QColor(readable_text_colour(result.bin.color)))
            small = QFont(option.font)
            small.setPointSizeF(max(7.0, option.font.pointSizeF() - 1))
            painter.setFont(small)
            unsure = not p.sure and not correction
            painter.drawText(strip.adjusted(6, 1, -6, -1),
                             int(Qt.AlignmentFlag.AlignVCenter) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap),
                             ("? " if unsure else "") + result.bin.container)
            y += 12
        if result.duplicate_of or result.previous_result_id:
            painter.setFont(option.font)
            painter.setPen(palette.placeholderText().color())
            note = self.tr("same file as an earlier one") if result.duplicate_of else self.tr("seen before")
            painter.drawText(QRect(text_left, y + 26, width, 16), Qt.AlignmentFlag.AlignLeft, note)
        painter.restore()


def stored_note(result: FileResult, db_locked: bool) -> str:
    """The small print under the detail pane: file hash, duplicates, and whether and where it is stored."""
    notes = []
    # The file's sha256 is kept with the result (History > Details > Technical details), not shown here.
    if result.duplicate_of:
        notes.append(QCoreApplication.translate("Cards", "same bytes as {value}").format(value=(Path(result.duplicate_of).name)))
    if result.result_id:
        notes.append(QCoreApplication.translate("Cards", "stored as result #{result_id}").format(result_id=result.result_id))
    elif result.previous_result_id:
        notes.append(QCoreApplication.translate("Cards", "already stored as result #{previous_result_id}").format(previous_result_id=result.previous_result_id))
    elif result.ok and db_locked:
        notes.append(QCoreApplication.translate("Cards", "not stored: database locked"))
    return " · ".join(notes)


class DetailPane(QWidget):
    """The selected result: preview, label, top 3 with bars, bin advice and the correction control."""

    correction_requested = Signal(str)  # the label the user chose

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bin_lookup = None  # label -> BinAdvice, so a corrected label shows its own bin
        self.setMinimumWidth(300)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(160)  # grows with the pane; small enough for a 660 px window
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.file_label.setStyleSheet("color: palette(placeholder-text);")
        self.headline = QLabel()
        self.headline.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.headline.setWordWrap(True)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.bars: list[tuple[QLabel, QProgressBar]] = []
        bars_box = QVBoxLayout()
        bars_box.setSpacing(2)
        for _ in range(3):
            name, bar = QLabel(), QProgressBar()
            bar.setRange(0, 1000)
            bar.setTextVisible(True)
            bar.setMaximumHeight(16)
            row = QHBoxLayout()
            name.setMinimumWidth(110)
            row.addWidget(name)
            row.addWidget(bar, 1)
            bars_box.addLayout(row)
            self.bars.append((name, bar))
        self.bin_box = QLabel()
        self.bin_box.setWordWrap(True)
        self.bin_box.setMinimumHeight(44)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.correction = QComboBox()  # the model's answer pre-selected: confirm it, or pick the right one
        self.correction.setToolTip(self.tr("The right label for this photo"))
        self.correct_button = QPushButton()
        # As wide as its longer text: the pane's width is fixed from it (the scroll area never scrolls
        # sideways), and "Save correction" came after and was cut off.
        widths = []
        for text in (self.tr("Save correction"), self.tr("Confirm")):
            self.correct_button.setText(text)
            widths.append(self.correct_button.sizeHint().width())
        self.correct_button.setMinimumWidth(max(widths))
        self.correct_button.clicked.connect(self._on_correct_clicked)
        self.correction.currentIndexChanged.connect(self._on_answer_changed)
        self._model_label: str | None = None  # what the model said, when it counts as an answer to confirm
        self.stored_label = QLabel()
        self.stored_label.setWordWrap(True)
        self.stored_label.setStyleSheet("color: palette(placeholder-text); font-size: 11px;")

        correction_row = QHBoxLayout()
        correction_row.addWidget(QLabel(self.tr("It is:")))
        correction_row.addWidget(self.correction, 1)
        correction_row.addWidget(self.correct_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.preview)
        layout.addWidget(self.file_label)
        layout.addWidget(self.headline)
        layout.addWidget(self.verdict)
        layout.addLayout(bars_box)
        layout.addSpacing(6)
        layout.addWidget(self.bin_box)
        layout.addWidget(self.advice)
        layout.addSpacing(6)
        layout.addLayout(correction_row)
        layout.addWidget(self.stored_label)
        layout.addStretch(1)
        self.show_result(None)

    def set_labels(self, labels: list[str]) -> None:
        current = self.correction.currentData()
        self.correction.clear()
        for label in labels:
            self.correction.addItem(label_text(label), label)
        if current:
            self.correction.setCurrentIndex(max(0, self.correction.findData(current)))

    def _on_correct_clicked(self) -> None:
        label = self.correction.currentData()
        if label:
            self.correction_requested.emit(label)

    def _on_answer_changed(self, _index: int = -1) -> None:
        # The model's own answer is confirmed; another label is a correction. Both are stored with the photo.
        confirming = self._model_label is not None and self.correction.currentData() == self._model_label
        self.correct_button.setText(self.tr("Confirm") if confirming else self.tr("Save correction"))
        self.correct_button.setToolTip(
            self.tr("Keep this answer (and the photo, to teach the model later)") if confirming
            else self.tr("Store the label you chose (and the photo, to teach the model later)"))


    def _clear_prediction(self, stored_note: str) -> None:
        """Empty the top-3 bars and the bin advice (no photo, or a photo that could not be classified)."""
        for name, bar in self.bars:
            name.clear()
            bar.hide()
        self.bin_box.clear()
        self.bin_box.setStyleSheet("")
        self.advice.clear()
        self.stored_label.setText(stored_note)
    def show_result(self, result: FileResult | None, pixmap: QPixmap | None = None, correction: str | None = None,
                    stored_note: str = "") -> None:
        has_prediction = result is not None and result.ok and result.prediction is not None
        for widget in (self.correction, self.correct_button):
            widget.setEnabled(has_prediction)
        if has_prediction:  # pre-select the person's label, else the model's answer, to confirm in one click
            p = result.prediction
            self._model_label = p.label if result.looks_like_waste is not False else None
            self.correction.setCurrentIndex(max(0, self.correction.findData(correction or p.label)))
        else:
            self._model_label = None
        self._on_answer_changed()
        if pixmap is not None and not pixmap.isNull():
            self.preview.setPixmap(pixmap.scaled(280, 220, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.clear()
        if result is None:
            self.preview.setText(self.tr("Select a photo to see the details"))
            self.file_label.clear()
            self.headline.clear()
            self.verdict.clear()
            self._clear_prediction("")
            return
        # A long path has no spaces to wrap at: let it wrap after each separator, whole path in the tooltip.
        self.file_label.setText(str(result.path).replace("/", "/\u200b").replace("\\", "\\\u200b"))
        self.file_label.setToolTip(str(result.path))
        if not has_prediction:
            self.headline.setText(self.tr("Could not classify"))
            self.verdict.setText(problem_reason(result.path, result.error))  # the path is the line above
            self.verdict.setStyleSheet(f"color: {ERROR_COLOUR};")
            self._clear_prediction(stored_note)
            return
        p = result.prediction
        assert p is not None
        if result.looks_like_waste is False and not correction:
            self.headline.setText(self.tr("Not a waste item"))
            self.verdict.setText(self.tr("This does not look like a waste item, so there is no bin advice. "
                                 "If it is one, pick its material below."))
            self.verdict.setStyleSheet(f"color: {NOT_SURE_COLOUR}; font-weight: 600;")
            self._clear_prediction(stored_note)
            return
        self.headline.setText(label_text(correction or p.label).capitalize()
                              + ("?" if not p.sure and not correction else ""))
        if correction == p.label:
            self.verdict.setText(self.tr("Confirmed by you ({confidence:.0%} confident)").format(confidence=p.confidence))
            self.verdict.setStyleSheet(f"color: {CONFIRMED_COLOUR};")
        elif correction:
            self.verdict.setText(self.tr("Corrected by you (the model said {label}, {confidence:.0%})").format(
                label=label_text(p.label), confidence=p.confidence))
            self.verdict.setStyleSheet("color: #2d7ff9;")
        elif p.sure:
            self.verdict.setText(self.tr("{confidence:.0%} confident").format(confidence=p.confidence))
            self.verdict.setStyleSheet("")
        else:
            self.verdict.setText(self.tr("Not sure ({confidence:.0%}): it may be one of these").format(confidence=p.confidence))
            self.verdict.setStyleSheet(f"color: {NOT_SURE_COLOUR}; font-weight: 600;")
        for (name, bar), item in zip(self.bars, list(p.top) + [None] * 3):
            if item is None:
                name.clear()
                bar.hide()
                continue
            name.setText(label_text(item[0]))
            bar.setValue(int(round(item[1] * 1000)))
            bar.setFormat(f"{item[1]:.0%}")
            bar.show()
        advice = result.bin
        if correction and self.bin_lookup is not None:
            advice = self.bin_lookup(correction)
        unsure = not p.sure and not correction
        if advice is not None:
            fg = readable_text_colour(advice.color)
            # An unsure answer must not read like an order: say which bin goes with which guess.
            prefix = self.tr("If it is {label}: ").format(label=label_text(p.label)) if unsure else ""
            self.bin_box.setText(f"{prefix}<b>{advice.container}</b>")
            self.bin_box.setStyleSheet(f"background: {advice.color}; color: {fg}; border-radius: 6px; padding: 8px;")
            text = advice.advice
            if unsure and self.bin_lookup is not None:
                others = []
                for label, _ in p.top[1:]:
                    other = self.bin_lookup(label)
                    if other is not None:
                        others.append(self.tr("if it is {label}: <b>{container}</b>").format(
                            label=label_text(label), container=other.container))
                if others:
                    text = self.tr("Otherwise, ") + "; ".join(others) + self.tr(". Correct the label below once you know.")
            self.advice.setText(text)
        else:
            self.bin_box.setText(self.tr("No bin advice for this material in the selected region"))
            self.bin_box.setStyleSheet("")
            self.advice.clear()
        self.correction.setCurrentIndex(max(0, self.correction.findData(correction or p.label)))
        self.stored_label.setText(stored_note)
