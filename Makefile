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

# Extraction against the hand-made annotations in ../shared (development only; the package never
# reads it): each annotated set is built as shipped (validation and reasoning on), exported and scored,
# the sets in parallel, the reports printed in order. Builds stay in build/score/SET, so an unchanged
# set is not rebuilt.
SHARED ?= ../shared
SCORE_DIR := build/score
SCORE_SETS := $(foreach s,seeds dev,$(if $(wildcard $(SHARED)/gold/$(s)/*.yaml),$(if $(wildcard $(SHARED)/corpus/$(s)/*),$(s))))

ifeq ($(wildcard $(SHARED)/tools/score.py),)
score:
	@echo "make score: $(SHARED)/tools/score.py not found; the gold annotations and scorer live in $(SHARED), beside the checkout. Nothing scored."
else
score: $(BIN)/strikegraph
	@$(MAKE) --no-print-directory -j2 $(SCORE_SETS:%=score-set-%)
	@for set in $(SCORE_SETS); do \
	  echo "== $$set: $(SHARED)/corpus/$$set against $(SHARED)/gold/$$set"; cat $(SCORE_DIR)/$$set.score; \
	done
endif

# One set: build, export, score into build/score/SET.score. Not a file, so it always runs.
score-set-%: $(BIN)/strikegraph
	@$(BIN)/strikegraph build $(SHARED)/corpus/$* --out $(SCORE_DIR)/$* -q
	@$(BIN)/strikegraph export claims --format jsonl --build $(SCORE_DIR)/$* --out $(SCORE_DIR)/$*.jsonl
	@$(BIN)/python $(SHARED)/tools/score.py --gold $(SHARED)/gold/$* --pred $(SCORE_DIR)/$*.jsonl --quiet >$(SCORE_DIR)/$*.score

# Debian packages for the OWL 2 DL check (needs root).
deps-debian:
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends default-jdk-headless libowlapi-java

clean:
	rm -rf build .pytest_cache

# Benchmark on generated corpora (sizes and options: strikegraph bench --help; the code is in benchmarks/).
bench: $(BIN)/strikegraph
	$(BIN)/strikegraph bench --sizes 1000,10000 --out benchmarks/results.json
