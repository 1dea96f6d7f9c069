# odoo-uat: `make uat` runs the scenarios against the Odoo under test, `make test` the framework's tests.
# Both set up everything they need on Debian/Ubuntu: the virtualenv, the Python packages,
# a browser, and PostgreSQL when the embedded Odoo needs it. `make` alone only prints the targets.

PYTHON ?= python3
# The bytecode of make's Python commands is cached in the cache folder, even where PYTHONDONTWRITEBYTECODE is
# set (as many images set it): otherwise each pytest start compiles about 170 modules again (2 s on 2 cores).
# Nothing is written into the source trees. The embedded Odoo's processes do the same (odoo_uat/embedded).
export PYTHONPYCACHEPREFIX ?= $(or $(ODOO_UAT_CACHE),$(HOME)/.cache/odoo-uat)/pycache
unexport PYTHONDONTWRITEBYTECODE
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends
ARGS ?=
WAVE ?=
WAVE_ARG := $(if $(WAVE),--wave $(WAVE))
CLONE ?=
# CHANGED=<git range>: only the scenarios of the process areas whose modules the range touched.
CHANGED ?=
CHANGED_ARG := $(if $(CHANGED),--changed $(CHANGED))
# SHARD=k/N: the k-th of N shards (pytest-split), balanced by the durations in DURATIONS (or by
# counting scenarios when none are recorded); its results go to reports/shards/k-of-N/.
SHARD ?=
DURATIONS ?= features/.durations.json
SHARD_GROUP := $(word 1,$(subst /, ,$(SHARD)))
SHARD_SPLITS := $(word 2,$(subst /, ,$(SHARD)))
SHARD_DIR := reports/shards/$(SHARD_GROUP)-of-$(SHARD_SPLITS)
SPLIT_ALGORITHM := least_duration
SHARD_ARGS := $(if $(SHARD),--splits $(SHARD_SPLITS) --group $(SHARD_GROUP) --splitting-algorithm $(SPLIT_ALGORITHM) \
  --durations-path $(SHARD_DIR)/durations.json --store-durations \
  --alluredir=$(SHARD_DIR)/allure-results --junitxml=$(SHARD_DIR)/junit.xml --output=$(SHARD_DIR)/playwright)
# A run of the whole pack (no selection at all) measures each scenario into reports/durations.json;
# `make durations` also copies them into DURATIONS (tracked), so a plain run leaves the work tree clean.
RECORD_DURATIONS ?=
WHOLE_PACK := $(if $(SHARD)$(ARGS)$(WAVE)$(CHANGED),,yes)
RUN_DURATIONS := reports/durations.json
# pytest's exit status when nothing was selected: a shard or a CHANGED range without scenarios is no failure.
NO_TESTS := 5
DURATIONS_ARGS := $(if $(WHOLE_PACK),--durations-path $(RUN_DURATIONS) --store-durations --clean-durations)
# make report RESULTS="reports/shards/*/allure-results": several results folders, one report.
RESULTS ?= reports/allure-results
REPORT_ONLY ?=
# RETRIES=1: rerun a failed scenario once (pytest-rerunfailures); one that passes only on a retry is
# reported as flaky (Allure, exit report; max_flaky in the exit criteria). Off by default: docs/flakes.md.
RETRIES ?=
RETRIES_ARG := $(if $(filter-out 0,$(RETRIES)),--reruns $(RETRIES))
# make soak N=10: the pack N times against one server, then reports/soak.md and reports/soak.json.
N ?= 10
# SPEED_BUDGET=fail: a run whose scenarios (make uat, make report) or flows (make bench) are slower than the speed
# baseline by more than [tool.odoo-uat.speed]'s margins fails; report: only listed; empty: on_over decides.
SPEED_BUDGET ?=
SPEED_ARG := $(if $(SPEED_BUDGET),--speed-budget $(SPEED_BUDGET))

.PHONY: help clean-server uat durations soak test lint catalog report setup browser record-browser embedded-deps bench speed-baseline clean run-setup verify sign-off
# A bare `make` prints the targets, and sets up, installs or clones nothing.
.DEFAULT_GOAL := help

