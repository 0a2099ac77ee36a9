# The two commands that work on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test schema bench bench-ingest clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: setup
	$(BIN)/depeche ingest examples/ --db depeche.db
	$(BIN)/depeche stats --db depeche.db
	$(BIN)/depeche events --db depeche.db

test: setup
	$(BIN)/python -m pytest -q

schema: setup
	$(BIN)/depeche schema --out docs/schema.json

bench: setup
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/entities.py

bench-ingest: setup
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) build src/*.egg-info
