# Front door: `make build` sets up .venv from the lock file and builds the package;
# `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test test-slow check lint bench mutants clean

build: $(STAMP)
	$(BIN)/python -m gsipaper build

test: $(STAMP)
	$(BIN)/python -m pytest

# Large generated documents and long property runs: minutes, not seconds. CI runs them.
test-slow: $(STAMP)
	$(BIN)/python -m pytest -m slow
	$(BIN)/python -m pytest --hypothesis-profile=thorough tests/test_properties.py

check: $(STAMP)
	$(BIN)/python -m gsipaper build --check

# The benchmark of the build and the core against their targets (see README, Performance).
bench: $(STAMP)
	$(BIN)/python bench/run.py

# Plant each hand-made bug of tests/mutants.py and run the fast suite (see README, Tests).
mutants: $(STAMP)
	$(BIN)/python tests/mutants.py $(if $(ONLY),--only $(ONLY))

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
