# Front door: `make build` sets up .venv from the lock file and builds the package;
# `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test check lint bench lock clean

build: $(STAMP)
	$(BIN)/python -m gsipaper build

test: $(STAMP)
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/python -m gsipaper build --check

# The benchmark of the build and the core against their targets (see README, Performance).
bench: $(STAMP)
	$(BIN)/python bench/alignment.py
	$(BIN)/python bench/run.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# pip compiles what it installs to bytecode; the editable install is compiled alike.
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	$(BIN)/python -m compileall -q build/gsipaper
	touch $@

clean:
	rm -rf $(VENV)
