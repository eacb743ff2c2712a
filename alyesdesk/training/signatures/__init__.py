"""Training the signature detector and verifier (python -m alyesdesk.training.signatures)."""
