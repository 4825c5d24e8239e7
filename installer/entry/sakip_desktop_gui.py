"""The frozen program's entry point (windowed): what `sakip-desktop` and `python -m ui` run."""

import multiprocessing
import sys

from ui.__main__ import run

if __name__ == "__main__":
    # Documents are laid out in helper processes (sakip_desktop/documents/layout_pool.py); a frozen program is
    # started again as such a helper, and this hands it over to the helper instead of starting the program.
    multiprocessing.freeze_support()
    sys.exit(run())
