"""One wire-copy construction per test: a sentence or two written for the test, naming a strike, and
the exact set of attribution claims a careful annotator takes from it, as (actor, source, stance) with
source None for the article's own voice (see shared/gold/README.md for the stances)."""

from __future__ import annotations

import datetime
from pathlib import Path

from strikegraph.build import lexicon
from strikegraph.corpus import Article
from strikegraph.extract import extract
from strikegraph.records import Extraction

Claim = tuple[str | None, str | None, str]


def key(iri: str | None) -> str | None:
    return None if iri is None else iri.rsplit("/", 1)[1]


def run(text: str) -> Extraction:
    article = Article(path=Path("t.txt"), text=text, published=datetime.date(2024, 1, 1))
    return extract(article, lexicon())


def claims(ext: Extraction) -> set[Claim]:
    return {(key(a.actor), key(a.source), a.stance) for a in ext.attributions}


def claims_by_event(ext: Extraction) -> dict[str, set[Claim]]:
    out: dict[str, set[Claim]] = {e.local: set() for e in ext.events}
    for a in ext.attributions:
        out.setdefault(a.event, set()).add((key(a.actor), key(a.source), a.stance))
    return out


def single_event_claims(text: str) -> set[Claim]:
    ext = run(text)
    assert len(ext.events) == 1, [(e.local, e.means) for e in ext.events]
    return claims(ext)


# =================================================================================================
# Reported speech
# =================================================================================================

def test_quotation_with_the_statement_said_after_it() -> None:
    # "the statement" is the Israeli military's, named in the sentence before.
    ext = run(
        "The Israeli military said in a statement on Saturday that a rocket launch hit a football pitch in "
        "the town of Majdal Shams, killing 12 children. \"The rocket launch toward Majdal Shams was carried "
        "out by the Hezbollah terrorist organization,\" the statement said."
    )
    assert [e.means for e in ext.events] == ["RocketAttack"]
    assert claims(ext) == {("hezbollah", "idf", "asserted")}


def test_claimed_that_with_a_quotation() -> None:
    assert single_event_claims(
        "A drone strike on a car in Qamishli killed three people on Tuesday. The Syrian Democratic Forces "
        "claimed that \"Turkish drones carried out the attack on our people.\""
    ) == {("turkey", "sdf", "blamed")}


def test_according_to_intelligence_in_its_possession() -> None:
    assert single_event_claims(
        "A rocket attack on Saturday killed 12 children in Majdal Shams. The Israeli military said that "
        "according to intelligence in its possession, the rocket launch was carried out by Hezbollah."
    ) == {("hezbollah", "idf", "asserted")}


# =================================================================================================
# Speakers and roles
# =================================================================================================

def test_iraqi_security_sources() -> None:
    assert single_event_claims(
        "Iraqi security sources said a U.S. drone strike hit a car in Baghdad on Wednesday, killing a "
        "commander of Kataib Hezbollah."
    ) == {("usa", "iraqi-security-sources", "asserted")}


def test_syrian_authorities() -> None:
    assert single_event_claims(
        "Syrian authorities said Israeli jets struck an arms depot near Homs on Thursday, killing four soldiers."
    ) == {("israel", "syrian-government", "asserted")}


def test_western_intelligence_sources() -> None:
    ext = run(
        "A drone strike killed an Iranian adviser in Damascus on Monday. Western intelligence sources said "
        "Israeli aircraft carried out the strike."
    )
    assert len(ext.events) == 1
    assert claims(ext) == {("israel", "western-intelligence-sources", "asserted")}
    (source,) = {a.source for a in ext.attributions}
    assert ext.new_entities[source].label == "Western intelligence sources"  # an article-local node


def test_the_israeli_military_owns_its_strike() -> None:
    assert single_event_claims(
        "The Israeli military said its jets struck a Hezbollah weapons depot in southern Lebanon on Monday."
    ) == {("idf", "idf", "acknowledged")}


def test_the_group_refers_back_to_the_accused_group() -> None:
    assert single_event_claims(
        "A drone attack hit a U.S. base in eastern Syria on Friday, the Pentagon said. U.S. officials blamed "
        "Kataib Hezbollah for the attack. The group denied carrying out the attack."
    ) == {("kataib-hezbollah", "usa", "blamed"), ("kataib-hezbollah", "kataib-hezbollah", "denied")}


