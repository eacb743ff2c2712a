"""Entry point: python -m alyesdesk.training.gaze (see train.py)."""

import sys

from alyesdesk.training.gaze.train import main

sys.exit(main())
