"""Export results, KWIC lines or the park × track matrix to Markdown, CSV or JSON, each with a
header naming the query, filters, corpus and date."""

from __future__ import annotations

import io
import json
import os
from datetime import datetime
from pathlib import Path

from search_index.analysis.safe_text import csv_cell, one_line, safe_json
from search_index.research.options import EXPORT_FORMATS as FORMATS

SUFFIX = {"md": ".md", "csv": ".csv", "json": ".json"}


def header(view: str, query: str, filters: dict, exclude: dict, corpus: Path | str, **extra) -> dict:
    """What every export says about itself."""
    return {
        "view": view,
        "query": query,
        "filters": {k: v for k, v in (filters or {}).items() if v},
        "exclude": {k: v for k, v in (exclude or {}).items() if v},
        "corpus": str(corpus),
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        **extra,
    }


def _filters_text(head: dict) -> str:
    parts = [f"published {v}" if k == "date" else f"{k}={v}" for k, vs in head["filters"].items() for v in vs]
    parts += [f"not published {v}" if k == "date" else f"{k}≠{v}" for k, vs in head["exclude"].items() for v in vs]
    return "; ".join(parts) or "none"


BASIC = {"view", "query", "filters", "exclude", "corpus", "date"}


def _md_header(head: dict) -> list[str]:
    title = {
        "results": "Search results",
        "kwic": "Concordance (KWIC)",
        "matrix": "Park × track matrix",
        "timeline": "Timeline",
    }[head["view"]]
    lines = [f"# {title}", ""]
    lines.append(f"- query: `{head['query']}`" if head["query"] else "- query: (all articles)")
    lines.append(f"- filters: {_filters_text(head)}")
    for key in sorted(set(head) - BASIC):
        lines.append(f"- {key}: {head[key]}")
    lines += [f"- corpus: `{head['corpus']}`", f"- date: {head['date']}", ""]
    return lines


def _csv_header(head: dict) -> str:
    lines = [f"# gxq-tui {head['view']} export", f"# query: {head['query']}", f"# filters: {_filters_text(head)}"]
    lines += [
        f"# {k}: {head[k]}" for k in sorted(set(head) - {"view", "query", "filters", "exclude", "corpus", "date"})
    ]
    lines += [f"# corpus: {head['corpus']}", f"# date: {head['date']}"]
    return "\n".join(one_line(line) for line in lines) + "\n"


def _md_cell(value) -> str:
    return one_line(str(value)).replace("|", "\\|")


def _md_table(columns: list[str], rows: list[list]) -> list[str]:
    out = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return out


def _csv_text(head: dict, columns: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    import csv  # imported by an export only (a search prints JSON or text)

    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([csv_cell(c) for c in row] for row in rows)
    return _csv_header(head) + buf.getvalue()


def _render(head: dict, fmt: str, columns: list[str], rows: list[list], data: dict) -> str:
    if fmt == "json":
        return safe_json(json.dumps({"header": head, **data}, ensure_ascii=False, indent=2)) + "\n"
    if fmt == "csv":
        return _csv_text(head, columns, rows)
    if fmt == "md":
        return (
            "\n".join(one_line(line) for line in _md_header(head)) + "\n" + "\n".join(_md_table(columns, rows)) + "\n"
        )
    raise ValueError(f"unknown format '{fmt}' (use {', '.join(FORMATS)})")


def results_export(result, head: dict, fmt: str) -> str:
    """A SearchResult as a table: rank, title, source, lines, kind, hits, score, snippet, id, published, url."""
    columns = ["rank", "title", "source", "lines", "kind", "hits", "score", "snippet", "id", "published", "url"]
    rows = []
    for n, hit in enumerate(result.hits, 1):
        m = hit.meta
        snippet = hit.snippets[0].text if hit.snippets else ""
        lines = f"{m.lines[0]}-{m.lines[1]}"
        score = round(hit.score, 3)
        row = [n, m.title, m.source, lines, m.kind, hit.hit_count, score, snippet, m.id, m.date, m.url]
        rows.append(row)
    head = {**head, "total": result.total, "shown": len(result.hits)}
    return _render(head, fmt, columns, rows, result.to_json())


def kwic_export(concordance, head: dict, fmt: str) -> str:
    """KWIC lines as a table: left, keyword, right, title, source, offset."""
    columns = ["left", "keyword", "right", "title", "source", "offset", "id"]
    rows = [[ln.left, ln.keyword, ln.right, ln.title, ln.source, ln.offset, ln.id] for ln in concordance.lines]
    head = {**head, "lines": len(concordance.lines), "sort": concordance.sort}
    if concordance.left_out:  # hits past the concordance's cap: counted, not placed
        head.update(hits=concordance.hits, left_out=concordance.left_out)
    return _render(head, fmt, columns, rows, concordance.to_json())


def matrix_export(grid, head: dict, fmt: str) -> str:
    """The matrix as a table: a row per park, a column per track, totals last."""
    columns = ["park", *grid.tracks, "total"]
    rows = [[p, *(grid.count(p, t) for t in grid.tracks), grid.row_totals.get(p, 0)] for p in grid.parks]
    rows.append(["total", *(grid.column_totals.get(t, 0) for t in grid.tracks), grid.total])
    head = {**head, "counts": "strong and weak" if grid.weak else "strong"}
    return _render(head, fmt, columns, rows, grid.to_json())


def timeline_export(line, head: dict, fmt: str) -> str:
    """A Timeline as a table: a row per bucket (its first and last day), the count, and a
    column per series value when split."""
    columns = ["bucket", "since", "until", "count", *line.series]
    rows = [
        [line.label(i), *line.bounds(i), n, *(counts[i] for counts in line.series.values())]
        for i, n in enumerate(line.counts)
    ]
    head = {**head, "by": line.by, "undated": line.undated, "coarser": line.coarser, "total": line.total}
    if line.split_by:
        head["split_by"] = line.split_by
    return _render(head, fmt, columns, rows, line.to_json())


RENDER = {"results": results_export, "kwic": kwic_export, "matrix": matrix_export, "timeline": timeline_export}


def export_text(view: str, payload, fmt: str, corpus: Path | str, **extra) -> str:
    """Render a SearchResult, Concordance, Matrix or Timeline (``view``: results, kwic, matrix,
    timeline) with the header taken from its own query and filters."""
    head = header(view, payload.query, payload.filters, payload.exclude, corpus, **extra)
    return RENDER[view](payload, head, fmt)


def export_dir() -> Path:
    """Where the app writes exports: ``$GXQ_EXPORT_DIR`` or ``~/gxq-exports``."""
    return Path(os.environ.get("GXQ_EXPORT_DIR") or Path.home() / "gxq-exports").expanduser()


def write_export(text: str, view: str, fmt: str, folder: Path | None = None, corpus: Path | None = None) -> Path:
    """Write an export to a new, timestamped file and return its path. Never inside the corpus
    (the file would be indexed) and never over an existing file."""
    folder = Path(folder or export_dir()).expanduser().resolve()
    if corpus is not None and folder.is_relative_to(Path(corpus).resolve()):
        raise OSError(f"will not write exports inside the corpus folder {corpus}")
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"gxq-{view}-{stamp}{SUFFIX[fmt]}"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"gxq-{view}-{stamp}-{n}{SUFFIX[fmt]}"
    with path.open("x", encoding="utf-8", newline="") as fh:
        fh.write(text)
    return path
