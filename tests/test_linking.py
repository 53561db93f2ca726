"""The two sides of a cue, read from the parse (netviz/extract/linking.py): one test per linking path.

Sentences are written here, in wire style, with the codebook of test_extract built in code; none is
taken from the development articles. Each case names the path it exercises; ``required`` pairs must be
found (confidence >= 0.5) and nothing outside ``required | acceptable`` may be.
"""

from __future__ import annotations

from datetime import date

import pytest
from test_extract import _found, _pairs, assert_found, cb  # noqa: F401  (cb is the shared codebook fixture)

from netviz.extract import FOUND_CONFIDENCE, explain_article, extract_relations
from netviz.model import Article

# (path, sentence, required, acceptable)
CASES = [
    # co-listed sides
    ("as well as", "Russia backs Syria as well as Iran.", "RUS+SYR RUS+IRN", ""),
    ("envoy of two bodies", "Lakhdar Brahimi, the special envoy of the United Nations and the European Union, "
     "criticised Damascus.", "UN-SYR EU-SYR", "UN+EU"),  # a joint envoy
    ("noun named by its apposition", "Beijing deepened its friendship with India's old rival, Pakistan.",
     "CHN+PAK", "IND-PAK"),
    ("list after a role noun", "The missile test rattled U.S. allies Japan and South Korea.",
     "USA+JPN USA+KOR", "PRK-JPN PRK-KOR"),
    ("joint force", "A combined US, Russian, Syrian and Iraqi force is preparing an offensive.",
     "USA+RUS USA+SYR USA+IRQ RUS+SYR RUS+IRQ SYR+IRQ", ""),
    ("jointly", "Nigeria and Chad jointly attacked Boko Haram.", "NGA+TCD NGA-BOKO TCD-BOKO", ""),
    ("a participle describing a country names no one acting", "Turkish officials remain coy about their strategy "
     "to deal with the isolated Asian country, North Korea.", "", ""),
    ("the place of an attack condemned is no target of the condemnation", "The United States condemned the "
     "appalling terrorist attack in Lahore, Pakistan.", "", ""),
    ("close to what its preposition names", "Turkey shares intelligence with countries closer to the battlefields "
     "of the war against the Taliban and al-Shabaab.", "", "TUR-TALIBAN TUR-SHABAAB"),
    # who judges or examines a hostile act is no party to it; a topic discussed is no partner
    ("an attack condemned is not the condemner's", "France condemned the attack on Syria.", "", ""),
    ("an attack investigated is not the investigator's", "Britain investigated the rocket attacks against Israel.",
     "", ""),
    ("a war discussed is not between those discussing it", "Germany and France discussed the war in Syria.",
     "DEU+FRA", ""),
    ("a light verb's subject makes the attack", "Russia launched airstrikes on Syria.", "RUS-SYR", ""),
    ("a topic discussed is no partner", "The United States and Russia discussed Syria in Helsinki.", "USA+RUS", ""),
    # co-agents act together: one list on the acting side of a cue
    ("co-agents of a verb", "Britain, France and Germany imposed sanctions on Iran.",
     "GBR+FRA GBR+DEU FRA+DEU GBR-IRN FRA-IRN DEU-IRN", ""),
    ("co-agents of a noun", "The US and EU sanctions on Russia took effect on Monday.", "USA+EU USA-RUS EU-RUS", ""),
    ("alternatives do not act together", "China or the United States may yet censure India.", "",
     "CHN-IND USA-IND"),
    ("the urged have not acted together", "Turkey urged NATO and the European Union to back its offensive.",
     "", "TUR+NATO TUR+EU"),
    ("co-backers in a by-phrase stay below the found threshold", "Sudan is backed by Russia and China.",
     "RUS+SDN CHN+SDN", ""),
    ("each other", "Russia and Ukraine blamed one another for the attack.", "RUS-UKR", ""),
    ("the one backed shares the fight", "Russia is cooperating with Turkey in the fight against the Taliban.",
     "RUS+TUR RUS-TALIBAN TUR-TALIBAN", ""),
    ("partners in a war with no enemy named are not enemies", "Hezbollah pledged to back Syria in the war.",
     "HEZBOLLAH+SYR", ""),
    ("who caused friction between two is neither's enemy",
     "The Kurdish fighters caused friction between Ankara and Washington.", "TUR-USA", ""),
    ("who brokers talks between two works with both", "Egypt brokered talks between Israel and Hamas.",
     "ISR+HAMAS EGY+ISR EGY+HAMAS", ""),
    ("the pair named by 'the two countries' as an of-object", "Russia and Ukraine have been at odds for years. "
     "The leaders of the two countries met in Minsk on Friday.", "RUS+UKR", "RUS-UKR"),
    ("the object of what a threat announces", "Last year, the United States drew gasps by threatening from "
     "the U.N. podium to “totally destroy” North Korea.", "USA-PRK", ""),
    ("a cue in the complement takes its own object", "Iran vowed to support Syria.", "IRN+SYR", ""),
    # arguments the parse attaches elsewhere
    ("an owner without its 's, the enemy in a phrase hung on the verb", "Officials trust the Afghan security forces "
     "ability to protect Afghanistan from terror by the hands of the Taliban.", "AFG-TALIBAN", ""),
    ("a modifier owns the plan", "Russia denounced any American attempts to undermine Iran.", "USA-IRN RUS-USA", ""),
    ("the one accused, by a participle", "Qatar, long accused by Saudi Arabia of backing Hamas, denied the claims.",
     "QAT+HAMAS QAT-SAU", ""),
    ("fought with X against Y, a relative clause",
     "Hezbollah fighters, who fought with Syria against the Kurdish fighters, returned home.",
     "HEZBOLLAH+SYR HEZBOLLAH-YPG", "SYR-YPG"),
    ("an aside between dashes describes what it follows", "India has improved relations with Japan – currently "
     "embroiled in a fierce territorial dispute with China – and with Australia.", "IND+JPN JPN-CHN", "IND+AUS"),
    ("the list goes on after the aside", "India has improved relations with Japan - embroiled in a dispute with "
     "China - as well as the United States and Britain.", "IND+JPN JPN-CHN IND+USA IND+GBR", ""),
    ("allied with (passive)", "Hamas is closely allied with Iran.", "HAMAS+IRN", ""),
    ("the subject of the verb an adjective complements", "The Pentagon defended the purchases of helicopters from "
     "the Russian company as important to helping Afghanistan build a credible force.", "USA+AFG", "USA+RUS USA-RUS"),
    ("committed to", "The United States remains committed to supporting Ukraine.", "USA+UKR", ""),
    ("an amount stands for what it counts", "China announced retaliatory tariffs on $60 billion of US goods.",
     "CHN-USA", ""),
    ("co-agents are not their own other side", "India and Pakistan have fought two of their three wars over "
     "Kashmir.", "IND-PAK", ""),
    # a role an "as", "among" or "one of" phrase casts someone in
    ("cast as a role, between commas", "Russia, as Syria's longtime ally, is seen as the best broker.",
     "RUS+SYR", ""),
    ("cast as a role by a verb of regarding", "The Pentagon named China and Russia as rivals of the United States.",
     "CHN-USA RUS-USA", ""),
    ("an actor before the comma, not the subject of the verb", "Washington believes Moscow, as a guarantor of "
     "the Syrian government, has a responsibility.", "RUS+SYR", ""),
    ("an 'as' phrase on another verb describes its subject, not its object", "As an ally of the United States, "
     "Turkey condemned Russia.", "TUR+USA TUR-RUS", ""),
    ("among", "Japan is among Washington's closest partners.", "JPN+USA", ""),
    ("one of", "Egypt is one of the closest allies of Saudi Arabia.", "EGY+SAU", ""),
    ("relative passive", "Hezbollah, which is allied with Syria, sent fighters to Aleppo.", "HEZBOLLAH+SYR", ""),
    ("protect X from Y", "Turkish troops protected Qatar from Saudi Arabia.", "TUR+QAT TUR-SAU QAT-SAU", ""),
    ("received from the giver", "Ukraine won fresh backing from the European Union on Monday.", "EU+UKR", ""),
    ("asked for help", "Nigeria asked Chad for more help against Boko Haram.", "NGA+TCD",
     "NGA-BOKO TCD-BOKO"),
    # opposing a hostile act takes its target's side
    ("blocked action against", "Russia and China blocked draft resolutions that would take action against Syria.",
     "RUS+SYR CHN+SYR", ""),
    ("vetoed a resolution condemning", "Russia vetoed a resolution condemning Syria.", "RUS+SYR", ""),
    ("opposed sanctions against", "China opposed sanctions against Iran.", "CHN+IRN", ""),
    ("a plan the subject blocked is not its own", "Germany blocked a plan to send weapons to Ukraine.", "DEU-UKR",
     ""),
    # modifiers
    ("leading Nor", "Nor has Russia supported the Houthis, officials said.", "", ""),
    ("hedge of another noun's verb", "Time may be running out for a settlement of the India-Pakistan conflict.",
     "IND-PAK", ""),
    ("mend ties", "Turkey, in an effort to mend ties with Israel, sent an envoy to Jerusalem.", "TUR+ISR", ""),
    # the nearest-actor fallback stays narrow
    ("no agent from a prepositional phrase", "Protesters gathered outside the embassy of Egypt to condemn Israel.",
     "", ""),
    ("no patient behind another preposition", "Russia warned it could take the dispute to the United Nations.",
     "", ""),
    # what a side is made of
    ("a denied conjunct is no side", "Moscow, and not Washington, has worked with New Delhi on reactors.",
     "RUS+IND", ""),
    ("neither ... nor acts", "Neither Britain nor France has recognised Kosovo.", "", ""),
    ("neither ... nor is acted on", "Britain recognised neither Kosovo nor Serbia.", "", ""),
    ("a relative clause describes its own conjunct only",
     "Russia, which backs Syria's government, and Turkey, which backs the rebels, are at odds.", "RUS+SYR", ""),
    ("a list of titled subjects the parser broke", "US joint chiefs of staff chairman Joseph Dunford, Russian chief "
     "of the general staff Valery Gerasimov and Turkey's chief of the general staff Hulusi Akar met on Tuesday.",
     "USA+RUS USA+TUR RUS+TUR", ""),
    ("the last verb of a list, hung on a relative clause", "This year Russia has expelled British diplomats, cut "
     "funding for the U.N. agency that helps refugees and started a trade war with Ukraine.",
     "RUS-GBR RUS-UN RUS-UKR", ""),
    ("no fallback for a participle modifier", "The U.S.-backed coalition, Iraqi troops and Syrian rebels fought on.",
     "", ""),
    # purposes, descriptions and asides
    ("an infinitive of purpose has the subject of the verb it serves",
     "Japanese jets carried out strikes to support India's offensive against China.", "JPN+IND JPN-CHN IND-CHN", ""),
    ("each party to a cooperation acts for its purpose", "Germany has aligned itself with Poland to combat Russia.",
     "DEU+POL DEU-RUS POL-RUS", ""),
    ("the target of an agreement's purpose is no party to it", "Nigeria discussed a deal on how to expel Boko Haram.",
     "NGA-BOKO", ""),
    ("the parties of a cooperation do not fight each other for its purpose",
     "Turkey agreed with Russia to fight.", "TUR+RUS", ""),
    ("a partner joined shares the purpose", "France joined Britain to strike Syria.", "FRA+GBR FRA-SYR GBR-SYR", ""),
    ("the one regarded is in the noun of its as-phrase",
     "Washington regards Iraq as one of the most effective fighters in the campaign against Iran.", "IRQ-IRN", ""),
    ("the one viewed is in the noun of its as-phrase",
     "Tokyo views Taiwan as an essential part of the struggle against China.", "JPN+TWN TWN-CHN", ""),
    ("a participle aside describes the name before it",
     "While Paris warned that Greece would become a quagmire, the Russians, working with Iran, helped Damascus.",
     "RUS+IRN RUS+SYR", ""),
    ("none other than", "Hezbollah is funded by none other than Iran.", "HEZBOLLAH+IRN", ""),
    ("turning one's attention to someone is no appeal to them", "Iraq will soon turn its attention to Syria.", "",
     ""),
    ("turning to someone is", "Iraq turned to Russia for help.", "IRQ+RUS", ""),
    ("the one prompted acts, though no actor", "The Turkish market crash prompted the governor to condemn Russia.",
     "", ""),
    ("one asked to act leaves the asker's stance", "Turkey urged the governor to condemn Russia.", "TUR-RUS", ""),
    ("a reciprocal slot holds both parties, not whatever brought them together",
     "The American pressure on Turkey has brought Russia and Iran a step closer.", "RUS+IRN", "USA-TUR"),
]


