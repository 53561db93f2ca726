"""Relation extraction: who cooperates with or fights whom, sentence by sentence.

The extractor is a dictionary coder in the tradition of TABARI/PETRARCH, with
a shallow, rule-based reading of English news prose instead of a parser:

1. :func:`split_sentences` cuts an article into sentence spans.
2. The codebook finds actor mentions; places ("in Syria", "the Syrian town
   of"), organisation names ("Washington Institute") and datelines
   ("WASHINGTON --") are set aside.
3. Cue phrases from the lexicon (``data/cues.yaml``) are matched over
   normalised tokens (inflections generated at load time; one dictionary
   lookup per token).
4. Linking rules find the two sides of each cue: subject and object around a
   verb, "X's support for Y", "between X and Y", "X and Y met", lists ("a
   combined US, Russian and Jordanian force"), passives ("was shot down by
   X"), participles ("Y, backed by X", "X-backed Y"), relative clauses ("the
   groups that Turkey has backed"), subjects carried into participle clauses.
5. Modifiers govern the result: negation drops it, refusals and reversals flip
   its sign, intent makes it verbal, hedges and past dates lower its
   confidence.

Every :class:`~netviz.model.Relation` carries its evidence: the sentence, its
span in ``Article.text``, the cue and its span, and the rule that linked the
actors. :func:`explain_article` shows the same reasoning for every sentence,
including why no relation was drawn.

Confidence: each linking rule has its own (0.65-0.9, ``_RULE_CONFIDENCE``),
multiplied by the modifiers' factors (hedges 0.5-0.8, past dates 0.8,
reversals 0.6-0.8). Every relation is returned, weak ones included, so maps can
weigh it by intensity x confidence; relations at or above
:data:`FOUND_CONFIDENCE` (0.5) are the extractor's findings, the ones
:mod:`netviz.extract.evaluate` scores: a plain or historical statement is found, a
hedged or hypothetical one ("could invade", "if", "analysts say") is not.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from netviz.errors import NetvizError
from netviz.ingest.yamlfile import LINE, load_yaml, where
from netviz.model import KINDS, Article, Evidence, Relation, kind_sign, relation_record
from netviz.table import format_table

#: The lexicon shipped with netviz.
DEFAULT_CUES = Path(__file__).parents[1] / "data" / "cues.yaml"

#: Relations at or above this confidence count as "found" when scoring
#: (hedged statements fall below it; historical ones stay above).
FOUND_CONFIDENCE = 0.5

# The columns of relations_csv: the fields of the public relation record, in its order.
_RECORD_FIELDS = tuple(relation_record(Relation("A", "B", 1, KINDS[0], 0.0, date(2000, 1, 1), "extracted",
                                                Evidence("", ""))))

#: CAMEO quad class of a reversed relation: stopped cooperation is reduced
#: relations (conflict), stopped hostility is a yield (cooperation).
_REVERSED_KIND = {
    "verbal_cooperation": "verbal_conflict",
    "material_cooperation": "material_conflict",
    "verbal_conflict": "verbal_cooperation",
    "material_conflict": "material_cooperation",
}
_VERBAL = {
    "material_cooperation": "verbal_cooperation",
    "material_conflict": "verbal_conflict",
    "verbal_cooperation": "verbal_cooperation",
    "verbal_conflict": "verbal_conflict",
}


class _Mention(Protocol):
    actor: str
    start: int
    end: int
    text: str


class _Codebook(Protocol):
    def find_mentions(self, text: str, on: date | None = None) -> list[Any]: ...


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
    """Words that lower confidence by ``factor`` within ``scope`` (``verb``, ``clause`` or ``sentence``)."""

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
                    raise _fail(path, mods, "each hedge is {words: [...], factor: 0.5, scope: verb|clause}")
                scope = h.get("scope", "clause")
                if scope not in ("verb", "clause", "sentence"):
                    raise _fail(path, h, f"hedge scope {scope!r} must be 'verb', 'clause' or 'sentence'")
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
    if cue.pos == "noun":
        last = max(i for i, e in enumerate(elements) if e != _SLOT)
        surfaces = [_norm(f) for f in forms] if forms else [f for w in elements[last] for f in noun_forms(w)]
        elements[last] = frozenset(surfaces)
        for first in elements[0]:
            yield first, frozenset({"noun"}), _Pattern(cue, tuple(elements[1:]), literals)
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


# =============================================================================
# Sentences
# =============================================================================

# Titles never end a sentence: "Gen. James Mattis", "Mr. Erdogan".
_TITLES = frozenset(
    "mr mrs ms dr gen col lt maj capt sgt adm sen rep gov prof st rev hon brig cmdr cpl pvt messrs mme gens amb "
    "supt insp".split()
)
# These end a sentence only when a typical sentence opener follows ("... from the U.S. For example").
_ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd jr sr no nos vs etc approx est dept "
    "univ govt intl fig vol pp op".split()
)
_OPENERS = frozenset(
    "the a an in it its he she they we i but and for this that these those on at as meanwhile however after "
    "before when while if there his her their our some many most one two three also still yet so then thus "
    "although though because since until during despite with without by from what why how who according "
    "last next earlier later officials analysts".split()
)
_END = re.compile(r"([.!?]+|\u2026)([\"'\u201d\u2019\u00bb)\]]*)(?=\s+[\"'\u201c\u2018\u00ab(\[]?[A-Z0-9\u00c0-\u00de])")
_BLOCK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD = re.compile(r"\s+[\"'\u201c\u2018(\[]?([A-Za-z]+)")
_TERMINAL = ".!?:;,\"'\u201d\u2019)]\u2026"
_FUNCTION_END = frozenset("the a an of and or to in on at for with by from as that this its their his her".split())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``[start, end)`` of ``text``, in order, whitespace trimmed.

    Paragraph breaks (blank lines) and headline lines (no final punctuation)
    end a sentence; abbreviations (U.S., Mr., Jan., Gen., Col., initials) do
    not, unless a typical sentence opener follows them.

    >>> t = 'Headline here\\n\\nGen. James Mattis met U.S. officials on Jan. 20. The U.S. "agreed." Then it left.'
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Headline here', 'Gen. James Mattis met U.S. officials on Jan. 20.', 'The U.S. "agreed."', 'Then it left.']
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for brk in [*_BLOCK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        for line_start, line_end in _lines(text, pos, end):
            spans += _split_block(text, line_start, line_end)
        pos = brk.end() if brk else end
    return [s for s in spans if s[1] > s[0]]


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A paragraph's pieces: single line breaks after unpunctuated short lines (headlines) split it.

    Hard-wrapped prose (several lines of similar, typical width) is one piece.
    """
    block = text[start:end]
    lines = block.split("\n")
    if len(lines) == 1:
        return [(start, end)]
    widths = [len(line.strip()) for line in lines[:-1]]
    wrapped = len(lines) >= 3 and sum(50 <= w <= 100 for w in widths) >= 0.8 * len(widths)
    pieces, piece_start, offset = [], start, start
    for line in lines[:-1]:
        offset += len(line) + 1
        stripped = line.strip()
        nxt = text[offset:end].lstrip()
        last = stripped.rsplit(None, 1)[-1].lower() if stripped else ""
        headline = (
            not wrapped and stripped and stripped[-1] not in _TERMINAL
            and nxt[:1].isupper() and last not in _FUNCTION_END
        )
        if headline or (not wrapped and stripped and stripped[-1] in ".!?\u201d\"" and nxt[:1].isupper()):
            pieces.append((piece_start, offset - 1))
            piece_start = offset
    pieces.append((piece_start, end))
    return pieces


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    cut = start
    chunk = text[start:end]
    for m in _END.finditer(chunk):
        if m.group(1) == "." and not _sentence_ends(chunk, m):
            continue
        stop = start + m.end()
        spans.append(_trim(text, cut, stop))
        cut = stop
    spans.append(_trim(text, cut, end))
    return spans


def _sentence_ends(chunk: str, m: re.Match) -> bool:
    word = _LAST_WORD.search(chunk, max(0, m.start() - 40), m.start())
    if not word:
        return True
    w = word.group(1)
    key = w.rstrip(".").lower()
    if key in _TITLES:
        return False
    dotted = "." in w or (len(w) == 1 and w.isupper())
    if dotted or key in _ABBREVIATIONS:
        nxt = _NEXT_WORD.match(chunk, m.end())
        return bool(nxt) and nxt.group(1).lower() in _OPENERS
    return True


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# =============================================================================
# Reading a sentence: tokens, roles, clauses
# =============================================================================

