"""The query language: Whoosh syntax over Chinese, with substring semantics for text.

``国家高新区 具身智能`` (AND), ``OR``, ``NOT``/``-term``, ``"quoted phrases"``, ``field:value``
(``park:``, ``track:``, ``title:``, ``source:``, ``kind:``, ``author:``), and dates
(``date:2024``, ``date:2024-03``, ``date:2024-03-01..2024-06-30``, ``date:2024..``, ``date:..2019``;
see :mod:`search_index.dates.ranges` for how partial dates meet a range). A text term matches
wherever its characters occur in the cleaned text, whatever the width, case or spacing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from search_index.analysis.textnorm import key_of
from search_index.dates.ranges import parse_range
from search_index.errors import QueryError
from search_index.facets import BY_NAME, FACETS, query_fields
from search_index.query.tree import And, Every, Facet, Node, Not, Or, Text

if TYPE_CHECKING:
    from whoosh import query as wq
    from whoosh.qparser import QueryParser

    Leaf = wq.Term | wq.Phrase | wq.Prefix | wq.Wildcard

FIELDS = {"text": "text", "title": "title", **query_fields()}  # a query's field name → what it searches
KINDS = ("article", "brief", "photo")
FIELD_NAMES = (*(f.field for f in FACETS), "title")  # the field names an error message lists
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
MAX_QUERY_CHARS = 2000


AliasMap = Mapping[str, Mapping[str, list[str]]]  # facet → surface form → canonical values
PinyinResolver = Callable[[str], list[str]]  # an ASCII term → the corpus words it spells


@dataclass
class Compiled:
    """A query ready to run."""

    text: str
    match: Node | None  # None: every article (browse)
    terms: list[str] = field(default_factory=list)  # positive text terms, for highlighting
    rank_terms: list[Text] = field(default_factory=list)  # positive text terms, for ranking
    aliases: AliasMap = field(default_factory=dict)  # read only by facet terms (a session's is built then)
    pinyin: PinyinResolver | None = None
    expansions: dict[str, list[str]] = field(default_factory=dict)  # pinyin term → words


def _parser() -> QueryParser:
    from whoosh.analysis import IDTokenizer
    from whoosh.fields import TEXT, Schema
    from whoosh.qparser import FieldAliasPlugin, QueryParser

    names = sorted(set(FIELDS.values()))
    schema = Schema(**{n: TEXT(analyzer=IDTokenizer()) for n in names})  # type: ignore[arg-type]  # a Tokenizer analyses
    parser = QueryParser("text", schema)
    aliases: dict[str, list[str]] = {}
    for alias, target in FIELDS.items():
        if alias != target:
            aliases.setdefault(target, []).append(alias)
    parser.add_plugin(FieldAliasPlugin(aliases))
    return parser


_PARSER: QueryParser | None = None  # Whoosh's parser, made for the first query that needs it


def prepare_parser() -> QueryParser:
    """Whoosh's query parser, made (and its modules imported) now if not yet."""
    global _PARSER
    if _PARSER is None:
        _PARSER = _parser()
    return _PARSER


def _parse(text: str) -> wq.Query:
    """Whoosh's parse of a query (its modules are imported now: a one-word search needs none)."""
    parser = prepare_parser()
    try:
        return parser.parse(_prepare(text))
    except Exception as exc:
        raise QueryError(f"cannot parse query: {exc}") from exc


def is_plain_word(text: str) -> bool:
    """True for a query that is one word of letters and digits (具身智能, 6G): no syntax for
    Whoosh's parser to read, which would give a single text term (an operator's name aside)."""
    return text.isalnum() and text.upper() not in _RESERVED


_RESERVED = {*OPERATORS, "TO"}


MAX_DEPTH = 20  # nested brackets: deeper is never a real query and costs recursion


