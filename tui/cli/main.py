"""``gxq-tui``: the app without arguments; subcommands give the same engine to scripts."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from search_index.dates.ranges import with_date_range
from search_index.engine import Engine, SearchResult
from search_index.errors import FieldError, GxqError, QueryError
from search_index.index.quickstate import user_file
from tui.cli import research
from tui.cli.early import glance
from tui.cli.output import IndexStale, Output, ProgressBar, leave
from tui.cli.parser import FACET_OPTIONS, build_parser
from tui.cli.timeline import cmd_timeline

if TYPE_CHECKING:
    from search_index.index.report import SyncReport
    from search_index.results import FacetCounts

INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug in gxq-tui, not the user's input


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line parsed by the parser of the command it names (see ``build_parser``),
    or by the whole parser when it names none, or when that first reading of it was wrong
    (the command found differs, or arguments are left over: the whole parser then says why)."""
    command = glance(argv)[0]
    if command in COMMANDS:
        args, left = build_parser(only=command).parse_known_args(argv)
        if args.command == command and not left:
            return args
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None, exit_when_done: bool = False) -> int:
    """Entry point of the ``gxq-tui`` command; ``exit_when_done`` ends the process as soon as
    a command (not the app) is done, without tearing the interpreter down (see ``leave``)."""
    args = parse_args(sys.argv[1:] if argv is None else list(argv))
    try:
        _use_fields(getattr(args, "field", None))
    except FieldError as exc:
        print(f"gxq-tui: error: {exc}", file=sys.stderr)
        return exc.status
    if args.command is None:
        return _launch_app(args)
    _interrupt_on_sigterm()
    try:
        status = _command(args, deferred=True)
    except IndexStale:  # the corpus changed: what the index answered is dropped, and the command runs again
        status = _command(args, deferred=False)
    if exit_when_done:
        leave(status)
    return status


def _command(args, deferred: bool) -> int:
    """Run the command; with ``deferred``, the change check runs beside it and is waited for
    before anything is printed (IndexStale when it found a change)."""
    out, err = Output(), Output(stderr=True)
    try:
        engine = _engine(args, err, deferred)
        out.gate = err.gate = args._report.current
        status = COMMANDS[args.command](engine, args, out)
        out.check()  # a command that printed nothing still waits for the verdict
        return status
    except IndexStale:
        raise
    except QueryError as exc:
        err.print(f"gxq-tui: bad query: {exc}", markup=False)
        return exc.status
    except GxqError as exc:  # the user's (an unknown id, a settings file: 2), a corpus or index's (1)
        err.print(f"gxq-tui: error: {exc}", markup=False)
        return exc.status
    except KeyboardInterrupt:
        err.print("gxq-tui: interrupted; the index keeps its last complete state", markup=False)
        return 130
    except OSError as exc:  # the system's refusal (a full disk, a closed pipe), not a bug
        err.print(f"gxq-tui: error: {exc}", markup=False)
        return 1
    except Exception as exc:  # anything else is a bug: say so, with the traceback to report
        import traceback  # here: only a bug needs it (it imports textwrap and linecache)

        err.check()
        traceback.print_exc(file=sys.stderr)
        print(f"gxq-tui: internal error (a bug, not bad input): {type(exc).__name__}: {exc}", file=sys.stderr)
        return INTERNAL_ERROR


def _use_fields(options: list[str] | None) -> None:
    """Check the field mapping; pass --field on in GXQ_FIELDS (indexing processes read it).
    Without any mapping (no option, variable or fields.toml) the readers are not imported."""
    if not options and not os.environ.get("GXQ_FIELDS") and not user_file("fields.toml").exists():
        return
    from search_index.ingest.formats import fields

    if options:
        os.environ[fields.ENV] = fields.to_env(fields.parse_options(options))
    fields.user_mapping()  # a bad fields.toml is reported now, not once per file


def _interrupt_on_sigterm() -> None:
    """Make SIGTERM stop a command the way Ctrl+C does, so that indexing processes are
    stopped too instead of being left waiting for work."""

    def interrupt(_signum, _frame):
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # not the main thread (embedded use): leave it
        signal.signal(signal.SIGTERM, interrupt)


