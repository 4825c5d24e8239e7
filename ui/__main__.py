"""`python -m ui` and the `sakip-desktop` command start the program here."""

import gc
import sys


def run() -> int:
    """Start the program with the cyclic garbage collector off from before its imports (see `ui.app.main`)."""
    # Importing the program (~400 modules) builds objects that live as long as it does; the collector
    # would scan them again and again during the imports (~35 ms here) and find nothing to free.
    gc.disable()
    from ui.app import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
