"""numpy <-> QImage conversions used by every tab (paste, thumbnails, previews)."""

from __future__ import annotations

import numpy as np

from alyesdesk.ui.widgets.images import bgr_to_qimage, qimage_to_bgr


def test_bgr_round_trips_through_qimage(qapp) -> None:
    rng = np.random.default_rng(0)
    image = rng.integers(0, 256, (7, 13, 3), dtype=np.uint8)  # odd width: rows are padded in the QImage
    back = qimage_to_bgr(bgr_to_qimage(image))
    assert back.dtype == np.uint8 and back.flags.owndata
    np.testing.assert_array_equal(back, image)
