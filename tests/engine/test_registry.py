"""The facet registry is the one place facets are named: every facet in it can be searched
(``field:value``), filtered (engine filters and the CLI's options), is shown (a chip label and
a pane title the app reads) and is exported; and no other module keeps a table of facet names."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

from search_index import Engine
from search_index.facets import BY_NAME, ENTITY_TYPES, FACETS, TYPE_FACET
from search_index.research.export import export_text
from tui.cli.main import main
from tui.cli.parser import FACET_OPTIONS
from tui.state import FACET_LABELS
from tui.widgets.facet_pane import FacetPane

ROOT = Path(__file__).resolve().parents[2]
COUNTED = [f for f in FACETS if f.counted]
DATED = (
    "标题：合肥高新区量子企业发布新产品\n来源：科技日报\n发布时间：2024-03-05\n\n"
    "本报讯（记者 李明）合肥高新区量子企业在中关村发布新产品。\n"
)


@pytest.fixture(scope="module")
def setup(tmp_path_factory, seeds_dir) -> tuple[Engine, Path, Path]:
    """The seeds plus one dated crawled article, indexed."""
    base = tmp_path_factory.mktemp("registry")
    corpus = base / "corpus"
    shutil.copytree(seeds_dir, corpus)
    (corpus / "crawl").mkdir()
    (corpus / "crawl" / "dated.txt").write_text(DATED, encoding="utf-8")
    engine = Engine(corpus, base / "ix")
    engine.sync()
    return engine, corpus, base / "ix"


def _top_value(engine: Engine, name: str) -> tuple[str, int]:
    """The most frequent value of a facet that is no other value's surface form (a query or
    filter value also matches the values it was seen written as: 生成式AI for 人工智能大模型)."""
    counts = engine.facets().of(name)
    forms = engine.aliases.get(name, {})
    alone = [(v, n) for v, n in counts.items() if set(forms.get(v, [v])) <= {v}]
    assert alone, f"the test corpus has no value of {name}"
    return alone[0]


def _query_value(value: str) -> str:
    return f'"{value}"' if any(c in value for c in ' ():"') else value


@pytest.mark.parametrize("spec", COUNTED, ids=lambda f: f.name)
def test_every_facet_is_searchable_by_each_of_its_field_names(setup, spec):
    engine = setup[0]
    value, count = _top_value(engine, spec.name)
    for name in spec.query_names:
        assert engine.search(f"{name}:{_query_value(value)}", limit=0).total == count, name


@pytest.mark.parametrize("spec", COUNTED, ids=lambda f: f.name)
def test_every_facet_filters_in_the_engine_and_from_the_command_line(setup, spec, capsys):
    engine, corpus, ix = setup
    value, count = _top_value(engine, spec.name)
    assert engine.search("", {spec.name: [value]}, limit=0).total == count
    assert engine.search("", None, {spec.name: [value]}, limit=0).total == engine.article_count - count
    assert (spec.option, spec.name) in FACET_OPTIONS
    flag = spec.option.replace("_", "-")
    base = ["--corpus", str(corpus), "--index-dir", str(ix), "--quiet", "--json"]
    assert main(["search", *base, f"--{flag}", value, "--limit", "0"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == count
    assert main(["search", *base, f"--not-{flag}", value, "--limit", "0"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == engine.article_count - count


def test_the_date_facet_is_searched_filtered_and_counted_by_year(setup, capsys):
    engine, corpus, ix = setup
    assert engine.facets().of("years") == {"2024": 1}
    assert engine.search("date:2024", limit=0).total == 1
    assert engine.search("", {"date": ["2024-03"]}, limit=0).total == 1
    base = ["--corpus", str(corpus), "--index-dir", str(ix), "--quiet", "--json"]
    assert main(["search", *base, "--since", "2024-03-05", "--limit", "0"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 1


@pytest.mark.parametrize("spec", FACETS, ids=lambda f: f.name)
def test_every_facet_has_the_labels_the_app_shows(spec):
    assert FACET_LABELS[spec.name] == spec.field  # a chip reads like the query: +park:中关村
    assert FacetPane(spec.name).title == spec.title
    assert spec.title.split()[0][0].isupper() and not spec.title.isascii()  # English and Chinese


def test_every_facet_is_in_a_results_export(setup):
    engine, corpus, _ix = setup
    result = engine.search("中关村", limit=50)
    data = json.loads(export_text("results", result, "json", corpus))
    assert data["hits"] and data["facets"]
    for hit in data["hits"]:
        assert {f.name for f in FACETS} <= set(hit)
    assert {f.name for f in COUNTED} <= set(data["facets"])
    parks = {p for hit in data["hits"] for p in hit["parks"]}
    assert "中关村" in parks


def test_entity_facets_and_types_come_from_the_registry(setup):
    engine = setup[0]
    assert set(engine.entities()) == {f.name for f in FACETS if f.entity}
    assert set(ENTITY_TYPES.values()) == set(engine.entities())
    assert TYPE_FACET["new_area"] == TYPE_FACET["subpark"] == "subparks"
    for kind, name in ENTITY_TYPES.items():
        assert BY_NAME[name].field == kind and list(engine.entities(kind)) == [name]


def test_query_field_names_are_unique_across_facets():
    names = [n for f in FACETS for n in f.query_names]
    assert len(names) == len(set(names))
    assert len({f.name for f in FACETS}) == len(FACETS)


# -- no second table -----------------------------------------------------------------------------
FACET_NAMES = {f.name for f in FACETS}
FACET_WORDS = FACET_NAMES | {n for f in FACETS for n in f.query_names}


def _strings(node: ast.AST) -> list[str]:
    """The string constants of a literal collection, nested tuples and lists included."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [s for elt in node.elts for s in _strings(elt)]
    return []


