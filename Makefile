# Benteng — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Every package pinned and hashed (requirements*.txt, made by `make lock`): pip refuses a
# file whose hash differs, and any package the lock does not name.
$(VENV)/.installed: $(BIN)/activate requirements.txt requirements-dev.txt
	@scripts/ensure-pango.sh
	$(BIN)/pip install -q --require-hashes -r requirements-dev.txt
	touch $@

MESSAGES := locale/id/LC_MESSAGES/django.mo locale/id/LC_MESSAGES/djangojs.mo

# The compiled catalogues are committed; they are compiled again where msgfmt (gettext) exists.
$(MESSAGES): %.mo: %.po
	@if command -v msgfmt >/dev/null 2>&1; then msgfmt --check-format -o $@ $<; else touch $@; fi

install: $(VENV)/.installed $(MESSAGES) ## Create .venv, install the locked requirements (hashes checked), compile the Indonesian catalogue

PIP_TOOLS := pip-tools==7.6.2
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --no-emit-trusted-host
lock: $(BIN)/activate ## Re-lock requirements*.txt (pinned, hashed) from requirements*.in after editing them
	$(BIN)/pip install -q $(PIP_TOOLS)
	@# A lock left with merge-conflict markers is dropped: it is re-made from the .in files.
	@for lock in requirements.txt requirements-dev.txt; do \
		if grep -q '^<<<<<<<\|^>>>>>>>' $$lock 2>/dev/null; then \
			echo "  $$lock had merge conflicts: re-locking it from scratch"; rm $$lock; fi; \
	done
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile $(LOCK_FLAGS) \
		--output-file=requirements.txt requirements.in
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile $(LOCK_FLAGS) \
		--output-file=requirements-dev.txt requirements-dev.in

run: export DJANGO_SETTINGS_MODULE := cms.settings.dev
run: export PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)
run: export PATH := $(CURDIR)/$(BIN):$(PATH)
run: install ## Set up, load the demo content and start the Procfile: web, worker, scraper, beat (PORT=8000; SQLite by default)
	@mkdir -p "$${VAR_DIR:-var}"/broker{,-processed,-control} "$${MEDIA_ROOT:-media}"
	python manage.py migrate --no-input -v0
	python manage.py seed_demo
	@echo "  Starting web, worker, scraper and beat: http://127.0.0.1:$(PORT)/ (Ctrl-C stops them all)"
	@echo ""
	@# Ctrl-C (130) or a TERM (143) is how `make run` is meant to end: not an error. The
	@# Procfile's workers run without forked pool processes, so honcho's TERM, sent to each
	@# process group, reaches only the worker itself; scripts/procfile.py gives it the time
	@# of a warm shutdown.
	python scripts/procfile.py -f Procfile start; status=$$?; case $$status in 0|130|143) ;; *) exit $$status;; esac

services: ## Make sure PostgreSQL and Redis are running (start them if installed but stopped)
	@scripts/ensure-services.sh

lint: install ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

house: install ## The house: files, imports running back up, import circles, each app's share (--diagram: the graph)
	$(BIN)/python scripts/house.py $(HOUSE_ARGS)

# The apps mypy checks (those of them that exist); what is strict is in pyproject.toml.
TYPED_APPS := core campaigns insights

typecheck: install ## mypy with the Django and DRF plugins on core, campaigns and insights (strict for new modules)
	$(BIN)/mypy $(wildcard $(TYPED_APPS))

# pytest-xdist processes: one per core, 2 to 4 (each has its own test database and its own
# Redis databases, three of Redis's 16: cms/settings/test.py). PYTEST_WORKERS=0 runs in one.
PYTEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); echo $$(( n < 2 ? 2 : n > 4 ? 4 : n )))
PYTEST_PARALLEL := -n $(PYTEST_WORKERS) --dist loadfile

test: install services ## Lint, typecheck, the whole suite on PostgreSQL and Redis (browser tests included) on PYTEST_WORKERS processes, then make smoke
	@scripts/ensure-browser.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) --no-print-directory typecheck
	@# Models against migration files; the history check needs no real database (a fresh
	@# machine has none yet: PostgreSQL's would only warn that it does not exist).
	DATABASE_URL=sqlite:///:memory: $(BIN)/python manage.py makemigrations --check --dry-run --settings=cms.settings.test -v0
	$(BIN)/pytest --create-db $(PYTEST_PARALLEL) $(PYTEST_ARGS)
	$(MAKE) --no-print-directory smoke

test-fast: install services ## The suite without the slow, worker and browser tests (markers), under 3 minutes (PYTEST_ARGS="tests/campaigns")
	$(BIN)/pytest $(PYTEST_PARALLEL) -m "not slow and not worker and not browser" $(PYTEST_ARGS)

smoke: install ## Boot the embedded default (SQLite, file cache, filesystem broker) from nothing; crawl it as every demo role; fail on any 5xx
	$(BIN)/python -u scripts/smoke_crawl.py $(SMOKE_ARGS)

bench: install services ensure-wrk ## Seed 20,000 articles and print queries per page and requests per second (BENCH_ARGS="--reuse --pages article")
	$(BIN)/python -u scripts/bench.py $(BENCH_ARGS)

# wrk drives the HTTP benches (pages, and the tracked-link redirect in bench-metrics).
ensure-wrk:
	@command -v wrk >/dev/null 2>&1 || { echo "Installing wrk (apt)"; \
		$$(command -v sudo) apt-get install -y -q wrk >/dev/null; }

# The publish pool of a 2-core node: 4 processes x 4 threads (16: the ceiling is 320/s).
BENCH_DISPATCH_ARGS ?= --processes 4 --concurrency 4

bench-dispatch: install services ## Publish 10,000 deliveries due at once through a 2-core node's publish pool (4 x -P threads -c 4); time the tick (BENCH_DISPATCH_ARGS="--processes 2 --concurrency 25")
	$(BIN)/python -u scripts/bench_dispatch.py $(BENCH_DISPATCH_ARGS)

bench-metrics: install services ensure-wrk ## A year of metrics and 1,000,000 events: time both dashboards and the redirect
	$(BIN)/python -u scripts/bench_metrics.py

# Lighthouse (npm, pinned in scripts/lighthouse/package-lock.json) only for this target:
# `make test` needs neither node nor npm.
LIGHTHOUSE := scripts/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE): scripts/lighthouse/package.json scripts/lighthouse/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing: apt-get install npm" >&2; exit 1; }
	cd scripts/lighthouse && npm ci --no-audit --no-fund
	touch $@

lighthouse: install $(LIGHTHOUSE) ## Lighthouse (mobile) on the demo's reader pages under `make run`: scores and LCP, met / NOT MET (LIGHTHOUSE_ARGS="--pages home,article")
	@scripts/ensure-browser.sh
	$(BIN)/python -u scripts/lighthouse.py $(LIGHTHOUSE_ARGS)

cluster-check: install services ## Rehearse scale-out on this machine: nginx, 2 web nodes, 2 workers, beat, S3 (prints met / NOT MET)
	$(BIN)/python -u scripts/cluster_check.py

clean: ## Remove the virtualenv, the local database and generated files
	rm -rf $(VENV) var static_collected scripts/lighthouse/node_modules

.PHONY: help install lock run services lint typecheck test test-fast smoke bench ensure-wrk bench-dispatch bench-metrics lighthouse cluster-check clean
