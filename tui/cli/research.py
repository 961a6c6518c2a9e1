"""The research subcommands: ``kwic``, ``matrix`` and ``saved``, and ``--format`` exports."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TYPE_CHECKING

from search_index.dates.ranges import with_date_range
from search_index.errors import ConfigError, UserError
from search_index.research.options import EXPORT_FORMATS, KWIC_SORTS, KWIC_WIDTH, MATRIX_TOP
from tui.cli.output import Output

if TYPE_CHECKING:
    from search_index.engine import Engine
    from search_index.research.saved import SavedSearches


def add_format(p: argparse.ArgumentParser) -> None:
    """``--format md|csv|json``: an export with a header instead of the terminal view."""
    p.add_argument("--format", choices=EXPORT_FORMATS, help="export as Markdown, CSV or JSON (with a header)")


def add_parsers(sub, common, filters) -> None:
    """Register ``kwic``, ``matrix`` and ``saved``."""
    p = sub.add_parser("kwic", parents=[common], help="every hit as a keyword-in-context line")
    p.add_argument("query", help="the words to show in context, e.g. 具身智能")
    p.add_argument("--width", type=int, default=KWIC_WIDTH, help=f"context cells each side ({KWIC_WIDTH})")
    p.add_argument(
        "--sort", choices=KWIC_SORTS, default="source", help="by source (default), left or right word, or date"
    )
    p.add_argument("--limit", type=int, default=0, help="show at most N lines (0: all)")
    filters(p)
    add_format(p)
    p = sub.add_parser("matrix", parents=[common], help="park × track article counts")
    p.add_argument("query", nargs="?", default="")
    p.add_argument("--top", type=int, default=MATRIX_TOP, help=f"parks with most articles ({MATRIX_TOP})")
    p.add_argument("--in-province", metavar="P", help="rows: every zone of this province (e.g. 江苏省)")
    p.add_argument("--weak", action="store_true", help="also count related-term-only track mentions")
    filters(p)
    add_format(p)
    p = sub.add_parser("saved", parents=[common], help="saved searches: list, add, delete, run")
    p.add_argument("action", nargs="?", choices=("list", "add", "delete", "run"), default="list")
    p.add_argument("name", nargs="?", help="the saved search's name")
    p.add_argument("query", nargs="?", default="", help="the query to save (add)")
    p.add_argument("--limit", type=int, default=10, help="results to show (run)")
    filters(p)


def export_or_none(engine: Engine, args, view: str, payload, out: Output) -> bool:
    """Print ``payload`` in ``--format`` if one was asked for; True when printed."""
    fmt = getattr(args, "format", None)
    if not fmt:
        return False
    from search_index.research.export import export_text  # here: only an export needs it

    out.file.write(export_text(view, payload, fmt, engine.corpus, articles_in_index=engine.article_count))
    return True


def cmd_kwic(engine: Engine, args, out: Output, filter_args) -> int:
    """``gxq-tui kwic TERM``."""
    include, exclude = filter_args(args)
    conc = engine.kwic(args.query, include, exclude, width=max(args.width, 4), sort=args.sort)
    kept = len(conc.lines)  # the engine keeps lines for the first MAX_LINES hits
    if args.limit > 0:
        conc = replace(conc, lines=conc.lines[: args.limit])
    if export_or_none(engine, args, "kwic", conc, out):
        return 0
    if args.json:
        out.json(conc.to_json())
        return 0
    from rich.text import Text

    from tui.style import HIT, align

    summary = f"{len(conc.lines)} lines in {conc.articles} articles for {conc.query} · sorted by {conc.sort}"
    if conc.left_out:
        summary += f" · {conc.left_out:,} more hits not shown"
        summary += f" (a concordance keeps the first {kept:,})" if conc.hits > kept else ""
    out.print(Text(summary, style="bold"))
    for ln in conc.lines:
        left, keyword, right = align(ln, conc.width)
        row = Text(left + " ")
        row.append(keyword, style=HIT)
        row.append(" " + right)
        row.append(f"  {ln.source}", style="dim")
        out.print(row, overflow="crop", no_wrap=True)
    return 0


def cmd_matrix(engine: Engine, args, out: Output, filter_args) -> int:
    """``gxq-tui matrix [QUERY]``."""
    include, exclude = filter_args(args)
    grid = engine.matrix(args.query, include, exclude, top=args.top, weak=args.weak, province=args.in_province)
    if export_or_none(engine, args, "matrix", grid, out):
        return 0
    if args.json:
        out.json(grid.to_json())
        return 0
    if not grid.parks or not grid.tracks:
        out.print("no article names both a park and a track under this query", markup=False)
        return 0
    from rich.box import SIMPLE_HEAD
    from rich.table import Table

    from tui.style import shade, short_label

    shown = _tracks_that_fit(grid, out.width)
    table = Table(title=f"park × track · {grid.total} articles", box=SIMPLE_HEAD, pad_edge=False)
    table.add_column("park", no_wrap=True)
    for t in shown:
        table.add_column(short_label(t), justify="right", no_wrap=True)
    table.add_column("total", justify="right", style="bold")
    for p in grid.parks:
        cells = [shade(grid.count(p, t), grid.peak) for t in shown]
        table.add_row(p, *cells, str(grid.row_totals.get(p, 0)))
    table.add_row("total", *(str(grid.column_totals.get(t, 0)) for t in shown), str(grid.total), style="bold")
    out.print(table)
    if len(shown) < len(grid.tracks):
        rest = len(grid.tracks) - len(shown)
        out.print(f"… {rest} more tracks: widen the terminal or use --json / --format csv", markup=False, style="dim")
    return 0


def _tracks_that_fit(grid, width: int) -> list[str]:
    from tui.style import cells, short_label

    park_cells = max((cells(p) for p in grid.parks), default=4) + 3
    room = width - park_cells - 10  # the total column and the edges
    shown, used = [], 0
    for t in grid.tracks:
        need = max(cells(short_label(t)), 3) + 3  # padding and the column gap
        if used + need > room:
            break
        shown.append(t)
        used += need
    return shown


def cmd_saved(engine: Engine, args, out: Output, filter_args, run_search) -> int:
    """``gxq-tui saved [list|add|delete|run]``."""
    from search_index.research.saved import SavedSearches

    store = SavedSearches()
    if args.action in ("add", "delete", "run") and not args.name:
        raise UserError(f"saved {args.action} needs a NAME")
    if args.action == "add":
        include, exclude = filter_args(args)
        entry = store.save(args.name, args.query, include, exclude)
        out.print(f"saved '{entry.name}': {entry.describe()}  ({store.path})", markup=False)
        return 0
    if args.action == "delete":
        store.delete(args.name)
        out.print(f"deleted '{args.name}'", markup=False)
        return 0
    if args.action == "run":
        entry = store.get(args.name)
        filters = with_date_range(entry.filters, args.since, args.until)  # --since/--until replace its dates
        return run_search(engine, args, out, entry.query, filters, entry.exclude)
    return _list_saved(engine, store, args, out)


def _list_saved(engine: Engine, store: SavedSearches, args, out: Output) -> int:
    from search_index.research.saved import current_counts

    items = store.all()
    if store.problem:
        raise ConfigError(store.problem)
    rows = [
        {"name": s.name, "query": s.query, "filters": s.filters, "exclude": s.exclude, "results": count}
        for s, count in current_counts(engine, items)
    ]
    if args.json:
        out.json({"file": str(store.path), "searches": rows})
        return 0
    from rich.text import Text

    if not rows:
        out.print(f"no saved searches yet ({store.path})", markup=False)
    for row, s in zip(rows, items, strict=True):
        out.print(Text(f"{row['results']!s:>6}  ", style="bold").append(s.name).append(f"  {s.describe()}", "dim"))
    return 0
