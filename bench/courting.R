# courting.R: bench/courting.scen as an analyst who knows R would write it: all draws as
# vectors, the model of bench/fast.c and bench/courting_np.py (design/core.md section 1
# with the file's numbers: c_S ~ U(10, 30) the regime, c_R ~ U(5, 25) the insurgents,
# q = 30%, p = 0.7 * 20% + 0.3 * 70% = 35%, b_S = 15%, b_R = 50%, V = 100, x_sq = 30).
#
#   NO THREAT when x_min = 50 - c_R <= 30 (c_R >= 20): 25%
#   BREAKDOWN when c_R < 20 and c_R + c_S < 35: 46.875%, every one from divergent
#   expectations; SETTLE otherwise: 28.125%
#
# Usage: Rscript courting.R [DRAWS]   (default 2,000,000; r-base-core). The time printed
# is from the first draw; the caller times the whole, start-up included.
args <- commandArgs(trailingOnly = TRUE)
n <- if (length(args) > 0) as.numeric(args[1]) else 2e6
V <- 100; x_sq <- 30; b_S <- 0.15; b_R <- 0.50; q <- 0.30
p <- (1 - q) * 0.20 + q * 0.70
tol <- 1e-9 * V
share <- function(label, k) {
  P <- k / n
  cat(sprintf("  %-24s %8.4f%% ± %.4f%%\n", label, 100 * P, 100 * sqrt(P * (1 - P) / n)))
}
t0 <- proc.time()[["elapsed"]]
set.seed(7)
c_S <- runif(n, 10, 30)
c_R <- runif(n, 5, 25)
x_min <- b_R * V - c_R
x_max <- b_S * V + c_S
threat <- x_min > x_sq
settle <- threat & (pmax(x_min, 0) <= pmin(x_max, V) + tol)
breakdown <- threat & !settle
# Divergent expectations: both believing p, NO THREAT or a range that is not empty.
w <- p * V - c_R
divergent <- breakdown & ((w <= x_sq) | (pmax(w, 0) <= pmin(p * V + c_S, V) + tol))
gap <- ifelse(breakdown, x_min - x_max, 0)
s <- proc.time()[["elapsed"]] - t0
cat(sprintf("courting.R: courting bench, %d draws, seed 7\n", as.integer(n)))
share("NO THREAT", sum(!threat))
share("SETTLE", sum(settle))
share("BREAKDOWN", sum(breakdown))
share("divergent expectations", sum(divergent))
cat(sprintf("  mean x_min %.4f, mean x_max %.4f, mean gap %.4f\n", mean(x_min), mean(x_max),
            mean(gap)))
cat(sprintf("  %.3f s, %.1f ns/draw\n", s, s * 1e9 / n))
