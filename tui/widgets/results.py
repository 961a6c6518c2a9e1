"""The result list: title, source and lines, kind, score, a highlighted snippet."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from search_index import Hit, SearchResult

from .keys import LIST_BINDINGS

HIT_STYLE = "bold black on yellow"
KIND_STYLE = {"article": "green", "brief": "cyan", "photo": "magenta"}


def short_source(path: str, cells: int = 16) -> str:
    """The file name, shortened in the middle to about ``cells`` characters."""
    name = path.rsplit("/", 1)[-1]
    return name if len(name) <= cells else name[: cells - 6] + "…" + name[-5:]


def fit(text: str, cells: int) -> str:
    """Cut ``text`` to at most ``cells`` terminal cells, with an ellipsis when cut."""
    if cell_len(text) <= cells:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > cells - 1:
            break
        out += ch
    return out + "…"


def hit_prompt(hit: Hit, number: int, query: str, width: int = 60) -> Text:
    """Title, a meta line and a two-line highlighted snippet, fitted to ``width`` cells."""
    m = hit.meta
    text = Text(f"{number:>2} ", style="dim")
    text.append(fit(m["title"], width - 3), style="bold italic" if m["title_derived"] else "bold")
    meta = f"{m['kind']} · {short_source(m['source'])}:{m['lines'][0]}–{m['lines'][1]}"
    if query:
        meta += f" · {hit.hit_count}× · {hit.score:.1f}"
    text.append("\n   ")
    text.append(fit(meta, width - 3), style="dim")
    text.stylize(
        KIND_STYLE.get(m["kind"], ""),
        len(text) - len(fit(meta, width - 3)),
        len(text) - len(fit(meta, width - 3)) + len(m["kind"]),
    )
    if hit.snippets:
        snip = hit.snippets[0]
        lead = "…" if snip["before"] else ""
        shown = fit(lead + snip["text"], 2 * (width - 3))
        body = Text(shown)
        for s, e in snip["highlights"]:
            s, e = s + len(lead), e + len(lead)
            if s < len(shown):
                body.stylize(HIT_STYLE, s, min(e, len(shown)))
        text.append("\n   ")
        text.append_text(body)
    return text


class ResultList(OptionList):
    """Results of the current search; Enter opens one in the reader."""

    BINDINGS = [
        *LIST_BINDINGS,
        Binding("enter", "select", "Open", id="results.open", tooltip="Open the article in the reader"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.result: SearchResult | None = None

    def show(self, result: SearchResult) -> None:
        """Replace the list with a new result set, keeping the cursor on the same article."""
        keep = self.highlighted_option.id if self.highlighted_option else None
        self.result = result
        width = max(20, (self.size.width or 60) - 4)
        options = [Option(hit_prompt(h, n, result.query, width), id=h.meta["id"]) for n, h in enumerate(result.hits, 1)]
        self.set_options(_separated(options))
        ids = [h.meta["id"] for h in result.hits]
        if options:
            self.highlighted = ids.index(keep) if keep in ids else 0

    def on_resize(self) -> None:
        """Fit the prompts to the new width."""
        if self.result is not None:
            self.show(self.result)

    def article_ids(self) -> list[str]:
        """Ids in result order."""
        return [h.meta["id"] for h in self.result.hits] if self.result else []


def _separated(options: list[Option]) -> list[Option | None]:
    out: list[Option | None] = []
    for option in options:
        if out:
            out.append(None)
        out.append(option)
    return out
