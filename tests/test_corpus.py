"""Bad input gets a clear error naming the file (and line), and the rest of the corpus is still read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from strikegraph.corpus import MAX_BYTES, Article, ArticleError, read_article, read_corpus

GOOD = "Drones struck a convoy near Abu Kamal on Sunday, a war monitor said.\n"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def error_for(path: Path) -> ArticleError:
    with pytest.raises(ArticleError) as exc:
        read_article(path)
    return exc.value


def test_front_matter_and_metadata(tmp_path: Path) -> None:
    p = write(tmp_path, "a.txt", "---\ntitle: Convoy hit\nurl: https://example.org/a\npublished: 2023-01-30\n"
              "outlet: Example News\nlanguage: en\n---\n" + GOOD)
    a = read_article(p)
    assert a.title == "Convoy hit" and a.url == "https://example.org/a" and a.outlet == "Example News"
    assert a.published == dt.date(2023, 1, 30)
    assert a.text == GOOD  # offsets count from the first character after the front matter


def test_leading_date_line_gives_publication_date(tmp_path: Path) -> None:
    a = read_article(write(tmp_path, "b.txt", " date 2023-01-30 " + GOOD))
    assert a.published == dt.date(2023, 1, 30)
    assert a.text.startswith(" date 2023-01-30")  # the text itself is kept as received


@pytest.mark.parametrize(
    ("name", "data", "reason", "line"),
    [
        ("empty.txt", b"", "file is empty", None),
        ("blank.txt", b"   \n\n", "file is empty", None),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", None),
        ("latin1.txt", "ok line\nsecond line caf\xe9\n".encode("latin-1"), "not valid UTF-8", 2),
        ("page.txt", "<!DOCTYPE html>\n<html><body>Strike</body></html>", "HTML page", 1),
        ("unclosed.txt", "---\ntitle: x\n" + GOOD, "never closed", 1),
        ("badyaml.txt", "---\ntitle: [unclosed\nurl: x\n---\n" + GOOD, "not valid YAML", 3),
        ("listfm.txt", "---\n- a\n- b\n---\n" + GOOD, "must be a mapping", 2),
        ("baddate.txt", "---\ntitle: x\npublished: last tuesday\n---\n" + GOOD, "'published' is not a date", 3),
        ("baddate2.txt", "---\npublished: 2023-02-30\n---\n" + GOOD, "'published' is not a date", 2),
        ("nobody.txt", "---\ntitle: x\n---\n\n", "no text", 4),
    ],
)
def test_bad_input_names_file_line_and_reason(tmp_path: Path, name: str, data: bytes | str, reason: str,
                                             line: int | None) -> None:
    err = error_for(write(tmp_path, name, data))
    assert err.path.name == name
    assert reason in err.reason
    assert err.line == line
    assert name in str(err) and reason in str(err)


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: the size is what counts
    err = error_for(p)
    assert "MB" in err.reason and "refused" in err.reason


def test_corpus_goes_on_after_bad_files(tmp_path: Path) -> None:
    write(tmp_path, "1.txt", GOOD)
    write(tmp_path, "2.txt", b"")
    write(tmp_path, "3.txt", b"\xff\xfe\x00bad")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "4.txt", GOOD)
    items = list(read_corpus([tmp_path]))
    good = [i for i in items if isinstance(i, Article)]
    bad = [i for i in items if isinstance(i, ArticleError)]
    assert sorted(a.file_name for a in good) == ["1.txt", "4.txt"]
    assert sorted(e.path.name for e in bad) == ["2.txt", "3.txt"]


def test_missing_path_is_an_error_not_a_crash(tmp_path: Path) -> None:
    items = list(read_corpus([tmp_path / "nope"]))
    assert len(items) == 1 and isinstance(items[0], ArticleError)
    assert "no such file" in items[0].reason


def test_content_hash_is_sha256_of_text(tmp_path: Path) -> None:
    import hashlib

    a = read_article(write(tmp_path, "h.txt", GOOD))
    assert a.content_hash == hashlib.sha256(GOOD.encode()).hexdigest()


def test_publication_date_from_the_address_when_the_front_matter_has_none(tmp_path: Path) -> None:
    from strikegraph.corpus import date_in_url

    assert date_in_url("https://news.example.com/2021/11/08/iran-says/") == dt.date(2021, 11, 8)
    assert date_in_url("https://example.com/news/2023/may/4/white-house/?utm=1") == dt.date(2023, 5, 4)
    assert date_in_url("https://example.com/world/chief-killed-20240731-p5jy.html") == dt.date(2024, 7, 31)
    assert date_in_url("https://example.com/english/kurdistan/030320212") is None
    assert date_in_url("https://example.com/a/20241399-b") is None  # no such day
    f = tmp_path / "a.txt"
    f.write_text("---\nurl: https://example.com/2022/1/27/strike\n---\nA drone struck a convoy.\n", encoding="utf-8")
    assert read_article(f).published == dt.date(2022, 1, 27)
    f.write_text("---\nurl: https://example.com/2022/1/27/x\npublished: 2022-01-28\n---\nA drone struck.\n", encoding="utf-8")
    assert read_article(f).published == dt.date(2022, 1, 28)  # the front matter wins
