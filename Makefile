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

$(VENV)/.installed: $(BIN)/activate requirements.txt requirements-dev.txt
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

MESSAGES := locale/id/LC_MESSAGES/django.mo

# The compiled catalogue is committed; it is compiled again where msgfmt (gettext) exists.
$(MESSAGES): locale/id/LC_MESSAGES/django.po
	@if command -v msgfmt >/dev/null 2>&1; then msgfmt --check-format -o $@ $<; else touch $@; fi

install: $(VENV)/.installed $(MESSAGES) ## Create .venv, install the pinned requirements, compile the Indonesian catalogue

run: export DJANGO_SETTINGS_MODULE := cms.settings.dev
run: export PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)
run: export PATH := $(CURDIR)/$(BIN):$(PATH)
run: install ## Set up, load the demo content and start web + worker + beat (PORT=8000; SQLite by default)
	@mkdir -p "$${VAR_DIR:-var}"/broker{,-processed,-control} "$${MEDIA_ROOT:-media}"
	python manage.py migrate --no-input -v0
	python manage.py seed_demo
	@echo "  Starting web, workers and beat: http://127.0.0.1:$(PORT)/ (Ctrl-C stops them all)"
	@echo ""
	honcho -f Procfile start

services: ## Make sure PostgreSQL and Redis are running (start them if installed but stopped)
	@scripts/ensure-services.sh

lint: install ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install services ## Lint, then the whole suite on PostgreSQL and Redis (browser tests included)
	@scripts/ensure-browser.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=cms.settings.test -v0
	$(BIN)/pytest --create-db $(PYTEST_ARGS)

bench: install services ## Seed 20,000 articles and print queries per page and requests per second (BENCH_ARGS="--reuse --pages article")
	@command -v wrk >/dev/null 2>&1 || { echo "Installing wrk (apt)"; \
		$$(command -v sudo) apt-get install -y -q wrk >/dev/null; }
	$(BIN)/python -u scripts/bench.py $(BENCH_ARGS)

bench-dispatch: install services ## Publish 2,000 deliveries due at once through a real worker; time the tick
	$(BIN)/python -u scripts/bench_dispatch.py

bench-metrics: install services ## A year of metrics and 1,000,000 events: time both dashboards and the redirect
	$(BIN)/python -u scripts/bench_metrics.py

clean: ## Remove the virtualenv, the local database and generated files
	rm -rf $(VENV) var static_collected

.PHONY: help install run services lint test bench bench-dispatch bench-metrics clean
