# Chanjiao — the two commands of the README, and a few more.
#   make run    install what is missing, build, create data/chanjiao.db with
#               the demo data if absent, serve on http://127.0.0.1:$(PORT)
#   make test   build and run every test (SQLite and PostgreSQL), then the
#               unit, API and PostgreSQL store tests again under ASan + UBSan
#               (not the browser tests and the API suite's PostgreSQL rerun:
#               the server paths they drive are the API tests', and the
#               run must stay well inside CI's time)
#   make build  build only
#   make lint   cppcheck, clang-format, the floors, and the OpenAPI document
#               through two linters (redocly, spectral; tests/contract)
#   make fuzz   build the libFuzzer harnesses (clang, ASan+UBSan) in
#               build-fuzz/ and run each for FUZZ_TIME seconds (default 60)
PORT ?= 8080
DB ?= data/chanjiao.db
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_TIME ?= 60

.PHONY: all build build-c web deps test-deps contract-deps run test test-fast test-asan test-fuzz fuzz \
        fuzz-build lint lint-c lint-openapi bench clean format

all: build

deps:
	@bash scripts/install-deps.sh

test-deps:
	@CHANJIAO_TEST=1 bash scripts/install-deps.sh
	@$(MAKE) --no-print-directory contract-deps

# The contract's tools (tests/contract/package.json, pinned in its lock):
# two OpenAPI linters for make lint, Ajv for the ctest contract/live.
CONTRACT := tests/contract
contract-deps: $(CONTRACT)/node_modules/.package-lock.json

$(CONTRACT)/node_modules/.package-lock.json: $(CONTRACT)/package-lock.json
	@bash scripts/install-deps.sh
	cd $(CONTRACT) && npm ci --no-audit --no-fund --loglevel=error

build: deps build-c web

build-c:
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
	@cmake --build build -j $(JOBS) -- --no-print-directory

# The browser app: npm ci when the lock file changed, vite build when a
# source changed.  The server serves web/dist.
WEB_SRC := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/vite.config.js
web: web/dist/index.html

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SRC)
	cd web && npm run build --silent

run: build
	@mkdir -p data
	./build/chanjiao serve --db $(DB) --listen 127.0.0.1:$(PORT) --demo --web web/dist

test-fast: test-deps build
	cd build && ctest --output-on-failure -j $(JOBS)

test-asan: test-deps web
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DSANITIZER=address,undefined > /dev/null
	@cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS) \
	  -LE 'web|pgapi'

lint: lint-c lint-openapi

# cppcheck over src/ (jansson's foreach macros need its header).
lint-c:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability --std=c11 \
	  -I src -D_GNU_SOURCE --include=/usr/include/jansson.h --suppress=missingIncludeSystem \
	  --inline-suppr src
	clang-format --dry-run --Werror $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'bench/*.c')
	bash scripts/check-floors.sh

# docs/openapi.json through two independent linters, 0 errors each (their
# settings and the reason for each one: tests/contract/redocly.yaml,
# .spectral.yaml).
lint-openapi: contract-deps
	cd $(CONTRACT) && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
	  node_modules/.bin/redocly lint --config redocly.yaml --format=stylish \
	  ../../docs/openapi.json
	cd $(CONTRACT) && node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity=error \
	  ../../docs/openapi.json

# libFuzzer harnesses (tests/fuzz): a clang build with coverage and
# ASan+UBSan in build-fuzz/, then each harness for FUZZ_TIME seconds.
fuzz-build:
	@CHANJIAO_FUZZ=1 bash scripts/install-deps.sh
	@cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCHANJIAO_FUZZ=ON > /dev/null
	@cmake --build build-fuzz -j $(JOBS) -- --no-print-directory

fuzz: fuzz-build
	FUZZ_TIME=$(FUZZ_TIME) bash scripts/fuzz.sh

# What CI runs: every harness for a short while.
test-fuzz:
	@$(MAKE) --no-print-directory fuzz FUZZ_TIME=15

test: test-fast test-asan test-fuzz lint

bench: build
	@CHANJIAO_BENCH=1 bash scripts/install-deps.sh
	bash bench/run.sh

format:
	clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'bench/*.c')

clean:
	rm -rf build build-asan build-fuzz web/dist
