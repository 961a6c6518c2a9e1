"""What a sync tells its caller: its report, its progress and phases, and its warnings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search_index.ingest.reading import FileInfo, Skipped

Progress = Callable[[int, int, str], None]  # (files done, files in all, file being read)
Phase = Callable[[str, int], None]  # (phase, how many): ("reading", files), then articles: see PHASES
PHASES = ("reading", "segmenting", "writing", "rows")  # what a build waits through, in order ("rows": the engine)
EXPORTS = ("jsonl", "json", "csv", "tsv")  # formats whose files hold many records


@dataclass
class SyncReport:
    """What a sync did."""

    files: int = 0
    read: int = 0
    removed: int = 0
    articles: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    rebuilt: bool = False
    reason: str = ""
    seconds: float = 0.0
    formats: dict[str, int] = field(default_factory=dict)  # files by format (txt, jsonl, pdf…)
    records: dict[str, int] = field(default_factory=dict)  # articles read from each export format
    warnings: int = 0  # files read with a warning (bad bytes, bad records)
    stale: bool = False  # a full disk stopped the update: the index is as it was
    pending: Callable[[], bool] | None = None  # a deferred change check: call it for its verdict

    def current(self) -> bool:
        """False when a deferred change check (``check="deferred"``) found the corpus changed
        since the index was recorded: what was answered from it must not be used. Waits for
        that check; True at once for any other sync."""
        return self.pending is None or self.pending()

    def summary(self) -> str:
        """One human line: what was done, files by format, skipped files grouped by reason."""
        what = "rebuilt" if self.rebuilt else "updated" if self.read or self.removed else "up to date"
        what = "kept as it was" if self.stale else what
        parts = [f"index {what}: {self.contents()}"]
        if self.read:
            parts.append(f"{self.read:,} read")
        if self.removed:
            parts.append(f"{self.removed:,} removed")
        if self.warnings:
            parts.append(f"{self.warnings:,} with warnings")
        if self.reason:
            parts.append(self.reason)
        line = ", ".join(parts)
        if self.skipped:
            from search_index.ingest.reading import skip_reasons

            line += f"; {len(self.skipped):,} skipped: {skip_reasons(self.skipped)}"
        return line + f" ({self.seconds:.1f} s)"

    def contents(self) -> str:
        """``3,412 articles from 1,204 files (1,150 txt, 2 jsonl: 2,180 records, 12 pdf)``."""
        line = f"{self.articles:,} articles from {self.files:,} files"
        return line + f" ({self._by_format()})" if self.formats else line

    def _by_format(self) -> str:
        out = []
        for fmt, n in sorted(self.formats.items(), key=lambda kv: (-kv[1], kv[0])):
            records = self.records.get(fmt)
            noun = "record" if records == 1 else "records"
            out.append(f"{n:,} {fmt}" + (f": {records:,} {noun}" if records is not None else ""))
        return ", ".join(out)


def tally_formats(report: SyncReport, files: list[FileInfo], recorded: Callable[[], dict]) -> None:
    """Files by format, and the records (articles) of the export formats; the state file is
    read again only when there are exports to count."""
    from search_index.ingest.reading import format_of

    table: dict | None = None
    for f in files:
        fmt = format_of(f.rel)
        report.formats[fmt] = report.formats.get(fmt, 0) + 1
        if fmt in EXPORTS:
            table = recorded() if table is None else table
            report.records[fmt] = report.records.get(fmt, 0) + table.get(f.rel, {}).get("articles", 0)


def no_phase(name: str, count: int) -> None:
    """No one listens to the phases."""


def say(warn, message: str) -> None:
    """Tell ``warn`` (when there is one) ``message``."""
    if warn:
        warn(message)
