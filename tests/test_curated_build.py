"""Curated data belongs to its corpus: DATA/curated.yaml is read, --curated adds
more, nothing else is merged in, and the build says what every entry did."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from netviz import pipeline
from netviz.cli import app

CURATED = """\
relations:
  - {a: POL, b: UKR, sign: "+", kind: material_cooperation, intensity: 7, valid_from: 2022-02-24,
     source: "a citation"}
  - {a: USA, b: UKR, sign: "+", kind: material_cooperation, intensity: 7, valid_from: 2014-01-01,
     valid_to: 2014-12-31, source: "a citation"}
suppress:
  - {a: UKR, b: RUS, sign: "-", note: "judged wrong"}
  - {a: FRA, b: UKR, sign: "-", note: "matches nothing"}
"""
MORE = """\
relations:
  - {a: DEU, b: UKR, sign: "+", kind: verbal_cooperation, intensity: 4, valid_from: 2022-01-01, source: "another"}
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A user's corpus about Ukraine in 2022: one article, no curated file yet."""
    folder = tmp_path / "ukraine"
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "a.txt").write_text(
        "---\ndate: 2022-03-01\n---\nRussia attacked Ukraine. Poland supports Ukraine.\n", encoding="utf-8")
    return folder


def build(folder: Path, **options) -> pipeline.Build:
    return pipeline.build(folder, jobs=1, **options)


def test_a_corpus_without_curated_file_gets_no_curated_relations(corpus):
    result = build(corpus)
    assert result.curated.relations == () and result.curated.files == ()
    G = result.snapshot("last")
    assert {tuple(sorted(e)) for e in G.edges} == {("RUS", "UKR"), ("POL", "UKR")}
    assert all(o == "extracted" for *_, origins in G.edges(data="origins") for o in origins)


def test_the_curated_file_inside_the_data_folder_is_read_and_curated_files_add_more(corpus, tmp_path):
    (corpus / "curated.yaml").write_text(CURATED, encoding="utf-8")
    more = tmp_path / "more.yaml"
    more.write_text(MORE, encoding="utf-8")

    result = build(corpus, curated=[more])
    assert result.curated.files == (corpus / "curated.yaml", more)
    assert [r.dyad for r in result.curated.relations] == [("POL", "UKR"), ("UKR", "USA"), ("DEU", "UKR")]
    G = result.snapshot("last")
    assert "curated" in G.edges["POL", "UKR"]["origins"] and G.has_edge("DEU", "UKR")
    assert not G.has_edge("RUS", "UKR")  # suppressed

    ignored = build(corpus, curated=[more], bundled_curated=False)
    assert [r.dyad for r in ignored.curated.relations] == [("DEU", "UKR")]
    assert ignored.snapshot("last").has_edge("RUS", "UKR")


def test_the_build_counts_what_each_entry_did_and_warns_about_entries_that_matched_nothing(corpus):
    (corpus / "curated.yaml").write_text(CURATED, encoding="utf-8")
    use = build(corpus).curated_use
    assert (use.relations, use.applied) == (2, 1)
    assert use.unused == (f"{corpus / 'curated.yaml'}:4",)
    assert [(s.label(), n) for s, n in use.removed] == [("UKR - RUS", 1), ("FRA - UKR", 0)]
    assert use.warnings == (
        f"{corpus / 'curated.yaml'}:8: suppression FRA - UKR matched no relation; check its actors, sign and article",
    )


def test_netviz_build_prints_the_counts_and_the_warnings(corpus, tmp_path):
    (corpus / "curated.yaml").write_text(CURATED, encoding="utf-8")
    result = CliRunner().invoke(app, ["build", "--data", str(corpus), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    where = corpus / "curated.yaml"
    assert result.stdout.startswith("1 articles, 1 relations extracted, 2 curated (1 valid on a snapshot date);")
    assert f"curated: 1 hold on no snapshot date ({where}:4)" in result.stdout
    assert f"suppressed: 1 relation by UKR - RUS ({where}:7)" in result.stdout
    assert result.stderr.splitlines() == [
        f"Warning: {where}:8: suppression FRA - UKR matched no relation; check its actors, sign and article"]


@pytest.mark.parametrize("flag", ["--no-data-curated", "--no-bundled-curated"])
def test_the_data_folders_curated_file_can_be_left_out(corpus, tmp_path, flag):
    (corpus / "curated.yaml").write_text(CURATED, encoding="utf-8")
    result = CliRunner().invoke(app, ["export", "--format", "csv", "--data", str(corpus), "--out", str(tmp_path / "t"),
                                      "--jobs", "1", "--no-cache", flag])
    assert result.exit_code == 0 and result.stderr == ""
    assert "RUS,UKR" in (tmp_path / "t" / "edges.csv").read_text(encoding="utf-8")  # not suppressed
