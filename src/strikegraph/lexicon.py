"""Names → gazetteer entities: a matcher over every label and alias, plus the place hierarchy and
actor affiliations the extraction rules consult."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from .namespaces import ACTOR, PLACE, SG

# Most specific first: the first class an entity has in this list is its kind.
PLACE_CLASSES = ("MilitaryBase", "BorderCrossing", "Facility", "Settlement", "District", "Governorate", "WaterBody",
                 "AdministrativeArea", "Region", "Country", "Place")
ACTOR_CLASSES = ("Commander", "Official", "Person", "UmbrellaGroup", "Militia", "ArmedGroup", "Coalition",
                 "StateForce", "StateAgency", "State", "Monitor", "NewsAgency", "NewsOutlet",
                 "ResearchInstitute", "ReportingOrganisation", "UnnamedSource", "Actor")
# How precise a place is, for choosing the most precise place named (higher is more precise).
PLACE_PRECISION = {"MilitaryBase": 6, "BorderCrossing": 6, "Facility": 6, "Settlement": 5, "District": 4,
                   "Governorate": 3, "AdministrativeArea": 3, "WaterBody": 2, "Region": 2, "Country": 1, "Place": 0}
SOURCE_KINDS = {"Monitor", "NewsAgency", "NewsOutlet", "ResearchInstitute", "ReportingOrganisation", "UnnamedSource"}
STATE_KINDS = {"State", "StateForce", "StateAgency"}

# Typographic variants that must match their ASCII forms; each maps one character to one, so
# offsets in the folded text are offsets in the original.
_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "‐": "-", "‑": "-", "–": "-", "—": "-",
                       "“": '"', "”": '"', "\u00a0": " "})


_FOLD_PAIRS = tuple((chr(k), v) for k, v in _FOLD.items())
_FOLD_ASCII_PAIRS = tuple((a, b) for a, b in _FOLD_PAIRS if a.isascii())  # "`"


def _fold_chars(text: str) -> str:
    """text.translate(_FOLD), as one str.replace per character (many times faster than translate; each
    variant maps to a character that is no variant, so the order does not matter)."""
    for a, b in _FOLD_ASCII_PAIRS if text.isascii() else _FOLD_PAIRS:
        if a in text:
            text = text.replace(a, b)
    return text


def fold(text: str) -> str:
    """Lower-case and fold typographic variants, keeping the length (and so every offset)."""
    out = _fold_chars(text)
    if out.isascii():  # the common case, and str.lower() keeps ASCII lengths
        return out.lower()
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in out)


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Stable ASCII key for IRIs: 'Iraqi security source' → 'iraqi-security-source'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", text.lower()).strip("-") or "x"


@dataclass(frozen=True)
class Entity:
    iri: URIRef
    key: str
    label: str
    kind: str  # local name of the most specific sg class
    is_place: bool

    @property
    def precision(self) -> int:
        return PLACE_PRECISION.get(self.kind, 0)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    entity: Entity


@dataclass
class Lexicon:
    entities: dict[URIRef, Entity]
    names: dict[str, set[URIRef]]  # folded name → entities
    exact_names: dict[str, set[URIRef]]  # acronyms matched case-sensitively
    parents: dict[URIRef, set[URIRef]]  # place → places it is located in (direct)
    ties: dict[URIRef, set[URIRef]] = field(default_factory=dict)  # actor → actors it belongs to/speaks for
    capitalised: set[str] = field(default_factory=set)  # folded names only ever written capitalised ("Hit", the town)
    twins: dict[URIRef, URIRef] = field(default_factory=dict)  # country place ↔ its state actor, both ways
    _ancestors: dict[URIRef, frozenset[URIRef]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_graph(cls, graph: Graph) -> Lexicon:
        entities: dict[URIRef, Entity] = {}
        types: dict[URIRef, set[str]] = defaultdict(set)
        for s, o in graph.subject_objects(RDF.type):
            if isinstance(s, URIRef) and isinstance(o, URIRef) and str(o).startswith(str(SG)):
                types[s].add(str(o)[len(str(SG)):])
        for iri, kinds in types.items():
            if not (str(iri).startswith(str(ACTOR)) or str(iri).startswith(str(PLACE))):
                continue
            is_place = str(iri).startswith(str(PLACE))
            order = PLACE_CLASSES if is_place else ACTOR_CLASSES
            kind = next((k for k in order if k in kinds), "Place" if is_place else "Actor")
            label = graph.value(iri, SKOS.prefLabel) or graph.value(iri, RDFS.label)
            if label is None:
                continue
            key = str(iri).rsplit("/", 1)[1]
            entities[iri] = Entity(iri, key, str(label), kind, is_place)
        names: dict[str, set[URIRef]] = defaultdict(set)
        exact: dict[str, set[URIRef]] = defaultdict(set)
        lower_forms: set[str] = set()
        for iri in entities:
            for prop in (SKOS.prefLabel, RDFS.label, SKOS.altLabel, SKOS.hiddenLabel):
                for name in graph.objects(iri, prop):
                    # "the" is text, not name: "the Syrian Observatory" must not hide "Syrian Observatory for …".
                    n = re.sub(r"^(?:the|The)\s+", "", str(name).strip())
                    if not n:
                        continue
                    if _is_acronym(n):
                        exact[n.translate(_FOLD)].add(iri)
                    else:
                        names[fold(n)].add(iri)
                        if not _initial(n).isupper():
                            lower_forms.add(fold(n))
        parents: dict[URIRef, set[URIRef]] = defaultdict(set)
        for s, o in graph.subject_objects(SG.locatedIn):
            parents[s].add(o)  # type: ignore[index, arg-type]
        ties: dict[URIRef, set[URIRef]] = defaultdict(set)
        for prop in (SG.forceOf, SG.partOf, SG.affiliatedWith):
            for s, o in graph.subject_objects(prop):
                ties[s].add(o)  # type: ignore[index, arg-type]
        for claim in graph.subjects(RDF.type, SG.RelationClaim):
            subj = graph.value(claim, SG.relationSubject)
            for o in graph.objects(claim, SG.claimedPartOf):
                ties[subj].add(o)  # type: ignore[index, arg-type]
        capitalised = {n for n in names if n not in lower_forms}
        twins: dict[URIRef, URIRef] = {}
        for _name, iris in sorted(names.items()):
            countries = [i for i in iris if entities[i].kind == "Country"]
            states = [i for i in iris if entities[i].kind == "State"]
            if len(countries) == 1 and len(states) == 1:
                twins.setdefault(countries[0], states[0])
                twins.setdefault(states[0], countries[0])
        return cls(dict(entities), dict(names), dict(exact), dict(parents), dict(ties), capitalised, twins)

    # -- matching ---------------------------------------------------------------------------------

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        return _alternation(self.names)

    @cached_property
    def _exact_pattern(self) -> re.Pattern[str]:
        return _alternation(self.exact_names, opening_first=True)

    @cached_property
    def state_iris(self) -> tuple[URIRef, ...]:
        """Every State, in the order of `entities`."""
        return tuple(iri for iri, e in self.entities.items() if e.kind == "State")

    @cached_property
    def _picked(self) -> dict[tuple[bool, str], Entity]:
        """`pick` of each name's entities, as `find` meets the name."""
        return {}

    def find(self, text: str, folded: str | None = None) -> list[Mention]:
        """Every gazetteer name in the text, longest match first, no overlaps."""
        folded = fold(text) if folded is None else folded
        found: list[tuple[int, int, bool, str]] = []  # start, end, whether exact, name
        pos = 0
        search, capitalised = self._pattern.search, self.capitalised
        while (m := search(folded, pos)) is not None:
            name = m.group(0)
            if name in capitalised and not _initial(text[m.start():m.end()]).isupper():
                pos = m.start() + 1  # "hit" is not the town of Hit; a shorter name may still start here
                continue
            found.append((m.start(), m.end(), False, name))
            pos = m.end()
        plain = _fold_chars(text)
        for m in self._exact_pattern.finditer(plain):
            found.append((m.start(), m.end(), True, m.group(0)))
        found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        out: list[Mention] = []
        last_end = -1
        picked = self._picked
        for start, end, exact, name in found:
            if start < last_end:
                continue
            iris = (self.exact_names if exact else self.names)[name]
            entity = picked.get((exact, name))
            if entity is None:
                entity = picked[(exact, name)] = self.pick(iris)
            locative = len(iris) > 1 and _LOCATIVE.search(folded[max(0, start - 40):start])
            if locative or _BASED_AFTER.match(folded, end, end + 8):
                places = [self.entities[i] for i in iris if self.entities[i].is_place]
                if places:
                    entity = max(places, key=lambda e: (e.precision, str(e.iri)))
            out.append(Mention(start, end, text[start:end], entity))
            last_end = end
        return out

    def pick(self, iris: set[URIRef]) -> Entity:
        """One entity for an ambiguous name: actors over places, then the broadest, then by IRI."""
        ents = sorted((self.entities[i] for i in iris), key=lambda e: (e.is_place, e.precision, str(e.iri)))
        return ents[0]

    def lookup(self, name: str) -> Entity | None:
        n = name.strip()
        iris = self.exact_names.get(_fold_chars(n)) if _is_acronym(n) else self.names.get(fold(n))
        return self.pick(iris) if iris else None

    def is_nationality(self, word: str) -> bool:
        """Whether one word ("US", "Russian", "Syrian") names a state or its country."""
        e = self.lookup(word)
        return e is not None and e.kind in ("State", "Country")

    def state_of(self, actor: URIRef) -> Entity | None:
        """The one state a force, agency or official belongs to, if there is one."""
        states = [s for s in self.state_iris if s != actor and self.belongs_to(actor, s)]
        return self.entities[states[0]] if len(states) == 1 else None

    def is_country_noun(self, name: str) -> bool:
        """Whether ``name`` is a one-word name of a country ("Jordan", not "Jordanian" or "U.S."): before
        "attack" or "strike" it says where, as in "the Jordan attack", not who."""
        n = name.strip()
        if " " in n or _is_acronym(n):
            return False
        return any(self.entities[i].kind == "Country" for i in self.names.get(fold(n), ()))

    # -- hierarchy --------------------------------------------------------------------------------

    def ancestors(self, place: URIRef) -> frozenset[URIRef]:
        cached = self._ancestors.get(place)
        if cached is None:
            cached = self._ancestors[place] = frozenset(self._walk_up(place))
        return cached

    def _walk_up(self, place: URIRef) -> set[URIRef]:
        seen: set[URIRef] = set()
        todo = list(self.parents.get(place, ()))
        while todo:
            p = todo.pop()
            if p not in seen:
                seen.add(p)
                todo.extend(self.parents.get(p, ()))
        return seen

    def country_of(self, place: URIRef) -> URIRef | None:
        for p in [place, *sorted(self.ancestors(place))]:
            e = self.entities.get(p)
            if e is not None and e.kind == "Country":
                return p
        return None

    def within(self, inner: URIRef, outer: URIRef) -> bool:
        return inner == outer or outer in self.ancestors(inner)

    def governorate_of(self, place: URIRef) -> URIRef | None:
        for p in sorted(self.ancestors(place)):
            e = self.entities.get(p)
            if e is not None and e.kind == "Governorate":
                return p
        return None

    def as_actor(self, entity: Entity) -> Entity:
        """A country named where an actor is meant ("backing from Iran") stands for its state."""
        twin = self.twins.get(entity.iri) if entity.is_place else None
        return self.entities[twin] if twin is not None else entity

    def as_place(self, entity: Entity) -> Entity:
        twin = self.twins.get(entity.iri) if not entity.is_place else None
        return self.entities[twin] if twin is not None else entity

    def body_of(self, owner: URIRef, body: str) -> Entity | None:
        """The gazetteer's force or agency of a state named by a common noun ("defence ministry")."""
        state = owner
        if owner in self.entities and self.entities[owner].is_place:
            state = URIRef(str(owner).replace("/place/", "/actor/"))
        words = {"defence ministry": ("defen",), "defense ministry": ("defen",), "ministry of defence": ("defen",),
                 "ministry of defense": ("defen",), "foreign ministry": ("foreign",), "ministry of foreign affairs": ("foreign",),
                 "military": ("armed forces", "military", "defense forces", "defence forces"), "army": ("army",),
                 "armed forces": ("armed forces",), "air force": ("air force",), "government": ("government",),
                 "intelligence": ("intelligence",)}.get(body.lower(), ())
        candidates = sorted((e for iri, e in self.entities.items() if state in self.ties.get(iri, ()) or
                             (body.lower() == "government" and iri == state and e.kind == "State")),
                            key=lambda e: (len(e.label), str(e.iri)))
        for e in candidates:
            if any(w in e.label.lower() for w in words):
                return e
        return None

    def belongs_to(self, actor: URIRef, other: URIRef) -> bool:
        """True when `actor` is `other`, or a force, member or official of it (transitively)."""
        seen: set[URIRef] = set()
        todo = [actor]
        while todo:
            a = todo.pop()
            if a == other:
                return True
            if a in seen:
                continue
            seen.add(a)
            todo.extend(self.ties.get(a, ()))
        return False


# Words before a name that make it a place, not a state: "in Syria", "the outskirts of Damascus".
_LOCATIVE = re.compile(
    r"\b(?:in|near|at|into|inside|outside|across|throughout|from|towards?|within|around|over|entered|crossed|"
    r"parts of|(?:city|town|village|province|governorate|region|outskirts|countryside|border|borders|north|south|east|west|"
    r"northeast|northwest|southeast|southwest) of|border with|northern|southern|eastern|western|central|"
    r"north-?eastern|north-?western|south-?eastern|south-?western)\s+(?:the\s+)?(?:[\w'-]+\s+)?$")


_BASED_AFTER = re.compile(r"\s*-?based\b")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ad-)[-\s]", re.IGNORECASE)


def _initial(name: str) -> str:
    """First letter of a name after an Arabic article: 'al-Qaim' → 'Q'."""
    stripped = _ARABIC_ARTICLE.sub("", name)
    return (stripped or name)[:1]


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and len(name) <= 6 and all(c.isupper() for c in letters)


def _alternation(names: dict[str, set[URIRef]], opening_first: bool = False) -> re.Pattern[str]:
    """One pattern for all names that matches, at each position, the longest name that ends on a word
    boundary. The names are compiled as a trie: a flat alternation of thousands of names makes the
    regex engine try every one of them at every position.

    With `opening_first` the pattern opens on the name's first letter and only then looks at the character
    before it, the same test written so that the engine skips quickly to the letters names open with: faster
    where few positions hold such a letter (acronyms in running text), slower where most do."""
    if not names:
        return re.compile(r"(?!x)x")
    trie = build_trie(names)
    if opening_first and "" not in trie:
        branches = [re.escape(ch) + r"(?<![\w-][\s\S])" + trie_pattern(child) for ch, child in sorted(trie.items())]
        return re.compile(rf"(?:{'|'.join(branches)})(?![\w]|-(?=\w))")
    return re.compile(rf"(?<![\w-])(?:{trie_pattern(trie)})(?![\w]|-(?=\w))")


def build_trie(words: Iterable[str]) -> dict[str, dict]:
    """Character trie of the words; "" marks where a word ends."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def trie_pattern(node: dict[str, dict], space: str | None = None) -> str:
    """Greedy, so a longer name is tried before the shorter one it extends, and the boundary check after
    the pattern backtracks to the shorter one when the longer does not end on a word boundary. `space`,
    if given, is what a space in a word matches (cue phrases: any white space)."""
    branches = [(space if space is not None and ch == " " else re.escape(ch)) + trie_pattern(child, space)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
