# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DEMO_PASSWORD ?= demo-coop-2026
# The demo's language on a new database (en or es); an existing demo keeps its own.
DEMO_LANGUAGE ?= en

.PHONY: install run serve test lint check-migrations clean bench backup restore messages

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Frappe Gantt, axe-core and the noble curves and hashes from the npm registry, reinstalled when the lock file changes.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The translation catalogues, compiled for Django to read (GNU gettext's msgfmt).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
%.mo: %.po
	msgfmt --check-format --output-file=$@ $<

install: $(VENV)/.installed node_modules/.installed $(MO_FILES)

## Gather the strings marked for translation into every shipped language's catalogue (docs/languages.md).
messages: install
	$(PY) manage.py makemessages --all --add-location=file --ignore=.venv --ignore=node_modules --ignore=tests \
		--ignore=bench --ignore=artifacts --ignore=staticfiles

## Set everything up and serve the demo cooperative on embedded SQLite.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --language $(DEMO_LANGUAGE)
	@$(PY) manage.py setup_token --if-needed --base-url http://127.0.0.1:$(PORT)
	@echo ""
	@echo "Serving on http://127.0.0.1:$(PORT)/  (demo password: $(DEMO_PASSWORD))"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## Run as in production: gunicorn, a Celery worker and beat, PostgreSQL and Redis on this machine.
serve: install
	@test -n "$$DJANGO_SECRET_KEY" || echo "DJANGO_SECRET_KEY is not set: using a random one for this run."
	DJANGO_SETTINGS_MODULE=config.settings.production \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')} \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost} \
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/coop} \
	CELERY_BROKER_URL=$${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0} \
	CACHE_URL=$${CACHE_URL:-redis://127.0.0.1:6379/1} \
	DJANGO_SECURE_SSL_REDIRECT=$${DJANGO_SECURE_SSL_REDIRECT:-false} \
	PORT=$(PORT) PATH=$(CURDIR)/$(VENV)/bin:$$PATH \
	sh -c '$(PY) manage.py ensure_database && $(PY) manage.py migrate --noinput && $(PY) manage.py collectstatic --noinput -v0 && $(PY) manage.py setup_token --if-needed --base-url "$${SETUP_BASE_URL:-http://127.0.0.1:$(PORT)}" && exec honcho start'

## Every benchmark with its ratio (PostgreSQL; DATABASE_URL defaults to .../coop_bench; see docs/performance.md).
bench: install
	$(PY) -m bench $(BENCH_ARGS)

## Dump the PostgreSQL database (DATABASE_URL) to BACKUP_FILE, pg_dump's custom format.
BACKUP_DIR ?= backups
BACKUP_FILE ?= $(BACKUP_DIR)/coop-$(shell date +%Y%m%d-%H%M%S).dump
backup:
	@mkdir -p $(dir $(BACKUP_FILE))
	pg_dump --format=custom --no-owner --file="$(BACKUP_FILE)" "$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/coop}"
	@echo "Backup written to $(BACKUP_FILE)"

## Put BACKUP_FILE back into DATABASE_URL, replacing what is there, all or nothing.
restore:
	@test -f "$(BACKUP_FILE)" || { echo "Name the dump: make restore BACKUP_FILE=backups/coop-....dump"; exit 2; }
	pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error \
		--dbname="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/coop}" "$(BACKUP_FILE)"
	@echo "Restored $(BACKUP_FILE)"

## Run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL).
test: install
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

## Ruff (PLC0415: no import inside a function outside apps.py), the layer contracts of pyproject.toml,
## then the translation catalogues (complete, no leftovers, placeholders intact).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py catalogue_check

check-migrations: install
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
