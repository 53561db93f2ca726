"""Extraction at scale: parallel runs equal the serial one, the cache re-extracts only what changed, Dask."""

from __future__ import annotations

import json
import os
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netviz import engine, pipeline
from netviz.cli import app
from netviz.engine import ExtractionStats, extract_corpus
from netviz.errors import NetvizError
from netviz.extract import extract_relations, load_cues, split_sentences
from netviz.ingest.actors import load_codebook
from netviz.ingest.corpus import load_articles
from netviz.model import Article, relation_record

# Each sentence states one relation (checked in test_the_corpus_has_relations_in_every_article).
STATEMENTS = [
    "Russia has backed the Syrian regime.",
    "Turkey shot down a Russian jet near the border.",
    "Iran and Iraq signed a security agreement.",
    "The United States imposed sanctions on Venezuela.",
    "Saudi Arabia condemned the Iranian missile test.",
    "France and Germany held talks in Berlin.",
    "China pledged aid to Pakistan.",
    "Israeli aircraft struck Hezbollah positions in Lebanon.",
    "India accused Pakistan of shelling villages.",
]
FILLER = "Rain fell over the capital."


def corpus(n: int = 23) -> list[Article]:
    """n articles over n days, each with a different mix of statements and filler."""
    articles = []
    for i in range(n):
        sentences = [STATEMENTS[(i + k) % len(STATEMENTS)] for k in range(1 + i % 4)]
        sentences.insert(i % 3, FILLER)
        articles.append(Article(f"art{i:03d}", date(2017, 1, 1) + timedelta(days=i), f"Title {i}", "wire",
                                " ".join(sentences)))
    return articles


