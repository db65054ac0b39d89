# Casebook. `make run` and `make test` work on a fresh Debian/Ubuntu machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TS := resources/i18n/casebook_ar.ts
QM := casebook/gui/translations/casebook_ar.qm
GUI_SOURCES := $(shell find casebook/gui -name '*.py' 2>/dev/null)

.PHONY: run test test-core-without-qt lint translations update-translations bench screenshots clean

$(BIN)/casebook.stamp-run: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(BIN)/casebook.stamp-test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(BIN)/casebook.stamp-run

$(QM): $(TS) | $(BIN)/casebook.stamp-run
	mkdir -p $(dir $(QM))
	$(BIN)/pyside6-lrelease -silent $(TS) -qm $(QM)

translations: $(QM)

# Re-extract every tr() string from the GUI into the .ts file (then translate, then `make`).
update-translations: $(BIN)/casebook.stamp-run
	$(BIN)/pyside6-lupdate -no-obsolete -locations none $(GUI_SOURCES) -ts $(TS)

run: $(BIN)/casebook.stamp-run $(QM)
	$(BIN)/casebook-gui

test: $(BIN)/casebook.stamp-test $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
	$(MAKE) --no-print-directory test-core-without-qt

# The core must not need Qt: run its tests with PySide6 made unimportable.
test-core-without-qt: $(BIN)/casebook.stamp-test
	$(BIN)/python tests/run_core_without_qt.py

lint: $(BIN)/casebook.stamp-test
	$(BIN)/ruff check casebook tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

bench: $(BIN)/casebook.stamp-run
	$(BIN)/python bench/run.py
	$(BIN)/python bench/records_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/dossier_bench.py
	$(BIN)/python bench/packages_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# PNGs of every window in English and Arabic, to look at after a GUI change.
screenshots: $(BIN)/casebook.stamp-test $(QM)
	mkdir -p screenshots
	CASEBOOK_SCREENSHOT_DIR=screenshots QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/gui/test_screenshots.py \
		tests/gui/test_picker_screenshots.py tests/gui/test_review_screenshots.py \
		tests/gui/test_dossier_wizard.py tests/gui/test_dossier_pdf.py tests/gui/test_packages_gui.py
