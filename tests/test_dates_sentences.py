"""Relative dates resolve against the publication date, with a precision; unresolvable ones stay text."""

from __future__ import annotations

import datetime as dt

import pytest

from strikegraph.dates import find_dates
from strikegraph.sentences import split

MON = dt.date(2023, 1, 30)


@pytest.mark.parametrize(
    ("text", "published", "iso", "precision"),
    [
        ("on Sunday", MON, "2023-01-29", "day"),
        ("Sunday night", MON, "2023-01-29", "day"),
        ("in November", MON, "2022-11", "month"),
        ("last month", MON, "2022-12", "month"),
        ("October 26", dt.date(2023, 11, 20), "2023-10-26", "day"),
        ("on 26 October 2019", None, "2019-10-26", "day"),
        ("November 2022", None, "2022-11", "month"),
        ("yesterday", MON, "2023-01-29", "day"),
        ("last year", MON, "2022", "year"),
        ("in late August", dt.date(2019, 9, 10), "2019-08", "month"),
        ("three days ago", MON, "2023-01-27", "day"),
    ],
)
def test_resolution(text: str, published: dt.date | None, iso: str, precision: str) -> None:
    (d,) = find_dates(text, published=published)
    assert d.iso() == iso
    assert d.precision == precision
    assert d.earliest is not None and d.latest is not None and d.earliest <= d.latest


@pytest.mark.parametrize("text", ["on Sunday", "in November", "last month", "yesterday"])
def test_no_publication_date_means_no_guess(text: str) -> None:
    (d,) = find_dates(text, published=None)
    assert d.earliest is None and d.latest is None and d.precision is None
    assert d.text.lower() in text.lower()


def test_day_without_year_keeps_month_and_day() -> None:
    (d,) = find_dates("on October 26", published=None)
    assert d.iso() == "--10-26"


def test_compatibility_of_partial_dates() -> None:
    sunday = find_dates("on Sunday")[0]
    resolved = find_dates("Sunday", published=MON)[0]
    november = find_dates("in November")[0]
    assert sunday.compatible(resolved)
    assert not november.compatible(resolved)


def test_sentences_keep_offsets_and_abbreviations() -> None:
    text = "The U.S. military said it struck. Gen. Smith confirmed it.\nHeadline without stop\nA third one."
    spans = split(text)
    sentences = [text[s:e] for s, e in spans]
    assert sentences == ["The U.S. military said it struck.", "Gen. Smith confirmed it.", "Headline without stop",
                         "A third one."]


@pytest.mark.parametrize("text", ["a 2022 coalition attack on the prison", "the 2019 strike on the camp"])
def test_a_year_qualifying_a_noun_dates_it_to_the_year(text: str) -> None:
    (d,) = find_dates(text, published=MON)
    assert (d.iso(), d.precision) == (text.split()[1], "year")
