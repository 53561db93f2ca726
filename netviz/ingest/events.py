"""Import GDELT and ICEWS event files as :class:`~netviz.model.Relation` records.

Formats, recognised from the file's first line (or forced with ``kind``):

- ``gdelt2``: a GDELT 2.0 event export, 61 tab-separated columns, no header.
- ``gdelt1``: a GDELT 1.0 daily export, 58 columns (57 before April 2013,
  without SOURCEURL); its geography has no ADM2Code.
- ``icews``: ICEWS coded events, tab-separated with a header row; columns are
  found by name, so their order does not matter.

A ``.zip`` holding one file (GDELT ships ``*.export.CSV.zip``) and a ``.gz``
file are read without unpacking them first (:mod:`netviz.ingest.eventfile`
opens and reads the file and knows its format; :mod:`netviz.ingest.cameo`
holds the CAMEO tables and chooses each event's actors; this module turns
rows into relations and counts what it skips).

How an event becomes a relation
-------------------------------
- Actors. GDELT: an actor name the codebook knows as an organisation or group
  ("ISLAMIC STATE", "HEZBOLLAH") names that actor; else a known-group code
  (UNO, EEC, NAT) names its organisation, unless the actor code names a
  sub-organisation (IGOUNODEVWBK is the World Bank, not the UN); else the
  country code (CAMEO country codes are ISO alpha-3 but for a few, see
  ``data/events.yaml``). ICEWS: the source or target name, else the country
  name. Rebels, insurgents and separatists the codebook does not know by name
  are skipped rather than counted as the state they fight. An actor id must be
  in the codebook: events naming anything else are skipped and the most
  frequent unknown actors are listed in the summary (add them with
  ``--actors``). Regions (AFR, EUR, ...) are not actors.
- Sign and intensity come from the Goldstein value (GDELT GoldsteinScale,
  ICEWS Intensity, both -10..10): the sign is its sign, the intensity its
  absolute value, already on netviz's 0-10 scale. Goldstein 0 marks neutral
  acts (make a statement, consider a policy): they say nothing about
  cooperation or conflict and would add ties of weight 0, so they are skipped.
- Kind. One table, :data:`~netviz.ingest.cameo.QUAD_CLASSES`, maps the CAMEO root code to its
  quad class for GDELT and ICEWS alike: GDELT's published scheme (roots 01-05
  verbal cooperation, 06-09 material cooperation, 10-14 verbal conflict,
  15-20 material conflict), which every row of GDELT's own QuadClass column
  follows. So a protest (root 14) or an aid pledge (root 09) gets the same
  kind whichever source reports it. Kind and sign can disagree ("make
  pessimistic comment" is verbal cooperation with Goldstein -0.4); both are
  kept as given.
- Date. By default the event date (GDELT SQLDATE, ICEWS Event Date). GDELT
  dates some events months before the report that mentions them;
  ``date_field="added"`` places GDELT events on DATEADDED, the day GDELT saw
  the report. The summary says which date was used and how many events are
  dated 30 days or more before their report. The evidence text always keeps
  the event date, so it survives placing events on report dates or on the
  start of a week or month (:func:`period_start`).
- GDELT's own filters (:class:`EventOptions`; GDELT rows only, ICEWS has no
  such columns): ``min_mentions`` and ``min_sources`` keep events reported in
  at least that many mentions (NumMentions) or sources (NumSources);
  ``root_only`` keeps root events (IsRootEvent: the event of a lead
  paragraph), GDELT's usual cut of the incidental ones; ``weight_by_mentions``
  multiplies an event's weight in the snapshots by its NumMentions.
- Repeated reports (a rule of netviz's own, on by default; ``dedupe=False``
  keeps every row): an event counts once per event date, pair of actors
  (either direction), event code and source (GDELT: the article URL; ICEWS:
  the story). This drops the same event coded twice from one article and
  ICEWS's symmetric events, which it reports once in each direction. GDELT
  1.0 files from before April 2013 have no URL, so each row counts. Files are
  deduplicated one by one, not against each other. GDELT users who weight by
  mentions or keep root events may prefer every row.

Bad input
---------
A file that is empty, binary, not tab-separated, or whose first line fits no
format is rejected with a :class:`~netviz.errors.NetvizError`. Rows that do
not parse (wrong number of columns, a bad date or number, text that is not
UTF-8) are skipped with a warning that lists their line numbers, as long as
they are at most :data:`MAX_BAD_ROWS` rows or :data:`MAX_BAD_SHARE` of the
file, whichever is more; more than that means the file is not what it seems,
and reading it ends with a :class:`~netviz.errors.NetvizError`. Consumers of
:func:`stream_events` must therefore not commit results before the stream
ends.

Memory does not grow with the file: it is read line by line. What does grow
is the set of events already seen (one hash per kept event, for repeated
reports) and the returned relations themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from netviz.errors import NetvizError
from netviz.ingest.cameo import (
    ARMED,
    NO_CODE,
    NO_COUNTRY,
    QUAD_CLASSES,
    REGION,
    UNMAPPED,
    EventActors,
    cameo_code,
    event_label,
)
from netviz.ingest.eventfile import (
    FORMATS,
    MAX_LINE,
    first_line,
    format_of,
    icews_header,
    numbered_lines,
    unquote,
)
from netviz.model import Evidence, Relation
from netviz.table import format_table

if TYPE_CHECKING:
    from netviz.ingest.actors import Codebook

#: Which date places an event: the event date, or the day GDELT added its report.
DATE_FIELDS = ("event", "added")
#: The periods :func:`period_start` groups dates into.
PERIODS = ("day", "week", "month")
#: Malformed rows tolerated in a file: this many, or this share of its rows if more.
MAX_BAD_ROWS = 10
MAX_BAD_SHARE = 0.01
#: An event dated this many days or more before its report is counted as "early".
EARLY_DAYS = 30

# Why a row gave no relation (those about its actors come from netviz.ingest.cameo);
# REASONS is the order the summary lists them in.
FEW_MENTIONS = "fewer mentions than --min-mentions"
FEW_SOURCES = "fewer sources than --min-sources"
NOT_ROOT = "not a root event (--root-only)"
SELF = "both actors are the same"
NEUTRAL = "neutral event (Goldstein 0)"
REPEATED = "repeated report of an event"
MIRRORED = "same event reported in both directions"
MALFORMED = "malformed row"
REASONS = (
    FEW_MENTIONS, FEW_SOURCES, NOT_ROOT, NO_CODE, NO_COUNTRY, UNMAPPED, ARMED, REGION, SELF, NEUTRAL, REPEATED,
    MIRRORED, MALFORMED,
)

_ICEWS_REQUIRED = (
    "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
)


@dataclass(frozen=True)
class EventOptions:
    """Which GDELT events to keep and how much each weighs (see the module notes).

    ``min_mentions``, ``min_sources``, ``root_only`` and ``weight_by_mentions``
    read GDELT's NumMentions, NumSources and IsRootEvent columns; ICEWS files
    have none and ignore them (with a warning). ``dedupe`` drops repeated
    reports of an event (on by default).
    """

    min_mentions: int = 1
    min_sources: int = 1
    root_only: bool = False
    weight_by_mentions: bool = False
    dedupe: bool = True

    def gdelt_only(self) -> list[str]:
        """The options set that only GDELT files can apply, as their command-line names."""
        return [name for name, on in (
            ("--min-mentions", self.min_mentions > 1), ("--min-sources", self.min_sources > 1),
            ("--root-only", self.root_only), ("--weight-by-mentions", self.weight_by_mentions),
        ) if on]


# Bounds on lookup caches so memory stays flat on files with many distinct actors.
_CACHE_LIMIT = 50_000
_UNMAPPED_LIMIT = 5_000
_LISTED_LINES = 10


@dataclass
class EventSummary:
    """What one import did: rows read, relations kept, and why the others were skipped.

    ``rows`` counts data rows (no header, no blank lines); ``used`` plus the
    ``skipped`` counts add up to it. A skipped row is counted once, under the
    first check it fails, in this order: well-formed, GDELT's filters
    (mentions, sources, root event), both actors known, two different actors,
    not neutral, not a repeat. ``unmapped`` counts the
    actors (as the file names them) whose addition to the codebook would bring
    events in; ``early`` the kept events dated :data:`EARLY_DAYS` or more
    before their report was added (GDELT only).
    """

    path: Path
    format: str
    date_field: str
    #: how the events were kept and weighed; its defaults for a summary made by hand
    options: EventOptions = EventOptions()
    rows: int = 0
    used: int = 0
    skipped: Counter = field(default_factory=Counter)
    unmapped: Counter = field(default_factory=Counter)
    early: int = 0
    first: date | None = None
    last: date | None = None


@dataclass(frozen=True)
class EventImport:
    """The relations of one event file, its summary and its warnings (one line each)."""

    relations: tuple[Relation, ...]
    summary: EventSummary
    warnings: tuple[str, ...]


def period_start(d: date, period: str) -> date:
    """The first day of the period holding ``d``: the day itself, its ISO week's Monday, or the 1st.

    Event data has too many dates to draw one snapshot per day; grouping the
    dates of event relations by this start gives one snapshot per week or month.

    Parameters
    ----------
    d : any date.
    period : ``day``, ``week`` (ISO weeks start on Monday) or ``month``.

    Raises
    ------
    NetvizError
        For another period.

    Examples
    --------
    >>> d = date(2019, 10, 24)  # a Thursday
    >>> period_start(d, "day"), period_start(d, "week"), period_start(d, "month")
    (datetime.date(2019, 10, 24), datetime.date(2019, 10, 21), datetime.date(2019, 10, 1))
    """
    if period == "day":
        return d
    if period == "week":
        return d - timedelta(days=d.weekday())
    if period == "month":
        return d.replace(day=1)
    raise NetvizError(f"period {period!r} is not one of {', '.join(PERIODS)}")


# --- the stream ----------------------------------------------------------------


class EventStream:
    """The relations of one event file, produced while it is read: what every format shares
    (rows, bad rows, dates, repeated reports, the actors and why an event is skipped).

    Iterate once; :attr:`summary` and :attr:`warnings` are complete when the
    iteration ends. Create it with :func:`stream_events`, which gives the
    stream of the file's format (:class:`GdeltStream` or :class:`IcewsStream`).
    """

    #: whether the file's first line names its columns (a header, not a row)
    _has_header = False

    def __init__(self, path: Path, codebook: Codebook, format: str, date_field: str, options: EventOptions) -> None:
        self.path = path
        self.actors = EventActors(codebook)
        self.options = options
        self.format = format
        self.warnings: list[str] = []
        self.summary = EventSummary(path, format, date_field, options)
        self._bad: dict[str, tuple[int, list[int]]] = {}  # problem -> (rows, first line numbers)
        self._dates: dict[str, date] = {}
        self._actors: dict[tuple, tuple[str | None, str, str]] = {}
        self._seen: set[int] = set()
        self._used = False

    def __iter__(self) -> Iterator[Relation]:
        if self._used:
            raise RuntimeError("an EventStream can be iterated only once")
        self._used = True
        for rel in self._rows():
            self._count(rel)
            yield rel
        self._finish()

    def _rows(self) -> Iterator[Relation]:
        """The relations of the data rows, as each format reads them."""
        raise NotImplementedError

    # -- bookkeeping

    def _skip(self, reason: str) -> None:
        self.summary.skipped[reason] += 1

    def _malformed(self, number: int, problem: str) -> None:
        self.summary.skipped[MALFORMED] += 1
        count, lines = self._bad.get(problem, (0, []))
        if len(lines) < _LISTED_LINES:  # the first few are enough to find the problem
            lines.append(number)
        self._bad[problem] = (count + 1, lines)

    def _unmapped(self, label: str) -> None:
        unmapped = self.summary.unmapped
        if label in unmapped or len(unmapped) < _UNMAPPED_LIMIT:
            unmapped[label] += 1

    def _count(self, rel: Relation) -> None:
        s = self.summary
        s.used += 1
        s.first = rel.date if s.first is None or rel.date < s.first else s.first
        s.last = rel.date if s.last is None or rel.date > s.last else s.last

    def _finish(self) -> None:
        bad = self.summary.skipped[MALFORMED]
        if not bad:
            return
        problems = sorted(self._bad.items(), key=lambda item: item[1][1][0])
        allowed = max(MAX_BAD_ROWS, int(MAX_BAD_SHARE * self.summary.rows))
        if bad > allowed:
            first_problem, (_, lines) = problems[0]
            raise NetvizError(
                f"{self.path}: {bad} of {self.summary.rows} rows are malformed (line {lines[0]}: {first_problem}); "
                f"this is not a well-formed {FORMATS[self.format]} file (at most {allowed} bad rows are skipped)"
            )
        for problem, (count, lines) in problems:
            shown = ", ".join(map(str, lines)) + (f" and {count - len(lines)} more" if count > len(lines) else "")
            rows, where = ("row", "line") if count == 1 else ("rows", "lines")
            self.warnings.append(f"{self.path}: skipped {count} {rows} with {problem} ({where} {shown}); the rest was imported")

    def _date(self, text: str) -> date:
        day = self._dates.get(text)
        if day is None:
            if len(text) == 8 and text.isdigit():
                day = date(int(text[:4]), int(text[4:6]), int(text[6:]))
            else:
                day = date.fromisoformat(text)
            self._dates[text] = day
        return day

    def _fresh(self, day: date, a: str, b: str, code: str, source: str) -> str | None:
        """``None`` for a new event, else why it is a repeat (same date, pair, code and source).

        Only a 64-bit hash of each kept event is stored, about 50 bytes; two
        different events colliding is less than a one-in-a-billion chance on a
        full GDELT day.
        """
        key = hash((day, a, b, code, source))
        if key in self._seen:
            return REPEATED
        if hash((day, b, a, code, source)) in self._seen:
            return MIRRORED
        self._seen.add(key)
        return None

    def _cached(self, key: tuple, resolve) -> tuple[str | None, str, str]:
        hit = self._actors.get(key)
        if hit is None:
            if len(self._actors) >= _CACHE_LIMIT:
                self._actors.clear()
            hit = self._actors[key] = resolve(key)
        return hit

    def _dyad(self, a: tuple[str | None, str, str], b: tuple[str | None, str, str], goldstein: float) -> tuple[str, str] | None:
        """The two actor ids of a usable event, or None after counting why it is skipped.

        The checks run in the order the summary documents: both actors known,
        two different actors, not neutral.
        """
        (id_a, why_a, label_a), (id_b, why_b, label_b) = a, b
        if id_a is None or id_b is None:
            self._skip(why_a or why_b)
            # Only list actors whose addition to the codebook would bring the event in.
            if (id_a or label_a) and (id_b or label_b):
                for label in (label_a, label_b):
                    if label:
                        self._unmapped(label)
            return None
        if id_a == id_b:
            self._skip(SELF)
            return None
        if goldstein == 0:
            self._skip(NEUTRAL)
            return None
        return id_a, id_b

    def _decoded(self) -> Iterator[tuple[int, str]]:
        """Data lines as text, each counted as a row; undecodable ones are reported and skipped."""
        header_seen = not self._has_header
        for number, raw in numbered_lines(self.path):
            if raw is None:
                self.summary.rows += 1
                self._malformed(number, f"a line longer than {MAX_LINE:,} bytes")
                continue
            if not raw.strip():
                continue
            if not header_seen:
                header_seen = True
                continue
            self.summary.rows += 1
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError:
                self._malformed(number, "text that is not UTF-8")


class GdeltStream(EventStream):
    """The relations of a GDELT 2.0 or 1.0 export (its columns by position)."""

    def __init__(
        self, path: Path, codebook: Codebook, format: str, date_field: str, options: EventOptions, first: tuple[int, str]
    ) -> None:
        super().__init__(path, codebook, format, date_field, options)
        self._columns = len(first[1].split("\t"))

    def _rows(self) -> Iterator[Relation]:
        columns = self._columns
        gdelt2 = self.format == "gdelt2"
        added_at = 59 if gdelt2 else 56
        url_at = 60 if gdelt2 else (57 if columns == 58 else None)
        by_added = self.summary.date_field == "added"
        o = self.options
        actor = self.actors.gdelt
        for number, line in self._decoded():
            f = line.split("\t")
            if len(f) != columns:
                self._malformed(number, f"{len(f)} columns instead of {columns}")
                continue
            try:
                event_day = self._date(f[1])
            except ValueError:
                self._malformed(number, "an unreadable SQLDATE")
                continue
            try:
                added_day = self._date(f[added_at][:8])
            except ValueError:
                self._malformed(number, "an unreadable DATEADDED")
                continue
            try:
                goldstein = float(f[30])
            except ValueError:
                goldstein = float("nan")
            if not -10 <= goldstein <= 10:
                self._malformed(number, "a GoldsteinScale that is not a number from -10 to 10")
                continue
            code = f[26]
            kind = QUAD_CLASSES.get(code[:2]) if code.isdigit() else None
            if kind is None or f[29] not in ("1", "2", "3", "4"):
                self._malformed(number, "a QuadClass other than 1-4 or an EventCode that is not a CAMEO code")
                continue
            try:
                mentions, sources = int(f[31]), int(f[32])
            except ValueError:
                self._malformed(number, "a NumMentions or NumSources that is not a whole number")
                continue
            if mentions < o.min_mentions:
                self._skip(FEW_MENTIONS)
                continue
            if sources < o.min_sources:
                self._skip(FEW_SOURCES)
                continue
            if o.root_only and f[25] != "1":
                self._skip(NOT_ROOT)
                continue
            if not (f[5] and f[15]):  # most rows: no need to look the other actor up
                self._skip(NO_CODE)
                continue
            actor_a = self._cached(tuple(f[5:15]), actor)
            actor_b = self._cached(tuple(f[15:25]), actor)
            dyad = self._dyad(actor_a, actor_b, goldstein)
            if dyad is None:
                continue
            a, b = dyad
            day = added_day if by_added else event_day
            url = f[url_at] if url_at is not None else ""
            repeat = o.dedupe and self._fresh(event_day, a, b, code, url or f[0])
            if repeat:
                self._skip(repeat)
                continue
            if (added_day - event_day).days >= EARLY_DAYS:
                self.summary.early += 1
            outlet = _host(url)
            weighed = f", {mentions} mentions" if o.weight_by_mentions else ""
            sentence = f"{f[6] or a} -> {f[16] or b}: {event_label(code)} (CAMEO {code}, Goldstein {goldstein:+.1f}{weighed}, event date {event_day})"
            evidence = Evidence(
                sentence=sentence,
                cue=code,
                rule=f"gdelt event {f[0]}",
                outlet=outlet,
                url=url or None,
            )
            # weighed by mentions, the intensity is Goldstein x NumMentions: no longer on the 0-10 scale
            intensity = abs(goldstein) * (mentions if o.weight_by_mentions else 1)
            yield Relation(a, b, 1 if goldstein > 0 else -1, kind, intensity, day, "gdelt", evidence)


class IcewsStream(EventStream):
    """The relations of an ICEWS file (its columns by the names in its header row)."""

    _has_header = True

    def __init__(
        self, path: Path, codebook: Codebook, format: str, date_field: str, options: EventOptions, first: tuple[int, str]
    ) -> None:
        number, line = first
        header = icews_header(line)
        missing = [c for c in _ICEWS_REQUIRED if c not in header]
        if missing:
            raise NetvizError(f"{path}:{number}: the ICEWS header has no {', '.join(repr(c) for c in missing)} column; pass the file as published")
        warnings = []
        if date_field == "added":
            warnings.append(f"{path}: ICEWS events carry only their event date; they are placed on it")
            date_field = "event"
        if options.gdelt_only():
            warnings.append(
                f"{path}: ICEWS events have no mention, source or root-event columns; "
                f"{', '.join(options.gdelt_only())} do not apply to it"
            )
        super().__init__(path, codebook, format, date_field, options)
        self._header = header
        self.warnings.extend(warnings)

    def _rows(self) -> Iterator[Relation]:
        header = self._header
        actor = self.actors.icews
        col = {name: i for i, name in enumerate(header)}
        at_date, at_code, at_value, at_story = col["Event Date"], col["CAMEO Code"], col["Intensity"], col["Story ID"]
        at_text = col["Event Text"]
        source = (col["Source Name"], col["Source Sectors"], col["Source Country"])
        target = (col["Target Name"], col["Target Sectors"], col["Target Country"])
        at_id, at_sentence, at_publisher = col.get("Event ID"), col.get("Sentence Number"), col.get("Publisher")
        for number, line in self._decoded():
            f = [unquote(c) for c in line.split("\t")]
            if len(f) != len(header):
                self._malformed(number, f"{len(f)} columns where the header has {len(header)}")
                continue
            try:
                day = self._date(f[at_date].strip())
            except ValueError:
                self._malformed(number, "an unreadable Event Date")
                continue
            try:
                goldstein = float(f[at_value])
            except ValueError:
                goldstein = float("nan")
            if not -10 <= goldstein <= 10:
                self._malformed(number, "an Intensity that is not a number from -10 to 10")
                continue
            code = cameo_code(f[at_code].strip())
            if code is None:
                self._malformed(number, "a CAMEO Code that is not a CAMEO event code")
                continue
            actor_a = self._cached(tuple(f[i].strip() for i in source), actor)
            actor_b = self._cached(tuple(f[i].strip() for i in target), actor)
            dyad = self._dyad(actor_a, actor_b, goldstein)
            if dyad is None:
                continue
            a, b = dyad
            story = f[at_story].strip()
            repeat = self.options.dedupe and self._fresh(day, a, b, code, story or f"line {number}")
            if repeat:
                self._skip(repeat)
                continue
            ids = [f"story {story}"] if story else []
            if at_sentence is not None and f[at_sentence].strip():
                ids.append(f"sentence {f[at_sentence].strip()}")
            if at_id is not None and f[at_id].strip():
                ids.append(f"event {f[at_id].strip()}")
            text = f[at_text].strip() or event_label(code)
            evidence = Evidence(
                sentence=f"{f[source[0]].strip() or a} -> {f[target[0]].strip() or b}: {text} (CAMEO {code}, intensity {goldstein:+.1f}, event date {day})",
                cue=code,
                rule=" ".join(["icews", *ids]),
                outlet=(f[at_publisher].strip() or None) if at_publisher is not None else None,
            )
            yield Relation(a, b, 1 if goldstein > 0 else -1, QUAD_CLASSES[code[:2]], abs(goldstein), day, "icews", evidence)


def _host(url: str) -> str | None:
    """The site of a report URL without ``www.``, for the evidence's outlet."""
    try:
        host = urlsplit(url).hostname
    except ValueError:  # a malformed URL still identifies the report; it just has no outlet
        return None
    return host.removeprefix("www.") if host else None


