"""`strikegraph bench extract-layers` on a tiny annotated set written here: two short articles, their
gold annotations, an entity table, and a gold file whose article is not in the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from strikegraph import bench_layers
from strikegraph.bench_layers import Entities, LayerReport, default_entity_files, measure, quote_spans
from strikegraph.cli import main

CONVOY = """---
title: Strike on a convoy near Abu Kamal
published: 2023-01-30
outlet: Test Wire
---
Unidentified aircraft struck a convoy of trucks near Abu Kamal on Sunday, killing 14 people, \
the Syrian Observatory for Human Rights said.

The Observatory said the strike appeared to have been carried out by Israel.
"""

METULA = """---
title: Rockets on Metula
published: 2024-03-10
outlet: Test Wire
---
Four rockets hit the Israeli town of Metula on Saturday, wounding two people.

Hezbollah denied any role in the attack. The Israeli military said Hamas fired the rockets.

Residents blamed a splinter faction. Hamas is backed by Iran.
"""

# The second quote is spaced unlike the text, as a quote copied from a wrapped page may be.
GOLD_CONVOY = """
article: a_convoy.txt
events:
  - id: E1
    type: strike
    date: 2023-01-29
    place: abu_kamal
    attributions:
      - {actor: null, source: sohr, stance: unknown, quote: "Unidentified aircraft struck a convoy of trucks near Abu Kamal"}
      - {actor: israel, source: sohr, stance: suggested,
         quote: "The Observatory said  the strike appeared to have been carried out by Israel."}
    figures:
      - {source: sohr, quantity: killed, min: 14, max: 14, quote: "killing 14 people"}
"""

# Metula is not in the gazetteer: the strike is found by its date. The residents' accusation is
# beyond the rules: its source is never mentioned, so the speech layer cannot hear it either.
GOLD_METULA = """
article: b_metula.txt
events:
  - id: E1
    type: rocket_attack
    date: 2024-03-09
    place: metula
    attributions:
      - {actor: hezbollah, source: hezbollah, stance: denied, quote: "Hezbollah denied any role in the attack."}
      - {actor: hamas, source: israel, stance: asserted, quote: "The Israeli military said Hamas fired the rockets."}
      - {actor: splinter_faction, source: residents, stance: blamed, quote: "Residents blamed a splinter faction."}
    figures:
      - {source: article, quantity: wounded, min: 2, max: 2, quote: "wounding two people"}
      - {source: article, quantity: projectiles, min: 4, max: 4, quote: "Four rockets"}
relations:
  - {subject: iran, predicate: backs, object: hamas, quote: "Hamas is backed by Iran."}
