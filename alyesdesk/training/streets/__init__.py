"""Training the street segmenter (python -m alyesdesk.training.streets)."""