def facet_tables(source: str) -> list[tuple[int, list[str]]]:
    """(line, names) of every literal tuple, list, set or str → str dict naming three or more
    facets, where facet names make up at least half its strings (a record's keys, such as
    ``source``, ``kind`` and ``date`` among a dozen others, are not a facet table)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            strings = _strings(node)
        elif isinstance(node, ast.Dict):
            pairs = [(k, v) for k, v in zip(node.keys, node.values, strict=True) if k is not None]
            constant = all(isinstance(v, ast.Constant) and isinstance(v.value, str) for _k, v in pairs)
            strings = [s for k, v in pairs for s in (_strings(k) + _strings(v) if constant else _strings(v))]
        else:
            continue
        names = sorted(FACET_NAMES.intersection(strings))
        if len(names) >= 3 and 2 * len(FACET_WORDS.intersection(strings)) >= len(set(strings)):
            found.append((node.lineno, names))
    return found


def test_the_table_finder_finds_the_old_tables():
    assert facet_tables('FIELDS = {"park": "parks", "track": "tracks", "org": "orgs"}')
    assert facet_tables('LABELS = {"parks": "park", "tracks": "track", "people": "person"}')
    assert facet_tables('OPTIONS = (("park", "parks"), ("track", "tracks"), ("org", "orgs"))')
    assert not facet_tables('meta = {"source": art.source, "kind": art.kind, "date": art.date}')
    assert not facet_tables('PAIR = ("parks", "tracks")')
    assert not facet_tables('KEYS = ("id", "source", "order", "kind", "title", "date", "url", "lines")')


NOT_FACET_TABLES = {
    "search_index/facets.py": "the registry itself",
    "search_index/ingest/formats/fields.py": "an export's column names (publication, authors) → the fields they fill",
}


def test_no_module_but_the_registry_keeps_a_table_of_facet_names():
    offenders = []
    for folder in ("search_index", "tui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.relative_to(ROOT).as_posix() in NOT_FACET_TABLES:
                continue
            for line, names in facet_tables(path.read_text(encoding="utf-8")):
                offenders.append(f"{path.relative_to(ROOT)}:{line} {names}")
    assert not offenders, "facet names belong in search_index/facets.py:\n" + "\n".join(offenders)