"""

GOLD_ELSEWHERE = """
article: c_not_in_corpus.txt
events: []
"""

ENTITIES = """
article: {kind: voice, names: [article]}
sohr: {kind: monitor, names: [Syrian Observatory for Human Rights, the Observatory]}
israel: {kind: state, names: [Israel, Israeli military, Israel Defense Forces]}
hezbollah: {kind: armed_group, names: [Hezbollah]}
hamas: {kind: armed_group, names: [Hamas]}
iran: {kind: state, names: [Iran]}
splinter_faction: {kind: armed_group, names: [splinter faction]}
residents: {kind: unnamed, names: [residents]}
abu_kamal: {kind: place, names: [Abu Kamal, Albukamal]}
metula: {kind: place, names: [Metula]}
"""


@pytest.fixture(scope="module")
def annotated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    root = tmp_path_factory.mktemp("annotated")
    corpus, gold = root / "corpus", root / "gold" / "set"
    corpus.mkdir()
    gold.mkdir(parents=True)
    (corpus / "a_convoy.txt").write_text(CONVOY, encoding="utf-8")
    (corpus / "b_metula.txt").write_text(METULA, encoding="utf-8")
    (corpus / "z_unannotated.txt").write_text("Nothing happened here.\n", encoding="utf-8")  # no gold: not measured
    (gold / "a_convoy.yaml").write_text(GOLD_CONVOY, encoding="utf-8")
    (gold / "b_metula.yaml").write_text(GOLD_METULA, encoding="utf-8")
    (gold / "c_not_in_corpus.yaml").write_text(GOLD_ELSEWHERE, encoding="utf-8")
    entities = root / "gold" / "entities.yaml"
    entities.write_text(ENTITIES, encoding="utf-8")
    return gold, corpus, entities


@pytest.fixture(scope="module")
def report(annotated: tuple[Path, Path, Path]) -> LayerReport:
    gold, corpus, entities = annotated
    return measure(gold, corpus, [entities])


def test_articles_measured(report: LayerReport) -> None:
    assert report.articles == 2
    assert report.missing_articles == ["c_not_in_corpus.txt"]


def test_mentions_layer(report: LayerReport) -> None:
    # Convoy: sohr, israel. Metula: hezbollah, hamas, israel (as "Israeli military"), but neither
    # "a splinter faction" nor the bare "Residents" is a mention.
    assert (report.mentions["found"], report.mentions["keys"]) == (5, 7)
    missed = sorted(m for m in report.misses if m.startswith("mentions"))
    assert missed == ["mentions  b_metula.txt: residents (source) not mentioned",
                      "mentions  b_metula.txt: splinter_faction (actor) not mentioned"]


def test_speech_layer(report: LayerReport) -> None:
    # Both SOHR sentences (the second found despite its spacing), Hezbollah's denial and the
    # Israeli military's statement have their source as a speaker; "Residents blamed" has none.
    assert (report.speech["found"], report.speech["quotes"], report.speech["unlocated"]) == (4, 5, 0)


def test_strikes_layer(report: LayerReport) -> None:
    assert (report.strikes["found"], report.strikes["gold"], report.strikes["pred"]) == (2, 2, 2)


def test_claims_as_the_scorer_counts(report: LayerReport) -> None:
    j = report.to_json()
    assert {k: (j["attribution"][k]) for k in ("gold", "extracted", "matched", "precision", "recall", "f1")} == {
        "gold": 5, "extracted": 4, "matched": 4, "precision": 1.0, "recall": 0.8, "f1": 0.889}
    assert (j["figure"]["gold"], j["figure"]["extracted"], j["figure"]["matched"]) == (3, 3, 3)
    assert (j["relation"]["gold"], j["relation"]["extracted"], j["relation"]["matched"]) == (1, 1, 1)
    assert j["attribution"]["stance_agreement"] == 1.0
    assert j["attribution"]["evidence_agreement"] == 1.0


def test_command_prints_the_table(annotated: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    gold, corpus, _ = annotated  # entity table found beside the gold folder
    assert main(["bench", "extract-layers", "--gold", str(gold), "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "articles measured: 2 (1 annotated but not in the corpus)" in out
    assert "gold actor/source keys mentioned in the article      5/7  0.714" in out
    assert "named-source quotes whose sentence has that speaker  4/5  0.800" in out
    assert "P 1.000  R 0.800  F1 0.889  (gold 5, extracted 4, matched 4)" in out
    assert main(["bench", "extract-layers", "--gold", str(gold), "--corpus", str(corpus), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["strikes"]["recall"] == 1.0


def test_layers_are_left_as_they_were(annotated: tuple[Path, Path, Path]) -> None:
    import strikegraph.extract as pkg

    before = [getattr(pkg, name) for name in bench_layers._TAPS]
    gold, corpus, entities = annotated
    measure(gold, corpus, [entities])
    assert [getattr(pkg, name) for name in bench_layers._TAPS] == before


def test_entity_names_map_as_the_scorer_maps_them(tmp_path: Path) -> None:
    (tmp_path / "entities.yaml").write_text("sohr: {names: [Syrian Observatory for Human Rights]}\n", encoding="utf-8")
    (tmp_path / "entities-dev.yaml").write_text("other: {names: [Syrian Observatory for Human Rights]}\n", encoding="utf-8")
    files = default_entity_files(tmp_path / "dev")
    assert [f.name for f in files] == ["entities.yaml", "entities-dev.yaml"]  # the main table's names win
    ents = Entities(files)
    assert ents.key("the Syrian Observatory for Human Rights") == "sohr"
    assert ents.key("Syrian Observatory for Human Right") == "sohr"  # ratio ≥ 0.9
    assert ents.key("Syrian Observatory") == "?syrian observatory"
    assert ents.key(None) is None
    assert ents.source_key(None) == "article"


def test_quotes_are_found_across_line_breaks() -> None:
    text = "First one.\nThe strike was carried\nout by Israel. The strike was carried out by Israel."
    assert quote_spans(text, "The strike was carried out by Israel.") == [(text.rindex("The"), len(text))]
    assert quote_spans(text, "carried out by Israel.") == [(text.rindex("carried"), len(text))]
    assert quote_spans("one\ntwo three", "one two") == [(0, 7)]
    assert quote_spans(text, "") == []
