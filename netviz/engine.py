"""Extraction at scale: worker processes, a cache of finished articles, and Dask.

Extraction is a map over articles: each article's relations depend only on
the article, the codebook and the cue lexicon. :func:`extract_corpus` runs
that map

- in this process (``jobs=1``),
- on a pool of worker processes on this machine (``jobs=N``; the default is
  every core), fed chunks of articles, at most a few chunks ahead of the
  results, so a lazily generated corpus is never held in memory at once,
- or on a Dask cluster (``engine="dask"``), which needs ``pip install
  'netviz[dask]'``,

and always returns the relations in the order of the serial run (article
order, then text order), whatever the engine, the number of jobs or the
chunking.

With a ``cache_dir``, every extracted article is stored as one JSON file
keyed by the article's content and by the version of everything that decides
its relations (netviz's version, the extractor's and matcher's source, the
codebook and the cue files as loaded). A later run re-extracts only the
articles that are new or changed, or all of them after the codebook, the
cues or netviz changed. The folder is safe to delete; a damaged entry is
ignored and rewritten.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Protocol

import netviz
from netviz import extract as _extract_module
from netviz import model as _model_module
from netviz.errors import NetvizError
from netviz.extract import Cues, extract_articles, load_cues
from netviz.ingest import actors as _actors_module
from netviz.ingest.actors import Codebook
from netviz.io import atomic_write_text
from netviz.model import Article, Relation, relation_from_record, relation_record

#: The engines :func:`extract_corpus` accepts.
ENGINES = ("local", "dask")

#: The advice every "Dask is missing" error gives.
DASK_INSTALL = "pip install 'netviz[dask]'"

# Articles per task when the corpus size is unknown: a chunk of this size is
# about 0.2 s of extraction (bench_scale: ~165 articles per CPU-second), long
# enough to hide the cost of sending it and its relations between processes,
# short enough to keep every core busy to the end.
_CHUNK = 32
# Tasks in flight per worker: enough that a worker never waits for the next
# chunk, few enough that a streamed corpus is not read far ahead.
_AHEAD = 3
# fork shares the loaded dictionaries with the workers for free; macOS offers
# fork but its system libraries are not fork-safe (Python's own default there
# is spawn), so there and on Windows they are pickled once per worker.
_START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin" else "spawn"
# Backup tools skip folders holding this file (https://bford.info/cachedir/).
_CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# netviz extraction cache: safe to delete.\n"


@dataclass(frozen=True)
class ExtractionStats:
    """What one :func:`extract_corpus` run did.

    ``articles`` = ``extracted`` + ``cached``; ``sentences`` counts the
    sentences of the extracted articles only (what the extractor read), and
    ``seconds`` is the wall time of the whole run, cache reads and writes
    included.
    """

    articles: int
    extracted: int
    cached: int
    sentences: int
    seconds: float

    @property
    def articles_per_second(self) -> float:
        """Articles extracted per second of wall time (0 when nothing was extracted)."""
        return self.extracted / self.seconds if self.seconds and self.extracted else 0.0

    @property
    def sentences_per_second(self) -> float:
        """Sentences of extracted articles per second of wall time."""
        return self.sentences / self.seconds if self.seconds and self.sentences else 0.0


@dataclass(frozen=True)
class ExtractionRun:
    """The relations of a corpus, in article then text order, and how they were obtained."""

    relations: tuple[Relation, ...]
    stats: ExtractionStats


def default_jobs() -> int:
    """The number of worker processes used when ``jobs`` is not given: the cores this process may use.

    >>> default_jobs() >= 1
    True
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity masks
        return os.cpu_count() or 1