def _launch_app(args) -> int:
    try:
        from tui.app import run_app
    except ImportError:
        build_parser().print_help()
        return 0
    return run_app(corpus=args.corpus, index_dir=args.index_dir, follow_links=args.follow_links)


def _engine(args, err: Output, deferred: bool = False) -> Engine:
    engine = Engine(args.corpus, args.index_dir, follow_links=args.follow_links)
    rebuild = getattr(args, "rebuild", False)
    check = "full" if args.command == "index" else "none" if args.no_check else "deferred" if deferred else "quick"
    warn = None if args.quiet else (lambda msg: err.print(msg, markup=False, style="yellow"))
    bar = ProgressBar(err, enabled=not args.quiet)
    try:
        report: SyncReport = engine.sync(
            rebuild=rebuild, progress=bar, warn=warn, check=check, verify_later=deferred and check != "full"
        )
    finally:
        bar.stop()
    if not args.quiet and (report.read or report.removed or report.rebuilt) and args.command != "index":
        err.print(report.summary(), markup=False, style="dim")
    args._report = report
    return engine


def _filter_args(args) -> tuple[dict, dict]:
    include = {field: getattr(args, opt) for opt, field in FACET_OPTIONS if getattr(args, opt)}
    exclude = {field: getattr(args, f"not_{opt}") for opt, field in FACET_OPTIONS if getattr(args, f"not_{opt}")}
    return with_date_range(include, getattr(args, "since", None), getattr(args, "until", None)), exclude


def cmd_index(engine: Engine, args, out: Output) -> int:
    report = args._report
    if args.json:
        out.json(
            {
                "corpus": str(engine.corpus),
                "index": str(engine.store.folder),
                "files": report.files,
                "read": report.read,
                "removed": report.removed,
                "articles": engine.article_count,
                "rebuilt": report.rebuilt,
                "reason": report.reason,
                "seconds": round(report.seconds, 3),
                "skipped": [{"file": s.rel, "reason": s.reason} for s in report.skipped],
            },
        )
    else:
        out.print(report.summary(), markup=False)
        out.print(f"index folder: {engine.store.folder}", markup=False, style="dim")
    return 0


def cmd_search(engine: Engine, args, out: Output) -> int:
    include, exclude = _filter_args(args)
    return _run_search(engine, args, out, args.query, include, exclude)


def _run_search(engine: Engine, args, out: Output, query: str, include: dict, exclude: dict) -> int:
    offset = max(getattr(args, "offset", 0), 0)
    sort = getattr(args, "sort", "score")
    result = engine.search(query, include, exclude, limit=max(args.limit, 0), offset=offset, sort=sort)
    if research.export_or_none(engine, args, "results", result, out):
        return 0
    if args.json:
        out.json(result.to_json())
        return 0
    _print_results(out, result, offset)
    return 0


def _print_results(out: Output, result: SearchResult, offset: int) -> None:
    shown = f"{offset + 1}–{offset + len(result.hits)}" if result.hits else "0"
    query = result.query or "(all)"
    from rich.text import Text

    from tui.style import highlighted

    out.print(Text(f"{result.total} articles match {query} · showing {shown} · {result.took_ms:.0f} ms", style="bold"))
    for n, hit in enumerate(result.hits, start=offset + 1):
        m = hit.meta
        head = Text(f"{n:>3}. ", style="dim")
        head.append(m.title, style="bold italic" if m.title_derived else "bold")
        head.append(f"  {m.where} · {m.kind}", style="dim")
        if m.date:
            head.append(f" · {m.date}", style="dim")
        if result.query:
            head.append(f" · score {hit.score:.2f} · {hit.hit_count} hits", style="dim")
        out.print(head)
        for snip in hit.snippets:
            line = Text("     " + ("…" if snip.before else ""))
            line.append_text(highlighted(snip.text, snip.highlights))
            line.append("…" if snip.after else "")
            out.print(line, overflow="ellipsis", no_wrap=True)
        tags = [*m.values("parks")[:4], *m.values("tracks")[:4]]
        if tags:
            out.print(Text("     " + " · ".join(tags), style="cyan"), overflow="ellipsis", no_wrap=True)
    _print_facet_summary(out, result.facets)


def _print_facet_summary(out: Output, facets: FacetCounts, top: int = 8) -> None:
    from rich.text import Text

    for name in ("parks", "tracks"):
        values = facets.of(name)
        if values:
            listed = "  ".join(f"{v} {c}" for v, c in list(values.items())[:top])
            out.print(Text(f"{name}: ", style="bold").append(listed))


