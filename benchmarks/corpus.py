"""A synthetic, deterministic corpus of strike reports for benchmarks.

Articles recombine the sentence structures of real reporting (hedged attribution, blame, denials,
refusals to comment, claims of responsibility, "not immediately clear who", casualty and vehicle
figures, backing and membership ties) with places, actors, sources and dates drawn from the
gazetteer, padded with background paragraphs to realistic lengths. About a third of the articles
report a strike an earlier article already reported (same place, day, means and target; another
outlet, other sources and figures), so that merging has work to do.

`generate(n, out_dir, seed)` writes the articles and `expected.jsonl`, the strike and claims each
article was generated from. The same n and seed always give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SKOS

from strikegraph.lexicon import Entity, Lexicon, slug
from strikegraph.namespaces import ACTOR, SG

EXPECTED = "expected.jsonl"
DUPLICATE_SHARE = 0.3
MIN_BYTES, MAX_BYTES = 2048, 8192
UNNAMED = "unnamed"  # expected source of claims by an unnamed source ("an Iraqi security source")

Claim = dict[str, Any]

_NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_FIRST = dt.date(2019, 1, 1)
_DAYS = 6 * 365

# Who strikes where, whom, and who reports it: gazetteer keys (actor:/place: local names).
_THEATRES: dict[str, dict[str, list[str]]] = {
    "syria": {
        "perpetrators": ["israel", "usa", "us-led-coalition", "turkey", "idf", "israeli-air-force", "centcom"],
        "targets": ["iran-backed-militias", "hezbollah", "fatemiyoun", "irgc", "zainabiyoun", "saraya-al-khorasani",
                    "liwa-al-baqir", "quds-force"],
        "reporters": ["sohr", "deir-ezzor-24", "sana", "sham-fm", "step-news-agency", "euphrates-post", "syrian-state-tv",
                      "enab-baladi", "north-press-agency", "al-arabiya", "al-hadath", "sky-news-arabia"],
    },
    "iraq": {
        "perpetrators": ["usa", "israel", "centcom", "us-led-coalition", "turkey"],
        "targets": ["kataib-hezbollah", "harakat-al-nujaba", "pmf", "kataib-sayyid-al-shuhada", "asaib-ahl-al-haq",
                    "badr-organization", "iraqi-militias"],
        "reporters": ["security-media-cell", "iraqi-news-agency", "al-sumaria", "shafaq-news", "rudaw", "kurdistan-24",
                      "al-arabiya", "reuters", "associated-press"],
    },
    "lebanon": {
        "perpetrators": ["israel", "idf", "israeli-air-force"],
        "targets": ["hezbollah", "radwan-force", "hamas", "amal-movement"],
        "reporters": ["al-manar", "al-mayadeen", "al-jazeera", "reuters", "afp", "times-of-israel"],
    },
    "yemen": {
        "perpetrators": ["usa", "uk", "centcom", "arab-coalition", "israel"],
        "targets": ["houthis"],
        "reporters": ["al-masirah", "saba", "al-arabiya", "reuters", "associated-press", "al-jazeera"],
    },
}
# Attacks on bases by Iran-backed groups (the Ain al-Asad pattern): who claims them, who speaks for the base.
_BASE_ATTACKERS = ["islamic-resistance-in-iraq", "kataib-hezbollah", "harakat-al-nujaba", "kataib-sayyid-al-shuhada"]
_MONITOR_DESC = ["a Britain-based war monitor", "an opposition war monitor", "a monitoring group", "which tracks the conflict"]
_UNNAMED_SOURCES = {
    "syria": ["Syrian opposition activists", "a local official", "two local sources", "a Syrian military source"],
    "iraq": ["an Iraqi security source", "two Iraqi security sources", "a senior militia commander", "an Iraqi official"],
    "lebanon": ["a Lebanese security source", "a local official", "two security sources"],
    "yemen": ["a Yemeni official", "local residents", "a Houthi official"],
}
_ADJ = {"syria": "Syrian", "iraq": "Iraqi", "lebanon": "Lebanese", "yemen": "Yemeni"}
_REGION = {"syria": "eastern Syria", "iraq": "western Iraq", "lebanon": "southern Lebanon", "yemen": "western Yemen"}

_MEANS = {  # means class → (noun with article, bare plural for "the … appear to have been from")
    "DroneStrike": ("a drone strike", "drones"),
    "Airstrike": ("an airstrike", "warplanes"),
    "MissileStrike": ("a missile strike", "missiles"),
}
_TARGETS = {  # target kind → (phrase after "on"/"hit", expected target kinds)
    "convoy": ("a convoy of trucks", ["convoy", "truck"]),
    "depot": ("a weapons depot", ["weapons_depot"]),
    "vehicle": ("a vehicle", ["vehicle"]),
    "building": ("a building", ["building"]),
    "base": ("the {base}", ["base"]),
}


@dataclass(frozen=True)
class Strike:
    key: str
    country: str
    place: Entity
    date: dt.date
    means: str
    target: str
    perpetrator: str  # actor key: who the reports, on balance, point at
    victim: str  # actor key: whose people or assets were hit


@dataclass
class _Pools:
    lex: Lexicon
    names: dict[str, list[str]]  # actor key → names that resolve back to it
    place_names: dict[str, list[str]]  # place key → names that resolve back to it
    places: dict[str, list[Entity]]  # country → settlements
    bases: list[Entity]
    monitors: list[str]
    outlets: list[str]
    backs: list[tuple[str, str]]
    part_of: list[tuple[str, str]]
    allied: list[tuple[str, str]]


@dataclass
class _Article:
    paragraphs: list[list[str]] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def say(self, text: str, *claims: Claim) -> None:
        self.paragraphs[-1].append(text)
        self.claims.extend(claims)

    def paragraph(self) -> None:
        self.paragraphs.append([])


# =================================================================================================
# Entry point
# =================================================================================================

def generate(n: int, out_dir: Path, seed: int = 0) -> list[Path]:
    """Write `n` articles and `expected.jsonl` into `out_dir`; return the article paths in order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pools = _pools()
    rng = random.Random(seed)
    strikes: list[Strike] = []
    used: set[tuple[str, dt.date]] = set()
    paths: list[Path] = []
    records: list[str] = []
    for i in range(n):
        duplicate_of: int | None = None
        if strikes and rng.random() < DUPLICATE_SHARE:
            # Follow-up reports cluster on recent strikes, as news does.
            duplicate_of = rng.randrange(max(0, len(strikes) - 50), len(strikes))
            strike = strikes[duplicate_of]
        else:
            strike = _new_strike(rng, pools, len(strikes), used)
            strikes.append(strike)
        text, meta, claims = _article(rng, pools, strike, i, follow_up=duplicate_of is not None)
        stem = f"bench-{i:06d}-{hashlib.sha1(f'{seed}/{i}'.encode()).hexdigest()[:8]}"
        path = out_dir / f"{stem}.txt"
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
        records.append(json.dumps({
            "file": path.name,
            "published": meta["published"],
            "outlet": meta["outlet"],
            "strike": {"id": strike.key, "place": str(strike.place.iri), "date": strike.date.isoformat(),
                       "means": strike.means, "targets": _target_kinds(strike), "perpetrator": str(ACTOR[strike.perpetrator]),
                       "victim": str(ACTOR[strike.victim]), "first_report": duplicate_of is None},
            "claims": claims,
        }, sort_keys=True, ensure_ascii=False))
    (out_dir / EXPECTED).write_bytes(("\n".join(records) + "\n").encode("utf-8") if records else b"")
    return paths