def test_the_militia_refers_back_to_the_accused_militia() -> None:
    assert single_event_claims(
        "A rocket attack hit the Ain al-Asad air base on Friday. The U.S. military blamed Kataib Hezbollah "
        "for the attack. The militia denied any role in it."
    ) == {("kataib-hezbollah", "us-military", "blamed"), ("kataib-hezbollah", "kataib-hezbollah", "denied")}


def test_it_refers_back_to_the_last_speaker() -> None:
    assert single_event_claims(
        "The Syrian Democratic Forces said three civilians were killed in a drone strike on a car in Qamishli "
        "on Tuesday. It said Turkish drones carried out the attack."
    ) == {("turkey", "sdf", "asserted")}


def test_the_ministry_refers_back_to_the_named_ministry() -> None:
    assert single_event_claims(
        "Syria's defence ministry said an airstrike hit a weapons depot near Damascus on Sunday, wounding two "
        "soldiers. The ministry said Israeli jets carried out the raid from over the Golan Heights."
    ) == {("israel", "syrian-defence-ministry", "asserted")}


def test_surname_after_the_full_name() -> None:
    assert single_event_claims(
        "A drone attack killed three U.S. soldiers at Tower 22 in Jordan on Sunday, Defense Secretary Lloyd "
        "Austin said. Austin said Iran-backed militias carried out the attack."
    ) == {("iran-backed-militias", "lloyd-austin", "asserted")}


# =================================================================================================
# Events
# =================================================================================================

def test_assassination_is_a_strike() -> None:
    ext = run(
        "Hamas political leader Ismail Haniyeh was killed in Tehran on Wednesday. Iran's Revolutionary Guards "
        "blamed Israel for the assassination."
    )
    assert [(e.means, key(e.place)) for e in ext.events] == [("StrikeMeansUnknown", "tehran")]
    assert claims(ext) == {("israel", "irgc", "blamed")}


def test_shelling_is_a_strike() -> None:
    ext = run(
        "Shelling hit a market in Donetsk on Sunday, killing 27 people. Russian-installed officials blamed "
        "Ukrainian forces for the shelling."
    )
    assert [(e.means, key(e.place)) for e in ext.events] == [("ArtilleryStrike", "donetsk")]
    assert claims(ext) == {("ukrainian-armed-forces", "russian-installed-officials", "blamed")}


def test_ship_hit_by_a_drone() -> None:
    ext = run(
        "A Liberian-flagged tanker was hit by a drone in the Red Sea on Tuesday. The Houthis claimed "
        "responsibility for the attack."
    )
    assert [e.means for e in ext.events] == ["DroneStrike"]
    assert claims(ext) == {("houthis", "houthis", "acknowledged")}


def test_two_strikes_keep_their_own_claims() -> None:
    ext = run(
        "An Israeli airstrike killed two Hezbollah fighters in southern Lebanon on Monday, the group said. "
        "Separately, Turkish drones struck a car near Qamishli on Tuesday, the Syrian Democratic Forces said."
    )
    assert [(e.means, key(e.place)) for e in ext.events] == [("Airstrike", "southern-lebanon"), ("DroneStrike", "qamishli")]
    first, second = (e.local for e in ext.events)
    assert claims_by_event(ext) == {
        first: {("israel", "hezbollah", "asserted")},
        second: {("turkey", "sdf", "asserted")},
    }


def test_answered_strike_is_its_own_event() -> None:
    ext = run(
        "U.S. warplanes struck militia targets in Al-Qaim on Friday in response to a drone attack by Kataib "
        "Hezbollah on Tower 22 in Jordan, the Pentagon said."
    )
    assert [(e.means, key(e.place)) for e in ext.events] == [("Airstrike", "al-qaim"), ("DroneStrike", "tower-22")]
    strike, answered = (e.local for e in ext.events)
    assert claims_by_event(ext) == {
        strike: {("usa", "pentagon", "acknowledged")},
        answered: {("kataib-hezbollah", "pentagon", "asserted")},
    }


# =================================================================================================
# Attribution cues
# =================================================================================================

