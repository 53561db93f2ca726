"""A seeded synthetic news corpus for benchmarks.

Articles of realistic length (18-45 sentences in paragraphs, with titles,
datelines and quotations), dated over many years, naming hundreds of actors
from the bundled codebook, with cue sentences of every event family of the
bundled lexicon in the forms English news uses: active and passive voice,
lists, "X-backed Y", "between X and Y", negations, hedges, past dates, plus
filler sentences naming one actor or none. The same seed gives the same
corpus, byte for byte.

    python bench/generate_corpus.py OUT_DIR [--articles 1000] [--seed 7]

From Python: ``generate_articles(n, seed)`` returns ``Article`` values and
``write_corpus(folder, articles)`` writes them as ``.md`` files with front
matter, readable by ``netviz.ingest.corpus.load_articles``.
"""

from __future__ import annotations

import argparse
import random
import re
from datetime import date, timedelta
from pathlib import Path

from netviz.extract import Cue, Cues, load_cues, noun_forms, verb_forms
from netviz.ingest.actors import Codebook, load_codebook
from netviz.io import atomic_write_text
from netviz.model import Article

OUTLETS = ("wire service", "regional daily", "think-tank analysis", "business weekly", "public broadcaster",
           "opinion column", "evening paper", "news agency")
CITIES = ("GENEVA", "VIENNA", "BRUSSELS", "NEW YORK", "ISTANBUL", "NAIROBI", "DOHA", "SINGAPORE", "BUENOS AIRES")
WHEN = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "this month",
        "overnight", "earlier this year", "in recent days")
SOURCES = ("officials said", "state media reported", "a spokesman said", "diplomats said", "according to a statement",
           "analysts said", "the foreign ministry said")
FILLER = (
    "Prices of bread and fuel rose sharply in the capital over the winter.",
    "The talks lasted several hours and ended without a joint statement.",
    "Heavy rain delayed the delivery of supplies to the border region.",
    "The parliament is expected to vote on the budget before the summer recess.",
    "Markets were calm, and the currency held steady against the dollar.",
    "Hundreds of families have left the area since the start of the year.",
    "The spokesman declined to give further details.",
    "It was not immediately clear how many people had been injured.",
    "The report runs to more than 200 pages and includes satellite images.",
    "Elections are due next spring, although no date has been set.",
)
ONE_ACTOR = (
    "{A} held a cabinet meeting {when} to discuss the economy.",
    "Officials in {A} said the situation was under control.",
    "{A} announced new spending on roads and hospitals {when}.",
    "Protests over living costs spread across {A} {when}.",
)


def _surfaces(codebook: Codebook) -> list[tuple[str, str]]:
    """(actor id, a surface form that names it) for every actor: its name or a capitalised alias."""
    out = []
    for actor in codebook.actors.values():
        forms = [f for f in (actor.name, *actor.aliases)
                 if f[:1].isupper() and "(" not in f and "/" not in f and len(f) > 2]
        # the name most often, as news does; aliases (capitals, demonyms) now and then
        out += [(actor.id, f) for f in [*forms[:1] * 3, *forms[1:4]]]
    return out


def _words(cue: Cue, rng: random.Random) -> list[str]:
    """A cue's phrase with alternatives chosen and the slot left as "*"."""
    return [rng.choice(w[1:-1].split("|")) if w.startswith("{") else w for w in cue.phrase.split()]


def _verb_sentence(cue: Cue, a: str, b: str, rng: random.Random, form: str) -> str:
    words = _words(cue, rng)
    forms = verb_forms(words[0])
    pick = {f: [w for w, tags in forms.items() if f in tags] for f in ("base", "past", "pp")}
    head = rng.choice(pick[form] or pick["base"])
    rest = " ".join(words[1:])
    prep = " ".join(rng.choice(cue.preps)) if cue.preps and (cue.prep_required or rng.random() < 0.3) else ""
    obj = f"{prep} {b}".strip()
    if "*" in rest:
        rest = rest.replace("*", "the" if prep else b, 1)
        obj = obj if prep else ""
    if form == "pp":
        return f"{b} was {head} {rest} by {a}".replace("  ", " ") if not prep else f"{a} has {head} {rest} {obj}"
    if form == "base":
        return f"{a} {rng.choice(('did not', 'could', 'may', 'would not', 'is expected to'))} {head} {rest} {obj}"
    return f"{a} {head} {rest} {obj}"


def _noun_sentence(cue: Cue, a: str, b: str, rng: random.Random) -> str:
    words = _words(cue, rng)
    noun = " ".join(w for w in words if w != "*")
    last = noun.split()[-1]
    noun = noun[: -len(last)] + rng.choice(noun_forms(last))
    prep = " ".join(rng.choice(cue.preps)) if cue.preps else ""
    if prep == "between":
        return f"The {noun} between {a} and {b} {rng.choice(('continued', 'intensified', 'drew attention'))}"
    patterns = (
        f"{a}'s {noun} {prep} {b} {rng.choice(('continued', 'drew criticism', 'was widely reported'))}",
        f"{a} announced {noun} {prep} {b}",
        f"The {noun} by {a} {prep} {b} surprised observers",
    )
    return rng.choice(patterns) if prep else f"{a} and {b} discussed the {noun}"


