"""Cue vocabularies: word classes kept as data files in `cues/`, one cue per line, read once.

Verbs are listed by lemma and class; their regular forms (-s, -ed, -ing) are generated here and
irregular ones are listed beside the lemma, so "deny" covers denied, denies and denying.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

from ..lexicon import build_trie, trie_pattern

_DIR = Path(__file__).resolve().parent / "cues"
_VOWELS = set("aeiou")


def _lines(name: str) -> list[str]:
    out = []
    for line in (_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            out.append(line.strip("\n"))
    return out


def rows(name: str) -> list[list[str]]:
    """The rows of a table file: one cue a line, columns split by tabs."""
    return [[c.strip() for c in line.split("\t")] for line in _lines(name)]


@cache
def words(name: str) -> tuple[str, ...]:
    """The cues of a one-column file, in file order."""
    return tuple(line.strip() for line in _lines(name))


def inflections(lemma: str) -> list[str]:
    """Regular English verb forms: lemma, third person, past, gerund."""
    w = lemma
    if w.endswith("e"):
        past, ing = w + "d", w[:-1] + "ing"
    elif w.endswith("y") and w[-2:-1] not in _VOWELS:
        past, ing = w[:-1] + "ied", w + "ing"
    elif len(w) >= 3 and w[-1] not in _VOWELS | {"w", "x", "y"} and w[-2] in _VOWELS and w[-3] not in _VOWELS \
            and w in _DOUBLING:
        past, ing = w + w[-1] + "ed", w + w[-1] + "ing"
    else:
        past, ing = w + "ed", w + "ing"
    if w.endswith(("s", "sh", "ch", "x", "z")):
        third = w + "es"
    elif w.endswith("y") and w[-2:-1] not in _VOWELS:
        third = w[:-1] + "ies"
    else:
        third = w + "s"
    return [w, third, past, ing]


# Verbs stressed on the last syllable double their final consonant ("admit" → "admitted").
_DOUBLING = frozenset({"admit", "commit", "refer", "regret", "permit", "omit", "rebut"})


@cache
def verb_classes(name: str = "reporting_verbs.tsv") -> dict[str, tuple[str, ...]]:
    """class → every form of every verb in that class."""
    out: dict[str, list[str]] = defaultdict(list)
    for line in _lines(name):
        cols = line.split("\t")
        lemma, cls = cols[0].strip(), cols[1].strip()
        forms = [f.strip() for f in cols[2].split(",")] if len(cols) > 2 and cols[2].strip() else inflections(lemma)
        for f in [lemma, *forms]:
            if f not in out[cls]:
                out[cls].append(f)
    return {k: tuple(v) for k, v in out.items()}


@cache
def verb_lemmas(name: str = "reporting_verbs.tsv") -> frozenset[str]:
    return frozenset(line.split("\t")[0].strip() for line in _lines(name))


def alternation(cues: tuple[str, ...] | list[str]) -> str:
    """A regular expression matching any of the cues, spaces matching any white space. Compiled as a trie
    (shared prefixes written once, the longer cue tried before the shorter one it extends): a flat
    alternation makes the engine try every cue at every position."""
    return "(?:" + trie_pattern(build_trie(c for c in cues if c), space=r"\s+") + ")"


def capitalisable(cues: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The cues, each also with a capital first letter ("Officials said")."""
    return tuple(dict.fromkeys(v for c in cues for v in (c, c[:1].upper() + c[1:])))