help: ## Print the targets and what they do (what `make` alone does)
	@echo "Usage: make <target> [NAME=value ...]; README.md says more, and lists the settings."
	@awk 'BEGIN { FS = ":.*## " } /^[a-zA-Z0-9_-]+:.*## / { printf "  %-14s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

# What uat, soak and record need before they start, in this order: the settings of the Odoo under test
# checked (cloning allowed); the target's own arguments checked, before anything is installed
# (RUN_ARGS_CHECK: empty here, set by uat and soak below, as a target's variables reach its prerequisites);
# then the virtualenv, a browser and the embedded Odoo's system packages.
RUN_ARGS_CHECK :=
run-setup:
	@$(PYTHON) -m odoo_uat.settings --check --allow-clone >/dev/null
	@$(RUN_ARGS_CHECK)
	@$(MAKE) --no-print-directory setup browser embedded-deps CLONE=--allow-clone

uat: RUN_ARGS_CHECK = case "$(SHARD)" in ""|[1-9]/[1-9]|[1-9]/[1-9][0-9]|[1-9][0-9]/[1-9][0-9]) ;; \
  *) echo "make uat: SHARD=$(SHARD) is not k/N (e.g. SHARD=2/4 runs the second of four shards)"; exit 2;; esac
uat: run-setup ## Run every scenario against the Odoo under test, then print the verdict and where the reports are
	@$(if $(SHARD),mkdir -p $(SHARD_DIR) && rm -f $(SHARD_DIR)/durations.json && \
	  if [ -f $(DURATIONS) ]; then cp $(DURATIONS) $(SHARD_DIR)/durations.json; fi)
	$(PY) -m pytest features --odoo-required --clean-alluredir $(WAVE_ARG) $(CHANGED_ARG) $(SHARD_ARGS) $(DURATIONS_ARGS) $(RETRIES_ARG) $(ARGS); \
	status=$$?; \
	$(if $(SHARD)$(CHANGED),if [ $$status -eq $(NO_TESTS) ]; then echo "No scenario selected here: nothing to run."; status=0; fi;) \
	$(if $(RECORD_DURATIONS),if [ $$status -le 1 ]; then cp $(RUN_DURATIONS) $(DURATIONS) && echo "Durations recorded in $(DURATIONS)"; fi;) \
	$(if $(SHARD),echo "Shard $(SHARD) done: $(SHARD_DIR)/. Merge the shards: make report RESULTS=\"reports/shards/*-of-$(SHARD_SPLITS)/allure-results\"", \
	  $(MAKE) --no-print-directory report WAVE=$(WAVE) REPORT_ONLY=1 SPEED_BUDGET=$(SPEED_BUDGET) || true; \
	  $(PY) -m odoo_uat.report.speed_budget --pyproject $(SETTINGS) check --quiet $(SPEED_ARG) || [ $$status -ne 0 ] || status=1); \
	exit $$status

durations: ## Run the whole pack and record each scenario's duration in DURATIONS (what SHARD balances by)
	@$(MAKE) --no-print-directory uat SHARD= ARGS= WAVE= CHANGED= RECORD_DURATIONS=yes

soak: RUN_ARGS_CHECK = case "$(N)" in [1-9]|[1-9][0-9]|[1-9][0-9][0-9]) ;; \
  *) echo "make soak: N=$(N) is not a number of runs (e.g. N=10)"; exit 2;; esac
soak: run-setup ## Run the pack N times (default 10) against one server; per scenario passes, failures, messages, flake rate
	$(PY) -m odoo_uat.soak --runs $(N) $(RETRIES_ARG) $(ARGS)

test: lint browser ## What lint checks, then the framework's own tests, the end-to-end ones too when an Odoo is configured
	@if [ "$$($(PYTHON) -m odoo_uat.settings)" = embedded ]; then $(MAKE) --no-print-directory embedded-deps; fi
	$(PY) -m pytest $(ARGS)

lint: setup ## Check every feature file (syntax, steps, tags, names), then the Python code with ruff: lint and format (no Odoo, no browser)
	$(PY) -m odoo_uat.authoring.lint features
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