def test_held_responsible() -> None:
    assert single_event_claims(
        "A drone strike killed a Hamas official in Beirut on Tuesday. Hezbollah held Israel responsible for the strike."
    ) == {("israel", "hezbollah", "blamed")}


def test_has_not_claimed_responsibility() -> None:
    # Neither owned nor denied: the state's silence on its own strike.
    assert single_event_claims(
        "A drone strike killed a Hamas official in Beirut on Tuesday. Israel has not claimed responsibility "
        "for the strike."
    ) == {("israel", "israel", "declined_comment")}


def test_did_not_immediately_comment() -> None:
    assert single_event_claims(
        "A drone strike killed a Hamas official in Beirut on Tuesday. The Israeli military did not immediately comment."
    ) == {("idf", "idf", "declined_comment")}


def test_suspected_in_the_strike_noun() -> None:
    assert single_event_claims(
        "A suspected Israeli drone strike killed a Hamas official in Beirut on Tuesday, Lebanese security sources said."
    ) == {("israel", "lebanese-security-sources", "suggested")}


def test_passive_agent_inside_a_quotation() -> None:
    assert single_event_claims(
        "A drone strike hit a car in Qamishli on Tuesday, killing three people. \"The attack was carried out "
        "by a Turkish drone,\" the Syrian Democratic Forces said in a statement."
    ) == {("turkey", "sdf", "asserted")}


def test_hedge_in_the_reporting_verb() -> None:
    assert single_event_claims(
        "An airstrike hit a weapons depot near Abu Kamal on Sunday. The Syrian Observatory for Human Rights "
        "suggested that Israeli jets carried out the raid."
    ) == {("israel", "sohr", "suggested")}


def test_either_x_or_y_jets() -> None:
    # One suggested claim per alternative.
    assert single_event_claims(
        "Airstrikes hit a market in Maarat al-Numan on Monday, killing 23 civilians. The Syrian Observatory "
        "for Human Rights said either Russian or Syrian jets carried out the raid."
    ) == {("russia", "sohr", "suggested"), ("syrian-government", "sohr", "suggested")}


def test_x_and_y_have_blamed_z() -> None:
    assert single_event_claims(
        "A drone attack hit the Mercer Street tanker off Oman on Thursday, killing two crew members. Israel "
        "and the United States have blamed Iran for the attack."
    ) == {("iran", "israel", "blamed"), ("iran", "usa", "blamed")}


def test_possessive_denial_that() -> None:
    assert single_event_claims(
        "A drone attack hit the home of Iraqi Prime Minister Mustafa al-Kadhimi on Sunday. Despite Iran's "
        "denial that it was involved, Iraqi officials said an Iran-backed militia carried out the attack."
    ) == {("iran", "iran", "denied"), ("iran-backed-militias", "iraqi-officials", "asserted")}


def test_no_group_has_claimed_responsibility() -> None:
    assert single_event_claims(
        "A rocket attack hit a U.S. base near Erbil airport on Monday night, wounding a contractor. No group "
        "has claimed responsibility for the attack."
    ) == {(None, None, "unknown")}


def test_neither_x_nor_y_claimed_it() -> None:
    # As the gold reads "neither Russia or Ukraine officially claimed it": the article says who is unknown.
    assert single_event_claims(
        "Explosions rocked a Russian air base in Crimea on Tuesday, but neither Russia nor Ukraine claimed it "
        "as an attack."
    ) == {(None, None, "unknown")}


# =================================================================================================
# Constructions read since the first version of this file
# =================================================================================================

STRIKE = "A rocket attack on Saturday killed 12 children on a football pitch in the town of Majdal Shams."


def test_relative_clause_denial() -> None:
    assert single_event_claims(
        "An airstrike hit a convoy of trucks near Al-Qaim on Monday, killing 10 fighters. Iraqi officials blamed "
        "the US-led coalition, which denied it was involved."
    ) >= {("us-led-coalition", "us-led-coalition", "denied")}


def test_the_one_quoted_is_the_nearer_speaker() -> None:
    assert single_event_claims(
        "An airstrike hit a base near Damascus on Tuesday. SANA quoted a military source as saying that "
        "Israeli warplanes struck positions near Damascus early on Tuesday, wounding two soldiers."
    ) == {("israel", "military-source", "asserted")}


