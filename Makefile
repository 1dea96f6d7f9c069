# odoo-uat: `make uat` runs the scenarios against the Odoo under test, `make test` the framework's tests.
# Both set up everything they need on Debian/Ubuntu: the virtualenv, the Python packages,
# a browser, and PostgreSQL when the embedded Odoo needs it.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends
ARGS ?=
WAVE ?=
WAVE_ARG := $(if $(WAVE),--wave $(WAVE))
CLONE ?=

.PHONY: uat test lint catalog report setup browser embedded-deps bench clean

uat: ## Run every scenario against the Odoo under test, then print the verdict and where the reports are
	@$(PYTHON) -m odoo_uat.settings --check --allow-clone >/dev/null
	@$(MAKE) --no-print-directory setup browser embedded-deps CLONE=--allow-clone
	$(PY) -m pytest features --odoo-required --clean-alluredir $(WAVE_ARG) $(ARGS); status=$$?; \
	$(MAKE) --no-print-directory report WAVE=$(WAVE) || true; exit $$status

test: setup browser ## The framework's own tests, the end-to-end ones too when an Odoo is configured
	$(PY) -m odoo_uat.lint features
	@if [ "$$($(PYTHON) -m odoo_uat.settings)" = embedded ]; then $(MAKE) --no-print-directory embedded-deps; fi
	$(PY) -m pytest $(ARGS)

lint: setup ## Check every feature file: syntax, steps, tags, names (no Odoo, no browser)
	$(PY) -m odoo_uat.lint features

catalog: setup ## Regenerate docs/steps.md from the step definitions
	$(PY) -m odoo_uat.catalog

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "odoo-uat needs Python 3.11 or newer ($(PYTHON) is $$($(PYTHON) --version))."; exit 1; }
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { $(SUDO) apt-get update -q && $(APT_INSTALL) python3-venv && $(PYTHON) -m venv $(VENV); }
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements.lock
	@touch $(STAMP)

browser: setup ## Playwright's Chromium, or Debian's where Playwright cannot download one
	@$(PY) -c 'from fixtures.browser import playwright_has_chromium as p, system_chromium as s; raise SystemExit(not (p() or s()))' || \
	  $(PY) -m playwright install chromium 2>/dev/null || \
	  { $(SUDO) apt-get update -q && $(APT_INSTALL) chromium; }

embedded-deps: ## The PostgreSQL server, libpq, the LDAP and SASL headers, a compiler, Python's headers: each checked on its own
	@if [ "$$($(PYTHON) -m odoo_uat.settings $(CLONE))" = embedded ]; then \
	  missing="$$($(PYTHON) -m odoo_uat.system_packages embedded)"; \
	  if [ -n "$$missing" ]; then echo "odoo-uat: installing $$missing"; \
	    $(SUDO) apt-get update -q && $(APT_INSTALL) $$missing; fi; fi

ALLURE := node_modules/.bin/allure

$(ALLURE): package.json package-lock.json
	@missing="$$($(PYTHON) -m odoo_uat.system_packages report)"; \
	  if [ -n "$$missing" ]; then $(SUDO) apt-get update -q && $(APT_INSTALL) $$missing; fi
	npm ci --no-audit --no-fund
	@touch $@

report: setup $(ALLURE) ## Render the Allure report and the GO / NO-GO exit report from the last run
	@mkdir -p reports/allure-results
	$(PY) -m odoo_uat.report.allure_config
	$(ALLURE) generate --config reports/allurerc.json reports/allure-results
	$(PY) -m odoo_uat.report $(WAVE_ARG)

bench: setup browser embedded-deps ## Time the stages of a run (server start, seeding, login, scenarios)
	$(PY) -m odoo_uat.bench $(ARGS)

clean: ## Remove the results of earlier runs (not the virtualenv, not the cached Odoo databases)
	rm -rf reports/allure-results reports/allure-report reports/junit.xml reports/exit-report.* reports/playwright