def _sentence(cues: list[Cue], actors: list[tuple[str, str]], rng: random.Random, year: int) -> str:
    cue = rng.choice(cues)
    (ida, a), (idb, b) = rng.sample(actors, 2)
    while ida == idb:
        idb, b = rng.choice(actors)
    style = rng.random()
    if cue.pos == "verb":
        form = "past" if style < 0.6 else "pp" if style < 0.8 else "base"
        core = _verb_sentence(cue, a, b, rng, form)
    elif cue.pos == "noun":
        core = _noun_sentence(cue, a, b, rng)
    elif cue.pos == "role":
        core = f"{b}, a long-standing {cue.phrase} of {a}, {rng.choice(('stayed silent', 'sent a delegation'))}"
    else:
        prep = " ".join(rng.choice(cue.preps)) if cue.preps else ""
        core = f"{a} is {cue.phrase} {prep} {b}" if prep else f"A {cue.phrase} force of {a} and {b} was formed"
    core = re.sub(r"\s+", " ", core).strip()
    variant = rng.random()
    if variant < 0.12:
        (_, c), = rng.sample(actors, 1)
        core = core.replace(a, f"{a}, {c} and {rng.choice(actors)[1]}", 1)
    elif variant < 0.2:
        core = f"In {year - rng.randint(2, 15)}, {core[0].lower() + core[1:] if core.startswith('The ') else core}"
    elif variant < 0.28:
        core = f"{rng.choice(actors)[1]}-backed forces said {core}"
    elif variant < 0.36:
        return f"\u201c{core},\u201d {rng.choice(SOURCES)}."
    return f"{core} {rng.choice(WHEN)}, {rng.choice(SOURCES)}."


def generate_articles(n: int, seed: int = 7, codebook: Codebook | None = None, cues: Cues | None = None,
                      first: date = date(2010, 1, 1), last: date = date(2024, 12, 31)) -> list[Article]:
    """``n`` synthetic articles, the same for the same ``seed``, dated between ``first`` and ``last``.

    >>> arts = generate_articles(2, seed=1)
    >>> len(arts), arts[0].id, arts == generate_articles(2, seed=1)
    (2, 'synthetic_00000', True)
    """
    rng = random.Random(seed)
    codebook = codebook or load_codebook()
    cues = cues or load_cues()
    actors = _surfaces(codebook)
    by_family: dict[str, list[Cue]] = {}
    for cue in cues.entries:
        if cue.pos != "neutral":
            by_family.setdefault(cue.family, []).append(cue)
    families = sorted(by_family)
    span = (last - first).days
    articles = []
    for i in range(n):
        when = first + timedelta(days=rng.randrange(span + 1))
        cast = rng.sample(actors, min(len(actors), rng.randint(4, 9)))
        paragraphs, sentences = [], rng.randint(18, 45)
        while sentences > 0:
            size = min(sentences, rng.randint(2, 4))
            para = []
            for _ in range(size):
                roll = rng.random()
                if roll < 0.55:
                    family = by_family[rng.choice(families)]
                    para.append(_sentence(family, cast, rng, when.year))
                elif roll < 0.75:
                    para.append(rng.choice(ONE_ACTOR).format(A=rng.choice(cast)[1], when=rng.choice(WHEN)))
                else:
                    para.append(rng.choice(FILLER))
            paragraphs.append(" ".join(para))
            sentences -= size
        paragraphs[0] = f"{rng.choice(CITIES)} \u2014 {paragraphs[0]}"
        title = f"{cast[0][1]} and {cast[1][1]}: {rng.choice(('talks', 'tensions', 'a new phase', 'the week ahead'))}"
        articles.append(Article(f"synthetic_{i:05d}", when, title, rng.choice(OUTLETS), "\n\n".join(paragraphs)))
    return articles


def write_corpus(folder: Path, articles: list[Article]) -> list[Path]:
    """Write articles as ``<id>.md`` files with YAML front matter; returns the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for art in articles:
        title = art.title.replace('"', "'")
        front = f'---\ntitle: "{title}"\ndate: {art.date.isoformat()}\nsource: {art.source}\n---\n'
        paths.append(atomic_write_text(folder / f"{art.id}.md", front + art.text + "\n"))
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the articles to")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = write_corpus(args.out, generate_articles(args.articles, args.seed))
    print(f"wrote {len(paths)} articles to {args.out}")


if __name__ == "__main__":
    main()
