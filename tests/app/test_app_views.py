"""Views that fit the terminal and results that leave the app (issue 17, defects 7, 8, 10, 11),
driven with the pilot on the seeds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable

from search_index.research.saved import SavedSearches
from tests.harness import record_notifications, results, settle, type_query
from tui.app import GxqApp
from tui.leave import hit_line
from tui.views.kwic import KwicList, KwicScreen
from tui.views.matrix import MatrixScreen
from tui.widgets.facet_pane import FacetPane
from tui.widgets.reader import Reader
from tui.widgets.saved_pane import SavedList


@pytest.fixture
def app(index_base, seeds_dir) -> GxqApp:
    return GxqApp(seeds_dir, index_base, show_timing=False)


async def open_first(app, pilot, query: str) -> Reader:
    await settle(app, pilot)
    await type_query(app, pilot, query)
    await pilot.press("enter", "enter")
    await settle(app, pilot)
    return app.query_one(Reader)


async def test_wide_meta_line_shows_hits_and_score_and_reader_gets_the_room(app):
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_first(app, pilot, "具身智能")
        hit = results(app).result.hits[0]
        meta = str(results(app).get_option_at_index(0).prompt).split("\n")[1]
        assert f"{hit.hit_count}× · {hit.score:.1f}" in meta
        assert reader.size.width > results(app).size.width  # about 26 CJK characters a line, not 21
        await pilot.press("z")  # zoom: the reader alone
        await settle(app, pilot)
        assert reader.size.width > 110 and not results(app).display and not app.query_one("#facets").display
        await pilot.press("z")
        await settle(app, pilot)
        assert results(app).display and reader.size.width < 120


async def test_facet_titles_keep_their_count_on_one_line_at_80_columns(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        shown = [pane for pane in app.query(FacetPane) if pane.display]  # the Dates pane hides without years
        assert len(shown) >= 5
        for pane in shown:
            title = pane.query_one(".facet-title")
            assert title.size.height == 1
            text = str(title.render())
            assert text.rstrip().split()[-1].isdigit() and cell_len(text.rstrip()) <= title.size.width


async def test_matrix_headers_are_whole_names_and_park_names_stay_when_scrolled(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        results(app).focus()
        await pilot.press("M")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        table = screen.query_one(DataTable)
        labels = [str(c.label) for c in table.columns.values()][1:-1]
        assert labels == screen.grid.tracks  # whole names, never 基础软…
        assert table.fixed_columns == 1
        table.move_cursor(column=len(table.columns) - 1)
        await settle(app, pilot)
        row = table.render_line(2).text
        assert table.scroll_x > 0 and any(row.startswith(f" {p} ") for p in screen.grid.parks)  # names stay
        ones = [p for p in screen.grid.parks if screen.grid.row_totals.get(p) == 1]
        if ones:
            table.move_cursor(row=screen.grid.parks.index(ones[0]), column=len(table.columns) - 1)
            await settle(app, pilot)
            assert "1 article " in str(screen.query_one("#matrix-cell").render())


async def test_kwic_source_column_is_one_column(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "OR".join(["国家高新区 ", " 新赛道"]))
        await pilot.press("enter", "K")
        await settle(app, pilot)
        assert isinstance(app.screen, KwicScreen)
        lines = app.screen.query_one(KwicList)
        starts = set()
        for i in range(lines.option_count):
            prompt = lines.get_option_at_index(i).prompt
            source = app.screen.concordance.lines[i].source
            plain = prompt.plain
            at = plain.rfind("  " + source[:6])
            if at > 0:
                starts.add(cell_len(plain[:at]))
        assert len(starts) == 1, starts


async def test_delete_asks_and_saved_searches_of_another_corpus_are_marked(app, seeds_dir, tmp_path):
    SavedSearches().save("elsewhere", "具身智能", corpus=str(tmp_path / "other"))
    SavedSearches().save("here", "具身智能", corpus=str(seeds_dir.resolve()))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        listing = app.query_one(SavedList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert prompts[0].startswith("here") and prompts[0].rstrip().endswith("4")
        assert prompts[1].startswith("elsewhere") and prompts[1].rstrip().endswith("◦")


@pytest.mark.parametrize("typed, wanted", [("导出", "Export results as"), ("zgc", "Go to park: 中关村")])
async def test_palette_finds_chinese_and_pinyin(app, typed, wanted):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await pilot.press(*typed)
        await settle(app, pilot)
        from textual.command import CommandList

        found = app.screen.query_one(CommandList)
        shown = [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]
        assert any(wanted in s for s in shown), shown


async def test_edit_opens_the_source_at_the_hits_line(app, tmp_path, monkeypatch):
    record = tmp_path / "args.txt"
    editor = tmp_path / "editor.py"
    editor.write_text(f"import sys\nopen({str(record)!r}, 'w').write('\\n'.join(sys.argv[1:]))\n", encoding="utf-8")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {editor}")
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_first(app, pilot, "低空经济")
        await pilot.press("n")
        await pilot.press("E")
        await settle(app, pilot)
        line, path = record.read_text(encoding="utf-8").splitlines()
        article = reader.article
        assert Path(path) == Path(app.engine.corpus) / article.source
        expected = hit_line(article, reader.current)
        assert line == f"+{expected}"
        printed = next(r.text for r in article.source_lines if r.line == expected)
        assert "低" in printed or "经济" in printed  # the line shows (part of) the hit


async def test_copy_puts_the_passage_and_its_citation_on_the_clipboard(app):
    said = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await open_first(app, pilot, "低空经济")
        await pilot.press("y")
        await settle(app, pilot)
        copied = app.clipboard
        start, end = reader.article.hits[reader.current]
        assert reader.article.text[start:end] in copied.split("\n——")[0]
        assert f"《{reader.article.title}》" in copied and reader.article.source in copied
        assert any("Copied" in message or "OSC 52" in message for message in said)


async def test_indexing_progress_names_its_phase(app):
    from tui.messages import IndexPhase, IndexProgress
    from tui.widgets.status_line import StatusLine

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        line = app.query_one(StatusLine)
        status = app.query_one("#status")
        line.post_message(IndexPhase("reading", 4))
        for done, name in ((0, "a.txt"), (1, "b.txt")):
            line.post_message(IndexProgress(done, 4, name))
            await pilot.pause()
            assert f"reading {done}/4 files" in str(status.render())
        for phase, said in (("segmenting", "segmenting 12 articles"), ("writing", "writing the index of 12 articles")):
            line.post_message(IndexPhase(phase, 12))
            await pilot.pause()
            assert said in str(status.render())
        assert app.query_one("#progress").has_class("-active")


async def test_next_hit_before_any_article_is_open_says_to_open_one(app):
    said = record_notifications(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await type_query(app, pilot, "具身智能")
        app.query_one(Reader).focus()
        await pilot.press("n")
        await settle(app, pilot)
        assert any("No article open" in message for message in said), said
        assert not any("No hits in this article" in message for message in said)
