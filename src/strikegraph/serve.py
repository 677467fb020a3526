"""Serve a build over HTTP with the Oxigraph server: a query UI at `/` and SPARQL at `/query`.

A build's store (`<build>/store/`) is served as it is, read-only, with the union of all graphs as
default graph. A hand-made build directory that holds only a `dataset.nq` is loaded once into
`<build>/oxigraph/` (redone when the file changes).
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .store import dataset_file, has_store, store_dir

STORE_DIR = "oxigraph"
_STAMP = "oxigraph.stamp"


class ServeError(Exception):
    """The Oxigraph server cannot be prepared or started."""


@dataclass(frozen=True)
class Server:
    url: str  # base URL; the query UI is here
    process: subprocess.Popen[bytes]

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.url}/update"

    @property
    def store_url(self) -> str:
        return f"{self.url}/store"


def oxigraph_bin() -> str:
    """The `oxigraph` CLI: next to this Python (the venv's bin), else on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.is_file():
        return str(here)
    found = shutil.which("oxigraph")
    if found is None:
        raise ServeError("the `oxigraph` command is not installed (pip install oxigraph)")
    return found


def prepare_store(build_dir: str | Path) -> Path:
    """The store to serve: the build's own, or `<build>/oxigraph/` loaded from a dataset file unless
    it already holds this version of it."""
    if has_store(build_dir):
        return store_dir(build_dir)
    source = dataset_file(build_dir)
    build = source.parent
    location = build / STORE_DIR
    stamp = build / _STAMP
    st = source.stat()
    signature = f"{source.name} {st.st_size} {st.st_mtime_ns}\n"
    if location.is_dir() and stamp.is_file() and stamp.read_text() == signature:
        return location
    if location.exists():
        shutil.rmtree(location)
    stamp.unlink(missing_ok=True)
    done = subprocess.run(
        [oxigraph_bin(), "load", "--location", str(location), "--file", str(source)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise ServeError(f"oxigraph load failed: {done.stderr.strip()[-500:]}")
    stamp.write_text(signature)
    return location


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def start(location: Path | None, port: int, host: str = "127.0.0.1", *, read_only: bool = True) -> Server:
    """Start `oxigraph serve-read-only` on `location` (or a writable `oxigraph serve`; in memory
    when `location` is None) and wait until it answers."""
    if read_only and location is None:
        raise ServeError("a read-only server needs a store location")
    cmd = [oxigraph_bin(), "serve-read-only" if read_only else "serve"]
    if location is not None:
        cmd += ["--location", str(location)]
    cmd += ["--bind", f"{host}:{port}", "--union-default-graph"]
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    server = Server(f"http://{host}:{port}", process)
    try:
        _wait_ready(server)
    except BaseException:
        stop(server)
        raise
    return server


def _wait_ready(server: Server, timeout: float = 20.0) -> None:
    probe = server.query_url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            err = server.process.stderr.read().decode(errors="replace") if server.process.stderr else ""
            raise ServeError(f"oxigraph exited with status {server.process.returncode}: {err.strip()[-500:]}")
        try:
            with urllib.request.urlopen(probe, timeout=1) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    raise ServeError(f"oxigraph did not answer on {server.url} within {timeout:.0f} s")


def stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()
    if server.process.stderr:
        server.process.stderr.close()


@contextlib.contextmanager
def running_server(
    build_dir: str | Path | None = None, port: int | None = None, *, host: str = "127.0.0.1", read_only: bool = True
) -> Iterator[Server]:
    """A server for the duration of a `with` block: read-only over a build, or (build_dir None,
    read_only False) an empty writable in-memory one to push to. Picks a free port if none given."""
    location = prepare_store(build_dir) if build_dir is not None else None
    server = start(location, port or free_port(host), host, read_only=read_only)
    try:
        yield server
    finally:
        stop(server)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(build_dir: str | Path = "build/", port: int = 7878, host: str = "127.0.0.1") -> None:
    """Serve the build until interrupted."""
    location = prepare_store(build_dir)
    server = start(location, port, host)
    print(f"strikegraph: serving {location} (read-only, default graph = union of all graphs)")
    print(f"  query UI:        {server.url}/")
    print(f"  SPARQL endpoint: {server.query_url}")
    print("  stop with Ctrl-C")
    sys.stdout.flush()
    # SIGTERM (a service manager, `timeout`) must stop the child server too, like Ctrl-C does.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop(server)