@pytest.mark.parametrize("path, text, required, acceptable", CASES, ids=[c[0] for c in CASES])
def test_linking_paths(cb, path, text, required, acceptable):  # noqa: F811
    assert_found(text, cb, required, acceptable)


def _rules(text: str, cb) -> dict[tuple[str, str, int], str]:  # noqa: F811
    rels = extract_relations([Article("t", date(2020, 6, 1), "", "test", text)], cb)
    return {(*r.dyad, r.sign): r.evidence.rule for r in rels if r.confidence >= FOUND_CONFIDENCE}


def test_evidence_names_the_new_paths(cb):  # noqa: F811
    # the analyst sees why a blocked resolution puts Russia on Syria's side
    assert _rules("Russia vetoed a resolution condemning Syria.", cb)[("RUS", "SYR", 1)].startswith(
        "opposed by the subject of the verb")
    assert _rules("Ukraine won backing from the European Union.", cb)[("EU", "UKR", 1)] == \
        "noun received from the giver"
    assert _rules("Hamas is allied with Iran.", cb)[("HAMAS", "IRN", 1)] == \
        "passive subject-prepositional object"
    # an adjective says it of the copula's subject, not of the nearest actor before it
    assert _rules("The Greek prime minister has grown increasingly alarmed about Turkey.", cb)[("GRC", "TUR", -1)] \
        == "noun subject of the copula-prepositional object"


