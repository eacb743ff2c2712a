"""Entry point: python -m alyesdesk.training.streets (see train.py)."""

import sys

from alyesdesk.training.streets.train import main

sys.exit(main())
