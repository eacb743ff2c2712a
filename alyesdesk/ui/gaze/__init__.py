"""The Gaze tab: camera view, controls, calibration wizard, sessions, heatmap and on-screen cursor."""
