"""The shape of the command line's JSON (keys, their order and value types), over the seeds and a
small mixed-format corpus; ``python -m tests.cli.json_shapes`` rewrites the fixture the test
compares with (captured from main before the engine's results became dataclasses)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from bench.gen_mixed import generate

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "cli_json_shapes.json"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FIELD = re.compile(r"[a-z_]+\Z")

# name → arguments after the corpus options; "{id}" is the first article's id
COMMANDS: dict[str, list[str]] = {
    "index": ["index"],
    "search": ["search", "高新区", "--limit", "3"],
    "search_all": ["search", "--limit", "2", "--sort", "newest"],
    "search_filtered": ["search", "产业", "--not-kind", "photo", "--since", "2000"],
    "search_export": ["search", "高新区", "--limit", "2", "--format", "json"],
    "facets": ["facets"],
    "articles": ["articles"],
    "entities": ["entities"],
    "show": ["show", "{id}", "--query", "高新区"],
    "kwic": ["kwic", "高新区", "--limit", "5"],
    "kwic_export": ["kwic", "高新区", "--limit", "3", "--format", "json"],
    "matrix": ["matrix"],
    "matrix_export": ["matrix", "--format", "json"],
    "timeline": ["timeline"],
    "timeline_split": ["timeline", "--split-by", "track"],
}


def shape(value):
    """Keys (in order) and value types; a dict keyed by data (facet values, dates, file names)
    or counting things (all values numbers) is one ``{"*": shape}`` of its values merged."""
    if isinstance(value, dict):
        if value and (not all(FIELD.match(k) for k in value) or all(type(v) is int for v in value.values())):
            return {"*": _merge([shape(v) for v in value.values()])}
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_merge([shape(v) for v in value])] if value else []
    return type(value).__name__


def _merge(shapes: list):
    """One shape for the items of a list (dicts: their keys united, in first-seen order)."""
    dicts = [s for s in shapes if isinstance(s, dict)]
    if dicts and len(dicts) == len(shapes):
        keys = list(dict.fromkeys(k for s in dicts for k in s))
        return {k: _merge([s[k] for s in dicts if k in s]) for k in keys}
    lists = [s for s in shapes if isinstance(s, list)]
    if lists and len(lists) == len(shapes):
        inner = [s[0] for s in lists if s]
        return [_merge(inner)] if inner else []
    kinds = sorted({json.dumps(s, sort_keys=True) for s in shapes})
    return json.loads(kinds[0]) if len(kinds) == 1 else "|".join(kinds)


def corpora(base: Path) -> dict[str, Path]:
    """The seeds and a generated corpus of two stories per format."""
    mixed = base / "mixed"
    if not mixed.exists():
        generate(mixed, 2)
    return {"seeds": SEEDS, "mixed": mixed}


def run_json(argv: list[str], capsys) -> object:
    """Run the command line and parse what it printed."""
    from tui.cli.main import main

    assert main(argv) == 0, argv
    return json.loads(capsys.readouterr().out)


def shapes(base: Path, run) -> dict[str, dict]:
    """corpus → command → shape of its JSON, ``run(argv)`` giving the parsed output."""
    out: dict[str, dict] = {}
    for name, corpus in corpora(base).items():
        common = ["--corpus", str(corpus), "--index-dir", str(base / f"idx-{name}"), "--quiet"]
        first = run([*common, "articles", "--json"])[0]["id"]
        out[name] = {}
        for cmd, args in COMMANDS.items():
            args = [a.replace("{id}", first) for a in args]
            extra = [] if "--format" in args else ["--json"]
            out[name][cmd] = shape(run([*common, *args, *extra]))
    return out


def _capture() -> None:
    import contextlib
    import io
    import tempfile

    from tui.cli.main import main

    def run(argv):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            assert main(argv) == 0, argv
        return json.loads(buf.getvalue())

    with tempfile.TemporaryDirectory() as tmp:
        data = shapes(Path(tmp), run)
    FIXTURE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {FIXTURE}", file=sys.stderr)


if __name__ == "__main__":
    _capture()
