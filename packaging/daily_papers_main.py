"""The bundle's entry script: PyInstaller freezes this file, which runs the `daily-papers` command.

`reader.cli.main.main()` calls multiprocessing.freeze_support() first, so the window's library-update
child process (a second copy of this executable) runs its job instead of opening another window.
"""

import sys

from reader.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
