"""Where an index lives and how it is kept in step with its corpus.

An index sits in the per-user cache directory (``$XDG_CACHE_HOME/gxq-tui`` on Linux; override
with ``GXQ_INDEX_DIR`` or ``--index-dir``), in a folder keyed by the corpus's real path. A
``state.json`` beside the Whoosh files records the format and every file's size, mtime and
hash (the hash seeds its articles' ids). A file is compared by size and mtime only: one whose
size or mtime changed is re-read, removed ones are dropped, and a new format or gazetteer
rebuilds everything (into a fresh folder that replaces the old one only when complete).
It also records every folder's mtime, so that a sync with ``check="quick"`` can tell an
unchanged corpus by stat-ing the recorded folders and files without listing anything
(:mod:`search_index.index.freshness`); ``check="deferred"`` leaves those stats running in a
child process and its report's ``current()`` gives their verdict; ``check="none"`` trusts the
index as it is.

The store decides what a sync does; its helpers live beside it: the folder, its lock and
leftovers (``folder``), the state file (``state``), the writing (``writing``), the fallbacks
when the cache cannot be written (``unwritable``) and the report (``report``).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from search_index.errors import IndexError_
from search_index.index import light
from search_index.index.folder import STATE_FILE, index_folder, private_files, remove_leftovers, sync_lock, tighten
from search_index.index.freshness import folder_mtimes, unchanged, unchanged_later, unchanged_table
from search_index.index.quickstate import (
    checked_stamp,
    inputs,
    json_stamp,
    load_check,
    load_twin,
    remember_checked,
    stamp,
)
from search_index.index.report import Phase, Progress, SyncReport, no_phase, say, tally_formats
from search_index.index.state import file_unchanged, header_change, load_state, save_state, wanted_header

if TYPE_CHECKING:
    from search_index.ingest.reading import FileInfo


class IndexStore:
    """The index of one corpus folder."""

    def __init__(self, corpus: Path, base: Path | None = None, follow_links: bool = False):
        self.corpus = Path(corpus)
        self.follow_links = follow_links
        self.folder = index_folder(self.corpus, base)
        self.whoosh_dir = self.folder / "whoosh"
        self.state_path = self.folder / STATE_FILE
        self.temporary = False
        self._folders: dict[str, int] | None = None  # folder mtimes taken before this sync listed the corpus
        self._inputs: str | None = None  # the inputs stamp of the header last checked (see quickstate)
        self.phase: Phase = no_phase  # who hears the phases of the sync under way
        self._written: tuple[str, dict] | None = None  # (index tag, rows made as it was written)

    def move_to(self, folder: Path) -> None:
        """Keep the index in ``folder`` (a temporary one) for this run."""
        self.folder, self.temporary = folder, True
        self.whoosh_dir = folder / "whoosh"
        self.state_path = folder / STATE_FILE

    # -- state --------------------------------------------------------------------------
    def load_state(self) -> dict:
        """The state file when it has the shape this code writes, else {} (a rebuild)."""
        return load_state(self.state_path)

    def save_state(self, state: dict) -> None:
        """Write the state file, with the folder mtimes this sync took."""
        if self._folders is not None:
            state["folders"] = self._folders
        if self._inputs:
            state["inputs"] = self._inputs
        else:
            state.pop("inputs", None)
        save_state(self.state_path, state)

    def wanted_header(self) -> dict:
        """What this corpus's index must have been built with to be reused."""
        parts = inputs(self.corpus)  # first: an input changed meanwhile shows next time
        header = wanted_header(self.corpus)
        self._inputs = stamp(parts, header)
        return header

    def _header_change(self, state: dict) -> str:
        """What in the state's header differs from what this index needs: not computed when
        the state recorded the same inputs stamp as now."""
        now = stamp(inputs(self.corpus), state)
        if now == state.get("inputs") or now == checked_stamp(self.state_path):  # the file only after an upgrade
            self._inputs = now
            return ""
        as_read = json_stamp(self.state_path)  # before the header's computation: a rewrite meanwhile voids it
        change = header_change(state, self.wanted_header())
        if not change and self._inputs == now:  # an upgrade that kept the format: remember it
            remember_checked(self.state_path, now, as_read)
        return change

    def rebuild_reason(self, state: dict, search_only: bool = False) -> str:
        """Why the existing index cannot be reused ('' when it can). ``search_only``: for a
        command that only reads (the quick or deferred check, the app's first open), a table of contents that
        :mod:`~search_index.index.light` reads will do, without importing Whoosh (its pickled
        schema, which no search reads, is then not checked; an update opens the index with
        Whoosh and checks it)."""
        if not state and self.state_path.exists():
            return "state file unreadable or of the wrong shape"
        if not state or not self.whoosh_dir.is_dir():
            return "new index"
        changed = self._header_change(state)
        if changed:
            return changed
        try:
            if not search_only or light.read_toc(self.whoosh_dir) is None:
                self.open().doc_count()
        except Exception as exc:
            return f"index unreadable ({type(exc).__name__}), rebuilding"
        return ""

    def real_path(self, rel: str) -> Path:
        """The file a source name stands for: for a name shown with U+FFFD, the path with the
        bytes the file system has (kept in the state file)."""
        raw = self.load_state().get("files", {}).get(rel, {}).get("raw_path") if "\ufffd" in rel else None
        return Path(os.fsdecode(bytes.fromhex(raw))) if isinstance(raw, str) else self.corpus / rel

    def build_id(self) -> str:
        """Names the full build the index descends from (updates keep it; a rebuild changes it)."""
        return str(self.load_state().get("build", ""))

    def keep_rows(self, tag: str, rows: dict) -> None:
        """Keep the row cache's rows made as the index committed as ``tag`` was written."""
        self._written = (tag, rows)

    def written_rows(self, tag: str) -> dict | None:
        """The rows kept for index state ``tag`` (None for another state); taken once."""
        kept, self._written = self._written, None
        return kept[1] if kept is not None and kept[0] == tag else None

    def usable(self) -> bool:
        """True when an index exists that a search can open as it is: its state's head (not
        the table of files) and its table of contents, read without importing Whoosh when
        :mod:`~search_index.index.light` reads them. The app opens such an index at once and
        then syncs, which checks the rest (an index Whoosh cannot open is rebuilt then)."""
        head = load_twin(self.state_path, head_only=True)
        return not self.rebuild_reason(head if head is not None else self.load_state(), search_only=True)

    def committed(self) -> tuple[str, Callable[[], Any]]:
        """The tag of the committed index and how to open its reader: without importing
        Whoosh when its table of contents is one :mod:`~search_index.index.light` reads (a
        search reads only stored documents from it), else Whoosh's."""
        toc = light.read_toc(self.whoosh_dir)
        if toc is not None:
            return toc.tag, lambda: light.LightReader(self.whoosh_dir, toc, partial(self._reader_of, toc.tag))
        from search_index.index.memo import index_tag  # the row cache's module: a search has it already

        ix = self.open()
        return index_tag(ix), ix.reader

    def _reader_of(self, tag: str):
        """Whoosh's reader of the index committed as ``tag`` (what a light reader was opened
        on); IndexError_ when another commit has replaced it since."""
        from search_index.index.memo import index_tag

        ix = self.open()
        if index_tag(ix) != tag:
            raise IndexError_("the index changed while it was open: run the command again")
        return ix.reader()

    def open(self):
        """Open the Whoosh index for reading."""
        from whoosh import index as windex  # here: a search reads the index without it (``light``)

        return windex.open_dir(str(self.whoosh_dir))

    # -- sync ---------------------------------------------------------------------------
    def sync(
        self,
        rebuild: bool = False,
        progress: Progress | None = None,
        warn=None,
        cancel: threading.Event | None = None,
        check: str = "full",
        phase: Phase | None = None,
    ) -> SyncReport:
        """Bring the index in step with the corpus; return what was done. Another process
        syncing the same corpus is waited for; an unwritable or full cache folder falls back
        to a temporary index for this run; ``cancel`` stops between files. ``check``: "full"
        lists the corpus; "quick" first stats the recorded folders and files and stops there
        when nothing changed; "deferred" does the same stats in a child process and returns at
        once: the caller must ask ``report.current()`` before it uses what it answers from the
        index (and sync again when False); "none" uses a usable index without looking at the
        corpus.
        ``phase`` hears each phase of a build or update as it starts (see ``PHASES``)."""
        started = time.perf_counter()
        self.phase = phase or no_phase
        report = None if rebuild or check == "full" else self.as_recorded(check)
        if report is not None:
            report.seconds = time.perf_counter() - started
            return report
        # The indexing code is imported only now: a search from a current index never needs it.
        from search_index.index.unwritable import UNWRITABLE, as_it_was, elsewhere, no_room_here, refuse
        from search_index.index.workers import WorkersUnavailable
        from search_index.index.writing import Incomplete
        from search_index.ingest.reading import discover

        self._folders = folder_mtimes(self.corpus)  # before listing: a file written meanwhile is a change next time
        files, skipped = discover(self.corpus, self.follow_links)
        report = SyncReport(files=len(files), skipped=list(skipped))
        for s in skipped:
            say(warn, s.message())
        if self._read_only_and_current(files):
            report.articles, report.reason = self._held(files), "read-only index folder, used as it is"
            report.seconds = time.perf_counter() - started
            return report

        def start_over(reason: str, procs: int = 0, rebuild: bool = True) -> SyncReport:
            """Rebuild everything with a fresh report (after a failed first attempt)."""
            fresh = SyncReport(files=len(files), skipped=list(skipped))
            with private_files():
                self._sync_here(files, fresh, rebuild, progress, warn, cancel, procs)
            fresh.reason = reason
            return fresh

        try:
            with private_files(), sync_lock(self.folder, warn):
                remove_leftovers(self.folder, warn)
                if not rebuild and no_room_here(self.folder) and self.rebuild_reason(self.load_state()):
                    refuse(self.folder)  # an earlier run's temporary index is used, not built again
                try:
                    self._sync_here(files, report, rebuild, progress, warn, cancel)
                except (Incomplete, WorkersUnavailable) as exc:  # a lost sub-process: again, in-process
                    say(warn, f"warning: {exc}; indexing again in one process")
                    report = start_over(str(exc), procs=1)
        except OSError as exc:
            kept = as_it_was(self, exc, files, rebuild, warn)
            if kept is None and (exc.errno not in UNWRITABLE or self.temporary):
                raise IndexError_(f"cannot write the index in {self.folder}: {exc.strerror or exc}") from exc
            report = kept or elsewhere(self, exc, rebuild, start_over, warn)
        tighten(self.folder)
        report.seconds = time.perf_counter() - started
        tally_formats(report, files, lambda: self.load_state().get("files", {}))
        return report

    def as_recorded(self, check: str) -> SyncReport | None:
        """A report of the index as recorded when it is usable and (unless ``check`` is
        "none") the quick check finds the corpus unchanged; None when a full sync is due."""
        # deferred: the child starts first and reads the table itself (this process needs the head only)
        pending = unchanged_later(self.corpus, self.state_path) if check == "deferred" else None
        quick = load_check(self.state_path) if check == "quick" else None
        head = quick[0] if quick else load_twin(self.state_path, head_only=True) if check != "quick" else None
        if head is not None and not self.rebuild_reason(head, search_only=True):  # from the twin: no table of dicts
            report = SyncReport(files=head.get("file_count", 0), articles=head.get("article_count", 0))
            if quick is not None and not unchanged_table(self.corpus, *quick[1]):
                return None
            report.pending = pending
            return report
        if pending is not None:
            pending()  # its verdict does not matter now: the child is waited for, not left behind
        state = self.load_state()
        reason = self.rebuild_reason(state, search_only=True)
        if reason or (check != "none" and not unchanged(self.corpus, state)):  # (no twin)
            return None
        files = state.get("files", {})
        articles = sum(entry.get("articles", 0) for entry in files.values())
        return SyncReport(files=len(files), articles=articles)

    def _sync_here(self, files, report: SyncReport, rebuild: bool, progress, warn, cancel, procs: int = 0) -> None:
        from search_index.index import writing

        state = self.load_state()
        reason = "rebuild requested" if rebuild else self.rebuild_reason(state)
        if reason:
            writing.rebuild(self, files, report, progress, warn, cancel, procs)
            report.rebuilt, report.reason = True, reason
        else:
            writing.update(self, files, state, report, progress, warn, cancel)
            if state.get("folders") != self._folders:  # nothing to index, but folders changed
                self.save_state(self.load_state())

    def _read_only_and_current(self, files: list[FileInfo]) -> bool:
        """True when the index folder cannot be written but holds a usable index of exactly
        these files: it is then used as it is, read-only."""
        if not self.folder.is_dir() or os.access(self.folder, os.W_OK):
            return False
        state = self.load_state()
        if self.rebuild_reason(state):
            return False
        known = state.get("files", {})
        return set(known) == {f.rel for f in files} and all(file_unchanged(known[f.rel], f) for f in files)

    def _held(self, files: list[FileInfo]) -> int:
        known = self.load_state().get("files", {})
        return sum(known[f.rel].get("articles", 0) for f in files if f.rel in known)
