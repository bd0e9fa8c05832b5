# Two commands: `make run` (demo on SQLite) and `make test` (the whole suite).
# Everything else is a step they share. All targets are safe to run again.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_RUNTIME := libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core gettext
APT_TEST := chromium poppler-utils
ifeq ($(shell id -u),0)
SUDO :=
else
SUDO := sudo
endif
export DJANGO_SETTINGS_MODULE := endorsement.settings

.PHONY: install engine system-packages browser run serve demo migrate static test test-fast lint worker beat bench load clean backup restore compilemessages messages check-translations

install: system-packages $(STAMP) compilemessages engine

# The eligibility engine compiled to C with mypyc into var/engine (about a minute, on the first
# install and after its source changed; otherwise a digest check). Without it, or while it is
# older than the source, the engine runs as plain Python (endorsement/guidelines/native.py).
engine: $(STAMP)
	$(BIN)/python -m endorsement.guidelines.build

# The Spanish catalog (locale/es/LC_MESSAGES/django.po) compiled to django.mo (not committed):
# msgfmt checks every %(name)s placeholder against the English, so a broken one stops here.
compilemessages: system-packages $(STAMP)
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var -v0

# Gather every string to translate (templates, Python, the engine's catalog) into locale/es.
MAKEMESSAGES_IGNORE := --ignore=.venv --ignore=var --ignore=static --ignore=node_modules \
	--ignore='*/tests/*' --ignore=test-results --ignore=docs
messages: install
	$(BIN)/python manage.py engine_messages
	$(BIN)/python manage.py makemessages -l es --no-obsolete --add-location=file $(MAKEMESSAGES_IGNORE)

# Every string of the code in the Spanish catalog and translated (exit 1 with the list
# otherwise): the strings are gathered afresh into a scratch copy of the catalog (the committed
# one is put back), so a string added to the code but never gathered fails too.
check-translations: compilemessages
	$(BIN)/python manage.py engine_messages --check
	mkdir -p var && cp locale/es/LC_MESSAGES/django.po var/django.po.committed
	$(BIN)/python manage.py makemessages -l es --no-obsolete --add-location=file $(MAKEMESSAGES_IGNORE) -v0; \
	  $(BIN)/python manage.py check_translations es; status=$$?; \
	  cp var/django.po.committed locale/es/LC_MESSAGES/django.po; exit $$status

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

# WeasyPrint's libraries (libharfbuzz-subset0 makes it ~4x faster) and gettext (msgfmt, for
# the Spanish catalog), installed only when missing.
system-packages:
	@missing=""; for p in $(APT_RUNTIME); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing >/dev/null; fi

# Chromium for the browser tests; poppler-utils (pdftotext, pdftoppm) reads certificates back.
browser:
	@missing=""; for p in $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "Installing for the tests:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing >/dev/null; fi

# The demo runs as production does (DEBUG off: friendly error pages, never a traceback);
# `DEBUG=true make run` for Django's debug pages while developing.
migrate: install
	$(BIN)/python manage.py migrate --noinput

static: install
	$(BIN)/python manage.py collectstatic --noinput -v0

demo: migrate static
	$(BIN)/python manage.py seed_demo

run: demo serve

serve:
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install browser
	$(BIN)/python -m pytest -q -rs

test-fast: install
	$(BIN)/python -m pytest -q -m "not e2e"

lint: install
	$(BIN)/ruff check .

worker: install
	$(BIN)/celery -A endorsement worker --loglevel=INFO --concurrency=2

beat: install
	$(BIN)/celery -A endorsement beat --loglevel=INFO --schedule=var/celerybeat-schedule

# Speed figures at scale (issue 14): a throwaway PostgreSQL database (DATABASE_URL's server, or
# the local one; database endorsement_bench, dropped and created again) seeded with 100,000
# applications, served by gunicorn and measured over HTTP beside a trivial view; then the
# engine, a certificate, the reminder sweep and an import. Without PostgreSQL: SQLite, 300
# applications. Prints a table and writes .bench/latest.json. BENCH_ARGS="--applications 5000"
# for a smaller run; "--no-seed" measures the last seeded database again.
bench: install
	$(BIN)/python -m endorsement.bench.run $(BENCH_ARGS)

# 100 users at once for 2 minutes (applicants saving, raters, reviewers, the coordinator)
# against gunicorn + PostgreSQL + Redis + a Celery worker: 5xx, lost or duplicated saves, p95.
load: install
	$(BIN)/python -m endorsement.bench.load $(LOAD_ARGS)

backup: install
	$(BIN)/python manage.py backup --output $(or $(OUTPUT),backups)

restore: install
	@test -n "$(ARCHIVE)" || (echo "Usage: make restore ARCHIVE=backups/endorsement-backup-....tar.gz"; exit 2)
	$(BIN)/python manage.py restore $(ARCHIVE)

clean:
	rm -rf var $(VENV)