catalog: setup ## Regenerate docs/steps*.md and docs/writing-scenarios.<code>.md from the step definitions and steps/i18n/
	$(PY) -m odoo_uat.authoring.catalog

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "odoo-uat needs Python 3.11 or newer ($(PYTHON) is $$($(PYTHON) --version))."; exit 1; }
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { $(SUDO) apt-get update -q && $(APT_INSTALL) python3-venv && $(PYTHON) -m venv $(VENV); }
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements.lock
	@touch $(STAMP)

browser: setup ## Playwright's Chromium, or where Playwright cannot download one Debian's: its headless shell (ODOO_UAT_BROWSER=chromium: the full one)
	@$(PY) -c 'from odoo_uat.web.browser import playwright_has_chromium as p; raise SystemExit(not p())' || \
	  { missing="$$($(PY) -m odoo_uat.system_packages browser)"; [ -z "$$missing" ] || \
	    $(PY) -m playwright install chromium 2>/dev/null || \
	    { $(SUDO) apt-get update -q && $(APT_INSTALL) $$missing; }; }

# make record opens a visible browser: the full Chromium (Playwright's, or Debian's chromium).
record-browser: setup
	@$(PY) -c 'from odoo_uat.web.browser import playwright_has_chromium as p; raise SystemExit(not p())' || \
	  { missing="$$($(PY) -m odoo_uat.system_packages record)"; [ -z "$$missing" ] || \
	    { $(SUDO) apt-get update -q && $(APT_INSTALL) $$missing; }; }

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

RESULT_DIRS = $(or $(wildcard $(RESULTS)),$(RESULTS))

report: setup $(ALLURE) ## Render one Allure report and one GO / NO-GO exit report (HTML, PDF) from RESULTS, then the evidence bundle (fails on NO-GO unless REPORT_ONLY=1)
	@mkdir -p reports/allure-results
	@for dir in $(RESULT_DIRS); do [ -d "$$dir" ] || { echo "make report: no results folder $$dir (RESULTS=$(RESULTS)): run make uat first, or give the folders the runs wrote"; exit 2; }; done
	$(PY) -m odoo_uat.report.allure_config
	$(ALLURE) generate --config reports/allurerc.json $(RESULT_DIRS)
	$(PY) -m odoo_uat.signoff --pyproject $(SETTINGS) freshness
	$(PY) -m odoo_uat.report --pyproject $(SETTINGS) $(WAVE_ARG) $(SPEED_ARG) --results $(RESULT_DIRS) $(if $(REPORT_ONLY),--report-only); \
	status=$$?; [ $$status -le 1 ] || exit $$status; \
	$(PY) -m odoo_uat.signoff --pyproject $(SETTINGS) pdf && \
	$(PY) -m odoo_uat.signoff --pyproject $(SETTINGS) bundle && exit $$status

# Sign-off (docs/sign-off.md). SETTINGS: the pyproject.toml holding [tool.odoo-uat.sign-off]; BUNDLE: the evidence
# folder (default: its bundle setting, reports). make sign-off KEY=~/.ssh/id_ed25519 AS="Quality manager"
# MEANING="Approved for go-live of wave 1" COMMENT="...": an approval signed with your SSH key.
SETTINGS ?= pyproject.toml
BUNDLE ?=
BUNDLE_ARG := $(if $(BUNDLE),--bundle $(BUNDLE))
KEY ?=
AS ?=
MEANING ?=
COMMENT ?=

verify: setup ## Check the evidence bundle (BUNDLE, default reports/): name every file added, removed or changed (then exit 1), and every approval
	@$(PY) -m odoo_uat.signoff --pyproject $(SETTINGS) $(BUNDLE_ARG) verify

sign-off: setup ## Approve the bundle: KEY=<your SSH key> AS="<role>" MEANING="<what you approve>" [COMMENT=...], signed with ssh-keygen -Y sign
	@[ -n "$(KEY)" ] && [ -n "$(AS)" ] && [ -n "$(MEANING)" ] || { echo 'make sign-off: give KEY=~/.ssh/id_ed25519 AS="Quality manager" MEANING="Approved for go-live of wave 1" (COMMENT= optional)'; exit 2; }
	@$(PY) -m odoo_uat.signoff --pyproject $(SETTINGS) $(BUNDLE_ARG) sign --key "$(KEY)" --role "$(AS)" --meaning "$(MEANING)" --comment "$(COMMENT)"

