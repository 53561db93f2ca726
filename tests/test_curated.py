from datetime import date
from pathlib import Path

import pytest

from netviz.errors import NetvizError
from netviz.ingest.curated import load_curated
from netviz.model import Evidence, Relation


class FakeCodebook:
    """Only membership matters to curated.py; the real codebook is tested in test_actors."""

    def __init__(self, ids):
        self.ids = set(ids)

    def __contains__(self, actor):
        return actor in self.ids


CODEBOOK = FakeCodebook({"USA", "TUR", "RUS", "SYR", "YPG", "PKK", "NATO"})


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_starter_set_is_sourced_and_valid_against_the_codebook():
    from netviz.ingest.actors import load_codebook

    cur = load_curated(codebook=load_codebook(), bundled=True)
    assert len(cur.relations) >= 20
    for rel in cur.relations:
        assert rel.origin == "curated"
        assert rel.evidence.outlet, f"{rel.dyad} has no source"
        assert rel.evidence.sentence
        assert rel.valid_to is None or rel.valid_from <= rel.valid_to
    dyads = {(r.dyad, r.sign) for r in cur.relations}
    for expected in [(("NATO", "TUR"), 1), (("NATO", "USA"), 1), (("RUS", "SYR"), 1), (("PKK", "TUR"), -1),
                     (("ISIS", "USA"), -1), (("USA", "YPG"), 1)]:
        assert expected in dyads


def test_validity_bounds_which_dates_a_relation_counts_on(tmp_path):
    path = write(tmp_path, """
relations:
  - {a: RUS, b: TUR, sign: "-", kind: material_conflict, intensity: 7,
     valid_from: 2015-11-24, valid_to: 2016-06-29, source: "BBC"}
""")
    cur = load_curated([path], CODEBOOK, bundled=False)
    assert [r.dyad for r in cur.valid_on(date(2016, 1, 1))] == [("RUS", "TUR")]
    assert cur.valid_on(date(2016, 6, 29))
    assert not cur.valid_on(date(2016, 6, 30))
    assert not cur.valid_on(date(2015, 11, 23))


def test_suppression_drops_a_dyad_and_sign_optionally_in_one_article(tmp_path):
    path = write(tmp_path, """
suppress:
  - {a: PKK, b: USA, sign: "+", article: a1, note: "columnist's claim"}
  - {a: TUR, b: YPG, sign: "+"}
""")
    cur = load_curated([path], CODEBOOK, bundled=False)

    def rel(a, b, sign, article):
        kind = "material_cooperation" if sign > 0 else "material_conflict"
        return Relation(a, b, sign, kind, 5, date(2018, 1, 1), "extracted", Evidence("s", "c", article=article))

    rels = [rel("USA", "PKK", 1, "a1"), rel("USA", "PKK", 1, "a2"), rel("USA", "PKK", -1, "a1"),
            rel("YPG", "TUR", 1, "a3"), rel("YPG", "TUR", -1, "a3")]
    kept = cur.apply(rels)
    assert [(r.dyad, r.sign, r.evidence.article) for r in kept] == [
        (("PKK", "USA"), 1, "a2"), (("PKK", "USA"), -1, "a1"), (("TUR", "YPG"), -1, "a3")]


@pytest.mark.parametrize(
    "entry, expected",
    [
        ('{a: USA, b: XXX, sign: "+", kind: verbal_cooperation, intensity: 3, valid_from: 2017-01-01, source: s}',
         "unknown actor id 'XXX' in 'b'"),
        ('{a: USA, b: TUR, sign: "plus", kind: verbal_cooperation, intensity: 3, valid_from: 2017-01-01, source: s}',
         "sign 'plus' must be"),
        ('{a: USA, b: TUR, sign: "+", kind: friendship, intensity: 3, valid_from: 2017-01-01, source: s}',
         "kind 'friendship' is not one of"),
        ('{a: USA, b: TUR, sign: "+", kind: verbal_conflict, intensity: 3, valid_from: 2017-01-01, source: s}',
         "does not go with sign +"),
        ('{a: USA, b: TUR, sign: "+", kind: verbal_cooperation, intensity: 11, valid_from: 2017-01-01, source: s}',
         "intensity 11 must be a number from 0 to 10"),
        ('{a: USA, b: TUR, sign: "+", kind: verbal_cooperation, intensity: 3, valid_from: 2017-02-30, source: s}',
         "valid_from: '2017-02-30' is not a date"),
        ('{a: USA, b: TUR, sign: "+", kind: verbal_cooperation, intensity: 3, valid_from: 2017-01-01, valid_to: 2016-01-01, source: s}',
         "valid_to 2016-01-01 is before valid_from"),
        ('{a: USA, b: TUR, sign: "+", kind: verbal_cooperation, intensity: 3, valid_from: 2017-01-01}',
         "entry has no 'source'"),
        ('{a: USA, b: USA, sign: "+", kind: verbal_cooperation, intensity: 3, valid_from: 2017-01-01, source: s}',
         "needs two different actors"),
    ],
)
def test_bad_entries_name_the_file_line_and_field(tmp_path, entry, expected):
    path = write(tmp_path, f"relations:\n  - {{a: USA, b: TUR, sign: \"+\", kind: verbal_cooperation, intensity: 3, valid_from: 2017-01-01, source: ok}}\n  - {entry}\n")
    with pytest.raises(NetvizError) as err:
        load_curated([path], CODEBOOK, bundled=False)
    assert f"{path}:3" in str(err.value)
    assert expected in str(err.value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("relations: [unclosed", "malformed YAML"),
        ("- just a list", "holds 'relations:' and/or 'suppress:'"),
        ("relations: {a: USA}", "'relations' must be a list"),
    ],
)
def test_bad_files_are_errors(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(NetvizError, match=expected):
        load_curated([path], CODEBOOK, bundled=False)
