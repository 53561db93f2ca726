"""The cue lexicon's families on sentences written for these tests: each family added for unseen news
(criticism, rivalry, sponsorship, affiliation, meetings, trade war, cut funding, cyber operations, threats)
gives the relation with the sign of its quad class, and a look-alike gives nothing or the right sign.

The codebook is built here, so a change to the bundled one cannot hide or fake a regression.
"""

from __future__ import annotations

import pytest
from test_extract import _found, _pairs, assert_found

from netviz.extract import load_cues
from netviz.ingest.actors import Actor, Codebook
from netviz.model import kind_sign


@pytest.fixture(scope="module")
def cb() -> Codebook:
    def state(id_: str, *names: str) -> Actor:
        return Actor(id_, names[0], "state", names[1:])

    return Codebook([
        state("USA", "United States", "U.S.", "US", "American", "Washington"),
        state("CHN", "China", "Chinese", "Beijing"),
        state("RUS", "Russia", "Russian", "Moscow", "Kremlin"),
        state("IRN", "Iran", "Iranian", "Tehran"),
        state("SAU", "Saudi Arabia", "Saudi", "Riyadh"),
        state("IND", "India", "Indian", "New Delhi"),
        state("PAK", "Pakistan", "Pakistani", "Islamabad"),
        state("BRA", "Brazil", "Brazilian", "Brasilia"),
        state("MEX", "Mexico", "Mexican"),
        state("VEN", "Venezuela", "Venezuelan", "Caracas"),
        state("CUB", "Cuba", "Cuban", "Havana"),
        state("JPN", "Japan", "Japanese", "Tokyo"),
        state("PRK", "North Korea", "North Korean", "Pyongyang"),
        state("ETH", "Ethiopia", "Ethiopian", "Addis Ababa"),
        state("KEN", "Kenya", "Kenyan", "Nairobi"),
        state("UKR", "Ukraine", "Ukrainian", "Kyiv"),
        state("DEU", "Germany", "German", "Berlin"),
        Actor("ALQAEDA", "al-Qaeda", "armed_group", ("al Qaeda", "Al Qaeda")),
        Actor("SHABAAB", "al-Shabaab", "armed_group", ("Al-Shabaab",)),
        Actor("ISIS", "Islamic State", "armed_group", ("ISIS",)),
        Actor("UN", "United Nations", "organisation", ("UN", "U.N.")),
    ])


