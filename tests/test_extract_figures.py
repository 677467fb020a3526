"""Figure constructions, one or two wire-style sentences each, with the exact figures a careful reader
takes from them: (quantity, low, high, source)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from strikegraph.build import lexicon
from strikegraph.corpus import Article
from strikegraph.extract import extract


def figures(text: str) -> set[tuple[str, int, int | None, str | None]]:
    article = Article(path=Path("t.txt"), text=text, published=datetime.date(2024, 1, 1))
    ext = extract(article, lexicon())
    return {(f.quantity, f.low, f.high, None if f.source is None else f.source.rsplit("/", 1)[1]) for f in ext.figures}


CASES = {
    # the object of an active verb, and a second verb with no number
    "killed-and-wounded-several": (
        "A rocket attack on a market in the town killed at least 10 people and wounded several others on Sunday.",
        {("killed", 10, None, None)},
    ),
    "killing-and-wounding": (
        "A drone strike hit a car near the border, killing a local commander and wounding 11 others, the Syrian "
        "Observatory for Human Rights said.",
        {("killed", 1, 1, "sohr"), ("wounded", 11, 11, "sohr")},
    ),
    # a count in the subject of a passive verb, with a parenthesis and a relative clause
    "passive-including": (
        "Nine people, including four children and three women, were killed in an air strike on the village, the "
        "Syrian Observatory for Human Rights said.",
        {("killed", 9, 9, "sohr")},
    ),
    "passive-relative": (
        "An air strike hit a house in the city. Two guards who were at the gate were wounded, the Syrian "
        "Observatory for Human Rights said.",
        {("wounded", 2, 2, "sohr")},
    ),
    # numbers as words, partitives, collectives
    "of-his-guards": (
        "A drone strike on the governor's residence slightly wounded seven of his guards.",
        {("wounded", 7, 7, None)},
    ),
    "family-of-nine": (
        "A family of nine, including six children, was killed by a drone strike on the house.",
        {("killed", 9, 9, None)},
    ),
    # coordinated counts add up
    "sum-of-counts": (
        "Two Americans and a British serviceman were killed in the rocket attack on the base.",
        {("killed", 3, 3, None)},
    ),
    # upper figures, ranges, "more than", "-plus"
    "as-many-as": (
        "As many as 68 people were killed and 47 others injured in an air strike on the prison, the Syrian "
        "Observatory for Human Rights said.",
        {("killed", 68, 68, "sohr"), ("wounded", 47, 47, "sohr")},
    ),
    "range-or": (
        "Witnesses said 5 or 6 people were killed in the drone strike.",
        {("killed", 5, 6, "witnesses")},
    ),
    "between": (
        "Between 30 and 57 people were killed in the air strikes on the depots.",
        {("killed", 30, 57, None)},
    ),
    "more-than": (
        "The Houthis said at least 91 people were killed and more than 200 others wounded in the air raid.",
        {("killed", 91, None, "houthis"), ("wounded", 201, None, "houthis")},
    ),
    # tolls
    "put-the-death-toll": (
        "A missile strike destroyed the barracks. The Syrian Observatory for Human Rights put the death toll at 53.",
        {("killed", 53, 53, "sohr")},
    ),
    "a-toll-of": (
        "The air strike on the market brought the day's toll to 14, the Syrian Observatory for Human Rights said.",
        {("killed", 14, 14, "sohr")},
    ),
    "number-of-injured": (
        "The rocket attack on the airport wounded civilians, and officials said the number of injured was as high as 13.",
        {("wounded", 13, 13, "officials")},
    ),
    "the-dead-included": (
        "An air strike hit the convoy on Monday. The dead included four militia commanders.",
        {("killed", 4, None, None)},
    ),
    # nobody hurt
    "no-casualties": (
        "Three rockets hit near the base on Tuesday. There were no reports of casualties.",
        {("projectiles", 3, 3, None), ("killed", 0, 0, None), ("wounded", 0, 0, None)},
    ),
    "no-one-hurt": (
        "A drone attack targeted the airport overnight, and no one was hurt, the Syrian Observatory for Human Rights said.",
        {("wounded", 0, 0, "sohr")},
    ),
    "not-yet": (
        "A drone attack hit a factory in the city, with no casualties reported yet.",
        set(),
    ),
    # no number
    "dozens": (
        "An air strike on the market killed dozens of people, the Syrian Observatory for Human Rights said.",
        set(),
    ),
    "a-handful": (
        "An air strike destroyed the building, killing a senior adviser and roughly a handful of other people.",
        set(),
    ),
    # projectiles and strikes
    "projectiles": (
        "Four Katyusha rockets hit near the base on Sunday, and the militia was attacked by three drones on Monday.",
        {("projectiles", 4, 4, None), ("projectiles", 3, 3, None)},
    ),
    "one-projectile": (
        "A rocket attack hit the town. The Israeli military said one projectile was identified crossing from Lebanon.",
        {("projectiles", 1, 1, "idf")},
    ),
    "plus-rocket-attack": (
        "The strikes came after a 30-plus rocket attack on a base near Kirkuk.",
        {("projectiles", 31, None, None)},
    ),
    "strikes": (
        "The Houthis said U.S. and British forces launched 73 strikes on Yemen, killing five of its fighters.",
        {("strikes", 73, 73, "houthis"), ("killed", 5, 5, "houthis")},
    ),
    # the source: a closing clause after a figure in another clause; a denial is no source of the figure
    "according-to-after": (
        "The coalition said it was not behind Friday's air strike on the prison, in which at least 70 people were "
        "killed, according to the Syrian Observatory for Human Rights.",
        {("killed", 70, None, "sohr")},
    ),
    "denied-report": (
        "Russia's defence ministry is denying reports that Russian warplanes carried out air strikes that hit a market "
        "in the town, killing at least 23 civilians.",
        {("killed", 23, None, None)},
    ),
    # a date, not a count
    "date-not-count": (
        "The man confessed to the February 15 rocket attack on the airport.",
        set(),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_figures(name: str) -> None:
    text, expected = CASES[name]
    assert figures(text) == expected
