"""Entry point of the built application (PyInstaller runs this as __main__)."""

import multiprocessing
import sys

from station.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
