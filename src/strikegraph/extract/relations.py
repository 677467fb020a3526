"""Relation claims: alliances, sponsorship, membership and enmity that a sentence states."""

from __future__ import annotations

import re

from rdflib import URIRef

from ..lexicon import STATE_KINDS, Entity, Lexicon, fold
from ..namespaces import ACTOR
from ..records import RelationRecord
from .attributions import _HEDGE
from .context import _TOKEN, ENTLIST, TOK, _Context, _Sentence, _tokens
from .speech import _source_before

# -- relations ----------------------------------------------------------------------------------

_BACKED_ALIAS = re.compile(
    r"^(?:pro-(?P<pro>[\w.]+)|(?P<x>[\w.]+?)[- ](?:backed|sponsored|supported|funded|aligned|allied)|(?P<px>[\w.]+)\s+prox(?:y|ies)\b)"
    r"|(?:supported|backed|sponsored|funded)\s+by\s+(?P<by>[\w. ]+)$", re.IGNORECASE)
_BACKING_VERB = r"backs|backed|backing|supports|supported|supporting|sponsors|sponsored|arms|armed|funds|funded|finances|financed"
_REL_RULES: list[tuple[str, str, re.Pattern[str], str]] = [
    # (rule, kind, pattern, direction: "so" subject→object groups, "os" reversed)
    ("relation.x-backed-y", "backs", re.compile(
        rf"\b(?P<sx>[A-Z][\w.]*?)(?:n|ian|i)?[- ](?:backed|sponsored|supported|funded)\s+(?P<o>{TOK})"), "so"),
    ("relation.backed-by", "backs", re.compile(
        rf"(?P<o>{TOK})(?:\s*,)?\s+(?:(?:is|are|was|were|which is|who are)\s+)?(?:\w+\s+)?(?:backed|supported|sponsored|funded|armed)\s+by\s+(?:the\s+)?(?P<s>{ENTLIST})"), "so"),
    ("relation.backer-of", "backs", re.compile(
        rf"(?P<s>{ENTLIST})\s+(?:is|was|has been|remains)\s+(?:a|the|one of the)\s+(?:\w+\s+){{0,2}}?(?:backers?|sponsors?|supporters?|patrons?)\s+of\s+(?:the\s+)?(?:\w+\s+){{0,3}}?(?P<o>{TOK})",
        re.IGNORECASE), "so"),
    ("relation.provides-support", "backs", re.compile(
        rf"(?P<s>{ENTLIST})\s+(?:(?:has|have|had|also|reportedly|long)\s+)*(?:provides?|provided|providing|furnish\w*|offer\w*|gives?|gave|extend\w*|lends?|lent)\s+"
        rf"(?:\w+\s+){{0,3}}?(?:support|backing|aid|assistance|funding)\s+(?:\w+\s+){{0,2}}?to\s+(?:the\s+)?(?:\w+\s+){{0,2}}?(?P<o>{TOK})", re.IGNORECASE), "so"),
    ("relation.backs", "backs", re.compile(
        rf"(?P<s>{ENTLIST})\s+(?:(?:has|have|had|also|long|been|openly)\s+)*(?:{_BACKING_VERB})(?:,?\s+and\s+(?:{_BACKING_VERB}))?\s+(?:the\s+)?(?P<o>{TOK})"), "so"),
    ("relation.appositive-backed", "backs", re.compile(
        rf"(?P<o>{TOK})\s*,\s+(?:the|an?)\s+(?P<s>{TOK})[- ](?:backed|sponsored|supported|funded)\b"), "so"),
    ("relation.appositive-x-backed", "backs", re.compile(
        rf"(?P<o>{TOK})\s*,\s+(?:the|an?)\s+(?P<sx>[A-Z][\w.]*?)(?:n|ian|i)?[- ](?:backed|sponsored|supported|funded)\b"), "so"),
    ("relation.appositive-proxy", "backs", re.compile(
        rf"(?P<o>{TOK})\s*,\s+(?P<s>{TOK})'s\s+(?:[\w-]+\s+){{0,3}}?(?:proxy|proxies|client|surrogate)\b"), "so"),
    ("relation.appositive-ally", "allied_with", re.compile(
        rf"(?P<o>{TOK})\s*,\s+(?P<s>{TOK})'s\s+(?:[\w-]+\s+){{0,3}}?(?:ally|allies|partner)\b"), "so"),
    ("relation.received-backing", "backs", re.compile(
        rf"(?P<o>{TOK})\s+(?:has|have|had)\s+(?:also\s+)?received\s+(?:\w+\s+){{0,2}}?(?:backing|support|funding|aid)\s+from\s+(?:the\s+)?(?P<s>{ENTLIST})", re.IGNORECASE), "so"),
    ("relation.proxies-such-as", "backs", re.compile(
        rf"prox(?:y|ies)(?:\s+\w+)?,?\s+(?:such as|like|including)\s+(?:the\s+)?(?P<o>{ENTLIST})", re.IGNORECASE), "backer"),
    ("relation.connected-to", "backs", re.compile(
        rf"(?P<o>{TOK})(?:\s+\w+)?\s*,\s+(?:\w+\s+)?(?:connected|linked|tied|affiliated|loyal)\s+(?:to|with)\s+(?:the\s+)?(?P<s>{TOK})"), "state-backs"),
    ("relation.allied-with", "allied_with", re.compile(
        rf"(?P<s>{ENTLIST}),?\s+(?:(?:which|who|are|is|were|was|have been|has been|also|both|all|closely)\s+)*(?:allied|allies|ally|aligned)\s+with\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?(?P<o>{TOK})",
        re.IGNORECASE), "so"),
    ("relation.including-members", "part_of", re.compile(
        rf"(?P<u>{TOK})(?:(?!⟨)[^.]){{0,160}}?\b(?:factions|groups|militias|members|organi[sz]ations|units|brigades),?\s+(?:including|such as|among them)\s+(?P<o>[^.]+)",
        re.IGNORECASE), "members"),
    ("relation.umbrella-includes", "part_of", re.compile(
        rf"(?P<u>{TOK}),?\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,2}}?(?:group|alliance|coalition|network|grouping|organi[sz]ation|front|body)\b"
        rf"[^.;]{{0,100}}?\b(?:that|which)\s+(?:includes|included|comprises|encompasses|brings together|unites)\s+(?P<o>[^.;]+)", re.IGNORECASE), "members"),
    ("relation.member-of", "part_of", re.compile(
        rf"(?P<o>{ENTLIST})\s*,?\s+(?:(?:is|are|was|were|which is|a|an|one of the)\s+)*(?:\w+\s+)?(?:member|faction|part|component|constituent|wing|branch)s?\s+of\s+(?:the\s+)?(?P<u>{TOK})",
        re.IGNORECASE), "members"),
    ("relation.considers-threat", "opposes", re.compile(
        rf"(?P<s>{TOK})\s+(?:\w+\s+)?(?:considers?|views?|sees?|regards?)\s+(?P<o>{TOK})\s+(?:as\s+)?(?:an?|its)\s+(?:\w+\s+){{0,2}}?(?:threat|enemy|adversary)", re.IGNORECASE), "so"),
    ("relation.declared-enemy", "opposes", re.compile(
        rf"(?P<s>{TOK})\s+(?:[^.]{{0,60}}?\s)?declared\s+(?P<o>{TOK})\s+(?:to be\s+|as\s+)?its\s+(?:\w+\s+)?(?:enemy|adversary|foe)", re.IGNORECASE), "so"),
    ("relation.seeks-to-prevent", "opposes", re.compile(
        rf"(?P<s>{TOK})\s+(?:has|have|had)?\s*(?:long\s+)?(?:sought|seeks|tried|worked|vowed)\s+to\s+(?:prevent|counter|curb|thwart|stop|contain)\s+(?P<o>{TOK})(?:'s)?", re.IGNORECASE), "so"),
    ("relation.supplies-arms", "supplies_arms", re.compile(
        rf"(?P<s>{TOK})\s+(?:\w+\s+){{0,3}}?(?:supplying|supplied|supplies|sending|sent|shipping|shipped|delivering|delivered|selling|sold|transferring)\s+"
        rf"(?:[^.]{{0,60}}?)(?:drones|missiles|weapons|arms|rockets|ammunition|munitions)[\"']?\s+to\s+(?:the\s+)?(?P<o>{TOK})", re.IGNORECASE), "arms"),
    ("relation.supplies-with", "supplies_arms", re.compile(
        rf"(?P<s>{TOK})\s+(?:(?:has|have|had|also|long|reportedly)\s+)*(?:supplies|supplied|supplying|provides|provided|providing|equips|equipped|arms|armed)\s+"
        rf"(?:the\s+)?(?P<o>{TOK})\s+with\s+(?:[\w-]+\s+){{0,3}}?(?:drones|missiles|weapons|arms|rockets|ammunition|munitions)\b", re.IGNORECASE), "arms"),
    ("relation.transfer-of-weapons", "supplies_arms", re.compile(
        rf"(?:transfer|smuggl\w+|shipment|delivery|supply)\s+of\s+(?P<s>{TOK})\s+(?:weapons|arms|missiles|rockets|drones|ammunition)\s+to\s+(?:the\s+)?(?P<o>{TOK})", re.IGNORECASE), "arms"),
]


