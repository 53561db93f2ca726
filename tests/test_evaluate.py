"""Scoring against gold files: loading, micro precision/recall, per-article errors, bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from netviz.errors import NetvizError
from netviz.extract.evaluate import (
    evaluate,
    evaluation_record,
    format_evaluation,
    load_gold,
    unknown_warning,
)
from netviz.model import Article, Evidence, Relation


def _gold(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "gold.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _rel(article: str, a: str, b: str, sign: int, confidence: float = 0.9, sentence: str = "S.") -> Relation:
    kind = "verbal_cooperation" if sign > 0 else "verbal_conflict"
    ev = Evidence(sentence, "cue", article=article, rule="subject-object")
    return Relation(a, b, sign, kind, 3.0, date(2020, 1, 1), "extracted", ev, confidence)


def _one_article(tmp_path: Path) -> Path:
    """A folder with one article, a1.md: Japan condemns North Korea, praises Iran."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a1.md").write_text("---\ndate: 2020-05-01\n---\nJapan condemned North Korea. Japan praised Iran.\n",
                                  encoding="utf-8")
    return folder


GOLD = """\
articles:
  a1.txt:
    date: 2020-01-01
    required:
      - [RUS, TUR, "+"]
      - [RUS, UKR, "-"]
    acceptable:
      - [TUR, UKR, "+"]
  a2.md:
    required:
      - [IRN, ISR, "-"]
"""


def test_load_gold_reads_lists_as_undirected_signed_pairs(tmp_path):
    gold = load_gold(_gold(tmp_path, GOLD))
    a1 = gold.articles["a1.txt"]
    assert a1.id == "a1" and a1.date == date(2020, 1, 1)
    assert a1.required == {(("RUS", "TUR"), 1), (("RUS", "UKR"), -1)}
    assert a1.acceptable == {(("TUR", "UKR"), 1)}
    assert gold.articles["a2.md"].acceptable == frozenset()


def test_micro_scores_count_pairs_over_articles(tmp_path):
    gold = load_gold(_gold(tmp_path, GOLD))
    rels = [
        _rel("a1", "TUR", "RUS", 1),        # required, written the other way round
        _rel("a1", "RUS", "TUR", 1),        # the same pair again: counted once
        _rel("a1", "UKR", "TUR", 1),        # acceptable: precise, but no recall credit
        _rel("a1", "RUS", "UKR", 1),        # wrong sign: false
        _rel("a2", "IRN", "ISR", -1),       # required
        _rel("a3", "USA", "CHN", -1),       # not a gold article: ignored
    ]
    ev = evaluate(rels, gold)
    a1, a2 = ev.articles
    assert (a1.found, a1.correct, a1.required, a1.recalled) == (3, 2, 2, 1)
    assert (a2.found, a2.correct, a2.required, a2.recalled) == (1, 1, 1, 1)
    assert ev.precision == pytest.approx(3 / 4) and ev.recall == pytest.approx(2 / 3)
    assert ev.f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    assert a1.missed == (("RUS", "UKR", -1),)
    assert [(f.a, f.b, f.sign) for f in a1.false] == [("RUS", "UKR", 1)]


def test_low_confidence_relations_are_not_findings(tmp_path):
    gold = load_gold(_gold(tmp_path, GOLD))
    hedged = _rel("a2", "IRN", "ISR", -1, confidence=0.3)
    assert evaluate([hedged], gold).recalled == 0
    assert evaluate([hedged], gold, min_confidence=0.2).recalled == 1


def test_both_signs_of_a_dyad_are_scored_separately(tmp_path):
    gold = load_gold(_gold(tmp_path, "articles:\n  a1:\n    required:\n      - [RUS, TUR, '+']\n"
                                     "      - [RUS, TUR, '-']\n"))
    ev = evaluate([_rel("a1", "RUS", "TUR", 1)], gold)
    assert (ev.recall, ev.precision) == (0.5, 1.0)


