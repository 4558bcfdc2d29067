# The two commands of README.md, and what they need. Everything installs into .venv.
#   make demo   install, seed the demo forum into data/demo.sqlite3 and serve its ballot (Ctrl-C stops)
#   make test   install, then run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: demo test install clean

install: $(INSTALLED)

# Reinstall only when the declared dependencies change. constraints.txt pins every version, so a
# fresh install gets what the tests ran with.
$(INSTALLED): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[analysis,postgres,dev]'
	touch $(INSTALLED)

demo: $(INSTALLED)
	$(BIN)/forum-toolkit demo --replace
	$(BIN)/forum-toolkit sessions --db sqlite:///data/demo.sqlite3
	$(BIN)/forum-toolkit serve forum-2026-11-26 --db sqlite:///data/demo.sqlite3 --tablets 8 --qr data/demo-qr.png

test: $(INSTALLED)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out data/demo.sqlite3*
