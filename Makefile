# Shortcuts for dev.py, which does the work (and needs nothing but Python 3.11+).
PY ?= python3

.PHONY: run test lint
run:
	$(PY) dev.py run
test:
	$(PY) dev.py test
lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .
