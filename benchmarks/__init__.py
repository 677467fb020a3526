"""Benchmarks of strikegraph on generated corpora; kept out of the runtime package. Run through
`strikegraph bench` / `strikegraph bench-corpus` from a source checkout, or `python -m benchmarks.bench`."""