# =================================================================================================
# Reference data
# =================================================================================================

def _pools() -> _Pools:
    from strikegraph.build import lexicon
    from strikegraph.reference import reference_graphs

    lex = lexicon()
    gaz: Graph = reference_graphs()[1]
    names: dict[str, list[str]] = {}
    place_names: dict[str, list[str]] = {}
    for iri, ent in sorted(lex.entities.items()):
        candidates = [str(x) for x in [*gaz.objects(iri, SKOS.prefLabel), *sorted(gaz.objects(iri, SKOS.altLabel))]]
        # Only spellings the lexicon reads back as this very entity: an ambiguous alias would make
        # the expected claims wrong, not the extraction.
        ok: list[str] = []
        for name in candidates:
            bare = name[4:] if name.lower().startswith("the ") else name
            hit = lex.lookup(bare)
            if hit is not None and hit.iri == iri and name not in ok and "(" not in name:
                ok.append(name)
        if ok:
            (place_names if ent.is_place else names)[ent.key] = ok
    places: dict[str, list[Entity]] = {c: [] for c in _THEATRES}
    bases: list[Entity] = []
    for ent in sorted(lex.entities.values(), key=lambda e: str(e.iri)):
        if not ent.is_place or ent.key not in place_names:
            continue
        country = lex.country_of(ent.iri)
        ckey = str(country).rsplit("/", 1)[-1] if country else None
        if ent.kind == "Settlement" and ckey in places:
            places[ckey].append(ent)
        elif ent.kind == "MilitaryBase" and ckey in ("syria", "iraq"):
            bases.append(ent)
    kinds = {e.key: e.kind for e in lex.entities.values() if not e.is_place}
    monitors = sorted(k for k, v in kinds.items() if v == "Monitor" and k in names)
    outlets = sorted(k for k, v in kinds.items() if v in ("NewsOutlet", "NewsAgency") and k in names)

    def ties(prop: URIRef) -> list[tuple[str, str]]:
        out = []
        for claim in gaz.subjects(RDF.type, SG.RelationClaim):
            s = gaz.value(claim, SG.relationSubject)
            for o in gaz.objects(claim, prop):
                a, b = str(s).rsplit("/", 1)[-1], str(o).rsplit("/", 1)[-1]
                if a in names and b in names and str(s).startswith(str(ACTOR)):
                    out.append((a, b))
        return sorted(set(out))

    return _Pools(lex, names, place_names, places, bases, monitors, outlets, ties(SG.claimedBacks), ties(SG.claimedPartOf),
                  ties(SG.claimedAlliedWith))


