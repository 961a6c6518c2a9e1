"""``python -m tui.cli``: the same as ``gxq-tui``."""

import sys

from tui.cli.main import main

sys.exit(main())
