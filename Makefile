# The two commands that work on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test schema bench bench-ingest bench-serve serve browser vendor screenshot clean

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
	@echo
	@echo "To see the record in a browser: make serve (or $(BIN)/depeche serve --db depeche.db),"
	@echo "then open http://127.0.0.1:8000/ (the JSON API is under /api/v1, its schema at /openapi.json)."

serve: setup
	$(BIN)/depeche serve --db depeche.db

test: setup
	$(BIN)/python -m pytest -q

schema: setup
	$(BIN)/depeche schema --out docs/schema.json

bench: setup
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/entities.py

bench-ingest: setup
	$(BIN)/python bench/ingest.py

bench-serve: setup
	$(BIN)/python bench/serve.py

# The browser of the page's tests: Debian's chromium (never a browser Playwright downloads).
browser:
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

# The page's npm assets, copied into src/depeche/web/static/vendor (committed: installing needs no npm).
vendor:
	cd web && npm ci --no-audit --no-fund && node build.mjs

# The README's screenshot, taken by the browser test.
screenshot: setup
	DEPECHE_SCREENSHOT=docs/serve.png $(BIN)/python -m pytest -q tests/web/test_page.py -k loads

clean:
	rm -rf $(VENV) build src/*.egg-info
