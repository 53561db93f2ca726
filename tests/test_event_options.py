"""GDELT and ICEWS as their users code them: one CAMEO root to quad-class table
(checked on the real GDELT sample), GDELT's filters and weighting, the optional
repeated-report rule, and skip reasons a user can act on."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netviz.cli import app
from netviz.ingest import events
from netviz.ingest.actors import load_codebook
from netviz.ingest.events import QUAD_CLASSES, EventOptions, read_events
from netviz.model import KINDS

SAMPLE = Path("external") / "gdelt-20191024143000.export.CSV"
CODEBOOK = load_codebook()


@pytest.fixture(scope="module")
def gdelt(shared) -> tuple[Path, list[list[str]]]:
    path = shared / SAMPLE
    with path.open(encoding="utf-8", newline="") as fh:
        return path, list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_the_quad_class_table_is_gdelts_published_scheme_and_every_sample_row_follows_it(gdelt):
    # GDELT's codebook: roots 01-05 verbal cooperation, 06-09 material
    # cooperation, 10-14 verbal conflict, 15-20 material conflict
    published = {**{f"{r:02d}": 1 for r in range(1, 6)}, **{f"{r:02d}": 2 for r in range(6, 10)},
                 **{f"{r:02d}": 3 for r in range(10, 15)}, **{f"{r:02d}": 4 for r in range(15, 21)}}
    assert QUAD_CLASSES == {root: KINDS[quad - 1] for root, quad in published.items()}
    _, rows = gdelt
    assert Counter(QUAD_CLASSES[r[28]] == KINDS[int(r[29]) - 1] for r in rows) == Counter({True: len(rows)})


def test_a_protest_and_an_aid_pledge_get_the_same_kind_from_gdelt_and_icews(tmp_path):
    gdelt = tmp_path / "20191024143000.export.CSV"
    rows = []
    for i, (code, goldstein, quad) in enumerate((("141", "-6.5", "3"), ("092", "2.0", "2"))):
        row = [""] * 61
        row[0], row[1], row[25], row[26], row[28], row[29], row[30], row[31], row[32] = (
            str(i), "20191024", "1", code, code[:2], quad, goldstein, "1", "1")
        row[5], row[7], row[15], row[17], row[59], row[60] = "TUR", "TUR", "SYR", "SYR", "20191024143000", f"u{i}"
        rows.append("\t".join(row))
    gdelt.write_text("\n".join(rows) + "\n", encoding="utf-8")
    icews = tmp_path / "events.tab"
    header = ["Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code", "Intensity",
              "Target Name", "Target Sectors", "Target Country", "Story ID"]
    lines = ["\t".join(header)] + [
        "\t".join(["2019-10-24", "Turkey", "", "Turkey", text, code, goldstein, "Syria", "", "Syria", story])
        for text, code, goldstein, story in (("Demonstrate", "141", "-6.5", "1"), ("Pledge aid", "092", "2.0", "2"))]
    icews.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kinds = {name: [r.kind for r in read_events(p, CODEBOOK).relations] for name, p in (("gdelt", gdelt), ("icews", icews))}
    assert kinds["gdelt"] == kinds["icews"] == ["verbal_conflict", "material_cooperation"]


def test_minimum_mentions_and_sources_and_root_events_keep_what_the_columns_say(gdelt):
    path, rows = gdelt
    everything = read_events(path, CODEBOOK, options=EventOptions(dedupe=False))
    by_id = {r[0]: r for r in rows}
    for options, keep in (
        (EventOptions(min_mentions=5, dedupe=False), lambda r: int(r[31]) >= 5),
        (EventOptions(min_sources=2, dedupe=False), lambda r: int(r[32]) >= 2),
        (EventOptions(root_only=True, dedupe=False), lambda r: r[25] == "1"),
    ):
        kept = read_events(path, CODEBOOK, options=options)
        expected = [rel for rel in everything.relations if keep(by_id[rel.evidence.rule.removeprefix("gdelt event ")])]
        assert kept.relations == tuple(expected) and 0 < len(expected) < len(everything.relations)
    s = read_events(path, CODEBOOK, options=EventOptions(min_mentions=5, min_sources=2, root_only=True)).summary
    assert s.skipped[events.FEW_MENTIONS] == sum(int(r[31]) < 5 for r in rows)
    assert s.skipped[events.FEW_SOURCES] == sum(int(r[31]) >= 5 and int(r[32]) < 2 for r in rows)
    assert s.used + sum(s.skipped.values()) == s.rows == len(rows)


def test_weighting_by_mentions_multiplies_the_goldstein_magnitude(gdelt):
    path, rows = gdelt
    by_id = {r[0]: r for r in rows}
    weighed = read_events(path, CODEBOOK, options=EventOptions(weight_by_mentions=True)).relations
    plain = read_events(path, CODEBOOK).relations
    assert len(weighed) == len(plain)
    for w, p in zip(weighed, plain):
        raw = by_id[w.evidence.rule.removeprefix("gdelt event ")]
        assert w.intensity == pytest.approx(abs(float(raw[30])) * int(raw[31])) and p.intensity == abs(float(raw[30]))
        assert f"{raw[31]} mentions" in w.evidence.sentence
    assert any(w.intensity > 10 for w in weighed)
    summary = events.format_summary(read_events(path, CODEBOOK, options=EventOptions(weight_by_mentions=True)).summary)
    assert "weighted by mentions: an event's intensity is its Goldstein magnitude times its NumMentions" in summary


def test_the_repeated_report_rule_is_optional(gdelt):
    path, rows = gdelt
    deduped = read_events(path, CODEBOOK).summary
    every = read_events(path, CODEBOOK, options=EventOptions(dedupe=False)).summary
    dropped = deduped.skipped[events.REPEATED] + deduped.skipped[events.MIRRORED]
    assert dropped > 0 and every.skipped[events.REPEATED] == every.skipped[events.MIRRORED] == 0
    assert every.used == deduped.used + dropped
    assert "repeated reports kept (--keep-repeats)" in events.format_summary(every)
    assert "repeated reports kept" not in events.format_summary(deduped)


def test_rows_without_actor_code_and_sector_actors_without_country_are_told_apart(gdelt):
    path, rows = gdelt
    s = read_events(path, CODEBOOK).summary
    assert s.skipped[events.NO_CODE] == sum(not (r[5] and r[15]) for r in rows)
    sectors_only = sum(bool(r[5] and r[15]) and any(not r[i + 2] and not r[i + 3] for i in (5, 15)) for r in rows)
    assert 0 < s.skipped[events.NO_COUNTRY] <= sectors_only
    text = events.format_summary(s)
    assert f"{s.skipped[events.NO_CODE]:,} an actor has no actor code" in text
    assert f"{s.skipped[events.NO_COUNTRY]:,} an actor is a sector (government, military, ...) with no country" in text


def test_icews_files_warn_that_gdelt_options_do_not_apply(tmp_path):
    path = tmp_path / "events.tab"
    path.write_text("Event Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\t"
                    "Target Name\tTarget Sectors\tTarget Country\tStory ID\n"
                    "2019-10-24\tTurkey\t\tTurkey\tFight\t190\t-10\tSyria\t\tSyria\t1\n", encoding="utf-8")
    result = read_events(path, CODEBOOK, options=EventOptions(min_mentions=3, root_only=True))
    assert len(result.relations) == 1
    assert result.warnings == (f"{path}: ICEWS events have no mention, source or root-event columns; "
                               "--min-mentions, --root-only do not apply to it",)


def test_cli_takes_the_gdelt_options_for_events_and_for_build(gdelt, tmp_path):
    path, rows = gdelt
    runner = CliRunner()
    result = runner.invoke(app, ["events", str(path), "--format", "jsonl", "--root-only", "--min-mentions", "3",
                                 "--weight-by-mentions", "--keep-repeats"])
    assert result.exit_code == 0, result.output
    expected = read_events(path, CODEBOOK, options=EventOptions(min_mentions=3, root_only=True, weight_by_mentions=True,
                                                                dedupe=False))
    assert len(result.stdout.splitlines()) == len(expected.relations) > 0
    assert "not a root event (--root-only)" in result.stderr
    built = runner.invoke(app, ["export", "--events", str(path), "--data", str(tmp_path / "none"), "--format", "csv",
                                "--out", str(tmp_path / "tables"), "--min-sources", "2", "--no-cache"])
    assert built.exit_code == 0, built.output
    assert "fewer sources than --min-sources" in built.stderr
    assert runner.invoke(app, ["events", str(path), "--min-mentions", "0"]).exit_code == 2
