from datetime import date
from pathlib import Path

import pytest

from netviz.errors import NetvizError
from netviz.ingest.corpus import load_articles

SEEDS = Path(__file__).parent.parent / "data" / "articles"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_seed_articles_carry_the_dates_and_titles_of_the_seed_index(shared):
    import yaml

    seeds = shared / "seeds"
    index = yaml.safe_load((seeds / "articles.yaml").read_text(encoding="utf-8"))
    articles = {a.id + ".txt": a for a in load_articles(SEEDS)}
    assert set(articles) == set(index)
    for name, meta in index.items():
        assert articles[name].date == meta["date"]
        assert articles[name].title == meta["title"]
        assert articles[name].source == meta["source"]
        # the text is the seed text, untouched
        assert articles[name].text == (seeds / name).read_text(encoding="utf-8")


def test_articles_are_sorted_by_date_and_front_matter_is_optional_but_date(tmp_path):
    write(tmp_path, "late.md", "---\ndate: 2019-01-02\ntitle: Late\nurl: https://example.org/x\n---\nText.")
    write(tmp_path, "early.txt", "---\ndate: '2018-05-06'\n---\nFirst line as title\nMore text.")
    sub = tmp_path / "sub"
    sub.mkdir()
    write(sub, "mid.md", "---\ndate: 2018-07-01\nsource: wire\n---\nMid.")
    write(tmp_path, "notes.json", "{}")  # other files are ignored
    arts = load_articles(tmp_path)
    assert [a.id for a in arts] == ["early", "mid", "late"]
    assert arts[0].title == "First line as title"
    assert arts[0].source == "unknown"
    assert arts[2].url == "https://example.org/x"
    assert arts[1].date == date(2018, 7, 1)


@pytest.mark.parametrize(
    "content, expected",
    [
        ("No front matter at all.", "no date; add front matter with 'date: YYYY-MM-DD'"),
        ("---\ntitle: x\n---\nText.", "no date"),
        ("---\ndate: 2017-13-45\n---\nText.", "is not a date; write it as YYYY-MM-DD"),
        ("---\ndate: yesterday\n---\nText.", "is not a date"),
        ("---\ndate: 2017-01-08\ntitle: [unclosed\n---\nText.", "malformed YAML"),
        ("---\ndate: 2017-01-08\nText without a closing line.", "never closed"),
        ("---\n- a\n- b\n---\nText.", "front matter must be 'key: value' lines"),
        ("---\ndate: 2017-01-08\n---\n   \n", "has no text"),
        (b"---\ndate: 2017-01-08\n---\nCaf\xe9 au lait", "line 4 is not UTF-8"),
    ],
)
def test_bad_articles_name_the_file_and_the_fix(tmp_path, content, expected):
    path = write(tmp_path, "bad.md", content)
    with pytest.raises(NetvizError) as err:
        load_articles(tmp_path)
    message = str(err.value)
    assert str(path) in message
    assert expected in message
    assert "\n" not in message


def test_missing_paths_and_empty_folders_are_errors(tmp_path):
    with pytest.raises(NetvizError, match="no such file or folder"):
        load_articles(tmp_path / "nope")
    with pytest.raises(NetvizError, match="no .txt or .md articles found"):
        load_articles(tmp_path)
    write(tmp_path, "a.pdf", "x")
    with pytest.raises(NetvizError, match="not an article file"):
        load_articles([tmp_path / "a.pdf"])


def test_duplicate_ids_across_folders_are_errors(tmp_path):
    (tmp_path / "x").mkdir()
    write(tmp_path, "same.md", "---\ndate: 2017-01-08\n---\nA.")
    write(tmp_path / "x", "same.txt", "---\ndate: 2017-01-09\n---\nB.")
    with pytest.raises(NetvizError, match="article id 'same' is also used"):
        load_articles(tmp_path)