def _new_strike(rng: random.Random, pools: _Pools, index: int, used: set[tuple[str, dt.date]]) -> Strike:
    while True:
        base_attack = rng.random() < 0.15
        if base_attack:
            country = "iraq"
            place = rng.choice(pools.bases)
            c = pools.lex.country_of(place.iri)
            country = str(c).rsplit("/", 1)[-1] if c else "iraq"
            target, means = "base", rng.choice(["DroneStrike", "DroneStrike", "MissileStrike"])
            perpetrator, victim = rng.choice(_BASE_ATTACKERS), rng.choice(["usa", "us-led-coalition"])
        else:
            country = rng.choices(list(_THEATRES), weights=[5, 3, 2, 1])[0]
            place = rng.choice(pools.places[country])
            theatre = _THEATRES[country]
            target = rng.choice(["convoy", "convoy", "depot", "vehicle", "building"])
            means = rng.choice(list(_MEANS))
            perpetrator = rng.choice([p for p in theatre["perpetrators"] if p in pools.names])
            victim = rng.choice([t for t in theatre["targets"] if t in pools.names])
        date = _FIRST + dt.timedelta(days=rng.randrange(_DAYS))
        # One strike per place and day, so that only intended duplicates merge.
        if (str(place.iri), date) not in used:
            used.add((str(place.iri), date))
            return Strike(f"s{index:06d}", country, place, date, means, target, perpetrator, victim)


def _target_kinds(s: Strike) -> list[str]:
    return list(_TARGETS[s.target][1])


# =================================================================================================
# Articles
# =================================================================================================

