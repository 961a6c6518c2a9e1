"""One error hierarchy: the user's mistakes are UserErrors (exit 2, one line), a corpus or index
that cannot be used is another GxqError (exit 1), and anything else is a bug (exit 70, shown as
one) — a KeyError from a programming mistake is never reported as bad input."""

from __future__ import annotations

import json

import pytest

import search_index.engine
from search_index.errors import (
    ConfigError,
    CorpusError,
    DictionaryError,
    FieldError,
    GxqError,
    QueryError,
    UnknownArticle,
    UnknownSaved,
    UserError,
)
from search_index.ingest.formats.fields import parse_options
from search_index.research.saved import SavedSearches
from tui.cli.main import INTERNAL_ERROR


def test_user_errors_are_their_own_classes():
    for cls in (QueryError, UnknownArticle, UnknownSaved, FieldError, DictionaryError):
        assert issubclass(cls, UserError) and cls.status == 2
    assert issubclass(DictionaryError, ConfigError) and issubclass(ConfigError, CorpusError)  # the app reports both
    assert not issubclass(ConfigError, UserError) and ConfigError.status == 1  # a damaged saved-searches file
    assert not issubclass(CorpusError, UserError) and CorpusError.status == GxqError.status == 1
    assert not any(issubclass(cls, KeyError) for cls in (UnknownArticle, UnknownSaved))


def test_an_unknown_article_is_an_unknown_article_not_a_key_error(engine):
    with pytest.raises(UnknownArticle, match="no article with id 'ffffffffffff'"):
        engine.show("ffffffffffff")
    ident = engine.articles()[0].id
    assert engine.show(ident[:8]).id == ident  # a unique prefix still works
    with pytest.raises(QueryError, match="not an entity type"):
        engine.entities("planet")


def test_an_unknown_saved_search_and_a_nameless_one(tmp_path):
    store = SavedSearches(tmp_path / "saved.json")
    store.save("具身", "具身智能")
    with pytest.raises(UnknownSaved, match="no saved search 'nothing' \\(具身\\)"):
        store.get("nothing")
    with pytest.raises(UnknownSaved):
        store.delete("nothing")
    with pytest.raises(UserError, match="needs a name"):
        store.save("  ", "x")


def test_a_bad_field_option_is_a_user_error():
    with pytest.raises(FieldError):
        parse_options(["nokey"])


def test_a_bad_id_exits_2_with_one_clear_line(seeds_cli, capsys):
    code, out, err = seeds_cli(capsys, "show", "ffffffffffff")
    assert code == 2 and out == ""
    assert err == "gxq-tui: error: no article with id 'ffffffffffff'\n"
    code, _, err = seeds_cli(capsys, "saved", "run")
    assert code == 2 and err == "gxq-tui: error: saved run needs a NAME\n"


def test_a_bad_field_option_exits_2(seeds_cli, capsys):
    code, _out, err = seeds_cli(capsys, "search", "x", "--field", "nokey")
    assert code == 2 and err.startswith("gxq-tui: error: --field wants KEY=NAME")


def test_a_key_error_inside_show_is_a_bug_not_bad_input(seeds_cli, capsys, monkeypatch):
    def broken(_text):
        raise KeyError("kicker")  # a dropped key deep inside show()

    _code, out, _ = seeds_cli(capsys, "articles", "--json")
    ident = json.loads(out)[0]["id"]
    monkeypatch.setattr(search_index.engine, "mentions", broken)
    code, out, err = seeds_cli(capsys, "show", ident)
    assert code == INTERNAL_ERROR == 70 and out == ""
    assert "Traceback" in err and "internal error (a bug, not bad input): KeyError: 'kicker'" in err
    assert "gxq-tui: 'kicker'" not in err and "bad query" not in err and "error: 'kicker'" not in err
