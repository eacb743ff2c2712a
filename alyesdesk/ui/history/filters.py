"""History's filter bar: capability, date range (presets or two dates) and text; `changed` after a pause."""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QTime, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget

from alyesdesk.storage import CAPABILITIES

CAPABILITY_TITLES = {"gaze": QT_TRANSLATE_NOOP("HistoryTab", "Gaze"),
                     "waste": QT_TRANSLATE_NOOP("HistoryTab", "Waste sorting"),
                     "documents": QT_TRANSLATE_NOOP("HistoryTab", "Documents"),
                     "streets": QT_TRANSLATE_NOOP("HistoryTab", "Streets")}
# (key, text, days back from today; None: all time, -1: the two dates below)
RANGES = (("all", QT_TRANSLATE_NOOP("HistoryFilters", "Any date"), None),
          ("today", QT_TRANSLATE_NOOP("HistoryFilters", "Today"), 0),
          ("week", QT_TRANSLATE_NOOP("HistoryFilters", "Last 7 days"), 6),
          ("month", QT_TRANSLATE_NOOP("HistoryFilters", "Last 30 days"), 29),
          ("custom", QT_TRANSLATE_NOOP("HistoryFilters", "Between…"), -1))


def _start_of(day: QDate) -> float:
    return QDateTime(day, QTime(0, 0)).toSecsSinceEpoch()


class HistoryFilters(QWidget):
    """Signals: changed() once the user stopped changing the filters for a moment."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.capability = QComboBox()
        self.capability.addItem(self.tr("All capabilities"), None)
        for key in CAPABILITIES:
            self.capability.addItem(capability_title(key), key)
        self.capability.setToolTip(self.tr("Show the results of one capability only"))
        self.range = QComboBox()
        self.range.setObjectName("date_range")
        for key, text, _days in RANGES:
            self.range.addItem(self.tr(text), key)
        self.range.setToolTip(self.tr("Show the results checked in this period"))
        today = QDate.currentDate()
        self.start = QDateEdit(today.addDays(-30), calendarPopup=True)
        self.end = QDateEdit(today, calendarPopup=True)
        self.start.setToolTip(self.tr("First day shown"))
        self.end.setToolTip(self.tr("Last day shown"))
        self.and_label = QLabel(self.tr("and"))
        self.search = QLineEdit(placeholderText=self.tr("Filter by file, outcome, note or model…"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(self.tr("Ctrl+F: filter by file name, outcome, note or model"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.capability, self.range, self.start, self.and_label, self.end):
            row.addWidget(widget)
        row.addWidget(self.search, 1)
        self._show_dates()
        # Typing filters after a short pause so a large history is not re-queried on every key.
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.changed)
        self.search.textChanged.connect(self._debounce.start)
        self.capability.currentIndexChanged.connect(self.changed)
        self.range.currentIndexChanged.connect(self._on_range_changed)
        self.start.dateChanged.connect(self._debounce.start)
        self.end.dateChanged.connect(self._debounce.start)

    def _show_dates(self) -> None:
        custom = self.range.currentData() == "custom"
        for widget in (self.start, self.and_label, self.end):
            widget.setVisible(custom)

    def _on_range_changed(self) -> None:
        self._show_dates()
        self.changed.emit()

    def set_range(self, key: str) -> None:
        self.range.setCurrentIndex(max(0, self.range.findData(key)))

    def time_range(self, now: float | None = None) -> tuple[float | None, float | None]:
        """(since, until) epochs for the chosen range; None where open."""
        key = self.range.currentData()
        days = next(d for k, _t, d in RANGES if k == key)
        if days is None:
            return None, None
        if days == -1:
            first, last = sorted((self.start.date(), self.end.date()))
            return _start_of(first), _start_of(last.addDays(1))
        today = QDateTime.fromSecsSinceEpoch(int(now if now is not None else time.time())).date()
        return _start_of(today.addDays(-days)), None

    def values(self) -> dict:
        since, until = self.time_range()
        return {"capability": self.capability.currentData(), "text": self.search.text().strip() or None,
                "since": since, "until": until}

    def is_filtered(self) -> bool:
        return bool(self.search.text().strip() or self.capability.currentData() or self.range.currentData() != "all")


def capability_title(key: str) -> str:
    """A capability's name as History shows it: its tab's title, so both say the same."""
    from alyesdesk.ui.tabs import TABS, tab_title

    spec = next((t for t in TABS if t.key == key), None)
    if spec is not None:
        return tab_title(spec)
    return QCoreApplication.translate("HistoryTab", CAPABILITY_TITLES[key]) if key in CAPABILITY_TITLES else key
