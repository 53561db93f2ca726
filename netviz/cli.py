"""The ``netviz`` command: a thin typer layer over the library.

Each command parses options, calls library functions and prints. Bad input
surfaces as a :class:`~netviz.errors.NetvizError`, printed as one
``Error: ...`` line on stderr with exit code 1.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
import os
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from netviz import __version__, pipeline
from netviz import extract as extraction
from netviz.engine import extract_corpus
from netviz.errors import NetvizError
from netviz.export import FORMATS as EXPORT_FORMATS
from netviz.export import export_snapshots
from netviz.extract import evaluate as scoring
from netviz.graph.analysis import (
    analysis_record,
    analyze_snapshot,
    format_analysis_table,
)
from netviz.graph.compare import (
    DEFAULT_THRESHOLD,
    diff_record,
    format_diff_table,
)
from netviz.ingest import events as event_data
from netviz.ingest.actors import actor_record, load_codebook
from netviz.ingest.corpus import load_articles, read_article
from netviz.io import OutputFolder
from netviz.model import relation_record
from netviz.site.diffmap import render_diff_map
from netviz.site.timeline import render_timeline
from netviz.table import format_table

# click's UsageError, whether typer vendors click (0.2x) or depends on it
_UsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


def _usage_error(exc: Exception) -> typer.Exit:
    """A usage error as one ``Error:`` line (with where to find help) and exit code 1."""
    if type(exc).__name__ == "NoArgsIsHelpError":  # bare `netviz`: the help is the answer
        typer.echo(exc.ctx.get_help())
        return typer.Exit(0)
    message = " ".join(exc.format_message().split()).rstrip(".")
    where = f"; see '{exc.ctx.command_path} --help'" if exc.ctx else ""
    typer.echo(f"Error: {message}{where}", err=True)
    return typer.Exit(1)


class _Group(TyperGroup):
    """Turns library errors and usage errors into one line on stderr and exit code 1."""

    def make_context(self, *args, **kwargs):  # noqa: D102 - click hook
        try:
            return super().make_context(*args, **kwargs)
        except _UsageError as exc:
            raise _usage_error(exc) from None

    def invoke(self, ctx):  # noqa: D102 - click hook
        try:
            return super().invoke(ctx)
        except _UsageError as exc:
            raise _usage_error(exc) from None
        except NetvizError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:  # Ctrl-C: pages already written are whole (atomic writes)
            typer.echo("Error: interrupted", err=True)
            raise typer.Exit(130) from None
        except BrokenPipeError:  # `netviz ... | head` closed the pipe: stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except OSError as exc:  # disk full, permission denied while writing
            where = f"{exc.filename}: " if exc.filename else "cannot write the output: "
            typer.echo(f"Error: {where}{exc.strerror or exc}", err=True)
            raise typer.Exit(1) from None


# -h as well as --help, on every command and sub-command
HELP = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    cls=_Group,
    context_settings=HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # --install-completion / --show-completion for bash, zsh, fish and PowerShell
    add_completion=True,
    rich_markup_mode=None,  # plain click messages: usage errors stay short and greppable
)

def _version(value: bool) -> None:
    if value:
        typer.echo(f"netviz {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Alliance network maps from news articles: who cooperates with whom, who fights whom, and how that changes."""


