#!/usr/bin/env bash
# Benchmarks: prints each figure and its ratio to an anchor measured in the same run, never a pass/fail, and writes
# them as the one table of docs/performance.md (the part between its "figures" markers; the rest is kept).
#   SCORING_N (default 1000000), RELIABILITY_N (default 100000), ANALYZE_N (default 1000000), WAVE_N (default 1000000),
#   REPORT_N (responses per wave of the funder report, default 100000), KILL_CYCLES (default 50), LOAD_SECONDS (default 180)
# Step 8 (the disclosure decision) alone: dotnet tests/Evaluation.Benchmarks/bin/Release/net10.0/Evaluation.Benchmarks.dll wave-decision
#   (DECISION_SMALL_SHARE=0.95 draws 70 % of cells small: on 2026-12-07 median 84 ms, slowest 386 ms, against 16 and 45 by default)
# The stored wave (4) fills a SQLite file of about 1.7 GB and takes about 3 minutes to fill.
# psych::alpha is timed when R with psych is installed (apt-get install r-base-core r-cran-psych).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scoring_n=${SCORING_N:-1000000}
reliability_n=${RELIABILITY_N:-100000}
analyze_n=${ANALYZE_N:-1000000}
wave_n=${WAVE_N:-1000000}
report_n=${REPORT_N:-100000}

dotnet build -c Release -v quiet --nologo tests/Evaluation.Benchmarks >/dev/null
dotnet build -c Release -v quiet --nologo src/Evaluation.Api >/dev/null
export TMPDIR="$work"
bench="dotnet tests/Evaluation.Benchmarks/bin/Release/net10.0/Evaluation.Benchmarks.dll"
api="dotnet src/Evaluation.Api/bin/Release/net10.0/Evaluation.Api.dll"
machine="$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(date -u +%F), $(git rev-parse --short HEAD)"
echo "machine: $machine"
rows="$work/rows.md"
# figure WHAT FIGURE ANCHOR RATIO GOAL: prints the line and adds it as a row of the table
figure() {
  echo "$1: $2${3:+ (anchor: $3${4:+, ratio $4})}${5:+ (goal $5)}"
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$2" "${3:-—}" "${4:-—}" "${5:-—}" >> "$rows"
}

# 1. in-memory scoring against a plain loop
out=$($bench scoring "$scoring_n")
floor=$(echo "$out" | awk '/scoring_floor/ {print $2}')
engine=$(echo "$out" | awk '/scoring_engine/ {print $2}')
figure "in-memory scoring, $scoring_n × 24 items (ScoringPlan)" "${engine} s" "plain C# loop on the same packed rows: ${floor} s" \
  "$(awk "BEGIN {printf \"%.1f\", $engine / $floor}")×" "≤ 2×"

# 2. reliability 100k x 30 against psych::alpha on the same file
$bench generate-csv "$reliability_n" 30 "$work/rel.csv"
out=$($bench reliability "$work/rel.csv")
ours=$(echo "$out" | awk '/reliability_engine/ {print $2}')
if command -v Rscript >/dev/null && Rscript -e 'library(psych)' >/dev/null 2>&1; then
  theirs=$(Rscript -e 'suppressPackageStartupMessages(library(psych)); x <- read.csv(commandArgs(TRUE)[1]); t <- system.time(a <- psych::alpha(x, check.keys = FALSE, warnings = FALSE))[["elapsed"]]; cat(t)' "$work/rel.csv")
  figure "reliability, $reliability_n × 30 (steady state)" "${ours} s" "psych::alpha on the same file: ${theirs} s" \
    "$(awk "BEGIN {printf \"%.1f\", $theirs / $ours}")× faster" "≥ 20× faster"
else
  figure "reliability, $reliability_n × 30 (steady state)" "${ours} s" "psych::alpha not installed" "" "≥ 20× faster"
fi

# 3. analyze end to end on a large CSV (3 domains x 8 items): wall time and peak memory
$bench generate-csv "$analyze_n" 24 "$work/big.csv"
python3 - "$work/keys.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("item,domain,reverse\n")
    for i in range(1, 25):
        f.write(f"i{i:02d},D{(i - 1) // 8 + 1},{1 if i % 8 == 3 else 0}\n")
PY
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "%e %M" -o "$work/time" $api analyze --responses "$work/big.csv" --keys "$work/keys.csv" >/dev/null
  read -r wall kb < "$work/time"
  figure "analyze, $analyze_n rows × 24 (3 domains, keys file)" "${wall} s, $((kb / 1024)) MB peak" "" "" "< 3 s, < 400 MB"
else
  start=$(date +%s.%N)
  $api analyze --responses "$work/big.csv" --keys "$work/keys.csv" >/dev/null
  figure "analyze, $analyze_n rows × 24 (3 domains, keys file)" "$(awk "BEGIN {printf \"%.2f\", $(date +%s.%N) - $start}") s (peak memory: install the package time)" "" "" "< 3 s, < 400 MB"
