"""Relation claims: alliances, sponsorship, membership and enmity that a sentence states.

Cues are word classes (the tables below); constructions are rules over the sentence template. A relative
clause or an apposition attaches to the noun it follows ("Kataib Hezbollah, a group that has been at odds
with …"); a definite description ("the Iran-backed group", "the group") and a bare "the coalition" refer
back to the last group or coalition named.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import URIRef

from ..lexicon import STATE_KINDS, Entity, Lexicon, fold, slug
from ..namespaces import ACTOR
from ..records import NewEntity, RelationRecord
from ..sentences import split
from .attributions import _HEDGE, _SENTENCE_CUES, _RuleCues
from .context import _TOKEN, ENTLIST, TOK, _Context, _Sentence, _tokens
from .cues import alternation
from .speech import _source_before

# -- word classes ---------------------------------------------------------------------------------

# A participle after a name says how the name stands to the noun: "Iran-backed militias", "US-allied SDF".
_PARTICIPLE_KIND = {"backed": "backs", "sponsored": "backs", "supported": "backs", "funded": "backs", "financed": "backs",
                    "installed": "backs", "allied": "allied_with", "aligned": "allied_with"}
# Verbs of sponsorship ("Iran backs …") and of arming ("the UAE has armed …").
_BACKING_VERBS = ("backs", "backed", "backing", "supports", "supported", "supporting", "sponsors", "sponsored",
                  "funds", "funded", "finances", "financed", "trains", "trained")
_ARMING_VERBS = ("arms", "armed", "arming", "equips", "equipped")
# Participles before "by": "backed by Iran", "armed and funded by Tehran".
_BY_PARTICIPLES = ("backed", "supported", "sponsored", "funded", "financed", "armed", "trained", "equipped")
# Adverbs between a name and its participle: "…, heavily backed by".
_BY_ADVERBS = ("is", "are", "was", "were", "which is", "which are", "who are", "being", "long", "heavily", "largely",
               "partly", "openly", "reportedly", "allegedly", "also", "once", "previously", "both")
# What one party gives another, and the verbs of giving: "have given Assad's government crucial military backing".
_SUPPORT_NOUNS = ("support", "backing", "aid", "assistance", "funding", "sponsorship", "patronage")
_GIVE_VERBS = ("provides", "provide", "provided", "providing", "gives", "give", "gave", "given", "giving", "offers",
               "offered", "offering", "extends", "extended", "lends", "lent", "furnishes", "furnished")
# Weapons, and the verbs that supply a party with them.
_WEAPONS = ("drones", "missiles", "weapons", "arms", "rockets", "ammunition", "munitions", "weaponry", "rifles", "artillery")
_SUPPLY_VERBS = ("supplies", "supplied", "supplying", "supply", "provides", "provided", "providing", "equips", "equipped",
                 "equipping", "arms", "armed", "arming")
# Words before a verb that report or hedge it: "are accused of supplying", "has long".
_AUX = ("has", "have", "had", "is", "are", "was", "were", "been", "also", "long", "reportedly", "allegedly",
        "accused of", "alleged to have", "said to be", "believed to be", "suspected of", "openly")
# Nouns of alliance, of clientage and of membership: "Hezbollah ally Hamas", "Iran's proxy", "coalition partner the UAE".
_ALLY_NOUNS = ("ally", "allies", "partner", "partners")
_PROXY_NOUNS = ("proxy", "proxies", "client", "clients", "surrogate", "surrogates")
_MEMBER_NOUNS = ("member", "members")
# Modifiers of those nouns: "Iran's key ally", "coalition partner".
_ALLY_MODIFIERS = ("key", "main", "close", "closest", "chief", "long-time", "longtime", "top", "regional", "staunch",
                   "junior", "senior", "military", "strategic", "traditional", "fellow", "loyal", "powerful")
# Enmity a clause states: "a group that has been at odds with …", "battling …".
_ENMITY = ("at odds with", "at war with", "opposed to", "hostile to", "at loggerheads with", "in conflict with",
           "fighting against", "battling", "waging war on", "waging war against", "fighting")
_ENMITY_AUX = ("has", "have", "had", "been", "is", "are", "was", "were", "long", "also", "still", "now", "reportedly",
               "repeatedly", "often", "openly", "increasingly", "bitterly")
# What a foe vows to do to the other: "vowed to punish", "said it would kill".
_VOW_VERBS = ("vowed", "vows", "vow", "threatened", "threatens", "pledged", "pledges", "promised", "promises", "swore", "swears")
_HARM_VERBS = ("punish", "kill", "destroy", "eliminate", "crush", "defeat", "retaliate against", "strike back at",
               "hit back at", "wipe out", "topple", "overthrow", "take revenge on", "target")
_REVENGE_NOUNS = ("revenge", "retaliation", "retribution", "vengeance")
# A war one party wages on another: "its war with Hamas", "Turkey's campaign against the PKK".
_WAR_NOUNS = ("war", "campaign", "fight", "conflict", "offensive", "struggle")
# Fighting on one side: "fought alongside Assad's forces", "fighting on the side of …".
_FIGHT_VERBS = ("fought", "fighting", "fights", "fight", "battled", "battling", "deployed", "serving", "served")
_ALONGSIDE = ("alongside", "on the side of", "side by side with")
# The aims of an intervention that back a party: "intervened in 2015 to restore the government".
_BACKING_AIMS = ("support", "back", "restore", "defend", "prop up", "shore up", "reinstate", "protect")
# Heads of a definite description that refers back to a named group: "the Iran-backed group", "the group".
_GROUP_HEADS = ("group", "militia", "movement", "organisation", "organization", "faction", "outfit")
# Words of a name's description between a participle and the name: "Russian-backed separatist leader X".
_DESCRIPTORS = ("militia", "militant", "group", "separatist", "separatists", "rebel", "rebels", "leader", "commander",
                "movement", "paramilitary", "faction", "forces", "fighters", "Shiite", "Shia", "Sunni", "armed",
                "Islamist", "jihadist", "governor", "president", "government", "regime", "administration")
# Plural heads of a group of groups: "Iran-allied militias, such as …".
_GROUPS_HEADS = ("militias", "groups", "forces", "fighters", "factions", "proxies", "organisations", "organizations",
                 "movements", "allies")
# Nouns of a unit's place in a larger one: "a member of", "part of", "an offshoot of".
_PART_NOUNS = ("member", "faction", "part", "component", "constituent", "wing", "branch", "affiliate", "offshoot")
_BULK_NOUNS = ("majority", "bulk", "backbone", "core", "part", "most", "much", "rest", "mainstay", "largest part", "main part")
# Units of a state's forces in a coalition: "Spanish forces in the U.S.-led coalition".
_FORCE_NOUNS = ("forces", "troops", "soldiers", "contingent", "contingents", "personnel", "units", "jets", "aircraft", "warplanes")
# Verbs of an umbrella that has members: "The coalition, which also includes the UAE".
_INCLUDE_VERBS = ("includes", "included", "comprises", "comprised", "encompasses", "brings together", "unites", "groups")
# A bare name of a coalition refers to the last coalition named: "the coalition", "the alliance".
_BARE_COALITION = re.compile(r"(?:the\s+)?(?:military\s+)?(?:coalition|alliance)(?:\s+forces)?", re.IGNORECASE)

_NOT_MODIFIERS = ("and", "or", "but", "nor", "of", "in", "on", "at", "with", "by", "from", "to", "two", "three", "four",
                  "five", "six", "several", "some", "many", "few", "dozens", "hundreds", "other", "others", "said", "says")

_GROUP_KINDS = frozenset({"Militia", "ArmedGroup", "UmbrellaGroup"})
_UMBRELLA_KINDS = frozenset({"UmbrellaGroup", "Coalition"})
# Who "its" can stand for: a state or its forces, an armed group, a coalition.
_ITS_KINDS = STATE_KINDS | _GROUP_KINDS | {"Coalition"}

_PART = alternation(_PARTICIPLE_KIND)
_BYP = alternation(_BY_PARTICIPLES)
_VERB = alternation(_BACKING_VERBS + _ARMING_VERBS)
_AUXES = rf"(?:{alternation(_AUX)}\s+)*"
_ENMITY_AUXES = rf"(?:{alternation(_ENMITY_AUX)}\s+)*"
# Elements of a list that name a group after its country: "Lebanon's militant Hezbollah group".
_ELEM = rf"(?:the\s+)?(?:{TOK}'s\s+)?(?:[a-z][\w-]*\s+)?{TOK}"
_ELEMLIST = rf"{_ELEM}(?:(?:\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+){_ELEM})*"
_POSSESSOR = re.compile(rf"{TOK}'s")
# A word that can modify a noun, not one that joins, counts or quantifies ("a paramilitary group part of", not
# "U.S. service members and two members of").
_MODIFIER = rf"(?!{alternation(_NOT_MODIFIERS)}\b)[\w-]+"

# -- rules ----------------------------------------------------------------------------------------

_BACKED_ALIAS = re.compile(
    r"^(?:its|their)\s+(?:\w+\s+)?(?P<its>allies|proxies)$|"
    rf"^(?:pro-(?P<pro>[\w.]+)|(?P<x>[\w.]+?)[- ](?P<p>{_PART})|(?P<px>[\w.]+)\s+prox(?:y|ies)\b)"
    r"|(?:supported|backed|sponsored|funded)\s+by\s+(?P<by>[\w. ]+)$"
    r"|^(?:groups|militias|militants|fighters|forces|factions)\s+(?:affiliated|aligned|allied)\s+(?:with|to)\s+(?:the\s+)?(?P<aff>[\w.' -]+)$", re.IGNORECASE)
# After a backed name, the groups it counts: "Iranian proxy militias, including Hezbollah".
_SUCH_AS_AFTER = re.compile(rf"(?:\s+\w+)?,?\s+(?:such as|like|including|among them)\s+(?P<o>{_ELEMLIST})")
# Before a backed name, the named group it describes: "Kataib Hezbollah, an Iran-backed militia".
_APPOSITION_BEFORE = re.compile(rf"(?P<n>{TOK})\s*,\s+(?:an?|the)\s+$")
_DEFINITE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_AND_BEFORE = re.compile(rf"(?P<s>{TOK})\s+and\s+$")
_SINGULAR_HEAD = re.compile(rf"\b{alternation(_GROUP_HEADS)}$", re.IGNORECASE)
# A definite description the gazetteer does not know: "The Iran-backed group said …".
_DEFINITE_BACKED = re.compile(
    rf"\b[Tt]he\s+(?P<sx>[A-Z][\w.]*)[- ](?P<p>{_PART})\s+(?:[\w-]+\s+)?{alternation(_GROUP_HEADS)}\b(?!\s*(?:{TOK}|,\s*{TOK}))")

_REL_RULES: list[tuple[str, str, re.Pattern[str], str]] = [
    # (rule, kind, pattern, direction: how the groups give subject and object; see _relations)
    ("relation.x-backed-y", "backs", re.compile(
        rf"(?<![\w.'-])(?P<sx>[A-Z][\w.]*)[- ](?P<p>{_PART})\s+(?:{alternation(_DESCRIPTORS)}\s+){{0,2}}(?P<o>{TOK})"), "participle"),
    ("relation.x-backed-such-as", "backs", re.compile(
        rf"(?<![\w.'-])(?P<sx>[A-Z][\w.]*)[- ](?P<p>{_PART})\s+(?:[\w-]+\s+)?{alternation(_GROUPS_HEADS)}\s*,?\s+"
        rf"(?:such as|like|including|among them)\s+(?P<o>{_ELEMLIST})"), "participle"),
    ("relation.backed-by", "backs", re.compile(
        rf"(?P<o>{TOK})(?:\s*,)?\s+(?:{alternation(_BY_ADVERBS)}\s+)*(?P<v>{_BYP}(?:(?:\s*,\s*|\s+)(?:and\s+)?{_BYP})*)\s+by\s+(?:the\s+)?(?P<s>{ENTLIST})"),
     "verbs"),
    ("relation.backer-of", "backs", re.compile(
        rf"(?P<s>{ENTLIST})\s+(?:is|was|has been|remains)\s+(?:a|the|one of the)\s+(?:\w+\s+){{0,2}}?(?:backers?|sponsors?|supporters?|patrons?)\s+of\s+(?:the\s+)?(?:\w+\s+){{0,3}}?(?P<o>{TOK})",
        re.IGNORECASE), "so"),
    ("relation.provides-support", "backs", re.compile(
        rf"(?P<s>{ENTLIST})\s+(?:(?:has|have|had|also|reportedly|long)\s+)*(?:provides?|provided|providing|furnish\w*|offer\w*|gives?|gave|extend\w*|lends?|lent)\s+"
        rf"(?:\w+\s+){{0,3}}?(?:support|backing|aid|assistance|funding)\s+(?:\w+\s+){{0,2}}?to\s+(?:the\s+)?(?:\w+\s+){{0,2}}?(?P<o>{TOK})", re.IGNORECASE), "so"),
    ("relation.gives-support", "backs", re.compile(
        rf"(?P<s>{ENTLIST})\s*,?\s+(?:(?:has|have|had|also|reportedly|long)\s+)*{alternation(_GIVE_VERBS)}\s+(?:the\s+)?(?P<o>{TOK})"
        rf"(?:'s\s+(?:government|regime|forces|army))?\s+(?:[\w-]+\s+){{0,2}}?{alternation(_SUPPORT_NOUNS)}\b"), "so"),
    ("relation.support-for", "backs", re.compile(
        rf"(?P<s>{TOK})'s\s+(?:[\w-]+\s+){{0,2}}?{alternation(_SUPPORT_NOUNS)}\s+(?:for|of)\s+(?:the\s+)?(?P<o>{TOK})"), "so"),
    ("relation.backs", "backs", re.compile(
        rf"(?P<s>{ENTLIST})\s+(?:(?:has|have|had|also|long|been|openly|reportedly|allegedly)\s+)*(?P<v>{_VERB}(?:,?\s+and\s+{_VERB})?)\s+(?:the\s+)?(?P<o>{TOK})"),
     "verbs"),
    ("relation.appositive-backed", "backs", re.compile(
        rf"(?P<o>{TOK})\s*,\s+(?:the|an?)\s+(?P<s>{TOK})[- ](?P<p>{_PART})\b"), "participle"),
    ("relation.appositive-x-backed", "backs", re.compile(
        rf"(?P<o>{TOK})\s*,\s+(?:the|an?)\s+(?P<sx>[A-Z][\w.]*)[- ](?P<p>{_PART})\b"), "participle"),
    ("relation.appositive-proxy", "backs", re.compile(
        rf"(?P<o>{TOK})\s*,\s+(?P<s>{TOK})'s\s+(?:[\w-]+\s+){{0,3}}?(?:proxy|proxies|client|surrogate)\b"), "so"),
    ("relation.appositive-ally", "allied_with", re.compile(
        rf"(?P<o>{TOK})\s*,\s+(?P<s>{TOK})'s\s+(?:[\w-]+\s+){{0,3}}?(?:ally|allies|partner)\b"), "so"),
    # "Hezbollah ally Hamas", "Iran's proxy Kataib Hezbollah", "coalition partner the UAE".
    ("relation.ally-noun", "allied_with", re.compile(
        rf"(?P<s>{TOK})(?:'s)?\s+(?:{alternation(_ALLY_MODIFIERS)}\s+)?(?P<noun>{alternation(_ALLY_NOUNS + _PROXY_NOUNS + _MEMBER_NOUNS)})\s+"
        rf"(?:the\s+)?(?P<o>{ENTLIST})"), "ally-noun"),
    ("relation.ally-of", "allied_with", re.compile(
        rf"(?P<s>{ENTLIST})\s*,?\s+(?:(?:is|are|was|were|remains?|remained|has been|have been|had been|also|both|all|long)\s+)+"
        rf"(?:(?:a|an|the|one of the|among the)\s+)?(?:[\w-]+\s+){{0,3}}?{alternation(_ALLY_NOUNS)}\s+of\s+(?:the\s+)?(?P<o>{TOK})"), "so"),
    ("relation.proxy-of", "backs", re.compile(
        rf"(?P<o>{ENTLIST})\s*,?\s+(?:(?:is|are|was|were|remains?|has been|have been|also|widely seen as|seen as)\s+)+"
        rf"(?:(?:a|an|the|one of the)\s+)?(?:[\w-]+\s+){{0,2}}?{alternation(_PROXY_NOUNS)}\s+(?:of|for)\s+(?:the\s+)?(?P<s>{TOK})"), "so"),
    ("relation.its-allies", "allied_with", re.compile(
        rf"(?P<s>{TOK})\s+and\s+(?:its|their)\s+(?:(?P<nat>{TOK})\s+|(?P<adj>[A-Za-z][\w-]*)\s+)??(?P<noun>allies|partners|proxies)\b"), "its-allies"),
    ("relation.received-backing", "backs", re.compile(
        rf"(?P<o>{TOK})\s+(?:has|have|had)\s+(?:also\s+)?received\s+(?:\w+\s+){{0,2}}?(?:backing|support|funding|aid)\s+from\s+(?:the\s+)?(?P<s>{ENTLIST})", re.IGNORECASE), "so"),
    ("relation.proxies-such-as", "backs", re.compile(
        rf"prox(?:y|ies)(?:\s+\w+)?,?\s+(?:such as|like|including)\s+(?:the\s+)?(?P<o>{ENTLIST})", re.IGNORECASE), "backer"),
    ("relation.connected-to", "backs", re.compile(
        rf"(?P<o>{TOK})(?:\s+\w+)?\s*,\s+(?:\w+\s+)?(?:connected|linked|tied|affiliated|loyal)\s+(?:to|with)\s+(?:the\s+)?(?P<s>{TOK})"), "state-backs"),
    ("relation.allied-with", "allied_with", re.compile(
        rf"(?P<s>{ENTLIST}),?\s+(?:(?:which|who|are|is|were|was|have been|has been|also|both|all|closely)\s+)*(?:allied|allies|ally|aligned)\s+with\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?(?P<o>{TOK})",
        re.IGNORECASE), "so"),
    # "Hezbollah, which has fought alongside Assad's forces", "… group that has fighters deployed in Syria and
    # fighting on the side of …".
    ("relation.fought-alongside", "allied_with", re.compile(
        rf"(?P<s>{TOK})(?:\s+{alternation(_GROUP_HEADS)})?\s*,?\s+(?:(?:which|that|who)\s+(?:[^.;]{{0,80}}?\band\s+)?)?(?:(?:has|have|had|also|long|been|is|are|was|were)\s+)*"
        rf"{alternation(_FIGHT_VERBS)}\s+(?:[\w-]+\s+)?{alternation(_ALONGSIDE)}\s+(?:the\s+)?(?P<o>{TOK})"), "state-of"),
    ("relation.including-members", "part_of", re.compile(
        rf"(?P<u>{TOK})(?:(?!⟨)[^.]){{0,160}}?\b(?:factions|groups|militias|members|organi[sz]ations|units|brigades),?\s+(?:including|such as|among them)\s+(?P<o>[^.]+)",
        re.IGNORECASE), "members"),
    ("relation.umbrella-includes", "part_of", re.compile(
        rf"(?P<u>{TOK}),?\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,2}}?(?:group|alliance|coalition|network|grouping|organi[sz]ation|front|body)\b"
        rf"[^.;]{{0,100}}?\b(?:that|which)\s+(?:includes|included|comprises|encompasses|brings together|unites)\s+(?P<o>[^.;]+)", re.IGNORECASE), "members"),
    ("relation.which-includes", "part_of", re.compile(
        rf"(?P<u>{TOK})\s*,?\s+(?:which|that)\s+(?:also\s+)?{alternation(_INCLUDE_VERBS)}\s+(?:the\s+)?(?P<o>{ENTLIST})"), "members"),
    ("relation.member-of", "part_of", re.compile(
        rf"(?P<o>{ENTLIST})\s*,?\s+(?:(?:is|are|was|were|which is|a|an|one of the)\s+)*(?:{_MODIFIER}\s+){{0,2}}?{alternation(_PART_NOUNS)}s?\s+of\s+(?:the\s+)?(?P<u>{TOK})",
        re.IGNORECASE), "members"),
    ("relation.makes-up", "part_of", re.compile(
        rf"(?P<o>{ENTLIST})\s+(?:makes?|made|making)\s+up\s+(?:(?:the|a)\s+)?{alternation(_BULK_NOUNS)}\s+of\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?(?P<u>{TOK})"),
     "members"),
    ("relation.forces-in", "part_of", re.compile(
        rf"(?P<o>{TOK})\s+(?:{alternation(_FORCE_NOUNS)}\s+)?(?:in|within|serving with|serving in)\s+the\s+(?P<u>{TOK})(?!'s)"), "members"),
    ("relation.considers-threat", "opposes", re.compile(
        rf"(?P<s>{TOK})\s+(?:\w+\s+)?(?:considers?|views?|sees?|regards?)\s+(?P<o>{TOK})\s+(?:as\s+)?(?:an?|its)\s+(?:\w+\s+){{0,2}}?(?:threat|enemy|adversary)", re.IGNORECASE), "so"),
    ("relation.declared-enemy", "opposes", re.compile(
        rf"(?P<s>{TOK})\s+(?:[^.]{{0,60}}?\s)?declared\s+(?P<o>{TOK})\s+(?:to be\s+|as\s+)?its\s+(?:\w+\s+)?(?:enemy|adversary|foe)", re.IGNORECASE), "so"),
    ("relation.seeks-to-prevent", "opposes", re.compile(
        rf"(?P<s>{TOK})\s+(?:has|have|had)?\s*(?:long\s+)?(?:sought|seeks|tried|worked|vowed)\s+to\s+(?:prevent|counter|curb|thwart|stop|contain)\s+(?P<o>{TOK})(?:'s)?", re.IGNORECASE), "so"),
    # "Kataib Hezbollah, a group that has been at odds with Kadhimi and the US"; "Turkey has long been at war with …".
    ("relation.at-odds-clause", "opposes", re.compile(
        rf"(?P<s>{TOK})(?:\s*,\s*(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}?(?:{alternation(_GROUP_HEADS)}|force|state|country|government|party|rival))?"
        rf"\s*,?\s+(?:which|that|who)\s+{_ENMITY_AUXES}{alternation(_ENMITY)}\s+(?:the\s+)?(?P<o>{ENTLIST})"), "so"),
    ("relation.at-odds", "opposes", re.compile(
        rf"(?P<s>{ENTLIST})\s+{_ENMITY_AUXES}{alternation(_ENMITY)}\s+(?:the\s+)?(?P<o>{ENTLIST})"), "so"),
    # "Hezbollah vowed to punish Israel"; "the group said it would 'punish' Kadhimi"; "vowed revenge against …".
    ("relation.vows", "opposes", re.compile(
        rf"(?:(?P<s>{TOK})|\b(?P<ana>[Tt]he\s+{alternation(_GROUP_HEADS)}))\s+(?:(?:has|have|had|also|publicly|later|again|repeatedly|previously)\s+)*"
        rf"(?:{alternation(_VOW_VERBS)}\s+(?:to\s+)?[\"']?{alternation(_HARM_VERBS)}[\"']?|{alternation(_VOW_VERBS)}\s+{alternation(_REVENGE_NOUNS)}\s+(?:against|on)"
        rf"|(?:said|says|warned|warns)\s+(?:it|they)\s+(?:would|will)\s+[\"']?{alternation(_HARM_VERBS)}[\"']?)\s+(?:the\s+)?(?P<o>{TOK})"), "anaphor"),
    # "Israel's war with Hamas"; "… since the onset of its war with Hamas" (its: the actor before).
    ("relation.war-with", "opposes", re.compile(
        rf"(?:(?P<s>{TOK})'s|\b(?P<its>its))\s+(?:[\w-]+\s+){{0,2}}?{alternation(_WAR_NOUNS)}\s+(?:with|against|on)\s+(?:the\s+)?(?P<o>{ENTLIST})"), "anaphor"),
    # "The Saudi-led coalition intervened in 2015 to support the government".
    ("relation.intervened-to-back", "backs", re.compile(
        rf"(?P<s>{TOK})\s+(?:[^.;⟨]{{0,40}}?\s)?intervened\b[^.;]{{0,60}}?\bto\s+(?:try\s+to\s+|help\s+)?{alternation(_BACKING_AIMS)}\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?(?P<o>{TOK})"),
     "so"),
    ("relation.supplies-arms", "supplies_arms", re.compile(
        rf"(?P<s>{TOK})\s+(?:\w+\s+){{0,3}}?(?:supplying|supplied|supplies|sending|sent|shipping|shipped|delivering|delivered|selling|sold|transferring)\s+"
        rf"(?:[^.]{{0,60}}?)(?:drones|missiles|weapons|arms|rockets|ammunition|munitions)[\"']?\s+to\s+(?:the\s+)?(?P<o>{TOK})", re.IGNORECASE), "arms"),
    ("relation.supplies-with", "supplies_arms", re.compile(
        rf"(?P<s>{ENTLIST})\s+{_AUXES}{alternation(_SUPPLY_VERBS)}\s+(?:both\s+)?(?:the\s+)?(?P<o>{ENTLIST})\s+with\s+(?:[\w-]+\s+){{0,3}}?{alternation(_WEAPONS)}\b",
        re.IGNORECASE), "arms"),
    ("relation.transfer-of-weapons", "supplies_arms", re.compile(
        rf"(?:transfer|smuggl\w+|shipment|delivery|supply)\s+of\s+(?P<s>{TOK})\s+(?:weapons|arms|missiles|rockets|drones|ammunition)\s+to\s+(?:the\s+)?(?P<o>{TOK})", re.IGNORECASE), "arms-origin"),
]

# Rules whose umbrella must be an umbrella group or a coalition ("the coalition, which includes …").
_NEEDS_UMBRELLA = frozenset({"relation.including-members", "relation.which-includes", "relation.forces-in"})
# Rules whose subject may be an anaphor, so they need fewer tokens than their groups name.
_MIN_TOKENS = {"relation.vows": 1, "relation.war-with": 1}
# Words a rule cannot match without, tested on the lower-cased template (see `_lowered`): each rule lists
# groups of literals, and every group must have one in the sentence. A literal is any piece of the rule's
# text that every match contains, so the test only skips rules that could not match.
_PARTICIPLES = tuple(_PARTICIPLE_KIND)
_SAY_CUES = ("said", "says", "announced", "stated", "confirmed")
_REL_CUES: dict[str, tuple[tuple[str, ...], ...]] = {
    "relation.x-backed-y": (_PARTICIPLES,),
    "relation.x-backed-such-as": (_PARTICIPLES, ("such", "like", "including", "among")),
    "relation.backed-by": (_BY_PARTICIPLES, ("by",)),
    "relation.backer-of": (("backer", "sponsor", "supporter", "patron"),),
    "relation.provides-support": (("provid", "furnish", "offer", "give", "gave", "extend", "lend", "lent"),),
    "relation.gives-support": (("provid", "furnish", "offer", "give", "gave", "giving", "extend", "lend", "lent"),),
    "relation.support-for": (("'s",), _SUPPORT_NOUNS),
    "relation.backs": (("back", "support", "sponsor", "fund", "financ", "train", "arms", "armed", "arming", "equip"),),
    "relation.appositive-backed": (_PARTICIPLES, (",",)),
    "relation.appositive-x-backed": (_PARTICIPLES, (",",)),
    "relation.appositive-proxy": (("prox", "client", "surrogate"), ("'s",)),
    "relation.appositive-ally": (("ally", "allies", "partner"), ("'s",)),
    "relation.ally-noun": (("ally", "allies", "partner", "prox", "client", "surrogate", "member"),),
    "relation.ally-of": (("ally", "allies", "partner"), ("of",)),
    "relation.proxy-of": (("prox", "client", "surrogate"),),
    "relation.its-allies": (("allies", "partners", "proxies"), ("its", "their")),
    "relation.received-backing": (("received",), ("from",)),
    "relation.proxies-such-as": (("prox",), ("such", "like", "including")),
    "relation.connected-to": (("connected", "linked", "tied", "affiliated", "loyal"),),
    "relation.allied-with": (("allied", "allies", "ally", "aligned"), ("with",)),
    "relation.fought-alongside": (("side",),),
    "relation.including-members": (("including", "such", "among"),),
    "relation.umbrella-includes": (("include", "comprise", "encompass", "brings", "unites"),),
    "relation.which-includes": (("include", "comprise", "encompass", "brings", "unites", "groups"),),
    "relation.member-of": (_PART_NOUNS, ("of",)),
    "relation.makes-up": (("make", "made", "making"), ("up",)),
    "relation.forces-in": (("the",),),
    "relation.considers-threat": (("threat", "enemy", "adversary"),),
    "relation.declared-enemy": (("declared",),),
    "relation.seeks-to-prevent": (("prevent", "counter", "curb", "thwart", "stop", "contain"),),
    "relation.at-odds-clause": (("odds", "war", "opposed", "hostile", "loggerheads", "conflict", "fighting", "battling"),
                                ("which", "that", "who")),
    "relation.at-odds": (("odds", "war", "opposed", "hostile", "loggerheads", "conflict", "fighting", "battling"),),
    "relation.vows": (("vow", "threaten", "pledge", "promise", "swore", "swear", "would", "will"),),
    "relation.war-with": (_WAR_NOUNS,),
    "relation.intervened-to-back": (("intervened",),),
    "relation.supplies-arms": (("drones", "missiles", "weapons", "arms", "rockets", "ammunition", "munitions"),),
    "relation.supplies-with": (_WEAPONS, ("with",)),
    "relation.transfer-of-weapons": (("transfer", "smuggl", "shipment", "delivery", "supply"),),
}
# Each rule with the number of entity tokens it cannot match without and its cue words, so most sentences
# skip most rules.
_REL_PATTERNS = [(*rule, _MIN_TOKENS.get(rule[0], sum(f"(?P<{g}>⟨" in rule[2].pattern for g in "sou")))
                 for rule in _REL_RULES]
_REL_RULE_CUES = _RuleCues([_REL_CUES[rule[0]] for rule in _REL_RULES])
_SENTENCE_CUES.add(c for groups in _REL_CUES.values() for g in groups for c in g)


def _relations(ctx: _Context, sent: _Sentence, sources: list[tuple[int, str | None]]) -> None:
    tpl = sent.tpl
    present = _SENTENCE_CUES(tpl)
    tokens = tpl.count("⟨")
    rules = [r for r in _REL_RULE_CUES(present) if tokens >= _REL_PATTERNS[r][4]]
    definite = not present.isdisjoint(_PARTICIPLES)
    backed = [(i, m) for i, mention in enumerate(sent.mentions[:len(sent.ents)]) if (m := _backed_alias(mention.text))]
    if not (rules or definite or backed):
        return
    span = (sent.start, sent.end)
    rels = ctx.extraction.relations
    lex = ctx.lex
    ents = _resolved(ctx, sent) if backed else []  # else found when a rule first matches

    def add(subject: Entity | None, kind: str, obj: Entity | None, pos: int, rule: str) -> None:
        if subject is None or obj is None:
            return
        subject, obj = _actor(lex, subject), _actor(lex, obj)
        if subject.iri == obj.iri or subject.is_place or obj.is_place:
            return
        s, o = str(subject.iri), str(obj.iri)
        if kind == "allied_with" and any(r.kind == kind and r.subject == o and r.object == s for r in rels):
            return  # alliance is mutual: "A allied with B" already says "B allied with A"
        src = _source_before(sources, pos)
        if src in (s, o):
            src = None
        stance = "suggested" if _HEDGE.search(tpl[:pos]) and src else "asserted"
        rels.append(RelationRecord(s, kind, o, src, stance, span, rule))

    # Names that carry their backer: "Iran-backed militias", "pro-Iranian forces", "militias supported by Iran".
    for i, m in backed:
        ent, mention = ents[i], sent.mentions[i]
        name = m.group("pro") or m.group("x") or m.group("px") or m.group("by") or m.group("aff")
        if m.group("its"):
            # "Tehran and its Iraqi allies": the owner is the actor joined to the phrase.
            owner = _AND_BEFORE.search(tpl, 0, tpl.index(f"⟨{i}⟩"))
            if owner is not None:
                add(ents[int(owner.group("s")[1:-1])], "allied_with" if m.group("its").lower() == "allies" else "backs", ent,
                    owner.start(), "relation.its-allies")
            continue
        # A collective whose own name carries its backer ("Iran-backed militias") stands in that relation
        # whatever alias the text uses; other names say it in their own word ("US-allied …").
        own = _backed_alias(ent.label)
        kind = _PARTICIPLE_KIND.get(((own or m).group("p") or "").lower(), "backs")
        backer = _state_from_word(lex, name)
        token = f"⟨{i}⟩"
        pos = tpl.index(token)
        if ent.kind in ("UnnamedSource", "Official"):
            ent = _inner_group(lex, mention.text)
        elif ent.kind in _GROUP_KINDS and _generic(ent):
            # A backed description of a group named before it: "Kataib Hezbollah, an Iran-backed militia";
            # "… Kata'ib Hizbollah, as it charged that the Iranian-backed militia was behind".
            app = _APPOSITION_BEFORE.search(tpl, 0, pos)
            named = ents[int(app.group("n")[1:-1])] if app else None
            if named is not None and named.kind in _GROUP_KINDS and not _generic(named):
                ent = named
            elif _DEFINITE_BEFORE.search(tpl, 0, pos) and _SINGULAR_HEAD.search(mention.text):
                ent = _antecedent(ctx, sent, pos, _GROUP_KINDS) or ent
        add(backer, kind, ent, pos, "relation.backed-name")
        sm = _SUCH_AS_AFTER.match(tpl, pos + len(token))
        if sm:
            for o in _tokens(_POSSESSOR.sub("", sm.group("o"))):
                add(backer, kind, ents[o], pos, "relation.backed-name-such-as")
    # A backed description the gazetteer does not know refers back: "The Iran-backed group said …".
    if definite:
        for m in _DEFINITE_BACKED.finditer(tpl):
            add(_state_from_word(lex, m.group("sx")), _PARTICIPLE_KIND[m.group("p").lower()],
                _antecedent(ctx, sent, m.start(), _GROUP_KINDS), m.start(), "relation.backed-description")
    for r in rules:
        rule, kind, pattern, direction, _ = _REL_PATTERNS[r]
        for m in pattern.finditer(tpl):
            if not ents:
                ents = _resolved(ctx, sent)
            g = m.groupdict()
            objects = [ents[t] for t in _tokens(_POSSESSOR.sub("", g["o"]))] if g.get("o") else []
            subjects = [ents[t] for t in _tokens(g["s"])] if g.get("s") else []
            if direction in ("so", "participle", "state-of", "anaphor"):
                if direction == "participle":
                    kind = _PARTICIPLE_KIND[g["p"].lower()]
                if g.get("sx"):
                    subjects = [x for x in [_state_from_word(lex, g["sx"])] if x]
                elif g.get("ana"):
                    subjects = [x for x in [_antecedent(ctx, sent, m.start(), _GROUP_KINDS)] if x]
                elif g.get("its"):
                    subjects = [x for x in [_its(lex, sent, m.start())] if x]
                if kind == "opposes" or direction == "state-of":
                    subjects = [_state_of(lex, e) for e in subjects]
                    objects = [_state_of(lex, e) for e in objects]
                for obj in objects:
                    for s in subjects:
                        add(s, kind, obj, m.start(), rule)
            elif direction == "verbs":
                # Arming is arms supply; arming one armed group, or backing it, is sponsorship.
                verbs = re.findall(r"[a-z]+", g["v"].lower())
                arming = any(v in _ARMING_VERBS for v in verbs)
                backing = any(v not in _ARMING_VERBS for v in verbs)
                for obj in objects:
                    for s in subjects:
                        if arming:
                            add(s, "supplies_arms", obj, m.start(), rule)
                        if backing or (len(objects) == 1 and _actor(lex, obj).kind not in STATE_KINDS):
                            add(s, "backs", obj, m.start(), rule)
            elif direction == "ally-noun":
                noun = g["noun"].lower()
                for s in subjects:
                    for obj in objects:
                        if noun in _PROXY_NOUNS:
                            add(s, "backs", obj, m.start(), rule)
                        elif noun in _MEMBER_NOUNS or s.kind in _UMBRELLA_KINDS:
                            add(obj, "part_of", s, m.start(), rule)  # "coalition partner the UAE", "NATO member Turkey"
                        else:
                            add(s, "allied_with", obj, m.start(), rule)
            elif direction == "its-allies":
                s = _actor(lex, subjects[0])
                noun = g["noun"].lower()
                nat = sent.mentions[int(g["nat"][1:-1])].text if g.get("nat") else g.get("adj")
                allies = _new_group(ctx, s, noun, nat)
                add(s, "backs" if noun in _PROXY_NOUNS else "allied_with", allies, m.start(), rule)
            elif direction == "backer":
                backer = _backer_before(sent, m.start(), lex)
                for obj in objects:
                    add(backer, kind, obj, m.start(), rule)
            elif direction == "state-backs":
                s, o = subjects[0], objects[0]
                if s.kind in STATE_KINDS and o.kind not in STATE_KINDS:
                    add(s, kind, o, m.start(), rule)
            elif direction == "members":
                umbrella = ents[int(g["u"][1:-1])]
                if umbrella.kind not in _UMBRELLA_KINDS and rule in _NEEDS_UMBRELLA:
                    continue
                for o in _tokens(g["o"]):
                    member = ents[o]
                    if rule == "relation.forces-in":
                        if member.kind not in STATE_KINDS:
                            continue
                        member = _state_of(lex, member)  # a state's forces in a coalition: the state is a member
                    if member.kind not in ("UnnamedSource", "Official") and not member.is_place:
                        add(member, kind, umbrella, m.start(), rule)
            elif direction == "arms-origin":
                # "the transfer of Iranian weapons to Hezbollah" names where the weapons come from, not who hands
                # them over: to a state, arms supply; to an armed group, sponsorship (which includes arming).
                for s in subjects:
                    for obj in objects:
                        add(s, "supplies_arms" if _actor(lex, obj).kind in STATE_KINDS else "backs", obj, m.start(), rule)
            elif direction == "arms":
                # Arms to anyone are arms supply; arms to one armed group are also sponsorship of it. Arms to
                # several (both sides of a war) are a trade, not a side taken.
                for s in subjects:
                    for obj in objects:
                        add(s, "supplies_arms", obj, m.start(), rule)
                        if len(objects) == 1 and _actor(lex, obj).kind not in STATE_KINDS:
                            add(s, "backs", obj, m.start(), rule)


@lru_cache(maxsize=8192)
def _backed_alias(name: str) -> re.Match[str] | None:
    return _BACKED_ALIAS.search(fold(name))


def _actor(lex: Lexicon, ent: Entity) -> Entity:
    """The actor a name stands for: a country for its state, a city for its country's state ("a long-time
    ally of Tehran", "Tehran has armed …")."""
    ent = lex.as_actor(ent)
    if ent.kind == "Settlement" and (country := lex.country_of(ent.iri)) is not None:
        ent = lex.as_actor(lex.entities[country])
    return ent