# --- the input options every snapshot command shares -------------------------
Data = Annotated[Path, typer.Option("--data", metavar="DIR", help="Folder of articles, or a folder holding articles/.")]
Actors = Annotated[list[Path], typer.Option("--actors", metavar="FILE", help="Your codebook file, extending the bundled one (repeatable).")]
CuratedFiles = Annotated[list[Path], typer.Option("--curated", metavar="FILE", help="More curated relations and suppressions, beside DATA/curated.yaml (repeatable).")]
NoBundled = Annotated[bool, typer.Option("--no-data-curated", "--no-bundled-curated", help="Ignore DATA/curated.yaml, the curated set that comes with the data folder.")]
Cues = Annotated[list[Path], typer.Option("--cues", metavar="FILE", help="Your cue lexicon file, extending the bundled one (repeatable).")]
PerDate = Annotated[bool, typer.Option("--per-date", help="Each snapshot holds only its own date's articles.")]
Window = Annotated[Optional[int], typer.Option("--window", help="Each snapshot holds the last N days (1 to 36,525).", metavar="DAYS")]
Events = Annotated[list[Path], typer.Option("--events", metavar="FILE", help="A GDELT or ICEWS event file to merge in (repeatable).")]
Period = Annotated[str, typer.Option("--period", metavar="day|week|month", help="Group event dates into snapshots by day, week or month.")]
EventDate = Annotated[str, typer.Option("--event-date", metavar="event|added", help="Place events on their event date (event) or the day GDELT added them (added).")]
MinMentions = Annotated[int, typer.Option("--min-mentions", min=1, metavar="N", help="GDELT: keep events with at least N mentions (NumMentions).")]
MinSources = Annotated[int, typer.Option("--min-sources", min=1, metavar="N", help="GDELT: keep events reported by at least N sources (NumSources).")]
RootOnly = Annotated[bool, typer.Option("--root-only", help="GDELT: keep root events only (IsRootEvent: the event of a lead paragraph).")]
WeightByMentions = Annotated[bool, typer.Option("--weight-by-mentions", help="GDELT: an event weighs its Goldstein magnitude times its NumMentions.")]
KeepRepeats = Annotated[bool, typer.Option("--keep-repeats", help="Keep every row, also repeated reports of an event (same date, actors, code and source), which are dropped by default.")]
Out = Annotated[Path, typer.Option("--out", metavar="PATH", help="Output folder: new, empty, or one netviz built before.")]
Force = Annotated[bool, typer.Option("--force", help="Write into an output folder that holds other files (pages with netviz's file names are replaced).")]
Strict = Annotated[bool, typer.Option("--strict", help="An article file that cannot be read is an error, instead of being left out with a warning.")]
# --- how relations are extracted (build, extract) ----------------------------
Jobs = Annotated[Optional[int], typer.Option("--jobs", min=1, metavar="N", show_default=False, help="Worker processes for extraction [default: every core]; 1 runs in this process.")]
Engine = Annotated[str, typer.Option("--engine", metavar="local|dask", help="Extract on this machine (local) or on a Dask cluster (dask; pip install 'netviz[dask]').")]
Scheduler = Annotated[Optional[str], typer.Option("--scheduler", metavar="ADDRESS", show_default=False, help="With --engine dask: the Dask scheduler, e.g. tcp://host:8786 [default: a local Dask cluster].")]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Extract every article again instead of reusing the finished ones kept in OUT/.cache (extract: output/.cache, the one build uses by default).")]
CACHE = ".cache"  # under the output folder: finished articles, safe to delete


def _build(o: dict, cache_dir: Path | None) -> pipeline.Build:
    """Run the pipeline from the shared options ``o``; warnings and event summaries go to stderr."""
    if o["per_date"] and o["window"]:
        raise NetvizError("--per-date and --window exclude each other; choose one")
    result = pipeline.build(
        o["data"],
        actors=o["actors"],
        curated=o["curated"],
        cues=o["cues"],
        bundled_curated=not o["no_bundled_curated"],
        events=o["events"],
        period=o["period"],
        event_date=o["event_date"],
        event_options=_event_options(**o),
        options=pipeline.SnapshotOptions(per_date=o["per_date"], window=o["window"]),
        progress=_progress,
        jobs=o["jobs"],
        engine=o["engine"],
        scheduler=o["scheduler"],
        cache_dir=cache_dir,
        strict=o["strict"],
    )
    for warning in result.warnings:
        typer.echo(f"Warning: {warning}", err=True)
    for summary in result.event_imports:
        typer.echo(event_data.format_summary(summary), err=True)
    return result


def _event_options(*, min_mentions: int, min_sources: int, root_only: bool, weight_by_mentions: bool,
                   keep_repeats: bool, **_: object) -> event_data.EventOptions:
    """The event options of the command line (other options in the call are ignored)."""
    return event_data.EventOptions(min_mentions, min_sources, root_only, weight_by_mentions, dedupe=not keep_repeats)


def _one_of(option: str, value: str, choices: tuple[str, ...]) -> str:
    """Check an option while the command line is parsed, before a long build."""
    if value not in choices:
        raise NetvizError(f"{option} {value!r} must be one of {', '.join(choices)}")
    return value