def _article(rng: random.Random, pools: _Pools, s: Strike, index: int, *,
             follow_up: bool) -> tuple[str, dict[str, str], list[Claim]]:
    lag = rng.randint(1, 5 if follow_up else 2)
    published = s.date + dt.timedelta(days=lag)
    outlet = rng.choice(pools.outlets)
    g = _Gen(rng, pools, s, published)
    art = _Article()
    art.paragraph()
    g.lead(art)
    g.claims(art)
    background = g.background(art)
    # Background paragraphs until the article reaches a length drawn for it, within the size bounds.
    target_len = rng.randint(MIN_BYTES + 400, MAX_BYTES - 900)
    title = g.title()
    meta = {"title": title, "url": f"https://example.org/{slug(pools.names[outlet][0])}/{published.isoformat()}/"
                                   f"{slug(title)[:60]}-{index}",
            "published": published.isoformat(), "outlet": pools.names[outlet][0], "language": "en"}
    filler = _filler_paragraphs(rng, pools, s)
    while True:
        text = _render(meta, art.paragraphs + background)
        size = len(text.encode("utf-8"))
        if size >= target_len or not filler:
            break
        extra = filler.pop()
        if size + len(extra.encode("utf-8")) + 2 > MAX_BYTES - 64:
            break
        background.insert(rng.randrange(len(background) + 1), [extra])
    return text, meta, art.claims


def _render(meta: dict[str, str], paragraphs: list[list[str]]) -> str:
    head = "---\n" + "".join(f"{k}: {json.dumps(meta[k], ensure_ascii=False)}\n"
                             for k in ("title", "url", "published", "outlet", "language")) + "---\n"
    return head + "\n\n".join(" ".join(p) for p in paragraphs if p) + "\n"


def _att(actor: str | None, source: str | None, stance: str) -> Claim:
    return {"kind": "attribution", "actor": str(ACTOR[actor]) if actor else None,
            "source": source if source in (None, UNNAMED) else str(ACTOR[source]), "stance": stance}


def _fig(quantity: str, low: int, high: int | None, source: str | None) -> Claim:
    return {"kind": "figure", "quantity": quantity, "low": low, "high": high,
            "source": source if source in (None, UNNAMED) else str(ACTOR[source])}


def _rel(subject: str, kind: str, obj: str) -> Claim:
    return {"kind": "relation", "subject": str(ACTOR[subject]), "relation": kind, "object": str(ACTOR[obj])}


