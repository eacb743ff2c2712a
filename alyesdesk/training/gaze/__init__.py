"""Training the deep gaze model (python -m alyesdesk.training.gaze)."""