def write(folder: Path, art: Article) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{art.id}.md"
    path.write_text(f"---\ntitle: {art.title}\ndate: {art.date}\nsource: {art.source}\n---\n{art.text}\n",
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def dictionaries():
    return load_codebook(), load_cues()


@pytest.fixture(scope="module")
def serial(dictionaries):
    return tuple(extract_relations(corpus(), *dictionaries))


def records(relations) -> list[dict]:
    return [relation_record(r) for r in relations]


def test_the_corpus_has_relations_in_every_article(serial):
    assert {r.evidence.article for r in serial} == {a.id for a in corpus()}
    assert len(serial) > len(corpus())


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_parallel_runs_give_the_serial_relations_in_the_serial_order(dictionaries, serial, jobs):
    run = extract_corpus(corpus(), *dictionaries, jobs=jobs)
    assert run.relations == serial
    assert records(run.relations) == records(serial)


def test_spawned_workers_give_the_same_relations_and_write_the_cache(dictionaries, serial, monkeypatch, tmp_path):
    # macOS and Windows start workers with spawn: dictionaries and cache are pickled to each
    monkeypatch.setattr(engine, "_START_METHOD", "spawn")
    run = extract_corpus(corpus(), *dictionaries, jobs=2, cache_dir=tmp_path)
    assert run.relations == serial
    assert extract_corpus(corpus(), *dictionaries, jobs=1, cache_dir=tmp_path).stats.cached == len(corpus())


def test_a_streamed_corpus_gives_the_same_relations(dictionaries, serial):
    # a generator: read once, lazily, in chunks of the default size
    run = extract_corpus((a for a in corpus()), *dictionaries, jobs=2)
    assert run.relations == serial


def test_stats_count_articles_and_sentences(dictionaries):
    arts = corpus()
    run = extract_corpus(arts, *dictionaries, jobs=2)
    sentences = sum(len(split_sentences(a.text)) for a in arts)
    assert run.stats == ExtractionStats(len(arts), len(arts), 0, sentences, run.stats.seconds)
    assert run.stats.seconds > 0 and run.stats.articles_per_second > 0


def test_jobs_1_runs_in_this_process(dictionaries, serial, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("jobs=1 started worker processes")

    monkeypatch.setattr(engine, "_Pool", no_pool)
    assert extract_corpus(corpus(), *dictionaries, jobs=1).relations == serial


def test_an_empty_corpus_gives_nothing(dictionaries, tmp_path):
    run = extract_corpus([], *dictionaries, jobs=2, cache_dir=tmp_path / "cache")
    assert run.relations == () and run.stats.articles == 0


# --- the cache ----------------------------------------------------------------


def test_rebuilding_after_adding_one_article_extracts_only_that_article(dictionaries, tmp_path):
    arts = corpus()
    for art in arts[:-1]:
        write(tmp_path / "articles", art)
    cache = tmp_path / "out" / ".cache"
    first = extract_corpus(load_articles(tmp_path / "articles"), *dictionaries, jobs=2, cache_dir=cache)
    assert (first.stats.extracted, first.stats.cached) == (len(arts) - 1, 0)

    write(tmp_path / "articles", arts[-1])
    articles = load_articles(tmp_path / "articles")
    second = extract_corpus(articles, *dictionaries, jobs=2, cache_dir=cache)
    assert (second.stats.articles, second.stats.extracted, second.stats.cached) == (len(arts), 1, len(arts) - 1)
    assert second.stats.sentences == len(split_sentences(arts[-1].text))
    assert second.relations == extract_corpus(articles, *dictionaries, jobs=1).relations


def test_build_reuses_the_cache_and_gives_the_uncached_result(tmp_path):
    arts = corpus(8)
    for art in arts[:-1]:
        write(tmp_path / "data", art)
    pipeline.build(tmp_path / "data", cache_dir=tmp_path / "cache", jobs=2)
    write(tmp_path / "data", arts[-1])
    said: list = []
    cached = pipeline.build(tmp_path / "data", cache_dir=tmp_path / "cache", jobs=2, progress=said.append)
    notes = " ".join(map(str, said))
    assert "extracted 1 article in" in notes and f"{len(arts) - 1} from the cache" in notes
    uncached = pipeline.build(tmp_path / "data", jobs=1)
    assert cached.relations == uncached.relations
    assert list(cached.snapshots) == list(uncached.snapshots)


def test_an_edited_article_is_extracted_again_and_replaces_its_entry(dictionaries, tmp_path):
    arts = corpus(6)
    extract_corpus(arts, *dictionaries, jobs=1, cache_dir=tmp_path)
    entries = sorted(tmp_path.rglob("*.json"))
    edited = [*arts[:2], Article(arts[2].id, arts[2].date, arts[2].title, "wire", STATEMENTS[0]), *arts[3:]]
    run = extract_corpus(edited, *dictionaries, jobs=1, cache_dir=tmp_path)
    assert (run.stats.extracted, run.stats.cached) == (1, 5)
    assert [(r.a, r.b) for r in run.relations if r.evidence.article == arts[2].id] == [("RUS", "SYR")]
    assert sorted(tmp_path.rglob("*.json")) == entries  # one entry per article, never a second one


@pytest.mark.parametrize("change", ["cues", "actors"])
def test_changing_the_dictionaries_extracts_everything_again(tmp_path, change):
    arts = corpus(5)
    extra = tmp_path / f"{change}.yaml"
    if change == "cues":
        extra.write_text("families:\n  make_statement:\n    verbs: [salute]\n", encoding="utf-8")
        dictionaries = (load_codebook(), load_cues(extra))
    else:
        extra.write_text("actors:\n  - id: RUS\n    aliases: [Moscow, Kremlin, Russians]\n", encoding="utf-8")
        dictionaries = (load_codebook(extra), load_cues())
    extract_corpus(arts, load_codebook(), load_cues(), jobs=1, cache_dir=tmp_path / "cache")
    run = extract_corpus(arts, *dictionaries, jobs=1, cache_dir=tmp_path / "cache")
    assert (run.stats.extracted, run.stats.cached) == (5, 0)
    again = extract_corpus(arts, *dictionaries, jobs=1, cache_dir=tmp_path / "cache")
    assert (again.stats.extracted, again.stats.cached) == (0, 5)


@pytest.mark.parametrize("damage", [
    b"",                                     # truncated to nothing
    b'{"key": "',                            # cut mid-write
    b"\xff\xfe not json",                    # not UTF-8
    b"[1, 2, 3]",                            # JSON, not an entry
    b'{"key": "KEY", "relations": [{"source": "RUS"}]}',  # a record without its fields
    b'{"key": "KEY", "relations": [{"source": "RUS", "target": "RUS", "sign": "+", "kind": "x"}]}',
])
def test_a_damaged_entry_is_ignored_and_rewritten(dictionaries, serial, tmp_path, damage):
    arts = corpus()
    extract_corpus(arts, *dictionaries, jobs=1, cache_dir=tmp_path)
    victim = next(p for p in sorted(tmp_path.rglob("*.json")) if json.loads(p.read_bytes())["relations"])
    key = json.loads(victim.read_bytes())["key"]
    victim.write_bytes(damage.replace(b"KEY", key.encode()))

    run = extract_corpus(arts, *dictionaries, jobs=2, cache_dir=tmp_path)
    assert (run.stats.extracted, run.stats.cached) == (1, len(arts) - 1)
    assert run.relations == serial
    assert json.loads(victim.read_bytes())["key"] == key  # rewritten whole
    assert extract_corpus(arts, *dictionaries, jobs=1, cache_dir=tmp_path).stats.cached == len(arts)


def test_the_cache_folder_is_tagged_for_backup_tools_and_holds_no_temporary_files(dictionaries, tmp_path):
    extract_corpus(corpus(5), *dictionaries, jobs=2, cache_dir=tmp_path / "c")
    assert (tmp_path / "c" / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert not list((tmp_path / "c").rglob("*.tmp"))


def test_a_cache_folder_that_is_a_file_is_a_one_line_error(dictionaries, tmp_path):
    (tmp_path / "c").write_text("not a folder")
    with pytest.raises(NetvizError, match="cannot write the extraction cache.*--no-cache") as err:
        extract_corpus(corpus(2), *dictionaries, cache_dir=tmp_path / "c")
    assert "\n" not in str(err.value)


# --- errors --------------------------------------------------------------------


@pytest.mark.parametrize("kwargs, message", [
    ({"jobs": 0}, "jobs must be a whole number of at least 1"),
    ({"engine": "spark"}, "engine 'spark' is unknown; choose local or dask"),
    ({"scheduler": "tcp://localhost:8786"}, "needs the Dask engine; add --engine dask"),
])
def test_bad_options_are_one_line_errors(dictionaries, kwargs, message):
    with pytest.raises(NetvizError, match=message):
        extract_corpus(corpus(2), *dictionaries, **kwargs)


def test_without_dask_the_dask_engine_says_how_to_install_it(dictionaries, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as if not installed
    with pytest.raises(NetvizError, match=r"pip install 'netviz\[dask\]'"):
        extract_corpus(corpus(2), *dictionaries, engine="dask")


# --- Dask ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dask_cluster():
    try:
        from dask.distributed import LocalCluster
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("the Dask test must run in CI: pip install 'netviz[dask]'", pytrace=False)
        pytest.skip("dask is not installed (pip install 'netviz[dask]')")
    # workers as threads of this process: quick to start, same code path for tasks
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        yield cluster


def test_dask_gives_the_records_of_the_local_run(dictionaries, serial, dask_cluster, tmp_path):
    run = extract_corpus(corpus(), *dictionaries, engine="dask", scheduler=dask_cluster.scheduler_address)
    assert records(run.relations) == records(serial)
    assert run.stats.extracted == len(corpus())
    # with the cache, the Dask run's entries serve a later local run
    extract_corpus(corpus(), *dictionaries, engine="dask", scheduler=dask_cluster.scheduler_address,
                   cache_dir=tmp_path)
    assert extract_corpus(corpus(), *dictionaries, jobs=1, cache_dir=tmp_path).stats.cached == len(corpus())


# --- the command line ----------------------------------------------------------------


def test_cli_build_keeps_the_cache_in_the_output_folder_unless_told_not_to(tmp_path):
    for art in corpus(4):
        write(tmp_path / "data", art)
    runner = CliRunner()
    result = runner.invoke(app, ["build", "--data", str(tmp_path / "data"), "--out", str(tmp_path / "out"),
                                 "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out" / ".cache").rglob("*.json"))) == 4
    result = runner.invoke(app, ["build", "--data", str(tmp_path / "data"), "--out", str(tmp_path / "plain"),
                                 "--no-cache", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "plain" / ".cache").exists()


def test_cli_extract_jsonl_is_the_same_with_any_jobs(tmp_path, monkeypatch):
    for art in corpus(6):
        write(tmp_path / "articles", art)
    monkeypatch.chdir(tmp_path)  # extract keeps its cache in ./output/.cache
    runner = CliRunner()
    outputs = [runner.invoke(app, ["extract", "articles", "--format", "jsonl", *args])
               for args in (["--jobs", "1", "--no-cache"], ["--jobs", "2"], ["--jobs", "2"])]
    assert [r.exit_code for r in outputs] == [0, 0, 0]
    assert outputs[0].stdout == outputs[1].stdout == outputs[2].stdout
    assert len(list((tmp_path / "output" / ".cache").rglob("*.json"))) == 6


def test_cli_dask_engine_without_dask_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    result = CliRunner().invoke(app, ["extract", "--engine", "dask", "--no-cache"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: the Dask engine needs Dask, which is not installed: pip install 'netviz[dask]'"
    ]