def stream_events(
    path: Path | str, codebook: Codebook, *, kind: str | None = None, date_field: str = "event",
    options: EventOptions = EventOptions(),
) -> EventStream:
    """Relations from an event file, yielded while the file is read (constant memory).

    The file's format is checked at once; bad rows and the summary are known
    when the iteration ends (see :class:`EventStream`).

    Parameters
    ----------
    path : a GDELT 2.0, GDELT 1.0 or ICEWS file (optionally zipped or gzipped).
    codebook : the actors; events naming actors outside it are skipped.
    kind : ``gdelt2``, ``gdelt1`` or ``icews`` to insist on a format; ``None`` detects it.
    date_field : ``event`` (default) places an event on its event date, ``added``
        on the day GDELT added its report.
    options : GDELT's filters and weighting, and the repeated-report rule (:class:`EventOptions`).

    Raises
    ------
    NetvizError
        At once for a file that is missing, empty, binary or of another format;
        at the end of the iteration for a file with too many malformed rows.

    Examples
    --------
    >>> import tempfile
    >>> from netviz.ingest.actors import load_codebook
    >>> p = Path(tempfile.mkdtemp()) / "events.tab"
    >>> _ = p.write_text("Event Date\\tSource Name\\tSource Sectors\\tSource Country\\tEvent Text\\tCAMEO Code\\t"
    ...     "Intensity\\tTarget Name\\tTarget Sectors\\tTarget Country\\tStory ID\\n"
    ...     "2017-01-08\\tRussia\\t\\tRussian Federation\\tSign formal agreement\\t057\\t8.0\\tTurkey\\t\\tTurkey\\t42\\n")
    >>> stream = stream_events(p, load_codebook())
    >>> [(r.a, r.b, r.sign, r.kind, r.intensity) for r in stream]
    [('RUS', 'TUR', 1, 'verbal_cooperation', 8.0)]
    >>> stream.summary.rows, stream.summary.used
    (1, 1)
    """
    if kind is not None and kind not in FORMATS:
        raise NetvizError(f"event format {kind!r} is not one of {', '.join(FORMATS)}")
    if date_field not in DATE_FIELDS:
        raise NetvizError(f"date field {date_field!r} is not one of {', '.join(DATE_FIELDS)}")
    path = Path(path)
    number, line = first_line(path)
    detected = format_of(path, number, line)
    if kind is not None and kind != detected:
        raise NetvizError(
            f"{path}:{number}: this looks like {FORMATS[detected]}, not {FORMATS[kind]}; "
            f"drop --kind or use --kind {detected}"
        )
    stream = IcewsStream if detected == "icews" else GdeltStream
    return stream(path, codebook, detected, date_field, options, (number, line))


