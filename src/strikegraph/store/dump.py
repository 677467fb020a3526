"""``strikegraph export dataset``: the build's store as N-Quads or TriG, byte for byte what the
build wrote before the store was its output: graphs in IRI order, lines (subjects, predicates,
objects) sorted, each graph once.

Article graphs and the inferred graph are read from the store; the reference graphs come from
``reference.nq``, which holds them as the build rendered them (the store keeps decimals in canonical
form and relabels blank nodes).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Literal

import pyoxigraph as ox

from ..serialize import NtTriple, literal, nquads_lines, trig_block, trig_header
from . import REFERENCE_NQ, open_store, store_dir

DatasetFormat = Literal["nq", "trig"]


def nt_of(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    """An Oxigraph term written as the build writes terms (serialize.literal)."""
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if term.language:
        return literal(term.value, lang=term.language)
    return literal(term.value, term.datatype.value)


def parse_nquads_lines(text: str) -> dict[str, list[NtTriple]]:
    """Lines as the build writes them (no spaces in subjects, predicates or graph names) by graph."""
    graphs: dict[str, list[NtTriple]] = {}
    for line in text.splitlines():
        s, p, rest = line.split(" ", 2)
        cut = rest.rindex(" <")
        graphs.setdefault(rest[cut + 2:-3], []).append((s, p, rest[:cut]))
    return graphs


def graphs(build: str | Path) -> Iterator[tuple[str, list[NtTriple]]]:
    """Every non-empty graph of the build, in IRI order, as N-Triples terms."""
    store = open_store(build)
    reference = parse_nquads_lines((Path(build) / REFERENCE_NQ).read_text(encoding="utf-8"))
    names = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)} | set(reference)
    for name in sorted(names):
        if name in reference:
            triples = reference[name]
        else:
            triples = [(nt_of(q.subject), nt_of(q.predicate), nt_of(q.object))  # type: ignore[arg-type]
                       for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name))]
        if triples:
            yield name, triples


def write_dataset(build: str | Path, fmt: DatasetFormat, out: BinaryIO) -> None:
    """Write the dataset in ``fmt`` ('nq' or 'trig') to a binary stream."""
    store_dir(build)  # a clear error before anything is written
    if fmt == "nq":
        for name, triples in graphs(build):
            out.write("".join(nquads_lines(name, triples)).encode("utf-8"))
        return
    if fmt != "trig":
        raise ValueError(f"unknown dataset format {fmt!r}: use nq or trig")
    # The header lists the prefixes the blocks use, so the blocks are made first.
    blocks: list[bytes] = []
    used: set[str] = set()
    for name, triples in graphs(build):
        block, prefixes = trig_block(name, triples)
        blocks.append(block.encode("utf-8"))
        used |= prefixes
    out.write(trig_header(used).encode("utf-8") + b"\n")
    out.write(b"\n".join(blocks))
