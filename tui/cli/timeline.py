"""``gxq-tui timeline QUERY``: article counts over time as bars, JSON, CSV or Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from search_index.index.datecolumn import BUCKETS
from search_index.research.options import EXPORT_FORMATS
from tui.cli.output import Output
from tui.cli.research import export_or_none

if TYPE_CHECKING:
    from search_index.engine import Engine
    from search_index.research.timeline import Timeline


def add_timeline_parser(sub, common, filters) -> None:
    """Register ``timeline``."""
    p = sub.add_parser("timeline", parents=[common], help="article counts per year, month, week or day")
    p.add_argument("query", nargs="?", default="", help="e.g. 低空经济 (all articles when empty)")
    p.add_argument("--by", choices=BUCKETS, help="bucket size (default: chosen from the span)")
    p.add_argument("--split-by", metavar="FACET", help="one series per top value of a facet (track, park, …)")
    p.add_argument("--top", type=int, default=5, help="series for the N most frequent values (5)")
    filters(p)
    p.add_argument("--format", choices=EXPORT_FORMATS, help="export as Markdown, CSV or JSON (with a header)")


def cmd_timeline(engine: Engine, args, out: Output, filter_args) -> int:
    """``gxq-tui timeline [QUERY]``."""
    include, exclude = filter_args(args)
    line = engine.timeline(args.query, include, exclude, by=args.by or "", split_by=args.split_by or "", top=args.top)
    if export_or_none(engine, args, "timeline", line, out):
        return 0
    if args.json:
        out.json(line.to_json())
        return 0
    print_timeline(out, line)
    return 0


def print_timeline(out: Output, line: Timeline) -> None:
    """One bar per bucket, then each series' counts per bucket."""
    from rich.text import Text

    from tui.style import bar

    summary = f"{line.total} articles for {line.query or '(all)'} by {line.by} · {line.undated} undated"
    if line.coarser:
        summary += f" · {line.coarser} dated less precisely than a {line.by}"
    out.print(Text(summary, style="bold"))
    if not line.keys:
        out.print("no dated article matches", markup=False)
        return
    peak = max(line.counts) or 1
    room = max(10, out.width - 24)
    for i, n in enumerate(line.counts):
        row = Text(f"{line.label(i):>10} {n:>6} ")
        row.append(bar(n, peak, room), style="cyan")
        out.print(row, no_wrap=True, overflow="crop")
    for value, counts in line.series.items():
        cells = " ".join(f"{n}" for n in counts)
        out.print(Text(f"{value}: ", style="bold").append(cells), overflow="ellipsis", no_wrap=True)
