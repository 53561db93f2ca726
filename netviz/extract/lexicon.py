"""The cue lexicon: the words that make two actors in a sentence a relation.

:func:`load_cues` reads ``data/cues.yaml`` (and a user's files in the same
format) into :class:`Cues`: event families with their CAMEO quad class and
intensity, cue entries with the prepositions that introduce the other actor,
the neutral relation nouns, the modifiers, places and stop phrases.

Cue words are matched on their surface form. The inflections of every verb
and noun cue are generated here once, at load time (:func:`verb_forms`,
:func:`noun_forms`), which makes one dictionary lookup per token the whole
lemmatisation the extractor needs: spaCy's lemmatizer (with the attribute
ruler it depends on) would cost more CPU than the dependency parse itself
(shared/SPACY.md: 612 -> 261 sentences/s), for lemmas of a few hundred cue
words that this table already knows.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netviz.errors import NetvizError
from netviz.ingest.yamlfile import LINE, load_yaml, where
from netviz.model import KINDS, kind_sign

#: The lexicon shipped with netviz.
DEFAULT_CUES = Path(__file__).parents[1] / "data" / "cues.yaml"

# =============================================================================
# Normalisation and inflection
# =============================================================================

_BRITISH = (
    (re.compile(r"(?<=...)is(e|es|ed|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"(?<=...)our(s|ed|ing|able)?$"), r"or\1"),
)
_SPELLING = {"defence": "defense", "offence": "offense", "defences": "defenses", "programme": "program"}
_HYPHENS = str.maketrans({"-": None, "\u2010": None, "\u2011": None})


@functools.lru_cache(maxsize=1 << 16)
def _norm(word: str) -> str:
    """A word as the lexicon sees it: lower case, no hyphens, American spelling.

    >>> _norm("Co-operating"), _norm("mobilised"), _norm("Harbours"), _norm("defence")
    ('cooperating', 'mobilized', 'harbors', 'defense')
    """
    w = word.lower().replace("\u2019", "'").translate(_HYPHENS)
    if w in _SPELLING:
        return _SPELLING[w]
    for pattern, repl in _BRITISH:
        w = pattern.sub(repl, w)
    return w


_VOWELS = frozenset("aeiou")
# past, past participle (space-separated alternatives); prefixed compounds
# ("withdraw", "overthrow", "retake") are derived from their base verb.
_IRREGULAR = {
    "arise": ("arose", "arisen"), "be": ("was were", "been"), "bear": ("bore", "borne born"),
    "beat": ("beat", "beaten beat"), "become": ("became", "become"), "begin": ("began", "begun"),
    "bid": ("bid", "bid"), "bind": ("bound", "bound"), "break": ("broke", "broken"),
    "bring": ("brought", "brought"), "build": ("built", "built"), "buy": ("bought", "bought"),
    "cast": ("cast", "cast"), "catch": ("caught", "caught"), "choose": ("chose", "chosen"),
    "come": ("came", "come"), "cut": ("cut", "cut"), "deal": ("dealt", "dealt"), "do": ("did", "done"),
    "draw": ("drew", "drawn"), "drive": ("drove", "driven"), "fall": ("fell", "fallen"),
    "feel": ("felt", "felt"), "fight": ("fought", "fought"), "find": ("found", "found"),
    "flee": ("fled", "fled"), "fly": ("flew", "flown"), "forbid": ("forbade", "forbidden"),
    "forget": ("forgot", "forgotten"), "forgive": ("forgave", "forgiven"), "freeze": ("froze", "frozen"),
    "get": ("got", "got gotten"), "give": ("gave", "given"), "go": ("went", "gone"),
    "grind": ("ground", "ground"), "hang": ("hung", "hung"), "have": ("had", "had"), "hear": ("heard", "heard"),
    "hide": ("hid", "hidden"), "hit": ("hit", "hit"), "hold": ("held", "held"), "hurt": ("hurt", "hurt"),
    "keep": ("kept", "kept"), "know": ("knew", "known"), "lay": ("laid", "laid"), "lead": ("led", "led"),
    "leave": ("left", "left"), "lend": ("lent", "lent"), "let": ("let", "let"), "lose": ("lost", "lost"),
    "make": ("made", "made"), "mean": ("meant", "meant"), "meet": ("met", "met"), "pay": ("paid", "paid"),
    "put": ("put", "put"), "quit": ("quit", "quit"), "read": ("read", "read"), "ride": ("rode", "ridden"),
    "ring": ("rang", "rung"), "rise": ("rose", "risen"), "run": ("ran", "run"), "say": ("said", "said"),
    "see": ("saw", "seen"), "seek": ("sought", "sought"), "sell": ("sold", "sold"), "send": ("sent", "sent"),
    "set": ("set", "set"), "shake": ("shook", "shaken"), "shed": ("shed", "shed"), "shoot": ("shot", "shot"),
    "shut": ("shut", "shut"), "sink": ("sank", "sunk"), "sit": ("sat", "sat"), "slay": ("slew", "slain"),
    "speak": ("spoke", "spoken"), "spend": ("spent", "spent"), "split": ("split", "split"),
    "spread": ("spread", "spread"), "stand": ("stood", "stood"), "steal": ("stole", "stolen"),
    "stick": ("stuck", "stuck"), "strike": ("struck", "struck stricken"), "strive": ("strove", "striven"),
    "swear": ("swore", "sworn"), "take": ("took", "taken"), "teach": ("taught", "taught"),
    "tear": ("tore", "torn"), "tell": ("told", "told"), "think": ("thought", "thought"),
    "throw": ("threw", "thrown"), "understand": ("understood", "understood"), "wake": ("woke", "woken"),
    "wear": ("wore", "worn"), "win": ("won", "won"), "wind": ("wound", "wound"), "write": ("wrote", "written"),
}
_PREFIXES = ("with", "over", "under", "out", "up", "fore", "mis", "re")


def _irregular(lemma: str) -> tuple[str, str] | None:
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    for prefix in _PREFIXES:
        base = lemma[len(prefix):]
        if lemma.startswith(prefix) and base in _IRREGULAR:
            past, pp = _IRREGULAR[base]
            return " ".join(prefix + w for w in past.split()), " ".join(prefix + w for w in pp.split())
    return None


def _cvc(w: str) -> bool:
    """Ends consonant-vowel-consonant, so the final consonant may double (ban, banned)."""
    if len(w) < 3 or w[-1] in _VOWELS or w[-1] in "wxy" or w[-2] not in _VOWELS:
        return False
    return w[-3] not in _VOWELS or w[-4:-2] == "qu"


def _syllables(w: str) -> int:
    return len(re.findall(r"[aeiouy]+", w))


def _doubled(w: str, suffix: str) -> list[str]:
    """Both spellings where the stress decides (targeted/targetted); one for monosyllables."""
    double = w + w[-1] + suffix
    return [double] if _syllables(w) == 1 else [w + suffix, double]


def verb_set(lemmas: str) -> frozenset[str]:
    """Every surface form of the space-separated verb ``lemmas``, as :func:`_norm` writes them: the word
    lists of the extractor's rules, compared with ``_norm(token.text)`` (the parse has no lemmas).

    >>> sorted(verb_set("ban criticise"))
    ['ban', 'banned', 'banning', 'bans', 'criticize', 'criticized', 'criticizes', 'criticizing']
    """
    return frozenset(_norm(w) for lemma in lemmas.split() for w in verb_forms(lemma))


def verb_forms(lemma: str) -> dict[str, frozenset[str]]:
    """Surface forms of a verb lemma, each with its tags (base, s, past, pp, ing).

    >>> sorted(verb_forms("ban"))
    ['ban', 'banned', 'banning', 'bans']
    >>> forms = verb_forms("withdraw")
    >>> sorted(forms["withdrew"]), sorted(forms["withdrawn"]), sorted(forms["withdrawing"])
    (['past'], ['pp'], ['ing'])
    """
    w = lemma
    forms: dict[str, set[str]] = {w: {"base"}}

    def add(form: str, tag: str) -> None:
        forms.setdefault(form, set()).add(tag)

    if w.endswith(("s", "x", "z", "ch", "sh")) or (w.endswith("o") and len(w) > 1 and w[-2] not in _VOWELS):
        add(w + "es", "s")
    elif w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        add(w[:-1] + "ies", "s")
    else:
        add(w + "s", "s")
    irregular = _irregular(w)
    if w.endswith("e"):
        ed = [w + "d"]
    elif w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        ed = [w[:-1] + "ied"]
    elif _cvc(w):
        ed = _doubled(w, "ed")
    else:
        ed = [w + "ed"]
    if irregular:
        for form in irregular[0].split():
            add(form, "past")
        for form in irregular[1].split():
            add(form, "pp")
    else:
        for form in ed:
            add(form, "past")
            add(form, "pp")
    if w.endswith("ie"):
        ing = [w[:-2] + "ying"]
    elif w.endswith("e") and not w.endswith(("ee", "ye", "oe")) and len(w) > 2:
        ing = [w[:-1] + "ing"]
    elif _cvc(w):
        ing = _doubled(w, "ing")
    else:
        ing = [w + "ing"]
    for form in ing:
        add(form, "ing")
    return {k: frozenset(v) for k, v in forms.items()}


def noun_forms(lemma: str) -> list[str]:
    """Singular and plural of a noun.

    >>> noun_forms("hostility"), noun_forms("crisis"), noun_forms("talk")
    (['hostility', 'hostilities'], ['crisis', 'crises'], ['talk', 'talks'])
    """
    w = lemma
    if w.endswith("sis"):
        return [w, w[:-3] + "ses"]
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return [w, w + "es"]
    if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        return [w, w[:-1] + "ies"]
    return [w, w + "s"]


# =============================================================================
# The lexicon
# =============================================================================

_POS_KEYS = {"verbs": "verb", "nouns": "noun", "phrases": "phrase", "roles": "role"}
_ENTRY = re.compile(
    r"^(?P<words>[^()\[\]<>]+?)\s*(?:\((?P<req>[^()]*)\)|\[(?P<opt>[^\[\]]*)\])?\s*(?P<rec><>)?\s*$"
)
_SLOT = "*"


@dataclass(frozen=True)
class Cue:
    """One lexicon entry: a phrase, the event family it signals, and how it takes its actors.

    ``preps`` are the prepositions that introduce the other actor (required
    when ``prep_required``); ``reciprocal`` cues relate coordinated actors
    with each other ("X and Y met").
    """

    text: str
    family: str
    kind: str
    intensity: float
    pos: str
    preps: tuple[tuple[str, ...], ...] = ()
    prep_required: bool = False
    reciprocal: bool = False
    source: str = ""

    @property
    def sign(self) -> int:
        """+1 for a cue of cooperation, -1 for one of conflict (a cue of no kind counts as cooperation)."""
        return kind_sign(self.kind or "verbal_cooperation")

    @property
    def phrase(self) -> str:
        """The cue's words without the argument marks: ``"cooperate"``, ``"regard * as terrorist"``."""
        return _ENTRY.match(self.text).group("words").strip()


