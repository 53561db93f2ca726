"""Reading an event file: a one-file zip or a gzip file unpacked on the fly, its lines read one
by one with their numbers (memory does not grow with the file), and its format known from its
first line. What the rows mean is :mod:`netviz.ingest.events`'s part.
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from netviz.errors import NetvizError

#: The formats :func:`netviz.ingest.events.read_events` reads, by their ``kind`` name.
FORMATS = {"gdelt2": "GDELT 2.0 events", "gdelt1": "GDELT 1.0 events", "icews": "ICEWS coded events"}

_GDELT_COLUMNS = {61: "gdelt2", 58: "gdelt1", 57: "gdelt1"}


@contextmanager
def _open_binary(path: Path) -> Iterator[io.BufferedIOBase]:
    """``path`` opened for reading bytes, unpacking a one-file zip or a gzip file on the fly."""
    try:
        with open(path, "rb") as fh:
            magic = fh.read(4)
    except FileNotFoundError:
        raise NetvizError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise NetvizError(f"{path}: is a folder; pass the event files inside it") from None
    except OSError as exc:
        raise NetvizError(f"{path}: cannot read the file ({exc.strerror})") from None
    if magic.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                members = [m for m in archive.namelist() if not m.endswith("/")]
                if len(members) != 1:
                    raise NetvizError(f"{path}: a zip archive must hold exactly one event file, this one holds {len(members)}; unzip it and pass the files")
                try:
                    member = archive.open(members[0])
                except (NotImplementedError, RuntimeError) as exc:  # a compression zipfile lacks, a password
                    raise NetvizError(f"{path}: cannot unpack the zip archive ({exc}); unzip it with another tool and pass the file") from None
                with member, io.BufferedReader(member, 1 << 16) as fh:  # C readline: zipfile's is slow with a limit
                    yield fh
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise NetvizError(f"{path}: damaged zip archive ({exc}); download it again") from None
    elif magic.startswith(b"\x1f\x8b"):
        with gzip.open(path, "rb") as fh:
            yield fh
    else:
        with open(path, "rb") as fh:
            yield fh


#: a line longer than this (bytes) is not an event row: it is skipped unread (a GDELT row is ~1 kB)
MAX_LINE = 1024 * 1024
_DAMAGED = (OSError, EOFError, zipfile.BadZipFile, zlib.error)


def numbered_lines(path: Path) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line without its end)`` for every line, ``None`` for a line over
    :data:`MAX_LINE` (skipped without holding it in memory); compression errors become NetvizError."""
    with _open_binary(path) as fh:
        number = 0
        try:
            while line := fh.readline(MAX_LINE + 1):
                number += 1
                if len(line) > MAX_LINE:
                    yield number, None  # before skipping the rest: a caller may stop here
                    while line and not line.endswith(b"\n"):
                        line = fh.readline(MAX_LINE)
                else:
                    yield number, line.rstrip(b"\r\n")
        except _DAMAGED as exc:
            raise NetvizError(f"{path}: the compressed data is damaged near line {number + 1} ({exc}); download the file again") from None


def first_line(path: Path) -> tuple[int, str]:
    """The first non-blank line, after checking that the file is text."""
    with _open_binary(path) as fh:
        try:
            head = fh.read(8192)
        except _DAMAGED as exc:
            raise NetvizError(f"{path}: the compressed data is damaged ({exc}); download the file again") from None
    if b"\x00" in head:
        raise NetvizError(f"{path}: binary file, not a GDELT or ICEWS event export; pass the tab-separated text file")
    for number, line in numbered_lines(path):
        if line is None:
            raise NetvizError(f"{path}:{number}: a line longer than {MAX_LINE:,} bytes; not a GDELT or ICEWS event export")
        if line.strip():
            try:
                return number, line.decode("utf-8")
            except UnicodeDecodeError:
                raise NetvizError(f"{path}:{number}: not UTF-8 text; pass the GDELT or ICEWS export as downloaded") from None
    raise NetvizError(f"{path}: the file is empty; pass a GDELT or ICEWS event export")


def unquote(value: str) -> str:
    """A cell without the double quotes around it (Harvard Dataverse's ingested .tab files quote every text cell).

    >>> unquote('"Agence France-Presse"'), unquote("Reuters")
    ('Agence France-Presse', 'Reuters')
    """
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return value[1:-1].replace('""', '"')
    return value


def icews_header(line: str) -> list[str] | None:
    """The column names of an ICEWS header line, or ``None`` if ``line`` is not one."""
    # Spreadsheet programs save a byte order mark before the first name.
    names = [unquote(c).strip() for c in line.removeprefix("\ufeff").split("\t")]
    return names if {"Event Date", "CAMEO Code"} <= set(names) else None


def detect_format(path: Path | str) -> str:
    """The format of an event file, from its first line: ``gdelt2``, ``gdelt1`` or ``icews``.

    Raises
    ------
    NetvizError
        If the file is missing, empty, binary or fits none of the formats.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "events.tab"
    >>> _ = p.write_text("Event ID\\tEvent Date\\tCAMEO Code\\n")
    >>> detect_format(p)
    'icews'
    """
    path = Path(path)
    number, line = first_line(path)
    return format_of(path, number, line)


def format_of(path: Path, number: int, line: str) -> str:
    """The format whose first line is ``line`` (line ``number`` of ``path``, for the error)."""
    if icews_header(line):
        return "icews"
    columns = line.split("\t")
    if len(columns) in _GDELT_COLUMNS:
        return _GDELT_COLUMNS[len(columns)]
    if len(columns) == 1 and line.count(",") >= 10:
        raise NetvizError(f"{path}:{number}: comma-separated; netviz reads GDELT and ICEWS exports as published, tab-separated")
    raise NetvizError(
        f"{path}:{number}: unknown event format: {len(columns)} tab-separated columns; expected a GDELT 2.0 "
        "event export (61 columns; not a mentions or GKG file), a GDELT 1.0 export (57 or 58) or an ICEWS "
        "file with its header row"
    )