def test_a_hypothetical_inside_the_blocked_resolution_does_not_hedge_the_veto(cb):  # noqa: F811
    # "would have imposed" is what the resolution said, not a doubt about the veto
    text = "Russia vetoed a resolution that would have imposed sanctions on Syria."
    assert _found(text, cb) == _pairs("RUS+SYR")
    # the veto's own negation still counts
    assert _found("Russia did not veto the resolution condemning Syria.", cb) == set()


def test_explain_shows_the_arcs_of_a_co_listed_side(cb):  # noqa: F811
    art = Article("t", date(2020, 6, 1), "", "test", "Russia backs Syria as well as Iran.")
    links = [lf for e in explain_article(art, cb) for lf in e.links if lf.outcome == "relation"]
    iran = [lf for lf in links if "IRN" in (lf.a, lf.b)]
    assert iran and "dobj(backs, Syria)" in iran[0].arcs and "Iran" in iran[0].arcs


def test_two_subjects_the_parser_gave_one_verb_are_no_list(cb):  # noqa: F811
    # a dateline's place parsed as a second subject: it does not act together with the subject (that
    # the place is read as an actor at all is the mentions' business)
    found = _found("ANKARA, Turkey (AP) — Russia on Friday accused Poland of arming Ukraine, siding firmly with "
                   "Belarus.", cb)
    assert _pairs("RUS-POL RUS+BLR") <= found and not _pairs("RUS+TUR") & found, found