# Each rule with the number of entity tokens it cannot match without, so most sentences skip most rules.
_REL_PATTERNS = [(*rule, sum(f"(?P<{g}>⟨" in rule[2].pattern for g in "sou")) for rule in _REL_RULES]


def _relations(ctx: _Context, sent: _Sentence, sources: list[tuple[int, str | None]]) -> None:
    tpl = sent.tpl
    span = (sent.start, sent.end)
    rels = ctx.extraction.relations
    lex = ctx.lex

    def add(subject: Entity | None, kind: str, obj: Entity | None, pos: int, rule: str) -> None:
        if subject is None or obj is None:
            return
        subject, obj = lex.as_actor(subject), lex.as_actor(obj)
        if subject.kind == "Settlement" and (country := lex.country_of(subject.iri)) is not None:
            subject = lex.as_actor(lex.entities[country])  # "Tehran has armed …": the capital for its state
        if subject.iri == obj.iri or subject.is_place or obj.is_place:
            return
        src = _source_before(sources, pos)
        if src in (str(subject.iri), str(obj.iri)):
            src = None
        stance = "suggested" if _HEDGE.search(tpl[:pos]) and src else "asserted"
        rels.append(RelationRecord(str(subject.iri), kind, str(obj.iri), src, stance, span, rule))

    # Names that carry their backer: "Iran-backed militias", "pro-Iranian forces", "militias supported by Iran".
    for i, (ent, mention) in enumerate(zip(sent.ents, sent.mentions, strict=False)):
        m = _BACKED_ALIAS.search(fold(mention.text))
        if not m:
            continue
        name = m.group("pro") or m.group("x") or m.group("px") or m.group("by")
        backer = _state_from_word(lex, name)
        pos = tpl.index(f"⟨{i}⟩")
        add(backer, "backs", ent if ent.kind != "UnnamedSource" and ent.kind != "Official" else _inner_group(lex, mention.text), pos,
            "relation.backed-name")
        sm = re.match(rf"(?:\s+\w+)?,?\s+(?:such as|like|including|among them)\s+(?:the\s+)?({ENTLIST})", tpl[pos + len(f"⟨{i}⟩"):])
        if sm:
            for o in _tokens(sm.group(1)):
                add(backer, "backs", sent.ents[o], pos, "relation.backed-name-such-as")
    tokens = tpl.count("⟨")
    for rule, kind, pattern, direction, needs in _REL_PATTERNS:
        if tokens < needs:
            continue
        for m in pattern.finditer(tpl):
            g = m.groupdict()
            if direction == "so":
                subj_toks = _tokens(g["s"]) if g.get("s") else []
                subjects = [sent.ents[t] for t in subj_toks]
                if kind == "opposes":
                    subjects = [_state_of(lex, e) for e in subjects]
                if g.get("sx"):
                    subjects = [x for x in [_state_from_word(lex, g["sx"])] if x]
                for o in _tokens(g["o"]):
                    obj = _state_of(lex, sent.ents[o]) if kind == "opposes" else sent.ents[o]
                    for s in subjects:
                        add(s, kind, obj, m.start(), rule)
            elif direction == "backer":
                backer = _backer_before(sent, m.start(), lex)
                for o in _tokens(g["o"]):
                    add(backer, kind, sent.ents[o], m.start(), rule)
            elif direction == "state-backs":
                s, o = sent.ents[int(g["s"][1:-1])], sent.ents[int(g["o"][1:-1])]
                if s.kind in STATE_KINDS and o.kind not in STATE_KINDS:
                    add(s, kind, o, m.start(), rule)
            elif direction == "members":
                umbrella = sent.ents[int(g["u"][1:-1])]
                if umbrella.kind not in ("UmbrellaGroup", "Coalition") and rule == "relation.including-members":
                    continue
                for o in _tokens(g["o"]):
                    member = sent.ents[o]
                    if member.kind not in ("UnnamedSource", "Official") and not member.is_place:
                        add(member, kind, umbrella, m.start(), rule)
            elif direction == "arms":
                s, o = sent.ents[int(g["s"][1:-1])], sent.ents[int(g["o"][1:-1])]
                # Arms to a state are arms supply; to an armed group, sponsorship.
                k = "supplies_arms" if o.kind in STATE_KINDS else "backs"
                add(s, k, o, m.start(), rule)