# (family, sentence, required, acceptable): sentences in the way wires and dailies write them
CASES = [
    ("criticism: blast", "Pakistan blasted India over the new dam on the Chenab river.", "PAK-IND", ""),
    ("criticism: lash out", "Beijing lashed out at Tokyo after the minister's shrine visit.", "CHN-JPN", ""),
    ("criticism: lambaste", "Venezuela lambasted the United States for its latest sanctions.", "VEN-USA", ""),
    ("criticism: a critique of", "The Kremlin issued a sharp critique of Germany's energy policy.", "RUS-DEU", ""),
    ("criticism: rebuke as a noun", "In a rare rebuke of Washington, Riyadh called the decision irresponsible.",
     "SAU-USA", ""),
    ("criticism: lay the blame on", "Kenya laid the blame on Ethiopia for the border incident.", "KEN-ETH", ""),
    ("criticism: hold responsible", "Japan holds North Korea responsible for the abductions.", "JPN-PRK", ""),
    ("rivalry role", "Saudi Arabia, Iran's main rival in the Gulf, raised its oil output.", "SAU-IRN", ""),
    ("sponsor role", "Russia, the main sponsor of the Venezuelan government, sent more advisers.",
     "RUS+VEN", ""),
    ("affiliation", "Al-Shabaab, which is affiliated with al Qaeda, claimed the bombing in Nairobi.",
     "SHABAAB+ALQAEDA", "SHABAAB-KEN ALQAEDA-KEN"),
    ("allegiance", "The faction pledged allegiance to al Qaeda in 2012.", "", ""),
    ("meeting as a sit-down", "The Indian prime minister held a sit-down with the Saudi crown prince on Monday.", "IND+SAU", ""),
    ("praise: hail", "Havana hailed Venezuela's stand against foreign pressure.", "CUB+VEN", ""),
    ("trade war is conflict", "The trade war between the United States and China hit soybean farmers.",
     "USA-CHN", ""),
    ("cut funding is reduced relations", "Washington cut funding for the U.N. agency last year.", "USA-UN", ""),
    ("cyber operations", "Russian hackers launched cyberattacks on Ukrainian banks in December.", "RUS-UKR", ""),
    ("spying", "Brazil protested after reports of American spying on its president.", "USA-BRA", ""),
    ("pose a threat", "Officials said North Korea poses a grave threat to Japan.", "PRK-JPN", ""),
    ("showdown", "Mexico braced for a showdown with Washington over tariffs.", "MEX-USA", ""),
    ("plural roles", "Cuba and Russia, the closest allies of Venezuela, sent oil and advisers.",
     "CUB+VEN RUS+VEN", "CUB+RUS"),
    ("plural rival role", "India and Japan, the main rivals of China in Asia, signed a naval pact.",
     "IND-CHN JPN-CHN IND+JPN", ""),
    ("rail against", "Tehran railed against Riyadh's oil policy.", "IRN-SAU", ""),
    ("stand up to is not standing by", "Mexico vowed to stand up to Washington over the wall.", "MEX-USA", ""),
    ("defy", "North Korea defied the U.N. with another launch.", "PRK-UN", ""),
    ("greet", "The Saudi king greeted the Indian prime minister at the airport.", "SAU+IND", ""),
    ("withdrawing from a deal is no concession", "The United States withdrew from the Iran nuclear deal in May.",
     "USA-IRN", ""),
    ("friendly fire is no fight between allies", "A U.S. airstrike killed five Ukrainian soldiers in a friendly "
     "fire incident.", "", ""),
    ("nor when the incident is named apart", "Three Kenyan soldiers died in a friendly-fire incident when an "
     "Ethiopian jet bombed their camp.", "", ""),
    ("troops moved closer are no rapprochement", "Scores of U.S. Marines were moved closer to Mexico on Monday.",
     "", ""),
    ("a state moving closer is", "Mexico has moved closer to China.", "MEX+CHN", ""),
    ("striking a deal is no attack", "The deal struck by Iran and Germany worried Saudi Arabia.", "", ""),
    ("a deal struck together", "Germany and Iran struck a deal on Sunday.", "DEU+IRN", ""),
    ("striking a country is", "Saudi Arabia struck Iran on Monday.", "SAU-IRN", ""),
    ("leaving a country is no concession to it", "Germany withdrew its troops from Afghanistan in June.", "", ""),
    ("a withdrawal from a country is no concession to it", "Pakistan criticised the withdrawal of U.S. troops from "
     "Afghanistan.", "", "PAK-USA"),
    ("calling a plan names is no phone call", "Iran called Saudi Arabia's peace plan \u201cridiculous.\u201d", "", "IRN-SAU"),
    ("a phone call to a counterpart", "The Indian prime minister called his Pakistani counterpart on Sunday.",
     "IND+PAK", ""),
    ("led to is cause, not leadership", "Chinese tariffs led to new American duties on steel.", "", "CHN-USA"),
    ("free trade is no release", "Japan and Mexico signed a free trade agreement.", "JPN+MEX", ""),
    ("trading fire is fighting, not trade", "Ethiopian and Kenyan troops traded fire near Moyale.", "ETH-KEN", ""),
    ("exchanging fire", "Pakistan exchanged fire with India along the Line of Control.", "PAK-IND", ""),
    ("so-called is no phone call", "Kenya is fighting the so-called Islamic State in Somalia.", "KEN-ISIS", ""),
    ("confront", "Japan vowed to confront China over the disputed islands.", "JPN-CHN", ""),
    ("call out", "The U.N. chief called out Pyongyang for the test launch.", "UN-PRK", ""),
    ("summon the ambassador", "Berlin summoned the Russian ambassador after the killing.", "DEU-RUS", ""),
    ("undermine", "Officials accused Moscow of trying to undermine Ukraine's government.", "RUS-UKR", ""),
    ("prop up", "Havana has helped prop up the Venezuelan government for years.", "CUB+VEN", ""),
    ("bolster", "Washington sent advisers to bolster the Kenyan army.", "USA+KEN", ""),
    ("appease", "Critics said Germany was trying to appease Moscow.", "DEU+RUS", ""),
    ("crack down on", "Ethiopia cracked down on Kenyan traders near the border.", "ETH-KEN", ""),
    ("lose ground to", "Ethiopian troops lost ground to Al-Shabaab in the south.", "ETH-SHABAAB", ""),
    ("establish relations", "Cuba established full diplomatic relations with Brazil on Monday.", "CUB+BRA", ""),
    ("a relationship signed by its adjective", "Washington has a contentious relationship with Mexico, and a "
     "robust partnership with Japan.", "USA-MEX", "USA+JPN"),
    ("a relationship signed by the verb over it", "Washington moved to repair ties with Mexico.", "USA+MEX", ""),
    ("a partner for, an ally to", "Moscow was a reliable partner for Mexico. Havana is a loyal ally to Moscow.",
     "RUS+MEX RUS+CUB", ""),
    # issue 12, from the dev misses: meals and trips of leaders, stopping someone, measures, respect
    ("working dinner", "The Kenyan president hosted a working dinner with the Ethiopian prime minister.",
     "KEN+ETH", ""),
    ("a trip to", "The Japanese prime minister began a trip to India on Sunday.", "JPN+IND", ""),
    ("a swing through", "The Brazilian president began a swing through Mexico and Cuba.", "BRA+MEX BRA+CUB", ""),
    ("prevent from", "Washington will do what it must to prevent Iran from obtaining a nuclear weapon.",
     "USA-IRN", ""),
    ("punitive measures", "Berlin imposed punitive measures on Moscow after the poisoning.", "DEU-RUS", ""),
    ("respect for", "The U.N. called for full respect for Ukraine's sovereignty.", "UN+UKR", ""),
    ("strengthen", "Washington sent 3,000 troops to strengthen the Kenyan army.", "USA+KEN", ""),
    ("aggression in", "Russian aggression in Ukraine alarmed Berlin.", "RUS-UKR", "DEU-RUS"),
    # a cue's "*" slot holds a noun phrase, not the infinitive after it, whose verb is a cue of its own
    ("a slot ends at an infinitive", "Moscow vowed to help the United States in its war on terrorism.",
     "RUS+USA", ""),
    # issue 12, found on unseen news (corpus/real): verbs and nouns governing two actors with no cue
    ("harass", "Chinese warships harassed Japanese fishing boats.", "CHN-JPN", ""),
    ("punish", "Washington moved to punish Beijing for its trade practices.", "USA-CHN", ""),
    ("clamp down on", "Ethiopia clamped down on Kenyan traders.", "ETH-KEN", ""),
    ("court", "Moscow courted the Indian government for years.", "RUS+IND", ""),
    ("a court is no courting", "An Indian court fined a Pakistani firm.", "", ""),
    ("engage with", "Tokyo continued to engage with Pyongyang despite the tests.", "JPN+PRK", ""),
    ("engaged in is no engaging with", "Kenya is engaged in a long war with Al-Shabaab.", "KEN-SHABAAB", ""),
    ("pummel", "Saudi Arabia's decision has pummeled Iran's economy.", "SAU-IRN", ""),
    ("attacks tied to", "Kenya tied the attacks to Al-Shabaab.", "KEN-SHABAAB", ""),
    ("a cyberattack linked to", "Washington linked the cyberattack to North Korea.", "USA-PRK", ""),
    ("speak out against", "Brazil spoke out against Venezuela's government.", "BRA-VEN", ""),
    ("counterbalance", "India seeks to counterbalance China in the Indian Ocean.", "IND-CHN", ""),
    ("competition from", "China faces growing competition from India in Africa.", "CHN-IND", ""),
    ("competitor role", "India, China's main competitor in Asia, raised tariffs.", "IND-CHN", ""),
    # what X told Y is the relation, not the telling (Y is as often a newspaper or a hearing)
    ("telling is no relation", "The Kenyan president told Ethiopian television he was confident.", "", ""),
    ("what was told is", "The Kenyan president told Ethiopian television that Kenya would back Ethiopia.",
     "KEN+ETH", ""),
    ("releasing prisoners", "Iran released five Japanese sailors on Monday.", "IRN+JPN", ""),
    ("releasing a statement is no release", "Washington released a statement on Iran's tests.", "", ""),
    ("releasing a report is no release", "The U.N. released a report on Venezuelan prisons.", "", ""),
    ("a cancelled meeting", "Mexico canceled a meeting with Washington planned for next week.", "MEX-USA", ""),
    ("met with fire is no meeting", "Tokyo said North Korean threats will be met with force.", "", "JPN+PRK"),
    ("receiving weapons", "Venezuela received weapons from Russia.", "VEN+RUS", ""),
    ("receiving short shrift is no aid", "Washington's plan received short shrift from Mexico.", "", "USA+MEX"),
    ("crack down after a slot", "Ethiopia deployed troops to crack down on Kenyan traders near the border.",
     "ETH-KEN", ""),
]


