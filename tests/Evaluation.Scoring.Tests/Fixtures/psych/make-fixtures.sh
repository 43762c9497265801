#!/usr/bin/env bash
# Regenerates the psych golden fixtures in this folder. Needs R with psych (Debian: r-base-core r-cran-psych).
# oracle.R and gen_data.R are copies of the project's shared statistics oracle (../shared/oracle).
set -euo pipefail
cd "$(dirname "$0")"
Rscript gen_data.R . 4242                       # writes items.csv and keys.csv: 2 waves × 500, 3 domains × 8 items
Rscript oracle.R items.csv keys.csv --min=1 --max=5 --group=wave > normal.json
Rscript shapes.R items.csv keys.csv .
for shape in tiny pair; do
  Rscript oracle.R "$shape-items.csv" "$shape-keys.csv" --min=1 --max=5 --group=wave > "$shape.json"
done
# psych::scoreItems (inside oracle.R) fails on an item with no variance, so this shape gets alpha only.
Rscript alpha-only.R constant-items.csv constant-keys.csv 1 5 wave > constant.json
Rscript -e 'cat(R.version.string, "; psych", as.character(packageVersion("psych")), "\n")' > VERSIONS
