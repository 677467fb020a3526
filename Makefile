# Set up and run strikegraph. Needs only Python 3.11+, pip and (for the OWL API check) apt.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test score deps-debian clean

$(BIN)/strikegraph: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Main job: build the bundled corpus and answer the flagship question.
run: $(BIN)/strikegraph
	$(BIN)/strikegraph build corpus --out build
	$(BIN)/strikegraph summary --build build
	$(BIN)/strikegraph query who-struck --param place=Boukamal --param target=convoy --build build

# Tests and lint. The OWL API check runs when Java and libowlapi-java are present (CI installs them).
test: $(BIN)/strikegraph
	$(BIN)/ruff check src tests
	$(BIN)/pytest -q

# Seed extraction against the hand-made annotations in ../shared (development only).
score: $(BIN)/strikegraph
	$(BIN)/strikegraph build corpus --out build -q
	$(BIN)/strikegraph export claims --format jsonl --build build --out build/claims.jsonl
	$(BIN)/python ../shared/tools/score.py --gold ../shared/gold/seeds --pred build/claims.jsonl --quiet

# Debian packages for the OWL 2 DL check (needs root).
deps-debian:
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends default-jdk-headless libowlapi-java

clean:
	rm -rf build .pytest_cache

# Benchmark on generated corpora (sizes and options: python -m strikegraph.bench --help).
bench: $(BIN)/strikegraph
	$(BIN)/python -m strikegraph.bench --sizes 1000,10000 --out benchmarks/results.json