_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*(?:[-\u2010\u2011][^\W_]+(?:['\u2019][^\W_]+)*)*|\S")
_POSSESSIVE = re.compile(r"['\u2019]s?(?![^\W_])")
_SUFFIX = re.compile(r"[-\u2010\u2011]([a-z]+)(?![^\W_])")
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z'\u2019.\- ]{2,40}(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,3}(?:\s+\d{1,2})?)?"
    r"\s*(?:\([^()\n]{1,40}\))?\s*[\u2014\u2013-]{1,2}\s"
)

_DET = frozenset("the a an this that these those its their his her our my your some any no each every both all another "
                 "such several many few much either neither".split())
_POSS_PRON = frozenset("its their his her our my your".split())
_PRONOUNS = frozenset("he she it they we i you him them us me one".split())
_BE = frozenset("is are was were be been being am".split())
_AUX = _BE | frozenset("has have had having do does did will would shall should can could may might must ought "
                       "not".split())
_PREPS = frozenset("of in on at by for with from to into onto against over under about through across between among "
                   "amid amidst around near toward towards during after before since until via within without inside "
                   "outside along alongside beyond despite upon throughout behind beside besides like unlike per "
                   "versus visavis including off".split())
_LOC_PREPS = frozenset("in inside into across near throughout within around outside at from through along toward towards "
                       "to onto over beyond amid amidst under off".split())
_SUBORD = frozenset("while whereas although though because unless if when whenever after before until since once so "
                    "but however yet".split())
_REL = frozenset("which who whom whose".split())
_WH = frozenset("why how what where whether whatever whoever whichever".split())
_COORD = frozenset({"and", "&", "plus"})
_HARD = frozenset(";:()\u2014\u2013?!")
_QUOTES = frozenset("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb")
_ADVERBS = frozenset("also already still now then even just only again further indirectly soon later once too very quite "
                     "almost yet ever long more most much far well fully jointly directly publicly quietly secretly "
                     "reportedly allegedly recently repeatedly increasingly openly finally first".split())
_NOT_ADVERB = frozenset("ally rely supply apply fly italy family reply assembly july daily early only".split())
# Heads of a government "in" a capital, which make "in Ankara" the actor itself.
_GOVERNMENT = frozenset("government regime authorities officials leadership administration leaders cabinet "
                        "parliament military army".split())
_ORG_HEADS = frozenset("institute university council center centre observatory post times journal herald news agency "
                       "foundation airlines airways studies committee tribune gazette daily broadcasting press "
                       "television radio library museum college school academy".split())
_SPEECH = frozenset("say says said tell tells told add adds added note notes noted state states stated claim claims "
                    "claimed according".split())
_COMMON_VERBS = _SPEECH | frozenset("is are was were has have had took take takes sent send sends made make makes began "
                                    "begin begins became become becomes went go goes came come comes gave give gives "
                                    "remain remains remained continue continues continued appear appears appeared "
                                    "seem seems seemed want wants wanted".split())
# Verbs that take a "that" clause: "disclose that", not a relative clause.
_REPORTING = frozenset(
    form for lemma in ("say tell add note state claim disclose report reveal indicate suggest argue believe think know "
                       "insist deny confirm warn announce agree decide hope fear expect feel show recall understand "
                       "acknowledge admit assert maintain explain stress emphasize emphasise learn find see signal "
                       "hint concede estimate predict calculate assume doubt mean ensure").split()
    for form in verb_forms(lemma)
)
# People and units that stand for the actor named in their "of"/"from"/"in" phrase:
# "mercenaries from the Wagner Group", "the government in Kiev".
_GROUP_NOUNS = frozenset("forces troops soldiers fighters militants mercenaries rebels militias militiamen units officers "
                         "officials diplomats delegation delegations members commanders leaders leadership jets warplanes "
                         "aircraft ships warships contractors operatives agents personnel army navy government regime "
                         "authorities administration envoy envoys ambassador representatives inspectors monitors "
                         "observers peacekeepers advisers advisors instructors positions commander commanders "
                         "leader head chief chairman president minister spokesman spokeswoman leaders heads chiefs "
                         "presidents ministers".split())
# A demonym before these names a group of that nationality, not the state: "the Iran-backed
# Lebanese movement", "Iraqi militias".
_NONSTATE_NOUNS = frozenset("movement movements group groups militia militias militant militants party parties faction "
                            "factions organization organisation rebels rebel insurgents insurgent jihadists jihadist "
                            "separatists separatist opposition tribesmen tribes mercenaries guerrillas guerrilla "
                            "extremists gunmen dissidents exiles".split())
_ASPECTUAL = frozenset(form for lemma in "begin start continue keep resume stop quit finish avoid risk consider".split()
                       for form in verb_forms(lemma))
_HOLDING = frozenset("held controlled occupied run seized captured".split())
_TIME_WORDS = frozenset("january february march april may june july august september october november december "
                        "monday tuesday wednesday thursday friday saturday sunday".split()) - {"may", "march"}
_PARTICIPLE_INTROS = frozenset("after before by while without in on since when upon through".split())
_ING_OPENERS = frozenset("including like unlike along together".split())
_EACH_OTHER = (("each", "other"), ("one", "another"))
_QUESTION_FACTOR = 0.6
_FIRST_PERSON = frozenset("we us our i me my".split())
_THIRD_PERSON = frozenset("it they he she its their his her".split())


class _Tok:
    """A token of a sentence: a word, a punctuation mark or a whole actor mention.

    Most tokens are plain words, so the rarely set fields are class-level defaults.
    """

    poss = False
    suffix = ""  # "backed" of "Russian-backed"
    suffix_span = (0, 0)
    hyph = False  # joined by a hyphen to the next actor ("US-Russian")
    gov = ""  # preposition governing this actor's noun phrase
    place = False  # names a location ("the Syrian town of ...")

    def __init__(self, text: str, norm: str, start: int, end: int, actor: str | None = None) -> None:
        self.text = text
        self.norm = norm
        self.start = start
        self.end = end
        self.actor = actor
        self.role = "actor" if actor else ""
        self.cap = text[:1].isupper()


@dataclass
class _Hit:
    """A cue matched in a sentence."""

    cue: Cue
    start: int  # token index
    end: int  # token index after the literal words
    tags: frozenset[str]
    slot: tuple[int, int] | None = None
    compound: int | None = None  # actor token of "X-backed"

    @property
    def verbal(self) -> bool:
        return self.cue.pos == "verb" and "noun" not in self.tags


@dataclass
class _Clause:
    start: int
    end: int
    intro: str  # the word that opened it ("which", "after", ...), or "" / a punctuation mark
    resume: int = -1  # a main clause resumed after a relative clause continues left of this token


@dataclass(frozen=True)
class _Link:
    """Two sides of a cue and the rule that found them (before modifiers)."""

    hit: _Hit
    agents: tuple[int, ...]
    patients: tuple[int, ...]
    rule: str
    confidence: float
    pairs: tuple[tuple[int, int], ...] = ()
    kind: str = ""
    intensity: float = -1.0
    cue_text: str = ""


def _is_adverb(norm: str) -> bool:
    return norm in _ADVERBS or (norm.endswith("ly") and len(norm) > 4 and norm not in _NOT_ADVERB)


class _Sentence:
    """One sentence read for relations: tokens, actor roles, cue hits, clauses and modifiers."""

    def __init__(self, text: str, mentions: Sequence[_Mention], cues: Cues, year: int,
                 states: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.cues = cues
        self.year = year
        self.states = states
        self.notes: list[str] = []
        self.toks = self._tokenize(text, mentions)
        self._quoted_speaker()
        self.question = text.rstrip("\"'\u201d\u2019 ").endswith("?")
        self._mark_roles()
        self.words = [t.norm if t.actor is None else "\0" for t in self.toks]
        self.hits = self._match_cues()
        self.mods = self._match_modifiers()
        self.verb_hits = {h.start for h in self.hits if h.verbal}
        self.clauses = self._clauses()
        self.clause_of = [0] * len(self.toks)
        for ci, c in enumerate(self.clauses):
            for i in range(c.start, c.end):
                self.clause_of[i] = ci
        self._reported_pronouns()

    # --- tokens ------------------------------------------------------------
    def _tokenize(self, text: str, mentions: Sequence[_Mention]) -> list[_Tok]:
        toks: list[_Tok] = []
        pos = 0
        dateline = _DATELINE.match(text)
        dateline_end = dateline.end() if dateline and not any(c.islower() for c in dateline.group().split(",")[0]) else 0
        starts = {n.start for n in mentions}
        for m in [*mentions, None]:
            stop = m.start if m else len(text)
            for w in _TOKEN.finditer(text, pos, stop):
                word = w.group()
                if word[0].isalnum():
                    low = word.lower()
                    poss = low.endswith(("'s", "\u2019s"))
                    if low.endswith(("n't", "n\u2019t")) or low == "cannot":
                        norm = "not"
                    else:
                        norm = _norm(word[:-2] if poss else word)
                    tok = _Tok(word, norm, w.start(), w.end())
                    tok.poss = poss
                else:
                    tok = _Tok(word, word, w.start(), w.end())
                toks.append(tok)
            if m is None:
                break
            tok = _Tok(text[m.start : m.end], m.text, m.start, m.end, m.actor)
            end = m.end
            poss = _POSSESSIVE.match(text, end)
            if poss:
                tok.poss = True
                end = poss.end()
            else:
                suffix = _SUFFIX.match(text, end)
                if end + 1 in starts and text[end] in "-\u2010\u2011":
                    tok.hyph = True
                    end += 1
                elif suffix:
                    tok.suffix = _norm(suffix.group(1))
                    tok.suffix_span = (suffix.start(), suffix.end())
                    end = suffix.end()
            if m.start < dateline_end:
                tok.role = "dateline"
            toks.append(tok)
            pos = end
        return toks

    def _quoted_speaker(self) -> None:
        """ "... we need to work together," Erdogan said: inside the quotation, "we", "our", "I"
        speak for the actor the quotation is attributed to."""
        toks = self.toks
        close = next((i for i in range(len(toks) - 1, -1, -1) if toks[i].norm in ("\u201d", '"')), None)
        if close is None or close < 2:
            return
        tail = toks[close + 1 :]
        if not any(t.actor is None and t.norm in _REPORTING for t in tail[:6]):
            return
        speakers = {t.actor for t in tail[:6] if t.actor is not None and t.role == "actor"}
        if len(speakers) != 1:
            return
        speaker = speakers.pop()
        opening = [i for i in range(close) if toks[i].norm in ("\u201c", '"')]
        for t in toks[(opening[0] + 1 if opening else 0) : close]:
            if t.actor is None and t.norm in _FIRST_PERSON:
                t.actor, t.role, t.poss = speaker, "actor", t.norm in ("our", "my")

    def _reported_pronouns(self) -> None:
        """ "Pakistan said on Wednesday that it had shot down two Indian jets", "the Syrian army said
        its air defences ...": a pronoun opening a reported clause speaks for the one who reports."""
        toks = self.toks
        for i, t in enumerate(toks):
            if t.actor is not None or t.norm not in _REPORTING:
                continue
            speaker = None
            for j in range(i - 1, self.clauses[self.clause_of[i]].start - 1, -1):
                if self.head(j) and toks[j].gov in ("", "of"):
                    speaker = toks[j].actor
                    break
            if speaker is None:
                continue
            k = i + 1
            while k < min(len(toks), i + 5) and toks[k].actor is None and toks[k].norm != "that" and (
                    toks[k].norm in _PREPS or toks[k].norm in _TIME_WORDS or toks[k].norm in ("last", "this", "week",
                                                                                          "month", "year", "day")
                    or _is_adverb(toks[k].norm)):
                k += 1  # "said on Wednesday that", "said last week"
            if k < len(toks) and toks[k].norm == "that":
                k += 1
            if k < len(toks) and toks[k].actor is None and toks[k].norm in _THIRD_PERSON:
                p = toks[k]
                p.actor, p.role, p.gov, p.poss = speaker, "actor", "", p.norm in ("its", "their", "his", "her")
                self.words[k] = "\0"

    def _mark_roles(self) -> None:
        toks = self.toks
        places = self.cues.places
        for k, t in enumerate(toks):
            if t.actor is None or t.role != "actor":
                continue
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if nxt is not None and nxt.actor is None and nxt.cap and nxt.norm in _ORG_HEADS:
                t.role = "organisation"
                continue
            if t.actor in self.states and not t.poss and not t.suffix:
                after = [u.norm for u in toks[k + 1 : k + 3] if u.actor is None]
                if after and (after[0] in _NONSTATE_NOUNS or len(after) > 1 and after[1] in _NONSTATE_NOUNS
                              and after[0].isalpha() and after[0] not in _PREPS and after[0] not in _AUX):
                    t.role = "nationality"
                    continue
            # a place noun right after it names a location ("the Syrian town of"); an owner
            # ("Riyadh's airport", "the Houthi-held port") stays an actor
            owner = t.poss or t.suffix in _HOLDING or t.actor not in self.states  # "the African Union base"
            for j in range(k + 1, min(k + 3, len(toks)) if not owner else k + 1):
                u = toks[j]
                if u.actor is None and u.norm in places:
                    t.place = True
                    break
                if u.actor is not None or not u.norm.isalpha() or u.norm in _PREPS or u.norm in _AUX:
                    break
            t.gov = self._governor(k)

    def _governor(self, k: int) -> str:
        """The preposition whose noun phrase holds actor token ``k`` ("in" for "in northern Syria")."""
        toks = self.toks
        j, steps = k - 1, 0
        while j >= 0 and steps < 3:
            u = toks[j]
            if j < k - 1 and toks[j + 1].norm in _DET and u.norm not in _PREPS:
                return ""  # "In January the ECOWAS ...": the phrase began at "the"
            if u.norm in _TIME_WORDS:
                return ""
            if u.actor is not None:
                if not (u.poss or u.hyph or u.suffix):
                    return ""
            elif u.norm in _PREPS:
                if u.norm in _SUBORD or (u.norm == "to" and j + 1 < k and toks[j + 1].norm not in _DET
                                         and not toks[j + 1].cap and toks[j + 1].actor is None):
                    return ""  # "after Russia supported ...", "to expect Turkey-Russia relations"
                if u.norm == "from" and toks[k].actor not in self.states:
                    return ""  # "mercenaries from the Wagner Group" are Wagner; "fighters from Iraq" are not Iraq
                if u.norm == "by" and j and toks[j - 1].norm in _HOLDING:
                    return ""  # "positions held by Kurdish fighters": their positions
                if u.norm == "in" and j + 1 < k and toks[j + 1].norm in _GOVERNMENT:
                    return ""
                if u.norm != "from" and self._group_pp(j):
                    return ""  # "troops loyal to Saudi Arabia", "forces of the regime"
                prev = toks[j - 1].norm if j else ""
                return "" if prev in _GOVERNMENT and u.norm == "in" else u.norm
            elif u.norm in _DET or (u.norm.isalpha() and u.norm not in _AUX and u.norm not in _COORD
                                     and u.norm not in _SUBORD and u.norm not in _REL and u.norm not in _COMMON_VERBS):
                steps += 1
            else:
                return ""
            j -= 1
        return ""

    # --- cues and modifiers -----------------------------------------------------
    def _match_cues(self) -> list[_Hit]:
        words, toks = self.words, self.toks
        blocked: set[int] = set()
        stops = self.cues._stops
        for i, w in enumerate(words):
            if w in stops.index:
                found = stops.match(words, i)
                if found:
                    blocked.update(range(i, found[0]))
        hits: list[_Hit] = []
        covered = -1
        alpha = [t.cap for t in toks if t.norm.isalpha()]
        title_case = sum(alpha) > 0.6 * max(1, len(alpha))
        for i, w in enumerate(words):
            if i <= covered or i in blocked or w == "\0":
                continue
            candidates = self.cues._index.get(w)
            if not candidates:
                continue
            if toks[i].cap and i > 0 and not title_case and self._in_name(i):
                continue
            best = None
            for pattern, tags in candidates:
                m = self._match_rest(i + 1, pattern) if pattern.rest else (i + 1, None)
                if m is None:
                    continue
                end, slot = m
                # an entry whose required preposition is present beats one without, which beats one missing it
                fits = (10 + self._prep_ahead(pattern.cue, end) if self._prep_ahead(pattern.cue, end) else 0) \
                    if pattern.cue.prep_required else 1
                key = (pattern.literals, end - i, fits)
                if best is None or key > best[0]:
                    best = (key, _Hit(pattern.cue, i, end, tags, slot))
            if best is None:
                continue
            hit = self._disambiguate(best[1], candidates)
            if hit is None or (hit.cue.pos in ("noun", "neutral") and toks[hit.end - 1].poss):
                continue
            hits.append(hit)
            covered = hit.end - 1 if hit.slot is None else hit.start
        for k, t in enumerate(toks):
            if t.actor is not None and t.suffix and t.role == "actor":
                hit = self._compound_hit(k)
                if hit:
                    hits.append(hit)
        hits.sort(key=lambda h: (h.start, h.end))
        return hits

    def _prep_ahead(self, cue: Cue, end: int) -> int:
        """How near one of the cue's prepositions follows (9 for right after it, 0 for not at all)."""
        words = self.words
        for j in range(end, min(len(words), end + 9)):
            if words[j] in _HARD:
                return 0
            if any(tuple(words[j : j + len(p)]) == p for p in cue.preps):
                return 9 - (j - end)
        return 0

    def _in_name(self, i: int) -> bool:
        """A capitalised cue word inside a proper name ("Euphrates Shield", "Support Group")."""
        toks = self.toks
        before = toks[i - 1] if i else None
        after = toks[i + 1] if i + 1 < len(toks) else None
        return bool((before and before.cap and before.norm.isalpha() and before.actor is None and i - 1 > 0)
                    or (after and after.cap and after.actor is None and after.norm.isalpha()))

    def _match_rest(self, i: int, pattern: _Pattern) -> tuple[int, tuple[int, int] | None] | None:
        words, toks = self.words, self.toks
        slot = None
        elements = pattern.rest
        for n, element in enumerate(elements):
            if element == _SLOT:
                nxt = elements[n + 1] if n + 1 < len(elements) else None
                stop_words = nxt if nxt is not None else frozenset(p[0] for p in pattern.cue.preps)
                for j in range(i, min(i + 7, len(words))):
                    if words[j] in stop_words and j > i - 1:
                        slot = (i, j)
                        i = j
                        break
                    if toks[j].norm in _HARD or toks[j].norm in (".", ";"):
                        return None
                else:
                    return None
                continue
            gap = 0
            while i < len(words) and words[i] not in element:
                if gap == 2 or words[i] == "\0" or not words[i].isalpha() or words[i] in _COORD or words[i] in _REL \
                        or words[i] in ("that", "to") or pattern.literals < 2:
                    return None
                gap += 1
                i += 1
            if i >= len(words):
                return None
            i += 1
        return i, slot

    def _disambiguate(self, hit: _Hit, candidates) -> _Hit | None:
        """Choose the noun or the verb reading of a word like "attack", "support", "fight"."""
        if hit.slot is not None or hit.end > hit.start + 1:
            return hit
        readings: dict[str, tuple[_Pattern, frozenset[str]]] = {}
        for pattern, tags in candidates:
            if not pattern.rest:
                pos = "noun" if pattern.cue.pos in ("neutral", "role") else pattern.cue.pos
                readings.setdefault(pos, (pattern, tags))
        toks, i = self.toks, hit.start
        prev = toks[i - 1] if i else None
        if hit.cue.pos == "verb" and "noun" not in readings and prev is not None and hit.tags & {"base", "s", "ing"}:
            j = i - 1
            while j > max(0, i - 3) and toks[j].actor is None and toks[j].norm.isalpha() and not toks[j].cap \
                    and toks[j].norm not in _DET and toks[j].norm not in _AUX and toks[j].norm not in _PREPS \
                    and toks[j].norm not in _PRONOUNS and toks[j].norm not in _COORD and toks[j].norm != "to" \
                    and not _is_adverb(toks[j].norm) and toks[j].norm not in _COMMON_VERBS:
                j -= 1  # "the largest training camp", "the world's largest natural gas field"
            if (toks[j].actor is None and toks[j].norm in _DET) or toks[j].poss:
                return None  # "its brief war", "the largest training camp": not the verb
        if "verb" not in readings or "noun" not in readings:
            return hit
        verb_tags = readings["verb"][1]
        p = prev.norm if prev is not None else ""
        if prev is not None and prev.actor is not None:
            # "Russia backs ..." is a verb; "its NATO ally", "the Russian support" are nouns
            before = toks[i - 2] if i > 1 else None
            verb = not prev.poss and not prev.hyph and not (before is not None and before.actor is None
                                                            and (before.norm in _DET or before.norm in _POSS_PRON))
        elif prev is not None and (p in _AUX or p == "to" or p in _PRONOUNS or p in _REL or p == "that"
                                   or _is_adverb(p) or p in self.cues.intent_adjectives):
            verb = True
        elif prev is not None and (p in _DET or p in _PREPS or p.isdigit() or prev.poss):
            verb = False
        elif prev is None and i + 1 < len(toks) and toks[i + 1].norm in _PREPS:
            verb = False  # "Fighting between the STC and ..." opens the sentence as a noun
        elif prev is None or not p.isalpha() or p in _COORD:
            # after a comma or "and": ", backing the rebels" is a participle, "and attacks" a noun
            verb = bool(verb_tags & {"ing", "past", "pp"})
        elif "ing" in verb_tags and p.endswith("s") and not p.endswith("ss"):
            verb = True  # "separatists fighting Ukrainian forces": a participle after a plural noun
        elif "ing" in verb_tags and p in _ASPECTUAL:
            verb = True  # "began bombing Houthi positions"
        else:
            verb = False  # an adjective before it: "military support", "fresh attacks"
        pattern, tags = readings["verb" if verb else "noun"]
        return _Hit(pattern.cue, i, i + 1, tags)

    def _compound_hit(self, k: int) -> _Hit | None:
        """ "Russian-backed": the cue is the participle after the hyphen."""
        suffix = self.toks[k].suffix
        if suffix == "led":
            return None  # "the US-led coalition": the leader acts for it
        for pattern, tags in self.cues._index.get(suffix, ()):
            if pattern.cue.pos == "verb" and "pp" in tags and not pattern.rest:
                return _Hit(pattern.cue, k, k + 1, tags, compound=k)
        return None

    def _match_modifiers(self) -> list[tuple[int, int, str, Any]]:
        out = []
        words, index = self.words, self.cues._modifiers
        for i, w in enumerate(words):
            if w in index.index:
                found = index.match(words, i)
                if found:
                    end, (kind, payload) = found
                    out.append((i, end, kind, payload))
        return out

    # --- clauses -----------------------------------------------------------------
    def _clauses(self) -> list[_Clause]:
        toks = self.toks
        clauses: list[_Clause] = []
        start, intro = 0, ""
        glosses = set()
        for i, t in enumerate(toks):
            if t.norm == "(" and ")" in [u.norm for u in toks[i + 1 : i + 5]]:
                # "Al-Qaeda in the Arabian Peninsula (AQAP)": a gloss, not an aside
                close = next(j for j in range(i + 1, i + 5) if toks[j].norm == ")")
                glosses.update((i, close))
        for i, t in enumerate(toks):
            boundary = ""
            if t.actor is None and i not in glosses:
                if t.norm in _HARD:
                    boundary = t.norm
                elif t.norm in _REL or t.norm in _WH or (t.norm in _SUBORD and self._opens_clause(i)):
                    boundary = t.norm
                elif t.norm == "that" and not (i and toks[i - 1].norm in ("so", "in", "of", "such")):
                    boundary = "that"
                elif t.norm == "as" and i + 1 < len(toks) and (
                    toks[i + 1].actor is not None or toks[i + 1].norm in ("he", "she", "it", "they", "we")
                    or (toks[i + 1].norm == "the" and i + 2 < len(toks) and toks[i + 2].actor is not None)
                ) and not (i and toks[i - 1].norm in ("such", "well", "known", "regard", "regards", "regarded")):
                    boundary = "as"
            if boundary and i > start:
                clauses.append(_Clause(start, i, intro))
                start, intro = i, boundary
            elif boundary:
                intro = boundary
        clauses.append(_Clause(start, len(toks), intro))
        return self._close_asides(self._close_relatives(clauses))

    def _close_asides(self, clauses: list[_Clause]) -> list[_Clause]:
        """ "Russia \u2014 which denies it \u2014 attacked Turkey": after the second dash the clause
        before the first one goes on."""
        dashes = [i for i, c in enumerate(clauses) if c.intro in ("\u2014", "\u2013")]
        for first, second in zip(dashes, dashes[1:]):
            opened = clauses[first].start
            if opened > 0 and clauses[second].resume < 0:
                clauses[second].resume = opened
        return clauses

    def _opens_clause(self, i: int) -> bool:
        """ "after Russia supported ..." opens a clause; "after his defeat", "until last week" do not."""
        toks = self.toks
        if toks[i].norm not in ("after", "before", "since", "until"):
            return True
        for j in range(i + 1, min(len(toks), i + 6)):
            t = toks[j]
            if t.norm in _HARD or t.norm == ",":
                return False
            if j == i + 1 and t.actor is None and t.norm.endswith("ing"):
                return True  # "after expelling Daesh"
            if t.actor is None and j > i + 1 and (self.verbish(j) or t.norm.endswith("ed")):
                return True  # "since the civil war erupted"
        return False

    def _close_relatives(self, clauses: list[_Clause]) -> list[_Clause]:
        """ "The air missions, which took place near Al Bab, represent ...": the main clause resumes
        at the comma after the relative clause's own verb."""
        toks = self.toks
        out: list[_Clause] = []
        for c in clauses:
            relative = c.intro in _REL or (c.intro == "that" and self._relative_that(c.start))
            if relative and c.start and (toks[c.start - 1].norm == "," or toks[c.start - 1].actor or c.intro == "that"):
                seen_verb = False
                for j in range(c.start + 1, c.end - 1):
                    if self.verbish(j):
                        seen_verb = True
                    elif toks[j].norm == "," and seen_verb:
                        k = j + 1
                        while k < c.end and _is_adverb(toks[k].norm):
                            k += 1
                        if k < c.end and (self.verbish(k) or toks[k].norm.endswith("ed") and toks[k].actor is None):
                            out.append(_Clause(c.start, j, c.intro))
                            out.append(_Clause(j, c.end, "", resume=c.start - 1))
                            break
                else:
                    out.append(c)
                continue
            out.append(c)
        return out


    # --- noun phrases and coordination ---------------------------------------------
    def head(self, k: int) -> bool:
        """Whether token ``k`` is an actor that can stand as one side of a relation."""
        t = self.toks[k]
        return t.actor is not None and t.role == "actor" and not t.place and k not in self.compound_mods

    @functools.cached_property
    def compound_mods(self) -> frozenset[int]:
        return frozenset(h.compound for h in self.hits if h.compound is not None)

    @functools.cached_property
    def cue_tokens(self) -> frozenset[int]:
        return frozenset(i for h in self.hits if h.compound is None for i in range(h.start, h.end))

    def verbish(self, i: int) -> bool:
        t = self.toks[i]
        return t.actor is None and (t.norm in _AUX or t.norm in _COMMON_VERBS or i in self.verb_hits)

    def np_internal(self, i: int) -> bool:
        """Whether token ``i`` can be inside a noun phrase (no verb, clause word or preposition but "of")."""
        return self._np_internal[i]

    @functools.cached_property
    def _np_internal(self) -> list[bool]:
        return [self._np_internal_at(i) for i in range(len(self.toks))]

    def _np_internal_at(self, i: int) -> bool:
        t = self.toks[i]
        if t.actor is not None:
            return True
        n = t.norm
        if not n[:1].isalnum():
            return n in _QUOTES or (n == "." and i > 0 and self.toks[i - 1].norm in _TITLES)
        if n == "that":
            return False
        if n in _DET or n == "of":
            return True
        return not (n in _AUX or n in _PREPS or n in _COORD or n in _REL or n in _SUBORD or n in _WH
                    or n in _COMMON_VERBS or n == "to" or n == "or" or i in self.verb_hits)

    def _group_pp(self, i: int) -> bool:
        """A phrase that makes a group noun stand for an actor: "mercenaries from", "the government in",
        "troops loyal to"."""
        toks = self.toks
        n = toks[i].norm
        if i == 0 or toks[i].actor is not None:
            return False
        if n in ("of", "from", "loyal"):
            return toks[i - 1].norm in _GROUP_NOUNS
        if n == "in":  # "the government in Kiev", not "positions in Syria"
            return toks[i - 1].norm in _GOVERNMENT
        if n == "by":  # "positions held by Kurdish fighters", "violations committed by Russian forces"
            return toks[i - 1].norm.endswith("ed")
        return n == "to" and i > 1 and toks[i - 1].norm == "loyal" and toks[i - 2].norm in _GROUP_NOUNS

    def _coordinator(self, i: int, step: int) -> tuple[int, bool] | None:
        """If a coordinator starts at ``i`` (reading in direction ``step``): (index past it, is "and")."""
        toks, n = self.toks, len(self.toks)
        if i < 0 or i >= n or toks[i].actor is not None:
            return None
        w = toks[i].norm
        if w == ",":
            j = i + step
            if 0 <= j < n and toks[j].norm in ("and", "&"):
                return j + step, True
            return j, False
        if w in ("and", "&"):
            j = i + step
            if 0 <= j < n and toks[j].norm == ",":
                j += step
            return j, True
        for phrase in (("as", "well", "as"), ("along", "with"), ("together", "with")):
            seq = phrase if step > 0 else phrase[::-1]
            if all(0 <= i + step * m < n and toks[i + step * m].norm == seq[m] for m in range(len(seq))):
                return i + step * len(seq), True
        return None

    def same_np(self, k: int) -> list[int]:
        """Actors in the same noun phrase as ``k``: "US-Russian", "Russian-backed Syrian", "Turkey's ... Akar"."""
        toks, n = self.toks, len(self.toks)
        out = [k]
        for step in (-1, 1):
            i, gap = k + step, 0
            while 0 <= i < n and gap <= 2 and self.np_internal(i) and i not in self.cue_tokens:
                t = toks[i]
                if t.actor is not None:
                    if t.role == "actor" and not t.place:
                        out.append(i)
                    gap = 0
                elif t.norm in _QUOTES:
                    pass
                elif t.norm == "of" or t.norm.endswith(("ing", "ed")):
                    break  # "Ankara of violating the U.N. embargo": another phrase
                else:
                    gap += 1
                i += step
        return sorted(out)

    def group(self, k: int, step: int = 1, objects: bool = False) -> list[int]:
        """The coordination ``k`` belongs to, read from ``k`` in direction ``step``.

        "US, Iraq and Iran", "Russia as well as Iran", "the Turks and Kurds". A
        chain joined by commas only is an apposition, not a list, unless an
        "and" closes it. For the objects of a verb (``objects``) a conjunct
        followed by a verb starts a new clause ("X attacked Y and Z shelled W").
        """
        toks = self.toks
        members = self.same_np(k)
        c = self.clause(k)
        lo, n = c.start, c.end
        chain: list[list[int]] = []
        saw_and = False
        i = (min(members) if step < 0 else max(members))
        while True:
            j, steps = i + step, 0
            while lo <= j < n and steps < 8 and self.np_internal(j) and toks[j].norm != "," \
                    and self._coordinator(j, step) is None:
                j += step
                steps += 1
            co = self._coordinator(j, step) if lo <= j < n else None
            if co is None:
                break
            j, is_and = co
            heads: list[int] = []
            steps = 0
            while lo <= j < n and steps < 8 and (self.np_internal(j) or self._group_pp(j)) and toks[j].norm != "," \
                    and self._coordinator(j, step) is None:
                if self.head(j) and toks[j].gov in ("", "of"):
                    heads.append(j)
                if toks[j].norm in ("both", "either", "neither", "between"):
                    steps = 8 if step > 0 else steps
                    break
                j += step
                steps += 1
            if steps == 0 or steps >= 8:
                break
            if lo <= j < n and step > 0 and objects and self.verbish(j) and heads:
                break  # "X attacked Y and Z shelled W": Z starts a new clause
            if lo <= j < n and step < 0 and self.verbish(j) and toks[j].norm not in _REPORTING:
                break  # "... help the Turks and the Russians attacked": the Turks are an object
            chain.append(heads)
            saw_and = saw_and or is_and
            if lo <= j - step < n and toks[j - step].norm in ("both", "either", "neither", "between"):
                break
            i = j - step
        if saw_and:
            for heads in chain:
                for h in heads:
                    members += [x for x in self.same_np(h) if x not in members]
        return sorted(members)

    # --- the sides of a cue ------------------------------------------------------
    def clause(self, i: int) -> _Clause:
        return self.clauses[self.clause_of[i]]

    def _parenthetical(self, j: int, lo: int) -> int | None:
        """If the comma at ``j`` closes an aside (", working with Iran,"), the comma that opened it."""
        toks = self.toks
        k = j - 1
        while k > lo and j - k <= 14:
            if toks[k].norm == "," and k + 1 < j:
                nxt = toks[k + 1]
                if (nxt.actor is not None and nxt.poss) or nxt.actor is None and (
                    nxt.norm in _REL or nxt.norm in _DET or nxt.norm in _ING_OPENERS or nxt.norm.endswith(("ing", "ed"))
                    or nxt.norm in ("however", "unlike", "though", "who", "which", "as") or _is_adverb(nxt.norm)
                    or nxt.norm in _PREPS
                ):
                    return k
            if toks[k].norm in _HARD:
                return None
            k -= 1
        return None

    def subject(self, i: int, lo: int | None = None, finite: bool = False) -> list[int]:
        """The nearest actor group left of ``i`` in its clause, skipping asides and
        actors inside prepositional phrases ("in Syria", "to a Turkish invasion").

        For a finite verb (``finite``), a subject noun phrase without an actor right
        before it ("the Islamist group seized ...") means the subject is no actor.
        """
        toks = self.toks
        clause = self.clause(i) if i < len(toks) else self.clauses[-1]
        lo = clause.start if lo is None else lo
        if finite and self._plain_subject(i, lo):
            return []
        j = i - 1
        while j >= lo:
            t = toks[j]
            if t.norm == ",":
                opened = self._parenthetical(j, lo)
                if opened is not None:
                    j = opened - 1
                    continue
            if self.head(j) and t.gov in ("", "of"):
                return self.group(j, -1)
            j -= 1
        if clause.resume >= 0 and lo == clause.start:
            return self.subject(clause.resume, self.clauses[self.clause_of[max(0, clause.resume - 1)]].start)
        return []

    def _plain_subject(self, i: int, lo: int) -> bool:
        """Whether the noun phrase right before the verb group at ``i`` starts with a determiner
        and holds no actor ("the Islamist group seized", "an attempt to rescue")."""
        toks = self.toks
        j = i - 1
        while j >= lo and toks[j].actor is None and (toks[j].norm in _AUX or _is_adverb(toks[j].norm)):
            j -= 1
        if j < lo or toks[j].actor is not None or not toks[j].norm.isalpha() or not self.np_internal(j) \
                or toks[j].norm in _DET:
            return False
        for k in range(j, max(lo - 1, j - 5), -1):
            t = toks[k]
            if t.actor is not None or not self.np_internal(k) or t.norm == "of":
                return False
            if t.norm in _DET or t.norm in _POSS_PRON:
                before = toks[k - 1] if k > lo else None
                # "France, Germany and a dozen other governments condemned": a list, not a plain subject
                return not (before is not None and before.actor is None and before.norm in ("and", ",", "or"))
        return False

    def clause_subject(self, ci: int, depth: int = 0) -> list[int]:
        """The subject of clause ``ci``: its first actor before its first verb, its
        relative pronoun's antecedent, or (for participle clauses) its parent's subject."""
        c = self.clauses[ci]
        for j in range(c.start, c.end):
            if self.verbish(j):
                break
            if self.head(j) and self.toks[j].gov in ("", "of"):
                return self.group(j, 1)
        if c.intro in _REL or c.intro == "that" and self._relative_that(c.start):
            return self.antecedent(c.start)
        if c.resume >= 0:
            return self.clause_subject(self.clause_of[c.resume], depth + 1) if depth < 3 else []
        if ci > 0 and depth < 3 and (c.intro in _PARTICIPLE_INTROS or c.intro in ("and", ",", "")):
            return self.clause_subject(ci - 1, depth + 1)
        return []

    def _relative_that(self, i: int) -> bool:
        """ "that" after a noun phrase ("groups that Turkey has backed"), not after a verb ("said that")."""
        toks = self.toks
        if any(toks[j].norm in _REPORTING for j in range(max(0, i - 4), i)):
            return False  # "said on Saturday that ...": a reported clause
        j = i - 1
        while j >= 0 and toks[j].actor is None and _is_adverb(toks[j].norm):
            j -= 1
        if j < 0:
            return False
        prev = toks[j]
        return (prev.actor is not None or (prev.norm.isalpha() and prev.norm not in _REPORTING
                                           and prev.norm not in _AUX and not prev.norm.endswith("ed")
                                           and j not in self.verb_hits))

    def antecedent(self, i: int) -> list[int]:
        """The actor a relative pronoun at ``i`` refers to ("the PKK, which ...")."""
        toks = self.toks
        j = i - 1
        if j >= 0 and toks[j].norm in ("and", "or"):
            # "..., and which ...": the same antecedent as the previous relative clause
            for k in range(j - 1, -1, -1):
                if toks[k].actor is None and (toks[k].norm in _REL or toks[k].norm == "that"):
                    return self.antecedent(k)
            return []
        roles = {h.start for h in self.hits if h.cue.pos == "role"}
        while j >= 0 and i - j <= 12 and toks[j].norm not in _HARD:
            if self.head(j) and toks[j].gov not in _LOC_PREPS and j + 1 not in roles:
                return self.group(j, -1)
            if toks[j].actor is None and (toks[j].norm in _REL or self.verbish(j)):
                break
            j -= 1
        return []

    def by_agent(self, i: int, end: int) -> list[int]:
        """ "... by X" right after a passive or participle (within a few words)."""
        toks = self.toks
        for j in range(i, min(end, i + 6)):
            if toks[j].norm == "by" and toks[j].actor is None:
                return self.np_after(j + 1, end, span=8)
            if (toks[j].actor is not None and toks[j].gov not in _LOC_PREPS) or toks[j].norm in _HARD:
                return []
        return []

    def np_after(self, j: int, end: int, span: int = 6) -> list[int]:
        """The actor group of the noun phrase starting at ``j`` ("the Russian-backed Syrian forces",
        "mercenaries from the Wagner Group", "the new government in Kiev")."""
        toks = self.toks
        for k in range(j, min(end, j + span)):
            t = toks[k]
            if t.actor is not None:
                if self.head(k) or k in self.compound_mods:
                    members = self.group(k, 1)
                    return [m for m in members if self.head(m) or m in self.compound_mods]
                if t.place:
                    return []
                continue
            if k > j and self._group_pp(k):
                continue
            if k > j and t.norm == "by" and toks[k - 1].norm.endswith("ed"):
                continue
            if not self.np_internal(k) or t.norm == "," or k in self.cue_tokens and k > j:
                return []
        return []

    def direct_object(self, hit: _Hit, end: int) -> list[int]:
        """The actor right after a verb: "attacked Y", "backing Free Syrian Army rebels"."""
        toks = self.toks
        j = hit.end
        steps = 0
        while j < end and steps < 6:
            t = toks[j]
            if t.actor is not None:
                if self.head(j) or j in self.compound_mods:
                    return [m for m in self.group(j, 1, objects=True) if self.head(m) or m in self.compound_mods]
                j += 1
                continue
            n = t.norm
            if n in _QUOTES or _is_adverb(n) or n in _DET:
                j += 1
                continue
            if not self.np_internal(j) or n == "," or (j in self.cue_tokens and toks[j].norm not in _DET):
                return []
            j += 1
            steps += 1
        return []

    def prep_object(self, hit: _Hit, start: int, end: int) -> tuple[list[int], str]:
        """The actor introduced by one of the cue's prepositions ("cooperate ... with Y")."""
        toks, words = self.toks, self.words
        preps = hit.cue.preps
        if not preps:
            return [], ""
        for j in range(start, min(end, start + 9)):
            t = toks[j]
            if t.actor is not None:
                if self.head(j) and t.gov not in _LOC_PREPS:
                    return [], ""
                continue
            if t.norm in _HARD or t.norm in _REL or (t.norm in _SUBORD and t.norm not in _PREPS):
                return [], ""
            for prep in preps:
                if tuple(words[j : j + len(prep)]) == prep:
                    k = j + len(prep)
                    return self.np_after(k, end), " ".join(prep)
        return [], ""

    def between(self, hit: _Hit, end: int) -> list[int]:
        """ "between X and Y" right after a cue."""
        toks = self.toks
        for j in range(hit.end, min(end, hit.end + 3)):
            if toks[j].norm == "between" and toks[j].actor is None:
                group = self.np_after(j + 1, end)
                return group if len({toks[g].actor for g in group}) >= 2 else []
        return []

    def modifier_actor(self, hit: _Hit) -> list[int]:
        """The actor modifying a noun cue: "Turkey's offensive", "the Russian bombing", "US-Iran cooperation"."""
        toks = self.toks
        j, steps = hit.start - 1, 0
        while j >= 0 and steps < 3:
            t = toks[j]
            if t.actor is not None:
                if self.head(j) or j in self.compound_mods:
                    return [m for m in self.same_np(j) if self.head(m)]
                return []
            if t.norm in _QUOTES:
                j -= 1
                continue
            if not t.norm.isalpha() or not self.np_internal(j) or j in self.cue_tokens or t.norm in _DET \
                    or t.norm.endswith("ed") and not (j and toks[j - 1].norm in _DET):
                return []  # the phrase began ("a", "the") or a verb stands between ("Iran restored relations")
            j -= 1
            steps += 1
        return []

    # --- linking rules -----------------------------------------------------------
    def links(self) -> list[_Link]:
        out: list[_Link] = []
        for hit in self.hits:
            out += self._link(hit)
        return out

    def _link(self, hit: _Hit) -> list[_Link]:
        cue = hit.cue
        c = self.clause(hit.start)
        end = c.end
        if hit.compound is not None:
            patients = [p for p in self.np_after(hit.compound + 1, end, span=3) if p != hit.compound]
            if not patients and cue.family in ("consult", "diplomatic_cooperation"):
                patients = self._event_parties_after(hit.compound + 1, end)  # "a U.N.-brokered truce"
            if not patients:
                patients = self._apposition_head(hit.compound)  # "Hezbollah, the Iran-backed movement"
            return [self._pairs(hit, [hit.compound], patients, "compound", 0.9)]
        if cue.pos == "neutral":
            return self._link_neutral(hit, c)
        if cue.pos == "role":
            return self._link_role(hit, c)
        slot = self._slot_group(hit)
        between = self.between(hit, end)
        how = ""
        if cue.pos == "verb" and hit.verbal and "pp" in hit.tags and self._be_before(hit.start):
            agents = self.by_agent(hit.end, end) or self._instrument(hit, end)
            patients = slot + self.subject(hit.start) + (self.prep_object(hit, hit.end, end)[0] if cue.prep_required else [])
            rule = "passive"
            if not patients:
                patients = self._pronoun_owner(hit.start, c.start)
                rule = "passive, object from a possessive pronoun" if patients else rule
            if not patients and (c.intro in _REL or c.intro == "that"):
                patients, how = self.antecedent(c.start), "object from the relative clause's antecedent"
        elif cue.pos == "verb" and hit.verbal and "pp" in hit.tags and self._reduced_relative(hit):
            agents = self.by_agent(hit.end, end)
            patients = self._np_before(hit.start) or self._event_parties_before(hit.start)
            rule = "participle"
        elif cue.pos == "verb" and hit.verbal:
            direct = [] if cue.prep_required or hit.slot else self.direct_object(hit, end)
            partner = self._coordinated_verb(hit, after=True)
            if not direct and partner is not None and not partner.cue.prep_required:
                direct = self.direct_object(partner, end)  # "arm and train Syrian rebels"
            # "accused Ankara of violating ...": with a direct object, an optional preposition
            # introduces the matter, not a second actor
            prep_group, prep = ([], "") if direct and not cue.prep_required else self.prep_object(hit, hit.end, end)
            patients = slot + direct + prep_group
            if cue.family == "consult" and not cue.preps and self._complement_follows(hit, direct):
                direct, patients = [], slot + prep_group  # "called the decision shortsighted": naming, no call
            if not patients and cue.family in ("consult", "diplomatic_cooperation"):
                # "Qatar is hosting talks between the US and the Taliban": the host sides with both
                patients = self._event_object_parties(hit, end)
            agents, how = self._agent(hit, c)
            rule = "subject-object" if direct or slot else f"subject-{prep}" if prep_group else "subject"
            if not patients and cue.family in ("appeal", "demand"):
                patients = self._that_subject(hit, end)
                rule = "subject-that" if patients else rule
            if agents and not patients and not between and c.intro in ("that", "which", "whom") \
                    and min(agents) > c.start and (c.intro != "that" or self._relative_that(c.start)):
                patients, how = self.antecedent(c.start), "object from the relative clause's antecedent"
        elif cue.pos == "noun":
            agents = self.modifier_actor(hit)
            rule = "possessive" if agents else ""
            if not agents and hit.end < len(self.toks) and self.toks[hit.end].norm == "by":
                agents = self.by_agent(hit.end, end)  # "airstrikes by Russia", not "violations committed by"
                rule = "noun-by" if agents else ""
            prep_group, prep = self.prep_object(hit, hit.end, end)
            patients = slot + prep_group
            if not agents:
                agents, how = self._light_verb_subject(hit, c)
                rule = "subject-noun"
            elif not patients and not between:
                patients, rule = self._implicit_patient(hit, agents, c, rule)
        else:  # adjectives and fixed phrases: "joint", "combined", "at odds with"
            right = self.np_after(hit.end, end, span=3) if not cue.preps else []
            prep_group, prep = self.prep_object(hit, hit.end, end)
            patients = slot + right + prep_group
            rule = "phrase"
            if self._post_modifier(hit.start):
                # "the armed groups allied to the GNA": the adjective describes the noun before it
                agents = self._np_before(hit.start)
            else:
                agents, how = self._agent(hit, c)
            if cue.reciprocal and len(self._actors(right)) >= 2:
                agents = []
        if kind_sign(cue.kind) < 0:
            # "attacked the Russian-backed forces" attacks the forces, not their backer
            patients = [p for p in patients if p not in self.compound_mods]
        agents = [a for a in agents if a not in self.compound_mods]
        if between:
            rule = "between"
        if how:
            rule = f"{rule}, {how}"
        # "Ankara and Moscow will empower each other": the subjects relate with one another
        recip = True if hit.verbal and tuple(self.words[hit.end : hit.end + 2]) in _EACH_OTHER else None
        links = [self._pairs(hit, agents, patients, rule, _rule_confidence(rule), between=between, slot=slot,
                             reciprocal=recip)]
        if kind_sign(cue.kind) > 0 and cue.family != "make_statement":
            links += self._joint_against(hit, links[0], end)
        return links

    def _light_verb_subject(self, hit: _Hit, c: _Clause) -> tuple[list[int], str]:
        """The agent of a noun cue is the subject of the verb that takes it as object ("Turkey
        nurtured a strong cooperation with Russia", "Russia imposed sanctions on Turkey"), also
        through one preposition ("engaged in talks with"). A noun in a subject or adjunct
        ("criticised X over the troop withdrawal") has none."""
        toks = self.toks
        j = hit.start - 1
        hops = 0
        while j >= c.start:
            t = toks[j]
            if t.actor is not None:
                return [], ""
            n = t.norm
            if j in self.verb_hits or n in _AUX or n in _COMMON_VERBS or n == "to" \
                    or n.endswith("ed") and not (j > c.start and (toks[j - 1].norm in _DET or toks[j - 1].norm in _PREPS)):
                break
            if n == "as":
                # "regards the Kurdish forces as the best fighters in the campaign": the regarded act
                if j > c.start and self.head(j - 1):
                    return self.group(j - 1, -1), "subject from an 'as' complement"
                return [], ""
            if n in _PREPS and n != "of":
                if hops or n not in ("in", "into", "for", "to", "at", "on"):
                    return [], ""
                hops += 1
            elif n in _DET or n.isdigit() or n in _QUOTES or n.isalpha() and self.np_internal(j):
                if n in _DET and j > c.start and toks[j - 1].actor is None and toks[j - 1].norm.isalpha() \
                        and self.np_internal(j - 1) and toks[j - 1].norm not in _DET and toks[j - 1].norm not in _PREPS:
                    j -= 1  # an unknown word before a determiner is the verb: "nurtured a ..."
                    break
            else:
                return [], ""
            j -= 1
        if j < c.start:
            return [], ""
        probe = _Hit(hit.cue, j, j + 1, frozenset({"past"}))
        return self._agent(probe, c)

    def _apposition_head(self, k: int) -> list[int]:
        """The actor an apposition describes: "Hezbollah, the Iran-backed Lebanese movement"."""
        toks = self.toks
        j = k - 1
        while j >= 0 and toks[j].actor is None and toks[j].norm in _DET:
            j -= 1
        if j >= 1 and toks[j].norm == "," and self.head(j - 1):
            return self.same_np(j - 1)
        return []

    def _event_parties(self, h: _Hit) -> list[int]:
        """The parties of an event noun ("talks between X and Y", "a deal with Z")."""
        end = self.clause(h.start).end
        return self.between(h, end) or self.prep_object(h, h.end, end)[0]

    def _event_object_parties(self, hit: _Hit, end: int) -> list[int]:
        for h in self.hits:
            if hit.end <= h.start < min(end, hit.end + 6) and h.cue.pos == "noun" and h.cue.reciprocal:
                return self._event_parties(h)
        return []

    def _event_parties_before(self, i: int) -> list[int]:
        """ "Talks between Serbia and Kosovo, mediated by the EU": the talks' parties."""
        for h in self.hits:
            if h.cue.pos == "noun" and h.cue.reciprocal and h.end <= i and i - h.end <= 8:
                parties = self._event_parties(h)
                if not parties:
                    found = self.clause_subject(self.clause_of[h.start])
                    parties = found if len(self._actors(found)) >= 2 else []
                if parties:
                    return parties
        return []

    def _event_parties_after(self, j: int, end: int) -> list[int]:
        """ "a two-month U.N.-brokered truce": the truce's parties, else the clause's subjects."""
        for h in self.hits:
            if j <= h.start < min(end, j + 3) and h.cue.pos == "noun" and h.cue.reciprocal:
                parties = self._event_parties(h)
                if not parties:
                    found = self.clause_subject(self.clause_of[h.start])
                    parties = found if len(self._actors(found)) >= 2 else []
                return parties
        return []

    def _complement_follows(self, hit: _Hit, direct: list[int]) -> bool:
        """A bare adjective or noun right after the verb or its object: "called X illegal"."""
        toks = self.toks
        if direct and toks[max(direct)].poss:
            return False  # "hosts Hamas's political leadership": the object goes on
        j = max(direct) + 1 if direct else hit.end
        while j < len(toks) and direct and (toks[j].norm in _GROUP_NOUNS or toks[j].norm in _NONSTATE_NOUNS):
            j += 1  # "hosted American troops": the object's own noun
        if j >= len(toks) or toks[j].actor is not None:
            return False
        n = toks[j].norm
        return n.isalpha() and not toks[j].cap and n not in _DET and n not in _PREPS and n not in _AUX \
            and n not in _COORD and n not in _REL and n not in _SUBORD and n != "to" and not _is_adverb(n) \
            and n not in _POSS_PRON and n not in _PRONOUNS

    def _coordinated_verb(self, hit: _Hit, after: bool) -> _Hit | None:
        """The verb cue joined to this one by "and"/"or" ("arm and train"), after or before it."""
        toks = self.toks
        j = hit.end if after else hit.start - 1
        if not (0 <= j < len(toks)) or toks[j].actor is not None or toks[j].norm not in ("and", "or"):
            return None
        for h in self.hits:
            if h.verbal and (h.start == j + 1 if after else h.end == j):
                return h
        return None

    def _that_subject(self, hit: _Hit, end: int) -> list[int]:
        """ "demanded that Moscow stop", "urged that Turkey ...": the subject of the reported clause."""
        toks = self.toks
        for j in range(hit.end, min(len(toks), hit.end + 5)):
            if toks[j].norm == "that" and toks[j].actor is None:
                return self.np_after(j + 1, self.clauses[self.clause_of[j]].end, span=3)
            if toks[j].actor is not None or not (self.np_internal(j) or _is_adverb(toks[j].norm)):
                return []  # "demanded guarantees that NATO ...", not across another phrase
        return []

    def _post_modifier(self, i: int) -> bool:
        """An adjective right after a noun ("militias allied to Iran"), not after "is" or a comma."""
        if i == 0:
            return False
        prev = self.toks[i - 1]
        return prev.actor is None and prev.norm.isalpha() and prev.norm not in _AUX and not _is_adverb(prev.norm) \
            and prev.norm not in _DET and prev.norm not in _PREPS and prev.norm not in _COORD \
            and prev.norm not in _REL and prev.norm != "that" and (i - 1) not in self.cue_tokens \
            and not prev.cap and prev.norm not in _COMMON_VERBS

    def _actors(self, idx: Iterable[int]) -> set[str]:
        return {self.toks[i].actor for i in idx}

    def _slot_group(self, hit: _Hit) -> list[int]:
        if not hit.slot:
            return []
        for k in range(*hit.slot):
            if self.head(k):
                return [m for m in self.group(k, 1) if m < hit.slot[1] and self.head(m)]
        return []

    def _be_before(self, i: int) -> bool:
        toks = self.toks
        j = i - 1
        while j >= 0 and toks[j].actor is None and (_is_adverb(toks[j].norm) or toks[j].norm == "not"):
            j -= 1
        return j >= 0 and toks[j].actor is None and toks[j].norm in _BE

    def _reduced_relative(self, hit: _Hit) -> bool:
        """ "fighters backed by Iran": a participle followed by "by", not a perfect tense."""
        toks = self.toks
        prev = toks[hit.start - 1].norm if hit.start else ""
        if prev in ("has", "have", "had", "having"):
            return False
        j = hit.end
        while j < len(toks) and _is_adverb(toks[j].norm):
            j += 1
        return j < len(toks) and toks[j].norm == "by"

    def _np_before(self, i: int) -> list[int]:
        """The actor noun phrase right before a participle ("fighters, backed by ...")."""
        toks = self.toks
        j = i - 1
        if j >= 0 and toks[j].norm == ",":
            j -= 1
        for k in range(j, max(-1, j - 3), -1):
            if self.head(k):
                return [m for m in self.group(k, -1) if self.head(m)]
            if not self.np_internal(k):
                return []
        return []

    def _instrument(self, hit: _Hit, end: int) -> list[int]:
        """ "were killed in a Syrian airstrike": the attacker named on the attack noun."""
        for h in self.hits:
            if hit.end <= h.start and h.cue.pos == "noun" and h.cue.kind == "material_conflict" \
                    and not any(t.norm in _HARD for t in self.toks[hit.end : h.start]):
                return self.modifier_actor(h)
        return []

    def _pronoun_owner(self, i: int, lo: int) -> list[int]:
        """ "three of its soldiers were killed": "its"/"their" before a group noun refers to the
        nearest actor named before it in the sentence."""
        toks = self.toks
        for j in range(i - 1, lo - 1, -1):
            if toks[j].actor is None and toks[j].norm in ("its", "their") and j + 1 < i \
                    and toks[j + 1].norm in _GROUP_NOUNS:
                for k in range(j - 1, -1, -1):
                    if self.head(k) and toks[k].gov in ("", "of"):
                        return [k]
                return []
        return []

    def _agent(self, hit: _Hit, c: _Clause) -> tuple[list[int], str]:
        toks = self.toks
        i = hit.start
        j = i - 1
        while j >= c.start and toks[j].actor is None and (
            toks[j].norm in _AUX or _is_adverb(toks[j].norm) or toks[j].norm == "to" or toks[j].norm in _QUOTES
        ):
            j -= 1
        if hit.verbal and "ing" in hit.tags and j >= c.start and toks[j].norm in _REPORTING:
            return [], ""  # "said isolating Qatar would not solve": a gerund without its own subject
        ci = self.clause_of[i]
        if j >= c.start and toks[j].norm == "," and hit.verbal and "ing" in hit.tags and j > 0 and self.head(j - 1) \
                and toks[j - 1].gov in ("", "of"):
            return self.group(j - 1, -1), ""  # "the Russians, working with Iran, ..."
        if j >= c.start and toks[j].actor is None and toks[j].norm in ("and", "but", ",") and hit.verbal:
            # "... and imposed sanctions", ", backing rebels": the clause's own subject
            found = self.clause_subject(ci)
            if found and min(found) < i:
                return found, ""
        infinitive = i > 0 and toks[i - 1].norm == "to"
        if infinitive and i >= 4 and toks[i - 4].norm == "as" and toks[i - 3].norm in _DET:
            return [], ""  # "dismissed it as an attempt to rescue Haftar": not the subject's act
        found = self.subject(i, finite=hit.verbal and not infinitive)
        if found:
            return found, ""
        if c.intro in _REL or (c.intro == "that" and self._relative_that(c.start)):
            return self.antecedent(c.start), "subject from the relative clause's antecedent"
        if hit.tags & {"ing", "pp"} and j < c.start:
            # "Visiting Warsaw on Tuesday, Biden said ...": the subject follows the opening phrase
            found = self._subject_after_comma(hit.end, c.end)
            if found:
                return found, "subject from the main clause"
        wh_infinitive = c.intro in _WH and c.start + 1 < len(toks) and toks[c.start + 1].norm == "to"
        if ci > 0 and c.resume < 0 and hit.verbal and c.intro not in _HARD and c.intro != "that" \
                and (c.intro not in _WH or wh_infinitive):
            return self.clause_subject(ci - 1), "subject from the main clause"
        return [], ""

    def _subject_after_comma(self, i: int, end: int) -> list[int]:
        toks = self.toks
        for j in range(i, end):
            if toks[j].norm == "," and toks[j].actor is None:
                for k in range(j + 1, min(end, j + 8)):
                    if self.head(k) and toks[k].gov in ("", "of"):
                        return self.group(k, 1)
                    if self.verbish(k):
                        return []
                return []
        return []

    def _implicit_patient(self, hit: _Hit, agents: list[int], c: _Clause, rule: str) -> tuple[list[int], str]:
        """A noun with only its agent named: "with Russian help" helps the clause's subject; an
        "invasion" protested "over" is suffered by the protester."""
        toks = self.toks
        before = {toks[j].norm for j in range(max(0, hit.start - 4), hit.start) if toks[j].actor is None}
        ci = self.clause_of[hit.start]
        if "with" in before and kind_sign(hit.cue.kind) > 0:
            found = self.clause_subject(ci)
            return [f for f in found if f not in agents], "with-help"
        if before & {"over", "about", "against"} and kind_sign(hit.cue.kind) < 0:
            found = self.clause_subject(ci)
            return [f for f in found if f not in agents], "grievance"
        return [], rule

    def _link_neutral(self, hit: _Hit, c: _Clause) -> list[_Link]:
        """ "Turkey-U.S. relations have taken a positive turn": the nearest polarity word decides."""
        toks = self.toks
        pos_kind, pos_int, pos_words = self.cues.positive
        neg_kind, neg_int, neg_words = self.cues.negative
        best = None
        for j in range(c.start, c.end):
            if hit.start <= j < hit.end or toks[j].actor is not None:
                continue
            w = toks[j].norm
            if w in pos_words or w in neg_words:
                d = abs(j - hit.start)
                if d <= 16 and (best is None or d < best[0]):
                    best = (d, j, w in pos_words, toks[j].text)
        if best is None:
            return []
        _, _, positive, word = best
        kind, intensity = (pos_kind, pos_int) if positive else (neg_kind, neg_int)
        agents = self.modifier_actor(hit)
        between = self.between(hit, c.end)
        patients, _ = self._prep_with(hit, c.end)
        how = ""
        if not agents and not between:
            agents, how = self._agent(hit, c)
        rule = "between" if between else "relationship"
        link = self._pairs(hit, agents, patients, rule, 0.8, between=between, reciprocal=True)
        return [_Link(link.hit, link.agents, link.patients, link.rule, link.confidence, link.pairs,
                      kind, intensity, f"{hit.cue.phrase} + {word}")]

    def _prep_with(self, hit: _Hit, end: int) -> tuple[list[int], str]:
        probe = _Hit(Cue(hit.cue.text, "", "", 0, "noun", preps=(("with",), ("to",))), hit.start, hit.end, hit.tags)
        return self.prep_object(probe, hit.end, end)

    def _link_role(self, hit: _Hit, c: _Clause) -> list[_Link]:
        """ "Turkey, a NATO member", "the US, its ally", "Iran's proxy Hezbollah", "an ally of Russia"."""
        toks = self.toks
        owner = self.modifier_actor(hit)
        if not owner:
            owner, _ = self.prep_object(hit, hit.end, c.end)
        if not owner:
            return []
        # the role holder: a name right after ("US ally Turkey"), an apposition before
        # ("Turkey, a NATO member") or the subject of "is"/"remains" ("Turkey remains a NATO member")
        holder = self.np_after(hit.end, c.end, span=1)
        j = min(owner + [hit.start]) - 1
        while j >= c.start and toks[j].actor is None and toks[j].norm in _DET:
            j -= 1
        if not holder and j > 0 and toks[j].norm == "," and self.head(j - 1):
            holder = self.group(j - 1, -1)  # "China, Pakistan's closest ally,"
        if not holder:
            k = hit.start - 1
            while k >= c.start and (toks[k].actor is None or k in owner):
                if toks[k].actor is None and toks[k].norm in _BE | {"remains", "remain", "remained", "became",
                                                                     "becomes", "become"}:
                    holder = self.subject(k)
                    break
                k -= 1
        return [self._pairs(hit, holder, owner, "role", 0.8)] if holder else []

    def _joint_against(self, hit: _Hit, link: _Link, end: int) -> list[_Link]:
        """ "cooperating with Turkey in the fight against FETO", "co-ordinating against IS": the
        partners share the enemy named after "against"."""
        if not link.pairs and not link.agents:
            return []
        toks = self.toks
        start = max([hit.end, *link.patients]) + 1 if link.patients else hit.end
        fights = {h.start: h for h in self.hits if h.verbal and "ing" in h.tags and h.cue.kind.endswith("conflict")}
        for j in range(start, min(end, start + 8)):
            t = toks[j]
            enemies: list[int] = []
            via = "against"
            if j in fights:
                # "has backed separatists fighting Ukrainian government forces"
                enemies = self.direct_object(fights[j], end) or self.prep_object(fights[j], fights[j].end, end)[0]
                via = toks[j].text
            elif t.actor is None and j in self.verb_hits and j != hit.start:
                return []
            elif t.actor is None and t.norm == "against":
                enemies = self.np_after(j + 1, end)
                if not enemies:
                    return []
            if enemies:
                side = sorted({*link.agents, *link.patients})
                pairs = tuple((a, e) for a in side for e in enemies if toks[a].actor != toks[e].actor)
                kind = "material_conflict" if hit.cue.kind == "material_cooperation" else "verbal_conflict"
                return [_Link(hit, tuple(side), tuple(enemies), "joint-against", 0.75, pairs, kind,
                              hit.cue.intensity, f"{hit.cue.phrase} + {via}")]
        return []

    def _pairs(self, hit: _Hit, agents: list[int], patients: list[int], rule: str, confidence: float, *,
               between: Sequence[int] = (), slot: Sequence[int] = (), reciprocal: bool | None = None) -> _Link:
        """Who relates to whom: agents x patients, or all pairs inside a reciprocal group."""
        toks = self.toks
        recip = hit.cue.reciprocal if reciprocal is None else reciprocal
        pairs: list[tuple[int, int]] = []

        def within(group: Sequence[int]) -> list[tuple[int, int]]:
            return [(x, y) for n, x in enumerate(group) for y in group[n + 1:]]

        if between:
            pairs = within(between)
            if agents and not recip:
                pairs += [(a, b) for a in agents for b in between]
        elif recip and hit.slot and len(self._actors(slot)) >= 2:
            pairs = within(slot)
        elif agents and patients:
            pairs = [(a, b) for a in agents for b in patients]
        elif recip and len(self._actors(agents)) >= 2:
            pairs = within(agents)
            rule = "reciprocal" if rule.startswith(("subject", "phrase", "possessive")) else rule
        elif recip and len(self._actors(patients)) >= 2:
            pairs = within(patients)
            rule = "reciprocal"
        seen: set[tuple[str, str]] = set()
        unique = []
        for a, b in pairs:
            key = (toks[a].actor, toks[b].actor)
            if key[0] != key[1] and key not in seen:
                seen.add(key)
                unique.append((a, b))
        if len(self._actors([*agents, *patients, *between])) >= 3 and rule in ("reciprocal", "between", "phrase"):
            rule = "list"
        return _Link(hit, tuple(agents), tuple(patients), rule, confidence, tuple(unique))

    # --- modifiers ---------------------------------------------------------------
    def modifiers(self, hit: _Hit) -> "_Mods":
        """Negation, refusal, reversal, intent, hedges and past dates that govern a cue.

        A verb joined to an earlier one ("ended a programme to arm and train") shares its
        modifiers; "will not" / "would not" before a cooperation cue is a refusal."""
        first = self._coordinated_verb(hit, after=False) if hit.verbal else None
        if first is not None:
            return self.modifiers(first)
        toks = self.toks
        c = self.clause(hit.start)
        lo = max(c.start, hit.start - 6)
        for j in range(hit.start - 1, lo - 1, -1):
            if self.head(j):
                lo = j + 1
                break
        found: dict[str, str] = {}
        hedges: list[tuple[str, float]] = []
        for start, end, kind, payload in self.mods:
            if kind == "hedge":
                h: Hedge = payload
                word = " ".join(self.words[start:end])
                inside = (c.start <= start and end <= hit.start if h.scope == "verb"
                          else c.start <= start < c.end if h.scope == "clause" else True)
                if word == "would" and any(toks[j].norm in _REPORTING for j in range(start)):
                    continue  # "said it would send": a reported future, not a hypothesis
                if inside and (word, h.factor) not in hedges:
                    hedges.append((word, h.factor))
                continue
            text = " ".join(toks[k].text for k in range(start, end))
            if kind == "after":
                if hit.end <= start < c.end and start - hit.end <= 14:
                    found.setdefault("reversal", text)
                continue
            if not (lo <= start and end <= hit.start) or (start and toks[start - 1].norm in _DET):
                continue
            to_next = end < len(toks) and toks[end].norm == "to"
            if kind == "negation":
                volitional = text.lower() in ("won't", "won\u2019t", "wouldn't", "wouldn\u2019t") or (
                    start and toks[start - 1].norm in ("will", "would", "shall"))
                if volitional and hit.cue.kind.endswith("cooperation"):
                    found.setdefault("refusal", f"{toks[start - 1].text} {text}" if start else text)
                elif text.lower() != "not only":
                    found.setdefault("negation", text)
            elif kind == "refusal" and (to_next or hit.start - end <= 2):
                found.setdefault("refusal", text)
            elif kind == "reversal":
                found.setdefault("reversal", text)
            elif kind == "intent" and to_next:
                found.setdefault("intent", text)
        if c.intro == "that" and c.start and "negation" not in found:
            # "denied that it had given Washington permission": the whole reported clause is denied
            for start, end, kind, _ in self.mods:
                if kind == "negation" and end == c.start:
                    found["negation"] = " ".join(toks[k].text for k in range(start, end))
        if "intent" not in found:
            for j in range(lo, hit.start - 1):
                if toks[j].norm in self.cues.intent_adjectives and toks[j + 1].norm == "to":
                    found["intent"] = toks[j].text
        if self.question:
            hedges.append(("?", _QUESTION_FACTOR))
        return _Mods(found.get("negation", ""), found.get("refusal", ""), found.get("reversal", ""),
                     found.get("intent", ""), tuple(hedges), self._past_year(hit.start))

    def _past_year(self, i: int) -> str:
        """A year before the article's that dates the cue: "in November 2015" anywhere in its clause
        (or the clause a "when" clause hangs on), "the 2016 assassination" only for that noun."""
        ci = self.clause_of[i]
        spans = [self.clauses[ci]]
        if self.clauses[ci].intro in ("when", "as") and ci > 0:
            spans.append(self.clauses[ci - 1])
        toks = self.toks
        for c in spans:
            for j in range(c.start, c.end):
                t = toks[j]
                if t.actor is not None or len(t.norm) != 4 or not t.norm.isdigit() or not 1800 <= int(t.norm) < self.year:
                    continue
                prev = toks[j - 1].norm if j else ""
                if prev in ("since", "until", "by"):
                    continue
                if prev in _DET:  # "a 1936 treaty": dates that noun only
                    if i in (j + 1, j + 2):
                        return t.text
                    continue
                lo, hi = sorted((i, j))
                if any(toks[k].norm in ("and", "but") and k + 1 < len(toks) and self.verbish(k + 1)
                       for k in range(lo, hi)):
                    continue  # "annexed Crimea in 2014 and has backed ...": another verb phrase
                return t.text
        return ""


@dataclass(frozen=True)
class _Mods:
    negation: str = ""
    refusal: str = ""
    reversal: str = ""
    intent: str = ""
    hedges: tuple[tuple[str, float], ...] = ()
    historical: str = ""

    def describe(self) -> tuple[str, ...]:
        out = []
        for name in ("negation", "refusal", "reversal", "intent"):
            if getattr(self, name):
                out.append(f"{name} '{getattr(self, name)}'")
        out += [f"hedge '{w}'" for w, _ in self.hedges]
        if self.historical:
            out.append(f"historical '{self.historical}'")
        return tuple(out)


def _rule_confidence(rule: str) -> float:
    """How sure a linking rule is that it found the right two actors; a side found outside the
    cue's own clause (", subject from the main clause") costs a tenth."""
    if rule in _RULE_CONFIDENCE:
        return _RULE_CONFIDENCE[rule]
    base, _, how = rule.partition(", ")
    confidence = _RULE_CONFIDENCE.get(base, 0.9 if base.startswith("subject-") else 0.85)
    return confidence * (0.9 if how else 1.0)


# How sure each linking rule is that it found the right two actors.
_RULE_CONFIDENCE = {
    "passive, object from a possessive pronoun": 0.75,
    "subject-object": 0.9, "passive": 0.9, "participle": 0.85, "compound": 0.9, "between": 0.9,
    "possessive": 0.85, "noun-by": 0.85, "subject-noun": 0.8, "reciprocal": 0.85, "list": 0.85,
    "phrase": 0.8, "subject": 0.75, "with-help": 0.8, "grievance": 0.65, "role": 0.8, "relationship": 0.8,
}


# =============================================================================
# Relations and explanations
# =============================================================================


@dataclass(frozen=True)
class ActorFound:
    """An actor mention in a sentence and the part it plays.

    ``role`` is ``actor`` (can be one side of a relation), ``location`` ("in
    Syria", "the Syrian town of"), ``modifier`` ("Russian-backed"),
    ``organisation`` (part of a name such as "Atlantic Council") or
    ``dateline``. ``start``/``end`` index the sentence.
    """

    actor: str
    text: str
    start: int
    end: int
    role: str


@dataclass(frozen=True)
class CueFound:
    """A cue phrase matched in a sentence, with the modifiers that govern it."""

    cue: str
    family: str
    kind: str
    start: int
    end: int
    modifiers: tuple[str, ...] = ()


@dataclass(frozen=True)
class LinkFound:
    """What one cue linked: the rule, the two actors and the outcome.

    ``outcome`` is ``"relation"`` or the reason none was drawn ("negated",
    "self relation", "no actor on the other side", ...).
    """

    cue: str
    rule: str
    a: str | None
    b: str | None
    outcome: str


@dataclass(frozen=True)
class SentenceExplanation:
    """Everything the extractor saw in one sentence (``number`` counts from 1)."""

    number: int
    start: int
    end: int
    text: str
    actors: tuple[ActorFound, ...]
    cues: tuple[CueFound, ...]
    links: tuple[LinkFound, ...]
    relations: tuple[Relation, ...]
    reason: str


@dataclass(frozen=True)
class _M:
    actor: str
    start: int
    end: int
    text: str


def _sentence_mentions(mentions: Sequence[_Mention], start: int, end: int) -> list[_M]:
    return [_M(m.actor, m.start - start, m.end - start, m.text) for m in mentions if start <= m.start and m.end <= end]


def _states(codebook: _Codebook) -> frozenset[str]:
    """Ids of the codebook's states (a demonym of a state before "movement" is no actor)."""
    actors = getattr(codebook, "actors", {})
    return frozenset(i for i, a in actors.items() if getattr(a, "type", "") == "state")


def _read(article: Article, span: tuple[int, int], mentions: Sequence[_Mention], cues: Cues,
          states: frozenset[str], explain: bool = False) -> tuple[list[Relation], SentenceExplanation | None]:
    start, end = span
    text = article.text[start:end]
    sent = _Sentence(text, _sentence_mentions(mentions, start, end), cues, article.date.year, states)
    toks = sent.toks
    best: dict[tuple[tuple[str, str], int], tuple[float, int, Relation]] = {}
    found_links: list[LinkFound] = []
    cue_notes: dict[int, tuple[str, ...]] = {}
    order = 0
    for link in sent.links():
        hit = link.hit
        cue = hit.cue
        cue_text = link.cue_text or cue.phrase
        mods = sent.modifiers(hit)
        if explain:
            cue_notes.setdefault(id(hit), mods.describe())
        if not link.pairs:
            if explain:
                found_links.append(LinkFound(cue_text, link.rule or "-", _first(toks, link.agents),
                                             _first(toks, link.patients), _why_not(sent, link)))
            continue
        if mods.negation:
            if explain:
                for a, b in link.pairs:
                    found_links.append(LinkFound(cue_text, link.rule, toks[a].actor, toks[b].actor,
                                                 f"negated by '{mods.negation}'"))
            continue
        kind = link.kind or cue.kind
        intensity = cue.intensity if link.intensity < 0 else link.intensity
        kind, intensity, confidence, note = _govern(kind, intensity, link.confidence, mods, cues)
        rule = link.rule + (f"; {note}" if note else "")
        if hit.compound is not None:
            cue_start, cue_end = toks[hit.compound].suffix_span
        else:
            cue_start, cue_end = toks[hit.start].start, toks[hit.end - 1].end
        evidence = Evidence(
            sentence=text, cue=cue_text, article=article.id, start=start, end=end, rule=rule,
            title=article.title, outlet=article.source, url=article.url, cue_start=cue_start, cue_end=cue_end,
        )
        for a, b in link.pairs:
            rel = Relation(toks[a].actor, toks[b].actor, kind_sign(kind), kind, round(intensity, 3),
                           article.date, "extracted", evidence, round(confidence, 3))
            key = (rel.dyad, rel.sign)
            weight = rel.intensity * rel.confidence
            if key not in best or weight > best[key][0]:
                best[key] = (weight, best[key][1] if key in best else order, rel)
            order += 1
            if explain:
                found_links.append(LinkFound(cue_text, rule, rel.a, rel.b, "relation"))
    relations = [r for _, _, r in sorted(best.values(), key=lambda e: e[1])]
    if not explain:
        return relations, None
    return relations, _explanation(sent, span, relations, found_links, cue_notes)


def _first(toks: Sequence[_Tok], idx: Sequence[int]) -> str | None:
    return toks[idx[0]].actor if idx else None


def _why_not(sent: _Sentence, link: _Link) -> str:
    actors = sent._actors([*link.agents, *link.patients])
    if len(actors) == 1 and link.agents and link.patients:
        return f"self relation: both sides are {actors.pop()}"
    if not link.agents and not link.patients:
        return "no actor on either side of the cue"
    if not link.patients:
        return "no actor on the other side of the cue"
    return "no actor acting (subject) for the cue"


def _govern(kind: str, intensity: float, confidence: float, mods: _Mods, cues: Cues) -> tuple[str, float, float, str]:
    """Apply refusal, reversal, intent, hedges and past dates to one relation."""
    notes = []
    sign = kind_sign(kind)
    fam = cues.families
    if mods.refusal:
        kind = "verbal_conflict" if sign > 0 else "verbal_cooperation"
        intensity = min(intensity, cues.refusal_intensity)
        notes.append(f"refused ('{mods.refusal}')")
    elif mods.reversal:
        kind = _REVERSED_KIND[kind]
        limit = fam["reduce_relations"].intensity if sign > 0 and "reduce_relations" in fam else \
            fam["yield"].intensity if "yield" in fam else intensity
        intensity = min(intensity, limit)
        confidence *= cues.reversal_factor[sign]
        notes.append(f"reversed ('{mods.reversal}')")
    elif mods.intent:
        verbal = _VERBAL[kind]
        if verbal != kind:
            limit = fam["intend_cooperate"].intensity if sign > 0 and "intend_cooperate" in fam else \
                fam["threaten"].intensity if sign < 0 and "threaten" in fam else intensity
            kind, intensity = verbal, min(intensity, limit)
        notes.append(f"intent ('{mods.intent}')")
    for word, factor in mods.hedges:
        confidence *= factor
        notes.append(f"hedged ('{word}')")
    if mods.historical:
        confidence *= cues.historical_factor
        notes.append(f"historical ('{mods.historical}')")
    return kind, intensity, min(1.0, confidence), ", ".join(notes)


def _explanation(sent: _Sentence, span: tuple[int, int], relations: list[Relation], links: list[LinkFound],
                 cue_notes: dict[int, tuple[str, ...]]) -> SentenceExplanation:
    toks = sent.toks
    actors = []
    for k, t in enumerate(toks):
        if t.actor is None:
            continue
        role = t.role if t.role != "actor" else "modifier" if k in sent.compound_mods else \
            "location" if t.place or t.gov in _LOC_PREPS else "actor"
        actors.append(ActorFound(t.actor, t.text, t.start, t.end, role))
    cues_found = []
    for h in sent.hits:
        s, e = toks[h.compound].suffix_span if h.compound is not None else (toks[h.start].start, toks[h.end - 1].end)
        cues_found.append(CueFound(h.cue.text, h.cue.family, h.cue.kind or "neutral", s, e,
                                   cue_notes.get(id(h), ())))
    for m in re.finditer(r"\b([A-Z][\w.]*)[-\u2010\u2011](based|born|headquartered)\b", sent.text):
        links.append(LinkFound(m.group(), "-", None, None, "residence modifier: a place of residence, not an actor"))
    participants = {t.actor for k, t in enumerate(toks) if t.actor and sent.head(k)}
    if relations:
        reason = f"{len(relations)} relation{'s' * (len(relations) != 1)}"
    elif not participants:
        reason = "no actor" if not actors else "no actor that can take part (" + \
            ", ".join(sorted({a.role for a in actors})) + ")"
    elif len(participants) == 1:
        reason = f"one actor only ({participants.pop()})"
    elif not sent.hits:
        reason = "no cue"
    elif links:
        reason = "; ".join(dict.fromkeys(f"{lf.cue}: {lf.outcome}" for lf in links))
    else:
        reason = "no cue links two actors"
    return SentenceExplanation(0, span[0], span[1], sent.text, tuple(actors), tuple(cues_found), tuple(links),
                               tuple(relations), reason)


def extract_relations(articles: Iterable[Article], codebook: _Codebook, cues: Cues | None = None) -> list[Relation]:
    """Relations stated in the articles, sentence by sentence, in article and text order.

    One relation per sentence, dyad and sign (the strongest reading); never
    an actor with itself. Every relation's confidence is in [0, 1]; those at
    or above :data:`FOUND_CONFIDENCE` are the extractor's firm findings.

    Parameters
    ----------
    articles:
        Dated articles (see :func:`netviz.ingest.corpus.load_articles`).
    codebook:
        The actor codebook (:func:`netviz.ingest.actors.load_codebook`).
    cues:
        The cue lexicon; the bundled one when ``None``.

    Examples
    --------
    >>> from datetime import date
    >>> from netviz.ingest.actors import load_codebook
    >>> art = Article("a1", date(2017, 1, 8), "t", "wire", "Russia has backed the Syrian regime.")
    >>> [(r.a, r.b, r.sign, r.kind) for r in extract_relations([art], load_codebook())]
    [('RUS', 'SYR', 1, 'material_cooperation')]
    """
    cues = cues if cues is not None else _default_cues()
    states = _states(codebook)
    out: list[Relation] = []
    for article in articles:
        mentions = codebook.find_mentions(article.text, article.date)
        if not mentions:
            continue
        spans = split_sentences(article.text)
        m = 0
        for span in spans:
            # skip sentences with fewer than two mentions cheaply
            while m < len(mentions) and mentions[m].start < span[0]:
                m += 1
            n = m
            actors = set()
            while n < len(mentions) and mentions[n].end <= span[1]:
                actors.add(mentions[n].actor)
                n += 1
            if len(actors) < 2:
                continue
            relations, _ = _read(article, span, mentions[m:n], cues, states)
            out += relations
    return out


def explain_article(article: Article, codebook: _Codebook, cues: Cues | None = None) -> list[SentenceExplanation]:
    """For every sentence of ``article``: the actors, the cues, the rules that linked them and
    the relations drawn, or why none was.

    >>> from datetime import date
    >>> from netviz.ingest.actors import load_codebook
    >>> art = Article("a1", date(2017, 1, 8), "t", "wire", "Russia did not attack Turkey. Rain fell.")
    >>> [(e.number, e.reason) for e in explain_article(art, load_codebook())]
    [(1, "attack: negated by 'not'"), (2, 'no actor')]
    """
    cues = cues if cues is not None else _default_cues()
    states = _states(codebook)
    mentions = codebook.find_mentions(article.text, article.date)
    out = []
    for number, span in enumerate(split_sentences(article.text), 1):
        _, expl = _read(article, span, [m for m in mentions if span[0] <= m.start and m.end <= span[1]], cues,
                        states, explain=True)
        out.append(SentenceExplanation(number, *[getattr(expl, f) for f in
                                                 ("start", "end", "text", "actors", "cues", "links", "relations",
                                                  "reason")]))
    return out


@functools.lru_cache(maxsize=1)
def _default_cues() -> Cues:
    return load_cues()


def relations_table(relations: Sequence[Relation]) -> str:
    """A plain-text table of relations for the command line: one row per relation.

    >>> from datetime import date
    >>> ev = Evidence("Russia backs Syria.", "back", article="a1", rule="subject-object")
    >>> rel = Relation("RUS", "SYR", 1, "material_cooperation", 7.0, date(2017, 1, 8), "extracted", ev, 0.9)
    >>> print(relations_table([rel]))
    date        article  source  sign  target  kind                  intensity  confidence  cue   rule
    ----------  -------  ------  ----  ------  --------------------  ---------  ----------  ----  --------------
    2017-01-08  a1       RUS     +     SYR     material_cooperation       7.00        0.90  back  subject-object
    """
    rows = [[r.date.isoformat(), r.evidence.article or "", r.a, "+" if r.sign > 0 else "-", r.b, r.kind,
             float(r.intensity), float(r.confidence), r.evidence.cue, r.evidence.rule] for r in relations]
    return format_table(["date", "article", "source", "sign", "target", "kind", "intensity", "confidence", "cue",
                         "rule"], rows)


def format_explanation(explanations: Sequence[SentenceExplanation]) -> str:
    """The explanations of :func:`explain_article` as readable text, one block per sentence.

    >>> from datetime import date
    >>> from netviz.ingest.actors import load_codebook
    >>> art = Article("a1", date(2017, 1, 8), "t", "wire", "Russia backs Syria.")
    >>> print(format_explanation(explain_article(art, load_codebook())))
    [1] Russia backs Syria.
        actors: RUS 'Russia', SYR 'Syria'
        cues: back (aid, material_cooperation)
        back: RUS -> SYR by subject-object: relation
        relation: RUS + SYR material_cooperation, intensity 7, confidence 0.9
        => 1 relation
    """
    lines = []
    for e in explanations:
        lines.append(f"[{e.number}] {e.text}")
        if e.actors:
            lines.append("    actors: " + ", ".join(
                f"{a.actor} {a.text!r}" + (f" ({a.role})" if a.role != "actor" else "") for a in e.actors))
        if e.cues:
            lines.append("    cues: " + ", ".join(
                f"{c.cue} ({c.family}, {c.kind}" + (f"; {'; '.join(c.modifiers)}" if c.modifiers else "") + ")"
                for c in e.cues))
        for link in e.links:
            sides = f"{link.a or '?'} -> {link.b or '?'}" if link.a or link.b else "no actors"
            lines.append(f"    {link.cue}: {sides} by {link.rule}: {link.outcome}")
        for r in e.relations:
            lines.append(f"    relation: {r.a} {'+' if r.sign > 0 else '-'} {r.b} {r.kind}, "
                         f"intensity {r.intensity:g}, confidence {r.confidence:g}")
        lines.append(f"    => {e.reason}")
    return "\n".join(lines)


def relations_csv(relations: Sequence[Relation]) -> str:
    """The relations as CSV text: a header, then one :func:`~netviz.model.relation_record` per row.

    >>> from datetime import date
    >>> ev = Evidence("Russia backs Syria.", "back", article="a1")
    >>> rel = Relation("RUS", "SYR", 1, "material_cooperation", 7.0, date(2017, 1, 8), "extracted", ev)
    >>> relations_csv([rel]).splitlines()[1][:40]
    'a1,2017-01-08,RUS,SYR,+,material_coopera'
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(_RECORD_FIELDS), lineterminator="\n")
    writer.writeheader()
    for rel in relations:
        writer.writerow(relation_record(rel))
    return out.getvalue()


def find_article(articles: Sequence[Article], key: str) -> Article:
    """The article whose id or file name is ``key``.

    Raises
    ------
    NetvizError
        If none matches; the message lists the article ids there are.

    >>> from datetime import date
    >>> find_article([Article("a1", date(2017, 1, 8), "t", "s", "x")], "a1").id
    'a1'
    """
    for art in articles:
        if key in (art.id, art.path.name if art.path else None):
            return art
    ids = ", ".join(a.id for a in articles) or "none"
    raise NetvizError(f"no article {key!r}; the articles are: {ids}")
