"""`python -m ui` starts the program."""

import sys

from ui.app import main

sys.exit(main())
