"""The command line's JSON keeps its shape (keys, their order, value types) now that the engine
answers with dataclasses: every ``--json`` and ``--format json`` output over the seeds and a
mixed-format corpus is compared with the shapes captured from main before the change."""

from __future__ import annotations

import json

import pytest

from tests.cli.json_shapes import FIXTURE, run_json, shape, shapes


def fits(expected, got, where: str = "") -> list[str]:
    """Where ``got`` differs from ``expected`` (an empty list or dict matches any of its kind:
    a corpus may name no person, but a key may not go missing or change its type)."""
    if isinstance(expected, dict) and isinstance(got, dict):
        if not expected or not got:
            return []
        if list(expected) != list(got):
            return [f"{where}: keys {list(got)} != {list(expected)}"]
        return [d for k in expected for d in fits(expected[k], got[k], f"{where}.{k}")]
    if isinstance(expected, list) and isinstance(got, list):
        return fits(expected[0], got[0], f"{where}[]") if expected and got else []
    return [] if expected == got else [f"{where}: {got} != {expected}"]


@pytest.fixture(scope="module")
def current(tmp_path_factory):
    from tui.cli.main import main

    def run(argv):
        import contextlib
        import io

        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            assert main(argv) == 0, argv
        return json.loads(buf.getvalue())

    return shapes(tmp_path_factory.mktemp("shapes"), run)


def test_every_json_output_keeps_the_captured_shape(current):
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert set(current) == set(expected)
    for corpus, commands in expected.items():
        assert set(current[corpus]) == set(commands)
        for name, want in commands.items():
            assert not fits(want, current[corpus][name], f"{corpus} {name}")


def test_a_dropped_key_is_seen():
    before = shape({"hits": [{"id": "a", "title": "t", "lines": [1, 2]}]})
    assert fits(before, shape({"hits": [{"id": "a", "lines": [1, 2]}]}))
    assert fits(before, shape({"hits": [{"id": "a", "title": "t", "lines": ["1"]}]}))
    assert not fits(before, shape({"hits": [{"id": "b", "title": "u", "lines": [3, 4]}]}))


def test_show_and_search_json_by_the_command_line(capsys, tmp_path, seeds_dir):
    common = ["--corpus", str(seeds_dir), "--index-dir", str(tmp_path), "--quiet"]
    hit = run_json([*common, "search", "高新区", "--limit", "1", "--json"], capsys)["hits"][0]
    art = run_json([*common, "show", hit["id"], "--query", "高新区", "--json"], capsys)
    assert art["id"] == hit["id"] and art["title"] == hit["title"] and art["lines"] == hit["lines"]
    assert all(art["text"][s:e] == "高新区" for s, e in art["hits"])
    snip = hit["snippets"][0]
    assert all(snip["text"][s:e] == "高新区" for s, e in snip["highlights"])
