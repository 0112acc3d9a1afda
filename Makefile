# Front door: `make build` sets up .venv from the lock file and builds the package;
# `make test` runs the tests; `make serve` opens the database in Datasette.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
PORT ?= 8001

.PHONY: build test test-slow check lint lock bench mutants serve clean

build: $(STAMP)
	$(BIN)/python -m gsipaper build

test: $(STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest

# Large generated documents and long property runs: minutes, not seconds. CI runs them.
test-slow: $(STAMP)
	$(BIN)/python -m pytest -m slow
	$(BIN)/python -m pytest --hypothesis-profile=thorough -k "not browser" tests/paper/test_properties.py \
		tests/paper/test_editions.py tests/writers/test_page.py tests/sentences/test_sentence_align.py

# The browser tests drive Debian's chromium; a CJK font makes their screenshots legible.
$(CHROMIUM):
	@if [ "$$(id -u 2>/dev/null)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -q && apt-get install -y -q chromium fonts-noto-cjk; \
	elif command -v apt-get >/dev/null && sudo -n true 2>/dev/null; then \
		sudo apt-get update -q && sudo apt-get install -y -q chromium fonts-noto-cjk; \
	else \
		echo "make test: the browser tests need Debian's chromium at $(CHROMIUM): run 'sudo apt-get install chromium fonts-noto-cjk'" >&2; \
		exit 1; \
	fi

# Datasette on the database, read-only (immutable), on this machine only, with the
# descriptions and canned queries the build writes.
serve: $(STAMP)
	$(BIN)/datasette serve --immutable dist/gsi-concept-paper.sqlite --metadata dist/datasette-metadata.json -h 127.0.0.1 -p $(PORT)

check: $(STAMP)
	$(BIN)/python -m gsipaper build --check

# The benchmark of the build and the core against their targets (docs/performance.md).
bench: $(STAMP)
	$(BIN)/python bench/alignment.py
	$(BIN)/python bench/run.py

# Plant each hand-made bug of tests/support/mutants.py and run the fast suite (docs/testing.md).
mutants: $(STAMP)
	$(BIN)/python tests/support/mutants.py $(if $(ONLY),--only $(ONLY))

# The lock pins every package, development tools included, with hashes, for every platform.
# uv keeps the versions already pinned unless pyproject.toml asks for others.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --group dev --python-version 3.11 --universal \
		--generate-hashes --quiet -o requirements.lock

# ruff and mypy, as .pre-commit-config.yaml lists them: the same hooks run on each commit
# once `$(BIN)/pre-commit install` is done.
lint: $(STAMP)
	$(BIN)/pre-commit run --all-files

# pip compiles what it installs to bytecode; the editable install is compiled alike.
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	$(BIN)/python -m compileall -q build/gsipaper
	touch $@

clean:
	rm -rf $(VENV)
