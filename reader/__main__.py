"""``python -m reader`` behaves exactly like the ``daily-papers`` command."""

import sys

from reader.app import main

sys.exit(main())
