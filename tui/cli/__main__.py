"""``python -m tui.cli``: the same as ``gxq-tui``."""

import sys

from tui.cli.early import main

sys.exit(main())