def cmd_facets(engine: Engine, args, out: Output) -> int:
    include, exclude = _filter_args(args)
    facets = engine.facets(args.query, include, exclude)
    if args.json:
        out.json(facets.to_json())
        return 0
    from rich.text import Text

    for name, values in facets.by_facet.items():  # the region tree is in the JSON (provinces and parks are listed)
        out.print(Text(name, style="bold"))
        for value, count in values.items():
            out.print(f"  {count:>5}  {value}", markup=False)
    out.print(Text("undated", style="bold"))
    out.print(f"  {facets.undated:>5}  articles without a year", markup=False)
    return 0


def cmd_articles(engine: Engine, args, out: Output) -> int:
    items = engine.articles()
    if args.json:
        out.json([a.to_json() for a in items])
        return 0
    from rich.text import Text

    for a in items:
        line = Text(f"{a.id}  ", style="dim")
        line.append(a.title, style="italic" if a.title_derived else "")
        line.append(f"  {a.where} · {a.kind}", style="dim")
        out.print(line, overflow="ellipsis", no_wrap=True)
    return 0


def cmd_show(engine: Engine, args, out: Output) -> int:
    art = engine.show(args.id, args.query)
    if args.json:
        out.json(art.to_json())
        return 0
    from rich.text import Text

    from tui.style import highlighted

    if art.kicker:
        out.print(art.kicker, markup=False, style="dim")
    out.print(highlighted(art.title, art.title_hits, "bold italic" if art.title_derived else "bold"))
    parts = (art.byline, art.publication, readable_date(art.date), art.where, art.kind)
    meta = " · ".join(x for x in parts if x)
    out.print(meta, markup=False, style="dim")
    if args.query:
        marked = f" (the first {len(art.hits)} marked)" if art.hit_count > len(art.hits) else ""
        out.print(f"{art.hit_count} hits for {args.query}{marked}", markup=False, style="dim")
    out.print()
    if args.original:
        for ln in art.source_lines:
            out.print(Text(f"{ln.line:>5} ", style="dim").append(ln.text))
        return 0
    out.print(highlighted(art.text, art.hits))
    return 0


def readable_date(date: str) -> str:
    """'--06-05' → '6月5日'; '2025-06-05' → '2025年6月5日'; '2025-06' → '2025年6月'."""
    parts = date.lstrip("-").split("-")
    if date.startswith("--") and len(parts) == 2:
        return f"{int(parts[0])}月{int(parts[1])}日"
    if len(parts) == 2:
        return f"{parts[0]}年{int(parts[1])}月"
    if len(parts) == 3:
        return f"{parts[0]}年{int(parts[1])}月{int(parts[2])}日"
    return f"{date}年" if date.isdigit() else date


def cmd_entities(engine: Engine, args, out: Output) -> int:
    data = engine.entities(args.type)
    if args.json:
        out.json({facet: [row.to_json() for row in rows] for facet, rows in data.items()})
        return 0
    from rich.text import Text

    for facet, rows in data.items():
        out.print(Text(f"{facet} ({len(rows)})", style="bold"))
        for row in rows:
            line = Text(f"  {row.articles:>4}  {row.value}")
            if row.forms:
                line.append("  = " + ", ".join(f"{f} ({n})" for f, n in row.forms.items()), style="dim")
            out.print(line)
    return 0


COMMANDS = {
    "entities": cmd_entities,
    "index": cmd_index,
    "search": cmd_search,
    "facets": cmd_facets,
    "articles": cmd_articles,
    "show": cmd_show,
    "kwic": lambda engine, args, out: research.cmd_kwic(engine, args, out, _filter_args),
    "matrix": lambda engine, args, out: research.cmd_matrix(engine, args, out, _filter_args),
    "saved": lambda engine, args, out: research.cmd_saved(engine, args, out, _filter_args, _run_search),
    "timeline": lambda engine, args, out: cmd_timeline(engine, args, out, _filter_args),
}


if __name__ == "__main__":  # pragma: no cover  (``python -m tui.cli.main``: ends as ``gxq-tui`` does)
    sys.exit(main(exit_when_done=True))
