"""Each extraction layer on its own: text (sentences, quotations, dateline), mentions (gazetteer names,
unnamed sources, anaphora, surnames), speech (who speaks each sentence) and the cue vocabularies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from strikegraph.build import lexicon
from strikegraph.corpus import Article
from strikegraph.extract import cues
from strikegraph.extract.context import _Context
from strikegraph.extract.mentions import _mentions, _template
from strikegraph.extract.speech import _sources
from strikegraph.extract.text import read_text
from strikegraph.lexicon import fold
from strikegraph.records import Extraction


def article(text: str, title: str | None = None) -> Article:
    return Article(path=Path("layer-test.txt"), text=text, title=title, published=dt.date(2024, 1, 1))


def key(iri: str | None) -> str | None:
    return iri.rsplit("/", 1)[1] if iri else None


# -- cues ------------------------------------------------------------------------------------------------


def test_verb_classes_inflect_lemmas_and_keep_irregular_forms() -> None:
    classes = cues.verb_classes()
    assert {"deny", "denies", "denied", "denying"} <= set(classes["deny"])
    assert {"say", "says", "said"} <= set(classes["assert"])
    assert "admitted" in classes["ack"] and "admited" not in classes["ack"]
    assert "blamed" in classes["blame"] and "blamed" not in classes["assert"]


def test_alternation_prefers_the_longer_cue_and_matches_any_space() -> None:
    import re

    pattern = re.compile(rf"\b{cues.alternation(('did not comment', 'did not immediately comment', 'did'))}\b")
    assert pattern.search("Israel did not  immediately comment").group(0) == "did not  immediately comment"
    assert pattern.search("it did so").group(0) == "did"


# -- text ------------------------------------------------------------------------------------------------


def test_text_layer_sentences_quotes_dateline_and_headline() -> None:
    text = ('BEIRUT (AP) — Israeli jets struck a village. “We carried out the strike. It was precise,” the army said.\n'
            'Hezbollah said nothing.')
    layer = read_text(article(text, title="Jets strike village"))
    assert layer.headline == "Jets strike village"
    assert layer.dateline is not None and text[layer.dateline.start:layer.dateline.end] == "BEIRUT (AP) — "
    assert [text[s.start:s.end] for s in layer.sentences] == [
        "BEIRUT (AP) — Israeli jets struck a village.", "“We carried out the strike.", "It was precise,” the army said.",
        "Hezbollah said nothing."]
    assert [text[q.start:q.end] for q in layer.quotes] == ["“We carried out the strike. It was precise,”"]
    assert len(layer.paragraphs) == 2
    # The quotation runs out of the second sentence into the third.
    second = layer.sentences[1]
    assert layer.quote_around(second.start, second.end) is not None
    assert layer.quote_around(layer.sentences[2].start, layer.sentences[2].end) is None


def test_text_layer_skips_a_leading_date_header() -> None:
    text = " date 2023-01-30\nA drone struck a convoy."
    layer = read_text(article(text))
    assert [text[s.start:s.end] for s in layer.sentences] == ["A drone struck a convoy."]


# -- mentions --------------------------------------------------------------------------------------------


def mentions_of(text: str) -> list[tuple[str, str]]:
    a = article(text)
    ext = Extraction(a.file_name)
    found = _mentions(text, fold(text), lexicon(), a, ext)
    return [(m.text, key(str(m.entity.iri))) for m in found]


def test_unnamed_source_takes_in_the_state_before_it_and_leaves_places_alone() -> None:
    got = mentions_of("U.S. officials said a Hamas official in Beirut was killed.")
    assert ("U.S. officials", "u-s-officials") in got
    assert ("Beirut", "beirut") in got


def test_definite_descriptions_resolve_to_the_last_fitting_actor() -> None:
    got = mentions_of("The Saudi-led coalition struck Sanaa. The Houthis fired back. The coalition said the group lied.")
    assert ("The coalition", "arab-coalition") in got
    assert ("the group", "houthis") in got


def test_a_surname_names_the_person_named_in_full_before() -> None:
    got = mentions_of("Lloyd Austin ordered the strikes. Austin said they were precise.")
    assert [k for t, k in got if t == "Austin"] == ["lloyd-austin"]


# -- speech ----------------------------------------------------------------------------------------------


def speakers(text: str) -> list[list[str | None]]:
    """The sources of each sentence, in order, read as the extraction reads them."""
    a = article(text)
    lex = lexicon()
    ext = Extraction(a.file_name)
    ctx = _Context(a, lex, ext)
    layer = read_text(a)
    found = _mentions(text, fold(text), lex, a, ext)
    sents = [_template(i, s.start, s.end, text, [m for m in found if s.start <= m.start and m.end <= s.end])
             for i, s in enumerate(layer.sentences)]
    out = []
    for sent in sents:
        quote = layer.quote_around(sent.start, sent.end)
        closing = layer.sentence_at(quote.end - 1) if quote else None
        if closing is not None and closing > sent.index:
            sent.quote_closes_in = sents[closing]
        srcs = _sources(ctx, sent)
        if srcs:
            ctx.last_source = srcs[-1][1]
        out.append(list(dict.fromkeys(key(s) for _, s in srcs)))
    return out


@pytest.mark.parametrize(("text", "expected"), [
    # A quotation's speaker after it, and a pronoun for the last source.
    ("“Iran had nothing to do with it,” Iranian Gen. Esmail Qaani said.", [["esmail-qaani"]]),
    # A spokesperson's words are the body's.
    ("Hezbollah chief spokesman Mohammed Afif said the group fired.", [["hezbollah"]]),
    # The one quoted is the nearer speaker.
    ("SANA quoted a military source as saying jets struck.", [["sana", "military-source"]]),
    # Two coordinated speakers.
    ("Iran and Hamas blamed Israel.", [["hamas"]]),
    # A passive is no speech; a coordinated verb takes the sentence's subject.
    ("The militias were suspected of the attack.", [[]]),
])
def test_speakers_of_a_sentence(text: str, expected: list[list[str]]) -> None:
    assert speakers(text) == expected


def test_a_quotation_over_two_sentences_is_spoken_by_the_speaker_named_after_it() -> None:
    got = speakers("The Pentagon said on Monday it had hit a depot. "
                   "“We struck the depot. It was used by militias,” the statement said.")
    assert got[1] == ["pentagon"] and got[2] == ["pentagon"]
