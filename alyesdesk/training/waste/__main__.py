"""Entry point: python -m alyesdesk.training.waste (see train.py)."""

import sys

from alyesdesk.training.waste.train import main

sys.exit(main())