def test_explain_shows_the_arcs_that_make_co_agents(cb):  # noqa: F811
    art = Article("t", date(2020, 6, 1), "", "test", "Britain, France and Germany imposed sanctions on Iran.")
    links = {(lf.a, lf.b): lf for e in explain_article(art, cb) for lf in e.links if lf.outcome == "relation"}
    assert links[("FRA", "DEU")].rule == "co-agents"
    assert links[("FRA", "DEU")].arcs == \
        "nsubj(imposed, Britain) + conj(Britain, France) | nsubj(imposed, Britain) + conj(Britain, Germany)"


def test_fallback_lists_the_actors_named_with_the_one_it_takes(cb):  # noqa: F811
    # the parse hangs "with leaders of ..." on the participle; the fallback takes the whole list
    text = "Erdogan has talks scheduled on Monday with leaders of Japan, India and Egypt."
    found = _found(text, cb)
    assert _pairs("TUR+JPN TUR+IND TUR+EGY") <= found, found


def test_a_plural_group_named_by_several_modifiers_is_each_of_them(cb):  # noqa: F811
    # the list runs over the noun's modifiers ("U.S., allied and Afghan forces"); the parser also tags
    # some plurals as verbs ("envoys")
    assert _pairs("USA-TALIBAN AFG-TALIBAN") <= _found(
        "After the election, U.S., allied and Afghan forces there attacked the Taliban.", cb)
    assert _pairs("EGY+ISR EGY+HAMAS") <= _found(
        "In Cairo, Egypt is hosting separate talks with Israeli and Hamas envoys on the next phase.", cb)