@dataclass(frozen=True)
class _Pattern:
    cue: Cue
    rest: tuple[frozenset[str] | str, ...]  # word alternatives, or _SLOT
    literals: int


@dataclass(frozen=True)
class _Phrases:
    """Modifier phrases indexed by first word: {first: [(rest, payload)]}, longest first."""

    index: Mapping[str, tuple[tuple[tuple[str, ...], Any], ...]]

    def match(self, words: Sequence[str], i: int) -> tuple[int, Any] | None:
        for rest, payload in self.index.get(words[i], ()):
            n = len(rest)
            if tuple(words[i + 1 : i + 1 + n]) == rest:
                return i + 1 + n, payload
        return None


def _phrase_index(items: Iterable[tuple[tuple[str, ...], Any]]) -> _Phrases:
    index: dict[str, list] = {}
    for words, payload in items:
        index.setdefault(words[0], []).append((tuple(words[1:]), payload))
    return _Phrases({k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in index.items()})


@dataclass(frozen=True)
class Hedge:
    """Words that lower confidence by ``factor`` within ``scope``: ``verb`` (on the cue's verb chain),
    ``noun`` (qualifying a noun cue: "a prospective deal"), ``clause`` or ``sentence``."""

    words: tuple[str, ...]
    factor: float
    scope: str


