"""Training the waste classifier (python -m alyesdesk.training.waste)."""
