# Quick start: `make demo` and `make test` both work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

SEEDS := ../shared/corpus/seeds
DEMO_DB := out/evidence.sqlite3

# With the seed articles beside the checkout, store them and their gold claims first, so
# `zopa check`, `zopa claims` and `zopa timeline` have the evidence the scenario cites.
demo: $(STAMP)
	@if [ -d $(SEEDS) ]; then \
		$(BIN)/zopa ingest $(SEEDS)/*.txt --index $(SEEDS)/index.yaml --gold $(SEEDS)/gold; \
	fi
	$(BIN)/zopa analyze
	@# The report's quotes and timeline come from a store of its own under out/; without
	@# ../shared the report shows the scenario's own citations only.
	@if [ -d $(SEEDS) ]; then $(BIN)/zopa ingest $(SEEDS)/*.txt --index $(SEEDS)/index.yaml \
		--gold $(SEEDS)/gold --db $(DEMO_DB) --json >/dev/null; fi
	$(BIN)/zopa report --db $(DEMO_DB) -o out/ukraine-2026-report.html

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
