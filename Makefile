# Shortcuts for dev.py, which does the work (and needs nothing but Python 3.11+).
PY ?= python3

.PHONY: run test lint lock docs-screenshots reliability
run:
	$(PY) dev.py run
test:
	$(PY) dev.py test
# The hashed locks (requirements*.txt) compiled again from the inputs (requirements*.in).
lock:
	$(PY) dev.py lock
# The README's pictures (docs/*.png) taken again by the browser tests; otherwise those tests
# save their screenshots under var/screenshots/ and leave docs/ alone.
docs-screenshots:
	UPDATE_DOCS_SCREENSHOTS=1 .venv/bin/python -m pytest -m browser tests/admin tests/board -p no:cacheprovider
lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

# The reliability suite with the full counts of issue #8, on this machine's PostgreSQL.
PG_URL ?= postgres://postgres@127.0.0.1:5432/tracker
reliability:
	DATABASE_URL=$(PG_URL) RELIABILITY_FULL=1 $(PY) dev.py test tests/reliability -s -p no:cacheprovider

.PHONY: bench bench-deps bench-smoke
# Benchmarks against the CRUD alternative and the store's own speed (bench/, ~30 min).
bench-deps:
	$(PY) -c "import dev; dev.ensure_venv('requirements-bench.txt')"
bench: bench-deps
	.venv/bin/python -m bench
# Every bench case at tiny sizes (a few minutes): the test the default run leaves out.
bench-smoke: bench-deps
	.venv/bin/python -m pytest -m bench tests/bench -p no:cacheprovider
