"""Relation claims, one construction at a time: sentences in wire-copy style, each with exactly the
alliances, sponsorship, membership and enmity a careful reader takes from it."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from strikegraph.build import lexicon
from strikegraph.corpus import Article
from strikegraph.extract import extract
from strikegraph.records import Extraction


def read(text: str) -> Extraction:
    return extract(Article(path=Path("t.txt"), text=text, published=datetime.date(2024, 1, 1)), lexicon())


def relations(text: str) -> set[tuple[str, str, str]]:
    return {(r.subject.rsplit("/", 1)[1], r.kind, r.object.rsplit("/", 1)[1]) for r in read(text).relations}


CASES = [
    # Names that carry their backer or ally: "Iran-backed X", "Iran-aligned X", "Russian-backed X".
    ("The Iran-backed Kataib Hezbollah said it fired two drones at the base on Tuesday.",
     {("iran", "backs", "kataib-hezbollah")}),
    ("Officials said the attack was carried out by the Iran-aligned Houthis.",
     {("iran", "allied_with", "houthis")}),
    ("The drone hit a checkpoint of the US-allied SDF near the city on Sunday.",
     {("usa", "allied_with", "sdf")}),
    ("The Russian-backed Assad regime has denied the report.",
     {("russia", "backs", "syrian-government")}),
    # "X, backed by Iran"; "Y, armed and funded by X".
    ("Kataib Hezbollah, backed by Iran, denied any role in the attack.",
     {("iran", "backs", "kataib-hezbollah")}),
    ("Hamas, armed and funded by Tehran, fired rockets on Sunday.",
     {("iran", "backs", "hamas"), ("iran", "supplies_arms", "hamas")}),
    # A backed description in apposition, or definite, is the group named before it, not the collective.
    ("Warplanes struck depots of Kataib Hezbollah, an Iran-backed militia, near the border.",
     {("iran", "backs", "kataib-hezbollah")}),
    ("Hezbollah, the Iran-backed group, said it fired rockets.",
     {("iran", "backs", "hezbollah")}),
    ("Kataib Hezbollah fired rockets at the base late on Monday. The Iran-backed group later said the barrage was a warning.",
     {("iran", "backs", "kataib-hezbollah")}),
    # An indefinite one is the collective.
    ("Iran-backed militias fired rockets at the base, the monitor said.",
     {("iran", "backs", "iran-backed-militias")}),
    # "Iran's proxy X", "X ally Y", "coalition partner the UAE", "NATO member Turkey".
    ("Israel struck a convoy of Iran's proxy Kataib Hezbollah on Friday.",
     {("iran", "backs", "kataib-hezbollah")}),
    ("The strike killed a commander of Hezbollah ally Hamas in Beirut.",
     {("hezbollah", "allied_with", "hamas")}),
    ("The Houthis fired missiles at the Saudi-led coalition on Monday. "
     "They later struck coalition partner the United Arab Emirates.",
     {("uae", "part_of", "arab-coalition")}),
    ("NATO member Turkey launched drone strikes on Friday.",
     {("turkey", "part_of", "nato")}),
    # "X is an ally of Y" (a capital for its state); "X and Y are the main allies of Z".
    ("Asaib Ahl al-Haq is a close ally of Tehran.",
     {("asaib-ahl-al-haq", "allied_with", "iran")}),
    ("Iran and Russia are the main allies of the Assad regime.",
     {("iran", "allied_with", "syrian-government"), ("russia", "allied_with", "syrian-government")}),
    # "X and its allies": the gazetteer's "Iran's proxies", or a node for allies it does not know.
    ("Iran and its proxies are expected to respond.",
     {("iran", "backs", "iran-backed-militias")}),
    # Membership: appositions, "makes up the bulk of", "which includes", "forces in the coalition".
    ("Kataib Sayyid al-Shuhada, a paramilitary group part of the Popular Mobilization Forces, denied the claim.",
     {("kataib-sayyid-al-shuhada", "part_of", "pmf")}),
    ("Harakat al-Nujaba, a member of the Islamic Resistance in Iraq, claimed the attack.",
     {("harakat-al-nujaba", "part_of", "islamic-resistance-in-iraq")}),
    ("The YPG makes up the bulk of the SDF.",
     {("ypg", "part_of", "sdf")}),
    ("The Saudi-led coalition launched new raids. "
     "The coalition, which also includes the United Arab Emirates, said it hit launch sites.",
     {("uae", "part_of", "arab-coalition")}),
    ("British troops in the US-led coalition were not hurt, officials said.",
     {("uk", "part_of", "us-led-coalition")}),
    # Enmity: a relative clause on an apposition, "at war with", "fighting", vows, a war of one on another.
    ("The strike hit Kataib Hezbollah, a group that has long been at odds with the United States and the Iraqi government.",
     {("kataib-hezbollah", "opposes", "usa"), ("kataib-hezbollah", "opposes", "iraq-government")}),
    ("Turkey has long been at war with the PKK.",
     {("turkey", "opposes", "pkk")}),
    ("The US coalition fighting Islamic State said on Saturday that no one was hurt.",
     {("us-led-coalition", "opposes", "islamic-state")}),
    ("Hezbollah vowed to punish Israel for the killing.",
     {("hezbollah", "opposes", "israel")}),
    ("A commander of Asaib Ahl al-Haq was killed in Baghdad on Friday. "
     "On Saturday the group said it would \u201cpunish\u201d the United States.",
     {("asaib-ahl-al-haq", "opposes", "usa")}),
    ("Israel's war with Hamas has now lasted a year.",
     {("israel", "opposes", "hamas")}),
    ("The raid marks an escalation by the Israeli military since the start of its war against Hamas.",
     {("israel", "opposes", "hamas")}),
    # Arms: to one armed group, supply and sponsorship; to both sides of a war, supply only.
    ("Iran supplies the Houthis with drones and missiles.",
     {("iran", "supplies_arms", "houthis"), ("iran", "backs", "houthis")}),
    ("The UAE has armed and trained Hezbollah for years.",
     {("uae", "supplies_arms", "hezbollah"), ("uae", "backs", "hezbollah")}),
    ("Iran and Russia are accused of supplying both Hezbollah and the Assad regime with weapons.",
     {("iran", "supplies_arms", "hezbollah"), ("iran", "supplies_arms", "syrian-government"),
      ("russia", "supplies_arms", "hezbollah"), ("russia", "supplies_arms", "syrian-government")}),
    # Support: "X's support for Y", "have given Y backing", "intervened to prop up Y", "fought alongside Y".
    ("Iran's support for Hezbollah has grown since 2006.",
     {("iran", "backs", "hezbollah")}),
    ("Russia and Iran have given the Assad regime crucial military backing.",
     {("russia", "backs", "syrian-government"), ("iran", "backs", "syrian-government")}),
    ("Russia intervened in 2015 to prop up the Assad regime.",
     {("russia", "backs", "syrian-government")}),
    ("Hezbollah, which has fought alongside the Assad regime, lost dozens of fighters.",
     {("hezbollah", "allied_with", "syrian-government")}),
    # No relation stated.
    ("The US-led coalition struck Islamic State positions near the river.", set()),
    ("Two members of the Iraqi security forces and three US service members were wounded.", set()),
    ("The killing of Hezbollah commanders prompted fears of a wider war.", set()),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_relations(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert relations(text) == expected


def test_its_allies_are_the_collective_the_state_backs() -> None:
    # The gazetteer knows Iran's proxies as one collective: "its Iraqi allies" is that collective.
    ext = read("Iran and its Iraqi allies have denied any role in the attack.")
    assert [(r.subject.rsplit("/", 1)[1], r.kind, r.object.rsplit("/", 1)[1]) for r in ext.relations] == [
        ("iran", "allied_with", "iran-backed-militias")]


def test_allies_of_a_state_without_a_collective_are_a_node_of_the_article() -> None:
    ext = read("Russia and its Belarusian allies have denied any role in the attack.")
    assert [(r.subject.rsplit("/", 1)[1], r.kind) for r in ext.relations] == [("russia", "allied_with")]
    allies = ext.new_entities[ext.relations[0].object]
    assert allies.label == "Belarusian allies" and allies.kind == "Actor" and allies.affiliated_with is None


def test_alliance_is_stated_once_whichever_way_round() -> None:
    rels = relations("Iran is allied with Hezbollah, which has fought alongside Iran in Syria.")
    assert rels == {("iran", "allied_with", "hezbollah")}
