"""The whole run through the CLI: `netviz build` and the options every snapshot command shares."""

import json
import os
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netviz import pipeline
from netviz.cli import app
from netviz.errors import NetvizError

SEEDS = Path(__file__).parent.parent / "data" / "articles"
SEED_DATES = ["2016-10-25", "2017-01-08", "2017-01-16", "2017-03-08", "2018-04-21"]
runner = CliRunner()


def article(folder: Path, name: str, day: str, text: str, title: str = "A title") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\ntitle: {title}\ndate: {day}\nsource: test wire\n---\n{text}\n", encoding="utf-8")
    return path


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = runner.invoke(app, ["build", "--data", str(SEEDS), "--out", str(out)])
    return result, out


def test_build_writes_one_map_per_seed_date_and_an_index(seed_build):
    result, out = seed_build
    assert result.exit_code == 0, result.output
    for day in SEED_DATES:
        assert (out / f"{day}.html").is_file()
        assert day in result.stdout  # the summary table lists every date
    index = (out / "index.html").read_text(encoding="utf-8")
    for day in SEED_DATES:
        assert f'href="{day}.html"' in index
    for before, after in zip(SEED_DATES, SEED_DATES[1:]):  # a diff map between consecutive dates
        assert (out / "diff" / f"{before}_{after}.html").is_file()
        assert f'href="diff/{before}_{after}.html"' in index
    assert (out / "timeline.html").is_file() and 'href="timeline.html"' in index
    assert "Maps written to" in result.stdout
    assert not [p for p in out.rglob("*.tmp")]  # atomic writes leave no temporary files


def test_build_draws_no_progress_bars_when_stderr_is_not_a_terminal(seed_build):
    result, _ = seed_build
    assert result.stderr == ""  # captured, like a pipe or a log file: nothing but errors and warnings


def test_two_builds_are_byte_identical(seed_build, tmp_path):
    _, first = seed_build
    result = runner.invoke(app, ["build", "--data", str(SEEDS), "--out", str(tmp_path / "again")])
    assert result.exit_code == 0, result.output
    assert files(first) == files(tmp_path / "again")


def test_build_only_writes_inside_the_output_folder(tmp_path):
    data = tmp_path / "data"
    article(data / "articles", "a.md", "2019-05-01", "Russia and Turkey signed a defence agreement.")
    (tmp_path / "keep.txt").write_text("a user's file")
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    before = files(tmp_path)
    refused = runner.invoke(app, ["build", "--data", str(data), "--out", str(out)])
    assert refused.exit_code == 1 and "--force" in refused.stderr and "notes.txt" in refused.stderr
    assert files(tmp_path) == before and sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    result = runner.invoke(app, ["build", "--data", str(data), "--out", str(out), "--force"])
    assert result.exit_code == 0, result.output
    after = files(tmp_path)
    changed = {name for name in after if before.get(name) != after[name]} | (before.keys() - after.keys())
    assert changed and all(name.startswith("out/") for name in changed)
    assert after["out/notes.txt"] == b"mine" and after["keep.txt"] == b"a user's file"


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_markup_in_an_article_never_lands_in_a_page_as_markup(tmp_path):
    evil = "<script>window.__pwned=1</script> <img src=x onerror=\"window.__pwned=1\">"
    article(tmp_path / "arts", "evil.md", "2019-05-01",
            f"Russia and Turkey signed a defence agreement. {evil}", title=f"Evil {evil}")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", "--data", str(tmp_path / "arts"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for page in out.glob("*.html"):
        parser = _Elements()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not [a for t, a in parser.tags if t == "img"], page
        assert not [a for t, a in parser.tags if any(k.startswith("on") for k in a)], page
        scripts = [a for t, a in parser.tags if t == "script"]
        for src in [a["src"] for a in scripts if "src" in a]:  # only the site's own files, from disk
            assert src.startswith("data/") and (out / src).is_file(), (page, src)
        assert "<script>window.__pwned" not in page.read_text(encoding="utf-8")
    evidence = (out / "data" / "evidence.js").read_text(encoding="utf-8")
    assert "window.__pwned" in evidence and "<" not in evidence  # the text is there, as escaped JSON


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--data", "{tmp}/nope"], "no such folder"),
        (["--data", "{tmp}/empty"], "no .txt or .md articles found"),
        (["--data", "{tmp}/bad"], "no date; add front matter"),
        (["--data", "{tmp}/good", "--curated", "{tmp}/bad-curated.yaml"], "unknown actor id 'NOBODY'"),
        (["--data", "{tmp}/good", "--actors", "{tmp}/bad-actors.yaml"], "bad-actors.yaml"),
        (["--data", "{tmp}/good", "--per-date", "--window", "3"], "--per-date and --window exclude each other"),
        (["--data", "{tmp}/good", "--out", "{tmp}/a-file"], "is a file"),
        (["--data", "{tmp}/good", "--color-by", "mood"], "--color-by 'mood' must be one of bloc, type"),
    ],
)
def test_build_errors_are_one_line_with_exit_code_1(tmp_path, args, expected):
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.md").write_text("No front matter.")
    article(tmp_path / "good", "a.md", "2019-05-01", "Russia and Turkey signed a defence agreement.")
    (tmp_path / "bad-curated.yaml").write_text(
        'relations:\n  - {a: NOBODY, b: TUR, sign: "+", kind: verbal_cooperation, intensity: 3, valid_from: 2017-01-01, source: s}\n')
    (tmp_path / "bad-actors.yaml").write_text("actors: [unclosed\n")
    (tmp_path / "a-file").write_text("x")
    result = runner.invoke(app, ["build", *[a.format(tmp=tmp_path) for a in args]])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: ")
    assert expected in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_per_date_and_window_options_cut_snapshots(tmp_path):
    data = tmp_path / "arts"
    article(data, "a.md", "2019-05-01", "Russia and Turkey signed a defence agreement.")
    article(data, "b.md", "2019-05-20", "India strongly condemned Pakistan on Monday.")
    cumulative = pipeline.build(data, bundled_curated=False)
    per_date = pipeline.build(data, bundled_curated=False, options=pipeline.SnapshotOptions(per_date=True))
    last = date(2019, 5, 20)
    assert ("RUS", "TUR") in cumulative.snapshots[last].edges
    assert ("RUS", "TUR") not in per_date.snapshots[last].edges
    assert ("IND", "PAK") in per_date.snapshots[last].edges


