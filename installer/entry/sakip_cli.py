"""The frozen `sakip` command's entry point (console)."""

import sys

from sakip_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