def test_a_spokesperson_speaking_of_his_group_acknowledges() -> None:
    assert claims(run(
        STRIKE + " Hezbollah chief spokesman Mohammed Afif said Hezbollah struck an Israeli army base in the "
        "Golan Heights on Sunday.")) >= {("hezbollah", "hezbollah", "acknowledged")}


def test_the_statement_said_after_an_issued_statement() -> None:
    assert claims(run(
        STRIKE + " The Israeli military issued a statement on Saturday about the rocket attack. The statement "
        "said Hezbollah fired the rocket from southern Lebanon.")) == {("hezbollah", "idf", "asserted")}


def test_refrained_from_commenting() -> None:
    assert claims(run(STRIKE + " The Israeli military refrained from commenting on the strike.")) == {
        ("idf", "idf", "declined_comment")}


def test_denied_reports_that_x_carried_it_out() -> None:
    got = claims(run(
        "Airstrikes hit a market in Maarat al-Numan on Monday, killing 23 civilians. Russia's defence ministry "
        "denied reports that Russian warplanes carried out the strikes."))
    assert ("russia", "russian-defence-ministry", "denied") in got
    assert not any(stance == "acknowledged" for _, _, stance in got)


def test_pointed_the_finger_at() -> None:
    assert claims(run(
        "A drone strike killed a Hamas official in Beirut on Tuesday. Lebanese officials pointed the finger at Israel."
    )) == {("israel", "lebanese-officials", "blamed")}


def test_a_party_saying_who_was_behind_blames_a_reporter_asserts() -> None:
    got = claims(run(STRIKE + " Hezbollah said Israel was behind the strike. Al Jazeera reported that Israel was "
                              "behind the strike."))
    assert ("israel", "hezbollah", "blamed") in got
    assert ("israel", "al-jazeera", "asserted") in got


def test_moscow_and_kyiv_accused_each_other() -> None:
    got = claims(run(
        "A missile strike destroyed a prison in Olenivka on Friday, killing 40 prisoners of war, with Moscow and "
        "Kyiv accusing each other of responsibility."))
    assert {("ukraine", "russia", "blamed"), ("russia", "ukraine", "blamed")} <= got


def test_accused_of_something_else_is_no_blame_for_the_strike() -> None:
    got = claims(run(STRIKE + " Iran and Russia are accused of supplying both sides with weapons."))
    assert not any(actor in ("iran", "russia") for actor, _, _ in got)


def test_answered_strike_in_response_to_houthi_attacks() -> None:
    ext = run("U.S. and British warplanes struck Houthi targets in Sanaa on Friday in response to Houthi attacks "
              "on ships in the Red Sea, the Pentagon said.")
    by_event = claims_by_event(ext)
    assert len(ext.events) == 2
    assert ("usa", "pentagon", "acknowledged") in by_event["e1"]
    assert ("houthis", "pentagon", "asserted") in by_event["e2"]


def test_reports_of_a_strike_are_its_source() -> None:
    got = claims(run("Explosions hit an air base in Crimea on Tuesday. The air base attack follows reports of another "
                     "Ukrainian long-range strike on a Russian ammunition depot."))
    assert ("ukraine", "reports", "asserted") in got


def test_citing_makes_the_one_cited_the_speaker() -> None:
    got = claims(run("A US airstrike hit a detention centre in Saada on Sunday. According to The Guardian, citing the "
                     "Houthis' al-Masirah TV, footage showed a detention center hit by a US strike."))
    assert ("usa", "al-masirah", "asserted") in got


def test_a_closing_claim_by_the_other_side_is_an_accusation() -> None:
    assert single_event_claims(
        "As many as 68 people were killed in a US airstrike on a detention centre in Saada, the Houthis claimed on Monday."
    ) == {("usa", "houthis", "blamed")}


def test_two_states_joined_by_a_hyphen_both_strike() -> None:
    assert single_event_claims("US-British strikes hit Houthi targets in Sanaa on Friday.") == {
        ("usa", None, "asserted"), ("uk", None, "asserted")}