def test_false_relations_carry_the_sentence_that_produced_them(tmp_path):
    gold = load_gold(_gold(tmp_path, GOLD))
    ev = evaluate([_rel("a2", "IRN", "USA", 1, sentence="Iran thanked Washington.")], gold)
    (false,) = ev.articles[1].false
    assert (false.sentence, false.cue, false.rule) == ("Iran thanked Washington.", "cue", "subject-object")
    shown = format_evaluation(ev)
    assert "false:  IRN + USA" in shown and "Iran thanked Washington." in shown
    assert "missed: IRN - ISR" in shown


def test_nothing_found_is_precise_but_recalls_nothing(tmp_path):
    ev = evaluate([], load_gold(_gold(tmp_path, GOLD)))
    assert (ev.precision, ev.recall, ev.f1) == (1.0, 0.0, 0.0)


def test_gold_articles_are_matched_by_file_name_or_id(tmp_path):
    gold = load_gold(_gold(tmp_path, GOLD))
    arts = [Article("a1", date(2020, 1, 1), "", "x", "t", path=tmp_path / "a1.txt"),
            Article("a2", date(2020, 1, 1), "", "x", "t", path=tmp_path / "a2.md")]
    assert len(evaluate([], gold, arts).articles) == 2


def test_unknown_gold_article_lists_the_articles_that_exist(tmp_path):
    gold = load_gold(_gold(tmp_path, GOLD))
    arts = [Article("a1", date(2020, 1, 1), "", "x", "t", path=tmp_path / "a1.txt"),
            Article("b7", date(2020, 1, 1), "", "x", "t", path=tmp_path / "b7.md")]
    with pytest.raises(NetvizError) as err:
        evaluate([], gold, arts)
    assert "'a2.md' is not among the articles read" in str(err.value)
    assert "a1.txt, b7.md" in str(err.value)


def test_evaluation_record_is_json(tmp_path):
    gold = load_gold(_gold(tmp_path, GOLD))
    record = evaluation_record(evaluate([_rel("a1", "RUS", "TUR", 1)], gold))
    data = json.loads(json.dumps(record))
    assert data["micro"]["recalled"] == 1 and data["micro"]["required"] == 3
    assert data["articles"][0]["missed"] == [["RUS", "UKR", "-"]]