# make record ROLE="Buyer" OUT=features/recorded/rfq.feature: the web client in a visible browser as the role;
# click through the flow, close the browser, get the feature file (docs/recorder.md). ARGS='--script mod:function' drives it headless.
ROLE ?=
OUT ?=
.PHONY: record
record: run-setup record-browser ## Record a flow clicked in the web client as ROLE (default: the first role of roles.toml) into OUT (default: features/recorded/<role>-<time>.feature)
	$(PY) -m odoo_uat.recorder $(if $(ROLE),--role "$(ROLE)") $(if $(OUT),--out "$(OUT)") $(ARGS)

bench: setup browser embedded-deps ## RPC floor vs UI scenario per flow, step profile, warm start (ARGS=--scaling: -n 1/2/4); reports/bench.json
	$(PY) -m odoo_uat.bench $(SPEED_ARG) $(ARGS)

# WORKERS=2: the pack's durations as a gate running with -n 2 measures them (scenarios sharing the machine are slower).
WORKERS ?=
speed-baseline: ## Record the speed baseline of this Odoo version: the whole pack's durations and the bench's flows (commit the file); WORKERS=2 runs the pack with -n 2
	@$(MAKE) --no-print-directory uat SHARD= ARGS="$(if $(WORKERS),-n $(WORKERS))" WAVE= CHANGED= SPEED_BUDGET=report
	$(PY) -m odoo_uat.report.speed_budget --pyproject $(SETTINGS) save --durations $(RUN_DURATIONS) --results reports/allure-results
	@$(MAKE) --no-print-directory bench ARGS="--save-baseline --no-warm-start" SPEED_BUDGET=report

# make compare BASE=<results folder> HEAD=<results folder>: the outcome records of two runs (18.0 and 19.0, before
# and after a merge), scenario by scenario; reports/compare.html and .md. REPORT_ONLY=1: exit 0 even when they differ.
BASE ?=
HEAD ?=
.PHONY: compare
compare: setup ## Compare what each scenario produced in two runs: BASE=<results folder> HEAD=<results folder> (docs/upgrade-rehearsal.md); fails on a difference unless REPORT_ONLY=1
	@[ -n "$(BASE)" ] && [ -n "$(HEAD)" ] || { echo 'make compare: give BASE=<results folder> HEAD=<results folder>, e.g. BASE=reports-18 HEAD=reports (docs/upgrade-rehearsal.md)'; exit 2; }
	$(PY) -m odoo_uat.compare --pyproject $(SETTINGS) --base "$(BASE)" --head "$(HEAD)" $(if $(REPORT_ONLY),--report-only)

# make clean-server: a run whose newest record is younger than CLEAN_OLDER_THAN hours is taken to be in progress.
CLEAN_OLDER_THAN ?= 24
clean-server: setup ## Archive or delete what ended runs left on the existing server (ODOO_URL, ODOO_DB, ODOO_PASSWORD): runs whose newest record is older than CLEAN_OLDER_THAN hours (24); RUN=<run id> one run, ALL=1 every run (in progress too), DRY_RUN=1 to only say what it would do
	$(PY) -m odoo_uat.odoo.cleanup $(if $(RUN),--run $(RUN)) $(if $(ALL),--all) --older-than $(CLEAN_OLDER_THAN) $(if $(DRY_RUN),--dry-run) $(ARGS)

clean: ## Remove the results of earlier runs (not the virtualenv, not the cached Odoo databases)
	rm -rf reports/allure-results reports/allure-report reports/junit.xml reports/exit-report.* reports/playwright \
	  reports/shards reports/durations.json reports/soak reports/soak.md reports/soak.json \
	  reports/evidence.intoto.json reports/inputs reports/freshness.json reports/outcomes reports/compare.md reports/compare.html
