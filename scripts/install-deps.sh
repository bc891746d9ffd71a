#!/usr/bin/env bash
# Install the Debian packages Chanjiao needs to build, test and run —
# only those not already installed, so a second run does nothing.
# Used by `make run`, `make test`, `make fuzz` and .ci/run.  Needs root (or sudo).
set -euo pipefail

PKGS=(
  build-essential cmake pkg-config   # compiler and build
  libmicrohttpd-dev                  # HTTP server
  libjansson-dev                     # JSON
  libsqlite3-dev                     # embedded store
  libpq-dev                          # PostgreSQL client (the second backend, issue 13)
  libsodium-dev                      # Argon2id, random tokens, constant-time compare
  libjemalloc-dev                    # the program's allocator (imports: threads that make and free millions of rows)
  libxxhash-dev                      # the in-memory hash tables' string hash (XXH3)
  libcmocka-dev                      # unit tests
  libminizip-dev libexpat1-dev       # XLSX reading (zip + XML)
  libxlsxwriter-dev                  # XLSX writing
  libbrotli-dev zlib1g-dev           # compressed answers (Content-Encoding: br, gzip)
  python3                            # black-box API tests (standard library only)
  curl                               # smoke checks
  cppcheck                           # static analysis in make test
  chromium fonts-wqy-microhei        # the annual report's PDF (headless Chromium prints the page; a CJK font to embed)
)
# Node.js builds the browser app (Vite); the machine's own node (>= 18) is
# used when there is one, else Debian's.
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
  PKGS+=(nodejs npm)
fi
if [ "${CHANJIAO_TEST:-}" = 1 ]; then
  PKGS+=(chromium fonts-wqy-microhei) # browser tests (playwright-core); a CJK font for screenshots
  PKGS+=(nginx-light openssl)          # tests/api/test_deploy.py runs docs/deploy.md's proxy config
  PKGS+=(poppler-utils)                # pdftotext/pdffonts: tests/api/test_annual_report.py reads the PDF
  PKGS+=(postgresql)                   # tests/pg/cluster.sh: a throw-away PostgreSQL for the second backend's tests
fi
if [ "${CHANJIAO_TEST:-}" = 1 ] || [ "${CHANJIAO_FUZZ:-}" = 1 ]; then
  PKGS+=(clang libclang-rt-14-dev llvm) # make fuzz: libFuzzer + sanitizer runtimes, llvm-symbolizer
fi
if [ "${CHANJIAO_BENCH:-}" = 1 ]; then
  PKGS+=(wrk nginx-light bc time sqlite3)   # benchmarks only
fi

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