def test_dates_resolve_to_snapshots_or_the_state_as_of_any_later_date():
    result = pipeline.build(SEEDS)
    assert result.resolve_date("first") == date(2016, 10, 25)
    assert result.resolve_date("last") == date(2018, 4, 21)
    between = result.snapshot("2017-02-01")  # state as of a date without an article
    assert sorted(between.edges) == sorted(result.snapshots[date(2017, 1, 16)].edges)
    with pytest.raises(NetvizError, match="before the first article.*2016-10-25"):
        result.resolve_date("2001-01-01")
    with pytest.raises(NetvizError, match="not YYYY-MM-DD, 'first' or 'last'; snapshot dates: 2016-10-25"):
        result.resolve_date("yesterday")


@pytest.fixture
def gdelt(tmp_path) -> Path:
    """A small GDELT 2.0 export of 2019-10-24, written here: one conflict, one cooperation."""
    from test_events import gdelt_line

    path = tmp_path / "20191024143000.export.CSV"
    path.write_text(gdelt_line() + "\n" + gdelt_line(a="USA", b="RUS", code="057", quad="1", goldstein="8.0", event_id="2")
                    + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("period, expected_day", [("day", date(2019, 10, 24)), ("month", date(2019, 10, 1))])
def test_event_files_merge_into_the_snapshots_grouped_by_period(tmp_path, gdelt, period, expected_day):
    data = tmp_path / "arts"
    article(data, "a.md", "2019-10-24", "Russia and Turkey signed a defence agreement.")
    result = pipeline.build(data, events=[gdelt], period=period, bundled_curated=False)
    assert expected_day in result.snapshots
    G = result.snapshots[max(result.snapshots)]
    origins = {o for *_, os_ in G.edges(data="origins") for o in os_}
    assert origins == {"extracted", "gdelt"}  # one map combines both
    if period == "month":
        assert all(d.day == 1 or d == date(2019, 10, 24) for d in result.snapshots)
    assert result.event_imports[0].used > 0


def test_event_files_alone_build_maps_without_an_article_folder(tmp_path, gdelt):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", "--data", str(tmp_path / "none"), "--events", str(gdelt),
                                 "--period", "month", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "2019-10-01.html").is_file()
    assert "GDELT 2.0 events" in result.stderr


