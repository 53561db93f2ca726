"""What governs a cue: hedges, conditions and negations read from the parse (netviz/extract/modifiers.py).

Sentences written here in wire style, none taken from the development or audit articles; the codebook
of test_extract, built in code. A hedged relation stays, below the found threshold, with the word that
hedged it in its evidence.
"""

from __future__ import annotations

from datetime import date

import pytest
from test_extract import assert_found, cb  # noqa: F401  (cb is the shared codebook fixture)

from netviz.extract import FOUND_CONFIDENCE, extract_relations
from netviz.model import Article

# (what it shows, sentence, required, acceptable)
CASES = [
    # a modal the parser hangs on an auxiliary
    ("may be doing", "Russia may be meddling in Ukraine's election.", "", ""),
    ("an auxiliary without a modal", "Russia has been arming the Taliban.", "RUS+TALIBAN", ""),
    # a condition over a clause that holds the cue deeper down
    ("unless ... certified that", "Aid to Pakistan stops unless Congress certifies that Islamabad is cooperating "
     "with the United States.", "", ""),
    # what the condition presupposes is no condition
    ("a clause of its own under the condition", "They will see if they agree on Friday, when Erdogan hosts the "
     "Greek prime minister in Ankara.", "TUR+GRC", ""),
    ("a description under the condition", "He does not mind if the public reads the report that Britain "
     "prepared on Russia's sanctions against Ukraine.", "RUS-UKR", ""),
    # an "if" that conditions nothing outside its own clause
    ("even if", "Germany will keep arming Ukraine even if Russia objects.", "DEU+UKR", ""),
    ("inside the even-if clause", "Japan will back Taiwan even if China attacks India.", "JPN+TWN", ""),
    ("as if", "Russia attacked Ukraine as if nothing had changed.", "RUS-UKR", ""),
    ("if anything", "If anything, Russia has increased its support for Syria.", "RUS+SYR", ""),
    ("a plain if", "Japan will back Taiwan if China attacks.", "", ""),
    ("if necessary", "Japan said it would defend Taiwan if necessary.", "JPN+TWN", ""),
    ("a condition of another clause", "During talks with China, Japan said it would lift tariffs if Beijing "
     "opened its markets.", "JPN+CHN", ""),
    ("if any", "It is unclear what impact, if any, the vote will have on the talks between Japan and China.",
     "JPN+CHN", ""),
    ("a reported pledge on a condition", "Japan said it would impose tariffs on China if talks fail.", "JPN-CHN",
     ""),
    ("a reported prediction on a condition", "Japan says if China leaves, it will be easy to make peace with "
     "Taiwan.", "", ""),
    ("a threat made on a condition", "Japan threatened to strike North Korea if talks fail.", "JPN-PRK", ""),
    ("a pledge made on a condition", "Japan vowed to defend Taiwan if China attacks.", "JPN+TWN", ""),
    ("the act of a condition", "Japan vowed to respond if China attacks Taiwan.", "", ""),
    # a question is about its own clause
    ("asked whether", "Japan asked whether China had armed Russia.", "", ""),
    ("to determine whether", "Japan held talks with China to determine whether a summit would go ahead.",
     "JPN+CHN", ""),
    ("a condition in another noun's clause", "Britain voiced confidence that Germany will back Ukraine, despite "
     "reports that Berlin may wait if Russia protests.", "DEU+UKR", ""),
    # a state presupposed by the verb over the cue stays, whatever becomes of it
    ("continue ... if", "Japan will continue to work with Taiwan if its president is re-elected.", "JPN+TWN", ""),
    ("could deepen", "Japan could deepen ties with Taiwan.", "JPN+TWN", ""),
    ("could sign", "Japan could sign a deal with Taiwan.", "", ""),
    # a yes/no question asks whether; a wh-question takes the act as given
    ("a yes/no question", "Will China back Russia?", "", ""),
    ("a yes/no question after a clause", "If Russia can attack Ukraine, can China attack Taiwan?", "", ""),
    ("a wh-question", "Why did Russia attack Ukraine?", "RUS-UKR", ""),
    ("a wh-question after a caption", "Watch video: Why did Russia attack Ukraine?", "RUS-UKR", ""),
    # a condition without "if"
    ("should X", "Japan must be ready to respond should Russia attack Ukraine.", "", ""),
    ("what should X govern", "Should talks fail, Israel will strike Iran.", "", ""),
    ("were X to", "Were China to arm Russia, Europe would respond.", "", ""),
    ("had X", "Had Iran backed the Houthis, Saudi Arabia would have struck Tehran.", "", ""),
    ("had X not: it did", "Had Russia not armed Syria, Damascus would have fallen.", "RUS+SYR", ""),
    ("a plain past perfect", "Iran said it had backed the Houthis.", "IRN+HOUTHIS", ""),
    # what one did not get someone to do, in an infinitive the parser hangs apart
    ("could not get X to", "The envoy could not get Russia or China on board to impose sanctions against Iran.",
     "", ""),
    ("got X to", "The envoy got Russia and China on board to impose sanctions against Iran.", "RUS-IRN CHN-IRN", ""),
    ("will not allow X to", "Britain will not allow Russia to attack Ukraine.", "", "GBR-RUS"),
    ("allowed X to", "Britain allowed Russia to attack Ukraine.", "RUS-UKR", "GBR+RUS"),
    # a stopping only demanded: what it would stop goes on
    ("must stop", "Russia must stop arming Syria, Britain said.", "", ""),
    # a negation phrase the parser hangs the cue inside
    ("stopped short of", "Egypt stopped short of cutting ties with Qatar.", "", ""),
    # what is done instead of another act, and what no evidence shows
    ("instead of", "Germany sent aid to Greece instead of backing Turkey.", "DEU+GRC", ""),
    ("rather than", "Japan chose to impose sanctions on Russia rather than negotiate with China.", "JPN-RUS", ""),
    ("no sign that", "Officials found no sign that Russia had supplied weapons to the Taliban.", "", ""),
    ("it does not appear that", "It does not appear that Japan has attacked China.", "", ""),
    ("it appears that", "It appears that Japan has attacked China.", "JPN-CHN", ""),
    ("a sign that", "Officials found a sign that Russia had supplied weapons to the Taliban.", "RUS+TALIBAN", ""),
    # "any" act is no act done; what is rejected is a fact
    ("any", "Any Turkish strike on Syria needs the approval of the Security Council.", "", ""),
    ("an act", "A Turkish strike on Syria needs the approval of the Security Council.", "TUR-SYR", ""),
    ("any, rejected", "Iran rejected any talks with the United States.", "IRN-USA", ""),
    # what is missing is not done
    ("the lack of", "Israel noted the lack of Egyptian support for Hamas.", "", ""),
    ("the absence of", "Egypt said there had been an absence of Chinese investment in Sudan.", "", ""),
    # an act weighed by what it would bring about
    ("a gerund subject of a future", "Tokyo believes that sanctioning North Korea will bring Pyongyang back to "
     "talks.", "", ""),
    ("a gerund subject of a past", "Berlin argued that arming Ukraine provoked Moscow.", "DEU+UKR", "UKR-RUS"),
    # one's own future, reported
    ("a reported future, second verb", "Iran said it would not arm the Houthis but would help Syria.", "IRN+SYR",
     "IRN-HOUTHIS"),
    ("a pledged future", "Japan pledged that it would help Taiwan.", "JPN+TWN", ""),
    # warnings
    ("warned against", "Russia warned against a US strike on Syria.", "", ""),
    ("warned that another would", "Germany warned that Russia would invade Ukraine.", "", "DEU-RUS"),
    ("warned that it would: a threat", "Iran warned that it would strike Israel.", "IRN-ISR", ""),
    ("warned X against: the warning", "Iran warned Saudi Arabia against attacking Yemen.", "IRN-SAU", ""),
    # a noun of possibility over a verb cue
    ("the chance to", "Japan will have the chance to press China over Taiwan.", "", ""),
    ("a chance not taken", "Britain dodged a chance to criticize Saudi Arabia.", "", ""),
    ("an opportunity seized", "Japan took the opportunity to criticize China.", "JPN-CHN", ""),
    ("a chance someone had", "At the summit Germany had the chance to criticize Russia.", "DEU-RUS", ""),
]


@pytest.mark.parametrize("what, text, required, acceptable", CASES, ids=[c[0] for c in CASES])
def test_modifiers(cb, what, text, required, acceptable):  # noqa: F811
    assert_found(text, cb, required, acceptable)


def test_a_condition_is_named_in_the_evidence_and_keeps_the_relation(cb):  # noqa: F811
    rels = extract_relations([Article("t", date(2020, 6, 1), "", "test", "Were China to arm Russia, Europe "
                                      "would respond.")], cb)
    armed = [r for r in rels if r.dyad == ("CHN", "RUS")]
    assert armed and all("hedged ('Were')" in r.evidence.rule for r in armed)
    assert max(r.confidence for r in armed) < FOUND_CONFIDENCE