@pytest.mark.parametrize("family, text, required, acceptable", CASES, ids=[c[0] for c in CASES])
def test_cue_families_on_news_sentences(cb, family, text, required, acceptable):
    assert_found(text, cb, required, acceptable)


def test_trade_war_is_never_read_as_trade(cb):
    # "trade (with)" is cooperation; the longer cue must win wherever "trade war" stands
    assert _found("China's trade war with the United States deepened in May.", cb) == _pairs("CHN-USA")


def test_added_families_carry_their_quad_class():
    cues = load_cues()
    expected = {"blast": -1, "lash out": -1, "critique": -1, "rival": -1, "sponsor": 1, "affiliated": 1,
                "sit-down": 1, "hail": 1, "trade war": -1, "cyberattack": -1, "showdown": -1}
    signs = {}
    for cue in cues.entries:
        head = cue.phrase.split(" *")[0]
        if head in expected:
            signs.setdefault(head, set()).add(kind_sign(cue.kind))
    assert signs == {k: {v} for k, v in expected.items()}


def test_an_election_campaign_is_no_military_campaign(cb):
    found = _found("Aides to the American presidential campaign had repeated contacts with Russian officials.", cb)
    assert ("RUS", "USA", "-") not in found


def test_joining_the_ranks_of_a_group_is_no_state_alliance(cb):
    found = _found("Kenya must stop its citizens who aim to join the ranks of al-Shabaab.", cb)
    assert ("KEN", "SHABAAB", "+") not in found


