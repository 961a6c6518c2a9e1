"""``python -m tui.cli``: the same as ``gxq-tui``."""

import sys

from tui.cli import main

sys.exit(main())
