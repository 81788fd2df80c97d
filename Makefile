# Samhandling: the two commands are `make dev` and `make test` (see README.md).
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
PY := .venv/bin/python
DEV_ENV := DJANGO_DEBUG=true

.PHONY: dev test bench lint messages env frontend system-deps clean backup restore

env: .venv/.synced
# --compile-bytecode: every process (web worker, manage.py, the PDF renderer) starts from
# compiled bytecode even where Python may not write it (PYTHONDONTWRITEBYTECODE); importing
# WeasyPrint alone takes 2 s without it and 0.7 s with it.
.venv/.synced: pyproject.toml uv.lock Makefile
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install -q uv
	$(UV) sync --frozen --python 3.11 --compile-bytecode
	@touch $@

frontend: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

system-deps:
	@scripts/system-deps.sh test

messages: env
	@command -v msgfmt >/dev/null 2>&1 || scripts/system-deps.sh test
	$(DEV_ENV) $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

dev: env frontend messages
	$(DEV_ENV) $(PY) manage.py migrate --noinput -v 0
	$(DEV_ENV) $(PY) manage.py createcachetable
	$(DEV_ENV) $(PY) manage.py load_demo
	@echo "Samhandling kjører på http://localhost:8000, http://eksempelvik.localhost:8000 og http://fjordvik.localhost:8000"
	$(DEV_ENV) $(PY) manage.py runserver 0.0.0.0:8000

test: env frontend system-deps messages
	scripts/test.sh

bench: env frontend messages
	@scripts/system-deps.sh bench
	scripts/bench.sh

# Backup and restore (PostgreSQL, DATABASE_URL): see "Backup and recovery" in docs/operations.md.
backup: env
	scripts/backup.sh

restore: env
	scripts/restore.sh "$(BACKUP)" $(if $(FORCE),--force)

lint: env
	$(PY) -m ruff check .
	.venv/bin/lint-imports --no-cache
	$(DEV_ENV) $(PY) -m mypy core municipalities samhandlingsmodell handlingsveileder accounts stafettlogg grants stats devdata audit config

clean:
	rm -rf .venv node_modules var db.sqlite3
