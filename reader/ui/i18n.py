"""TEMPORARY old path of ``python -m reader.ui.i18n``, now reader.ui.platform.i18n; delete once
scripts/setup.sh runs that instead."""

import sys

from reader.ui.platform.i18n import main

if __name__ == "__main__":
    sys.exit(main())