def test_unknown_period_is_an_error(tmp_path, gdelt):
    result = runner.invoke(app, ["build", "--events", str(gdelt), "--period", "year", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "period 'year' is not one of day, week, month" in result.stderr


def test_color_by_type_colours_actors_by_their_type(tmp_path):
    data = tmp_path / "arts"
    article(data, "a.md", "2019-05-01", "Russia and Turkey signed a defence agreement with NATO.")
    result = runner.invoke(app, ["build", "--data", str(data), "--out", str(tmp_path / "out"), "--color-by", "type"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "2019-05-01.html").read_text(encoding="utf-8")
    # the page's legend is drawn from the site's history by replay.js, coloured as the page says
    assert '"color_by":"type"' in page and '"color_by":"bloc"' not in page


def test_a_build_reports_each_stage_to_its_end(tmp_path):
    steps: list[pipeline.Step] = []
    result = pipeline.build(SEEDS, jobs=1, progress=steps.append)
    pipeline.write_site(result, tmp_path / "out", progress=steps.append)
    stages = list(dict.fromkeys(s.stage for s in steps))
    assert stages == ["extraction", "snapshots", "blocs", "pages"]
    for stage in stages:
        mine = [(s.done, s.total) for s in steps if s.stage == stage]
        assert mine[-1][0] == mine[-1][1] > 0  # each bar reaches its total
        assert [d for d, _ in mine] == sorted(d for d, _ in mine)  # and never goes back
    assert (tmp_path / "out" / "layout.json").is_file()  # the positions a rebuild is anchored to


def test_a_rebuild_into_the_same_folder_gives_the_same_bytes(seed_build):
    _, out = seed_build
    before = files(out)
    result = runner.invoke(app, ["build", "--data", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert files(out) == before  # the saved layout is reused as it is, not relaxed again


def test_a_site_stores_every_sentence_once_and_each_page_only_its_dates_ties(seed_build):
    _, out = seed_build
    pages = sorted(out.glob("*.html")) + sorted((out / "diff").glob("*.html")) + [out / "timeline.html"]
    evidence = (out / "data" / "evidence.js").read_text(encoding="utf-8")
    table = json.loads(evidence[evidence.index("{"):evidence.rindex("}") + 1])
    sentence = table["fields"]["relation"].index("sentence")
    rows = Counter(row[sentence] for row in table["relations"])  # one sentence may back two ties
    sentences = {s for s in rows if len(s) > 40}
    assert len(sentences) > 20
    texts = {p: p.read_text(encoding="utf-8") for p in pages}
    for s in sentences:
        assert evidence.count(json.dumps(s, ensure_ascii=False)[1:-1].replace("<", "\\u003c")
                              .replace(">", "\\u003e").replace("&", "\\u0026")) == rows[s]
        assert not any(s in text for text in texts.values())  # no page repeats a sentence
    # vis-network (469 KB) is a file of the site, not a copy in every page; a map or a diff map
    # carries its date (and a diff map its changes), not the ties of its date
    assert all(len(text) < 200_000 for text in texts.values())
    assert all(len(text) < 10_000 for p, text in texts.items() if p.name not in ("timeline.html", "index.html"))
    assert (out / "data" / "vis-network.min.js").stat().st_size > 400_000


def site_ties(site: Path, day: str) -> dict[str, float]:
    """``{tie id: drawn width}`` of a date, replayed from the site's data/history.js as its pages do."""
    text = (site / "data" / "history.js").read_text(encoding="utf-8")
    history = json.loads(text[text.index("{"):text.rindex("}") + 1])
    width = history["fields"]["tie"].index("width") + 1
    ties: dict[int, list] = {}
    for step in history["steps"][:history["dates"].index(day) + 1]:
        ties.update((row[0], row) for row in step["ties"]["add"] + step["ties"]["set"])
        for t in step["ties"]["del"]:
            del ties[t]
    ids = [a[0] for a in history["actors"]]
    return {"--".join(ids[i] for i in history["ties"][t]): row[width] for t, row in ties.items()}


def test_netviz_map_writes_one_self_contained_map_to_mail(tmp_path, seed_build):
    _, site = seed_build
    out = tmp_path / "one.html"
    result = runner.invoke(app, ["map", "2017-03-08", "--data", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    parser = _Elements()
    parser.feed(text)
    assert not [a for t, a in parser.tags if t in ("script", "link") and ("src" in a or "href" in a)]
    assert 'id="netviz-evidence"' in text  # its evidence travels inside it
    assert list(tmp_path.iterdir()) == [out]  # nothing beside it
    # the same date's map in the site shows the same ties, from the site's history
    edges = json.loads(text.split('id="netviz-graph">')[1].split("</script>")[0])["edges"]
    assert {e["id"]: e["width"] for e in edges} == site_ties(site, "2017-03-08")
    # without --out: output/map-DATE.html, the folder made if need be, and the site's own page of
    # that date (which reads the site's data beside it) left alone
    folder = tmp_path / "elsewhere"
    (folder / "output").mkdir(parents=True)
    (folder / "output" / "2018-04-21.html").write_text("the site's page", encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        result = runner.invoke(app, ["map", "last", "--data", str(SEEDS)])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    assert (folder / "output" / "map-2018-04-21.html").is_file()
    assert (folder / "output" / "2018-04-21.html").read_text(encoding="utf-8") == "the site's page"



def test_a_single_map_and_a_gexf_take_the_positions_of_the_site_beside_them(tmp_path):
    from netviz.graph.layout import LAYOUT_FILE, Layout, read_layout, write_layout

    result = pipeline.build(SEEDS, jobs=1, cache_dir=tmp_path / "cache")
    site = tmp_path / "site"
    site.mkdir()
    # an earlier build left positions here: the new site is anchored to them, not laid out afresh
    write_layout(site / LAYOUT_FILE, Layout({a: (float(i * 37 % 500), float(i * 91 % 400))
                                             for i, a in enumerate(sorted(result.layout()))}, "older inputs"))
    pipeline.write_site(result, site)
    drawn = read_layout(site / LAYOUT_FILE).positions
    assert result.layout(site) == drawn != result.layout()
    single = pipeline.write_map(result, "last", tmp_path / "site" / "mail.html")
    page = single.read_text(encoding="utf-8")
    nodes = json.loads(page.split('id="netviz-graph">')[1].split("</script>")[0])["nodes"]
    positions = {n["id"]: (n["x"], n["y"]) for n in nodes}
    assert positions.items() <= drawn.items()
