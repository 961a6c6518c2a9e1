"""Where an index lives and how it is kept in step with its corpus.

An index sits in the per-user cache directory (``$XDG_CACHE_HOME/gxq-tui`` on Linux; override
with ``GXQ_INDEX_DIR`` or ``--index-dir``), in a folder keyed by the corpus's real path. A
``state.json`` beside the Whoosh files records the format and every file's size, mtime and
hash (the hash seeds its articles' ids). A file is compared by size and mtime only: one whose
size or mtime changed is re-read, removed ones are dropped, and a new format or gazetteer
rebuilds everything (into a fresh folder that replaces the old one only when complete).
It also records every folder's mtime, so that a sync with ``check="quick"`` can tell an
unchanged corpus by stat-ing the recorded folders and files without listing anything
(:mod:`search_index.index.freshness`); ``check="none"`` trusts the index as it is.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import stat
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from whoosh import index as windex
from whoosh.index import LockError

from search_index.analysis.segment import segmenter_id
from search_index.errors import Cancelled, IndexError_
from search_index.index.freshness import folder_mtimes, unchanged
from search_index.index.pipeline import abandon, open_writer, prepared, preparing_procs, writer_procs
from search_index.index.schema import FORMAT, build_schema
from search_index.index.unwritable import (
    FULL,
    discard_unless_index,
    drop_unfinished,
    no_room_here,
    refuse,
    temporary_folder,
)
from search_index.index.workers import WorkersUnavailable
from search_index.ingest.formats import fields as field_names
from search_index.ingest.reading import FileInfo, Skipped, discover, format_of, skip_reasons
from search_index.reference.gazetteer import load_gazetteer

Progress = Callable[[int, int, str], None]  # (files done, files in all, file being read)
Phase = Callable[[str, int], None]  # (phase, how many): ("reading", files), then articles: see PHASES
PHASES = ("reading", "segmenting", "writing", "rows")  # what a build waits through, in order ("rows": the engine)
UNWRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.ENOTDIR, errno.EEXIST}

try:  # POSIX advisory locks; elsewhere two processes rely on Whoosh's own writer lock
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class Incomplete(Exception):
    """A parallel write lost documents (a sub-process died without an error)."""


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


EXPORTS = ("jsonl", "json", "csv", "tsv")  # formats whose files hold many records


def default_base() -> Path:
    """Base folder of all indexes: GXQ_INDEX_DIR or the per-user cache directory."""
    env = os.environ.get("GXQ_INDEX_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_cache_dir("gxq-tui")) / "indexes"


def index_folder(corpus: Path, base: Path | None = None) -> Path:
    """The folder that holds the index of ``corpus``."""
    real = Path(corpus).resolve()
    digest = hashlib.sha1(str(real).encode()).hexdigest()[:12]
    slug = "".join(ch if ch.isalnum() else "-" for ch in real.name)[:40] or "corpus"
    return (base or default_base()) / f"{slug}-{digest}"


class IndexStore:
    """The index of one corpus folder."""

    def __init__(self, corpus: Path, base: Path | None = None, follow_links: bool = False):
        self.corpus = Path(corpus)
        self.follow_links = follow_links
        self.folder = index_folder(self.corpus, base)
        self.whoosh_dir = self.folder / "whoosh"
        self.state_path = self.folder / "state.json"
        self.temporary = False
        self._folders: dict[str, int] | None = None  # folder mtimes taken before this sync listed the corpus
        self._phase: Phase = _no_phase  # who hears the phases of the sync under way

    # -- state --------------------------------------------------------------------------
    def _load_state(self) -> dict:
        """The state file when it has the shape this code writes, else {} (a rebuild)."""
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return state if valid_state(state) else {}

    def _save_state(self, state: dict) -> None:
        if self._folders is not None:
            state["folders"] = self._folders
        tmp = self.state_path.with_suffix(f".{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
        with open(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(state, ensure_ascii=False, indent=0))
        os.replace(tmp, self.state_path)

    def _wanted_header(self) -> dict:
        return {
            "format": FORMAT,
            "gazetteer": load_gazetteer().fingerprint(),
            "segmenter": segmenter_id(),
            "corpus": str(self.corpus.resolve()),
            "fields": field_names.fingerprint(),
        }

    def rebuild_reason(self, state: dict) -> str:
        """Why the existing index cannot be reused ('' when it can)."""
        if not state and self.state_path.exists():
            return "state file unreadable or of the wrong shape"
        if not state or not self.whoosh_dir.is_dir():
            return "new index"
        wanted = self._wanted_header()
        if state.get("format") != wanted["format"]:
            return "index format changed"
        if state.get("gazetteer") != wanted["gazetteer"]:
            return "gazetteer changed"
        if state.get("segmenter") != wanted["segmenter"]:
            return "segmenter changed"
        if state.get("fields", "") != wanted["fields"]:
            return "field mapping changed"
        try:
            windex.open_dir(str(self.whoosh_dir)).doc_count()
        except Exception as exc:
            return f"index unreadable ({type(exc).__name__}), rebuilding"
        return ""

    def real_path(self, rel: str) -> Path:
        """The file a source name stands for: for a name shown with U+FFFD, the path with the
        bytes the file system has (kept in the state file)."""
        raw = self._load_state().get("files", {}).get(rel, {}).get("raw_path") if "\ufffd" in rel else None
        return Path(os.fsdecode(bytes.fromhex(raw))) if isinstance(raw, str) else self.corpus / rel

    def build_id(self) -> str:
        """Names the full build the index descends from (updates keep it; a rebuild changes it)."""
        return str(self._load_state().get("build", ""))

    def usable(self) -> bool:
        """True when an index exists that can be opened as it is (no rebuild needed)."""
        return not self.rebuild_reason(self._load_state())

    def open(self):
        """Open the Whoosh index for reading."""
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
        when nothing changed; "none" uses a usable index without looking at the corpus.
        ``phase`` hears each phase of a build or update as it starts (see ``PHASES``)."""
        started = time.perf_counter()
        self._phase = phase or _no_phase
        report = None if rebuild or check == "full" else self._as_recorded(check)
        if report is not None:
            report.seconds = time.perf_counter() - started
            return report
        self._folders = folder_mtimes(self.corpus)  # before listing: a file written meanwhile is a change next time
        files, skipped = discover(self.corpus, self.follow_links)
        report = SyncReport(files=len(files), skipped=list(skipped))
        for s in skipped:
            _say(warn, s.message())
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
            with private_files(), self._sync_lock(warn):
                remove_leftovers(self.folder, warn)
                if not rebuild and no_room_here(self.folder) and self.rebuild_reason(self._load_state()):
                    refuse(self.folder)  # an earlier run's temporary index is used, not built again
                try:
                    self._sync_here(files, report, rebuild, progress, warn, cancel)
                except (Incomplete, WorkersUnavailable) as exc:  # a lost sub-process: again, in-process
                    _say(warn, f"warning: {exc}; indexing again in one process")
                    report = start_over(str(exc), procs=1)
        except OSError as exc:
            kept = self._as_it_was(exc, files, rebuild, warn)
            if kept is None and (exc.errno not in UNWRITABLE or self.temporary):
                raise IndexError_(f"cannot write the index in {self.folder}: {exc.strerror or exc}") from exc
            report = kept or self._elsewhere(exc, rebuild, start_over, warn)
        tighten(self.folder)
        report.seconds = time.perf_counter() - started
        _tally_formats(report, files, lambda: self._load_state().get("files", {}))
        return report

    def _as_recorded(self, check: str) -> SyncReport | None:
        """A report of the index as recorded when it is usable and (unless ``check`` is
        "none") the quick check finds the corpus unchanged; None when a full sync is due."""
        state = self._load_state()
        if self.rebuild_reason(state) or (check != "none" and not unchanged(self.corpus, state)):
            return None
        files = state.get("files", {})
        articles = sum(entry.get("articles", 0) for entry in files.values())
        return SyncReport(files=len(files), articles=articles)

    def _sync_here(self, files, report: SyncReport, rebuild: bool, progress, warn, cancel, procs: int = 0) -> None:
        state = self._load_state()
        reason = "rebuild requested" if rebuild else self.rebuild_reason(state)
        if reason:
            self._rebuild(files, report, progress, warn, cancel, procs)
            report.rebuilt, report.reason = True, reason
        else:
            self._update(files, state, report, progress, warn, cancel)
            if state.get("folders") != self._folders:  # nothing to index, but folders changed
                self._save_state(self._load_state())

    def _read_only_and_current(self, files: list[FileInfo]) -> bool:
        """True when the index folder cannot be written but holds a usable index of exactly
        these files: it is then used as it is, read-only."""
        if not self.folder.is_dir() or os.access(self.folder, os.W_OK):
            return False
        state = self._load_state()
        if self.rebuild_reason(state):
            return False
        known = state.get("files", {})
        return set(known) == {f.rel for f in files} and all(_unchanged(known[f.rel], f) for f in files)

    def _held(self, files: list[FileInfo]) -> int:
        known = self._load_state().get("files", {})
        return sum(known[f.rel].get("articles", 0) for f in files if f.rel in known)

    def _as_it_was(self, exc: OSError, files: list[FileInfo], rebuild: bool, warn) -> SyncReport | None:
        """After a full disk stopped an update: the index as it was (None when there is none
        or a rebuild was asked for), without what the stopped writer left."""
        if exc.errno not in FULL or rebuild or self.rebuild_reason(self._load_state()):
            return None
        drop_unfinished(self.whoosh_dir)
        _say(warn, f"warning: cannot update the index in {self.folder} ({exc.strerror}); searching it as it was")
        report = self._as_recorded("none") or SyncReport()
        report.files, report.stale, report.reason = len(files), True, f"not updated ({exc.strerror})"
        return report

    def _elsewhere(self, exc: OSError, rebuild: bool, start_over, warn) -> SyncReport:
        """Index in this user's temporary folder for this run; when that cannot be written
        either, one line, and no unfinished index left there."""
        cache = self.folder
        self._fall_back(exc, warn)
        try:
            return start_over(f"temporary index ({exc.strerror})", rebuild=rebuild)
        except OSError as again:
            kept = self._as_it_was(again, [], rebuild, warn)
            if kept is not None:
                return kept
            discard_unless_index(self.folder)
            raise IndexError_(
                f"cannot write the index in {cache} ({exc.strerror}) nor in {self.folder} ({again.strerror or again});"
                " free some space or choose another folder with --index-dir"
            ) from again

    def _fall_back(self, exc: OSError, warn) -> None:
        """Move this store to a folder of this user's in the system's temp directory for this
        run: the same folder on every run (reused, not multiplied), owner-only."""
        tmp = temporary_folder(self.folder.name)
        with private_files():
            tmp.parent.mkdir(parents=True, exist_ok=True)
            if _ours_and_private(tmp.parent):  # not a link or a folder someone else made
                tmp.mkdir(exist_ok=True)
        if not _ours_and_private(tmp.parent):
            raise IndexError_(
                f"cannot write the index in {self.folder} ({exc.strerror}), and {tmp.parent} is not private"
            )
        _say(warn, f"warning: cannot write the index cache {self.folder} ({exc.strerror}); using {tmp} for this run")
        self.folder, self.temporary = tmp, True
        self.whoosh_dir = tmp / "whoosh"
        self.state_path = tmp / "state.json"

    @contextlib.contextmanager
    def _sync_lock(self, warn) -> Iterator[None]:
        """Hold ``sync.lock`` in the index folder; wait (saying so) if another process has it."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(self.folder, PRIVATE_DIR)  # a folder made by an older version: close it
        if fcntl is None:
            yield
            return
        with open(self.folder / "sync.lock", "a+b") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                _say(warn, f"waiting for another gxq-tui that is indexing this corpus ({self.folder})…")
                fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _rebuild(self, files: list[FileInfo], report: SyncReport, progress, warn, cancel=None, procs=0) -> None:
        fresh = self.folder / f"whoosh.building-{os.getpid()}"
        shutil.rmtree(fresh, ignore_errors=True)
        state = {**self._wanted_header(), "build": uuid.uuid4().hex, "files": {}}
        procs = procs or writer_procs(files)
        writer = None
        try:
            fresh.mkdir(parents=True)
            writer = open_writer(windex.create_in(str(fresh), build_schema()), procs)
            self._index_files(writer, files, state["files"], report, progress, warn, cancel, procs)
            self._commit(writer, report.articles)
        except BaseException:
            if writer is not None:
                abandon(writer)
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        if procs > 1:
            _check_complete(windex.open_dir(str(fresh)), report, fresh)
        old = self.folder / f"whoosh.old-{os.getpid()}"
        if self.whoosh_dir.exists():
            os.replace(self.whoosh_dir, old)
        os.replace(fresh, self.whoosh_dir)
        shutil.rmtree(old, ignore_errors=True)
        self._save_state(state)

    def _update(self, files: list[FileInfo], state: dict, report: SyncReport, progress, warn, cancel=None) -> None:
        known: dict = state.get("files", {})
        current = {f.rel for f in files}
        changed = [f for f in files if not _unchanged(known.get(f.rel), f)]
        removed = [rel for rel in known if rel not in current]
        report.articles = sum(v.get("articles", 0) for k, v in known.items() if k in current)
        if not changed and not removed:
            return
        ix = self.open()
        procs = writer_procs(changed)
        try:
            writer = open_writer(ix, procs)
        except LockError as exc:
            raise IndexError_(f"index is locked by another process: {self.whoosh_dir}") from exc
        try:
            for rel in removed:
                writer.delete_by_term("source", rel)
                known.pop(rel, None)
            for f in changed:
                report.articles -= known.get(f.rel, {}).get("articles", 0)
                writer.delete_by_term("source", f.rel)
            self._index_files(writer, changed, known, report, progress, warn, cancel, procs)
            self._commit(writer, report.articles)
        except BaseException:
            abandon(writer)
            raise
        if procs > 1:
            _check_complete(self.open(), report)
        report.removed = len(removed)
        state["files"] = known
        self._save_state(state)

    def _commit(self, writer, articles: int) -> None:
        """Commit, naming the phases: "segmenting" while the writers finish the articles handed
        to them (sub-process writers also write their own segments then), "writing" once this
        process writes or closes its segment (announced as Whoosh's step for it starts)."""
        self._phase("segmenting", articles)
        said: list[bool] = []  # "writing" is said once: _finalize_segment calls _close_segment
        for step in ("_finalize_segment", "_close_segment"):  # one of them runs, after the writers are done
            setattr(writer, step, self._announcing(getattr(writer, step), articles, said))
        writer.commit()

    def _announcing(self, step: Callable, articles: int, said: list[bool]) -> Callable:
        """``step``, saying "writing" first unless it was said."""

        def announced(*args, **kwargs):
            if not said:
                said.append(True)
                self._phase("writing", articles)
            return step(*args, **kwargs)

        return announced

    def _index_files(self, writer, files, table: dict, report: SyncReport, progress, warn, cancel=None, procs=1):
        total = len(files)
        self._phase("reading", total)
        stream = prepared(files, preparing_procs(files, procs))
        try:
            for done, (info, (src, docs)) in enumerate(stream):
                if cancel is not None and cancel.is_set():
                    raise Cancelled("indexing stopped; the index keeps its last complete state")
                if progress:
                    progress(done, total, info.rel)
                self._add_file(writer, info, src, docs, table, report, warn)
        finally:
            stream.close()  # stops the preparing processes
        if progress:
            progress(total, total, "")

    def _add_file(self, writer, info: FileInfo, src, docs: list[dict], table: dict, report: SyncReport, warn) -> None:
        """Hand one prepared file's documents to the writer and record it in the state."""
        entry: dict = {"size": info.size, "mtime_ns": info.mtime_ns}
        raw = os.fsencode(str(info.path))
        if raw.decode("utf-8", "replace").encode("utf-8") != raw:  # a name that is not UTF-8: keep its bytes
            entry["raw_path"] = raw.hex()
        report.read += 1
        if isinstance(src, Skipped):
            report.skipped.append(src)
            _say(warn, src.message())
            table[info.rel] = {**entry, "articles": 0, "skipped": src.reason}
            return
        count = 0
        for doc in docs:  # a list, or a big export's documents read as they are written
            writer.add_document(**doc)
            count += 1
        report.articles += count
        for note in src.warnings:
            _say(warn, note)
        report.warnings += bool(src.warnings)
        table[info.rel] = {**entry, "sha1": src.sha1, "articles": count}


def _tally_formats(report: SyncReport, files: list[FileInfo], recorded: Callable[[], dict]) -> None:
    """Files by format, and the records (articles) of the export formats; the state file is
    read again only when there are exports to count."""
    table: dict | None = None
    for f in files:
        fmt = format_of(f.rel)
        report.formats[fmt] = report.formats.get(fmt, 0) + 1
        if fmt in EXPORTS:
            table = recorded() if table is None else table
            report.records[fmt] = report.records.get(fmt, 0) + table.get(f.rel, {}).get("articles", 0)


def _check_complete(ix, report: SyncReport, scratch: Path | None = None) -> None:
    """Raise Incomplete (removing ``scratch``) unless the index holds every article."""
    held = ix.doc_count()
    if held != report.articles:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
        raise Incomplete(f"parallel indexing lost articles ({held} of {report.articles} written)")


PRIVATE_FILE, PRIVATE_DIR = 0o600, 0o700
LEFTOVER = re.compile(r"(?:whoosh\.building-|whoosh\.old-|.*\.)(\d+)(?:\.tmp)?$")


@contextlib.contextmanager
def private_files() -> Iterator[None]:
    """Create files owner-only (0600, folders 0700) whatever the umask, in this process and
    in the processes it starts meanwhile (they inherit the umask)."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def tighten(folder: Path) -> None:
    """Make files of an index folder 0600 where a library chose another mode (Whoosh makes
    its lock file executable)."""
    for place in (folder, folder / "whoosh"):
        with contextlib.suppress(OSError):
            for entry in os.scandir(place):
                if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mode & 0o177:
                    os.chmod(entry.path, PRIVATE_FILE)


def _ours_and_private(folder: Path) -> bool:
    st = folder.lstat()
    mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    return mine and stat.S_ISDIR(st.st_mode) and not st.st_mode & 0o077


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def remove_leftovers(folder: Path, warn=None) -> int:
    """Remove what killed runs left in an index folder: ``whoosh.building-PID`` and
    ``whoosh.old-PID`` folders and ``*.PID.tmp`` files (also in ``whoosh/``) whose process is
    gone. Called under the sync lock; returns how many were removed."""
    gone = 0
    for place in (folder, folder / "whoosh"):
        with contextlib.suppress(OSError):
            for entry in os.scandir(place):
                m = LEFTOVER.match(entry.name)
                is_tmp = entry.name.endswith(".tmp")
                if not m or (place != folder and not is_tmp) or (not is_tmp and "whoosh." not in entry.name):
                    continue
                if _alive(int(m.group(1))):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    Path(entry.path).unlink(missing_ok=True)
                gone += 1
    if gone:
        _say(warn, f"removed {gone} leftovers of interrupted runs from {folder}")
    return gone


def valid_state(state) -> bool:
    """True when a loaded ``state.json`` has the shape this code writes (a table of files,
    each with a size and mtime)."""
    if not isinstance(state, dict) or not isinstance(state.get("files", {}), dict):
        return False
    numbers = ("size", "mtime_ns")
    return all(
        isinstance(v, dict)
        and all(isinstance(v.get(k), int) for k in numbers)
        and isinstance(v.get("articles", 0), int)
        for v in state.get("files", {}).values()
    )


def _unchanged(entry: dict | None, info: FileInfo) -> bool:
    return entry is not None and entry.get("size") == info.size and entry.get("mtime_ns") == info.mtime_ns


def _no_phase(name: str, count: int) -> None:
    """No one listens to the phases."""


def _say(warn, message: str) -> None:
    if warn:
        warn(message)