def _state_of(lex: Lexicon, ent: Entity) -> Entity:
    """The state a force or agency belongs to; the entity itself otherwise."""
    ent = _actor(lex, ent)
    if ent.kind in ("StateForce", "StateAgency"):
        states = sorted(t for t in lex.ties.get(ent.iri, ()) if t in lex.entities and lex.entities[t].kind == "State")
        if len(states) == 1:
            return lex.entities[states[0]]
    return ent


def _state_from_word(lex: Lexicon, word: str) -> Entity | None:
    """The actor a name or demonym stands for ("Iran", "Iranian", "U.S."), a country's word for its state."""
    raw = word.strip()
    word = raw.rstrip(".")
    for cand in (raw, word, word.upper(), word.title()):
        e = lex.lookup(cand)
        if e is not None and not e.is_place:
            return e
    if e := lex.lookup(word):
        return lex.lookup(e.label) if not e.is_place else _state_of_country(lex, e)
    return None


def _state_of_country(lex: Lexicon, place: Entity) -> Entity | None:
    cand = lex.entities.get(URIRef(str(ACTOR) + place.key))
    return cand if cand is not None and cand.kind == "State" else None


def _generic(ent: Entity) -> bool:
    """A collective the gazetteer names by a common noun ("Iran-backed militias", "Iraqi militias"), not one group."""
    last = ent.label.split()[-1] if ent.label.split() else ""
    return last[:1].islower()


