#!/usr/bin/env bash
# Runs every test of the solution on a fresh Debian machine.
# 1. Installs what the tests need when it is missing: Chromium (PDF printing), poppler-utils (pdftotext,
#    pdfinfo for the PDF checks), DejaVu fonts (Welsh glyphs), the PostgreSQL server binaries and npm. Without root
#    it says what to install.
# 2. Installs axe-core for the browser tests (tests/Browser; npm ci, from the committed lock file), checks
#    formatting (dotnet format --verify-no-changes) and builds once, in Release: the durability and load tests start the
#    service from that build, and its figures should be those of the build that is deployed.
# 3. Fast suite: every test but the trust suite on SQLite, then starts a private PostgreSQL cluster
#    (tests/postgres-cluster.sh, stopped at the end) and runs the API integration tests again on it.
# 4. Trust suite (Suite=trust: durability under SIGKILL, load, fuzzing every route) on SQLite, then PostgreSQL, and
#    prints the figures it measured. Tests write only under the system temp dir: screenshots and figures go to
#    EVALUATION_TEST_OUTPUT (a fresh folder, named at the end). Prints "tests: N passed, N failed" over every step,
#    and fails when a step fails or nothing ran.
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
export EVALUATION_TEST_OUTPUT
EVALUATION_TEST_OUTPUT=$(mktemp -d /tmp/evaluation-test-output.XXXXXX)
count() { grep -oE "$1: +[0-9]+" "$2" | awk '{s += $2} END {print s + 0}'; }
# suite TITLE COMMAND...: one named step of the tests; prints what it ran and how long it took
suite() {
  local title=$1 started=$SECONDS step_log
  shift
  step_log=$(mktemp)
  echo
  echo "== $title"
  "$@" 2>&1 | tee "$step_log" || status=$?
  cat "$step_log" >> "$log"
  echo "== $title: $(count Passed "$step_log") passed, $(count Failed "$step_log") failed in $((SECONDS - started)) s"
  rm -f "$step_log"
}
suite "fast suite: every test on SQLite" \
  dotnet test Evaluation.sln -c Release --nologo --no-build --filter "Storage!=postgres&Suite!=trust"
suite "fast suite: the API integration tests on PostgreSQL" env EVALUATION_TEST_POSTGRES="$postgres" \
  dotnet test tests/Evaluation.Api.Tests -c Release --nologo --no-build --filter "Storage!=sqlite&Storage!=none&Suite!=trust"
suite "trust suite (durability, load, fuzz): on SQLite" \
  dotnet test tests/Evaluation.Api.Tests -c Release --nologo --no-build --filter "Suite=trust&Storage!=postgres"
suite "trust suite (durability): on PostgreSQL" env EVALUATION_TEST_POSTGRES="$postgres" \
  dotnet test tests/Evaluation.Api.Tests -c Release --nologo --no-build --filter "Suite=trust&Storage!=sqlite&Storage!=none"
if [ -f "$EVALUATION_TEST_OUTPUT/figures.txt" ]; then
  echo
  echo "== trust figures"
  cat "$EVALUATION_TEST_OUTPUT/figures.txt"
fi

passed=$(count Passed "$log")
failed=$(count Failed "$log")
echo
echo "screenshots and figures: $EVALUATION_TEST_OUTPUT"
echo "tests: $passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  exit 1
fi
if [ "$passed" -eq 0 ]; then
  echo "tests/run.sh: no test ran" >&2
  exit 1
fi
