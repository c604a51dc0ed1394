"""The classifier of the typo detector: gradient-boosted regression trees, evaluated with numpy.

The build fits them with scikit-learn's HistGradientBoostingClassifier (scripts/build_typo_model.py)
and stores every tree's nodes in flat arrays, so reading the model needs numpy only:

- ``trees.feature`` (int16), ``trees.threshold`` (float64): the split of each node; a row goes
  left when its feature value is ``<=`` the threshold (scikit-learn's rule and precision: the
  features are float32, the thresholds midpoints between them; there are no missing values);
- ``trees.left``, ``trees.right`` (int32): the children, as indices into the same arrays; a leaf
  points to itself on both sides, so walking a fixed number of steps stops on it;
- ``trees.value`` (float32): the leaf's contribution to the log-odds (0 for a split);
- ``trees.roots`` (int32): the root of each tree; ``meta["trees_depth"]`` is the deepest leaf and
  ``meta["clf_bias"]`` the baseline log-odds.
"""

from __future__ import annotations

from typing import Any

import numpy as np

NAMES = ("trees.feature", "trees.threshold", "trees.left", "trees.right", "trees.value", "trees.roots")


def probability(arrays: dict[str, np.ndarray], meta: dict[str, Any], X: np.ndarray) -> np.ndarray:
    """The probability of each row of ``X`` (float32, one column a feature)."""
    if X.shape[0] == 0:
        return np.zeros(0, np.float64)
    feature, threshold = arrays["trees.feature"], arrays["trees.threshold"]
    left, right = arrays["trees.left"], arrays["trees.right"]
    roots = arrays["trees.roots"]
    # one flat walk: every (row, tree) pair steps down at once; a row's values are at row * width
    flat = np.ascontiguousarray(X, np.float32).ravel()
    base = np.repeat(np.arange(X.shape[0], dtype=np.int64) * X.shape[1], roots.size)
    node = np.tile(roots, X.shape[0])
    for _ in range(int(meta["trees_depth"])):
        go_left = flat[base + feature[node]] <= threshold[node]
        node = np.where(go_left, left[node], right[node])
    z = arrays["trees.value"][node].reshape(X.shape[0], roots.size).sum(1, dtype=np.float64) + float(meta["clf_bias"])
    return 1.0 / (1.0 + np.exp(-z))


def from_sklearn(clf: Any) -> tuple[dict[str, np.ndarray], dict[str, float]]:
    """The arrays and meta of a fitted binary HistGradientBoostingClassifier."""
    feature: list[np.ndarray] = []
    threshold: list[np.ndarray] = []
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    value: list[np.ndarray] = []
    roots: list[int] = []
    offset = 0
    depth = 0
    for (predictor,) in clf._predictors:  # one tree per iteration for a binary problem
        nodes = predictor.nodes
        if nodes["is_categorical"].any():
            raise ValueError("categorical splits are not supported")
        n = nodes.size
        own = np.arange(n)
        leaf = nodes["is_leaf"].astype(bool)
        feature.append(np.where(leaf, 0, nodes["feature_idx"]).astype(np.int16))
        threshold.append(np.where(leaf, np.inf, nodes["num_threshold"]).astype(np.float64))
        left.append((np.where(leaf, own, nodes["left"]) + offset).astype(np.int32))
        right.append((np.where(leaf, own, nodes["right"]) + offset).astype(np.int32))
        value.append(np.where(leaf, nodes["value"], 0).astype(np.float32))
        roots.append(offset)
        depth = max(depth, int(nodes["depth"].max()))
        offset += n
    arrays = {
        "trees.feature": np.concatenate(feature),
        "trees.threshold": np.concatenate(threshold),
        "trees.left": np.concatenate(left),
        "trees.right": np.concatenate(right),
        "trees.value": np.concatenate(value),
        "trees.roots": np.array(roots, np.int32),
    }
    bias = float(np.asarray(clf._baseline_prediction).ravel()[0])
    return arrays, {"trees_depth": depth, "clf_bias": bias}