def _is_acronym(name: str) -> bool:
    return name.replace(".", "").isupper()


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Gen:
    """Sentences about one strike for one article; every sentence states what it claims."""

    def __init__(self, rng: random.Random, pools: _Pools, s: Strike, published: dt.date) -> None:
        self.rng, self.pools, self.s, self.published = rng, pools, s, published
        theatre = _THEATRES.get(s.country, _THEATRES["iraq"])
        self.reporters = [r for r in theatre["reporters"] if r in pools.names]
        self.used_sources: list[str] = []

    # -- names --------------------------------------------------------------------------------

    def name(self, key: str) -> str:
        """A spelling of a gazetteer entity (mostly its preferred label), with 'the' where English wants it."""
        names = self.pools.names[key]
        n = names[0] if len(names) == 1 or self.rng.random() < 0.6 else self.rng.choice(names[1:])
        if n.startswith("The "):
            return "the " + n[4:]
        if n.lower().startswith("the ") or _is_acronym(n):
            return n
        ent = self.pools.lex.entities.get(URIRef(str(ACTOR) + key))
        kind = ent.kind if ent is not None else ""
        needs_the = (n[:1].islower() or kind in ("Monitor", "Coalition", "UmbrellaGroup", "StateForce", "StateAgency")
                     or n.startswith(("U.S.", "US-", "Islamic", "Popular"))
                     or n.endswith((" government", " administration", " state", " Forces", " Brigades", " Agency", " Network")))
        return "the " + n if needs_the else n

    def place(self) -> str:
        return self.rng.choice(self.pools.place_names[self.s.place.key])

    def source(self) -> tuple[str, str]:
        """(text, key) of a named reporting source not yet used in this article, or an unnamed one."""
        free = [r for r in self.reporters + self.pools.monitors if r not in self.used_sources]
        if free and self.rng.random() < 0.8:
            key = self.rng.choice(free)
            self.used_sources.append(key)
            return self.name(key), key
        return self.rng.choice(_UNNAMED_SOURCES.get(self.s.country, _UNNAMED_SOURCES["iraq"])), UNNAMED

    def monitor(self) -> tuple[str, str]:
        free = [m for m in self.pools.monitors if m not in self.used_sources] or self.pools.monitors
        key = self.rng.choice(free)
        self.used_sources.append(key)
        return self.name(key), key

    def when(self) -> str:
        """How the text dates the strike; every form resolves to the strike's day given the publication date."""
        d = self.s.date
        wd = _WEEKDAYS[d.weekday()]
        forms = [f"on {wd}", f"late on {wd}", f"early on {wd}", f"on {wd} night", f"on {d.day} {_MONTHS[d.month - 1]} {d.year}",
                 f"on {_MONTHS[d.month - 1]} {d.day}, {d.year}"]
        return self.rng.choice(forms)

    def number(self, n: int) -> str:
        return _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) and self.rng.random() < 0.5 else str(n)

    def title(self) -> str:
        s = self.s
        means = {"DroneStrike": "Drone strike", "Airstrike": "Airstrike", "MissileStrike": "Missile strike"}[s.means]
        what = {"convoy": "convoy", "depot": "weapons depot", "vehicle": "vehicle", "building": "building",
                "base": "base"}[s.target]
        return f"{means} hits {what} near {self.s.place.label}"

    # -- the strike ---------------------------------------------------------------------------

    def target_phrase(self) -> str:
        s = self.s
        if s.target == "base":
            return f"the {self.place()}" if not self.place().lower().startswith("the ") else self.place()
        return _TARGETS[s.target][0]

    def lead(self, art: _Article) -> None:
        s, rng = self.s, self.rng
        src, skey = self.source()
        region = _REGION.get(s.country, "the region")
        if s.target == "base":
            attacker = self.name(s.perpetrator)
            noun = "drone attack" if s.means == "DroneStrike" else "missile attack"
            form = rng.randrange(2)
            if form == 0:
                art.say(f"{_cap(attacker)} claimed responsibility for a {noun} on {self.target_phrase()} {self.when()}.",
                        _att(s.perpetrator, s.perpetrator, "acknowledged"))
            else:
                art.say(f"{_cap(noun.replace('attack', 'strike').replace('missile strike', 'missiles'))} targeted "
                        f"{self.target_phrase()} in {region} {self.when()}, {src} said.")
                self.used_sources.append(skey)
            return
        means_np, _plural = _MEANS[s.means]
        where = f"near {self.place()}"
        form = rng.randrange(4)
        if form == 0:
            art.say(f"{_cap(means_np)} hit {_TARGETS[s.target][0]} {where} {self.when()}, {src} said.")
        elif form == 1:
            art.say(f"{_cap(means_np)} targeted {_TARGETS[s.target][0]} {where} in {region} {self.when()}, according to {src}.")
        elif form == 2:
            actor = self.name(s.perpetrator)
            art.say(f"{_cap(actor)} carried out {means_np} on {_TARGETS[s.target][0]} {where} {self.when()}, {src} reported.",
                    _att(s.perpetrator, skey, "asserted"))
        else:
            n = rng.randint(2, 30)
            art.say(f"{_cap(means_np)} on {_TARGETS[s.target][0]} {where} {self.when()} killed {self.number(n)} members of "
                    f"{self.name(s.victim)}, {src} said.", _fig("killed", n, n, skey))

    # -- claims -------------------------------------------------------------------------------

    def claims(self, art: _Article) -> None:
        s, rng = self.s, self.rng
        suspects = [s.perpetrator]
        if s.target != "base":
            others = [p for p in _THEATRES[s.country]["perpetrators"] if p != s.perpetrator and p in self.pools.names]
            if others and rng.random() < 0.4:
                suspects.append(rng.choice(others))  # reports disagree on who did it
        steps: list[Callable[[_Article], None]] = []
        if rng.random() < 0.35:
            steps.append(self.unknown)
        for who in suspects:
            steps.append(lambda a, who=who: self.attribute(a, who))
            if rng.random() < 0.5:
                steps.append(lambda a, who=who: self.answer(a, who))
        for _ in range(rng.randint(1, 3)):
            steps.append(self.figure)
        rng.shuffle(steps)
        for i, step in enumerate(steps):
            if i in (1, 3):
                art.paragraph()
            step(art)

    def unknown(self, art: _Article) -> None:
        rng = self.rng
        form = rng.randrange(3)
        if form == 0:
            art.say(f"It was not immediately clear who was behind the attack {self._on_target()}.",
                    _att(None, None, "unknown"))
        elif form == 1:
            art.say("No group has claimed responsibility for the strike.", _att(None, None, "unknown"))
        else:
            src, key = self.source()
            art.say(f"{_cap(src)} said the source of the strike was not yet known.", _att(None, key, "unknown"))

    def _on_target(self) -> str:
        return {"convoy": "on the convoy", "depot": "on the depot", "vehicle": "on the vehicle",
                "building": "on the building", "base": "on the base"}[self.s.target]

    def attribute(self, art: _Article, actor: str) -> None:
        rng = self.rng
        form = rng.randrange(5)
        a = self.name(actor)
        if form == 0:
            mon, key = self.monitor()
            plural = _MEANS.get(self.s.means, ("", "drones"))[1]
            art.say(f"{_cap(mon)}, {rng.choice(_MONITOR_DESC)}, said the {plural} in the strike appear to have been from {a}.",
                    _att(actor, key, "suggested"))
        elif form == 1:
            src, key = self.source()
            art.say(f"{_cap(src)} said {a} was likely behind the strike.", _att(actor, key, "suggested"))
        elif form == 2:
            src, key = self.source()
            art.say(f"{_cap(src)} blamed the attack on {a}.", _att(actor, key, "blamed"))
        elif form == 3:
            src, key = self.source()
            art.say(f"{_cap(src)} held {a} responsible for the strike.", _att(actor, key, "blamed"))
        else:
            src, key = self.source()
            art.say(f"{_cap(src)} reported that {a} carried out the strike.", _att(actor, key, "asserted"))

    def answer(self, art: _Article, actor: str) -> None:
        """The accused's own voice: a denial, a refusal to comment or an acknowledgement."""
        rng = self.rng
        a = _cap(self.name(actor))
        form = rng.randrange(4)
        if form == 0:
            art.say(f"{a} denied any involvement in the attack.", _att(actor, actor, "denied"))
        elif form == 1:
            art.say(f"{a} declined to comment on the strike.", _att(actor, actor, "declined_comment"))
        elif form == 2:
            art.say(f"{a} did not immediately comment on the strike.", _att(actor, actor, "declined_comment"))
        else:
            art.say(f"{a} said it carried out the strike in response to attacks on its forces.",
                    _att(actor, actor, "acknowledged"))

    def figure(self, art: _Article) -> None:
        rng = self.rng
        s = self.s
        form = rng.randrange(5)
        src, key = self.source()
        if form == 0:
            n = rng.randint(3, 40)
            art.say(f"At least {n} people, most of them militiamen, were killed in the strike, {src} said.",
                    _fig("killed", n, None, key))
        elif form == 1:
            lo = rng.randint(2, 30)
            hi = lo + rng.randint(2, 30)
            art.say(f"Between {lo} and {hi} fighters were killed in the strike, according to {src}.",
                    _fig("killed", lo, hi, key))
        elif form == 2 and s.target == "convoy":
            n = rng.randint(3, 30)
            art.say(f"According to {src}, the convoy included {self.number(n)} trucks.", _fig("trucks", n, n, key))
        elif form == 3:
            n = rng.randint(2, 25)
            art.say(f"{_cap(src)} said {self.number(n)} people were wounded in the attack.", _fig("wounded", n, n, key))
        else:
            art.say(f"{_cap(src)} said there were casualties in the attack and ambulances rushed to the area.")

    # -- background: ties between actors, then filler ----------------------------------------

    def background(self, art: _Article) -> list[list[str]]:
        rng, pools = self.rng, self.pools
        paras: list[list[str]] = []
        sentences: list[str] = []
        if rng.random() < 0.6 and pools.backs:
            s, o = rng.choice(pools.backs)
            form = rng.randrange(2)
            if form == 0:
                sentences.append(f"{_cap(self.name(o))}, which is backed by {self.name(s)}, has a strong presence in the area.")
            else:
                sentences.append(f"{_cap(self.name(s))} is a main backer of {self.name(o)}.")
            art.claims.append(_rel(s, "backs", o))
        if rng.random() < 0.4 and pools.part_of:
            m, u = rng.choice(pools.part_of)
            sentences.append(f"{_cap(self.name(m))}, which is part of {self.name(u)}, has a strong presence along the border.")
            art.claims.append(_rel(m, "part_of", u))
        if rng.random() < 0.3:
            umbrella = "islamic-resistance-in-iraq"
            members = sorted({m for m, u in pools.part_of if u == umbrella})
            if len(members) >= 2:
                a, b = rng.sample(members, 2)
                sentences.append(f"{_cap(self.name(umbrella))}, an umbrella of armed factions including {self.name(a)} and "
                                 f"{self.name(b)}, has vowed to continue its attacks.")
                art.claims.extend([_rel(a, "part_of", umbrella), _rel(b, "part_of", umbrella)])
        if rng.random() < 0.3 and pools.allied:
            s, o = rng.choice(pools.allied)
            sentences.append(f"{_cap(self.name(s))} is also allied with {self.name(o)}.")
            art.claims.append(_rel(s, "allied_with", o))
        if sentences:
            paras.append(sentences)
        return paras


