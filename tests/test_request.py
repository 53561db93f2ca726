"""What is asked of someone is not done (netviz/extract/request.py, and its use in linking.py).

Sentences written here in wire style, none taken from the development or audit articles; the codebook
of test_extract, built in code.
"""

from __future__ import annotations

from datetime import date

import pytest
from test_extract import _found, assert_found, cb  # noqa: F401  (cb is the shared codebook fixture)

from netviz.extract import extract_relations
from netviz.model import Article

# (what it shows, sentence, required, acceptable)
CASES = [
    # the asked party's act is not done
    ("urged X to", "Egypt urged Israel to hold talks with Hamas.", "", "EGY+ISR"),
    ("the asked in a passive", "Israel was urged by Egypt to hold talks with Hamas.", "", "EGY+ISR"),
    ("pressed X to, a hostile act", "Britain pressed France to impose sanctions on Iran.", "GBR-IRN", "GBR-FRA"),
    ("a subjunctive under a demand", "Germany demanded that Turkey withdraw its troops and strike the Kurdish "
     "fighters instead.", "DEU-YPG", ""),
    ("a subjunctive under a proposal", "He suggested the United States supply the Kurdish fighters with weapons.",
     "", ""),
    ("a list of subjunctives the parser hung apart", "He suggested the United States establish a \"safe zone\" in "
     "Syria, take out the government's air assets - \"which we can do from long range\" - and supply the Kurdish "
     "fighters with the weapons they need.", "", "USA-SYR"),
    ("a wish for someone else", "Ankara wants Washington to stop supporting the Kurdish fighters.", "",
     "TUR-USA"),
    ("for X to, weighed", "It would be a mistake for Japan to arm Taiwan.", "", ""),
    ("for X to, asked", "Israel pushed for Washington to strike Iran.", "ISR-IRN", ""),
    ("a request noun", "Iran's call for the United States to lift sanctions drew a rebuke.", "", ""),
    ("the asked, together", "China urged India and Pakistan to hold talks.", "", "CHN+IND CHN+PAK"),
    ("a noun asked for: its parties have not met", "Egypt proposed a truce between Israel and Hamas.", "", ""),
    ("a wish to see someone act", "Washington would like to see Turkey cut ties with Iran.", "", ""),
    ("a wish to see, no stance of the wisher", "Russia wants to see the United States bogged down in a war with "
     "Iran.", "", ""),
    ("what one saw is done", "Japan saw China sign a deal with India.", "CHN+IND", ""),
    ("a cue qualifying the noun asked for", "Egypt proposed a joint Israeli-Saudi naval force.", "", ""),
    ("a verb of asking does not pair its object's parties", "China urged talks between India and Pakistan.", "",
     "CHN+IND CHN+PAK"),
    # the asker's stance holds
    ("the asker's own call", "Iran called for talks with the United States.", "IRN+USA", ""),
    ("the asker against the target of a hostile act", "Israel called on the United States to strike Iran.",
     "ISR-IRN", "ISR+USA"),
    ("the asker against the target, the asked an actor", "Saudi Arabia urged Egypt to cut ties with Qatar.",
     "SAU-QAT", "SAU+EGY"),
    ("the asker when the asked is no actor", "The White House urged European leaders to stand up to Russian "
     "aggression.",
     "USA-RUS", ""),
    # what the request presupposes is there
    ("continue", "Britain urged China to continue enforcing sanctions on North Korea.", "CHN-PRK",
     "GBR+CHN"),
    ("step up", "Japan urged the European Union to step up pressure on Russia.", "EU-RUS", "JPN+EU JPN-RUS"),
    ("more of it", "Qatar called for deeper engagement between Ethiopia and Eritrea.", "ETH+ERI", ""),
    # not a request
    ("a report, not a demand", "Turkey insisted that Russia has armed the Kurdish fighters.", "RUS+YPG", ""),
    ("an act that happened", "Russia forced Ukraine to sign the deal with Belarus.", "UKR+BLR", "RUS-UKR RUS+UKR"),
    # the one asked to oppose an act is asked too ("vetoed sanctions against Syria" is on Syria's side)
    ("asked to oppose", "Egypt urged Russia to veto new sanctions against Syria.", "EGY+RUS", ""),
]


@pytest.mark.parametrize("what, text, required, acceptable", CASES, ids=[c[0] for c in CASES])
def test_requests(cb, what, text, required, acceptable):  # noqa: F811
    assert_found(text, cb, required, acceptable)


def test_the_evidence_says_the_act_was_asked(cb):  # noqa: F811
    # the relation stays, below the found threshold, and says why it is weak
    rels = extract_relations([Article("t", date(2020, 6, 1), "", "test", "Egypt urged Israel to hold talks "
                                      "with Hamas.")], cb)
    talks = [r for r in rels if r.dyad == ("HAMAS", "ISR")]
    assert talks and all("hedged ('urged')" in r.evidence.rule for r in talks)
    assert max(r.confidence for r in talks) < 0.5


def test_the_asker_stance_names_its_rule(cb):  # noqa: F811
    rels = extract_relations([Article("t", date(2020, 6, 1), "", "test", "Saudi Arabia urged Egypt to cut ties "
                                      "with Qatar.")], cb)
    stance = [r for r in rels if r.dyad == ("QAT", "SAU")]
    assert stance and stance[0].evidence.rule.startswith("asker's stance") and stance[0].sign < 0
    assert ("EGY", "QAT", "-") not in _found("Saudi Arabia urged Egypt to cut ties with Qatar.", cb)
