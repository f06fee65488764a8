# DanVan — quick start: `make run` (set up and serve the demo), `make test` (set up and run every test).
.PHONY: setup install run test test-sqlite test-postgres fuzz screenshots lint typecheck bench clean

HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
FUZZ_EXAMPLES ?= 2000

setup:            ## everything: packages, assets, database, national units, demo data and accounts
	scripts/setup.sh

install:          ## packages and assets only (no database)
	scripts/setup.sh --no-data

run: setup        ## set up, then serve DanVan at http://$(HOST):$(PORT), with the task worker beside it
	scripts/run.sh $(HOST):$(PORT)

test: install     ## the whole suite on SQLite, then on a throw-away PostgreSQL (browser tests included)
	scripts/run_tests.sh $(PYTEST_ARGS)

test-sqlite: install
	DANVAN_TEST_DATABASES=sqlite scripts/run_tests.sh $(PYTEST_ARGS)

test-postgres: install
	DANVAN_TEST_DATABASES=postgres scripts/run_tests.sh $(PYTEST_ARGS)

fuzz: install     ## schemathesis against /api/v1/ with FUZZ_EXAMPLES examples per operation, on SQLite then PostgreSQL
	DANVAN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) scripts/run_tests.sh tests/api/test_schemathesis.py $(PYTEST_ARGS)

screenshots: install  ## the main pages of each persona at 1366 and 390 px, from a throw-away demo: build/screenshots/index.html
	.venv/bin/python scripts/screenshots.py

lint: install
	.venv/bin/ruff format --check src tests bench scripts
	.venv/bin/ruff check src tests bench scripts
	.venv/bin/lint-imports

typecheck: install
	.venv/bin/mypy

bench: install
	.venv/bin/python bench/units_load.py
	scripts/with_postgres.sh .venv/bin/python bench/units_load.py
	.venv/bin/python bench/initiatives.py
	scripts/with_postgres.sh .venv/bin/python bench/initiatives.py
	.venv/bin/python bench/petitions.py
	scripts/with_postgres.sh .venv/bin/python bench/petitions.py
	.venv/bin/python bench/stats.py
	scripts/with_postgres.sh .venv/bin/python bench/stats.py

clean:
	rm -rf .venv build node_modules .cache var