# Context sentences: no strike of their own and no claims, so they only add length and noise.
_FILLER = [
    "The area has changed hands several times since the start of the war.",
    "Control of the roads along the river remains divided between rival forces.",
    "Residents say checkpoints have multiplied over the past year and that travel between villages now takes hours.",
    "Humanitarian agencies have warned that fuel shortages and rising prices are deepening hardship for families in {region}.",
    "Aid workers describe long queues for bread and cooking gas, and schools that have been closed for weeks.",
    "Diplomats in {capital} said talks on easing tensions had stalled, with each side accusing the other of bad faith.",
    "Regional governments have called for restraint and warned of a wider war.",
    "The border region is a key corridor for fighters and supplies moving between {country} and its neighbours.",
    "Smuggling of fuel, cigarettes and livestock has long been a source of income for local tribes.",
    "Analysts say the pattern of incidents reflects a shadow conflict that neither side is willing to acknowledge in full.",
    "Public statements are rare, and details often emerge only through local media and social networks.",
    "Israeli officials have acknowledged carrying out hundreds of strikes in Syria over the past decade.",
    "Local media published photographs said to show burned-out vehicles beside the road.",
    "The images could not be independently verified.",
    "Communications in the area are patchy and access for journalists is restricted.",
    "The economy of {region} depends on agriculture and on oil fields damaged repeatedly during the war.",
    "Electricity is available for only a few hours a day in many towns.",
    "Tensions in the region have risen sharply in recent months, with frequent attacks reported on both sides of the border.",
    "The United Nations has repeatedly called on all parties to respect international humanitarian law and to protect civilians.",
    "Displacement in {region} has reached its highest level in {years} years, according to figures published in {capital}.",
    "Observers note that the timing coincides with a period of intense diplomatic activity.",
    "Senior envoys have visited {capital} {times} times this year to discuss prisoner exchanges and border security.",
    "Militias in the area have built up a network of depots, checkpoints and training camps over several years.",
    "Researchers who track the conflict say recruitment among unemployed young men has grown.",
    "Prices of basic goods in {town} have more than doubled since the start of the year.",
    "Farmers near {town} say the harvest was poor after a dry winter and a shortage of diesel for irrigation pumps.",
    "A bridge on the main road out of {town} has been closed for repairs since the spring floods.",
    "Teachers in {town} have not been paid for {months} months, local councils said in a statement last week.",
    "Several families returned to {town} this year after spending most of the war in camps further north.",
    "The local council in {town} has appealed for help to rebuild water pipes and the main clinic.",
    "Mobile phone coverage around {town} is often cut for days at a time.",
    "Traders crossing into {country} say delays at the crossings have grown longer this season.",
    "Both governments have promised to improve coordination on the border, but little has changed on the ground.",
    "Exiled opposition figures called for an international investigation into abuses in {region}.",
    "Officials in {capital} have long said foreign forces on their soil are there without permission.",
    "Rights groups have documented arbitrary arrests at checkpoints across {region}.",
    "Oil smuggling networks operating from the desert have proved hard to dismantle.",
    "The river valley has been a route for traders and armies for centuries.",
    "Tribal leaders meet regularly to settle disputes over land and water.",
    "Local journalists say they face pressure from all sides when reporting on security incidents.",
    "Winter temperatures in the desert can drop below freezing, and many displaced families live in tents.",
    "The main hospital in {town} has only two working generators and relies on donated fuel.",
    "Young men from {town} increasingly try to leave for Europe, paying smugglers thousands of dollars.",
    "A cholera outbreak last year stretched the few clinics that still operate in {region}.",
    "Water levels in the river have fallen to their lowest in decades, officials in {capital} said this month.",
    "Reconstruction has barely begun in most towns, and rubble still lines many streets.",
    "Land disputes between returning families and newcomers are common and often end up before tribal courts.",
    "The currency has lost much of its value against the dollar over the past {years} years.",
    "Public sector salaries no longer cover a family's monthly food basket, economists say.",
    "Weddings and funerals in {town} have become smaller as families cut spending.",
    "Shepherds near {town} say they avoid grazing near the old front lines because of unexploded ordnance.",
    "Demining teams have cleared only a fraction of the contaminated land around {town}.",
    "Universities in {capital} report a sharp drop in applications from students in {region}.",
    "Bakeries in {town} have reduced the weight of a bundle of bread to keep prices unchanged.",
    "Local radio stations broadcast warnings about road closures several times a day.",
    "International donors pledged new funds for {country} this spring, but aid agencies say the money arrives slowly.",
    "Smugglers charge high fees to move people and goods across the desert at night.",
    "The old market in {town} reopened last year after extensive repairs funded by a local charity.",
    "Heat waves in the summer months regularly push temperatures above 45 degrees Celsius.",
    "Many of the region's doctors have left, and those who remain work long shifts in several clinics.",
    "Power cuts force shopkeepers in {town} to rely on private generators that run on expensive diesel.",
    "A new road linking {town} to the provincial centre was announced but has not been started.",
    "Community leaders say young people lack work and that idleness feeds recruitment by armed groups.",
    "The provincial authorities have promised to restore the water station that serves {town}.",
    "Families in {region} spend a growing share of their income on medicine, according to a recent survey.",
    "Aid convoys to {region} need permits from several authorities, which can take weeks to obtain.",
    "Schools in {town} run two or three shifts a day because so many buildings were damaged.",
    "Local officials in {town} say the population has grown by a third since displaced families arrived.",
    "The price of a cylinder of cooking gas has risen {times} times in the past year.",
]
_CAPITALS = {"syria": "Damascus", "iraq": "Baghdad", "lebanon": "Beirut", "yemen": "Sanaa"}
_COUNTRY = {"syria": "Syria", "iraq": "Iraq", "lebanon": "Lebanon", "yemen": "Yemen"}


def _filler_paragraphs(rng: random.Random, pools: _Pools, s: Strike) -> list[str]:
    """Paragraphs of two to four context sentences, each sentence used once per article."""
    towns = [p.label for p in pools.places.get(s.country, []) if p != s.place] or [s.place.label]
    order = list(_FILLER)
    rng.shuffle(order)
    paragraphs: list[str] = []
    while order:
        k = min(len(order), rng.randint(2, 4))
        part, order = order[:k], order[k:]
        paragraphs.append(" ".join(x.format(
            region=_REGION.get(s.country, "the region"), capital=_CAPITALS.get(s.country, "Baghdad"),
            country=_COUNTRY.get(s.country, "Iraq"), town=rng.choice(towns), years=rng.randint(5, 15),
            times=rng.choice(_NUMBER_WORDS[2:8]), months=rng.choice(_NUMBER_WORDS[2:10])) for x in part))
    return paragraphs