@dataclass(frozen=True)
class Cues:
    """The compiled cue lexicon: build it with :func:`load_cues`.

    >>> cues = load_cues()
    >>> cues.families["assault"].kind, cues.families["assault"].intensity
    ('material_conflict', 9.0)
    """

    families: Mapping[str, "Family"]
    entries: tuple[Cue, ...]
    neutral: tuple[str, ...]
    positive: tuple[str, float, frozenset[str]]
    negative: tuple[str, float, frozenset[str]]
    negation: tuple[str, ...]
    refusal: tuple[str, ...]
    refusal_intensity: float
    reversal: tuple[str, ...]
    reversal_after: tuple[str, ...]
    reversal_factor: Mapping[int, float]
    intent: tuple[str, ...]
    intent_adjectives: frozenset[str]
    hedges: tuple[Hedge, ...]
    historical_factor: float
    places: frozenset[str]
    stop: tuple[str, ...]
    sources: tuple[Path, ...]
    _index: Mapping[str, tuple[tuple[_Pattern, frozenset[str]], ...]] = field(repr=False, compare=False)
    _modifiers: _Phrases = field(repr=False, compare=False)
    _stops: _Phrases = field(repr=False, compare=False)

    def hedge_factor(self, word: str) -> float:
        """The factor of the hedge ``word`` (what a hedge the parse finds without that word is worth: a
        condition without "if", a demand with "must", what is only asked for, as "would"); 0.5 if the
        lexicon has no such hedge."""
        return next((h.factor for h in self.hedges if word in h.words), 0.5)


