# Netra — the two things people do on a fresh machine:
#   make demo   install, seed the Kota Malang Pilkada 2024 demo, serve it on 127.0.0.1:8000
#   make test   install, lint, type-check, and run the whole test suite
# (set NETRA_TEST_PG=1 to run the suite on PostgreSQL as well as SQLite)

SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := python3.11
UV := $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: demo test install check lint typecheck migrations-check pytest pytest-pg browser-deps bench clean

$(UV):
	python3 -m pip install --quiet --user 'uv==0.13.9' || python3 -m pip install --quiet 'uv==0.13.9'

install: $(UV)
	$(UV) sync --frozen --all-extras --quiet

demo: install
	$(VENV)/bin/netra demo --port $(PORT)

test: install lint typecheck migrations-check browser-deps pytest pytest-pg

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck:
	$(VENV)/bin/mypy netra scanner

migrations-check:
	DJANGO_SETTINGS_MODULE=netra.settings.test $(PY) manage.py makemigrations --check --dry-run

browser-deps:
	bash scripts/ensure-chromium

pytest:
	$(VENV)/bin/pytest -q -p no:cacheprovider

# PostgreSQL run: the Django apps again on a real server (the scanner has no database).
pytest-pg:
	@if [ -n "$$NETRA_TEST_PG" ]; then \
		NETRA_TEST_DB=postgres $(VENV)/bin/pytest -q -p no:cacheprovider -m "not browser" --ignore=scanner --ignore=benchmarks; \
	else echo "NETRA_TEST_PG not set: PostgreSQL run skipped"; fi

bench: install
	$(PY) benchmarks/import_asn.py

clean:
	rm -rf var/test* .pytest_cache .mypy_cache .ruff_cache
