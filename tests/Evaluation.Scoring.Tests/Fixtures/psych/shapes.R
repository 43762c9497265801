#!/usr/bin/env Rscript
# Derives the extra fixture shapes from gen_data.R's items.csv (base R only).
# Usage: Rscript shapes.R items.csv keys.csv OUTDIR
args <- commandArgs(trailingOnly = TRUE)
items <- read.csv(args[1], na.strings = c("", "NA"), check.names = FALSE)
keys <- read.csv(args[2], stringsAsFactors = FALSE)
out <- args[3]
write_items <- function(x, name) write.csv(x, file.path(out, name), row.names = FALSE, na = "", quote = FALSE)
write_keys <- function(k, name) write.csv(k, file.path(out, name), row.names = FALSE, quote = FALSE)
# tiny: a group of three respondents with no missing answers (psych's listwise alpha needs complete rows)
# next to a normal group (wave 2)
w1 <- items[items$wave == 1, ]
tiny <- rbind(head(w1[complete.cases(w1), ], 3), items[items$wave == 2, ])
write_items(tiny, "tiny-items.csv"); write_keys(keys, "tiny-keys.csv")
# constant: item D2_05 answered 3 by everyone who answered it (psych leaves it out of alpha)
constant <- items[items$wave == 1, ]
constant$D2_05[!is.na(constant$D2_05)] <- 3L
write_items(constant, "constant-items.csv"); write_keys(keys, "constant-keys.csv")
# pair: a two-item domain (D1_01, D1_02) beside the other domains
pair_keys <- keys
pair_keys$domain[pair_keys$item %in% c("D1_01", "D1_02")] <- "PAIR"
write_items(items[items$wave == 1, ], "pair-items.csv"); write_keys(pair_keys, "pair-keys.csv")
