"""The precision audit of bench/audit_real.py: how relations are keyed, matched to judgments and counted.

The script is a benchmark (not part of the package), loaded here from its file; the fixtures are
relations and judgments built in code, so no model and no article is needed.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import bench_script
from netviz.errors import NetvizError
from netviz.model import Evidence, Relation

audit_real = bench_script("audit_real")


def rel(a: str, b: str, sign: int, sentence: str, rule: str, confidence: float, article: str = "art1") -> Relation:
    kind = "material_cooperation" if sign > 0 else "material_conflict"
    ev = Evidence(sentence=sentence, cue="cue", article=article, rule=rule)
    return Relation(a, b, sign, kind, 5.0, date(2017, 1, 8), "extracted", ev, confidence)


FILES = {"art1": "art1.txt", "art2": "art2.txt"}
S1 = "Russia backs Syria and Iran."
S2 = "He attacked Turkey."
S3 = "The rebels fought Syria."


def fixture() -> tuple[list, dict]:
    relations = [
        rel("SYR", "RUS", 1, S1, "subject-object", 0.95),
        rel("RUS", "IRN", 1, S1, "subject-object", 0.95),
        rel("RUS", "TUR", -1, S2, "subject-object; 'He' -> 'Putin' (1 sentence before)", 0.665),
        rel("SYR", "FSA", -1, S3, "subject-object; generic 'The rebels' (rebels of SYR, the sentence's place)", 0.71,
            "art2"),
        rel("USA", "SYR", -1, S3, "nearest actor after the cue in its sentence", 0.7, "art2"),
        rel("USA", "TUR", 1, S3, "nearest actor after the cue in its sentence", 0.3, "art2"),  # not found
    ]
    found = audit_real.findings(relations, FILES)
    key = {(f.key[2], f.key[3]): f.key for f in found}
    judgments = {
        key[("RUS", "SYR")]: audit_real.Judgment("right"),
        key[("IRN", "RUS")]: audit_real.Judgment("wrong", "wrong pair attached"),
        key[("RUS", "TUR")]: audit_real.Judgment("unsure"),
        key[("FSA", "SYR")]: audit_real.Judgment("wrong", "generic resolved to wrong actor"),
        # a relation an earlier version extracted and this one does not
        ("art9.txt", "0" * 40, "CHN", "USA", "-"): audit_real.Judgment("right"),
    }
    return found, judgments


def test_a_key_is_the_file_the_sentence_hash_the_sorted_pair_and_the_sign():
    key = audit_real.relation_key("art1.txt", rel("SYR", "RUS", 1, S1, "subject-object", 0.95))
    assert key[0] == "art1.txt" and key[2:] == ("RUS", "SYR", "+")
    assert key[1] == audit_real.sentence_sha1(S1) and len(key[1]) == 40 and S1 not in key


def test_what_a_pair_rests_on_is_read_from_the_evidence_rule():
    def rests(rule: str) -> str:
        return audit_real.findings([rel("RUS", "SYR", 1, S1, rule, 0.9)], FILES)[0].rests_on

    assert rests("subject-object") == rests("subject-object; hedged ('likely')") == "names only"
    assert rests("subject-object; 'We' -> speaker 'Israeli'") == "pronoun or description"
    assert rests("a-b; implied: USA, the article's main actor; generic 'rebels' (rebels of SYR, x)") == \
        "generic actor + implied main actor"


def test_only_findings_are_judged_and_one_relation_per_key():
    found, _ = fixture()
    assert len(found) == 5  # the relation at 0.3 is below the found threshold
    twice = audit_real.findings([rel("RUS", "SYR", 1, S1, "a", 0.6), rel("SYR", "RUS", 1, S1, "b", 0.9)], FILES)
    assert [(f.rule, f.relation.confidence) for f in twice] == [("b", 0.9)]


def test_verdicts_are_counted_overall_per_rule_per_resolution_per_bin_and_cause():
    found, judgments = fixture()
    a = audit_real.audit(found, judgments)
    o = a.overall
    assert (o.right, o.wrong, o.unsure, o.unjudged, o.precision) == (1, 2, 1, 1, 1 / 3)
    assert a.stale == 1
    so = a.by_rule["subject-object"]
    assert (so.right, so.wrong, so.unsure) == (1, 2, 1)
    # only the two relations whose sides are named count against the path's confidence
    named = a.by_rule_named["subject-object"]
    assert (named.right, named.wrong) == (1, 1)
    assert set(a.by_rests_on) == {"names only", "pronoun or description", "generic actor"}
    assert a.by_rests_on["generic actor"].wrong == 1
    assert {lo: (t.right, t.wrong, t.unsure, t.unjudged) for lo, t in a.by_bin.items()} == \
        {0.9: (1, 1, 0, 0), 0.7: (0, 1, 0, 1), 0.6: (0, 0, 1, 0)}
    assert {c: [k[2:4] for k in keys] for c, keys in a.causes.items()} == \
        {"generic resolved to wrong actor": [("FSA", "SYR")], "wrong pair attached": [("IRN", "RUS")]}
    assert [f.key[2:4] for f in a.unjudged] == [("SYR", "USA")]
    # sentence S1 half right, S3 wrong: the sentence-weighed figure
    assert (a.sentences, a.sentence_precision) == (2, 0.25)
    assert "nearest actor after the cue in its sentence" in audit_real.report(a, 2)


def test_relations_from_one_sentence_give_a_wider_interval_than_from_many():
    one, many = audit_real.Tally(), audit_real.Tally()
    for i in range(10):
        one = one.add(audit_real.Judgment("wrong"), 0.9, ("a.txt", "s"))
        many = many.add(audit_real.Judgment("wrong"), 0.9, ("a.txt", f"s{i}"))
    assert one.precision == many.precision == 0.0
    assert one.interval()[1] > 0.7 > 0.3 > many.interval()[1]


def test_the_judgments_file_round_trips_sorted_and_without_text(tmp_path):
    _, judgments = fixture()
    path = tmp_path / "j.json"
    path.write_text(audit_real.judgments_text(judgments))
    assert audit_real.load_judgments(path) == judgments
    text = path.read_text()
    assert S1 not in text and S3 not in text
    entries = json.loads(text)["judgments"]
    assert [e["article"] for e in entries] == sorted(e["article"] for e in entries)
    assert audit_real.load_judgments(tmp_path / "missing.json") == {}


@pytest.mark.parametrize("entry, message", [
    ({"verdict": "right"}, "missing field 'article'"),
    ({"article": "a.txt", "sentence_sha1": "x", "pair": ["B", "A"], "sign": "+", "verdict": "right"}, "sorted"),
    ({"article": "a.txt", "sentence_sha1": "x", "pair": ["A", "B"], "sign": "+", "verdict": "maybe"}, "verdict"),
    ({"article": "a.txt", "sentence_sha1": "x", "pair": ["A", "B"], "sign": "+", "verdict": "wrong"}, "needs a cause"),
    ({"article": "a.txt", "sentence_sha1": "x", "pair": ["A", "B"], "sign": "+", "verdict": "right",
      "cause": "wrong sign"}, "only a wrong relation"),
])
def test_a_bad_judgment_is_one_line_naming_the_file_and_entry(tmp_path, entry, message):
    path = tmp_path / "j.json"
    path.write_text(json.dumps({"judgments": [entry]}))
    with pytest.raises(NetvizError, match=message) as err:
        audit_real.load_judgments(path)
    assert str(err.value).startswith(f"{path}: judgments[0]") and "\n" not in str(err.value)


def test_a_relation_judged_twice_is_refused(tmp_path):
    entry = {"article": "a.txt", "sentence_sha1": "x", "pair": ["A", "B"], "sign": "+", "verdict": "right"}
    path = tmp_path / "j.json"
    path.write_text(json.dumps({"judgments": [entry, {**entry, "verdict": "wrong", "cause": "wrong sign"}]}))
    with pytest.raises(NetvizError, match=r"judgments\[1\]: judged twice"):
        audit_real.load_judgments(path)


def test_recorded_verdicts_go_to_the_relations_they_name_and_a_typo_is_refused():
    found, judgments = fixture()
    todo = audit_real.audit(found, judgments).unjudged[0]
    verdicts = audit_real.parse_verdicts([f"{todo.id} wrong not a relation"], "v.txt")
    after = audit_real.record(found, judgments, verdicts, "v.txt")
    assert after[todo.key] == audit_real.Judgment("wrong", "not a relation") and len(after) == len(judgments) + 1
    assert audit_real.audit(found, after).unjudged == []
    with pytest.raises(NetvizError, match="v.txt: ids not among the relations extracted now: 00000000"):
        audit_real.record(found, judgments, {"00000000": audit_real.Judgment("right")}, "v.txt")
    with pytest.raises(NetvizError, match="v.txt, line 1: a wrong relation needs a cause"):
        audit_real.parse_verdicts(["abcd1234 wrong"], "v.txt")


def test_the_sample_depends_on_the_names_only():
    names = [f"2015-01-{d:02d}_article.txt" for d in range(1, 29)]
    assert audit_real.sample(names, 5) == audit_real.sample(reversed(names), 5)
    assert audit_real.sample(names, 5) == audit_real.sample(names, 10)[:5]  # a larger sample extends a smaller one
    assert audit_real.sample(names, 5, skip=5) == audit_real.sample(names, 10)[5:]  # a fresh one follows it
    assert audit_real.sample(names, 5) != sorted(names)[:5]


def test_a_missing_corpus_is_one_line_and_exit_1(tmp_path, capsys):
    assert audit_real.main(["--real", str(tmp_path / "nowhere"), "--judgments", str(tmp_path / "j.json")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "nowhere: no such folder" in err and err.count("\n") == 1


def test_skip_gives_the_next_articles_in_the_same_order_for_a_fresh_held_out_slice():
    names = [f"2016-02-{d:02d}_article.txt" for d in range(1, 29)]
    first, fresh = audit_real.sample(names, 10), audit_real.sample(names, 5, skip=10)
    assert fresh == audit_real.sample(names, 15)[10:] and not set(fresh) & set(first)
    assert audit_real.sample(names, 50, skip=25) == audit_real.sample(names, 28)[25:]  # past the end: what is left


def test_a_held_out_slice_keeps_its_own_figures(tmp_path, monkeypatch):
    (tmp_path / "real").mkdir()
    monkeypatch.setattr(audit_real, "FIGURES", tmp_path / "audit_real_figures.json")
    monkeypatch.setattr(audit_real, "extract_sample", lambda folder, size, skip: ([], [], {}))
    assert audit_real.main(["--real", str(tmp_path / "real"), "--skip", "100", "--size", "50",
                            "--judgments", str(tmp_path / "j.json")]) == 0
    fig = json.loads((tmp_path / "audit_real_figures_skip100.json").read_text())
    assert (fig["sample"], fig["skip"]) == (50, 100) and not (tmp_path / "audit_real_figures.json").exists()


def test_a_negative_skip_is_one_line_and_exit_1(tmp_path, capsys):
    (tmp_path / "real").mkdir()
    assert audit_real.main(["--real", str(tmp_path / "real"), "--skip", "-1", "--judgments", str(tmp_path / "j")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: --skip -1") and err.count("\n") == 1
