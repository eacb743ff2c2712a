"""The tabs of the main window, in order. Each lives in its own module; one not built yet (or broken)
shows a placeholder that says what it will do, never an empty widget."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class TabSpec:
    key: str
    title: str
    module: str
    class_name: str
    purpose: str


TABS: tuple[TabSpec, ...] = (
    TabSpec(
        "gaze", QT_TRANSLATE_NOOP("Tabs", "Gaze"), "alyesdesk.ui.gaze.tab", "GazeTab",
        QT_TRANSLATE_NOOP("Tabs", "Track where you look on screen with your webcam: calibrate, see a live gaze cursor and heatmap, "
        "record sessions and export heatmaps and CSV."),
    ),
    TabSpec(
        "waste", QT_TRANSLATE_NOOP("Tabs", "Waste sorting"), "alyesdesk.ui.waste.tab", "WasteTab",
        QT_TRANSLATE_NOOP("Tabs", "Drop photos of waste items: the material is recognised and the right bin for your region is "
        "advised; correct wrong answers and export the corrections as a dataset."),
    ),
    TabSpec(
        "documents", QT_TRANSLATE_NOOP("Tabs", "Documents"), "alyesdesk.ui.documents.tab", "DocumentsTab",
        QT_TRANSLATE_NOOP("Tabs", "Drop scans or PDFs: handwritten signatures are found, boxed and counted; unsigned documents are "
        "flagged, and a folder can be checked in one batch with a report."),
    ),
    TabSpec(
        "streets", QT_TRANSLATE_NOOP("Tabs", "Street segmentation"), "alyesdesk.ui.streets.tab", "StreetsTab",
        QT_TRANSLATE_NOOP("Tabs", "Open a street image or video: every pixel is coloured by category (flat, human, vehicle, "
        "construction, object, nature, sky, void) with a legend and per-category area."),
    ),
    TabSpec(
        "history", QT_TRANSLATE_NOOP("Tabs", "History"), "alyesdesk.ui.history.tab", "HistoryTab",
        QT_TRANSLATE_NOOP("Tabs", "Every stored result, across capabilities."),
    ),
)


def tab_title(spec: TabSpec) -> str:
    """The tab's title in the interface's language."""
    return QCoreApplication.translate("Tabs", spec.title)


def tab_purpose(spec: TabSpec) -> str:
    return QCoreApplication.translate("Tabs", spec.purpose)


def tab_keys() -> list[str]:
    return [t.key for t in TABS]
