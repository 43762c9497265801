#!/usr/bin/env bash
# Runs every test of the solution on a fresh Debian machine.
# 1. Installs what the tests need when it is missing: Chromium (PDF printing), poppler-utils (pdftotext,
#    pdfinfo for the PDF checks), DejaVu fonts (Welsh glyphs), the PostgreSQL server binaries and npm. Without root
#    it says what to install.
# 2. Installs axe-core for the browser tests (tests/Browser; npm ci, from the committed lock file), checks
#    formatting (dotnet format --verify-no-changes) and builds once, in Release: the durability and load tests start the
#    service from that build, and its figures should be those of the build that is deployed.
# 3. Runs every test on SQLite, then starts a private PostgreSQL cluster (tests/postgres-cluster.sh, stopped at the
#    end) and runs the API integration suite again on it; prints the figures the trust tests measured
#    (test-output/figures.txt) and "tests: N passed, N failed" over both runs, and fails when nothing ran.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "tests/run.sh: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "tests/run.sh: installing ${missing[*]} with sudo"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "tests/run.sh: the tests need ${missing[*]}; install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

npm ci --prefix tests/Browser/axe --no-audit --no-fund --loglevel=error
dotnet restore Evaluation.sln --nologo -v quiet
dotnet format Evaluation.sln --verify-no-changes --no-restore
dotnet build Evaluation.sln -c Release --nologo --no-restore -v quiet

log=$(mktemp)
postgres_folder=$(mktemp -u /tmp/evaluation-postgres.XXXXXX)
trap 'tests/postgres-cluster.sh stop "$postgres_folder"; rm -f "$log"' EXIT
postgres=$(tests/postgres-cluster.sh start "$postgres_folder")

status=0
rm -f test-output/figures.txt
echo "== every test, on SQLite"
dotnet test Evaluation.sln -c Release --nologo --no-build --filter "Storage!=postgres" 2>&1 | tee "$log" || status=$?
echo "== API integration tests, on PostgreSQL"
EVALUATION_TEST_POSTGRES="$postgres" dotnet test tests/Evaluation.Api.Tests -c Release --nologo --no-build --filter "Storage!=sqlite&Storage!=none" 2>&1 \
  | tee -a "$log" || status=$?

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
if [ -f test-output/figures.txt ]; then
  echo "== trust figures (test-output/figures.txt)"
  cat test-output/figures.txt
fi
echo "tests: $passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  exit 1
fi
if [ "$passed" -eq 0 ]; then
  echo "tests/run.sh: no test ran" >&2
  exit 1
fi
