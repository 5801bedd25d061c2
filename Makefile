# Quick start: `make demo` and `make test` both work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test explore lint chromium clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

SEEDS := ../shared/corpus/seeds
DEMO_DB := out/evidence.sqlite3

# With the seed articles beside the checkout, store them and their gold claims in a store
# of the demo's own (out/), which the report's quotes and timeline come from; without
# ../shared the report shows the scenario's own citations only.
demo: $(STAMP)
	@if [ -d $(SEEDS) ]; then $(BIN)/zopa ingest $(SEEDS)/*.txt --index $(SEEDS)/index.yaml \
		--gold $(SEEDS)/gold --db $(DEMO_DB); fi
	$(BIN)/zopa analyze
	$(BIN)/zopa report --db $(DEMO_DB) --forecast -o out/ukraine-2026-report.html

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# The browser tests drive Debian's Chromium; install it where it is missing and we may.
chromium:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		{ apt-get install -y -qq chromium >/dev/null 2>&1 || \
		  { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; }; }; } || \
		echo "chromium is not installed and could not be: the browser tests will skip"

test: lint chromium
	$(BIN)/pytest

# The property tests with fresh random examples (the gate's are fixed), to hunt for
# failures; a failure prints the @reproduce_failure blob that replays it.
explore: $(STAMP)
	HYPOTHESIS_PROFILE=explore $(BIN)/pytest tests/space tests/model tests/interop -q

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
