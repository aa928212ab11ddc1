# Prongsai: `make demo` serves the demo, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEV_SETTINGS := config.settings.dev
MAKEMESSAGES := $(BIN)/prongsai makemessages -l th --no-obsolete --ignore=.venv/* --ignore=var/* --ignore=scripts/* --ignore=bench/*

.PHONY: bootstrap demo demo-totp test lint typecheck format messages check-messages clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

bootstrap: $(STAMP)

# `make demo PORT=8080` serves on another port; the printed addresses follow it.
# The demo load's e-mails stay in memory so that the logins are the last thing printed.
PORT ?= 8000
DEMO_ENV := DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) PRONGSAI_BASE_URL=http://127.0.0.1:$(PORT)

demo: bootstrap
	mkdir -p var
	@$(DEMO_ENV) $(BIN)/prongsai migrate --noinput --verbosity 0
	@$(DEMO_ENV) EMAIL_URL=memorymail:// $(BIN)/prongsai load_demo
	@$(DEMO_ENV) $(BIN)/prongsai runserver 127.0.0.1:$(PORT)

demo-totp: bootstrap
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/prongsai demo_totp

test: bootstrap
	$(BIN)/pytest $(PYTEST_ARGS)

lint: bootstrap
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# mypy with django-stubs on core, organizations and every app's services and selectors.
typecheck: bootstrap
	$(BIN)/mypy prongsai/core prongsai/organizations $$(ls prongsai/*/services*.py prongsai/*/selectors*.py | grep -v "prongsai/core/\|prongsai/organizations/")

format: bootstrap
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: bootstrap
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(MAKEMESSAGES)
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/prongsai compilemessages -l th --ignore=.venv

check-messages: bootstrap
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/python scripts/check_messages.py

clean:
	rm -rf $(VENV) var test-db.sqlite3
