# Independent check of a merged sweep's Pareto front with numpy (Debian's python3-numpy), all objectives minimized:
# every point on the front is dominated by no point that ran, and every other point that ran is dominated by one on it.
# Usage: /usr/bin/python3 check-front.py DIR/results.csv latency_us,energy_uj,area_mm2
import csv, sys
import numpy as np
rows = list(csv.DictReader(open(sys.argv[1])))
objs = sys.argv[2].split(',')
ok = [r for r in rows if r['status'] == 'ok']
X = np.array([[float(r[o]) for o in objs] for r in ok])
front = np.array([r['pareto'] == 'true' for r in ok])
F = X[front]
def dominated_by(P, Q):
    """For each row of P: whether some row of Q is no worse everywhere and better somewhere."""
    out = np.zeros(len(P), dtype=bool)
    for q in Q:
        out |= np.all(q <= P, axis=1) & np.any(q < P, axis=1)
    return out
print("points", len(X), "front", int(front.sum()))
# Front points dominated by anyone: loop over front points, vectorize over all points.
n_bad = 0
for f in F:
    if np.any(np.all(X <= f, axis=1) & np.any(X < f, axis=1)):
        n_bad += 1
rest = X[~front]
undominated_rest = ~dominated_by(rest, F)
print("front points dominated by some point:", n_bad)
print("off-front points dominated by no front point:", int(undominated_rest.sum()))
