"""Dates: where they come from, date: queries and --since/--until, sort, date facets and
timelines, over a real index of a corpus dated the ways news files are."""

from __future__ import annotations

import pytest

from search_index import Engine
from search_index.dates.ranges import DateRange, date_code, parse_range, span
from search_index.errors import QueryError
from search_index.ingest.dating import dateline_date, masthead_date, path_date
from search_index.research.export import export_text
from search_index.research.saved import SavedSearches
from tests.dated_corpus import FILES

DATED = {rel: spec[2] for rel, spec in FILES.items() if spec[2] and not spec[2].startswith("--")}


@pytest.fixture(scope="module")
def dated(dated_dirs) -> Engine:
    eng = Engine(*dated_dirs)
    eng.open()
    return eng


def sources(result) -> list[str]:
    return [h.meta.source for h in result.hits]


def total(eng: Engine, query: str = "", **filters) -> int:
    return eng.search(query, filters or None, limit=0).total


# -- where dates come from ---------------------------------------------------------------------
def test_every_article_gets_the_date_its_evidence_states_and_no_other(dated):
    got = {a.source: (a.date, a.date_from) for a in dated.articles()}
    assert got == {rel: (spec[2], spec[3]) for rel, spec in FILES.items()}


@pytest.mark.parametrize(
    ("lead", "date"),
    [
        ("新华社北京6月5日电 记者张三", "--06-05"),
        ("本报北京2025年6月5日讯（记者 李四）", "2025-06-05"),
        ("央视网消息（记者 张三）2025年12月8日，北京", "2025-12-08"),
        ("（记者 张三 李四）2025年12月8日上午，", "2025-12-08"),
        ("中新网上海十二月八日电", "--12-08"),
        ("2025年12月1日，北京小汤山医院举行仪式", ""),
        ("记者近日从会上获悉，6月5日将举行大会", ""),
    ],
)
def test_datelines_and_bylines_date_an_article_but_event_dates_do_not(lead, date):
    assert dateline_date(lead) == date


@pytest.mark.parametrize(
    ("path", "date"),
    [
        ("2024/20240301_01.txt", "2024-03-01"),
        ("news/2024/03/05/a.html", "2024-03-05"),
        ("a/2019-07/b.txt", "2019-07"),
        ("2024/x.txt", "2024"),
        ("000_e98f8d8dd93608fa.txt", ""),
        ("feed/0020240301abcd.txt", ""),
        ("reports/page12.txt", ""),
    ],
)
def test_dates_in_paths_and_names_but_not_in_hashes(path, date):
    assert path_date(path) == date


def test_a_masthead_line_dates_a_page_but_a_sentence_with_a_weekday_does_not():
    assert masthead_date("人民日报\n2025年12月9日 星期二 第3版\n正文") == "2025-12-09"
    assert masthead_date("2025年12月9日（星期二）上午，某某会议在北京召开，来自各地的代表") == ""


def test_a_masthead_line_dates_the_page_and_names_its_outlet(tmp_path):
    """The masthead is the page's publication date; a wire dateline inside is when the story
    was filed, not when this paper printed it."""
    one = "经济日报  2025年1月2日  星期五\n\n芯片产业加速\n\n新华社北京12月31日电 芯片企业在中关村扩产。\n"
    two = (
        "经济日报  2025年1月2日  星期五  第3版\n\n芯片产业加速\n\n"
        "新华社北京12月31日电（记者 张伟）芯片企业在中关村扩产。"
        "\n\n量子计算取得突破\n\n本报讯（记者 李明）合肥高新区量子企业发布新产品。\n"
    )
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "one.txt").write_text(one, encoding="utf-8")
    (tmp_path / "c" / "two.txt").write_text(two, encoding="utf-8")
    eng = Engine(tmp_path / "c", tmp_path / "ix")
    eng.sync()
    found = {(a.title, a.date, a.date_from, a.publication) for a in eng.articles()}
    assert ("芯片产业加速", "2025-01-02", "header", "经济日报") in found
    assert ("量子计算取得突破", "2025-01-02", "header", "经济日报") in found
    titles = [a.title for a in eng.articles()]
    assert titles.count("芯片产业加速") == 2  # the page's first headline stays its story's