def test_a_strike_dated_long_before_publication_is_background() -> None:
    # Published 2024-01-01: "in September" is months before the news of the day.
    ext = run("A drone strike killed a Hamas commander in Beirut on Sunday, and no one claimed responsibility. "
              "Israeli airstrikes killed three of his sons in September.")
    by_event = claims_by_event(ext)
    assert len(ext.events) == 2
    assert by_event["e1"] == {(None, None, "unknown")}
    assert by_event["e2"] == {("israel", None, "asserted")}


def test_an_owned_dated_strike_in_a_relative_clause_is_its_own() -> None:
    ext = run("No one claimed responsibility for the assassination in Tehran on Sunday, but suspicion fell on Israel, "
              "which has vowed to kill the leaders of Hamas over the group's October 7 attack on Israel.")
    by_event = claims_by_event(ext)
    assert len(ext.events) == 2
    assert by_event["e1"] == {(None, None, "unknown"), ("israel", None, "suggested")}
    assert by_event["e2"] == {("hamas", None, "asserted")}


def test_a_nationality_and_the_means_name_the_state() -> None:
    got = single_event_claims("Either Russian or Syrian military jets conducted air strikes on a market in Idlib on Monday.")
    assert got == {("russia", None, "suggested"), ("syrian-government", None, "suggested")}
    assert single_event_claims("US warplanes bombed a base in Qaim on Sunday.") == {("usa", None, "asserted")}
    # The service named by its name stays the service.
    got = single_event_claims("Israeli Air Force jets struck a base in Homs on Monday.")
    assert got == {("israeli-air-force", None, "asserted")}


def test_a_state_and_its_allies_are_its_proxies() -> None:
    ext = run("A top Iranian general visited Baghdad after the drone attack on Sunday and said Tehran and its Iraqi allies "
              "had nothing to do with the attack.")
    assert claims(ext) == {("iran-backed-militias", "top-iranian-general", "denied")}
    assert {(key(r.subject), r.kind, key(r.object)) for r in ext.relations} == {("iran", "allied_with", "iran-backed-militias")}


def test_groups_affiliated_with_a_state_force_are_its_proxies() -> None:
    ext = run("The drone attack on Sunday was one of a series of attacks against coalition forces in Syria by groups "
              "affiliated with the IRGC.")
    assert ("iran-backed-militias", None, "asserted") in claims(ext)
    assert ("irgc", "backs", "iran-backed-militias") in {(key(r.subject), r.kind, key(r.object)) for r in ext.relations}


def test_a_name_with_quotation_marks_inside_it() -> None:
    assert single_event_claims('The "Islamic Resistance" in Iraq claimed responsibility for the drone attack on Sunday.') == {
        ("islamic-resistance-in-iraq", "islamic-resistance-in-iraq", "acknowledged")}
    assert single_event_claims('Gen. Frank McKenzie blamed "Iran-backed" forces for the drone attack on Sunday.') == {
        ("iran-backed-militias", "frank-mckenzie", "blamed")}


def test_a_strike_given_as_precedent_is_its_own() -> None:
    ext = run("Explosions hit a Russian air base in Crimea on Tuesday, and no one claimed the attack. The attack has "
              "precedent in a December 22 drone attack on the Black Sea Fleet headquarters in Sevastopol that Moscow "
              "blames on Ukraine. Kyiv has so far declined to comment on the December 22 attack.")
    by_event = claims_by_event(ext)
    assert len(ext.events) == 2
    assert by_event["e1"] == {(None, None, "unknown")}
    assert by_event["e2"] == {("ukraine", "russia", "blamed"), ("ukraine", "ukraine", "declined_comment")}


def test_a_denial_for_others_leaves_them_to_the_other_speakers() -> None:
    got = single_event_claims("A drone attack hit the home of the prime minister on Sunday. Despite Iran’s denial that its "
                              "allies were involved, some Iraqi sources told Reuters that an Iran-backed militia was behind "
                              "the attack.")
    assert got == {("iran-backed-militias", "iran", "denied"), ("iran-backed-militias", "iraqi-sources", "blamed")}


def test_the_one_who_did_not_say_who_is_the_source() -> None:
    got = single_event_claims("Iran's defence ministry said a drone attack hit a factory in Isfahan on Sunday. The ministry "
                              "did not say who was suspected of carrying out the attack.")
    assert got == {(None, "iranian-defence-ministry", "unknown")}


