"""Which mentions can be a side of a relation (netviz/extract/mentions.py): places, venues, datelines, members.

Sentences are written here, in wire style, with the codebook of test_extract built in code; none is
taken from the development or audit articles. ``required`` pairs must be found (confidence >= 0.5) and
nothing outside ``required | acceptable`` may be.
"""

from __future__ import annotations

from datetime import date

import pytest
from test_extract import assert_found, cb  # noqa: F401  (cb is the shared codebook fixture)

from netviz.extract.mentions import seats
from netviz.ingest.actors import load_codebook

# (what is checked, sentence, required, acceptable)
CASES = [
    # places
    ("every member of a list of places", "The civil wars in Iraq and Syria allowed the Taliban to grow.", "", ""),
    ("a city named in apposition to a place", "Speaking to reporters in the Afghan capital, Kabul, Erdogan praised "
     "the Taliban.", "TUR+TALIBAN", ""),
    ("a country after its city", "Troops of a brigade based in Incirlik, Turkey, are arriving in Poland.", "", ""),
    ("a country after the city an agreement was signed in", "Washington warned that Russian aggression would "
     "violate a truce signed in Minsk, Belarus, by the rebel leaders.", "", "RUS-USA"),
    ("a state named by its of-phrase", "Russia criticized Turkey on Monday. The country of Iraq condemned Syria.",
     "RUS-TUR IRQ-SYR", ""),
    # a name on a journey is where it goes; a person's name is who makes it
    ("a trip's destination", "Erdogan's U.N. trip sets up a showdown with Iran.", "TUR-IRN", "TUR+UN"),
    ("a trip's destination is its other side", "Erdogan's Russia trip angered Syria.", "TUR+RUS TUR-SYR", ""),
    ("a visitor named on the visit", "No deal on troops is expected during the Putin visit to Ankara.", "RUS+TUR",
     ""),
    # a city or seat on an event it hosts is the venue, not a party
    ("summit's host city", "Erdogan praised the Minsk summit with Putin.", "TUR+RUS", ""),
    ("talks' host city", "Russia praised the Doha talks between the Taliban and the United States.",
     "TALIBAN+USA", "RUS+TALIBAN RUS+USA"),
    ("attacks named after a city", "After the Paris attacks, Washington condemned Tehran.", "USA-IRN", ""),
    ("two seats name the parties", "Moscow-Washington talks on Ukraine resumed on Monday.", "RUS+USA", ""),
    ("a country's own name is a party", "The Iran talks with the United States resumed in Vienna.", "IRN+USA", ""),
    # a war named after the country it is fought in
    ("war named after a country", "Turkey had opposed the Iraq war from the start.", "", ""),
    ("those acting into a named war", "Turkish and Syrian forces hope to cut the flow of foreign fighters into "
     "the Syrian civil war.", "", ""),
    ("war with a named enemy", "Russia's war against Ukraine angered Poland.", "RUS-UKR RUS-POL", ""),
    # the members of an international body act, not the body
    ("members of a body", "Several members of the European Union condemned Turkey on Monday.", "", ""),
    ("a body's members", "The European Union's members sent aid to Ukraine.", "", ""),
    ("the body itself", "The European Union condemned Turkey on Monday.", "EU-TUR", ""),
    # companies, a candidate's campaign or family, a language: not the state
    ("companies as partners", "The Chinese company will form a partnership with the American company.", "", ""),
    ("companies signing deals", "U.S. and Chinese companies signed deals worth billions on Thursday.", "", ""),
    ("companies as the target", "The Chinese army is behind a series of cyberattacks on U.S. companies.",
     "CHN-USA", ""),
    ("a campaign's contacts", "Members of the Putin campaign met Turkish officials.", "", ""),
    ("a family's business", "The Erdogan family negotiated a hotel project with Russian investors.", "", ""),
    ("a military campaign", "Putin's campaign against Ukraine angered Poland.", "RUS-UKR", "RUS-POL"),
    ("a language", "Erdogan was once mocked for speaking Russian during a debate.", "", ""),
    ("a candidate then", "Then-candidate Erdogan praised Putin.", "", ""),
    ("comments as a candidate", "The newspaper quoted Erdogan's comments as a candidate praising Putin.", "", ""),
    ("a personal lawyer", "Erdogan's personal lawyer met Russian officials in Vienna.", "", ""),
    ("fighters of a nationality against someone", "The United States trained Afghan anti-Taliban forces.", "",
     "USA-TALIBAN"),
    ("a state's forces", "The United States trained Afghan forces.", "USA+AFG", ""),
    ("an attitude towards an actor", "Iran funded anti-American protests in Iraq.", "", ""),
    ("games a city hosts", "Russia and China praised the Beijing Olympics.", "", "RUS+CHN"),
    # where the article was filed
    ("dateline with its country", "KABUL, Afghanistan (AP) \u2014 The Taliban attacked U.S. troops on Monday.",
     "TALIBAN-USA", ""),
    ("dateline in title case", "Kabul (AP) \u2014 The Taliban attacked U.S. troops on Monday.", "TALIBAN-USA", ""),
    # a list the parser reads as a name and an apposition describing it
    ("list read as an apposition", "Saudi Arabia, the United Arab Emirates, Egypt and Sudan severed relations "
     "with Qatar.", "SAU-QAT ARE-QAT EGY-QAT SDN-QAT",
     "SAU+ARE SAU+EGY SAU+SDN ARE+EGY ARE+SDN EGY+SDN"),
]


@pytest.mark.parametrize("what, text, required, acceptable", CASES, ids=[c[0] for c in CASES])
def test_sides_are_parties_not_places_venues_datelines_or_members(cb, what, text, required, acceptable):
    assert_found(text, cb, required, acceptable)


def test_a_pronoun_does_not_refer_to_the_maker_of_a_thing(cb):
    assert_found("Iran says it has tested a Russian-made missile, as tensions between the nation and the "
                 "United States climb.", cb, "IRN-USA", "")


def test_the_codebook_names_no_language_community_namesake_son_or_single_person():
    cb = load_codebook()
    found = cb.find_mentions("Russian-speaking residents cheered Donald Trump Jr. and Trump Jr. with a Lebanese "
                             "Sunni and three American doctors.", date(2018, 1, 1))
    assert [m.actor for m in found] == []


def test_seats_are_cities_and_seats_of_government_not_names_or_demonyms():
    found = seats(load_codebook())
    assert {"Hanoi", "Paris", "Vienna", "Kremlin", "Brussels"} <= found
    assert not found & {"Vietnam", "France", "Russian", "Russians", "American", "Americans", "US", "U.S.",
                        "Chinese", "British", "Swiss"}
