# Vraagbaak: `make run` serves the demo site, `make test` runs every check. Both set up what
# they need first (virtualenv, packages, translations, browser) and are fast when run again.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po */locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test lint pytest bench messages makemessages migrate seed browser clean help

help:
	@echo "make run    set up and serve the demo site on http://127.0.0.1:8000"
	@echo "make test   set up and run lint plus the whole test suite (browser included)"
	@echo "make bench  run the benchmarks in bench/"

# The stamp files record that the environment matches pyproject.toml.
$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
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

migrate: $(VENV)/.installed messages | var
	$(MANAGE) migrate --noinput

# The search worker (the index's only writer) runs beside the web server and stops with it.
run: migrate
	$(MANAGE) seed_demo
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) search_worker & worker=$$!; \
	$(MANAGE) runserver 127.0.0.1:8000

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

pytest: $(VENV)/.installed-dev messages browser | var
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint pytest

bench: $(VENV)/.installed-dev messages | var
	$(BIN)/python -m bench

makemessages: $(VENV)/.installed
	$(MANAGE) makemessages --locale nl --locale en --ignore ".venv/*" --ignore "var/*" --no-obsolete
	$(MANAGE) makemessages --domain djangojs --locale nl --locale en --ignore ".venv/*" --ignore "var/*" --no-obsolete

clean:
	rm -rf $(VENV) var
