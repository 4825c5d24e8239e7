"""`python -m sakip_desktop.cli`: the `sakip` command."""

import sys

from sakip_desktop.cli import main

sys.exit(main())