def read_events(
    path: Path | str, codebook: Codebook, *, kind: str | None = None, date_field: str = "event",
    options: EventOptions = EventOptions(),
) -> EventImport:
    """All relations of an event file, with the import summary and warnings.

    Parameters are those of :func:`stream_events`.

    Raises
    ------
    NetvizError
        For a file that is missing, empty, binary, of another format or with
        too many malformed rows.

    Examples
    --------
    A one-row GDELT 2.0 export: Turkey fights Syria.

    >>> import tempfile
    >>> from netviz.ingest.actors import load_codebook
    >>> row = [""] * 61
    >>> row[0], row[1], row[26], row[29], row[30], row[31], row[32] = "1", "20191024", "190", "4", "-10.0", "3", "1"
    >>> row[5], row[7], row[15], row[17] = "TUR", "TUR", "SYR", "SYR"
    >>> row[59], row[60] = "20191024143000", "https://example.org/a"
    >>> p = Path(tempfile.mkdtemp()) / "20191024143000.export.CSV"
    >>> _ = p.write_text("\\t".join(row) + "\\n")
    >>> result = read_events(p, load_codebook())
    >>> [(r.a, r.b, r.sign, r.kind, r.intensity, r.evidence.url) for r in result.relations]
    [('TUR', 'SYR', -1, 'material_conflict', 10.0, 'https://example.org/a')]
    >>> result.summary.format, result.summary.rows, result.summary.used
    ('gdelt2', 1, 1)
    """
    stream = stream_events(path, codebook, kind=kind, date_field=date_field, options=options)
    relations = tuple(stream)
    return EventImport(relations, stream.summary, tuple(stream.warnings))