def _state_of(lex: Lexicon, ent: Entity) -> Entity:
    """The state a force or agency belongs to; the entity itself otherwise."""
    if ent.kind in ("StateForce", "StateAgency"):
        states = sorted(t for t in lex.ties.get(ent.iri, ()) if t in lex.entities and lex.entities[t].kind == "State")
        if len(states) == 1:
            return lex.entities[states[0]]
    return lex.as_actor(ent)


def _state_from_word(lex: Lexicon, word: str) -> Entity | None:
    raw = word.strip()
    word = raw.rstrip(".")
    for cand in (raw, word, word.upper(), word.title()):
        e = lex.lookup(cand)
        if e is not None and not e.is_place:
            return e
    if e := lex.lookup(word):
        # A country name used as backer ("Iran-backed") stands for its state.
        return lex.lookup(e.label) if not e.is_place else _state_of_country(lex, e)
    return None


def _state_of_country(lex: Lexicon, place: Entity) -> Entity | None:
    cand = lex.entities.get(URIRef(str(ACTOR) + place.key))
    return cand if cand is not None and cand.kind == "State" else None


def _inner_group(lex: Lexicon, text: str) -> Entity | None:
    found = [m.entity for m in lex.find(text) if not m.entity.is_place and m.entity.kind in ("Militia", "ArmedGroup", "UmbrellaGroup")]
    return found[-1] if found else None


def _backer_before(sent: _Sentence, pos: int, lex: Lexicon) -> Entity | None:
    for m in reversed(list(_TOKEN.finditer(sent.tpl, 0, pos))):
        ent = lex.as_actor(sent.ents[int(m.group(1))])
        if ent.kind in STATE_KINDS:
            # Sponsorship is a state's act: "Iranian troops and proxy militias" → Iran.
            states = [lex.entities[t] for t in lex.ties.get(ent.iri, ()) if t in lex.entities and lex.entities[t].kind == "State"]
            return states[0] if ent.kind != "State" and len(states) == 1 else ent
    m = re.search(r"\b(Iranian|Iran's|Russian|American|Turkish|Israeli|Saudi|Emirati|Qatari|Syrian)\b", sent.tpl[:pos])
    return _state_from_word(lex, m.group(1).replace("'s", "")) if m else None