def test_an_actor_heading_the_cue_s_own_argument_is_read_not_a_crash():
    # an actor whose name is headed by its first word ("Principality of Andorra") can be the very word
    # heading the object of a cue whose subject the parse lost after a dateline dash: the fallback that
    # looks inside that object must read it (it raised StopIteration, which stopped a whole build)
    from test_extract import _state

    from netviz.ingest.actors import Codebook

    book = Codebook([_state("AND", "Principality of Andorra"), _state("IDN", "Republic of Indonesia")])
    text = "ISTANBUL — “Principality of Andorra convinced Republic of Indonesia,” diplomats said."
    assert _found(text, book) <= _pairs("AND+IDN")


# The fallbacks on unseen text (bench/audit_real.py): the structures that made them pick the wrong actor,
# and the ones they must still read. (path, sentence, required, acceptable)
FALLBACK_CASES = [
    ("no reciprocal reading for a list of examples",
     "The deals include Jordan, Egypt, Turkey and other Arab nations that have worked hard to collect intelligence.",
     "", ""),
    ("reciprocal relative clause on the named pair",
     "Russia and China, which have cooperated closely at the United Nations, blocked the resolution.", "RUS+CHN",
     ""),
    ("no other side from a clause of contrast",
     "While Israel fights for recognition in a hostile world, Washington says the era is peaceful.", "", ""),
    ("no other side from a relative clause inside the argument",
     "U.S. soldiers arrived at the scene of a car bomb that targeted foreign vehicles in Kabul, Afghanistan.", "",
     ""),
    ("no actor inside a clause inside the object",
     "The handshake came as the American president was greeting a line of world leaders attending the memorial "
     "in Ankara for Turkey's first president.", "", ""),
    ("actor inside the object's own phrase", "Russia blocked a proposal by the United States.", "RUS-USA", ""),
    ("no acting side from a list holding the other side",
     "The leaders of Britain, the United States, Germany and France condemned the nerve agent attack as an "
     "assault on British sovereignty.", "", ""),
    ("no acting side from a phrase coordinated with the cue's",
     "Relations soured over NATO expansion and the invasion of Iraq.", "", ""),
    ("no other side from a phrase coordinated with the cue's",
     "Chinese economic aggression, Russian subversion and the hostility of Iran have many causes.", "", ""),
    ("the cue's own phrase after the last conjunct is shared",
     "The talks led to Egypt's peace treaty and diplomatic relations with Israel.", "EGY+ISR", ""),
    ("the one accused in the cue's phrase acts for its own verb and is the other side",
     "Tensions grew with accusations by the U.S. this week that Russia is selling helicopters to Syria.",
     "USA-RUS RUS+SYR", ""),
    ("no acting side past the agent of a coordinated passive that names none",
     "Iran and Iraq back the government, while the Houthis are funded and armed by a network of private donors.",
     "", ""),
    ("no acting side past a shared subject the codebook does not know",
     "Morales supported Turkish policy, courted foreign investors and recognized Armenia's claim to the region.",
     "", ""),
    ("a copula's subject does not act for its infinitive",
     "Egypt's premier said the aim of his visit is to support the Libyan people.", "EGY+LBY", ""),
    ("a gathering named by its forum that dates the clause is no act of the clause's actors",
     "At the United Nations meeting last year, Erdogan told Greek leaders they could solve their debt problems.",
     "", ""),
    ("a gathering that dates the clause, with its other party in its own phrase",
     "Putin was assured after a meeting with Erdogan that the men had been freed.", "RUS+TUR", ""),
    ("the target of a hostile act inside what a cooperation is about is no partner",
     "Turkey turned to the war against Iran.", "TUR-IRN", ""),
    ("a punishment promised is a threat, not a promise to the one punished",
     "Washington was promising severe punishments for Saudi Arabia after the journalist vanished.", "USA-SAU", ""),
    ("an unresolved 'I' or 'we' acting is nobody named before",
     'In his speech, the president touched only once on Iran: "I have also imposed new sanctions on groups who '
     'support Iran\'s missile program, and reaffirmed our unbreakable alliance with Israel."', "", ""),
    ("the one a participle describes is its other side, though no actor",
     "Under Mubarak, regarded by Israel as a strategic ally, any relationship with Hamas was unthinkable.", "", ""),
    ("a bare unit of some actor leaves the acting side open",
     "The deployment of American troops suggests Obama plans to let generals use airpower to support Afghan "
     "forces.", "USA+AFG", ""),
]


@pytest.mark.parametrize("path, text, required, acceptable", FALLBACK_CASES, ids=[c[0] for c in FALLBACK_CASES])
def test_fallback_paths(cb, path, text, required, acceptable):  # noqa: F811
    assert_found(text, cb, required, acceptable)


