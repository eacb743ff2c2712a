"""Entry point: python -m alyesdesk.training.signatures (see train.py)."""

import sys

from alyesdesk.training.signatures.train import main

sys.exit(main())