class _ProgressBars:
    """Draws each stage's pipeline.Step as a rich progress bar (count, elapsed, time left) on stderr.

    Only for a person watching: when stderr is not a terminal nothing is drawn, so piped or
    captured stderr stays clean for the error line. One bar per stage, left on screen when done.
    """

    def __init__(self) -> None:
        self.bars = self.stage = self.task = None

    def __call__(self, step: pipeline.Step) -> None:
        if not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        if step.note:
            (self.bars.console if self.bars else Console(stderr=True)).print(step.note, highlight=False)
        if step.stage != self.stage:
            self.close()
            self.stage = step.stage
            self.bars = Progress(TextColumn("{task.description:<11}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                                 console=Console(stderr=True))
            self.task = self.bars.add_task(step.stage, total=step.total)
            self.bars.start()
        self.bars.update(self.task, completed=step.done, total=step.total)
        if step.done >= step.total:
            self.close()

    def close(self) -> None:
        if self.bars is not None:
            self.bars.stop()
        self.bars = self.stage = None


_progress = _ProgressBars()


_SHARED = {  # name: (annotation, default) of the options every snapshot command takes
    "data": (Data, Path("data")),
    "actors": (Actors, []),
    "curated": (CuratedFiles, []),
    "no_bundled_curated": (NoBundled, False),
    "cues": (Cues, []),
    "per_date": (PerDate, False),
    "window": (Window, None),
    "events": (Events, []),
    "period": (Period, "day"),
    "event_date": (EventDate, "event"),
    "min_mentions": (MinMentions, 1),
    "min_sources": (MinSources, 1),
    "root_only": (RootOnly, False),
    "weight_by_mentions": (WeightByMentions, False),
    "keep_repeats": (KeepRepeats, False),
    "jobs": (Jobs, None),
    "engine": (Engine, "local"),
    "scheduler": (Scheduler, None),
    "no_cache": (NoCache, False),
    "strict": (Strict, False),
}


@contextlib.contextmanager
def _existing_cache(own: dict):
    """Read-only commands reuse the cache a build left in output/, and never create one."""
    cache = Path("output") / CACHE
    yield cache if cache.is_dir() else None


def snapshot_command(cache: Callable[[dict], contextlib.AbstractContextManager] = _existing_cache):
    """Give a command the shared input options and build the snapshots before calling it.

    The command's first parameter, ``result``, receives the :class:`pipeline.Build`;
    ``cache`` gives, from the command's own options, a context manager whose
    value is the extraction cache folder (or None); a command with a
    ``workspace`` parameter receives that value too.
    """
    def decorate(func: Callable) -> Callable:
        params = inspect.signature(func, eval_str=True).parameters
        own = [p for p in params.values() if p.name not in ("result", "workspace")]
        shared = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=d, annotation=a)
                  for n, (a, d) in _SHARED.items()]

        @functools.wraps(func)
        def command(**options):
            given = {name: options.pop(name) for name in _SHARED}
            with cache(options) as workspace:
                folder = getattr(workspace, "cache", workspace)
                result = _build(given, None if given["no_cache"] else folder)
                if "workspace" in params:
                    options["workspace"] = workspace
                return func(result, **options)

        command.__signature__ = inspect.Signature(own + shared)
        command.__annotations__ = {p.name: p.annotation for p in own + shared}
        return command

    return decorate


@app.command()
@snapshot_command(cache=lambda own: OutputFolder(own["out"], force=own["force"]))
def build(
    result: pipeline.Build,
    workspace: OutputFolder,
    out: Out = Path("output"),
    force: Force = False,
    color_by: Annotated[str, typer.Option("--color-by", metavar="bloc|type", help="What an actor's colour shows.",
                                          callback=lambda v: _one_of("--color-by", v, ("bloc", "type")))] = "bloc",
) -> None:
    """Build one offline HTML map per article date, diff maps, the timeline and output/index.html."""
    site = pipeline.write_site(result, workspace.staging, color_by=color_by, progress=_progress)
    workspace.publish()
    typer.echo(pipeline.format_summary(result))
    typer.echo(f"\nMaps written to {out / site.index.name}")


@app.command("map")
@snapshot_command()
def map_command(
    result: pipeline.Build,
    when: Annotated[str, typer.Argument(metavar="DATE", help="YYYY-MM-DD, first or last.", show_default=False)],
    out: Annotated[Optional[Path], typer.Option("--out", metavar="FILE", help="The page to write, or an existing folder [default: output/map-DATE.html, beside the site's DATE.html].", show_default=False)] = None,
    color_by: Annotated[str, typer.Option("--color-by", metavar="bloc|type", help="What an actor's colour shows.",
                                          callback=lambda v: _one_of("--color-by", v, ("bloc", "type")))] = "bloc",
) -> None:
    """Write one self-contained map of a date: its evidence inside, a single file to mail or archive."""
    path = pipeline.write_map(result, when, out, color_by=color_by)
    typer.echo(f"Map written to {path}")


