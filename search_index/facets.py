"""The one registry of facets: every layer (query fields, the index's stored values, the
entity extractor, the engine's filters, the CLI's options, the app's panes and chips, the
exports) reads its facet names from here, so adding a facet is one entry in :data:`FACETS`.

A facet's ``name`` (plural: ``parks``) is the filter key, the key of its counts and of its
values in an article's metadata; ``field`` (singular: ``park``) is what a query writes
(``park:中关村``), what the CLI's option is called (``--park``) and the chip's label. The
module imports nothing from the package, so that every layer may read it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    """One facet: how each layer names and treats it."""

    name: str  # plural: the filter key, the counts' key, the article metadata key
    field: str  # singular: the query field (park:), the CLI option (--park), the chip label
    title: str  # the app's pane title, English and Chinese
    aliases: tuple[str, ...] = ()  # more query field names (outlet: for publication:)
    multi: bool = True  # several values per article (a list) or one (a string)
    entity_kinds: tuple[str, ...] = ()  # the entity mention types whose values fill it
    entity: bool = False  # filled by the entity extractor (``entities`` command, aliases)
    canonical: str = ""  # a query value is first resolved to a canonical name: "zone" or "track"
    counted: bool = True  # values counted per article (False: dates, counted by year and month)
    cli_option: str | None = ""  # the CLI's --option ("" = field; None: none, as for dates)
    pane: int = 0  # its place among the app's plain facet panes (0: none; parks, tracks, dates have their own)

    @property
    def option(self) -> str | None:
        """The CLI option name (without dashes), or None when the facet has none."""
        return None if self.cli_option is None else self.cli_option or self.field

    @property
    def query_names(self) -> tuple[str, ...]:
        """Every field name a query may write for it: singular, plural, aliases."""
        return tuple(dict.fromkeys((self.field, self.name, *self.aliases)))


FACETS: tuple[Facet, ...] = (
    Facet("parks", "park", "Parks 园区", entity_kinds=("park",), entity=True, canonical="zone"),
    Facet("provinces", "province", "Provinces 省份"),  # the province of each park named
    Facet("cities", "city", "Cities 城市"),  # the city of each park named
    Facet("subparks", "subpark", "Sub-parks 分园", entity_kinds=("subpark", "new_area"), entity=True),
    Facet("tracks", "track", "Tracks 赛道", entity_kinds=("track",), entity=True, canonical="track"),
    # a track named only by related terms (人形机器人 for 具身智能): weak "track" mentions
    Facet("tracks_weak", "weak_track", "Related tracks 相关赛道", entity=True),
    Facet("companies", "company", "Companies 企业", entity_kinds=("company",), entity=True, pane=1),
    Facet("orgs", "org", "Organisations 机构", entity_kinds=("org",), entity=True, pane=3),
    Facet("people", "person", "People 人物", entity_kinds=("person",), entity=True, pane=2),
    Facet("places", "place", "Places 地点", entity_kinds=("place",), entity=True, pane=4),
    Facet("source", "source", "Source 来源", multi=False, pane=7),
    Facet("kind", "kind", "Kind 类型", multi=False, pane=6),
    Facet("authors", "author", "Authors 作者"),
    Facet("publication", "publication", "Outlets 媒体", aliases=("outlet",), multi=False, pane=5),
    Facet("date", "date", "Dates 日期", multi=False, counted=False, cli_option=None),  # --since/--until
)

BY_NAME: dict[str, Facet] = {f.name: f for f in FACETS}
COUNTED: tuple[str, ...] = tuple(f.name for f in FACETS if f.counted)  # the value facets, in count order
MULTI_VALUED: tuple[str, ...] = tuple(f.name for f in FACETS if f.counted and f.multi)
SINGLE_VALUED: tuple[str, ...] = tuple(f.name for f in FACETS if f.counted and not f.multi)
ENTITY_FACETS: tuple[str, ...] = tuple(f.name for f in FACETS if f.entity)
ENTITY_TYPES: dict[str, str] = {f.field: f.name for f in FACETS if f.entity}  # ``entities --type`` → facet
TYPE_FACET: dict[str, str] = {kind: f.name for f in FACETS for kind in f.entity_kinds}  # mention type → facet
SERIES: tuple[str, ...] = ("tracks", "parks", "provinces", "companies")  # a timeline's split, in cycling order
PLAIN_PANES: tuple[str, ...] = tuple(f.name for f in sorted(FACETS, key=lambda f: f.pane) if f.pane)  # app order
LABELS: dict[str, str] = {f.name: f.field for f in FACETS}  # the app's chip label per facet


def facet(name: str) -> Facet:
    """The facet called ``name`` (plural); KeyError for any other name (a programming error)."""
    return BY_NAME[name]


def query_fields() -> dict[str, str]:
    """Every facet field name a query may write → the facet (``park`` and ``parks`` → ``parks``)."""
    return {alias: f.name for f in FACETS for alias in f.query_names}


def title(name: str) -> str:
    """The pane title of a facet (its name when it has no entry)."""
    return BY_NAME[name].title if name in BY_NAME else name
