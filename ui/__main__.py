"""`python -m ui` and the `sakip-desktop` command start the program here."""

import gc
import sys


def run() -> int:
    """Start the program with the cyclic garbage collector off from before its imports (ui/startup.py, step 1)."""
    gc.disable()  # the very first statement: importing ui.startup already imports the core
    from ui.app import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
