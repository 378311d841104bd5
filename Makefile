# Vraagbaak: `make run` serves the demo site, `make test` runs every check. Both set up what
# they need first (virtualenv, packages, translations, browser) and are fast when run again.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po */locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test lint pytest bench bench-pages bench-growth bench-quick wrk stress screenshots messages makemessages migrate seed browser clean help

help:
	@echo "make run    set up and serve the demo site on http://127.0.0.1:8000"
	@echo "make test   set up and run lint plus the whole test suite (browser included)"
	@echo "make bench  run the benchmarks in bench/ (bench-pages: pages only; bench-quick: small)"
	@echo "make bench-growth  page and search latency at 1k, 10k and 100k documents, table and plot"
	@echo "make stress load and fault checks against gunicorn (tests/stress/run.py)"

# The stamp files record that the environment matches pyproject.toml.
$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# Front-end packages (package.json, pinned by package-lock.json) served as static files.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q npm; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

%.mo: %.po
	@command -v msgfmt >/dev/null || $(SUDO) apt-get install -y -q gettext
	msgfmt --check-format -o $@ $<

messages: $(MO_FILES)

var:
	mkdir -p var

migrate: $(VENV)/.installed node_modules/.installed messages | var
	$(MANAGE) migrate --noinput

# The search worker (the index's only writer) and the scheduler (every app's periodic jobs)
# run beside the web server and stop with it.
run: migrate
	$(MANAGE) seed_demo
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) search_worker & worker=$$!; \
	$(MANAGE) run_scheduler & scheduler=$$!; \
	$(MANAGE) runserver 127.0.0.1:8000

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

# One pytest worker per core (pytest-xdist); PYTEST_WORKERS=0 runs the suite in one process.
PYTEST_WORKERS ?= auto
pytest: $(VENV)/.installed-dev node_modules/.installed messages browser | var
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test: lint pytest

bench: $(VENV)/.installed-dev node_modules/.installed messages wrk | var
	$(BIN)/python -m bench

# The page benchmark alone: gunicorn + wrk against a bare Django view (bench/bench_pages.py).
bench-pages: $(VENV)/.installed-dev node_modules/.installed messages wrk | var
	$(BIN)/python -m bench bench_pages

# Growth curves: pages and search at 1k, 10k and 100k generated documents (bench/growth.py),
# written to bench/results/<date>-growth.md and .png.
bench-growth: $(VENV)/.installed-dev messages | var
	$(BIN)/python -m bench.growth

# Every benchmark at a small scale (1,000 documents, 1 s per load): a look in under 3 minutes.
bench-quick: $(VENV)/.installed-dev node_modules/.installed messages wrk | var
	BENCH_SEARCH_DOCUMENTS=1000 BENCH_SEARCH_REPEAT=30 BENCH_REPEAT=30 BENCH_PAGES_SECONDS=1 $(BIN)/python -m bench

# Debian's wrk loads the pages over HTTP.
wrk:
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q wrk; }

# vraagbaak's makemessages keeps each app's strings (and templates/<app>/) in <app>/locale/.

makemessages: $(VENV)/.installed
	$(MANAGE) makemessages --locale nl --locale en --no-obsolete
	$(MANAGE) makemessages --plain --domain djangojs --locale nl --locale en --no-obsolete \
	  --ignore ".venv/*" --ignore "var/*" --ignore "node_modules/*" --ignore "staticfiles/*"

clean:
	rm -rf $(VENV) var node_modules

# Load and faults against gunicorn on the loopback (tests/stress/run.py); 2-4 minutes, run by CI.
stress: $(VENV)/.installed-dev messages | var
	$(BIN)/python -m tests.stress.run

# Screenshots of the main pages at 1,280 and 360 px in var/screenshots/ (a temporary demo
# database is seeded and served; pass SCREENSHOTS_ARGS="--var DIR" to reuse a seeded one).
screenshots: $(VENV)/.installed-dev messages browser | var
	$(MANAGE) screenshots $(SCREENSHOTS_ARGS)
