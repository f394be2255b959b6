# The two commands of the README: `make run` and `make test`. Both set up what they need.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export TINHGON_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test lint setup messages bench clean vendor-echarts

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

setup: $(STAMP)

## Run the system: migrate the embedded SQLite database, load the Móng Cái demo, serve the UI.
run: $(STAMP)
	@mkdir -p $(TINHGON_DATA_DIR)
	$(VENV)/bin/tinhgon migrate
	$(VENV)/bin/tinhgon demo load
	$(VENV)/bin/tinhgon serve --host 127.0.0.1 --port 8000

## Run the whole test suite: lint, types, catalogues, then the tests on SQLite and PostgreSQL.
test: $(STAMP)
	bash scripts/test.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts
	$(VENV)/bin/mypy

messages: $(STAMP)
	@for app in core audit accounts registry adminunits people api web demo project; do $(PY) scripts/i18n.py update $$app; done

bench: $(STAMP)
	$(PY) bench/run.py

## Refresh the chart library the dashboard ships (Apache ECharts 5, Apache-2.0) from the npm
## registry. The file is kept in the repository, so neither `run` nor `test` needs npm.
ECHARTS_DIR := src/tinhgon/web/static/web/vendor/echarts
vendor-echarts:
	@command -v npm >/dev/null || { echo "npm is needed to refresh ECharts"; exit 1; }
	rm -rf build/echarts && mkdir -p build/echarts
	cd build/echarts && npm pack --silent echarts@5 >/dev/null && tar xzf echarts-*.tgz
	cp build/echarts/package/dist/echarts.min.js build/echarts/package/LICENSE build/echarts/package/NOTICE $(ECHARTS_DIR)/

clean:
	rm -rf $(VENV) var
