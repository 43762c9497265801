#!/usr/bin/env Rscript
# psych::alpha only (oracle.R's alpha_block, same JSON shape under groups.<g>.<domain>.alpha_pairwise), for
# shapes where oracle.R's psych::scoreItems step fails (psych 2.2.9 errors on an item with no variance).
# Usage: Rscript alpha-only.R items.csv keys.csv MIN MAX GROUPCOLUMN > out.json
suppressPackageStartupMessages(library(psych))
a <- commandArgs(trailingOnly = TRUE)
items <- read.csv(a[1], na.strings = c("", "NA"), check.names = FALSE)
keys <- read.csv(a[2], stringsAsFactors = FALSE)
smin <- as.numeric(a[3]); smax <- as.numeric(a[4]); gcol <- a[5]
num <- function(v) ifelse(is.na(v) | !is.finite(v), "null", sprintf("%.15g", v))
esc <- function(s) paste0('"', gsub('(["\\\\])', "\\\\\\1", s), '"')
to_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    body <- vapply(x, to_json, "")
    if (!is.null(names(x))) return(paste0("{", paste0(esc(names(x)), ": ", body, collapse = ", "), "}"))
    return(paste0("[", paste(body, collapse = ", "), "]"))
  }
  conv <- if (is.numeric(x)) num(x) else esc(as.character(x))
  if (length(x) == 1) conv else paste0("[", paste(conv, collapse = ", "), "]")
}
res <- list()
for (g in sort(unique(items[[gcol]]))) {
  gi <- items[items[[gcol]] == g, , drop = FALSE]
  gres <- list()
  for (d in unique(keys$domain)) {
    kd <- keys[keys$domain == d, ]
    x <- as.matrix(gi[, kd$item, drop = FALSE])
    rev <- kd$reverse == 1
    x[, rev] <- smin + smax - x[, rev]
    colnames(x) <- ifelse(rev, paste0(kd$item, "-"), kd$item)
    al <- suppressWarnings(psych::alpha(x, check.keys = FALSE, warnings = FALSE))
    t <- al$total
    gres[[d]] <- list(alpha_pairwise = list(n_rows = nrow(x), n_items = ncol(x),
      raw_alpha = t$raw_alpha, std_alpha = t$std.alpha, G6_smc = t$`G6(smc)`, average_r = t$average_r,
      median_r = t$median_r, var_r = as.numeric(al$var.r), S_N = t$`S/N`, ase = t$ase,
      scale_mean = t$mean, scale_sd = t$sd, feldt95 = c(al$feldt$lower.ci[[1]], al$feldt$upper.ci[[1]]),
      duhachek95 = c(t$raw_alpha - 1.96 * t$ase, t$raw_alpha + 1.96 * t$ase),
      items = lapply(seq_len(nrow(al$item.stats)), function(i) list(
        item = rownames(al$item.stats)[i], n = al$item.stats$n[i], mean = al$item.stats$mean[i],
        sd = al$item.stats$sd[i], raw_r = al$item.stats$raw.r[i], std_r = al$item.stats$std.r[i],
        r_cor = al$item.stats$r.cor[i], r_drop = al$item.stats$r.drop[i],
        alpha_if_dropped = al$alpha.drop$raw_alpha[i], std_alpha_if_dropped = al$alpha.drop$std.alpha[i],
        G6_if_dropped = al$alpha.drop$`G6(smc)`[i], average_r_if_dropped = al$alpha.drop$average_r[i]))))
  }
  res[[as.character(g)]] <- gres
}
cat(to_json(list(meta = list(tool = "alpha-only.R", R = R.version.string, psych = as.character(packageVersion("psych"))),
                 groups = res)), "\n")