def _inner_group(lex: Lexicon, text: str) -> Entity | None:
    found = [m.entity for m in lex.find(text) if not m.entity.is_place and m.entity.kind in ("Militia", "ArmedGroup", "UmbrellaGroup")]
    return found[-1] if found else None


def _antecedent(ctx: _Context, sent: _Sentence, pos: int, kinds: frozenset[str]) -> Entity | None:
    """The group a definite description refers to: the last one named before it, in its sentence or in the
    three before."""
    for m in reversed(list(_TOKEN.finditer(sent.tpl, 0, pos))):
        e = sent.ents[int(m.group(1))]
        if e.kind in kinds and not _generic(e):
            return e
    spans = split(ctx.article.text)
    lo = spans[max(0, sent.index - 3)][0] if spans and sent.index > 0 else sent.start
    for mention in reversed(ctx.lex.find(ctx.article.text[lo:sent.start])):
        if mention.entity.kind in kinds and not _generic(mention.entity):
            return mention.entity
    return None


def _its(lex: Lexicon, sent: _Sentence, pos: int) -> Entity | None:
    """What "its" stands for: the nearest state, force, armed group or coalition before it in the sentence."""
    for m in reversed(list(_TOKEN.finditer(sent.tpl, 0, pos))):
        e = sent.ents[int(m.group(1))]
        if not e.is_place and e.kind in _ITS_KINDS:
            return e
    return None