def test_the_article_s_main_actor_is_not_implied_where_the_sentence_names_the_parties(cb):  # noqa: F811
    # an article about Libya: its main actor acts where a cue names no one acting ...
    lead = "Libya closed its border. Libya expelled diplomats. Libya's government met. "
    assert _pairs("LBY-USA") <= _found(lead + "Officials in Chad described attacks on the U.S. consulate.", cb)
    # ... but not when the sentence puts it somewhere else (a place), nor when "between" names the parties
    assert _found(lead + "Officials described attacks on the U.S. consulate in Tripoli, Libya.", cb) == set()
    assert _found(lead + "Officials in Chad described clashes between Houthi rebels.", cb) == set()


def test_a_relative_clause_s_named_antecedent_acts_for_its_noun_not_the_article_s_main_actor(cb):  # noqa: F811
    lead = "Libya closed its border. Libya expelled diplomats. Libya's government met. "

    def implied(text):
        rels = extract_relations([Article("t", date(2020, 6, 1), "", "test", lead + text)], cb)
        return {r.dyad for r in rels if "LBY" in r.dyad}

    assert not implied("Officials in Chad said Abu Khattala, who was responsible for the attack on the U.S. "
                       "consulate, was arrested.")
    # a thing the relative clause describes acts for no one: the main actor still acts
    assert implied("Officials in Chad said the tour, which was responsible for the attack on the U.S. consulate, "
                   "was cancelled.") == {("LBY", "USA")}


def test_the_subject_the_parser_took_for_the_object_of_as_is_the_subject():
    import spacy
    from spacy.tokens import Doc

    from netviz.extract.sides import _as_clause

    # "Ties have come under strain as the Greek president, Sakellaropoulou, has become alarmed", parsed as the
    # parser sometimes does: "as" a preposition, "become" coordinated with "come" with no "and" between them
    words = ["Ties", "have", "come", "under", "strain", "as", "the", "Greek", "president", ",", "Sakellaropoulou",
             ",", "has", "become", "alarmed"]
    heads = [2, 2, 2, 2, 3, 2, 8, 8, 5, 8, 8, 8, 13, 2, 13]
    deps = ["nsubj", "aux", "ROOT", "prep", "pobj", "prep", "det", "amod", "pobj", "punct", "appos", "punct", "aux",
            "conj", "acomp"]
    vocab = spacy.blank("en").vocab
    doc = Doc(vocab, words=words, heads=heads, deps=deps)
    assert _as_clause(doc[13], doc[2]).text == "president"
    # "... Sakellaropoulou, and has become alarmed": a real coordination
    words[11], deps[11] = "and", "cc"
    heads[11] = 2
    doc = Doc(vocab, words=words, heads=heads, deps=deps)
    assert _as_clause(doc[13], doc[2]) is None


def test_a_named_subject_the_cue_depends_on_acts_for_it_not_the_article_s_main_actor(cb):  # noqa: F811
    lead = "Libya closed its border. Libya expelled diplomats. Libya's government met. "
    # the participle's subject is the one acting: Putin, not Libya (the article's main actor)
    found = _found(lead + "While issuing a tough warning to Chad, Putin said talks could resume.", cb)
    assert _pairs("RUS-TCD") <= found and not {p for p in found if "LBY" in p}, found
    # someone the codebook does not know acts: no one is implied
    text = "Speaking at a news conference in Cairo after talks with Chad's president, Smith said peace was near."
    assert _found(lead + text, cb) == set()


def test_the_other_side_beyond_the_cue_s_clause_comes_from_a_clause_the_cue_governs(cb):  # noqa: F811
    # below the found threshold since the audit (right 2 times in 17 on real text before this rule), but
    # still read, at its own confidence, from the clause the cue governs and never from another event
    def rules(text):
        rels = extract_relations([Article("t", date(2020, 6, 1), "", "test", text)], cb)
        return {(*r.dyad, r.sign): r.evidence.rule for r in rels}

    got = rules("Last year, Washington drew gasps by threatening from the U.N. podium to totally destroy North Korea.")
    # the object of what a threat announces is now read from the parse before any fallback
    assert got.get(("PRK", "USA", -1)) in ("nearest actor after the cue in its sentence",
                                           "subject of the governing verb-object of its complement"), got
    got = rules("While Israel fights for recognition in a hostile world, Washington says the era is peaceful.")
    assert ("ISR", "USA", -1) not in got, got
