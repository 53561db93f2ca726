"""Relation extraction: the cue lexicon, sentence splitting, linking rules, modifiers, evidence, explanations.

The sentence cases below are written for these tests, about conflicts other
than the seed articles', with a small codebook built here, so a change to
the bundled codebook cannot hide or fake a regression. Each case lists the
pairs a reader must find (``required``) and the defensible extras
(``acceptable``), scored like the gold files: found pairs must be required
or acceptable, required pairs must be found.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from netviz.errors import NetvizError
from netviz.extract import (
    DEFAULT_CUES,
    FOUND_CONFIDENCE,
    default_cues,
    explain_article,
    extract_relations,
    format_explanation,
    load_cues,
    noun_forms,
    relations_table,
    split_sentences,
    verb_forms,
)
from netviz.extract.evaluate import evaluate, load_gold
from netviz.ingest.actors import Actor, Codebook, Person, load_codebook
from netviz.ingest.corpus import load_articles
from netviz.model import KINDS, Article, kind_sign

ROOT = Path(__file__).resolve().parents[1]
HELD_OUT = ROOT / "tests" / "data" / "extraction"


def _state(id_: str, name: str, *aliases: str, people: tuple = ()) -> Actor:
    return Actor(id_, name, "state", aliases, people=people)


def _group(id_: str, name: str, *aliases: str) -> Actor:
    return Actor(id_, name, "armed_group", aliases)


@pytest.fixture(scope="module")
def cb() -> Codebook:
    return Codebook(
        [
            _state("USA", "United States", "U.S.", "US", "American", "Americans", "Washington", "Pentagon",
                   "White House"),
            _state("RUS", "Russia", "Russian", "Russians", "Moscow", "Kremlin",
                   people=(Person("Vladimir Putin", ("Putin",), "President", date(2012, 5, 7), None),)),
            _state("TUR", "Turkey", "Turkish", "Turks", "Ankara",
                   people=(Person("Recep Tayyip Erdogan", ("Erdogan",), "President", date(2014, 8, 28), None),)),
            _state("UKR", "Ukraine", "Ukrainian", "Kyiv"),
            _state("BLR", "Belarus", "Belarusian", "Minsk"),
            _state("IRN", "Iran", "Iranian", "Tehran"),
            _state("ISR", "Israel", "Israeli"),
            _state("SAU", "Saudi Arabia", "Saudi", "Riyadh"),
            _state("ARE", "United Arab Emirates", "UAE", "Emirati"),
            _state("EGY", "Egypt", "Egyptian", "Cairo"),
            _state("LBY", "Libya", "Libyan", "Tripoli"),
            _state("CHN", "China", "Chinese", "Beijing"),
            _state("TWN", "Taiwan", "Taiwanese", "Taipei"),
            _state("JPN", "Japan", "Japanese", "Tokyo"),
            _state("PRK", "North Korea", "North Korean", "Pyongyang"),
            _state("KOR", "South Korea", "South Korean", "Seoul"),
            _state("IND", "India", "Indian", "New Delhi"),
            _state("PAK", "Pakistan", "Pakistani", "Islamabad"),
            _state("ETH", "Ethiopia", "Ethiopian", "Addis Ababa"),
            _state("ERI", "Eritrea", "Eritrean", "Asmara"),
            _state("SRB", "Serbia", "Serbian", "Belgrade"),
            _state("XKX", "Kosovo", "Kosovar", "Pristina"),
            _state("GBR", "Britain", "British", "London"),
            _state("FRA", "France", "French", "Paris"),
            _state("DEU", "Germany", "German", "Berlin"),
            _state("POL", "Poland", "Polish", "Warsaw"),
            _state("GRC", "Greece", "Greek", "Athens"),
            _state("QAT", "Qatar", "Qatari", "Doha"),
            _state("NGA", "Nigeria", "Nigerian", "Abuja"),
            _state("TCD", "Chad", "Chadian", "N'Djamena"),
            _state("AFG", "Afghanistan", "Afghan", "Kabul"),
            _state("SYR", "Syria", "Syrian", "Damascus"),
            _state("IRQ", "Iraq", "Iraqi", "Baghdad"),
            _state("KWT", "Kuwait", "Kuwaiti"),
            _state("SDN", "Sudan", "Sudanese", "Khartoum"),
            _state("AZE", "Azerbaijan", "Azerbaijani", "Baku"),
            _state("ARM", "Armenia", "Armenian", "Yerevan"),
            _state("RWA", "Rwanda", "Rwandan", "Kigali"),
            _group("HOUTHIS", "Houthis", "Houthi", "Houthi rebels", "Ansar Allah"),
            _group("HEZBOLLAH", "Hezbollah"),
            _group("HAMAS", "Hamas"),
            _group("TALIBAN", "Taliban"),
            _group("BOKO", "Boko Haram"),
            _group("M23", "M23", "March 23 Movement"),
            _group("LNA", "Libyan National Army", "LNA"),
            _group("YPG", "YPG", "Kurdish fighters"),
            _group("SHABAAB", "al-Shabaab", "Al-Shabaab"),
            Actor("NATO", "NATO", "organisation", ("Nato",)),
            Actor("EU", "European Union", "organisation", ("EU",)),
            Actor("UN", "United Nations", "organisation", ("UN", "U.N.")),
        ],
        not_actors=["Washington Institute"],
        not_followed_by=["-based"],
    )


def _found(text: str, cb: Codebook, when: date = date(2020, 6, 1)) -> set[tuple[str, str, str]]:
    rels = extract_relations([Article("t", when, "", "test", text)], cb)
    return {(*r.dyad, "+" if r.sign > 0 else "-") for r in rels if r.confidence >= FOUND_CONFIDENCE}


def assert_found(text: str, cb: Codebook, required: str, acceptable: str) -> None:
    """The sentence's findings hold every ``required`` pair and nothing outside ``required`` and
    ``acceptable`` (both as :func:`_pairs` reads them)."""
    found = _found(text, cb)
    must, may = _pairs(required), _pairs(acceptable)
    assert must <= found, f"missed {sorted(must - found)}"
    assert found <= must | may, f"false {sorted(found - must - may)}"


def _pairs(spec: str) -> set[tuple[str, str, str]]:
    """ "USA-IRN RUS+TUR" -> {("IRN", "USA", "-"), ("RUS", "TUR", "+")}"""
    out = set()
    for item in spec.split():
        sign = "+" if "+" in item else "-"
        a, b = item.split(sign)
        out.add((*sorted((a, b)), sign))
    return out


# (rule exercised, sentence, required, acceptable)
CASES = [
    ("subject-object", "Ethiopian troops attacked Eritrean positions near the border on Sunday.", "ETH-ERI", ""),
    ("x and y agreed", "India and Pakistan agreed to a ceasefire along the Line of Control.", "IND+PAK", ""),
    ("possessive object", "Japan condemned North Korea's latest missile launch.", "JPN-PRK", ""),
    ("noun with light verb", "The United States imposed new sanctions on Iran over its nuclear programme.",
     "USA-IRN", ""),
    ("mediator of a deal", "Saudi Arabia and Iran restored diplomatic relations in a deal brokered by China.",
     "SAU+IRN CHN+SAU CHN+IRN", ""),
    ("passive", "A Ukrainian drone was shot down by Russian air defences over Belgorod.", "RUS-UKR", ""),
    ("y, backed by x", "Houthi rebels, backed by Iran, fired missiles at Saudi Arabia.",
     "IRN+HOUTHIS HOUTHIS-SAU", ""),
    ("x-backed y", "Rwandan-backed M23 fighters seized the town of Bunagana.", "RWA+M23", ""),
    ("x's support for y", "China's support for Russia has worried European governments.", "CHN+RUS", ""),
    ("between", "Tensions between Serbia and Kosovo rose after the shooting.", "SRB-XKX", ""),
    ("list", "Britain, France and Germany urged Iran to return to the nuclear talks.",
     "GBR+IRN FRA+IRN DEU+IRN", "GBR+FRA GBR+DEU FRA+DEU"),
    ("object relative clause", "Hezbollah, which Iran has funded for decades, fired rockets into northern Israel.",
     "IRN+HEZBOLLAH", "HEZBOLLAH-ISR"),
    ("subject relative clause", "The Houthis, who seized the capital in 2014, fired a missile at Riyadh's airport.",
     "HOUTHIS-SAU", ""),
    ("dashes set off an aside", "Russia \u2014 which denies any role \u2014 attacked Turkey's navy.", "RUS-TUR", ""),
    ("participle ellipsis", "Turkey deployed troops to Qatar, signalling its support for Doha.", "TUR+QAT", ""),
    ("negation", "Israel did not attack Iranian nuclear sites.", "", ""),
    ("refusal", "Ankara refused to cooperate with Athens on migration.", "TUR-GRC", ""),
    ("reversal", "Washington stopped funding the Afghan army last year.", "USA-AFG", ""),
    ("the end of a cooperation", "The United States tore up its trade agreement with Japan.", "USA-JPN", ""),
    ("a cooperation frozen", "Russia froze military cooperation with Ukraine.", "RUS-UKR", ""),
    ("residence", "The U.S.-based cleric criticised Turkey's government.", "", ""),
    ("dateline", "MOSCOW (Reuters) \u2014 Ukraine accused Belarus of allowing Russian troops to cross its border.",
     "UKR-BLR BLR+RUS", ""),
    ("organisation name", "The Syrian Observatory said Turkish drones struck Kurdish fighters.", "TUR-YPG", ""),
    ("self relation", "The Pentagon criticised the White House over its handling of the crisis.", "", ""),
    ("place is no party", "Russian jets bombed rebel positions in Syria.", "", ""),
    ("hyphenated pair", "The US-Japan alliance remains strong.", "USA+JPN", ""),
    ("people on their dates", "Putin and Erdogan met in Sochi on Friday.", "RUS+TUR", ""),
    ("possessive war with", "Azerbaijan's war with Armenia ended in November.", "AZE-ARM", ""),
    ("threat", "North Korea threatened South Korea with nuclear weapons.", "PRK-KOR", ""),
    ("aid", "Germany said it would send weapons to Ukraine.", "DEU+UKR", ""),
    ("host of talks", "Qatar mediated talks between Hamas and Israel.", "QAT+HAMAS QAT+ISR HAMAS+ISR", ""),
    ("joint offensive against", "Nigeria and Chad launched a joint offensive against Boko Haram.",
     "NGA+TCD NGA-BOKO TCD-BOKO", ""),
    ("force posture", "Russia massed troops near Ukraine's border.", "RUS-UKR", ""),
    ("role apposition", "Poland, a NATO member, hosted American troops.", "POL+NATO POL+USA", ""),
    ("intent", "Sudan wants to normalise relations with Israel.", "SDN+ISR", ""),
    ("participle list", "The Libyan National Army, backed by Egypt and the UAE, attacked Tripoli.",
     "LNA+EGY LNA+ARE LNA-LBY", "EGY+ARE"),
    ("reported supply", "Iran was reportedly supplying drones to Russia.", "IRN+RUS", ""),
    ("counterparts", "U.S. officials spoke by phone with their Chinese counterparts.", "USA+CHN", ""),
    ("gerund subject", "Erdogan said isolating Qatar would solve nothing.", "", "TUR-QAT"),
    ("nationality adjective", "Hezbollah, the Iran-backed Lebanese movement, stayed out of the war.",
     "IRN+HEZBOLLAH", ""),
    ("troops loyal to", "Fighting between Houthi rebels and troops loyal to Saudi Arabia intensified.",
     "HOUTHIS-SAU", ""),
    ("aspectual verb", "Saudi warplanes began bombing Houthi positions on Thursday.", "SAU-HOUTHIS", ""),
    ("reported pronoun", "Pakistan said on Wednesday that it had shot down two Indian jets.", "PAK-IND", ""),
    ("denied clause", "Iraq denied that it had helped Iran.", "", ""),
    ("possessive role apposition", "China, Pakistan's closest ally, urged restraint.", "CHN+PAK", ""),
    ("infuriate", "Washington's military support for Taiwan has infuriated Beijing.", "USA+TWN USA-CHN", ""),
    # issue 12: attachment read from the dependency parse
    ("aligned militia is not its home state", "Yemen's Iran-aligned Houthi rebels fired missiles at Saudi Arabia.",
     "IRN+HOUTHIS HOUTHIS-SAU", ""),
    ("key ally of", "Russia, a key ally of Syria, blocked the resolution.", "RUS+SYR", ""),
    ("co-agents", "Britain, France, Germany and Poland cut off ties with Iran.",
     "GBR-IRN FRA-IRN DEU-IRN POL-IRN", "GBR+FRA GBR+DEU GBR+POL FRA+DEU FRA+POL DEU+POL"),
    ("angered at B for supporting C", "Iran was angered at Turkey for supporting Azerbaijan.",
     "IRN-TUR TUR+AZE", ""),
    ("plan to work with X against Y", "Washington unveiled a plan to work with Russia against the Taliban.",
     "USA+RUS", "USA-TALIBAN RUS-TALIBAN"),
    ("on behalf of", "Chadian troops fighting on behalf of the Nigerian government attacked Boko Haram.",
     "TCD+NGA TCD-BOKO", "NGA-BOKO"),
    ("visit without agreement", "Erdogan's visit to Athens ended without agreement.", "", "TUR+GRC"),
    ("the two countries", "India and Pakistan clashed. The two countries later signed a ceasefire.",
     "", "IND+PAK IND-PAK"),
    ("speaker of a quote", "“We will keep supplying weapons to Ukraine,” Germany said.", "DEU+UKR", ""),
]


@pytest.mark.parametrize("rule, text, required, acceptable", CASES, ids=[c[0] for c in CASES])
def test_annotated_sentences(cb, rule, text, required, acceptable):
    assert_found(text, cb, required, acceptable)


def test_pair_description_resolves_to_the_two_actors_named_before_at_lower_confidence(cb):
    text = "India and Pakistan clashed on Monday. The two countries later signed a ceasefire."
    rels = [r for r in extract_relations([Article("t", date(2019, 3, 1), "", "x", text)], cb) if r.sign > 0]
    assert [(r.dyad, r.sign) for r in rels] == [(("IND", "PAK"), 1)]
    assert rels[0].confidence < 0.85 and "'countries' -> 'India'" in rels[0].evidence.rule


def test_hedged_statement_is_kept_below_the_found_threshold(cb):
    rels = extract_relations([Article("t", date(2020, 1, 1), "", "x",
                                      "Beijing could invade Taiwan within five years.")], cb)
    assert [(r.dyad, r.sign) for r in rels] == [(("CHN", "TWN"), -1)]
    assert rels[0].confidence < FOUND_CONFIDENCE
    assert "could" in rels[0].evidence.rule


def test_historical_statement_lowers_confidence_but_counts(cb):
    now = extract_relations([Article("a", date(2020, 1, 1), "", "x", "Iraq invaded Kuwait.")], cb)[0]
    then = extract_relations([Article("a", date(2020, 1, 1), "", "x", "In 1990, Iraq invaded Kuwait.")], cb)[0]
    assert FOUND_CONFIDENCE <= then.confidence < now.confidence
    assert "historical" in then.evidence.rule


def test_reversal_and_refusal_change_sign_and_kind(cb):
    stopped = extract_relations([Article("a", date(2020, 1, 1), "", "x",
                                         "Washington stopped funding the Afghan army.")], cb)[0]
    assert (stopped.sign, stopped.kind) == (-1, "material_conflict")
    refused = extract_relations([Article("a", date(2020, 1, 1), "", "x",
                                         "Ankara refused to cooperate with Athens.")], cb)[0]
    assert (refused.sign, refused.kind) == (-1, "verbal_conflict")
    threat = extract_relations([Article("a", date(2020, 1, 1), "", "x",
                                        "Israel threatened to strike Iran.")], cb)
    assert {(r.sign, r.kind) for r in threat} == {(-1, "verbal_conflict")}


def test_people_resolve_only_on_dates_of_their_role(cb):
    assert _found("Putin and Erdogan met in Sochi.", cb, date(2018, 5, 1)) == {("RUS", "TUR", "+")}
    assert _found("Putin and Erdogan met in Sochi.", cb, date(2010, 5, 1)) == set()


# --- evidence and determinism --------------------------------------------------------

TEXT = (
    "Talks stalled again.\n\nRussian warplanes struck Ukrainian positions near Kharkiv on Tuesday, "
    "officials said. Gen. Ivanov met U.S. officials in Geneva. Turkey's support for Ukraine, however, "
    "angered Moscow."
)


def test_every_relation_carries_evidence_that_points_into_the_text(cb):
    art = Article("a7", date(2022, 3, 1), "Title", "wire service", TEXT, url="https://example.org/a7")
    rels = extract_relations([art], cb)
    assert {(r.a, r.b, r.sign) for r in rels} >= {("RUS", "UKR", -1), ("TUR", "UKR", 1), ("TUR", "RUS", -1)}
    for r in rels:
        ev = r.evidence
        assert art.text[ev.start : ev.end] == ev.sentence
        assert ev.sentence[ev.cue_start : ev.cue_end].strip()
        assert (ev.article, ev.title, ev.outlet, ev.url) == ("a7", "Title", "wire service", "https://example.org/a7")
        assert ev.rule and ev.cue
        assert r.a != r.b and r.kind in KINDS and kind_sign(r.kind) == r.sign
        assert 0 <= r.confidence <= 1 and 0 <= r.intensity <= 10
        assert (r.date, r.origin) == (date(2022, 3, 1), "extracted")


def test_cue_span_highlights_the_words_that_fired(cb):
    text = "Ankara strongly condemned Russia's offensive."
    rels = extract_relations([Article("a", date(2020, 1, 1), "", "x", text)], cb)
    spans = {r.evidence.sentence[r.evidence.cue_start : r.evidence.cue_end] for r in rels}
    assert "condemned" in spans


def test_one_relation_per_sentence_dyad_and_sign(cb):
    text = "Russia attacked Ukraine and shelled Ukraine again, and Russian jets bombed Ukraine."
    rels = extract_relations([Article("a", date(2020, 1, 1), "", "x", text)], cb)
    assert len(rels) == 1


def test_order_is_deterministic_and_follows_articles_and_text(cb):
    arts = [Article("b", date(2021, 1, 1), "", "x", "Iran backs Hezbollah. Israel attacked Hamas."),
            Article("a", date(2020, 1, 1), "", "x", "Japan criticised China.")]
    first = extract_relations(arts, cb)
    assert first == extract_relations(arts, cb)
    assert [(r.evidence.article, r.a) for r in first] == [("b", "IRN"), ("b", "ISR"), ("a", "JPN")]


# --- explanations ----------------------------------------------------------------------

def test_explain_says_why_each_sentence_gave_no_relation(cb):
    text = ("Israel did not attack Iran. The weather was fine. Turkey held elections. "
            "Russia and China both have long coastlines. The U.S.-based cleric criticised Turkey.")
    art = Article("a", date(2020, 1, 1), "", "x", text)
    expl = explain_article(art, cb)
    assert [e.number for e in expl] == [1, 2, 3, 4, 5]
    assert "negated by 'not'" in expl[0].reason
    assert expl[1].reason == "no actor"
    assert expl[2].reason == "one actor only (TUR)"
    assert expl[3].reason == "no cue"
    assert any("residence" in link.outcome for link in expl[4].links)
    assert all(art.text[e.start : e.end] == e.text for e in expl)


def test_explain_shows_actors_roles_cues_rules_and_relations(cb):
    text = "Russian jets bombed rebel positions in Syria, and Iran backed the Syrian army."
    (e,) = explain_article(Article("a", date(2020, 1, 1), "", "x", text), cb)
    roles = {(a.actor, a.role) for a in e.actors}
    assert ("SYR", "location") in roles and ("IRN", "actor") in roles
    assert {c.family for c in e.cues} >= {"assault", "aid"}
    assert [(r.a, r.b, r.sign) for r in e.relations] == [("IRN", "SYR", 1)]
    assert any(link.outcome == "relation" and link.rule == "subject-object" for link in e.links)
    shown = format_explanation([e])
    assert shown.startswith("[1] Russian jets") and "IRN + SYR" in shown


def test_explanation_relations_equal_extracted_ones(cb):
    art = Article("a", date(2022, 3, 1), "", "x", TEXT)
    explained = [r for e in explain_article(art, cb) for r in e.relations]
    assert explained == extract_relations([art], cb)


def test_relations_table_lists_each_relation(cb):
    rels = extract_relations([Article("a", date(2020, 1, 1), "", "x", "Japan criticised China.")], cb)
    table = relations_table(rels).splitlines()
    assert table[0].split()[:5] == ["date", "article", "source", "sign", "target"]
    assert table[2].split()[:5] == ["2020-01-01", "a", "JPN", "-", "CHN"]


# --- sentence splitting ---------------------------------------------------------------

@pytest.mark.parametrize("text, sentences", [
    ("Gen. James Mattis met Col. John Dorrian. They spoke.", ["Gen. James Mattis met Col. John Dorrian.", "They spoke."]),
    ("Troops left the U.S. base on Jan. 20 as planned. Mr. Putin said so.",
     ["Troops left the U.S. base on Jan. 20 as planned.", "Mr. Putin said so."]),
    ("Vladimir V. Putin spoke. Donald J. Trump listened.", ["Vladimir V. Putin spoke.", "Donald J. Trump listened."]),
    ('He said: "We will win." Then he left.', ['He said: "We will win."', "Then he left."]),
    ("US & Russia to free Palmyra\n\n\nSome of the mystery may disperse.",
     ["US & Russia to free Palmyra", "Some of the mystery may disperse."]),
    ("Turkey and Russia: allies?\nU.S. policymakers are trying to grasp it.",
     ["Turkey and Russia: allies?", "U.S. policymakers are trying to grasp it."]),
    ("A headline without a stop\nThe body starts here.", ["A headline without a stop", "The body starts here."]),
    ("Is it over? Nobody knows! Maybe.", ["Is it over?", "Nobody knows!", "Maybe."]),
])
def test_split_sentences(text, sentences):
    assert [text[s:e] for s, e in split_sentences(text)] == sentences


def test_hard_wrapped_paragraphs_are_not_cut_at_line_ends():
    text = ("Russian warplanes have carried out airstrikes to support the Turkish offensive in\n"
            "northern Syria against the Islamic State, an important evolution in a budding\n"
            "partnership that threatens to marginalize the United States in the struggle\n"
            "to shape the country's fate. The air missions took place for about a week.")
    assert len(split_sentences(text)) == 2


# --- the lexicon ----------------------------------------------------------------------

def test_inflections_are_generated_not_typed():
    assert {"attack", "attacks", "attacked", "attacking"} <= set(verb_forms("attack"))
    assert {"shot", "shooting"} <= set(verb_forms("shoot"))
    assert {"withdrew", "withdrawn"} <= set(verb_forms("withdraw"))
    assert {"banned", "banning"} <= set(verb_forms("ban"))
    assert {"allied", "allies", "allying"} <= set(verb_forms("ally"))
    assert "pp" in verb_forms("target")["targeted"]
    assert noun_forms("airstrike") == ["airstrike", "airstrikes"]


def test_bundled_lexicon_covers_every_cameo_family_with_its_quad_class():
    cues = load_cues()
    expected = {
        "01": "verbal_cooperation", "02": "verbal_cooperation", "03": "verbal_cooperation",
        "04": "verbal_cooperation", "05": "verbal_cooperation", "06": "material_cooperation",
        "07": "material_cooperation", "08": "material_cooperation", "09": "verbal_conflict",
        "10": "verbal_conflict", "11": "verbal_conflict", "12": "verbal_conflict", "13": "verbal_conflict",
        "14": "material_conflict", "15": "material_conflict", "16": "material_conflict", "17": "material_conflict",
        "18": "material_conflict", "19": "material_conflict", "20": "material_conflict",
    }
    assert {f.cameo: f.kind for f in cues.families.values()} == expected
    assert all(0 < f.intensity <= 10 for f in cues.families.values())
    assert cues.families["fight"].intensity > cues.families["disapprove"].intensity
    for family in cues.families:
        assert any(c.family == family for c in cues.entries), family


def test_inflected_and_british_forms_match(cb):
    assert _found("Japan criticises China.", cb) == {("CHN", "JPN", "-")}
    assert _found("Japan is co-operating with China.", cb) == {("CHN", "JPN", "+")}
    assert _found("Japan shot down a Chinese drone.", cb) == {("CHN", "JPN", "-")}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my_cues.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_user_lexicon_extends_the_bundled_one(tmp_path, cb):
    extra = _write(tmp_path, "families:\n  fight:\n    verbs: [\"skirmish (with) <>\"]\n"
                             "  space:\n    kind: material_cooperation\n    intensity: 5\n"
                             "    nouns: [\"space station (with|between) <>\"]\n")
    cues = load_cues(extra)
    assert cues.sources == (DEFAULT_CUES, extra)
    text = "Japan skirmished with China. Russia and the United States built a space station."
    rels = extract_relations([Article("a", date(2020, 1, 1), "", "x", text)], cb, cues)
    assert {(r.dyad, r.sign, r.kind) for r in rels} == {
        (("CHN", "JPN"), -1, "material_conflict"), (("RUS", "USA"), 1, "material_cooperation")}
    assert not extract_relations([Article("a", date(2020, 1, 1), "", "x", text)], cb)


@pytest.mark.parametrize("text, message", [
    ("families:\n  fight:\n    verbs: [\"attack (with\"]\n", "cannot read cue 'attack (with'"),
    ("families:\n  mine:\n    kind: friendly\n    intensity: 3\n", "kind 'friendly' is not one of"),
    ("families:\n  mine:\n    kind: verbal_conflict\n    intensity: 30\n", "'mine.intensity' must be a number from 0 to 10"),
    ("families:\n  mine:\n    verbs: [meet]\n", "new family 'mine' needs 'kind' and 'intensity'"),
    ("families:\n  fight:\n    adverbs: [fast]\n", "unknown field 'adverbs'"),
    ("families:\n  fight:\n    verbs: \"attack\"\n", "'verbs' must be a list"),
    ("famillies: {}\n", "unknown section 'famillies'"),
    ("modifiers:\n  hedge:\n    - {words: [maybe], factor: 2}\n", "'hedge.factor' must be a number from 0 to 1"),
    ("modifiers:\n  hedge:\n    - {words: [maybe], factor: 0.5, scope: paragraph}\n", "scope 'paragraph'"),
    ("families: [\n", "malformed YAML"),
])
def test_bad_lexicon_files_name_the_file_line_and_entry(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(NetvizError) as err:
        load_cues(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_missing_lexicon_file_is_reported(tmp_path):
    with pytest.raises(NetvizError, match="no such file"):
        load_cues(tmp_path / "none.yaml")


# --- quality on real prose (bundled codebook) -------------------------------------------

SEED_GOLD = {
    # shared/seeds/gold.yaml, hand-annotated: article -> (required, acceptable)
    "000_3ca1ba2eb6418f92.txt": (
        "USA+RUS RUS+SYR USA+TUR RUS+TUR TUR+FSA FSA-ISIS TUR-YPG YPG-ISIS TUR-ISIS USA+YPG USA-ISIS SYR-TUR",
        "USA-RUS USA+SYR USA-TUR RUS-TUR TUR+NATO USA+NATO YPG+PKK SYR+UN RUS-ISIS SYR-ISIS SYR+YPG"),
    "001_a3ff9f0237ee71aa.txt": (
        "USA+RUS USA+SYR USA+JOR RUS+SYR RUS+JOR SYR+JOR USA-ISIS RUS-ISIS SYR-ISIS JOR-ISIS", "USA-RUS"),
    "002_5de89a4371e3db4d.txt": (
        "RUS+TUR USA+TUR USA-SYR TUR-PKK TUR+IRN RUS-FETO TUR-FETO RUS-PKK USA+PKK",
        "USA-TUR RUS+IRN TUR-IRN RUS-IRN FRA-TUR FRA+TUR USA+FRA"),
    "003_a77c86db7b5a1f59.txt": (
        "RUS+TUR RUS-TUR RUS-ISIS TUR-ISIS USA-TUR USA+YPG TUR-YPG YPG-ISIS TUR-PKK RUS+SYR SYR-TUR USA-ISIS "
        "RUS+IRN TUR+FSA USA+RUS",
        "USA-RUS USA+TUR TUR+NATO YPG+PKK RUS-FSA SYR-FSA USA+FSA IRN+SYR USA+QAT USA-YPG"),
    "004_b62d9b38dac386d8.txt": (
        "USA-TUR USA+IRN USA-IRN RUS+TUR USA+IRQ IRQ+IRN USA-ISIS IRQ-ISIS IRN-ISIS RUS+SYR TUR-IRN IRQ-TUR "
        "IRQ+PMF IRN+PMF TUR-NUSRA RUS-NUSRA RUS+IRN",
        "USA+TUR TUR+NATO SYR-ISIS RUS-ISIS TUR-ISIS TUR-SYR TUR+NUSRA"),
}


def _gold_yaml(spec: dict) -> str:
    def items(pairs: str) -> list:
        return [[a, b, s] for a, b, s in sorted(_pairs(pairs))]

    return yaml.safe_dump({"articles": {name: {"required": items(req), "acceptable": items(acc)}
                                        for name, (req, acc) in spec.items()}})


@pytest.fixture(scope="module")
def bundled() -> Codebook:
    return load_codebook()


def test_seed_articles_meet_the_precision_and_recall_targets(tmp_path, bundled):
    path = tmp_path / "gold.yaml"
    path.write_text(_gold_yaml(SEED_GOLD), encoding="utf-8")
    articles = load_articles(ROOT / "data" / "articles")
    ev = evaluate(extract_relations(articles, bundled), load_gold(path, bundled.actors), articles)
    # issue 12 target: P and R >= 0.90, met: P 0.97 (64/66), R 0.90 (57/63) since purposes, as-phrases,
    # asides and adjectives are read from the parse (0.95 and 0.81 before)
    assert ev.precision >= 0.94 and ev.recall >= 0.90, (ev.precision, ev.recall)


def test_dev_gold_quality_floor(shared, bundled):
    # 26 real articles annotated by hand (shared/corpus/dev). Issue 12 target: micro P >= 0.85 and
    # R >= 0.70; the floors are at or just below what is reached today (P 0.955, R 0.739: 168 of 176 found
    # right, 150 of 203 recalled), never above it.
    folder = shared / "corpus" / "dev"
    articles = load_articles(folder)
    gold = load_gold(folder / "gold.yaml", bundled.actors)
    ev = evaluate(extract_relations(articles, bundled), gold, articles)
    assert ev.precision >= 0.94 and ev.recall >= 0.73, (ev.precision, ev.recall)


def test_sentences_left_unparsed_could_give_no_relation(shared, bundled, monkeypatch):
    # Not parsed, for speed: a sentence with one actor and nothing that can stand for another, and
    # one where no cue is completed (a cue's first word without the rest of it). Parsing those too
    # must not add, drop or change a relation on real news.
    import netviz.extract as extraction

    articles = load_articles(shared / "corpus" / "dev")
    alone, hold, start = extraction._alone, extraction.may_hold_cue, extraction.may_start_cue
    skipped = {"alone": 0, "cue": 0}

    def counted_alone(*a):
        skipped["alone"] += alone(*a)
        return alone(*a)

    def counted_hold(*a):
        skipped["cue"] += start(*a) and not hold(*a)
        return hold(*a)

    monkeypatch.setattr(extraction, "_alone", counted_alone)
    monkeypatch.setattr(extraction, "may_hold_cue", counted_hold)
    fast = extract_relations(articles, bundled)
    assert skipped["alone"] > 20 and skipped["cue"] > 20, skipped
    monkeypatch.setattr(extraction, "_alone", lambda *a: False)
    monkeypatch.setattr(extraction, "may_hold_cue", start)
    assert extract_relations(articles, bundled) == fast


def test_held_out_articles_stay_precise(bundled):
    # written independently of the extractor (tests/data/extraction/README.md); a floor, not a target
    articles = load_articles(HELD_OUT / "articles")
    ev = evaluate(extract_relations(articles, bundled), load_gold(HELD_OUT / "gold.yaml", bundled.actors), articles)
    assert ev.precision >= 0.90 and ev.recall >= 0.74, (ev.precision, ev.recall)  # P 0.922, R 0.752 measured (sixth session)


def test_held_out_sentences_stay_precise(bundled):
    doc = yaml.safe_load((HELD_OUT / "sentences.yaml").read_text(encoding="utf-8"))
    correct = found = required = recalled = 0
    for case in doc["sentences"]:
        when = case["date"] if isinstance(case["date"], date) else date.fromisoformat(str(case["date"]))
        got = _found(case["text"], bundled, when)
        must = {(*sorted(x[:2]), x[2]) for x in case.get("required") or []}
        may = {(*sorted(x[:2]), x[2]) for x in case.get("acceptable") or []}
        found += len(got)
        correct += len(got & (must | may))
        required += len(must)
        recalled += len(got & must)
    assert correct / found >= 0.9 and recalled / required >= 0.6, (correct / found, recalled / required)


# --- the command line ------------------------------------------------------------------

def _article_file(tmp_path: Path) -> Path:
    path = tmp_path / "a1.md"
    path.write_text("---\ndate: 2020-05-01\ntitle: T\nsource: wire\n---\n"
                    "Japan condemned North Korea's missile launch. The weather was fine.\n", encoding="utf-8")
    return path


def test_cli_extract_writes_relation_records(tmp_path):
    from typer.testing import CliRunner

    from netviz.cli import app

    path = _article_file(tmp_path)
    runner = CliRunner()
    jsonl = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert jsonl.exit_code == 0, jsonl.output
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [(r["source"], r["target"], r["sign"], r["article"]) for r in records] == [("JPN", "PRK", "-", "a1")]
    csv_out = runner.invoke(app, ["extract", str(path), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(csv_out.stdout)))
    assert [(r["source"], r["target"], r["cue"]) for r in rows] == [("JPN", "PRK", "condemn")]
    table = runner.invoke(app, ["extract", str(path)])
    assert "JPN" in table.stdout and "condemn" in table.stdout
    bad = runner.invoke(app, ["extract", str(path), "--format", "xml"])
    assert bad.exit_code == 1 and "must be table, jsonl or csv" in bad.output


def test_cli_explain_one_sentence_and_unknown_articles(tmp_path):
    from typer.testing import CliRunner

    from netviz.cli import app

    path = _article_file(tmp_path)
    runner = CliRunner()
    one = runner.invoke(app, ["explain", str(path), "--sentence", "2"])
    assert one.exit_code == 0 and one.stdout.startswith("[2] The weather was fine.") and "=> no actor" in one.stdout
    by_id = runner.invoke(app, ["explain", "a1", "--data", str(tmp_path)])
    assert by_id.exit_code == 0 and "JPN - PRK" in by_id.stdout
    unknown = runner.invoke(app, ["explain", "a2", "--data", str(tmp_path)])
    assert unknown.exit_code == 1 and "no article 'a2'; the articles are: a1" in unknown.output
    too_far = runner.invoke(app, ["explain", str(path), "--sentence", "9"])
    assert too_far.exit_code == 1 and "a1 has 2 sentences" in too_far.output


@pytest.mark.parametrize("text", [
    "Iran worked for months on the text before France arrived.",
    "Germany voted in the assembly last week, after Poland spoke.",
])
def test_a_cue_that_needs_a_preposition_is_not_completed_by_a_bare_neighbour(cb, text):
    # "work (with)", "vote (against)": without the preposition the other actor is not named, and the next
    # actor in the sentence (who arrived, who spoke) is no partner or target
    assert _found(text, cb) == set()


def test_a_cue_that_needs_a_preposition_still_takes_the_actor_it_introduces(cb):
    assert _found("Iran worked for months with France on the text.", cb) == _pairs("IRN+FRA")



def test_a_contrasting_not_does_not_negate_the_cue(cb):
    # "with X — not Y" sets Y against X; "did not work with" negates
    text = 'Britain also promised to help rebuild the port "in partnership with France — not Russia", in a way that suits both.'
    rels = extract_relations([Article("t", date(2020, 6, 1), "", "test", text)], cb)
    assert any(r.dyad == ("FRA", "GBR") and r.sign > 0 and r.evidence.cue == "partnership" for r in rels)
    assert not _found("Britain did not work with France on the port.", cb)


@pytest.mark.parametrize("text, pairs", [
    ("Poland, Greece and Qatar, the main allies of Washington, sent envoys.", "POL+USA GRC+USA QAT+USA"),
    ("Britain and France, two NATO members, voted together.", "GBR+NATO FRA+NATO"),
    ("Egypt and Kuwait, the biggest sponsors of Sudan, pledged more.", "EGY+SDN KWT+SDN"),
])
def test_role_nouns_are_read_in_the_plural(cb, text, pairs):
    assert _pairs(pairs) <= _found(text, cb)



def test_arms_is_no_plural_of_the_role_arm():
    # "an arm of Iran" is a role, "arms of Russian make" are weapons: the entry lists its only form
    index = default_cues()._index
    assert any(p.cue.pos == "role" for p, _ in index["arm"]) and any(p.cue.pos == "role" for p, _ in index["allies"])
    assert not any(p.cue.pos == "role" for p, _ in index.get("arms", []))


@pytest.mark.parametrize("text, pairs", [
    ("Ethiopia and Eritrea restored diplomatic relations on Monday.", "ETH+ERI"),
    ("Serbia and Kosovo have steadily improved relations this year.", "SRB+XKX"),
])
def test_a_neutral_relation_noun_relates_its_coordinated_subjects(cb, text, pairs):
    assert _found(text, cb) == _pairs(pairs)


def test_the_mediator_of_a_deal_works_with_both_parties(cb):
    found = _found("Ethiopia and Eritrea signed a peace deal mediated by Qatar last year.", cb)
    assert _pairs("ETH+ERI QAT+ETH QAT+ERI") <= found
    assert _pairs("SRB+XKX EU+SRB EU+XKX") <= _found("Serbia and Kosovo reached a deal brokered by the EU on Friday.", cb)
