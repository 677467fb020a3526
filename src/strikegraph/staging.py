"""A build's output, written beside the target directory and swapped in at the end.

Article graphs go to disk as soon as they are rendered, so a build never holds the whole dataset in
memory: validation and reasoning read them back in chunks. An interrupted or failed build leaves the
previous output as it was; the next build clears what it left.
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

DATASET_TRIG = "dataset.trig"
DATASET_NQ = "dataset.nq"
MANIFEST = "manifest.json"
CACHE_DIR = "cache"
# What the build was made from (file signatures, code, options) and the outputs it wrote: the next
# build with the same inputs has nothing to do. A cache entry, not an output: it holds file times.
INPUTS = "inputs.json"
_TRIG_BODY = "dataset.trig.body"
_CHUNK = 4 << 20
# The graph name that ends every line of the articles' N-Quads.
_GRAPH_AT_END = re.compile(rb" <[^<>\s]*> \.$", re.MULTILINE)


class Staging:
    """``<out>.partial``: N-Quads and TriG written graph by graph in the final order, cache entries, and
    a manifest; :meth:`commit` syncs and swaps it with ``<out>`` in one step."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        recover(self.out_dir)
        self.dir = self.out_dir.with_name(self.out_dir.name + ".partial")
        if self.dir.exists():
            shutil.rmtree(self.dir)
        (self.dir / CACHE_DIR).mkdir(parents=True)
        self.old_cache = self.out_dir / CACHE_DIR
        self.nq: BinaryIO = open(self.dir / DATASET_NQ, "wb")  # noqa: SIM115 - open until commit()
        self.trig_body: BinaryIO = open(self.dir / _TRIG_BODY, "wb")  # noqa: SIM115
        self.blocks = 0
        self.articles_end = 0  # where the articles' N-Quads end

    # -- graphs -----------------------------------------------------------------------------------

    def add_graph(self, nq: bytes, trig: bytes) -> None:
        """One graph's N-Quads and TriG block, in dataset order."""
        self.nq.write(nq)
        if self.blocks:
            self.trig_body.write(b"\n")
        self.trig_body.write(trig)
        self.blocks += 1

    def graphs_as_ntriples(self) -> Iterator[bytes]:
        """The graphs written so far as N-Triples (graph names dropped), in chunks of whole lines."""
        self.nq.flush()
        self.articles_end = self.nq.tell()
        with open(self.dir / DATASET_NQ, "rb") as fh:
            for chunk in _line_chunks(fh, self.articles_end):
                yield _GRAPH_AT_END.sub(b" .", chunk)

    def graphs_as_text(self) -> Iterator[str]:
        """The graphs written so far as N-Quads text, in chunks of whole lines."""
        self.nq.flush()
        end = self.nq.tell()
        with open(self.dir / DATASET_NQ, "rb") as fh:
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

    def commit(self, trig_header: str, manifest: dict[str, object], signature: str | None = None) -> None:
        """Assemble the TriG (header, then every block), write the manifest, sync, and swap.
        ``signature`` identifies the inputs, for :func:`committed_signature`."""
        self.nq.close()
        self.trig_body.close()
        trig = self.dir / DATASET_TRIG
        with open(trig, "wb") as out, open(self.dir / _TRIG_BODY, "rb") as body:
            out.write(trig_header.encode("utf-8") + b"\n")
            shutil.copyfileobj(body, out, _CHUNK)
        os.remove(self.dir / _TRIG_BODY)
        (self.dir / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        for name in (DATASET_NQ, DATASET_TRIG, MANIFEST):
            with open(self.dir / name, "rb") as fh:
                os.fsync(fh.fileno())
        if signature is not None:
            inputs = {"signature": signature, "outputs": _output_stats(self.dir)}
            (self.dir / CACHE_DIR / INPUTS).write_text(json.dumps(inputs, sort_keys=True) + "\n", encoding="utf-8")
        _swap(self.dir, self.out_dir)

    def abort(self) -> None:
        for fh in (self.nq, self.trig_body):
            fh.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def _output_stats(directory: Path) -> dict[str, list[int]]:
    # A rename keeps size and modification time, so these still hold after the swap.
    stats = {name: (directory / name).stat() for name in (DATASET_NQ, DATASET_TRIG, MANIFEST)}
    return {name: [st.st_size, st.st_mtime_ns] for name, st in stats.items()}


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
