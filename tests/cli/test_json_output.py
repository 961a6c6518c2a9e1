"""``--json`` prints indented JSON for a person at a terminal and one compact line for a
pipe; both parse to the same data, with a corpus's control characters escaped."""

from __future__ import annotations

import io
import json

import pytest

from tui.cli.output import Output

DATA = {"query": "具身智能", "total": 2, "facets": {"source": {"a.txt": 1, "b\x85.txt": 1}}}


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream_type", [io.StringIO, Terminal])
def test_json_output_parses_to_the_same_data_on_a_pipe_and_a_terminal(stream_type, monkeypatch):
    stream = stream_type()
    monkeypatch.setattr("sys.stdout", stream)
    Output().json(DATA)
    text = stream.getvalue()
    assert json.loads(text) == DATA
    assert "\x85" not in text and "\\u0085" in text  # a C1 control from a file name stays escaped
    lines = text.splitlines()
    if stream_type is Terminal:
        assert len(lines) > 5 and lines[1].startswith('  "query": ')
    else:
        assert lines == [json.dumps(DATA, ensure_ascii=False, separators=(",", ":")).replace("\x85", "\\u0085")]


def test_a_piped_search_prints_one_line(seeds_cli, capsys):
    code, out, _err = seeds_cli(capsys, "search", "具身智能", "--json")
    assert code == 0 and out.count("\n") == 1 and json.loads(out)["total"] > 0
