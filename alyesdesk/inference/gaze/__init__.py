"""Gaze engine (Qt-free): camera sources, front ends, calibrated model, calibration, simulator.

Modules, each with one job (import them directly; this package imports nothing heavy):

- `sources`: WebcamSource / VideoFileSource / ImageFolderSource / SimulatedWebcamSource, typed errors
  (CameraError > CameraUnavailable, CameraTimeout, SourceExhausted);
- `frontends.make_frontend("mediapipe" | "haar" | "haar-original")`: frame -> `sample.GazeSample`
  (two 32x32 grey eye crops, 16 features, status ok / no_face / blink / low_confidence);
- `fit.fit_calibrated(...)` -> `CalibratedGazeModel` (numpy reference, `.to_onnx()`, `.sidecar()`);
  `model.GazeModel`: the "gaze" backend (ONNX, from a file or from bytes stored in the database);
- `calibration.CalibrationSession` / `DriftCorrection`: the calibration state machine (no UI, fake-clock
  testable); `targets`: 9/16-point grids, validation points, smooth pursuit; `pursuit`: a moving dot's
  samples as training data and the eye's measured lag behind it;
- `pipeline.GazePipeline`: frame -> filtered screen point + fixations; `filters` (One Euro, blink gate);
  `fixations` (I-DT); `screen.ScreenGeometry` (px <-> degrees);
- `simulator` / `simdata`: deterministic simulated webcam frames from a face photo; `dataset`: both
  dataset formats; `evaluate`; `bench`.
"""