@app.command()
@snapshot_command()
def export(
    result: pipeline.Build,
    when: Annotated[Optional[str], typer.Argument(metavar="[DATE|all]", help="YYYY-MM-DD, first, last or all (default: all; last for graphml).", show_default=False)] = None,
    output_format: Annotated[str, typer.Option("--format", metavar="FORMAT", callback=lambda v: _one_of("--format", v, EXPORT_FORMATS), autocompletion=lambda: list(EXPORT_FORMATS), help="gexf (Gephi), graphml, json (node-link, for D3 and notebooks) or csv (nodes.csv and edges.csv).")] = "gexf",
    out: Annotated[Optional[Path], typer.Option("--out", metavar="PATH", help="File to write, or an existing folder [default: output/]; for csv, the folder.", show_default=False)] = None,
) -> None:
    """Take the graph elsewhere: Gephi (dynamic GEXF for all dates), graph tools, notebooks, spreadsheets."""
    snaps = result.snapshots
    date = None if when in (None, "all") else result.resolve_date(when)
    if date is not None and date not in snaps:  # a date between snapshot dates: the state as of that date
        snaps = dict(sorted({**snaps, date: result.snapshot(date)}.items()))
    if out is None:
        out = Path("output")
        out.mkdir(exist_ok=True)
    # the positions of the maps `netviz build` wrote to output/, so Gephi shows what the pages show
    positions = result.layout(Path("output")) if output_format == "gexf" else None
    for path in export_snapshots(snaps, output_format, out, date=date if date is not None else when, positions=positions):
        typer.echo(f"Wrote {path}")


Format = Annotated[str, typer.Option("--format", metavar="FORMAT", help="table, or json.",
                                     callback=lambda v: _one_of("--format", v, ("table", "json")))]


@app.command()
@snapshot_command()
def compare(
    result: pipeline.Build,
    date_a: Annotated[str, typer.Argument(metavar="DATE_A", help="YYYY-MM-DD, first or last.", show_default=False)],
    date_b: Annotated[str, typer.Argument(metavar="DATE_B", help="YYYY-MM-DD, first or last.", show_default=False)],
    output_format: Format = "table",
    threshold: Annotated[float, typer.Option("--threshold", metavar="SHARE", min=0.0, max=1.0, help="A tie strengthened or weakened when its weight moved by at least this share of the larger of its two weights.")] = DEFAULT_THRESHOLD,
    html: Annotated[Optional[Path], typer.Option("--html", metavar="PATH", help="Also write the diff map, an offline HTML page.", show_default=False)] = None,
) -> None:
    """What formed, dissolved, flipped, strengthened and weakened between two dates."""
    diff = result.compare(date_a, date_b, threshold=threshold)
    if output_format == "json":
        typer.echo(json.dumps(diff_record(diff), ensure_ascii=False, indent=1))
    else:
        typer.echo(format_diff_table(diff))
    if html is not None:
        path = render_diff_map(diff, result.snapshot(date_a), result.snapshot(date_b), html,
                               positions=result.layout(Path("output")))
        typer.echo(f"Diff map written to {path}", err=output_format == "json")


@app.command()
@snapshot_command()
def analyze(
    result: pipeline.Build,
    when: Annotated[str, typer.Argument(metavar="[DATE]", help="YYYY-MM-DD, first or last.")] = "last",
    output_format: Format = "table",
) -> None:
    """Structural balance, blocs, contradictions (unbalanced triangles) and brokers of one date."""
    found = analyze_snapshot(result.snapshot(when))
    if output_format == "json":
        typer.echo(json.dumps(analysis_record(found), ensure_ascii=False, indent=1))
    else:
        typer.echo(format_analysis_table(found))


@app.command()
@snapshot_command()
def timeline(
    result: pipeline.Build,
    out: Annotated[Path, typer.Option("--out", metavar="PATH", help="The page to write (a folder: timeline.html inside it).")] = Path("output/timeline.html"),
) -> None:
    """Write one offline page holding every snapshot, with a date slider (output/timeline.html)."""
    if out.is_dir():
        out = out / "timeline.html"
    path = render_timeline(result.snapshots, out, codebook=result.codebook)
    typer.echo(f"Timeline of {len(result.snapshots)} dates written to {path}")


