"""gxq-tui's widgets."""