def test_an_apposition_thought_to_be_behind_the_attack() -> None:
    got = claims(run("Two Americans were killed, and the U.S. responded with airstrikes that targeted the weapons facilities "
                     "of Kataib Hezbollah, an Iran-backed militia group thought to be behind the attack."))
    assert got == {("kataib-hezbollah", None, "suggested"), ("usa", None, "asserted")}


def test_did_not_immediately_claim_leaves_it_unknown() -> None:
    got = single_event_claims("A drone hit a tanker in the Red Sea on Monday. The Houthis didn't immediately claim the attack.")
    assert got == {(None, None, "unknown")}


def test_a_missile_fired_by_a_group_is_its_strike() -> None:
    got = single_event_claims("The Saudi-led coalition said it shot down a missile fired by the Houthis on Wednesday, with "
                              "debris killing a Yemeni man.")
    assert got == {("houthis", "arab-coalition", "asserted")}


def test_the_partner_in_a_plot_is_blamed_too() -> None:
    got = single_event_claims("Earlier Thursday, Kremlin spokesman Dmitry Peskov said Washington masterminded in coordination "
                              "with Ukraine the overnight drone attack on the Kremlin.")
    assert got == {("usa", "dmitry-peskov", "blamed"), ("ukraine", "dmitry-peskov", "blamed")}


def test_a_named_campaign_is_a_strike_series_of_its_own() -> None:
    ext = run("A US strike hit a detention centre in Saada on Monday. The Houthis began targeting Israeli and Western ships "
              "in the Red Sea in October 2023, citing support for Palestinians in Gaza.")
    by_event = claims_by_event(ext)
    assert [e.series for e in ext.events] == [False, True]
    assert by_event == {"e1": {("usa", None, "asserted")}, "e2": {("houthis", None, "asserted")}}


def test_the_person_killed_is_the_strike_target() -> None:
    ext = run("Iran's Revolutionary Guard said Hamas leader Ismail Haniyeh was assassinated in Tehran.")
    assert [e.target_actors for e in ext.events] == [["https://w3id.org/strikegraph/id/actor/ismail-haniyeh"]]
    ext = run("His death was followed hours later by the killing of Hamas leader Ismail Haniyeh in a strike in Tehran.")
    assert [e.target_actors for e in ext.events] == [["https://w3id.org/strikegraph/id/actor/ismail-haniyeh"]]


def test_drones_that_crashed_are_whose_they_were() -> None:
    got = single_event_claims("Hezbollah said Sunday that two Israeli drones crashed in Beirut overnight. He said a second "
                              "drone, which appeared to have been sent by Israel, exploded in the air.")
    assert got == {("israel", "hezbollah", "asserted"), ("israel", "hezbollah", "suggested")}
    assert run("A car exploded in Baghdad on Sunday.").events == []


def test_in_what_the_military_said_is_its_account_and_the_articles() -> None:
    got = single_event_claims("Late Saturday, Israeli warplanes attacked targets near the Syrian capital in what the Israeli "
                              "military said was a successful effort to thwart an imminent Iranian drone strike on Israel.")
    assert got == {("israel", "idf", "acknowledged"), ("israel", None, "asserted")}


def test_a_strike_answered_with_its_striker_named() -> None:
    ext = run("Hezbollah said it struck a military base in the Golan Heights on Saturday in retaliation for Israeli attacks "
              "on a village in Lebanon.")
    assert len(ext.events) == 2
    assert claims(ext) == {("hezbollah", "hezbollah", "acknowledged"), ("israel", "hezbollah", "asserted")}


def test_the_group_named_with_its_description_is_behind_it() -> None:
    got = single_event_claims("A rocket hit a soccer field in Majdal Shams on Saturday. \"The Hezbollah terrorist organization "
                              "is behind the rocket launch,\" the Israeli military said.")
    assert got == {("hezbollah", "idf", "blamed")}


def test_opposition_activists_do_not_speak_for_their_state() -> None:
    got = single_event_claims("Syrian opposition activists and a war monitoring group said either Russian or Syrian military "
                              "jets conducted air strikes on a market in Idlib on July 22.")
    assert got == {(actor, source, "suggested") for actor in ("russia", "syrian-government")
                   for source in ("syrian-opposition-activists", "war-monitoring-group")}


