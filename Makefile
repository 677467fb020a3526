# Set up and run strikegraph. Needs only Python 3.11+, pip and (for the OWL API check) apt.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint deps-debian clean

$(BIN)/strikegraph: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Main job: build the bundled corpus and answer the flagship question.
run: $(BIN)/strikegraph
	$(BIN)/strikegraph build corpus --out build
	$(BIN)/strikegraph summary --build build

# Tests and lint. The OWL API check runs when Java and libowlapi-java are present (CI installs them).
test: $(BIN)/strikegraph
	$(BIN)/ruff check src tests
	$(BIN)/pytest -q

# Debian packages for the OWL 2 DL check (needs root).
deps-debian:
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends default-jdk-headless libowlapi-java

clean:
	rm -rf build .pytest_cache
