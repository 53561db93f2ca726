"""Atomic file writes (a reader never sees a half-written file) and the output folder of a build."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from netviz.errors import NetvizError


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    An interruption leaves either the old file or the new one, never a mix.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> atomic_write_bytes(p, b"hi").read_bytes()
    b'hi'
    """
    path = Path(path)
    if path.is_dir():
        raise NetvizError(f"{path}: is a folder; give a file name, e.g. {path / 'page.html'}")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 (``\\n`` line ends) atomically; see :func:`atomic_write_bytes`."""
    return atomic_write_bytes(path, text.encode("utf-8"))


# --- the output folder of a build ---------------------------------------------

#: in every folder netviz built: the files of the last build (JSON); its presence
#: means the folder is netviz's to overwrite
MARKER = ".netviz-site"
LOCK = ".netviz-lock"
CACHE = ".cache"
_STAGING = ".netviz-staging-"


#: what :func:`atomic_write_bytes` names its temporary files (mkstemp adds 8 characters)
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def _is_leftover(name: str) -> bool:
    """A temporary file or staging folder an interrupted run left behind."""
    return name.startswith(_STAGING) or bool(_TEMPORARY.fullmatch(name))


class OutputFolder:
    """An output folder claimed for one build: ``with OutputFolder(out) as site: ...``.

    - ``out`` may be new, empty, or a folder netviz built before (it holds
      :data:`MARKER`); anything else is refused unless ``force`` is set.
    - A lock keeps a second build out while this one runs.
    - Pages are written into :attr:`staging` and moved into place by
      :meth:`publish`; files the previous build wrote and this one did not are
      removed. Without :meth:`publish` (a failed build) the folder is left as it
      was: a folder this run created is removed, and so is a cache it started.
    - Temporary files of an interrupted run are removed on entry.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "site"
    >>> with OutputFolder(out) as site:
    ...     _ = (site.staging / "index.html").write_text("hi")
    ...     _ = site.publish()
    >>> sorted(p.name for p in out.iterdir())
    ['.netviz-site', 'index.html']
    """

    def __init__(self, path: Path | str, *, force: bool = False) -> None:
        self.path = Path(path)
        self.force = force
        self.staging = self.path / f"{_STAGING}{os.getpid()}"
        self._created = False
        self._had_cache = False
        self._lock_fd: int | None = None
        self._published = False

    @property
    def cache(self) -> Path:
        """The extraction cache kept in the folder."""
        return self.path / CACHE

    def __enter__(self) -> OutputFolder:
        out = self.path
        if out.exists() and not out.is_dir():
            raise NetvizError(f"{out}: is a file; choose an output folder with --out DIR")
        try:
            self._created = not out.exists()
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise NetvizError(f"{out}: cannot create the output folder ({exc.strerror}); choose another --out") from None
        try:
            self._lock()
            foreign = sorted(p.name for p in out.iterdir() if p.name not in (MARKER, LOCK, CACHE) and not _is_leftover(p.name))
            if foreign and not (out / MARKER).is_file() and not self.force:
                shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
                raise NetvizError(f"{out}: holds files netviz did not write ({shown}); choose a new or empty folder, "
                                  "or pass --force to write into it (files with the names of netviz's pages are replaced)")
            self._had_cache = self.cache.exists()
            self._clean_leftovers()
            self.staging.mkdir()
        except BaseException:
            self._release(failed=True)
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self._release(failed=not self._published)

    def _lock(self) -> None:
        path = self.path / LOCK
        busy = NetvizError(f"{self.path}: another netviz build is writing into this folder; "
                           "wait for it to finish or choose another --out")
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                import fcntl
            except ImportError:  # Windows has no flock: there two builds are not kept apart
                self._lock_fd = fd
                return
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                raise busy from None
            # the holder before us may have removed the file after we opened it: lock the current one
            try:
                if os.fstat(fd).st_ino == os.stat(path).st_ino:
                    self._lock_fd = fd
                    return
            except FileNotFoundError:
                pass
            os.close(fd)

    def _clean_leftovers(self) -> None:
        for folder in (self.path, self.path / "diff"):
            if folder.is_dir():
                for p in folder.iterdir():
                    if _is_leftover(p.name):
                        shutil.rmtree(p) if p.is_dir() else p.unlink()

    def _release(self, failed: bool) -> None:
        if self._lock_fd is None:  # another build holds the folder: touch nothing
            return
        shutil.rmtree(self.staging, ignore_errors=True)
        if failed and self._created:
            shutil.rmtree(self.path, ignore_errors=True)
        elif failed and not self._had_cache:
            shutil.rmtree(self.cache, ignore_errors=True)
        try:
            os.unlink(self.path / LOCK)
        except FileNotFoundError:
            pass
        os.close(self._lock_fd)
        self._lock_fd = None

    def publish(self) -> list[Path]:
        """Move the staged files into the folder, remove the previous build's other files, and mark it.

        Returns the files written, relative to the folder, sorted.
        """
        written = sorted(p.relative_to(self.staging) for p in self.staging.rglob("*") if p.is_file())
        marker = self.path / MARKER
        try:
            before = json.loads(marker.read_text(encoding="utf-8")).get("files", [])
        except (OSError, ValueError, AttributeError):
            before = []
        for rel in written:
            (self.path / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.staging / rel, self.path / rel)
        keep = {str(rel.as_posix()) for rel in written}
        for name in before:
            stale = self.path / name
            # only what netviz wrote: a plain relative path to a file inside the folder
            if isinstance(name, str) and name not in keep and ".." not in Path(name).parts and stale.is_file():
                stale.unlink()
        atomic_write_text(marker, json.dumps({"written by": "netviz", "files": sorted(keep)}, indent=1) + "\n")
        self._published = True
        return written