# -- the range rules -----------------------------------------------------------------------------
def test_a_partial_date_is_inside_a_range_only_when_all_of_it_is():
    month = date_code("2024-03")
    assert span(month) == (20240301, 20240331)
    assert span(date_code("2024-02")) == (20240201, 20240229)  # leap year
    assert span(date_code("2023-02")) == (20230201, 20230228)
    assert parse_range("2024") == DateRange(20240101, 20241231)
    assert parse_range("2024-03-01..2024-06-30") == DateRange(20240301, 20240630)
    assert parse_range("..2019").hi == 20191231 and parse_range("2024..").lo == 20240101
    assert date_code("--06-05") == 605 and span(605) == (0, 0)  # no year: in no range


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("date:2024", {r for r, d in DATED.items() if d.startswith("2024")}),
        ("date:2024-02", {"2024/20240229_02.txt"}),
        ("date:2024-02-29", {"2024/20240229_02.txt"}),
        ("date:2024-03", {"2024/20240301_01.txt", "2024/03/20240331_03.txt"}),
        ("date:2024-03-31..2024-04-01", {"2024/03/20240331_03.txt", "2024/04/20240401_04.txt"}),
        ("date:2024-06", {"news/2024-06/summary.md"}),
        ("date:2024-06-15", set()),
        ("date:2025..", {"2025/roundup.txt", "wire/full.txt"}),
        ("date:..2022", {"2022/wire.txt", "2023/20230102_b.txt", "gbk/2021/20210715_g.txt"}),
        ("date:2022-12-31..2023-12-31", {"2023/20230102_b.txt", "2023/20231231_05.txt"}),
        ("低空经济 -date:2024", {"2025/roundup.txt", "plain/yearless.txt", "gbk/2021/20210715_g.txt"}),
        ("(date:2023 具身智能) OR (date:2025 芯片)", {"2023/20231231_05.txt", "wire/full.txt"}),
    ],
)
def test_date_queries_match_by_span(dated, query, expected):
    assert set(sources(dated.search(query, limit=100))) == expected


def test_since_and_until_filter_like_a_date_query(dated):
    for since, until, query in [
        ("2024-03", "2024-03", "date:2024-03"),
        ("2024", "", "date:2024.."),
        ("", "2022", "date:..2022"),
    ]:
        via_filter = dated.search("", {"date": [f"{since}..{until}"]}, limit=100)
        assert set(sources(via_filter)) == set(sources(dated.search(query, limit=100)))


@pytest.mark.parametrize(
    "bad", ["date:2024-13", "date:yesterday", "date:2023-02-29", "date:2024..2023", "date:..", "date:2024*"]
)
def test_bad_dates_give_one_line_reasons(dated, bad):
    with pytest.raises(QueryError) as err:
        dated.search(bad)
    assert "\n" not in str(err.value) and str(err.value)


# -- sort -------------------------------------------------------------------------------------------
def test_sort_newest_and_oldest_put_undated_last(dated):
    newest = dated.search("", limit=100, sort="newest").hits
    starts = [span(date_code(h.meta.date))[0] for h in newest]
    dated_starts = [s for s in starts if s]
    assert dated_starts == sorted(dated_starts, reverse=True) and starts[len(dated_starts) :] == [0] * 3
    oldest = [span(date_code(h.meta.date))[0] for h in dated.search("", limit=100, sort="oldest").hits]
    assert [s for s in oldest if s] == sorted(dated_starts)
    first = dated.search("低空经济", limit=1, sort="newest").hits[0].meta
    assert first.source == "2025/roundup.txt" and first.date == "2025"


def test_sort_by_date_keeps_the_filtered_total_and_pages(dated):
    a = dated.search("低空经济", sort="oldest", limit=2)
    b = dated.search("低空经济", sort="oldest", limit=2, offset=2)
    assert a.total == b.total == total(dated, "低空经济")
    assert not set(sources(a)) & set(sources(b))
    with pytest.raises(QueryError):
        dated.search("", sort="random")


