"""Benchmarks of the tracker against its CRUD alternative and the event store's own speed.

`make bench` (or `.venv/bin/python -m bench`) runs them all and writes var/bench/results.json
and docs/performance.md. Not part of the test suite; tests/bench/ runs a tiny smoke of it.
"""