fi

# 4. scores for a stored wave, read from SQLite, against a plain SQL aggregation of the same data
out=$($bench stored-wave "$wave_n" 2>/dev/null)
value() { echo "$out" | awk -v k="$1" '$1 == k {print $2}'; }
sql=$(value stored_sql)
engine=$(value stored_engine)
figure "stored wave, $wave_n responses × 36 items ($(value stored_file_mb) MB SQLite file): read, score with reliability for every cell, JSON" \
  "${engine} s (reading alone $(value stored_read) s), $(value stored_peak_mb) MB peak" "SQL count and mean of every item (json_each): ${sql} s" \
  "$(awk "BEGIN {printf \"%.2f\", $engine / $sql}")×" "≤ 2×"

# 5. the funder report at 50 circles x 4 waves x REPORT_N responses, each wave closed through the API (which scores
#    and keeps it), against Chromium printing the same HTML alone; then every circle's dashboard, first reading
#    (rendered and frozen) and later readings; last, the report's HTML with no scores kept (all four waves scored)
out=$($bench funder-report "$report_n" 2>/dev/null)
value() { echo "$out" | awk -v k="$1" '$1 == k {print $2}'; }
figure "funder report, 50 circles × 4 waves × $report_n: release of the latest wave end to end" "$(value report_release) s, $(value report_peak_mb) MB peak" \
  "Chromium printing the same HTML alone: $(value report_print_alone) s" "$(awk "BEGIN {printf \"%.1f\", $(value report_release) / $(value report_print_alone)}")×" "< 3 s"
figure "closing that wave through the API (scores it and keeps the scores)" "$(value report_close) s"
figure "the same report's HTML with no scores kept (4 waves read and scored)" "$(value report_html_cold) s" "" "" "< 1 s (issue 23)"
figure "circle dashboards at that size, each of the 50 read once then again" \
  "first reading p50 $(value dashboard_first_p50_ms) ms, p95 $(value dashboard_first_p95_ms) ms; later p50 $(value dashboard_later_p50_ms) ms, p95 $(value dashboard_later_p95_ms) ms" \
  "" "" "p95 < 100 ms"

# 6. durability and load, longer than in CI: 50 SIGKILL cycles (SQLite), 3 minutes of 32 submitters against SQLite's
#    own single-commit rate on the same disk (the test harness in tests/Evaluation.Api.Tests/Durability)
export EVALUATION_TEST_OUTPUT="$work/test-output"
EVALUATION_KILL_CYCLES=${KILL_CYCLES:-50} EVALUATION_LOAD_SECONDS=${LOAD_SECONDS:-180} dotnet test tests/Evaluation.Api.Tests -c Release --nologo -v quiet \
  --filter "(FullyQualifiedName~Durability.DurabilityTests|FullyQualifiedName~Durability.LoadTests)&Storage!=postgres" >/dev/null
while IFS= read -r line; do
  figure "${line%%:*}" "${line#*: }"
done < "$EVALUATION_TEST_OUTPUT/figures.txt"

# 7. what each table and index a submission writes costs SQLite alone, with no service in front of it (Python's
#    sqlite3; the anchor is the full set, each variant leaves one out)
python3 tests/Evaluation.Benchmarks/submission_pages.py full noid nosurvey noidem

# 8. the disclosure decision of a wave (issue 17) at 50 circles x 5 groups x 2 modes, 3 domains and 12 factors, two
#    waves, against its goal of 200 ms; and the share of circle, group and wave figures it hides
out=$($bench wave-decision)
value() { echo "$out" | awk -v k="$1" '$1 == k {print $2}'; }
figure "disclosure decision, 50 circles × 5 groups × 2 waves" \
  "median $(value decision_ms) ms, slowest of 9 $(value decision_max_ms) ms; $(awk "BEGIN {printf \"%.1f\", $(value hidden_share) * 100}") % of figures hidden" \
  "the 200 ms goal" "$(awk "BEGIN {printf \"%.2f\", $(value decision_ms) / 200}")" "≤ 200 ms"

# The table of docs/performance.md, between its markers; everything around them stays as written.
python3 - "$rows" "$machine" docs/performance.md <<'PY'
import sys
rows, machine, path = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8").read()
begin, end = "<!-- figures:begin -->", "<!-- figures:end -->"
table = (f"{begin}\nGenerated by `tests/Evaluation.Benchmarks/run.sh` on {machine}.\n\n"
         "| what | figure | anchor (same run) | ratio | goal |\n|---|---|---|---|---|\n"
         + open(rows, encoding="utf-8").read() + end)
open(path, "w", encoding="utf-8").write(text[:text.index(begin)] + table + text[text.index(end) + len(end):])
PY
echo "docs/performance.md: table rewritten"