# -- facets ---------------------------------------------------------------------------------------
def test_year_and_month_facets_count_what_the_date_filter_finds(dated):
    facets = dated.facets()
    assert list(facets.of("years")) == sorted(facets.of("years"))
    for year, n in facets.of("years").items():
        assert n == total(dated, f"date:{year}")
    for month, n in facets.of("months").items():
        assert n == total(dated, f"date:{month}")
    assert facets.undated == 3  # event-dated, hash-named, year-less
    assert sum(facets.of("years").values()) + facets.undated == dated.article_count


def test_date_facets_follow_the_query_and_filters(dated):
    facets = dated.search("低空经济", {"tracks": ["低空经济"]}, limit=0).facets
    assert facets.of("years") == {
        y: total(dated, f"低空经济 date:{y}", tracks=["低空经济"]) for y in facets.of("years")
    }
    assert facets.undated == 1  # the year-less wire


# -- timelines --------------------------------------------------------------------------------------
@pytest.mark.parametrize("by", ["year", "month", "week", "day"])
def test_every_timeline_bucket_equals_the_filtered_search(dated, by):
    line = dated.timeline("", by=by).to_json()
    keys = [b["key"] for b in line["buckets"]]
    assert len(keys) == len(set(keys)) and line["by"] == by
    for bucket in line["buckets"]:
        rng = f"{bucket['since']}..{bucket['until']}"
        assert bucket["count"] == dated.search("", {"date": [rng]}, limit=0).total, bucket
    assert line["undated"] == 3
    assert sum(b["count"] for b in line["buckets"]) + line["undated"] + line["coarser"] == dated.article_count


def test_timeline_buckets_are_contiguous_with_zeros(dated):
    months = [b["key"] for b in dated.timeline("", by="month").to_json()["buckets"]]
    assert months[0] == "2021-07" and months[-1] == "2025-06" and len(months) == 48
    years = dated.timeline("", by="year").to_json()["buckets"]
    assert [b["key"] for b in years] == ["2021", "2022", "2023", "2024", "2025"]


def test_split_series_equal_facet_counts_per_bucket(dated):
    line = dated.timeline("", by="year", split_by="track", top=2).to_json()
    assert len(line["series"]) == 2
    for value, buckets in line["series"].items():
        for b in buckets:
            facets = dated.search("", {"date": [f"{b['since']}..{b['until']}"]}, limit=0).facets
            assert b["count"] == facets.of("tracks").get(value, 0), (value, b)


def test_timeline_follows_query_and_filters(dated):
    line = dated.timeline("具身智能", {"date": ["2024.."]}, by="month")
    assert line.total == total(dated, "具身智能 date:2024..") and line.undated == 0
    assert sum(line.counts) + line.coarser == line.total


# -- KWIC, exports, saved searches, the CLI --------------------------------------------------------
def test_kwic_sorts_by_date_and_respects_the_date_filter(dated):
    conc = dated.kwic("低空经济", sort="date")
    starts = [span(date_code(ln.date))[0] for ln in conc.lines]
    assert [s for s in starts if s] == sorted(s for s in starts if s) and starts[-1] == 0
    only = dated.kwic("低空经济", {"date": ["2024-03"]})
    assert {ln.source for ln in only.lines} == {"2024/20240301_01.txt", "2024/03/20240331_03.txt"}


def test_exports_name_the_date_filter(dated):
    result = dated.search("低空经济", {"date": ["2024-03..2024-04"]}, limit=10)
    md = export_text("results", result, "md", dated.corpus)
    assert "published 2024-03..2024-04" in md and "2024-03-31" in md
    line = dated.timeline("低空经济", {"date": ["2024.."]}, by="month")
    csv_text = export_text("timeline", line, "csv", dated.corpus)
    assert "# filters: published 2024.." in csv_text and "2024-03,2024-03-01,2024-03-31,2" in csv_text


