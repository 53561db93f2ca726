"""The whole run, shared by the CLI and the Python API: inputs to snapshots to pages.

>>> import netviz
>>> b = netviz.build("data")                       # doctest: +SKIP
>>> G = b.snapshot("last")                         # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import networkx as nx

from netviz.engine import extract_corpus
from netviz.errors import NetvizError
from netviz.export import frames
from netviz.extract import load_cues
from netviz.graph.analysis import structural_balance
from netviz.graph.blocs import assign_steady_blocs
from netviz.graph.compare import SnapshotDiff, compare_dates, compare_snapshots
from netviz.graph.history import snapshot_mode
from netviz.graph.layout import (
    LAYOUT_FILE,
    place_snapshots,
    place_union,
    read_layout,
    union_graph,
    write_layout,
)
from netviz.graph.snapshots import Snapshots, build_snapshots
from netviz.graph.steps import Dated, dated_steps, graph_steps, union_input
from netviz.ingest.actors import Codebook, load_codebook
from netviz.ingest.corpus import parse_date, read_corpus
from netviz.ingest.curated import FILENAME as CURATED_FILE
from netviz.ingest.curated import Curated, CuratedUse, curated_use, load_curated
from netviz.ingest.events import (
    PERIODS,
    EventOptions,
    EventSummary,
    period_start,
    read_events,
)
from netviz.io import atomic_write_text
from netviz.model import Article, Relation
from netviz.site.diffmap import CHANGE_STYLES, step_diff
from netviz.site.evidence import DATA_DIR, dated_evidence_table, write_evidence_file
from netviz.site.pages import write_site_assets
from netviz.site.palette import COLOR_BY
from netviz.site.render import (
    IndexEntry,
    render_index,
    render_map,
    render_site_map,
    scope_text,
)
from netviz.site.sitedata import history_data, history_script, run_scale, step_changes
from netviz.site.timeline import render_site_timeline
from netviz.table import format_table


@dataclass(frozen=True)
class Step:
    """Where a run stands, for a progress bar: ``done`` of ``total`` items of ``stage``
    (``extraction``, ``events``, ``snapshots``, ``blocs``, ``pages``), and a ``note``
    worth showing once (``extracted 3 articles in 1.2 s, 97 from the cache``)."""

    stage: str
    done: int
    total: int
    note: str = ""

    def __str__(self) -> str:
        return self.note or f"{self.stage} {self.done}/{self.total}"


#: Receives a :class:`Step` as a run advances; the library never prints.
Progress = Callable[[Step], None]


def _reporter(progress: Progress | None) -> Callable[..., None]:
    """``say(stage, done, total, note="")`` that sends a :class:`Step` to ``progress`` (or nowhere)."""
    if progress is None:
        return lambda *args, **kwargs: None
    return lambda stage, done, total, note="": progress(Step(stage, done, total, note))


def _counted(items: Sequence, stage: str, say: Callable[..., None]) -> Iterator:
    """``items``, reporting how many have been handed on (extraction reads its input
    lazily, a chunk ahead of the workers: the count runs at most one chunk early)."""
    total = len(items)
    for done, item in enumerate(items):
        say(stage, done, total)
        yield item
    say(stage, total, total)


@dataclass(frozen=True)
class SnapshotOptions:
    """How snapshots are cut: cumulative (default), one date only, or a window of days."""

    per_date: bool = False
    window: int | None = None

    def describe(self) -> str:
        """How a user would say it: ``cumulative (all evidence up to each date)``."""
        if self.per_date:
            return "per date (each date's articles only)"
        if self.window:
            return f"a {self.window}-day window"
        return "cumulative (all evidence up to each date)"


@dataclass(frozen=True)
class Build:
    """Everything one run produced; ``snapshots`` maps each date to its graph, in order.

    ``snapshots`` is read-only and lazy (:class:`~netviz.graph.snapshots.Snapshots`):
    a date's graph is built when it is read; ``snapshots.history`` holds the
    dated changes and ``snapshots.blocs`` each date's blocs.
    """

    articles: tuple[Article, ...]
    relations: tuple[Relation, ...]
    curated: Curated
    codebook: Codebook
    options: SnapshotOptions
    snapshots: Mapping[date, nx.Graph] = field(repr=False)
    #: one summary per imported event file, and the warnings (bad rows) of all of them
    event_imports: tuple[EventSummary, ...] = ()
    warnings: tuple[str, ...] = ()
    #: what the curated relations and suppressions did (counts for the summary)
    curated_use: CuratedUse | None = None
    #: ``path: reason`` of each article file that could not be read and was left out
    left_out: tuple[str, ...] = ()

    @property
    def dates(self) -> list[date]:
        """The snapshot dates, oldest first."""
        return list(self.snapshots)

    def resolve_date(self, spec: str | date) -> date:
        """A snapshot date from ``first``, ``last`` or a date (``YYYY-MM-DD``) on or after the first.

        A date between snapshot dates means the state as of that date.
        """
        if not self.snapshots:
            raise NetvizError("there are no snapshots: no articles or events were loaded")
        valid = ", ".join(d.isoformat() for d in self.dates)
        if spec in ("first", "last"):
            return self.dates[0] if spec == "first" else self.dates[-1]
        try:
            day = spec if isinstance(spec, date) else parse_date(spec, "date")
        except NetvizError:
            raise NetvizError(f"date {spec!r} is not YYYY-MM-DD, 'first' or 'last'; snapshot dates: {valid}") from None
        if day < self.dates[0]:
            raise NetvizError(f"{day} is before the first article; choose 'first', 'last' or a date from {self.dates[0]} on (snapshot dates: {valid})")
        return day

    def relations_table(self, *, frame: bool | None = None):
        """Every relation of the run (extracted, imported, then curated): a pandas DataFrame, or
        records without pandas; see :func:`netviz.export.frames.relations_table`."""
        return frames.relations_table(self.relations + self.curated.relations, frame=frame)

    def ties_table(self, *, frame: bool | None = None):
        """One row per tie per snapshot date (the columns of ``edges.csv``), as a DataFrame or records."""
        return frames.ties_table(self.snapshots, frame=frame)

    def actors_table(self, *, frame: bool | None = None):
        """One row per actor per snapshot date (the columns of ``nodes.csv``), as a DataFrame or records."""
        return frames.actors_table(self.snapshots, frame=frame)

    def snapshot(self, spec: str | date) -> nx.Graph:
        """The snapshot for ``spec`` (see :meth:`resolve_date`), built on demand for an in-between date."""
        day = self.resolve_date(spec)
        if day in self.snapshots:
            return self.snapshots[day]
        return assign_steady_blocs(build_snapshots(
            self.relations,
            [day],
            curated=self.curated,
            codebook=self.codebook,
            per_date=self.options.per_date,
            window=self.options.window,
        ))[day]

    def compare(self, first: str | date, second: str | date, *, threshold: float | None = None) -> SnapshotDiff:
        """What changed between two dates (see :meth:`resolve_date`); between snapshot dates, read from the deltas."""
        a, b = self.resolve_date(first), self.resolve_date(second)
        if isinstance(self.snapshots, Snapshots) and a in self.snapshots and b in self.snapshots:
            return compare_dates(self.snapshots, a, b, threshold=threshold)
        return compare_snapshots(self.snapshot(a), self.snapshot(b), threshold=threshold)

    def layout(self, site: Path | str | None = None) -> dict[str, tuple[float, float]]:
        """The maps' positions over every date, as a build into the folder ``site`` draws them.

        A build keeps its positions in ``site/layout.json`` and anchors to them
        (:func:`write_site`); passing that folder gives a single map, a diff map
        or a GEXF the very positions of the site's pages. Without it, or
        without a saved layout there, the layout is computed afresh.
        """
        previous = read_layout(Path(site) / LAYOUT_FILE) if site is not None else None
        return dict(place_snapshots(self.snapshots, previous=previous).positions)


def find_articles_folder(data: Path) -> Path:
    """``DATA/articles`` if it exists, else ``DATA`` itself."""
    data = Path(data)
    if not data.exists():
        raise NetvizError(f"{data}: no such folder; pass --data DIR with your articles (or run from the netviz repository)")
    return data / "articles" if (data / "articles").is_dir() else data


def build(
    data: Path | str = "data",
    *,
    actors: Sequence[Path] = (),
    curated: Sequence[Path] = (),
    cues: Sequence[Path] = (),
    bundled_curated: bool = True,
    events: Sequence[Path] = (),
    period: str = "day",
    event_date: str = "event",
    event_options: EventOptions = EventOptions(),
    options: SnapshotOptions = SnapshotOptions(),
    progress: Progress | None = None,
    jobs: int | None = None,
    cache_dir: Path | str | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    strict: bool = False,
) -> Build:
    """Load articles under ``data``, extract relations, merge curated ones and build the snapshots.

    Parameters
    ----------
    data : a folder of articles, or a folder holding ``articles/``.
    actors, curated, cues : user files that extend the bundled codebook and cue lexicon, and add
        curated relations and suppressions.
    bundled_curated : read ``curated.yaml`` inside ``data`` if it is there: the curated set that
        belongs to that corpus (the bundled sample's is the Syria 2014-2019 starter set).
    events : GDELT or ICEWS event files whose relations join the extracted ones.
    period : ``day``, ``week`` or ``month``: event relations are placed on the
        first day of their period, so event data gives one snapshot per period.
    event_date : ``event`` (GDELT's SQLDATE, ICEWS's Event Date) or ``added``
        (the day GDELT added the report) places each event.
    event_options : GDELT's minimum mentions or sources, root events only,
        weighting by mentions, and the repeated-report rule (:class:`~netviz.ingest.events.EventOptions`).
    options : how snapshots are cut.
    progress : called with a :class:`Step` as each stage advances.
    jobs, cache_dir, engine, scheduler : how relations are extracted: worker
        processes (default: every core), a cache folder for finished articles
        (``netviz build`` uses ``OUT/.cache``), ``local`` or ``dask``, and the
        Dask scheduler's address; see :func:`netviz.engine.extract_corpus`.
    strict : an article file that cannot be read raises :class:`NetvizError`
        instead of being left out with a warning (see :attr:`Build.left_out`).
    """
    say = _reporter(progress)
    snapshot_mode(options.per_date, options.window)  # a bad window fails before a long extraction
    codebook = load_codebook(*map(Path, actors))
    cue_lexicon = load_cues(*map(Path, cues))
    if period not in PERIODS:
        raise NetvizError(f"period {period!r} is not one of {', '.join(PERIODS)}")
    # event files alone make a map too: then a missing article folder is no error
    only_events = events and not Path(data).exists()
    own = Path(data) / CURATED_FILE
    cur = load_curated(([own] if bundled_curated and own.is_file() else []) + [Path(p) for p in curated], codebook)
    corpus = None if only_events else read_corpus(find_articles_folder(Path(data)), strict=strict)
    articles = corpus.articles if corpus else ()
    left_out = corpus.left_out if corpus else ()
    run = extract_corpus(_counted(articles, "extraction", say), codebook, cue_lexicon, jobs=jobs,
                         cache_dir=cache_dir, engine=engine, scheduler=scheduler)
    extracted = run.stats.extracted
    say("extraction", len(articles), len(articles),
        f"extracted {extracted} article{'s' * (extracted != 1)} in {run.stats.seconds:.1f} s, "
        f"{run.stats.cached} from the cache")
    relations, removed = cur.suppress(run.relations)
    dates: dict[date, list[str]] = {}
    for art in articles:
        dates.setdefault(art.date, []).append(art.id)
    summaries, warnings = [], [f"{problem} (article left out)" for problem in left_out]
    for done, path in enumerate(events):
        say("events", done, len(events), f"importing events from {path}")
        imported = read_events(path, codebook, date_field=event_date, options=event_options)
        placed = [replace(r, date=period_start(r.date, period)) for r in imported.relations]
        kept, also_removed = cur.suppress(placed)
        relations += kept
        removed = tuple(map(sum, zip(removed, also_removed)))
        for rel in placed:
            dates.setdefault(rel.date, [])
        summaries.append(imported.summary)
        warnings += imported.warnings
    relations = tuple(relations)
    say("snapshots", 0, len(dates))
    snapshots = build_snapshots(
        relations, dates, curated=cur, codebook=codebook, per_date=options.per_date, window=options.window
    )
    say("snapshots", len(dates), len(dates))
    say("blocs", 0, len(snapshots))
    snapshots = assign_steady_blocs(snapshots)
    say("blocs", len(snapshots), len(snapshots))
    use = curated_use(cur, dates, removed)
    return Build(articles, relations, cur, codebook, options, snapshots, tuple(summaries),
                 tuple(warnings) + use.warnings, use, left_out)


def format_summary(result: Build) -> str:
    """The per-date summary table ``netviz build`` prints."""
    rows = []
    snaps = result.snapshots
    if isinstance(snaps, Snapshots):  # from the deltas: no graph is built
        history = snaps.history
        for i, (day, actors, ties, coop, conflict, mixed) in enumerate(history.counts()):
            rows.append([day.isoformat(), len(history.articles[i]), actors, ties, coop, conflict, mixed])
    else:
        for day, G in snaps.items():
            signs = [s for _, _, s in G.edges(data="sign")]
            rows.append([day.isoformat(), len(G.graph["articles"]), G.number_of_nodes(), G.number_of_edges(),
                         signs.count(1), signs.count(-1), signs.count(0)])
    table = format_table(["date", "articles", "actors", "ties", "coop", "conflict", "mixed"], rows)
    extracted = sum(r.origin == "extracted" for r in result.relations)
    imported = len(result.relations) - extracted
    events = f", {imported} imported from event files" if result.event_imports else ""
    use = result.curated_use
    curated = f"{len(result.curated.relations)} curated"
    if use is not None and use.relations:
        curated += f" ({use.applied} valid on a snapshot date)"
    details = "\n" + use.describe() if use is not None and use.describe() else ""
    n = len(result.left_out)
    left_out = f"; {n} unreadable article file{'s' * (n != 1)} left out" if n else ""
    where = [problem.split(": ", 1)[0] for problem in result.left_out]  # file (and line) of each
    named = (f"\n\nLeft out (see the warnings; --strict makes them errors): {', '.join(where[:10])}"
             + (f" and {n - 10} more" if n > 10 else "")) if n else ""
    return (
        f"{len(result.articles)} articles, {extracted} relations extracted{events}, "
        f"{curated}{left_out}; snapshots are {result.options.describe()}{details}\n\n{table}{named}"
    )


def output_folder(out: Path | str) -> Path:
    """``out`` as a folder that exists, created if needed; an error if a file stands there."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise NetvizError(f"{out}: is a file; choose an output folder with --out DIR")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NetvizError(f"{out}: cannot create the output folder ({exc.strerror}); choose another --out") from None
    return out


@dataclass(frozen=True)
class Site:
    """The pages one build wrote."""

    index: Path
    maps: dict[date, Path]
    #: the diff map from each date to the next, keyed by the later date
    diffs: dict[date, Path]
    timeline: Path


def write_site(result: Build, out: Path | str, *, color_by: str = "bloc", progress: Progress | None = None) -> Site:
    """Write the maps, the diff maps, the timeline and the index into ``out``.

    ``out/YYYY-MM-DD.html`` is the map of each snapshot, ``out/diff/A_B.html``
    the diff map from each date to the next, ``out/timeline.html`` every
    snapshot on one page and ``out/index.html`` links them all. The run is
    written once into ``out/data/``: ``history.js``, the dated changes of the
    map (:mod:`netviz.site.sitedata`), ``evidence.js``, every relation
    (:mod:`netviz.site.evidence`), and the pages' scripts and stylesheets.
    Every page loads them from disk and rebuilds its own date in the browser:
    a map carries only its date, a diff map the changes of its date, so the
    site costs the relations plus the changes, not dates x ties. Every actor
    stands in the same place on every page, and widths and sizes are scaled
    against the largest tie and actor of the whole run, so two maps can be
    compared by eye. ``out/layout.json`` keeps the positions: a later build
    into the same folder starts from them, so actors move little as articles
    are added (delete it for a fresh layout). Only files inside ``out`` are
    written.
    """
    say = _reporter(progress)
    out = output_folder(out)
    if color_by not in COLOR_BY:
        raise NetvizError(f"color_by is {color_by!r}; choose one of {', '.join(COLOR_BY)}")
    dated = dated_steps(result.snapshots)
    # anchored to the layout of the last build into this folder: a growing corpus moves actors little
    layout = place_union(union_graph(union_input(dated)), previous=read_layout(out / LAYOUT_FILE))
    pages = len(dated.steps) + 1  # the maps and diff maps of each date, and the timeline
    say("pages", 0, pages)
    write_evidence_file(dated_evidence_table(dated), out / DATA_DIR / "evidence.js")
    history = history_data(dated, layout.positions, codebook=result.codebook)
    atomic_write_text(out / DATA_DIR / "history.js", history_script(history))
    write_site_assets(out / DATA_DIR)
    maps: dict[date, Path] = {}
    diffs: dict[date, Path] = {}
    entries = []
    actors = ties = 0
    for step, (day_steps, changed) in enumerate(zip(dated.steps, history["steps"])):
        say("pages", step, pages)
        day = day_steps.day
        # the union of two dates holds what went away too
        gone_actors, gone_ties = len(changed["changes"]["disappeared"]), len(changed["changes"]["dissolved"])
        actors += len(changed["actors"]["add"]) - len(changed["actors"]["del"])
        ties += len(changed["ties"]["add"]) - len(changed["ties"]["del"])
        maps[day] = render_site_map(out / f"{day}.html", step=step, title="Alliance map", date=day.isoformat(),
                                    scope=scope_text(dated.mode, day.isoformat(), day_steps.articles),
                                    actors=actors, ties=ties, color_by=color_by)
        links = []
        if step:
            before = dated.steps[step - 1].day
            groups = step_changes(day_steps)
            counts = {kind: len(items) for kind, items in groups.items() if items}
            counts["unchanged"] = ties + gone_ties - sum(counts.values())
            scope = ", ".join(f"{counts[c]} {c}" for c in CHANGE_STYLES if counts.get(c)) or "no change"
            diffs[day] = render_site_map(out / "diff" / f"{before}_{day}.html", step=step, before=step - 1,
                                         changes=step_diff(groups), title="Changes", date=f"{before} → {day}",
                                         scope=scope, actors=actors + gone_actors, ties=ties + gone_ties,
                                         color_by=color_by, assets=f"../{DATA_DIR}")
            links.append((f"changes since {before}", f"diff/{diffs[day].name}"))
        entries.append(IndexEntry(day, maps[day].name, actors, ties, tuple(links)))
    say("pages", pages - 1, pages)
    timeline = render_site_timeline(out / "timeline.html")
    index = render_index(entries, out / "index.html", links=[("timeline: every date on one page", timeline.name)])
    write_layout(out / LAYOUT_FILE, layout)
    say("pages", pages, pages)
    return Site(index, maps, diffs, timeline)


def write_map(result: Build, spec: str | date, path: Path | str | None = None, *, color_by: str = "bloc") -> Path:
    """Write one self-contained map (its evidence inside, nothing beside it): one file to mail.

    ``path`` is the file, or a folder to write ``map-DATE.html`` into (default
    ``output/``; not ``DATE.html``, the name of the site's own page of that
    date, which needs the site's data beside it and would be replaced).
    Positions and scales are those of the whole run, so the map matches the
    site's.
    """
    day = result.resolve_date(spec)
    dated = dated_steps(result.snapshots)
    G = result.snapshot(day)
    path = Path("output") if path is None else Path(path)
    if path.is_dir() or path == Path("output"):
        path = path / f"map-{day}.html"
    if day in result.snapshots:  # the positions of the site beside it
        positions = result.layout(path.parent)
    else:  # a date between snapshot dates may hold an actor no snapshot has
        extra = graph_steps([G], blocs=False)
        union = union_input(Dated([*dated.steps, *extra.steps], {**dated.labels, **extra.labels}, {}, dated.mode))
        positions = place_union(union_graph(union)).positions
    contradictions = [t.actors for t in structural_balance(G).contradictions]
    scale = run_scale(dated)
    return render_map(G, path, positions=positions, color_by=color_by, contradictions=contradictions,
                      max_weight=scale.max_weight, max_strength=scale.max_strength)