def relations_table(relations: Iterable[Relation]) -> str:
    """Imported relations as an aligned text table: date, actors, sign, kind, intensity, code, source.

    >>> ev = Evidence(sentence="TUR -> SYR: Fight", cue="190", rule="gdelt event 7", url="https://example.org/a")
    >>> print(relations_table([Relation("TUR", "SYR", -1, "material_conflict", 10.0, date(2019, 10, 24), "gdelt", ev)]))
    date        source  target  sign  kind               intensity  code  evidence
    ----------  ------  ------  ----  -----------------  ---------  ----  ---------------------
    2019-10-24  TUR     SYR     -     material_conflict      10.00  190   https://example.org/a
    """
    rows = [
        [r.date.isoformat(), r.a, r.b, "+" if r.sign > 0 else "-", r.kind, r.intensity, r.evidence.cue, r.evidence.url or r.evidence.rule]
        for r in relations
    ]
    return format_table(["date", "source", "target", "sign", "kind", "intensity", "code", "evidence"], rows)


def format_summary(summary: EventSummary, top: int = 5) -> str:
    """A few lines for people: rows read, used and skipped by reason, dates, unknown actors.

    Parameters
    ----------
    summary : the summary of one import.
    top : how many of the most frequent actors missing from the codebook to name.

    Examples
    --------
    >>> s = EventSummary(Path("e.CSV"), "gdelt2", "event", rows=10, used=4, early=1,
    ...                  skipped=Counter({NEUTRAL: 2, UNMAPPED: 4}), unmapped=Counter({"GBR": 3, "FRA": 1}),
    ...                  first=date(2019, 10, 1), last=date(2019, 10, 24))
    >>> print(format_summary(s))
    e.CSV: GDELT 2.0 events: 10 rows, 4 used, 6 skipped
      placed on the event date (SQLDATE), 2019-10-01 to 2019-10-24; 1 dated 30+ days before its report (the 'added' date places events on their report's date)
      skipped: 4 an actor is not in the codebook, 2 neutral event (Goldstein 0)
      not in the codebook: GBR (3), FRA (1); add them with --actors
    """
    s = summary
    skipped = sum(s.skipped.values())
    lines = [f"{s.path.name}: {FORMATS[s.format]}: {s.rows:,} rows, {s.used:,} used, {skipped:,} skipped"]
    if s.format == "icews":
        placed = "placed on the event date (Event Date)"
    elif s.date_field == "added":
        placed = "placed on the day GDELT added the report (DATEADDED)"
    else:
        placed = "placed on the event date (SQLDATE)"
    if s.first is not None:
        placed += f", {s.first} to {s.last}"
    if s.early:
        hint = "" if s.date_field == "added" else " (the 'added' date places events on their report's date)"
        placed += f"; {s.early:,} dated {EARLY_DAYS}+ days before its report{hint}"
    lines.append(f"  {placed}")
    if s.format != "icews" and s.options.weight_by_mentions:
        lines.append("  weighted by mentions: an event's intensity is its Goldstein magnitude times its NumMentions")
    if not s.options.dedupe:
        lines.append("  repeated reports kept (--keep-repeats)")
    if skipped:
        lines.append("  skipped: " + ", ".join(f"{s.skipped[r]:,} {r}" for r in REASONS if s.skipped[r]))
    if s.unmapped:
        common = ", ".join(f"{label} ({n:,})" for label, n in sorted(s.unmapped.items(), key=lambda kv: (-kv[1], kv[0]))[:top])
        lines.append(f"  not in the codebook: {common}; add them with --actors")
    return "\n".join(lines)
