#!/usr/bin/env python3
"""Fits dipwatch's same-story model (StoryModel.java) on labelled pairs.

Input: target/story-signals.tsv, written by StorySignalsExport (a calibration test):
  ./mvnw -B test -Dtest=StorySignalsExport -Dsurefire.excludedGroups=
Then: python3 src/test/python/fit_story_model.py [FILE [L2 [HELD [SET_WEIGHTS]]]]
The shipped weights: python3 src/test/python/fit_story_model.py target/story-signals.tsv 1.0 "" \
  xlang=0,newsday=25,devset-settled=0.5,realset-settled=0.5

Procedure (docs/stories.md, "The model"): L2-regularised logistic regression by Newton's method
(IRLS) over the pairs that pass the gate; each set (the composed development set, the real-coverage
set, both measured in a corpus of six articles and again in a settled corpus, and the generated
news day) carries a total weight of its own (equal unless SET_WEIGHTS says otherwise), so the
hundred thousand generated pairs do not drown the few hundred real ones, nor the reverse. Prints
the intercept and weights in StoryModel's order, and for each set the precision and recall of
"same story" at thresholds 0.30-0.80 (pairs failing the gate count as "different"), which is the
curve the threshold is chosen from.
"""
import sys
import numpy as np

path = sys.argv[1] if len(sys.argv) > 1 else "target/story-signals.tsv"
rows = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8")]
head, rows = rows[0], rows[1:]
names = head[4:]
sets = np.array([r[0] for r in rows])
y = np.array([int(r[1]) for r in rows], dtype=float)
gate = np.array([int(r[3]) for r in rows]) == 1
X = np.array([[float(v) for v in r[4:]] for r in rows])
L2 = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
# features held at weight 0 (StoryModel keeps them in its vector so the order stays stable)
FIXED_ZERO = set(sys.argv[3].split(",")) - {""} if len(sys.argv) > 3 else set()

# each set's share of the total weight (equal unless SET_WEIGHTS names them, e.g. "newsday=2")
SET_WEIGHTS = dict(kv.split("=") for kv in sys.argv[4].split(",")) if len(sys.argv) > 4 else {}
w_row = np.zeros(len(rows))
for s in set(sets):
    m = (sets == s) & gate
    w_row[m] = float(SET_WEIGHTS.get(s, 1)) / m.sum()
w_row *= gate.sum() / w_row.sum()

# the sign each weight must have: evidence of one event counts for, evidence of two events against;
# a weight that comes out with the wrong sign is held at 0 and the rest refitted (a feature that
# only helps by its wrong sign is fitting an accident of the sets, not a property of news)
FOR = {"terms", "quote", "long-quote", "actors", "places", "same-day", "same-kind", "people", "people-share", "speaker", "headline", "numbers", "facts", "fact-share",
       "terms*short", "headline*short", "facts*settled", "rarer-terms", "numbers*settled", "fact-share*settled", "compounds", "compounds*settled", "many-compounds"}
AGAINST = {"other-people", "other-facts", "other-kind", "undated", "day-gap", "other-facts*settled"}

Xb = np.hstack([np.ones((len(rows), 1)), X])[gate]
yb, wb = y[gate], w_row[gate]


def fit(zero):
    beta = np.zeros(Xb.shape[1])
    reg = np.full(Xb.shape[1], L2)
    reg[0] = 0
    reg[[i + 1 for i, n in enumerate(names) if n in zero]] = 1e9
    for _ in range(100):
        p = 1 / (1 + np.exp(-Xb @ beta))
        g = Xb.T @ (wb * (p - yb)) + reg * beta
        H = (Xb * (wb * p * (1 - p))[:, None]).T @ Xb + np.diag(reg)
        step = np.linalg.solve(H, g)
        beta -= step
        if np.abs(step).max() < 1e-9:
            break
    return beta


zero = set(FIXED_ZERO)
while True:
    beta = fit(zero)
    wrong = {n for n, b in zip(names, beta[1:]) if n not in zero and (n in FOR and b < -1e-6 or n in AGAINST and b > 1e-6)}
    if not wrong:
        break
    print("held at 0 (wrong sign): " + ", ".join(sorted(wrong)))
    zero |= wrong
beta[1:][[i for i, n in enumerate(names) if n in zero]] = 0

print("BIAS = %.3f" % beta[0])
print("WEIGHTS = {" + ", ".join("%.3f" % b for b in beta[1:]) + "}")
for n, b in zip(names, beta[1:]):
    print("  %-16s %+.3f" % (n, b))
score = np.zeros(len(rows))
score[gate] = 1 / (1 + np.exp(-Xb @ beta))
print("\nthreshold " + "".join("  %-22s" % s for s in sorted(set(sets))))
for t in np.arange(0.30, 0.81, 0.05):
    line = "   %.2f   " % t
    for s in sorted(set(sets)):
        m = sets == s
        said = (score >= t) & m
        tp = (said & (y == 1)).sum()
        pr = tp / said.sum() if said.sum() else 1.0
        rc = tp / ((y == 1) & m).sum()
        line += "  P %.3f R %.3f        " % (pr, rc)
    print(line)
