# cityplat: the README's quickstart. `make up`, `make status`, `make down`, `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: help install up down status seed test test-unit test-service test-integration test-e2e test-fault test-ops \
        test-deps check-servers proto clean

help:
	@echo "make up | down | status | test | test-unit | test-service | test-integration | test-e2e | test-fault | test-ops | proto"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "cityplat needs Python 3.11, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

up: install  ## migrate, seed the demo district, start every service process in the background
	$(BIN)/cityplat up

down:
	$(BIN)/cityplat down

status:
	$(BIN)/cityplat status

seed: install
	$(BIN)/cityplat seed demo

# promtool checks the alert rules; it comes with Debian's prometheus package.
test-deps: install
	@command -v promtool >/dev/null || { \
	  echo "installing Debian's prometheus package for promtool"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq prometheus >/dev/null; \
	  $$SUDO pkill -x prometheus || true; }
	@command -v promtool >/dev/null || { echo "promtool is still missing: apt-get install prometheus" >&2; exit 1; }

# The integration and end-to-end tests need the real servers: fail loudly, never skip.
check-servers:
	@$(BIN)/python -c 'import socket,sys; bad=[f"{n} on 127.0.0.1:{p}" for n,p in (("PostgreSQL",5432),("RabbitMQ",5672)) if socket.socket().connect_ex(("127.0.0.1",p))]; sys.exit("not reachable: " + ", ".join(bad) + " (see README, Tests)") if bad else None'

test: test-deps check-servers  ## the whole suite: unit, service, integration, e2e, ops
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-unit: install
	$(BIN)/python -m pytest tests/unit $(PYTEST_ARGS)

test-service: install
	$(BIN)/python -m pytest tests/service $(PYTEST_ARGS)

test-integration: install check-servers
	$(BIN)/python -m pytest tests/integration $(PYTEST_ARGS)

test-e2e: install check-servers
	$(BIN)/python -m pytest tests/e2e $(PYTEST_ARGS)

test-fault: install check-servers
	$(BIN)/python -m pytest tests/fault $(PYTEST_ARGS)

test-ops: test-deps
	$(BIN)/python -m pytest tests/ops $(PYTEST_ARGS)

proto: install  ## regenerate the Python code of proto/ (committed; a test checks it is current)
	$(BIN)/python -m grpc_tools.protoc -Iproto --python_out=proto --grpc_python_out=proto --pyi_out=proto \
	  $$(find proto -name '*.proto')

clean:
	rm -rf $(VENV) var *.egg-info .pytest_cache