def test_saved_searches_keep_the_date_filter(tmp_path, dated):
    store = SavedSearches(tmp_path / "saved.json")
    store.save("air 2024", "低空经济", {"date": ["2024..2024"]})
    entry = store.get("air 2024")
    assert entry.filters == {"date": ["2024..2024"]} and "date:2024..2024" in entry.describe()
    assert dated.search(entry.query, entry.filters, limit=0).total == total(dated, "低空经济 date:2024")


def test_a_timeline_chosen_from_the_span_is_no_finer_than_most_dates(tmp_path):
    for rel in ("2024/a.txt", "2024/b.txt", "2024/20240301_c.txt"):
        (tmp_path / "c" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "c" / rel).write_text("低空经济\n\n低空经济在中关村发展。\n", encoding="utf-8")
    eng = Engine(tmp_path / "c", tmp_path / "ix")
    eng.sync()
    line = eng.timeline("")
    assert line.by == "year" and line.counts == [3] and line.coarser == 0
    assert eng.timeline("", by="day").coarser == 2


def test_date_counts_of_most_rows_equal_counting_them_one_by_one():
    """More than half the rows are counted as every row less the rows left out."""
    import random
    from array import array
    from collections import Counter

    from search_index.index.datecolumn import DateColumn

    rng = random.Random(6)
    dates = ["2024-03-01", "2024-03", "2024", "2023-12-31", "--06-05", "", "2025-01-15"]
    column = DateColumn(array("i", [date_code(rng.choice(dates)) for _ in range(200)]))
    for size in (0, 50, 100, 101, 150, 199, 200):
        rows = sorted(rng.sample(range(200), size))
        periods = Counter(column.periods[r] for r in rows)
        undated = periods.pop(0, 0)
        got = column.counts(rows)
        assert got["undated"] == undated and sum(got["years"].values()) == size - undated
        assert got["months"] == {f"{p // 100}-{p % 100:02d}": n for p, n in sorted(periods.items()) if p % 100}


def test_date_counts_of_a_bitmap_equal_those_of_its_rows(monkeypatch):
    """A large result set as a bitmap is counted by its intersections with each period's rows."""
    import random
    from array import array

    from pyroaring import BitMap

    from search_index.index import datecolumn
    from search_index.index.datecolumn import DateColumn

    monkeypatch.setattr(datecolumn, "BITMAP_MIN_ROWS", 10)
    rng = random.Random(7)
    dates = ["2024-03-01", "2024-03", "2024", "2023-12-31", "--06-05", "", "2025-01-15", "2012-07"]
    codes = array("i", [date_code(rng.choice(dates)) for _ in range(300)])
    column, plain = DateColumn(codes), DateColumn(codes)
    column.prepare()
    for size in (0, 9, 10, 120, 151, 299, 300):
        rows = sorted(rng.sample(range(300), size))
        assert column.counts(BitMap(rows)) == plain.counts(rows)


def test_date_counts_of_a_result_read_only_its_rows():
    """A cold search counts years and months over its own rows' date codes: neither a
    per-row column nor a period's bitmap is built for it (a pass over every row)."""
    from array import array
    from collections import Counter

    from pyroaring import BitMap

    from search_index.index.datecolumn import DateColumn

    dates = ["2024-03-01", "2024-03", "2024", "2023-12-31", "--06-05", "", "2025-01-15", "2012-07"]
    codes = array("i", [date_code(dates[i % len(dates)]) for i in range(1000)])
    column = DateColumn(codes)
    rows = BitMap(range(0, 1000, 3))  # a third: no shortcut through every row's counts
    got = column.counts(rows)
    assert "periods" not in vars(column) and column._period_bits is None
    periods = Counter(DateColumn(codes).periods[r] for r in rows)
    undated, years = periods.pop(0), Counter()
    for period, n in periods.items():
        years[str(period // 100)] += n
    assert got["undated"] == undated and got["years"] == dict(sorted(years.items())) and len(years) == 4
    assert got["months"] == {f"{p // 100}-{p % 100:02d}": n for p, n in sorted(periods.items()) if p % 100}
