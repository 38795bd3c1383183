"""One module per figure. Each `step(name, params)` runs in a fresh interpreter (bench.case),
so that stores, caches and peak memory never leak from one measurement into another."""