@dataclass(frozen=True)
class Family:
    """A CAMEO event family: its quad class and Goldstein-like intensity."""

    name: str
    cameo: str
    kind: str
    intensity: float


def load_cues(*extra: Path) -> Cues:
    """The bundled lexicon plus user lexicon files, compiled for matching.

    Parameters
    ----------
    extra:
        Cue files in the bundled format; each extends the lexicon loaded
        before it (see the header of ``data/cues.yaml``).

    Raises
    ------
    NetvizError
        If a file is missing or malformed; the message names the file, the
        line and the entry.
    """
    raw: dict[str, Any] = {
        "families": {}, "neutral": {"nouns": [], "positive": {}, "negative": {}},
        "modifiers": {}, "places": [], "stop": [],
    }
    sources = (DEFAULT_CUES, *map(Path, extra))
    for path in sources:
        _merge(raw, path, load_yaml(path))
    return _compile(raw, sources)


def _fail(path: Path, entry: Any, message: str) -> NetvizError:
    return NetvizError(f"{where(path, entry)}: {message}")


def _strings(path: Path, owner: Any, key: str, value: Any) -> list[tuple[str, str]]:
    """A YAML list of strings, each paired with the ``file:line`` it came from."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, owner, f"'{key}' must be a list of words or phrases, e.g. {key}: [not, never]")
    return [(v.strip(), where(path, owner)) for v in value]


def _number(path: Path, owner: Any, key: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise _fail(path, owner, f"'{key}' must be a number from {low:g} to {high:g}, not {value!r}")
    return float(value)


def _merge(raw: dict[str, Any], path: Path, doc: Any) -> None:
    if doc is None:
        return
    if not isinstance(doc, dict):
        raise NetvizError(f"{path}: a cue file is a mapping with 'families:' (see the bundled data/cues.yaml)")
    known = {"version", "families", "neutral", "modifiers", "places", "stop", LINE}
    for key in doc:
        if key not in known:
            raise _fail(path, doc, f"unknown section {key!r}; expected one of families, neutral, modifiers, places, stop")
    families = doc.get("families") or {}
    if not isinstance(families, dict):
        raise _fail(path, doc, "'families' must map family names to {kind, intensity, verbs, nouns, ...}")
    for name, fam in families.items():
        if name == LINE:
            continue
        if not isinstance(fam, dict):
            raise _fail(path, families, f"family {name!r} must be a mapping with kind, intensity and cue lists")
        unknown = set(fam) - {"cameo", "kind", "intensity", LINE, *_POS_KEYS}
        if unknown:
            raise _fail(path, fam, f"family {name!r}: unknown field {sorted(unknown)[0]!r}; "
                                   "use cameo, kind, intensity, verbs, nouns, phrases, roles")
        target = raw["families"].setdefault(name, {"entries": []})
        if "kind" in fam:
            if fam["kind"] not in KINDS:
                raise _fail(path, fam, f"family {name!r}: kind {fam['kind']!r} is not one of {', '.join(KINDS)}")
            target["kind"] = fam["kind"]
        if "intensity" in fam:
            target["intensity"] = _number(path, fam, f"{name}.intensity", fam["intensity"], 0, 10)
        if "cameo" in fam:
            target["cameo"] = str(fam["cameo"])
        if "kind" not in target or "intensity" not in target:
            raise _fail(path, fam, f"new family {name!r} needs 'kind' and 'intensity'")
        for key, pos in _POS_KEYS.items():
            items = fam.get(key) or []
            if not isinstance(items, list):
                raise _fail(path, fam, f"family {name!r}: '{key}' must be a list of cue entries")
            for item in items:
                target["entries"].append((pos, item, path, fam))
    neutral = doc.get("neutral")
    if neutral is not None:
        if not isinstance(neutral, dict):
            raise _fail(path, doc, "'neutral' must be a mapping with nouns, positive and negative")
        raw["neutral"]["nouns"] += _strings(path, neutral, "neutral.nouns", neutral.get("nouns"))
        for side in ("positive", "negative"):
            spec = neutral.get(side)
            if spec is None:
                continue
            if not isinstance(spec, dict):
                raise _fail(path, neutral, f"'neutral.{side}' must be a mapping with kind, intensity and words")
            target = raw["neutral"][side]
            if "kind" in spec:
                if spec["kind"] not in KINDS:
                    raise _fail(path, spec, f"neutral.{side}.kind {spec['kind']!r} is not one of {', '.join(KINDS)}")
                target["kind"] = spec["kind"]
            if "intensity" in spec:
                target["intensity"] = _number(path, spec, f"neutral.{side}.intensity", spec["intensity"], 0, 10)
            target.setdefault("words", []).extend(_strings(path, spec, f"neutral.{side}.words", spec.get("words")))
    modifiers = doc.get("modifiers")
    if modifiers is not None:
        _merge_modifiers(raw["modifiers"], path, modifiers)
    raw["places"] += _strings(path, doc, "places", doc.get("places"))
    raw["stop"] += _strings(path, doc, "stop", doc.get("stop"))


def _merge_modifiers(target: dict[str, Any], path: Path, mods: Any) -> None:
    if not isinstance(mods, dict):
        raise NetvizError(f"{path}: 'modifiers' must be a mapping (negation, refusal, reversal, intent, hedge, historical)")
    allowed = {
        "negation": {"words"}, "refusal": {"verbs", "intensity"},
        "reversal": {"verbs", "after", "factor_cooperation", "factor_conflict"},
        "intent": {"verbs", "adjectives"}, "historical": {"factor"},
    }
    for name, spec in mods.items():
        if name == LINE:
            continue
        if name == "hedge":
            if not isinstance(spec, list):
                raise _fail(path, mods, "'modifiers.hedge' must be a list of {words, factor, scope}")
            for h in spec:
                if not isinstance(h, dict) or set(h) - {"words", "factor", "scope", LINE}:
                    raise _fail(path, mods, "each hedge is {words: [...], factor: 0.5, scope: verb|noun|clause|sentence}")
                scope = h.get("scope", "clause")
                if scope not in ("verb", "noun", "clause", "sentence"):
                    raise _fail(path, h, f"hedge scope {scope!r} must be 'verb', 'noun', 'clause' or 'sentence'")
                words = [w for w, _ in _strings(path, h, "hedge.words", h.get("words"))]
                factor = _number(path, h, "hedge.factor", h.get("factor"), 0, 1)
                target.setdefault("hedge", []).append(Hedge(tuple(words), factor, scope))
            continue
        if name not in allowed:
            raise _fail(path, mods, f"unknown modifier {name!r}; expected negation, refusal, reversal, intent, hedge, historical")
        if not isinstance(spec, dict) or set(spec) - allowed[name] - {LINE}:
            raise _fail(path, mods, f"'modifiers.{name}' takes only {', '.join(sorted(allowed[name]))}")
        slot = target.setdefault(name, {})
        for key, value in spec.items():
            if key == LINE:
                continue
            if key in ("intensity",):
                slot[key] = _number(path, spec, f"{name}.{key}", value, 0, 10)
            elif key.startswith("factor"):
                slot[key] = _number(path, spec, f"{name}.{key}", value, 0, 1)
            else:
                slot.setdefault(key, []).extend(w for w, _ in _strings(path, spec, f"{name}.{key}", value))


def _words(text: str) -> tuple[str, ...]:
    return tuple(_norm(w) for w in text.split())


def _parse_entry(pos: str, item: Any, path: Path, fam_entry: dict, family: str, fam: dict) -> tuple[Cue, list | None]:
    """One lexicon entry -> (Cue, explicit forms or None)."""
    forms = None
    intensity = fam["intensity"]
    if isinstance(item, dict):
        unknown = set(item) - {"cue", "forms", "intensity", LINE}
        if unknown or not isinstance(item.get("cue"), str):
            raise _fail(path, item if isinstance(item, dict) else fam_entry,
                        f"family {family!r}: a mapping entry is {{cue: \"...\", forms: [...], intensity: N}}")
        text = item["cue"]
        if "forms" in item:
            forms = [w for w, _ in _strings(path, item, "forms", item["forms"])]
        if "intensity" in item:
            intensity = _number(path, item, "intensity", item["intensity"], 0, 10)
        loc = where(path, item)
    elif isinstance(item, str):
        text, loc = item, where(path, fam_entry)
    else:
        raise _fail(path, fam_entry, f"family {family!r}: entry {item!r} must be a string or {{cue: ...}}")
    m = _ENTRY.match(text.strip())
    words = m.group("words").split() if m else []
    bad = (
        not m
        or not words
        or words[0] == _SLOT
        or words[-1] == _SLOT and not (m.group("req") or m.group("opt"))
        or any(w.count("{") != w.count("}") for w in words)
    )
    if bad:
        raise NetvizError(
            f"{loc}: family {family!r}: cannot read cue {text!r}; write words, an optional * slot, "
            "then (required|preps) or [optional|preps] and <> for reciprocal, e.g. \"cooperate (with) <>\""
        )
    preps_text = m.group("req") if m.group("req") is not None else m.group("opt")
    preps = tuple(_words(p) for p in preps_text.split("|") if p.strip()) if preps_text else ()
    cue = Cue(
        text=text.strip(), family=family, kind=fam["kind"], intensity=intensity, pos=pos, preps=preps,
        prep_required=m.group("req") is not None, reciprocal=bool(m.group("rec")), source=loc,
    )
    return cue, forms


def _element(word: str) -> frozenset[str] | str:
    if word == _SLOT:
        return _SLOT
    if word.startswith("{") and word.endswith("}"):
        return frozenset(_norm(w) for w in word[1:-1].split("|"))
    return frozenset({_norm(word)})


def _patterns(cue: Cue, forms: list[str] | None) -> Iterable[tuple[str, frozenset[str], _Pattern]]:
    """(first surface word, its tags, pattern) for every surface variant of a cue."""
    words = _ENTRY.match(cue.text).group("words").split()
    elements = [_element(w) for w in words]
    literals = sum(1 for e in elements if e != _SLOT)
    if cue.pos in ("noun", "role"):
        # a role is a noun too: "the main allies of Russia", "NATO members"
        last = max(i for i, e in enumerate(elements) if e != _SLOT)
        surfaces = [_norm(f) for f in forms] if forms else [f for w in elements[last] for f in noun_forms(w)]
        elements[last] = frozenset(surfaces)
        for first in elements[0]:
            yield first, frozenset({cue.pos}), _Pattern(cue, tuple(elements[1:]), literals)
        return
    if cue.pos == "verb":
        if forms:
            variants = {_norm(f): frozenset({"base", "s", "past", "pp", "ing"}) for f in forms}
        else:
            variants = {}
            for lemma in elements[0]:
                for f, tags in verb_forms(lemma).items():
                    variants[_norm(f)] = variants.get(_norm(f), frozenset()) | tags
        for first, tags in variants.items():
            yield first, tags, _Pattern(cue, tuple(elements[1:]), literals)
        return
    for first in elements[0]:
        yield first, frozenset({cue.pos}), _Pattern(cue, tuple(elements[1:]), literals)


def _inflected(phrases: Iterable[str]) -> list[tuple[str, ...]]:
    """Every inflection of multi-word verb phrases ("back off" -> backed off, backing off, ...)."""
    out = []
    for phrase in phrases:
        words = _words(phrase)
        for form in verb_forms(words[0]):
            out.append((_norm(form), *words[1:]))
    return out


def _compile(raw: dict[str, Any], sources: tuple[Path, ...]) -> Cues:
    families: dict[str, Family] = {}
    entries: list[Cue] = []
    index: dict[str, list[tuple[_Pattern, frozenset[str]]]] = {}
    for name, fam in raw["families"].items():
        families[name] = Family(name, fam.get("cameo", ""), fam["kind"], fam["intensity"])
        for pos, item, path, fam_entry in fam["entries"]:
            cue, forms = _parse_entry(pos, item, path, fam_entry, name, fam)
            entries.append(cue)
            for first, tags, pattern in _patterns(cue, forms):
                index.setdefault(first, []).append((pattern, tags))
    neutral = raw["neutral"]
    for noun, loc in neutral["nouns"]:
        cue = Cue(text=noun, family="relations", kind="", intensity=0.0, pos="neutral", source=loc)
        entries.append(cue)
        for form in noun_forms(_norm(noun)):
            index.setdefault(form, []).append((_Pattern(cue, (), 1), frozenset({"noun"})))
    sides = []
    for side, default_kind in (("positive", "verbal_cooperation"), ("negative", "verbal_conflict")):
        spec = neutral[side]
        sides.append((spec.get("kind", default_kind), spec.get("intensity", 3.0),
                      frozenset(_norm(w) for w, _ in spec.get("words", []))))
    mods = raw["modifiers"]
    negation = tuple(mods.get("negation", {}).get("words", []))
    refusal = tuple(mods.get("refusal", {}).get("verbs", []))
    reversal = tuple(mods.get("reversal", {}).get("verbs", []))
    after = tuple(mods.get("reversal", {}).get("after", []))
    intent = tuple(mods.get("intent", {}).get("verbs", []))
    hedges = tuple(mods.get("hedge", []))
    modifier_items: list[tuple[tuple[str, ...], tuple[str, Any]]] = []
    modifier_items += [(_words(w), ("negation", w)) for w in negation]
    modifier_items += [(f, ("refusal", " ".join(f))) for f in _inflected(refusal)]
    modifier_items += [(f, ("reversal", " ".join(f))) for f in _inflected(reversal)]
    modifier_items += [(f, ("after", " ".join(f))) for f in _inflected(after)]
    intent_verbs = [p for p in intent if not p.startswith("be ")]
    modifier_items += [(f, ("intent", " ".join(f))) for f in _inflected(intent_verbs)]
    for h in hedges:
        modifier_items += [(_words(w), ("hedge", h)) for w in h.words]
    stop = tuple(w for w, _ in raw["stop"])
    stops = _phrase_index((f, " ".join(f)) for f in _inflected(stop))
    for first in index:
        index[first].sort(key=lambda pt: (-pt[0].literals, pt[0].cue.text))
    return Cues(
        families=families,
        entries=tuple(entries),
        neutral=tuple(n for n, _ in neutral["nouns"]),
        positive=sides[0],
        negative=sides[1],
        negation=negation,
        refusal=refusal,
        refusal_intensity=mods.get("refusal", {}).get("intensity", 4.0),
        reversal=reversal,
        reversal_after=after,
        reversal_factor={
            1: mods.get("reversal", {}).get("factor_cooperation", 0.8),
            -1: mods.get("reversal", {}).get("factor_conflict", 0.5),
        },
        intent=intent,
        intent_adjectives=frozenset(_norm(w) for w in mods.get("intent", {}).get("adjectives", [])),
        hedges=hedges,
        historical_factor=mods.get("historical", {}).get("factor", 0.8),
        places=frozenset(_norm(w) for w, _ in raw["places"]),
        stop=stop,
        sources=sources,
        _index={k: tuple(v) for k, v in index.items()},
        _modifiers=_phrase_index(modifier_items),
        _stops=stops,
    )


@functools.lru_cache(maxsize=1)
def default_cues() -> Cues:
    """The bundled lexicon, loaded once per process."""
    return load_cues()