def extract_corpus(
    articles: Iterable[Article],
    codebook: Codebook,
    cues: Cues | None = None,
    *,
    jobs: int | None = None,
    cache_dir: Path | str | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> ExtractionRun:
    """Extract the relations of every article, in parallel and from the cache where possible.

    The result is the one :func:`netviz.extract.extract_relations` gives for
    the same articles (same relations, same order), whatever ``jobs``,
    ``engine`` or the state of the cache.

    Parameters
    ----------
    articles : the corpus, in the order the relations should come in; any
        iterable, read lazily (a generator of millions of articles is fine).
    codebook : the actor codebook (:func:`netviz.ingest.actors.load_codebook`).
    cues : the cue lexicon; the bundled one when ``None``.
    jobs : worker processes on this machine (default: every core); ``1`` runs
        in this process. With ``engine="dask"`` and no ``scheduler``: the
        number of workers of the local Dask cluster.
    cache_dir : a folder for the extraction cache (created if needed), or
        ``None`` for no cache. ``netviz build`` uses ``OUT/.cache``.
    engine : ``"local"`` (this machine) or ``"dask"``.
    scheduler : with ``engine="dask"``, the address of a running Dask
        scheduler (``tcp://host:8786``); without one a local Dask cluster is
        started for the run.

    Returns
    -------
    ExtractionRun
        ``relations`` and ``stats`` (articles, extracted, cached, sentences, seconds).

    Raises
    ------
    NetvizError
        For ``jobs`` below 1, an unknown engine, a scheduler without the Dask
        engine, Dask not installed, an unreachable scheduler, workers running
        another netviz, or a cache folder that cannot be written.

    Examples
    --------
    >>> from datetime import date
    >>> from netviz.ingest.actors import load_codebook
    >>> arts = [Article("a1", date(2017, 1, 8), "t", "wire", "Russia has backed the Syrian regime."),
    ...         Article("a2", date(2017, 1, 9), "t", "wire", "Turkey shot down a Russian jet. Rain fell.")]
    >>> run = extract_corpus(arts, load_codebook(), jobs=1)
    >>> [(r.a, r.b, r.sign) for r in run.relations]
    [('RUS', 'SYR', 1), ('TUR', 'RUS', -1)]
    >>> run.stats.articles, run.stats.extracted, run.stats.sentences
    (2, 2, 3)
    """
    started = time.perf_counter()
    jobs = _check_jobs(jobs)
    if engine not in ENGINES:
        raise NetvizError(f"engine {engine!r} is unknown; choose {' or '.join(ENGINES)}")
    if scheduler is not None and engine != "dask":
        raise NetvizError("a scheduler address needs the Dask engine; add --engine dask (or engine='dask')")
    if engine == "dask":
        _dask()  # fail before any work when Dask is missing
    cues = cues if cues is not None else load_cues()
    cache = _Cache(Path(cache_dir), dictionary_version(codebook, cues)) if cache_dir is not None else None
    chunk_size = _chunk_size(articles, jobs)

    # Entries are read here: parsing one costs about what sending its relations
    # from a worker would. Local workers write the entries of the articles they
    # extract; Dask workers may run where the folder is not, so theirs are written here.
    slots: list[tuple[Relation, ...] | None] = []  # per article, in input order
    tally = _Tally(slots, cache if engine == "dask" else None)
    batch: list[tuple[int, Article]] = []
    runner: _Runner | None = None
    try:
        for article in articles:
            entry = cache.get(article) if cache else None
            if entry is not None:
                slots.append(entry)
                tally.cached += 1
                continue
            batch.append((len(slots), article))
            slots.append(None)
            if len(batch) == chunk_size:
                runner = runner or _runner(engine, jobs, scheduler, codebook, cues, cache)
                tally.add(runner.submit(batch))
                batch = []
        if batch:
            runner = runner or _runner(engine, jobs, scheduler, codebook, cues, cache)
            tally.add(runner.submit(batch))
        if runner is not None:
            tally.add(runner.drain())
    finally:
        if runner is not None:
            runner.close()
    relations = tuple(rel for rels in slots for rel in rels or ())
    stats = ExtractionStats(len(slots), len(slots) - tally.cached, tally.cached, tally.sentences,
                            time.perf_counter() - started)
    return ExtractionRun(relations, stats)


def _check_jobs(jobs: int | None) -> int:
    if jobs is None:
        return default_jobs()
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise NetvizError(f"jobs must be a whole number of at least 1, not {jobs!r}; use --jobs 1 to run in this process")
    return jobs


def _chunk_size(articles: Iterable[Article], jobs: int) -> int:
    """Articles per task: a known corpus is cut into about ``4 x jobs`` chunks (so the
    cores stay evenly busy) of at most :data:`_CHUNK` articles."""
    if isinstance(articles, Sequence):
        return max(1, min(_CHUNK, len(articles) // (4 * jobs)))
    return _CHUNK


#: One extracted article: its relations and its number of sentences.
Result = tuple[tuple[Relation, ...], int]
#: Finished batches: the (slot, article) pairs sent and their results, in the same order.
Done = Iterable[tuple[list[tuple[int, Article]], list[Result]]]


class _Tally:
    """Puts finished batches in their slots (and in the cache, when this process writes it) and counts."""

    def __init__(self, slots: list, cache: _Cache | None) -> None:
        self.slots, self.cache = slots, cache
        self.cached = self.sentences = 0

    def add(self, done: Done) -> None:
        for batch, results in done:
            for (slot, article), (relations, sentences) in zip(batch, results):
                self.slots[slot] = relations
                self.sentences += sentences
                if self.cache is not None:
                    self.cache.put(article, relations)


# --- what a worker runs ------------------------------------------------------

_worker_state: tuple[Codebook, Cues, _Cache | None] | None = None


def _init_worker(codebook: Codebook, cues: Cues, cache: _Cache | None) -> None:
    """Keep the dictionaries (and the cache to write to) in the worker, so tasks carry only articles."""
    global _worker_state
    _worker_state = (codebook, cues, cache)


def _extract_batch(articles: Sequence[Article], codebook: Codebook, cues: Cues, cache: _Cache | None = None) -> list[Result]:
    """One task: each article's relations and sentences, written to ``cache`` if given."""
    out: list[Result] = []
    for article, (found, sentences) in zip(articles, extract_articles(articles, codebook, cues)):
        relations = tuple(found)
        if cache is not None:
            cache.put(article, relations)
        out.append((relations, sentences))
    return out


def _extract_in_worker(articles: Sequence[Article]) -> list[Result]:
    assert _worker_state is not None, "worker started without _init_worker"
    return _extract_batch(articles, *_worker_state)


def code_version() -> str:
    """netviz's version and a digest of the code that decides relations (extractor, matcher, model).

    Two processes with the same ``code_version`` extract the same relations
    from the same article, codebook and cues.

    >>> code_version().startswith(netviz.__version__ + "+")
    True
    """
    digest = hashlib.sha256()
    # Every module of the extract package decides relations, not only its __init__,
    # and so does the parser model (its files' recorded sha256).
    sources = sorted(Path(_extract_module.__file__).parent.glob("*.py"))
    sources.append(Path(_extract_module.__file__).with_name("model.sha256"))
    sources += [Path(_actors_module.__file__), Path(_model_module.__file__)]
    for source in sources:
        digest.update(source.read_bytes())
    return f"{netviz.__version__}+{digest.hexdigest()[:16]}"


# --- runners: where batches are extracted ------------------------------------


class _Runner(Protocol):
    def submit(self, batch: list) -> Done: ...
    def drain(self) -> Done: ...
    def close(self) -> None: ...


class _InProcess:
    """``jobs=1``: extract each batch at once, here."""

    def __init__(self, codebook: Codebook, cues: Cues, cache: _Cache | None) -> None:
        self._state = (codebook, cues, cache)

    def submit(self, batch: list[tuple[int, Article]]) -> Done:
        return [(batch, _extract_batch([a for _, a in batch], *self._state))]

    def drain(self) -> Done:
        return []

    def close(self) -> None:
        pass


class _Windowed:
    """Keeps at most ``window`` batches in flight and hands their results back in submission order.

    ``start`` sends a list of articles off and returns a future (``concurrent.futures``
    or Dask: both have ``result()``).
    """

    def __init__(self, window: int, start: Callable[[list[Article]], Any]) -> None:
        self._window = window
        self._start = start
        self._inflight: deque[tuple[list[tuple[int, Article]], Any]] = deque()

    def submit(self, batch: list[tuple[int, Article]]) -> Done:
        self._inflight.append((batch, self._start([a for _, a in batch])))
        done = []
        while len(self._inflight) >= self._window:
            batch, future = self._inflight.popleft()
            done.append((batch, future.result()))
        return done

    def drain(self) -> Done:
        while self._inflight:
            batch, future = self._inflight.popleft()
            yield batch, future.result()


class _Pool(_Windowed):
    """``jobs=N``: a pool of N worker processes on this machine."""

    def __init__(self, jobs: int, codebook: Codebook, cues: Cues, cache: _Cache | None) -> None:
        self._pool = ProcessPoolExecutor(
            jobs, mp_context=multiprocessing.get_context(_START_METHOD), initializer=_init_worker,
            initargs=(codebook, cues, cache),
        )
        super().__init__(_AHEAD * jobs, partial(self._pool.submit, _extract_in_worker))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class _Dask(_Windowed):
    """``engine="dask"``: tasks on a Dask cluster (the one at ``scheduler``, or a local one)."""

    def __init__(self, jobs: int, scheduler: str | None, codebook: Codebook, cues: Cues) -> None:
        distributed = _dask()
        self._cluster = None
        try:
            if scheduler is None:
                self._cluster = distributed.LocalCluster(
                    n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                )
                self._client = distributed.Client(self._cluster)
            else:
                self._client = distributed.Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            self._close_cluster()
            where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
            raise NetvizError(
                f"cannot reach {where} ({exc}); start it with `dask scheduler` and check the address "
                "(tcp://HOST:8786)"
            ) from None
        try:
            self._check_workers()
            threads = sum(self._client.nthreads().values()) or 1
            # sent once to every worker; tasks then carry only articles
            dictionaries = self._client.scatter([codebook, cues], broadcast=True, hash=False)
            super().__init__(_AHEAD * threads, lambda articles: self._client.submit(
                _extract_batch, articles, *dictionaries, pure=False))
        except BaseException:
            self.close()
            raise

    def _check_workers(self) -> None:
        """Every worker must run this netviz, or the same article would give other relations."""
        mine = code_version()
        try:
            versions = self._client.run(code_version)
        except Exception as exc:  # noqa: BLE001 - Dask re-raises a worker's ImportError as a bare Exception
            raise NetvizError(
                f"a Dask worker cannot run netviz's code_version ({exc}); install the same netviz on every worker"
            ) from None
        if not versions:
            raise NetvizError(
                "the Dask cluster has no workers; start some with `dask worker tcp://HOST:8786` on machines with netviz installed"
            )
        for worker, version in sorted(versions.items()):
            if version != mine:
                raise NetvizError(
                    f"Dask worker {worker} runs netviz {version}, this machine {mine}; "
                    "install the same netviz on every worker"
                )

    def close(self) -> None:
        self._client.close()
        self._close_cluster()

    def _close_cluster(self) -> None:
        if self._cluster is not None:
            self._cluster.close()


def _runner(engine: str, jobs: int, scheduler: str | None, codebook: Codebook, cues: Cues,
            cache: _Cache | None) -> _Runner:
    if engine == "dask":
        return _Dask(jobs, scheduler, codebook, cues)
    return _InProcess(codebook, cues, cache) if jobs == 1 else _Pool(jobs, codebook, cues, cache)


def _dask() -> Any:
    """``dask.distributed``, or a NetvizError telling how to install it."""
    try:
        import dask.distributed
    except ImportError:
        raise NetvizError(f"the Dask engine needs Dask, which is not installed: {DASK_INSTALL}") from None
    return dask.distributed


# --- the cache ----------------------------------------------------------------


def dictionary_version(codebook: Codebook, cues: Cues) -> str:
    """A digest of everything besides the article that decides its relations.

    That is :func:`code_version`, the codebook as loaded (every actor, alias,
    person and rule) and the contents of the cue files. It changes when any
    of them does, and only then.

    >>> from netviz.ingest.actors import load_codebook
    >>> v = dictionary_version(load_codebook(), load_cues())
    >>> v == dictionary_version(load_codebook(), load_cues()), len(v)
    (True, 64)
    """
    digest = hashlib.sha256(code_version().encode())
    # where each entry was read: only for error messages, and it holds paths as typed
    state = {k: v for k, v in vars(codebook).items() if k != "_sources"}
    digest.update(repr(_canonical(state)).encode())
    for path in cues.sources:
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            digest.update(f"unreadable:{path}".encode())
    return digest.hexdigest()


def _canonical(value: Any) -> Any:
    """``value`` as nested tuples whose ``repr`` is the same in every process
    (sets sorted, since string hashing differs from one process to the next)."""
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, re.Pattern):
        return ("re", value.pattern, value.flags)
    if dataclasses.is_dataclass(value):
        return (type(value).__name__, *(_canonical(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, Mapping):
        return ("map", *((_canonical(k), _canonical(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return ("set", *sorted((_canonical(v) for v in value), key=repr))
    if isinstance(value, (list, tuple)):
        return tuple(_canonical(v) for v in value)
    if hasattr(value, "__dict__"):
        return (type(value).__name__, _canonical(vars(value)))
    return repr(value)


class _Cache:
    """One JSON file per article id: the key it was extracted under and its relations.

    A file per article id, not per content, so editing an article replaces
    its entry instead of leaving the old one behind; the stored key (article
    content + dictionary version) tells whether the entry still holds.
    """

    def __init__(self, folder: Path, version: str) -> None:
        self.folder = folder
        self.version = version
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tag = folder / "CACHEDIR.TAG"
            if not tag.exists():
                atomic_write_text(tag, _CACHEDIR_TAG)
        except OSError as exc:
            raise NetvizError(
                f"{folder}: cannot write the extraction cache ({exc.strerror}); choose another --out or pass --no-cache"
            ) from None

    def _key(self, article: Article) -> str:
        """What the entry must have been extracted from: this article's content under this version."""
        content = json.dumps(
            [self.version, article.id, article.date.isoformat(), article.title, article.source, article.url,
             article.text],
        )
        return hashlib.sha256(content.encode()).hexdigest()

    def _path(self, article: Article) -> Path:
        name = hashlib.sha256(json.dumps(article.id).encode()).hexdigest()
        return self.folder / name[:2] / f"{name[2:32]}.json"

    def get(self, article: Article) -> tuple[Relation, ...] | None:
        """The cached relations, or None for a missing, stale or damaged entry."""
        try:
            entry = json.loads(self._path(article).read_bytes())
            if entry["key"] != self._key(article):
                return None
            return tuple(relation_from_record(rec) for rec in entry["relations"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            # missing, or damaged (truncated, edited, another format): extracted again and rewritten
            return None

    def put(self, article: Article, relations: Sequence[Relation]) -> None:
        path = self._path(article)
        entry = {"key": self._key(article), "article": article.id, "relations": [relation_record(r) for r in relations]}
        path.parent.mkdir(exist_ok=True)
        atomic_write_text(path, json.dumps(entry, separators=(",", ":")))
