"""``python -m reader`` behaves exactly like the ``daily-papers`` command."""

import sys

from reader.cli.main import main

sys.exit(main())
