#!/usr/bin/env python3
"""Would a non-linear model rank or decline better on the same features?

    go run ./internal/qa fit -out /tmp/model.json -dump /tmp/qa-dump
    python3 docs/nonlinear.py /tmp/qa-dump

Needs numpy and scikit-learn (Debian: python3-sklearn). Reads the features
`qa fit -dump` wrote and scores, by 5-fold cross-validation over the story
questions (each fold's model fitted on the other folds and on every SQuAD
question, a story question weighing 15 as in `qa fit`):

- rankers, by hit@1 (the first candidate answers) on the held-out
  questions that have a candidate answering them: the listwise linear
  model `qa fit` ships (softmax over each question's candidates, L2,
  Adam), a pointwise logistic regression, and gradient-boosted trees;
- abstention models, by how many unanswerable story questions each
  declines at the threshold that declines 2.5% of the answerable ones
  (the shipped cap): logistic regression, as shipped, and gradient-boosted
  trees, each fitted to say whether the best quote answers the question
  and, as a variant, whether the question is answerable at all.

Nothing here ships: it tells whether the linear models leave anything on
the table (see QUALITY.md, "Tried and dropped").
"""
import collections
import csv
import sys

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

STORY_WEIGHT = 15.0
FOLDS = 5


def read(path):
    with open(path) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return rows, list(rows[0].keys())


def folds_of(ids):
    ids = np.unique(ids)
    return np.array_split(np.random.RandomState(0).permutation(ids), FOLDS)


def listwise(X, q, y, w, l2=1e-3, steps=1500, rate=0.05):
    groups = collections.defaultdict(list)
    for i, g in enumerate(q):
        groups[g].append(i)
    G = [np.array(v) for v in groups.values() if y[v].any() and (~y[v]).any()]
    idx = np.concatenate(G)
    seg = np.concatenate([[k] * len(g) for k, g in enumerate(G)])
    n = len(G)
    Xs, ys = X[idx], y[idx]
    gw = np.array([w[g[0]] for g in G])
    W, m, v = np.zeros(X.shape[1]), np.zeros(X.shape[1]), np.zeros(X.shape[1])
    for t in range(1, steps + 1):
        s = Xs @ W
        top = np.full(n, -np.inf)
        np.maximum.at(top, seg, s)
        e = np.exp(s - top[seg])
        z = np.bincount(seg, e, n)
        zpos = np.bincount(seg, e * ys, n)
        coef = e / z[seg] - np.where(ys, e / np.maximum(zpos[seg], 1e-300), 0)
        g = (Xs * (coef * gw[seg])[:, None]).sum(0) / gw.sum() + l2 * W
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        W -= rate * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return W


def rankers(folder):
    rows, header = read(folder + "/rank.tsv")
    feats = header[4:]
    sets = np.array([r["set"] for r in rows])
    keep = sets != "squad-paragraph"
    rows = [r for r, k in zip(rows, keep) if k]
    sets = sets[keep]
    q = np.array([r["set"] + r["question"] for r in rows])
    y = np.array([r["right"] == "true" for r in rows])
    X = np.array([[float(r[f]) for f in feats] for r in rows])
    w = np.where(sets == "story", STORY_WEIGHT, 1.0)
    groups = collections.defaultdict(list)
    for i, g in enumerate(q):
        groups[g].append(i)
    hits = collections.defaultdict(list)
    for fold in folds_of(q[sets == "story"]):
        held = np.isin(q, fold)
        train = ~held
        fold = [g for g in fold if y[groups[g]].any()]

        def hit1(score):
            return np.mean([y[groups[g][int(np.argmax(score[groups[g]]))]] for g in fold])

        hits["listwise linear (shipped)"].append(hit1(X @ listwise(X[train], q[train], y[train], w[train])))
        for name, clf in [
            ("pointwise logistic", LogisticRegression(C=1, max_iter=3000)),
            ("gradient-boosted trees", HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_depth=4, random_state=0)),
        ]:
            clf.fit(X[train], y[train], sample_weight=w[train])
            hits[name].append(hit1(clf.predict_proba(X)[:, 1]))
    print("Rankers: story hit@1, cross-validated (questions with an answering candidate)")
    for name, h in hits.items():
        print(f"  {name:28s} {np.mean(h):.3f}  (folds {' '.join(f'{x:.3f}' for x in h)})")


def abstainers(folder):
    rows, header = read(folder + "/abstain.tsv")
    feats = [f for f in header[4:] if f != "bias"]
    sets = np.array([r["set"] for r in rows])
    q = np.array([r["set"] + r["question"] for r in rows])
    answerable = np.array([r["answerable"] == "true" for r in rows])
    right = np.array([r["right"] == "true" for r in rows])
    X = np.array([[float(r[f]) for f in feats] for r in rows])
    w = np.where(sets == "story", STORY_WEIGHT, 1.0)
    story = np.where(sets == "story")[0]
    print("Abstention: unanswerable story questions declined at 2.5% of the answerable declined, cross-validated")
    models = [
        ("logistic (shipped)", lambda: LogisticRegression(C=10, max_iter=5000)),
        ("gradient-boosted trees, depth 2", lambda: GradientBoostingClassifier(n_estimators=300, max_depth=2, learning_rate=0.05, subsample=0.8, random_state=0)),
        ("gradient-boosted trees, depth 3", lambda: GradientBoostingClassifier(n_estimators=300, max_depth=3, learning_rate=0.05, subsample=0.8, random_state=0)),
    ]
    for name, make in models:
        for target, y in [("best quote right", right), ("answerable", answerable)]:
            p = np.zeros(len(rows))
            for fold in folds_of(q[story]):
                held = np.isin(q, fold)
                clf = make()
                clf.fit(X[~held], y[~held], sample_weight=w[~held])
                p[held] = clf.predict_proba(X[held])[:, 1]
            a = np.sort(p[story][answerable[story]])
            k = int(0.025 * len(a))
            th = (a[k - 1] + a[k]) / 2 if k > 0 else a[0]
            u = p[story][~answerable[story]]
            print(f"  {name:32s} fitted to {target:17s} {int((u < th).sum())} of {len(u)}")


if __name__ == "__main__":
    folder = sys.argv[1] if len(sys.argv) > 1 else "/tmp/qa-dump"
    rankers(folder)
    abstainers(folder)
