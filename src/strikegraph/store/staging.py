"""A build's output, written beside the target directory and swapped in at the end.

Article graphs go to disk as soon as they are rendered, so a build never holds the whole dataset in
memory: validation and reasoning read them back in chunks, and at the end they are bulk-loaded,
with the reference and inferred graphs, into the Oxigraph store that is the build's output. An
interrupted or failed build leaves the previous output as it was; the next build clears what it left.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from . import REFERENCE_NQ, STORE_DIR

MANIFEST = "manifest.json"
CACHE_DIR = "cache"
# What the build was made from (file signatures, code, options) and the outputs it wrote: the next
# build with the same inputs has nothing to do. A cache entry, not an output: it holds file times.
INPUTS = "inputs.json"
# Every graph's N-Quads, in dataset order, for validation and reasoning to read back and the store
# to load; removed before the swap.
_LOAD_NQ = "load.nq"
_CHUNK = 4 << 20
# The graph name that ends every line of the articles' N-Quads.
_GRAPH_AT_END = re.compile(rb" <[^<>\s]*> \.$", re.MULTILINE)
# Outputs whose size and time tell that a build's output is still as it wrote it.
_OUTPUTS = (MANIFEST, REFERENCE_NQ)


class Staging:
    """``<out>.partial``: N-Quads written graph by graph in the final order, cache entries, and a
    manifest; :meth:`commit` loads the store, syncs and swaps it with ``<out>`` in one step."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        recover(self.out_dir)
        self.dir = self.out_dir.with_name(self.out_dir.name + ".partial")
        if self.dir.exists():
            shutil.rmtree(self.dir)
        (self.dir / CACHE_DIR).mkdir(parents=True)
        self.old_cache = self.out_dir / CACHE_DIR
        self.nq: BinaryIO = open(self.dir / _LOAD_NQ, "wb")  # noqa: SIM115 - open until commit()
        self.reference: BinaryIO = open(self.dir / REFERENCE_NQ, "wb")  # noqa: SIM115

    # -- graphs -----------------------------------------------------------------------------------

    def add_graph(self, nq: bytes, *, reference: bool = False) -> None:
        """One graph's N-Quads, in dataset order; a ``reference`` graph is kept as written, too."""
        self.nq.write(nq)
        if reference:
            self.reference.write(nq)

    def graphs_as_ntriples(self) -> Iterator[bytes]:
        """The graphs written so far as N-Triples (graph names dropped), in chunks of whole lines."""
        self.nq.flush()
        with open(self.dir / _LOAD_NQ, "rb") as fh:
            for chunk in _line_chunks(fh, self.nq.tell()):
                yield _GRAPH_AT_END.sub(b" .", chunk)

    def graphs_as_text(self) -> Iterator[str]:
        """The graphs written so far as N-Quads text, in chunks of whole lines."""
        self.nq.flush()
        end = self.nq.tell()
        with open(self.dir / _LOAD_NQ, "rb") as fh:
            for chunk in _line_chunks(fh, end):
                yield chunk.decode("utf-8")

    # -- cache --------------------------------------------------------------------------------------

    def write_cache(self, name: str, chunks: Iterable[bytes]) -> None:
        # Cache entries are not synced one by one (thousands of fsyncs cost more than the build): one
        # that a crash leaves truncated does not parse, or fails its key, and is simply made again.
        with open(self.dir / CACHE_DIR / name, "wb") as fh:
            fh.writelines(chunks)

    def keep_cache(self, name: str) -> None:
        """Carry an unchanged entry over from the previous output, linked rather than copied."""
        try:
            os.link(self.old_cache / name, self.dir / CACHE_DIR / name)
        except OSError:
            shutil.copyfile(self.old_cache / name, self.dir / CACHE_DIR / name)

    # -- finishing ----------------------------------------------------------------------------------

    def commit(self, manifest: dict[str, object], signature: str | None = None) -> None:
        """Load every graph into a new store, write the manifest, sync, and swap. ``signature``
        identifies the inputs, for :func:`committed_signature`."""
        import pyoxigraph as ox

        self.nq.close()
        self.reference.close()
        store = ox.Store(str(self.dir / STORE_DIR))
        # bulk_load skips per-quad transactions: the store is new and not yet visible to anyone.
        store.bulk_load(path=str(self.dir / _LOAD_NQ), format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store  # closed: the files are complete before they are swapped in
        os.remove(self.dir / _LOAD_NQ)
        (self.dir / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        for name in _OUTPUTS:
            with open(self.dir / name, "rb") as fh:
                os.fsync(fh.fileno())
        if signature is not None:
            inputs = {"signature": signature, "outputs": _output_stats(self.dir)}
            (self.dir / CACHE_DIR / INPUTS).write_text(json.dumps(inputs, sort_keys=True) + "\n", encoding="utf-8")
        _swap(self.dir, self.out_dir)

    def abort(self) -> None:
        for fh in (self.nq, self.reference):
            fh.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def _output_stats(directory: Path) -> dict[str, list[int]]:
    # A rename keeps size and modification time, so these still hold after the swap.
    stats = {name: (directory / name).stat() for name in _OUTPUTS}
    out = {name: [st.st_size, st.st_mtime_ns] for name, st in stats.items()}
    # The store's pointer to its manifest, which Oxigraph rewrites whenever it writes the store.
    current = (directory / STORE_DIR / "CURRENT").stat()
    out[f"{STORE_DIR}/CURRENT"] = [current.st_size, current.st_mtime_ns]
    return out


def committed_signature(out_dir: Path) -> str | None:
    """The input signature of the build in ``out_dir``, if its outputs are still as it wrote them."""
    out_dir = out_dir.resolve()
    recover(out_dir)
    try:
        inputs = json.loads((out_dir / CACHE_DIR / INPUTS).read_text(encoding="utf-8"))
        if inputs["outputs"] != _output_stats(out_dir):
            return None
        return str(inputs["signature"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _line_chunks(fh: BinaryIO, end: int) -> Iterator[bytes]:
    """The file's first ``end`` bytes in chunks that end at line ends."""
    rest = b""
    left = end
    while left > 0:
        data = fh.read(min(_CHUNK, left))
        if not data:
            break
        left -= len(data)
        data = rest + data
        cut = data.rfind(b"\n") + 1
        rest = data[cut:]
        if cut:
            yield data[:cut]
    if rest:
        yield rest


def _swap(new: Path, out_dir: Path) -> None:
    if out_dir.exists():
        if not _exchange(new, out_dir):
            old = out_dir.with_name(out_dir.name + ".previous")
            if old.exists():
                shutil.rmtree(old)
            os.rename(out_dir, old)
            os.rename(new, out_dir)
            shutil.rmtree(old)
            return
        shutil.rmtree(new)  # after the exchange, it holds the previous output
    else:
        os.rename(new, out_dir)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one atomic step (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    rc = fn(at_fdcwd, os.fsencode(str(a)), at_fdcwd, os.fsencode(str(b)), rename_exchange)
    return rc == 0


def recover(out_dir: Path) -> None:
    """Finish what an interrupted swap left: restore the previous output, drop partial ones."""
    out_dir = out_dir.resolve()
    old = out_dir.with_name(out_dir.name + ".previous")
    if old.exists() and not out_dir.exists():
        os.rename(old, out_dir)
    elif old.exists():
        shutil.rmtree(old)
