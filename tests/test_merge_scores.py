"""How strongly two reports look like one strike: the place must agree and the rest must add up."""

from __future__ import annotations

import datetime as dt

from strikegraph.build import lexicon
from strikegraph.dates import find_dates
from strikegraph.merge import MIN_SCORE, _score
from strikegraph.records import EventRecord

PLACE = "https://w3id.org/strikegraph/id/place/al-hasakah"


def event(date_text: str, means: str = "StrikeMeansUnknown", targets: tuple[str, ...] = ()) -> EventRecord:
    (date,) = find_dates(date_text, published=dt.date(2024, 1, 1))
    return EventRecord("e1", means, list(targets), PLACE, "Hasakah", date, [(0, 1)])


def test_two_days_fixed_in_time_in_one_place_are_one_strike() -> None:
    assert _score(lexicon(), event("on 21 January 2022"), event("on 21 January 2022")) >= MIN_SCORE


def test_a_year_agreeing_with_a_day_is_weak_evidence() -> None:
    # "a 2022 attack" agrees with every strike of 2022 in the town.
    lex = lexicon()
    assert _score(lex, event("a 2022 attack"), event("on 21 January 2022")) < MIN_SCORE
    assert _score(lex, event("a 2022 attack", "Airstrike", ("building",)),
                  event("on 21 January 2022", "Airstrike", ("building",))) >= MIN_SCORE


def test_an_airport_and_the_base_at_it_are_one_target() -> None:
    lex = lexicon()
    airport = event("on 21 January 2022", "RocketAttack", ("airport",))
    assert _score(lex, airport, event("on 21 January 2022", "RocketAttack", ("base",))) == \
        _score(lex, airport, event("on 21 January 2022", "RocketAttack", ("airport",)))
    assert _score(lex, airport, event("on 21 January 2022", "RocketAttack", ("convoy",))) == 0
