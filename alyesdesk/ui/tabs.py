"""The tabs of the main window, in order. Each lives in its own module; one not built yet (or broken)
shows a placeholder that says what it will do, never an empty widget."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TabSpec:
    key: str
    title: str
    module: str
    class_name: str
    purpose: str


TABS: tuple[TabSpec, ...] = (
    TabSpec(
        "gaze", "Gaze", "alyesdesk.ui.gaze.tab", "GazeTab",
        "Track where you look on screen with your webcam: calibrate, see a live gaze cursor and heatmap, "
        "record sessions and export heatmaps and CSV.",
    ),
    TabSpec(
        "waste", "Waste sorting", "alyesdesk.ui.waste.tab", "WasteTab",
        "Drop photos of waste items: the material is recognised and the right bin for your region is "
        "advised; correct wrong answers and export the corrections as a dataset.",
    ),
    TabSpec(
        "documents", "Documents", "alyesdesk.ui.documents.tab", "DocumentsTab",
        "Drop scans or PDFs: handwritten signatures are found, boxed and counted; unsigned documents are "
        "flagged, and a folder can be checked in one batch with a report.",
    ),
    TabSpec(
        "streets", "Street segmentation", "alyesdesk.ui.streets.tab", "StreetsTab",
        "Open a street image or video: every pixel is coloured by category (flat, human, vehicle, "
        "construction, object, nature, sky, void) with a legend and per-category area.",
    ),
    TabSpec(
        "history", "History", "alyesdesk.ui.history.tab", "HistoryTab",
        "Every stored result, across capabilities.",
    ),
)


def tab_keys() -> list[str]:
    return [t.key for t in TABS]
