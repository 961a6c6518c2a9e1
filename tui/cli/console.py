"""The rich console the command line prints text with (imported only for text output)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from search_index.analysis.safe_text import visible


class SafeConsole(Console):
    """A console that prints control characters from a corpus (escape sequences, C1 codes)
    as visible characters; styles and highlight spans are kept (the length is the same)."""

    def print(self, *objects, **kwargs) -> None:
        """Console.print with every str and Text made :func:`visible`."""
        super().print(*(_visible(o) for o in objects), **kwargs)


def _visible(obj):
    if isinstance(obj, str):
        return visible(obj)
    if isinstance(obj, Text) and visible(obj.plain) != obj.plain:
        obj = obj.copy()
        obj.plain = visible(obj.plain)
    return obj
