"""Reading dated articles: ``.txt`` and ``.md`` files with YAML front matter.

A file looks like::

    ---
    title: Russia and Turkey agree on Idlib
    date: 2018-09-17
    source: wire service
    url: https://example.org/idlib
    ---
    Article text ...

Front matter is optional except for ``date`` (YYYY-MM-DD). Without a title the
first line of the text stands in; the article id is the file stem. Other
front matter fields are free metadata, except a near miss of a known one
(``tilte``), which is an error. Files larger than :data:`MAX_ARTICLE_BYTES`
or holding NUL bytes are refused.

:func:`read_corpus` reads a whole collection and leaves out (with a message)
the files it cannot read; :func:`load_articles` stops at the first one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from netviz.errors import NetvizError
from netviz.ingest.yamlfile import LINE, check_fields, parse_yaml
from netviz.model import Article

SUFFIXES = (".txt", ".md")  # in any case: .TXT is an article too
#: article files larger than this are refused: a news article is 5-50 kB
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
FRONT_MATTER = {"title": "text", "date": "date", "source": "text", "url": "text"}
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def parse_date(value: object, where: str) -> date:
    """A ``date`` from a YAML value or a ``YYYY-MM-DD`` string; errors name ``where``.

    >>> parse_date("2017-01-08", "x")
    datetime.date(2017, 1, 8)
    """
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise NetvizError(f"{where}: {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2017-01-08")


def parse_article(text: str, path: Path, default_date: date | None = None) -> Article:
    """Parse one article file's content; ``path`` names the article in errors.

    >>> a = parse_article("---\\ndate: 2017-01-08\\ntitle: T\\n---\\nRussia backs Syria.", Path("a1.md"))
    >>> a.id, a.date, a.title, a.text
    ('a1', datetime.date(2017, 1, 8), 'T', 'Russia backs Syria.')
    """
    meta: dict = {}
    body = text
    match = _FRONT.match(text)
    if match:
        try:
            loaded = parse_yaml(match.group(1), path, first_line=2)
        except NetvizError as exc:
            raise NetvizError(f"{exc} (in the front matter: 'key: value' lines between two '---' lines)") from None
        if loaded is not None and not isinstance(loaded, dict):
            raise NetvizError(f"{path}: front matter must be 'key: value' lines, e.g. 'date: 2017-01-08'")
        check_fields(loaded or {}, FRONT_MATTER, path, "front matter", strict=False)
        meta = {k: v for k, v in (loaded or {}).items() if k != LINE}
        body = text[match.end():]
    elif text.lstrip("\ufeff").startswith("---"):
        raise NetvizError(f"{path}: front matter opened with '---' is never closed; add a '---' line after it")
    if "date" in meta:
        when = parse_date(meta["date"], f"{path}: front matter field 'date'")
    elif default_date is not None:
        when = default_date
    else:
        raise NetvizError(f"{path}: no date; add front matter with 'date: YYYY-MM-DD' at the top of the file")
    if not body.strip():
        raise NetvizError(f"{path}: the article has no text after its front matter; add the text or remove the file")
    first_line = body.strip().splitlines()[0].strip()
    url = meta.get("url")
    return Article(
        id=path.stem,
        date=when,
        title=str(meta.get("title") or first_line[:120]),
        source=str(meta.get("source") or "unknown"),
        text=body,
        url=str(url) if url else None,
        path=path,
    )


def read_article(path: Path, default_date: date | None = None) -> Article:
    """Read and parse one article file (UTF-8)."""
    try:
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            raise NetvizError(f"{path}: larger than {MAX_ARTICLE_BYTES // 2**20} MB, too large for one article; split it")
        raw = path.read_bytes()
    except OSError as exc:
        raise NetvizError(f"{path}: cannot read the file ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise NetvizError(f"{path}: line {line} is not UTF-8 text; re-save the file as UTF-8") from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise NetvizError(f"{path}: line {line} holds a NUL byte: a binary file, not text; pass the article as plain text")
    # Windows (\r\n) and old Mac (\r) line ends read like \n
    return parse_article(text.replace("\r\n", "\n").replace("\r", "\n"), path, default_date)


def article_files(paths: Iterable[Path]) -> list[Path]:
    """The article files named by ``paths`` (files, or folders searched recursively), sorted."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file() and not p.name.startswith("."))
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                raise NetvizError(f"{path}: not an article file; articles are .txt or .md files")
            files.append(path)
        else:
            raise NetvizError(f"{path}: no such file or folder; check the path")
    return sorted(set(files))


@dataclass(frozen=True)
class Corpus:
    """The articles of a collection, and the files left out because they could not be read."""

    articles: tuple[Article, ...]
    #: one ``path: reason`` message per file left out
    left_out: tuple[str, ...] = ()


def read_corpus(paths: Iterable[Path] | Path, default_date: date | None = None, *, strict: bool = False) -> Corpus:
    """Load every article under ``paths``, sorted by date then id, leaving out the unreadable ones.

    A file that cannot be read (bad front matter, no date, not UTF-8, ...) is
    left out and named in :attr:`Corpus.left_out`; with ``strict=True`` it
    raises :class:`NetvizError` instead; so does a second file with an id
    already taken (``a.md`` and ``sub/a.txt``). A missing path, a folder
    without articles and a folder where no article can be read always raise.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("---\\ndate: 2017-01-08\\n---\\nText a.")
    >>> _ = (d / "b.txt").write_text("---\\ntitle: no date\\n---\\nText b.")
    >>> c = read_corpus(d)
    >>> [a.id for a in c.articles], len(c.left_out)
    (['a'], 1)
    """
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    files = article_files(paths)
    if not files:
        raise NetvizError(f"{', '.join(map(str, paths))}: no .txt or .md articles found; point to a folder of articles")
    articles, left_out = [], []
    seen: dict[str, Path] = {}
    for f in files:
        try:
            art = read_article(f, default_date)
            if art.id in seen:
                raise NetvizError(f"{art.path}: article id {art.id!r} is also used by {seen[art.id]}; rename one file")
            seen[art.id] = art.path
            articles.append(art)
        except NetvizError as exc:
            if strict:
                raise
            left_out.append(str(exc))
    if not articles:  # nothing left to build from: the first problem is the error
        others = f" (and {len(left_out) - 1} more article files cannot be read)" if len(left_out) > 1 else ""
        raise NetvizError(f"{left_out[0]}{others}")
    return Corpus(tuple(sorted(articles, key=lambda a: (a.date, a.id))), tuple(left_out))


def load_articles(paths: Iterable[Path] | Path, default_date: date | None = None) -> list[Article]:
    """Load every article under ``paths``, sorted by date then id.

    Raises :class:`NetvizError` for a missing path, a folder without articles,
    two articles with the same id, or any bad file.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "b.md").write_text("---\\ndate: 2018-04-21\\n---\\nText b.")
    >>> _ = (d / "a.txt").write_text("---\\ndate: 2017-01-08\\n---\\nText a.")
    >>> [(a.id, a.date.isoformat()) for a in load_articles(d)]
    [('a', '2017-01-08'), ('b', '2018-04-21')]
    """
    return list(read_corpus(paths, default_date, strict=True).articles)