def check_syntax(text: str) -> None:
    """Raise QueryError for what the parser would silently misread."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text)} characters; at most {MAX_QUERY_CHARS})")
    if text.count('"') % 2:
        raise QueryError('unbalanced quote: every " needs a closing "')
    depth = 0
    for ch in _outside_quotes(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            raise QueryError("unbalanced brackets: ')' without '('")
        if depth > MAX_DEPTH:
            raise QueryError(f"brackets nested too deep (more than {MAX_DEPTH} levels)")
    if depth:
        raise QueryError("unbalanced brackets: '(' without ')'")
    for m in re.finditer(r"(?<![\w:/])([A-Za-z_]+):(\S?)", _outside_quotes(text)):
        name, value = m.group(1), m.group(2)
        if name.lower() not in FIELDS:
            known = ", ".join(f"{k}:" for k in FIELD_NAMES)
            raise QueryError(f"unknown field '{name}:' (known: {known})")
        if not value or value in ")":
            raise QueryError(f"'{name}:' needs a value, e.g. {name}:中关村")


def _outside_quotes(text: str) -> str:
    return re.sub(r'"[^"]*"', lambda m: " " * len(m.group(0)), text)


def _prepare(text: str) -> str:
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text)
    text = re.sub(r"(^|[\s(])[-－](?=[^\s-])", r"\1NOT ", text)
    text = re.sub(r"(^|[\s(])\+(?=\S)", r"\1", text)
    return re.sub(r"(?<![\w:])([A-Za-z_]+):", lambda m: m.group(1).lower() + ":", text)


def compile_query(text: str, aliases: AliasMap | None = None, pinyin: PinyinResolver | None = None) -> Compiled:
    """Parse and compile a user query; raise QueryError with a one-line message. ``pinyin``
    turns an ASCII term into the corpus words it spells (zgc → 中关村)."""
    raw = (text or "").strip()
    if not raw:
        return Compiled("", None)
    check_syntax(raw)
    out = Compiled(raw, None)
    out.aliases = aliases if aliases is not None else {}  # not asked whether empty: that would build it
    out.pinyin = pinyin
    if is_plain_word(raw):  # what _leaf makes of the text term Whoosh would parse
        out.match = _text_query(raw, False, out, True, False)
    else:
        out.match = _convert(_parse(raw), out, positive=True)
    if out.match is None:
        raise QueryError("nothing to search for")
    return out


def _convert(q: wq.Query, out: Compiled, positive: bool) -> Node | None:
    from whoosh import query as wq

    if isinstance(q, (wq.And, wq.Or)):
        kids = [k for c in q.subqueries if (k := _convert(c, out, positive)) is not None]
        if not kids:
            return None
        return kids[0] if len(kids) == 1 else (And if isinstance(q, wq.And) else Or)(tuple(kids))
    if isinstance(q, wq.Not):
        inner = _convert(q.query, out, not positive)
        return Not(inner) if inner is not None else None
    if isinstance(q, wq.AndNot):
        a, b = _convert(q.a, out, positive), _convert(q.b, out, not positive)
        return a if b is None or a is None else And((a, Not(b)))
    if isinstance(q, wq.AndMaybe):
        a = _convert(q.a, out, positive)
        _convert(q.b, out, positive)  # its terms rank and highlight; it does not filter
        return a
    if isinstance(q, (wq.Term, wq.Phrase, wq.Prefix, wq.Wildcard)):
        return _leaf(q, out, positive)
    if isinstance(q, wq.Every):
        return Every()
    if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
        return None
    raise QueryError(f"unsupported query part: {q}")


def _leaf_text(q: Leaf) -> str:
    from whoosh import query as wq

    if isinstance(q, wq.Phrase):
        return " ".join(q.words)
    return str(q.text)


def _leaf(q: Leaf, out: Compiled, positive: bool) -> Node | None:
    from whoosh import query as wq

    fieldname = q.fieldname
    value = _leaf_text(q).strip()
    if isinstance(q, wq.Term) and value in OPERATORS:
        raise QueryError(f"operator {value} needs a term on each side")
    if fieldname == "date":
        if not isinstance(q, wq.Term):
            raise QueryError(f"date: takes no wildcards (date:{value} already covers all of {value})")
        return parse_range(value)
    if fieldname in ("text", "title"):
        wildcard = isinstance(q, (wq.Prefix, wq.Wildcard))
        return _text_query(value, fieldname == "title", out, positive, wildcard)
    return _facet_query(fieldname, value, isinstance(q, wq.Prefix), out.aliases)


def _text_query(value: str, title_only: bool, out: Compiled, positive: bool, wildcard: bool) -> Node | None:
    stripped = value.replace("*", "").replace("?", "")
    key = key_of(stripped)
    if not key.strip():
        return None
    words = out.pinyin(stripped) if out.pinyin and not wildcard else []
    if words:
        out.expansions[stripped] = words
        terms = [Text(key_of(w), title_only) for w in words]
        if positive:
            out.terms.extend(words)
            out.rank_terms.extend(terms)
        return terms[0] if len(terms) == 1 else Or(tuple(terms))
    term = Text(key, title_only, word_prefix=wildcard and key.isascii())
    if positive:
        out.terms.append(stripped)
        out.rank_terms.append(term)
    return term


def _facet_query(fieldname: str, value: str, prefix: bool, aliases: AliasMap | None = None) -> Facet:
    from search_index.entities import extractor  # imported when needed: most queries name no zone or track

    canonical = BY_NAME[fieldname].canonical
    if canonical == "zone":
        value = next((v for kind, v in extractor().zones.payloads(value) if kind == "park"), value)
    elif canonical == "track":
        value = next((t for t, strong in extractor().tracks.payloads(value) if t and strong), value)
    elif fieldname == "kind":
        value = value.lower()
        if value not in KINDS:
            raise QueryError(f"kind:{value} is not a kind (use {', '.join(KINDS)})")
    if prefix:
        return Facet(fieldname, (value,), prefix=True)
    seen = (aliases or {}).get(fieldname, {}).get(value, [])
    return Facet(fieldname, tuple(dict.fromkeys([value, *seen])))


def filter_query(
    include: dict[str, list[str]] | None, exclude: dict[str, list[str]] | None, aliases: AliasMap | None = None
) -> Node | None:
    """Facet filters: values OR within a facet, facets AND together, exclusions NOT. The
    ``date`` filter's values are date ranges (``2024-03``, ``2024-01-01..2024-06-30``)."""
    parts: list[Node] = []
    include, exclude = _filter_lists(include), _filter_lists(exclude)
    for facet, values in (include or {}).items():
        vals = [v for v in values if v]
        if vals:
            parts.append(Or(tuple(_filter_node(facet, v, aliases) for v in vals)))
    for facet, values in (exclude or {}).items():
        for v in values:
            if v:
                parts.append(Not(_filter_node(facet, v, aliases)))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(tuple(parts))


def _filter_lists(filters) -> dict[str, list[str]]:
    """Filters as facet → list of texts; QueryError (one line) for any other shape."""
    if not filters:
        return {}
    if not isinstance(filters, dict):
        raise QueryError(f"filters must map a facet to a list of values, not {type(filters).__name__}")
    out = {}
    for facet, values in filters.items():
        values = [values] if isinstance(values, str) else values
        if not isinstance(values, (list, tuple, set)) or not all(isinstance(v, str) for v in values):
            raise QueryError(f"filter '{facet}' needs a list of texts, e.g. ['中关村'], not {values!r:.40}")
        out[facet] = list(values)
    return out


def _filter_node(facet: str, value: str, aliases: AliasMap | None) -> Node:
    if facet == "date":
        return parse_range(value)
    return _facet_query(facet_field(facet), value, False, aliases)


def facet_field(name: str) -> str:
    """The stored facet a filter or option name means (``track`` → ``tracks``)."""
    target = FIELDS.get(name.lower()) or FIELDS.get(name.lower().rstrip("s"))
    if target in (None, "text", "title"):
        raise QueryError(f"'{name}' is not a facet (use {', '.join(f for f in FIELD_NAMES if f != 'title')})")
    return target
