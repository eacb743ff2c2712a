"""Front ends: per-frame statuses on odd frames, and eyes found on real faces (dlib landmarks)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import cv2
import numpy as np
import pytest

from alyesdesk.inference.gaze import sample as S
from alyesdesk.inference.gaze.frontends import make_frontend

ODD_FRAMES = {
    "empty": np.zeros((0, 0, 3), np.uint8),
    "tiny": np.zeros((10, 10, 3), np.uint8),
    "black": np.zeros((480, 640, 3), np.uint8),
    "grey_2d": np.full((480, 640), 128, np.uint8),
    "bgra": np.full((240, 320, 4), 128, np.uint8),
    "float": np.random.default_rng(0).random((240, 320, 3)).astype(np.float32),
    "noise": np.random.default_rng(1).integers(0, 255, (480, 640, 3), dtype=np.uint8),
    "tall": np.full((1000, 80, 3), 200, np.uint8),
    "four_d": np.zeros((2, 2, 2, 2), np.uint8),
}


@pytest.fixture(params=["mediapipe", "haar", "haar-original", "haar-original-cvdefaults"])
def frontend(request):
    # One front end per test: in video mode MediaPipe (and the tracking Haar one) carry state from frame to
    # frame (the tracked face, the blink baseline, the frame counter), so a module-wide instance made each
    # result depend on the frames earlier tests fed it, and on the order the tests ran in.
    with make_frontend(request.param) as fe:
        yield fe


@pytest.mark.parametrize("name", sorted(ODD_FRAMES))
def test_odd_frames_give_a_status_never_an_exception(frontend, name) -> None:
    sample = frontend.process(ODD_FRAMES[name], 0.0)
    assert sample.status in (S.NO_FACE, S.LOW_CONFIDENCE, S.BLINK)
    assert not sample.ok
    if name in ("black", "empty", "tiny"):
        assert sample.message  # says why


def _dlib_faces(folder):
    faces = {}
    for xml in ("training_with_face_landmarks.xml", "testing_with_face_landmarks.xml"):
        for image in ET.parse(folder / xml).getroot().iter("image"):
            for box in image.findall("box"):
                pts = {int(p.get("name")): (float(p.get("x")), float(p.get("y"))) for p in box.findall("part")}
                if len(pts) == 68:
                    right = np.mean([pts[i] for i in range(36, 42)], axis=0)  # image-left eye
                    left = np.mean([pts[i] for i in range(42, 48)], axis=0)
                    faces.setdefault(image.get("file"), []).append((right, left))
    return faces


def test_mediapipe_finds_the_eyes_dlib_marked(shared_data) -> None:
    folder = shared_data / "faces" / "dlib"
    truth = _dlib_faces(folder)
    matched, errors = 0, []
    with make_frontend("mediapipe", static=True) as fe:
        for name, faces in truth.items():
            image = cv2.imread(str(folder / name))
            sample = fe.process(image, 0.0)
            corners = sample.overlay.get("eye_corners")
            if not corners:
                continue
            c = np.array(corners)
            right, left = c[0:2].mean(axis=0), c[2:4].mean(axis=0)
            # The dlib face nearest to the face MediaPipe used (the largest).
            r_true, l_true = min(faces, key=lambda f: np.linalg.norm(f[0] - right) + np.linalg.norm(f[1] - left))
            iod = np.linalg.norm(l_true - r_true)
            errors.append(max(np.linalg.norm(right - r_true), np.linalg.norm(left - l_true)) / iod)
            matched += 1
    assert matched >= 5, f"MediaPipe found faces in only {matched} dlib photos"
    # Eye centres within ~10% of the eye distance. One photo's largest face may be one dlib did not mark.
    assert np.median(errors) < 0.1, errors
    assert sum(e < 0.15 for e in errors) >= 4, errors


def test_haar_eye_boxes_contain_dlib_eyes_on_large_faces(shared_data) -> None:
    folder = shared_data / "faces" / "dlib"
    truth = _dlib_faces(folder)
    hits = tried = 0
    with make_frontend("haar-original") as fe:
        for name, faces in truth.items():
            # The prototype's cascades need faces larger than most in these photos: upscale 2x.
            image = cv2.resize(cv2.imread(str(folder / name)), None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
            sample = fe.process(image, 0.0)
            boxes = sample.overlay.get("eye_boxes") or []
            for ex, ey, ew, eh in boxes:
                tried += 1
                centres = [2 * eye for face in faces for eye in face]
                if any(ex <= x <= ex + ew and ey <= y <= ey + eh for x, y in centres):
                    hits += 1
    assert tried >= 4, "Haar found almost no eyes on the dlib photos"
    assert hits / tried >= 0.75, (hits, tried)


def test_several_faces_use_the_largest_and_say_so(shared_data) -> None:
    image = cv2.imread(str(shared_data / "faces" / "dlib" / "bald_guys.jpg"))
    with make_frontend("mediapipe", static=True) as fe:
        sample = fe.process(image, 0.0)
    assert sample.faces >= 2
    assert "using the largest" in sample.message
    box = sample.overlay["face_box"]
    assert box[0] > image.shape[1] / 2  # the largest face in that photo is on the right, at the top
    assert box[1] < image.shape[0] / 3


def test_crops_and_features_have_the_contract_shape(shared_data) -> None:
    image = cv2.imread(str(shared_data / "faces" / "dlib" / "Tom_Cruise_avp_2014_4.jpg"))
    small = cv2.resize(image, None, fx=0.4, fy=0.4, interpolation=cv2.INTER_AREA)  # webcam-like eye size
    with make_frontend("mediapipe", static=True) as fe:
        sample = fe.process(small, 1.5)
    assert sample.ok, sample.message
    assert sample.right_eye.shape == (S.CROP_SIZE, S.CROP_SIZE) and sample.right_eye.dtype == np.uint8
    assert sample.features.shape == (S.FEATURE_COUNT,) and np.isfinite(sample.features).all()
    assert sample.timestamp == 1.5
    yaw, pitch, roll = sample.overlay["head_pose_deg"]
    assert abs(yaw) < 25 and abs(roll) < 15  # a roughly frontal portrait
    # The iris sits between the corners: relative position within the eye width.
    assert abs(sample.features[0]) < 0.3 and abs(sample.features[2]) < 0.3


def test_video_mode_tracks_the_largest_of_two_faces(shared_data) -> None:
    photo = cv2.imread(str(shared_data / "faces" / "dlib" / "Tom_Cruise_avp_2014_4.jpg"))
    frame = np.full((480, 640, 3), 90, np.uint8)
    big = cv2.resize(photo, (240, 340), interpolation=cv2.INTER_AREA)
    small = cv2.resize(photo, (120, 170), interpolation=cv2.INTER_AREA)
    frame[100:440, 330:570] = big  # the user, on the right
    frame[20:190, 40:160] = small  # someone behind, on the left
    with make_frontend("mediapipe") as fe:
        samples = [fe.process(frame, i / 30) for i in range(20)]
    last = samples[-1]
    assert last.faces == 2 and "using the largest" in last.message
    assert last.overlay["face_box"][0] > 300  # the big face on the right