def test_hit_by_a_suspected_drone_of_a_state() -> None:
    got = single_event_claims("Three people were killed after a car was hit by a suspected Turkish drone in Qamishli on "
                              "Tuesday, according to sources.")
    assert got == {("turkey", "sources", "suggested")}


# =================================================================================================
# Constructions of real wire copy, each written anew
# =================================================================================================

def test_claimed_by_with_a_modifier_before_the_claimant() -> None:
    assert single_event_claims(
        "A drone attack claimed by the Iran-aligned Houthis hit an oil depot in Jizan on Monday."
    ) == {("houthis", "houthis", "acknowledged")}


def test_responded_forcefully_bombing_is_a_strike_of_the_responder() -> None:
    ext = run("Rockets were fired at Kiryat Shmona on Saturday. Hezbollah denied responsibility for the attack, "
              "but the Israeli military responded forcefully, bombing dozens of targets across Lebanon.")
    by_event = claims_by_event(ext)
    assert len(ext.events) == 2
    assert ("hezbollah", "hezbollah", "denied") in by_event["e1"]
    assert by_event["e2"] == {("idf", None, "asserted")}


def test_leading_suspect_is_a_suggestion_of_coordinated_sources() -> None:
    ext = run("A drone hit the tanker off the coast of Oman on Thursday. U.S. and European sources familiar with "
              "the matter said Iran was their leading suspect for the attack.")
    assert [(a.stance, key(a.actor), a.rule) for a in ext.attributions] == [("suggested", "iran", "attribution.prime-suspect")]
    source = ext.new_entities[ext.attributions[0].source]
    assert source.label == "U.S. and European sources familiar with the matter"


def test_a_party_naming_its_enemy_accuses_and_its_aside_is_no_place() -> None:
    ext = run('A Houthi military spokesman said "the American enemy, in the context of its support for the crimes in '
              'Gaza, launched an aggression against Yemen with 20 strikes."')
    assert len(ext.events) == 1
    assert ext.events[0].place is not None and ext.events[0].place.endswith("/yemen")
    assert claims(ext) == {("usa", "houthis", "blamed")}


def test_a_year_qualifying_the_attack_on_the_same_facility_is_an_earlier_strike_there() -> None:
    ext = run("A drone strike hit a prison in Hasakah on Monday, killing five inmates, a Kurdish official said. "
              "The prison was hit by a 2022 coalition attack on the same facility that freed dozens of militants.")
    assert len(ext.events) == 2
    first, earlier = ext.events
    assert earlier.place == first.place and earlier.targets == first.targets
    assert earlier.date is not None and (earlier.date.precision, earlier.date.iso()) == ("year", "2022")
    assert claims_by_event(ext)["e2"] == {("us-led-coalition", None, "asserted")}


def test_a_target_and_striker_named_again_is_the_earlier_strike_not_the_one_in_focus() -> None:
    text = ("U.S. airstrikes hit a detention center in Saada on Monday, killing 68 migrants, the Houthis said. "
            "Later on Monday, a drone strike hit a port in Hodeidah. "
            "Footage showed bodies at the detention center hit by a U.S. strike.")
    ext = run(text)
    assert [e.means for e in ext.events] == ["Airstrike", "DroneStrike"]
    assert claims_by_event(ext)["e2"] == set()
    (passive,) = [a for a in ext.attributions if a.rule == "attribution.passive-by"]
    assert passive.event == "e1" and text[passive.span[0]:passive.span[1]].startswith("Footage showed")


def test_a_date_right_after_the_cited_speaker_dates_the_report() -> None:
    ext = run("A US strike hit a fuel port in Hodeidah, killing 74 people, citing Al Masirah channel on Sunday night, "
              "footage showed.")
    assert len(ext.events) == 1 and ext.events[0].date is None


def test_where_the_attackers_went_afterwards_is_not_the_place() -> None:
    ext = run("Rockets hit Erbil airport on Monday. \"When the rockets were launched at the airport, we returned to Mosul,\" "
              "the man said.")
    assert len(ext.events) == 1
    assert ext.events[0].place is not None and ext.events[0].place.endswith("/erbil-air-base")