@pytest.mark.parametrize("text, message", [
    ("articles:\n  a1:\n    required:\n      - [RUS, TUR, '*']\n", "sign '*' must be"),
    ("articles:\n  a1:\n    required:\n      - [RUS, TUR]\n", "must be [ACTOR_A, ACTOR_B"),
    ("articles:\n  a1:\n    required:\n      - [RUS, RUS, '+']\n", "an actor cannot relate to itself"),
    ("articles:\n  a1:\n    required: RUS\n", "'required' must be a list"),
    ("articles:\n  a1:\n    requried: []\n", "unknown field 'requried'"),
    ("articles:\n  a1:\n    date: yesterday\n", "date 'yesterday' is not YYYY-MM-DD"),
    ("articles:\n  a1: [RUS]\n", "must map to required/acceptable lists"),
    ("relations: []\n", "needs an 'articles:' mapping"),
    ("articles: {a1: [\n", "malformed YAML"),
])
def test_bad_gold_files_name_the_file_line_and_entry(tmp_path, text, message):
    path = _gold(tmp_path, text)
    with pytest.raises(NetvizError) as err:
        load_gold(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_gold_ids_the_codebook_lacks_count_as_misses_and_are_listed(tmp_path):
    # another annotator's gold may name actors the codebook lacks: scored, not refused
    path = _gold(tmp_path, "articles:\n  a1:\n    required:\n      - [RUS, TRK, '+']\n      - [RUS, TUR, '+']\n"
                           "    acceptable:\n      - [XYZ, TUR, '-']\n")
    gold = load_gold(path, known_actors={"RUS", "TUR"})
    assert gold.unknown == ("TRK", "XYZ") and load_gold(path).unknown == ()
    ev = evaluate([_rel("a1", "RUS", "TUR", 1)], gold)
    assert (ev.recalled, ev.required, ev.articles[0].missed) == (1, 2, (("RUS", "TRK", 1),))
    assert evaluation_record(ev)["unknown_actors"] == ["TRK", "XYZ"]
    assert "missed: RUS + TRK  (TRK not in the codebook)" in format_evaluation(ev)
    assert unknown_warning(gold) == (f"{path} names 2 actor ids the codebook lacks (their pairs count as misses; "
                                     "add them with --actors FILE): TRK, XYZ")
    assert unknown_warning(load_gold(path, known_actors={"RUS", "TUR", "TRK", "XYZ"})) is None


def test_cli_evaluate_prints_scores_and_json(tmp_path):
    from typer.testing import CliRunner

    from netviz.cli import app

    folder = _one_article(tmp_path)
    gold = _gold(tmp_path, "articles:\n  a1.md:\n    required:\n      - [JPN, PRK, '-']\n      - [JPN, KOR, '+']\n")
    runner = CliRunner()
    table = runner.invoke(app, ["evaluate", str(gold), "--articles", str(folder)])
    assert table.exit_code == 0, table.output
    assert "micro" in table.stdout and "missed: JPN + KOR" in table.stdout and "false:  IRN + JPN" in table.stdout
    as_json = runner.invoke(app, ["evaluate", str(gold), "--articles", str(folder), "--format", "json"])
    micro = json.loads(as_json.stdout)["micro"]
    assert (micro["found"], micro["correct"], micro["required"], micro["recalled"]) == (2, 1, 2, 1)
    assert "lacks" not in table.stderr
    unknown = _gold(tmp_path, "articles:\n  a1.md:\n    required:\n      - [JPN, NOPE, '-']\n")
    warned = runner.invoke(app, ["evaluate", str(unknown), "--articles", str(folder)])
    assert warned.exit_code == 0 and "missed: JPN - NOPE" in warned.stdout
    assert [line for line in warned.stderr.splitlines() if "lacks" in line] == [
        f"Warning: {unknown} names 1 actor id the codebook lacks (their pairs count as misses; "
        "add them with --actors FILE): NOPE"]
    wrong = runner.invoke(app, ["evaluate", str(_gold(tmp_path, "articles:\n  b2.md: {}\n")), "--articles", str(folder)])
    assert wrong.exit_code == 1 and "the articles are: a1.md" in wrong.output


def test_reliability_bins_every_pair_at_its_highest_confidence(tmp_path):
    gold = load_gold(_gold(tmp_path, GOLD))
    rels = [
        _rel("a1", "RUS", "TUR", 1, 0.4), _rel("a1", "RUS", "TUR", 1, 1.0),  # required; counted once, at 1.0
        _rel("a1", "RUS", "UKR", -1, 0.95),                                   # required
        _rel("a1", "TUR", "UKR", 1, 0.85),                                    # acceptable
        _rel("a1", "IRN", "TUR", -1, 0.8),                                    # wrong, at the bin's lower edge
        _rel("a2", "IRN", "ISR", -1, 0.3),                                    # required, below the found threshold
        _rel("a2", "IRN", "USA", -1, 0.35),                                   # wrong
    ]
    ev = evaluate(rels, gold, target_precision=0.75)
    bins = {b.low: b for b in ev.reliability.bins}
    assert [b.low for b in ev.reliability.bins] == [0.9, 0.8, 0.3]    # highest first, empty bins left out
    assert (bins[0.9].pairs, bins[0.9].correct, bins[0.8].pairs, bins[0.8].correct) == (2, 2, 2, 1)
    assert (bins[0.3].pairs, bins[0.3].correct) == (2, 1)                 # 0.3 is in [0.3, 0.4), not below it
    assert bins[0.9].mean_confidence == pytest.approx(0.975)
    # "at or above" scores are what --min-confidence set to the edge would give
    assert (bins[0.8].above_pairs, bins[0.8].above_precision, bins[0.8].above_recall) == (4, 0.75, pytest.approx(2 / 3))
    assert (bins[0.3].above_pairs, bins[0.3].above_recall) == (6, 1.0)
    assert ev.reliability.supported_threshold == 0.8                      # 0.3 gives 4/6 right, under 0.75
    assert evaluate(rels, gold, target_precision=0.99).reliability.supported_threshold == 0.9
    assert evaluate(rels, gold, target_precision=1.0).reliability.supported_threshold == 0.9
    assert evaluate([_rel("a1", "IRN", "TUR", -1)], gold).reliability.supported_threshold is None
    # F1 is 0.8 at 0.9 (2/2 right, 2/3 recalled) and at 0.3 (4/6, 3/3), 0.71 at 0.8: the tie goes to the higher edge
    assert ev.reliability.best_f1_threshold == 0.9
    assert evaluate(rels[:-1], gold).reliability.best_f1_threshold == 0.3  # without the wrong IRN-USA, 0.3 wins
    assert evaluate([], gold).reliability.best_f1_threshold is None
    # the same pairs at their bins' mean confidence would be perfectly calibrated; these are not
    expected = (2 * abs(1 - 0.975) + 2 * abs(0.5 - 0.825) + 2 * abs(0.5 - 0.325)) / 6
    assert ev.reliability.calibration_error == pytest.approx(expected)
    record = evaluation_record(ev)["reliability"]
    assert record["supported_threshold"] == 0.8 and record["target_precision"] == 0.75
    assert record["best_f1_threshold"] == 0.9
    assert [(b["low"], b["pairs"], b["at_or_above"]["pairs"]) for b in record["bins"]] == [(0.9, 2, 2), (0.8, 2, 4), (0.3, 2, 6)]
    text = format_evaluation(ev)
    assert ("found threshold chosen: 0.90 (the highest F1); supported: 0.80 (pairs at or above it are at least 75% "
            "right); in use: 0.50") in text
    assert "0.30-0.40" in text and "0.50-0.60" not in text


def test_cli_evaluate_prints_the_reliability_table(tmp_path):
    from typer.testing import CliRunner

    from netviz.cli import app

    folder = _one_article(tmp_path)
    gold = _gold(tmp_path, "articles:\n  a1.md:\n    required:\n      - [JPN, PRK, '-']\n")
    runner = CliRunner()
    table = runner.invoke(app, ["evaluate", str(gold), "--articles", str(folder), "--target-precision", "0.4"])
    assert table.exit_code == 0, table.output
    assert "calibration error" in table.stdout and "found threshold chosen: " in table.stdout
    record = json.loads(runner.invoke(app, ["evaluate", str(gold), "--articles", str(folder), "--format", "json",
                                            "--target-precision", "0.4"]).stdout)["reliability"]
    assert sum(b["pairs"] for b in record["bins"]) == 2 and record["target_precision"] == 0.4
    assert record["supported_threshold"] is not None
    bad = runner.invoke(app, ["evaluate", str(gold), "--articles", str(folder), "--target-precision", "2"])
    assert bad.exit_code != 0 and "--target-precision" in bad.output


def test_dev_gold_is_scored_with_every_annotated_actor_known(shared):
    # the dev gold was written by another annotator; the codebook now knows all its ids
    from netviz.ingest.actors import load_codebook

    gold = load_gold(shared / "corpus" / "dev" / "gold.yaml", load_codebook().actors)
    assert len(gold.articles) == 26 and gold.unknown == ()


def test_cli_evaluate_runs_on_the_dev_gold_without_refusing_it(shared):
    from typer.testing import CliRunner

    from netviz.cli import app

    dev = shared / "corpus" / "dev"
    result = CliRunner().invoke(app, ["evaluate", str(dev / "gold.yaml"), "--articles", str(dev), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "lacks" not in result.stderr
    record = json.loads(result.stdout)
    assert len(record["articles"]) == 26 and record["unknown_actors"] == []
    assert record["micro"]["required"] == 203
    # every pair found at the threshold in use is in the table's rows at or above it
    at = [b for b in record["reliability"]["bins"] if b["low"] <= record["min_confidence"]]
    assert at and at[0]["at_or_above"]["pairs"] >= record["micro"]["found"]