@app.command()
def events(
    files: Annotated[list[Path], typer.Argument(metavar="FILE", help="GDELT 2.0 or 1.0 exports or ICEWS files (.zip and .gz too).", show_default=False)],
    output_format: Annotated[str, typer.Option("--format", metavar="FORMAT", help="table, or jsonl (the records of `netviz extract`).")] = "table",
    kind: Annotated[Optional[str], typer.Option("--kind", metavar="KIND", help="gdelt2, gdelt1 or icews; detected from the file by default.")] = None,
    date_field: Annotated[str, typer.Option("--event-date", metavar="event|added", help="event: place events on their event date; added: on the day GDELT added the report.")] = "event",
    min_mentions: MinMentions = 1,
    min_sources: MinSources = 1,
    root_only: RootOnly = False,
    weight_by_mentions: WeightByMentions = False,
    keep_repeats: KeepRepeats = False,
    actors: Actors = [],
) -> None:
    """Convert GDELT or ICEWS event files into relation records; the summary goes to stderr."""
    if output_format not in ("table", "jsonl"):
        raise NetvizError(f"--format {output_format!r} must be table or jsonl")
    codebook = load_codebook(*actors)
    options = _event_options(min_mentions=min_mentions, min_sources=min_sources, root_only=root_only,
                             weight_by_mentions=weight_by_mentions, keep_repeats=keep_repeats)
    written = 0
    for path in files:
        stream = event_data.stream_events(path, codebook, kind=kind, date_field=date_field, options=options)
        if output_format == "jsonl":
            try:
                for rel in stream:  # one write per record: a record is whole or absent
                    typer.echo(json.dumps(relation_record(rel), ensure_ascii=False))
                    written += 1
            except NetvizError as exc:
                raise NetvizError(f"{exc} ({written:,} records written before the error: the output is incomplete)") from None
        else:
            typer.echo(event_data.relations_table(list(stream)))
        for warning in stream.warnings:
            typer.echo(f"Warning: {warning}", err=True)
        typer.echo(event_data.format_summary(stream.summary), err=True)


actors_app = typer.Typer(cls=_Group, context_settings=HELP, help="The actor codebook: list it, or see what a phrase names.")
app.add_typer(actors_app, name="actors")
ActorsFormat = Annotated[str, typer.Option("--format", metavar="FORMAT", help="table, or json (every field, people with their role dates).")]


@actors_app.callback(invoke_without_command=True)
def actors_list(ctx: typer.Context, output_format: ActorsFormat = "table", actors: Actors = []) -> None:
    """List the codebook: id, type, name, number of aliases and of people."""
    if ctx.invoked_subcommand is not None:
        return
    if output_format not in ("table", "json"):
        raise NetvizError(f"--format {output_format!r} must be table or json")
    codebook = load_codebook(*actors)
    if output_format == "json":
        typer.echo(json.dumps([actor_record(a) for a in codebook.actors.values()], ensure_ascii=False, indent=1))
        return
    rows = [[a.id, a.type, a.name, len(a.aliases), len(a.people)] for a in codebook.actors.values()]
    typer.echo(format_table(["id", "type", "name", "aliases", "people"], rows))


@actors_app.command("resolve")
def actors_resolve(
    text: Annotated[str, typer.Argument(help="A name, alias or sentence.", metavar="TEXT", show_default=False)],
    on: Annotated[Optional[datetime], typer.Option("--date", metavar="YYYY-MM-DD", formats=["%Y-%m-%d"], help="Resolve people as of this date (YYYY-MM-DD); all their roles by default.")] = None,
    output_format: ActorsFormat = "table",
    actors: Actors = [],
) -> None:
    """Show which actors TEXT names, and why."""
    if output_format not in ("table", "json"):
        raise NetvizError(f"--format {output_format!r} must be table or json")
    codebook = load_codebook(*actors)
    day = on.date() if on else None
    mentions = codebook.resolve(text, day)
    if output_format == "json":
        typer.echo(json.dumps([vars(m) for m in mentions], ensure_ascii=False, indent=1))
    elif mentions:
        typer.echo(format_table(["text", "actor", "why"],
                                [[m.text, m.actor or f"({m.generic})", m.reason] for m in mentions]))
    else:
        typer.echo(codebook.why_not(text, day) or f"{text!r} names no actor{f' on {day}' if day else ''}.")


