"""The frozen program's entry point (windowed): what `sakip-desktop` and `python -m ui` run."""

import sys

from ui.__main__ import run

if __name__ == "__main__":
    sys.exit(run())
