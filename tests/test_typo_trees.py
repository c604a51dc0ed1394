"""T201's classifier: gradient-boosted trees fitted by scikit-learn, walked by numpy (detector/trees.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from reportlint_words.detector import trees  # noqa: E402
from reportlint_words.detector.model import load  # noqa: E402

MODEL = ROOT / "plugins" / "reportlint_words" / "data" / "typo-model.bin"


@pytest.mark.parametrize("depth", [1, 3, 6])
def test_the_numpy_walk_gives_scikit_learns_probabilities(depth):
    """On float32 features with ties at the split points, the walk matches predict_proba."""
    sklearn = pytest.importorskip("sklearn.ensemble")
    rng = np.random.default_rng(depth)
    X = rng.integers(0, 12, size=(3000, 5)).astype(np.float32) / np.float32(3)  # many equal values
    y = ((X[:, 0] + X[:, 1] * X[:, 2] > 10) ^ (rng.random(3000) < 0.1)).astype(int)
    clf = sklearn.HistGradientBoostingClassifier(max_iter=40, max_depth=depth, early_stopping=False,
                                                 random_state=0).fit(X.astype(np.float64), y)
    arrays, meta = trees.from_sklearn(clf)
    assert meta["trees_depth"] <= depth
    got = trees.probability(arrays, meta, X)
    assert np.abs(got - clf.predict_proba(X.astype(np.float64))[:, 1]).max() < 1e-6  # summation order only: a wrong leaf is off by 1e-3 or more
    assert trees.probability(arrays, meta, X[:0]).shape == (0,)


def test_the_shipped_trees_are_well_formed():
    """Every child index is inside the arrays, leaves point to themselves, walks end on leaves."""
    model = load(MODEL)
    a = model.arrays
    n = a["trees.feature"].size
    assert all(a[name].size == n for name in ("trees.threshold", "trees.left", "trees.right", "trees.value"))
    assert a["trees.left"].min() >= 0 and a["trees.left"].max() < n and a["trees.right"].max() < n
    leaf = (a["trees.left"] == np.arange(n)) & (a["trees.right"] == np.arange(n))
    assert leaf[a["trees.value"] != 0].all()
    assert a["trees.feature"].max() < len(model.meta["features"])
    node = a["trees.roots"].copy()
    for _ in range(int(model.meta["trees_depth"])):
        node = a["trees.left"][node]  # the leftmost path of every tree
    assert leaf[node].all()
    assert 0.5 <= model.meta["threshold"] < 1