def _resolved(ctx: _Context, sent: _Sentence) -> list[Entity]:
    """The sentence's entities, with a bare "the coalition" as the last coalition the article named in full, and
    an unnamed official of a group as the group where a cue follows its name ("a commander of Hezbollah ally
    Hamas": Hezbollah's ally)."""
    ents = list(sent.ents)
    for i, (ent, mention) in enumerate(zip(sent.ents, sent.mentions, strict=False)):
        if ent.kind in ("UnnamedSource", "Official") and ent.iri not in ctx.lex.entities:
            inner = ctx.lex.find(mention.text)
            if inner and inner[-1].end == len(mention.text) and inner[-1].entity.kind in _GROUP_KINDS:
                ents[i] = inner[-1].entity
        if ent.kind == "Coalition" and _BARE_COALITION.fullmatch(mention.text.strip()):
            named = [m.entity for m in ctx.lex.find(ctx.article.text[:mention.start])
                     if m.entity.kind == "Coalition" and not _BARE_COALITION.fullmatch(m.text.strip())]
            if named:
                ents[i] = named[-1]
    return ents


def _new_group(ctx: _Context, owner: Entity, noun: str, modifier: str | None) -> Entity:
    """The unnamed allies or proxies of an actor ("Tehran and its Iraqi allies"), as a node of this article."""
    for name in ([f"{owner.label}'s {modifier} {noun}"] if modifier else [f"{owner.label}'s {noun}"]):
        known = ctx.lex.lookup(name)
        if known is not None and not known.is_place:
            return known  # "Iran and its proxies": the gazetteer's "Iran's proxies"
    label = f"{modifier} {noun}" if modifier else f"{noun} of {owner.label}"
    iri = f"{ACTOR}{ctx.article.stem}/{slug(owner.key + ' ' + label)}"
    if iri not in ctx.extraction.new_entities:
        ctx.extraction.new_entities[iri] = NewEntity(iri, label, "Actor", None)
    return Entity(URIRef(iri), iri.rsplit("/", 1)[1], label, "Actor", False)


_CAPITALISED = re.compile(r"\b([A-Z][a-z]+)(?:'s)?\b")


def _backer_before(sent: _Sentence, pos: int, lex: Lexicon) -> Entity | None:
    for m in reversed(list(_TOKEN.finditer(sent.tpl, 0, pos))):
        ent = lex.as_actor(sent.ents[int(m.group(1))])
        if ent.kind in STATE_KINDS:
            # Sponsorship is a state's act: "Iranian troops and proxy militias" → Iran.
            states = [lex.entities[t] for t in lex.ties.get(ent.iri, ()) if t in lex.entities and lex.entities[t].kind == "State"]
            return states[0] if ent.kind != "State" and len(states) == 1 else ent
    # A state's word the template kept as text ("Iranian attempts to smuggle weapons to proxies like …").
    for m in reversed(list(_CAPITALISED.finditer(sent.tpl, 0, pos))):
        e = _state_from_word(lex, m.group(1))
        if e is not None and e.kind == "State":
            return e
    return None
