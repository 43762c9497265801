#!/usr/bin/env Rscript
# Golden fixture for paired (individual) change: domain-like scores of the same 40 people in two waves.
# Usage: Rscript make-fixture.R   (writes pairs.csv and paired.json here; base R only)
set.seed(20261122)
n <- 40
from <- round(pmin(5, pmax(1, rnorm(n, 3.1, 0.6))) * 12) / 12   # means of up to 12 answers
to <- round(pmin(5, pmax(1, from + rnorm(n, 0.15, 0.35))) * 12) / 12
write.csv(data.frame(from = from, to = to), "pairs.csv", row.names = FALSE)
t <- t.test(to, from, paired = TRUE)
d <- to - from
json <- sprintf(paste0('{"pairs": %d, "mean_difference": %.17g, "sd_difference": %.17g, "t": %.17g, "df": %.17g, ',
                       '"p": %.17g, "ci95": [%.17g, %.17g], "dz": %.17g, "r_version": "%s"}'),
                n, mean(d), sd(d), unname(t$statistic), unname(t$parameter), t$p.value, t$conf.int[1], t$conf.int[2],
                mean(d) / sd(d), R.version.string)
writeLines(json, "paired.json")