def test_armed_as_an_adjective_is_no_arming(cb):
    found = _found("Japan killed the commander of the North Korean armed forces.", cb)
    assert ("JPN", "PRK", "+") not in found
    assert _found("Iran armed Venezuela with drones.", cb) == _pairs("IRN+VEN")


def test_voting_for_an_actor_is_support_and_against_it_opposition(cb):
    assert _found("Brazil voted for Venezuela in the Security Council.", cb) == _pairs("BRA+VEN")
    assert _found("Brazil voted against Venezuela in the Security Council.", cb) == _pairs("BRA-VEN")


# What governs a cue, and how far: (what is exercised, sentence, required, must not come out)
SCOPE = [
    ("a negated stop is continuing", "Washington will not stop supporting Kenya.", "USA+KEN", "USA-KEN"),
    ("a negated end is continuing", "Russia did not end its support for Venezuela.", "RUS+VEN", "RUS-VEN"),
    ("a negated hesitation is doing", "Mexico did not hesitate to condemn Venezuela.", "MEX-VEN", "MEX+VEN"),
    ("a negated failure is doing", "Mexico never failed to support Venezuela.", "MEX+VEN", ""),
    ("a negated refusal is doing", "Japan did not refuse to meet China.", "JPN+CHN", "JPN-CHN"),
    ("no plans to", "India has no plans to attack Pakistan.", "", "IND-PAK"),
    ("no intention of", "Ethiopia has no intention of attacking Kenya.", "", "ETH-KEN"),
    ("ending up is no ending", "Russia ended up rescuing the Venezuelan government.", "RUS+VEN", "RUS-VEN"),
    ("not just is no negation", "It is not just that Russia backed Venezuela.", "RUS+VEN", ""),
    ("whether or not is no negation", "Kenya said Ethiopia attacked Al-Shabaab, whether or not Washington agreed.",
     "ETH-SHABAAB", ""),
    ("whether asks about its own clause", "Washington asked whether Ethiopia attacked Kenya.", "", "ETH-KEN"),
    ("an adjunct is not what a verb stops", "Tensions eased after Indian air strikes on Pakistan.", "IND-PAK",
     "IND+PAK"),
    ("a prevented attack did not happen", "The treaty stopped Russia from invading Ukraine.", "", "RUS-UKR RUS+UKR"),
    ("without a noun is no negation", "Ethiopia attacked Kenyan positions without warning.", "ETH-KEN", ""),
    ("without a verb is", "Ethiopia attacked Somalia without coordinating with Kenya.", "", "ETH+KEN"),
    # found on corpus/real, in relations a reader judged "negated read as fact" (bench/audit_real.py)
    ("no longer", "Mexico will no longer fight Washington's drug war.", "", "MEX-USA"),
    ("a predicate noun negated", "Iran is not an ally of Russia.", "", "IRN+RUS"),
    ("reluctant to", "Japanese officials are reluctant to share intelligence with Washington.", "JPN-USA",
     "JPN+USA"),
    ("a state of cooperation that ended", "After the election, cooperation between Kenya and Ethiopia ended.",
     "KEN-ETH", "KEN+ETH"),
    ("a war that ended was fought", "Ethiopia's war with Kenya ended in November.", "ETH-KEN", ""),
    ("a meeting that ended was held", "The Japanese premier's visit to China ended on Tuesday.", "JPN+CHN",
     "JPN-CHN"),
    ("or shares the negation", "Russia did not arm or fund the Venezuelan government.", "", "RUS+VEN"),
    ("but does not", "Russia did not attack Ukraine but supported Venezuela.", "RUS+VEN", "RUS-UKR"),
    ("engaging militarily is no meeting", "Washington was reluctant to engage militarily with Iran.", "",
     "USA-IRN USA+IRN"),
    ("yet to is not so far", "Kenya has yet to provide Ethiopia with weapons.", "", "KEN+ETH"),
    ("need to is not done", "Mexico and Venezuela need to cooperate on migration.", "", "MEX+VEN"),
    ("has to is not done", "Japan has to confront China.", "", "JPN-CHN"),
    ("must states a stance", "India must have good relations with Russia.", "IND+RUS", ""),
    ("a refusal over the cue's verb", "Kenya's refusal to extend its support for Ethiopia angered Washington.",
     "KEN-ETH", "KEN+ETH"),
    ("denied reports that", "China denied reports that it had been selling weapons to Iran.", "", "CHN+IRN"),
    ("denied its part in", "Ethiopia denied its involvement in the attack on Kenya.", "", "ETH-KEN"),
    ("what is banned is not done", "Washington imposed a ban on arms sales to Iran.", "", "USA+IRN"),
    ("what a lifted ban was on goes ahead", "Washington lifted its ban on arms sales to Iran.", "USA+IRN", ""),
    ("what someone is kept from is not done", "The law prohibits American companies from investing in Iran.", "",
     "USA+IRN"),
    ("the purpose of an act not done", "Kenya did not send troops to help Ethiopia.", "", "KEN+ETH"),
    ("the purpose of an act done", "Kenya sent troops to help Ethiopia.", "KEN+ETH", ""),
    ("a condition", "Kenya will back Ethiopia provided that Addis Ababa attacks Al-Shabaab.", "", "KEN+ETH"),
    ("a yes/no question asks whether", "Will Kenya attack Ethiopia?", "", "KEN-ETH"),
    ("a quoted yes/no question", "\"Will Kenya attack Ethiopia?\" he asked.", "", "KEN-ETH"),
    ("a why-question takes the act as given", "\"Why is Kenya attacking Ethiopia?\" he asked.", "KEN-ETH", ""),
    ("unlikely to", "Kenya is unlikely to attack Ethiopia.", "", "KEN-ETH"),
    ("it is unlikely that", "It is unlikely that Kenya will attack Ethiopia.", "", "KEN-ETH"),
    ("a prospective deal is not made", "Kenya drew red lines for any prospective deal with Ethiopia.", "",
     "KEN+ETH"),
]


@pytest.mark.parametrize("scope, text, required, forbidden", SCOPE, ids=[c[0] for c in SCOPE])
def test_modifiers_reach_what_they_govern_and_no_further(cb, scope, text, required, forbidden):
    found = _found(text, cb)
    assert _pairs(required) <= found, f"missed {sorted(_pairs(required) - found)}"
    assert not found & _pairs(forbidden), f"false {sorted(found & _pairs(forbidden))}"


def test_a_plan_is_an_intent_not_a_deed(cb):
    from datetime import date

    from netviz.extract import extract_relations
    from netviz.model import Article

    rels = extract_relations([Article("t", date(2020, 6, 1), "", "w", "Russia revealed plans to attack Ukraine.")], cb)
    assert [(r.dyad, r.kind) for r in rels] == [(("RUS", "UKR"), "verbal_conflict")]