@app.command()
def extract(
    paths: Annotated[Optional[list[Path]], typer.Argument(metavar="PATH", help="Article files or folders (default: data/articles).", show_default=False)] = None,
    output_format: Annotated[str, typer.Option("--format", metavar="FORMAT", help="table, jsonl (one relation record per line) or csv.")] = "table",
    actors: Actors = [],
    cues: Cues = [],
    jobs: Jobs = None,
    engine: Engine = "local",
    scheduler: Scheduler = None,
    no_cache: NoCache = False,
) -> None:
    """Extract relations from articles, sentence by sentence, each with its evidence."""
    if output_format not in ("table", "jsonl", "csv"):
        raise NetvizError(f"--format {output_format!r} must be table, jsonl or csv")
    articles = load_articles(paths or [pipeline.find_articles_folder(Path("data"))])
    relations = extract_corpus(
        articles, load_codebook(*actors), extraction.load_cues(*cues), jobs=jobs, engine=engine, scheduler=scheduler,
        cache_dir=None if no_cache else Path("output") / CACHE,
    ).relations
    if output_format == "jsonl":  # every relation is found before the first record is written
        for rel in relations:
            typer.echo(json.dumps(relation_record(rel), ensure_ascii=False))
        typer.echo(f"{len(relations):,} relation records written", err=True)
    elif output_format == "csv":
        typer.echo(extraction.relations_csv(relations), nl=False)
    else:
        typer.echo(extraction.relations_table(relations))


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(metavar="GOLD", help="Gold relations (the format of the seeds' gold.yaml).", show_default=False)],
    articles_dir: Annotated[Path, typer.Option("--articles", metavar="DIR", help="Folder of the articles the gold file annotates.")] = Path("data"),
    output_format: Annotated[str, typer.Option("--format", metavar="FORMAT", help="table, or json.")] = "table",
    min_confidence: Annotated[float, typer.Option("--min-confidence", metavar="X", min=0.0, max=1.0, help="Relations below this confidence are not counted as found.")] = extraction.FOUND_CONFIDENCE,
    target_precision: Annotated[float, typer.Option("--target-precision", metavar="P", min=0.0, max=1.0, help="The precision the reliability table's supported threshold must reach.")] = scoring.TARGET_PRECISION,
    actors: Actors = [],
    cues: Cues = [],
) -> None:
    """Score extraction against gold relations: micro precision, recall and F1, each article's errors, and a reliability table (precision by confidence) with the found threshold it chooses (the highest F1) and the one a precision target supports."""
    if output_format not in ("table", "json"):
        raise NetvizError(f"--format {output_format!r} must be table or json")
    codebook = load_codebook(*actors)
    gold_file = scoring.load_gold(gold, codebook.actors)
    if warning := scoring.unknown_warning(gold_file):
        typer.echo(f"Warning: {warning}", err=True)
    articles = load_articles(pipeline.find_articles_folder(articles_dir))
    relations = extraction.extract_relations(articles, codebook, extraction.load_cues(*cues))
    result = scoring.evaluate(relations, gold_file, articles, min_confidence, target_precision)
    if output_format == "json":
        typer.echo(json.dumps(scoring.evaluation_record(result), ensure_ascii=False, indent=1))
    else:
        typer.echo(scoring.format_evaluation(result))


@app.command()
def explain(
    article: Annotated[str, typer.Argument(metavar="ARTICLE", help="An article file, or the id of an article under --data.", show_default=False)],
    sentence: Annotated[Optional[int], typer.Option("--sentence", metavar="N", min=1, help="Only sentence N (counted from 1).")] = None,
    data: Data = Path("data"),
    actors: Actors = [],
    cues: Cues = [],
) -> None:
    """Show, sentence by sentence, the actors and cues found, the rule that linked them and the relation drawn, or why none was."""
    path = Path(article)
    if path.is_file():
        art = read_article(path)
    else:
        art = extraction.find_article(load_articles(pipeline.find_articles_folder(data)), article)
    explanations = extraction.explain_article(art, load_codebook(*actors), extraction.load_cues(*cues))
    if sentence is not None:
        if sentence > len(explanations):
            raise NetvizError(f"--sentence {sentence}: {art.id} has {len(explanations)} sentences")
        explanations = explanations[sentence - 1 : sentence]
    typer.echo(extraction.format_explanation(explanations))


def main() -> None:
    """Entry point for ``python -m netviz``."""
    app(prog_name="netviz")
