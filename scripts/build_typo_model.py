"""Build the statistical typo detector's model (T201) from ../shared/data, deterministically.

    .venv/bin/python scripts/build_typo_model.py [--data ../shared/data] [--out PATH]

Needs the build extra (``pip install -e '.[model]'``: jieba for its MIT-licensed dictionary
frequencies, pypinyin for the characters' readings, scikit-learn to fit the classifier). Steps:

1. Character 1-5-gram counts of train-reports (22M characters; clean-reports are left out,
   so they stay an honest false-positive test), pruned by order.
2. Confusion sets: characters with the same or a fuzzy (z/zh, l/n, an/ang …) reading by
   pypinyin, and the shape-similar sets of ECSpell and pycorrector.
3. Word frequencies: jieba's dictionary (2-4 Han characters); 公文 terms: ECSpell's official-document
   word list and user dictionary (lexicons/vocab, 2-8 characters).
4. A gazetteer of place abbreviations mined from the reports (驻甬部队, 来滇投资 …).
5. The classifier, gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier, stored as
   flat node arrays that numpy walks: detector/trees.py), fitted on two kinds of labelled candidates:
   - injected typos: the same model built without a tenth of the cities, typos injected into those
     cities' reports at a realistic rate (same sound 75 %, fuzzy sound 10 %, shape 15 %; a fifth of
     them two characters in a row), the detector's features computed there;
   - real typos: the candidates of the ECSpell odw, law and med train sentences (spelling/), labelled
     by their corrections, weighted ``real_weight``. The detector has therefore seen these sentences:
     bench/bench_typos.py reports them cross-validated (:func:`cross_validated`), each fold scored by
     a classifier fitted without it.
   The threshold is set where false alarms on the held-out clean text of the injected part stay under
   ``false_alarms`` per 100,000 characters.

The same input gives the same bytes: files are read in sorted order, the random injection
is seeded, counting and fitting are exact (tests/test_typo_model.py builds a small model
twice and compares).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from reportlint_words.detector import detect as det  # noqa: E402
from reportlint_words.detector import trees  # noqa: E402
from reportlint_words.detector.hashing import TERM_SALT, WORD_SALT, key32, ngram_hashes  # noqa: E402
from reportlint_words.detector.model import Model, Table, dequantize, quantize, save  # noqa: E402
from reportlint_words.detector.normalize import BREAK, tokens  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "plugins" / "reportlint_words" / "data" / "typo-model.bin"
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Options:
    """Everything that shapes the model; recorded in its meta."""

    max_order: int = 5
    # 3-5-grams seen once are left out (a typo of the reports is seen once); 4- and 5-grams seen twice
    # are kept: they bought 1 point of ECSpell odw recall at the same false alarms, for 5 MB
    min_count: dict[int, int] = field(default_factory=lambda: {1: 1, 2: 1, 3: 2, 4: 2, 5: 2})
    min_candidate_count: int = 10  # a candidate character must occur this often in the reports
    primary_readings: bool = True  # a candidate is found under its usual reading only (和 under he, not huo)
    # a character of jieba's words that the reports never use gets a confusion set too (管哩 for 管理)
    dictionary_chars: bool = True
    holdout_every: int = 10  # every n-th city (sorted by name) trains the classifier
    inject_rate: float = 1 / 150  # injected typos per Han character of the held-out text
    double_share: float = 0.2  # share of injected typos that replace two characters in a row
    seed: int = 20240601
    # the classifier: gradient-boosted trees, shallow so that the detector walks few steps
    trees: int = 150
    tree_depth: int = 5
    learning_rate: float = 0.1
    l2: float = 1.0
    # weight of a labelled candidate of the ECSpell train sentences (real typos) against an injected one
    real_weight: float = 6.0
    cv_folds: int = 5  # ECSpell sentence i is in fold i % cv_folds (bench/bench_typos.py cross-validates)
    # per 100,000 characters of held-out clean text: 0.4 keeps T201 with the dictionary rules near 2 per
    # 100,000 characters of the clean reports (issue 16), where 0.75 gave T201 alone 1.85
    false_alarms: float = 0.4
    # the detector's filters; the two document guards of detect.Settings that older models lack are on
    settings: dict[str, float] = field(
        default_factory=lambda: {**vars(det.Settings()), "rare_unseen": 1.0, "recurring_seen": 5.0})


# ---------------------------------------------------------------------------- reading


def read_texts(folder: Path) -> list[tuple[str, str]]:
    """(file name, text) of every .txt below ``folder``, sorted by name."""
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def city_of(name: str) -> str:
    """The region part of ``prefecture_七台河市_2014.txt``."""
    return name.rsplit("_", 1)[0]


def corpus_codes(texts: Iterable[str]) -> np.ndarray:
    """All texts as one token array, a break between documents."""
    parts = []
    for t in texts:
        parts += [tokens(t)[0], np.array([BREAK], np.uint32)]
    return np.concatenate(parts) if parts else np.zeros(0, np.uint32)


# ---------------------------------------------------------------------------- counts


def count_table(codes: np.ndarray, order: int, min_count: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique keys of the n-grams of ``order`` seen at least ``min_count`` times, with counts."""
    keys, counts = np.unique(key32(ngram_hashes(codes, order), order), return_counts=True)
    keep = counts >= min_count
    return keys[keep], counts[keep]


def han_counts(texts: Iterable[str]) -> Counter[str]:
    c: Counter[str] = Counter()
    for t in texts:
        c.update(_HAN.findall(t))
    return c


# ---------------------------------------------------------------------------- confusion sets

_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"), ("f", "h"))
_FUZZY_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))


def fuzzy(syllable: str) -> str:
    """A toneless pinyin syllable with the common 模糊音 pairs merged."""
    for a, b in _FUZZY_INITIALS:
        if syllable.startswith(a):
            syllable = b + syllable[len(a):]
            break
    for a, b in _FUZZY_FINALS:
        if syllable.endswith(a):
            syllable = syllable[: -len(a)] + b
            break
    return syllable


def readings(chars: Iterable[str]) -> dict[str, list[str]]:
    """Toneless pinyin readings (all heteronyms) of each character, by pypinyin."""
    from pypinyin import Style, pinyin

    return {c: sorted(set(pinyin(c, style=Style.NORMAL, heteronym=True)[0])) for c in chars}


def shape_pairs(lexicons: Path) -> dict[str, set[str]]:
    """Shape-similar characters: ECSpell's shape confusion and pycorrector's same-stroke lines."""
    out: dict[str, set[str]] = {}

    def add(a: str, b: str) -> None:
        if a != b and len(a) == 1 and len(b) == 1:
            out.setdefault(a, set()).add(b)
            out.setdefault(b, set()).add(a)

    shape = json.loads((lexicons / "confusion_sets" / "ecspell_shapeConfusion.json").read_text(encoding="utf-8"))
    for k in sorted(shape):
        for x in shape[k]:
            add(k, x)
    for line in (lexicons / "confusion_sets" / "pycorrector_same_stroke.txt").read_text(encoding="utf-8").splitlines():
        group = line.split()
        for a in group:
            for b in group:
                add(a, b)
    return out


def primary_readings(chars: Iterable[str]) -> dict[str, str]:
    """The usual toneless reading of each character (pypinyin's first)."""
    from pypinyin import Style, lazy_pinyin

    return {c: lazy_pinyin(c, style=Style.NORMAL)[0] for c in chars}


def confusion_sets(counts: Counter[str], shapes: dict[str, set[str]], min_count: int,
                   primary: bool = True) -> dict[str, dict[str, str]]:
    """For each character of the reports: candidate -> kind ('same', 'fuzzy' or 'shape').

    A typist meant the candidate and typed the character: the candidate is looked up under the
    readings the character may have, and indexed under its usual reading only when ``primary``
    (an IME offers 和 for he, hardly for huo, so 或 huò does not get 和 as a candidate).
    """
    chars = sorted(counts)
    read = readings(chars)
    usual = primary_readings(chars) if primary else {}
    common = [c for c in chars if counts[c] >= min_count]
    by_same: dict[str, list[str]] = {}
    by_fuzzy: dict[str, list[str]] = {}
    for c in common:
        for r in ([usual[c]] if primary else read[c]):
            by_same.setdefault(r, []).append(c)
            by_fuzzy.setdefault(fuzzy(r), []).append(c)
    out: dict[str, dict[str, str]] = {}
    for c in chars:
        kinds: dict[str, str] = {}
        for x in sorted(shapes.get(c, ())):
            if counts.get(x, 0) >= min_count:
                kinds[x] = "shape"
        for r in read[c]:
            for x in by_fuzzy.get(fuzzy(r), ()):
                kinds[x] = "fuzzy"
        for r in read[c]:
            for x in by_same.get(r, ()):
                kinds[x] = "same"
        kinds.pop(c, None)
        if kinds:
            out[c] = kinds
    return out


_KINDS = {"same": 0, "fuzzy": 1, "shape": 2}  # candidates.SAME, FUZZY, SHAPE


def confusion_arrays(conf: dict[str, dict[str, str]]) -> dict[str, np.ndarray]:
    """CSR arrays: sorted character codes, start offsets, candidate codes and their kinds."""
    chars = sorted(conf, key=ord)
    start = [0]
    cands: list[int] = []
    kinds: list[int] = []
    for c in chars:
        for x in sorted(conf[c], key=ord):
            cands.append(ord(x))
            kinds.append(_KINDS[conf[c][x]])
        start.append(len(cands))
    return {
        "conf.chars": np.array([ord(c) for c in chars], np.uint32),
        "conf.start": np.array(start, np.uint32),
        "conf.cands": np.array(cands, np.uint32),
        "conf.kinds": np.array(kinds, np.uint8),
    }


# ---------------------------------------------------------------------------- words, gazetteer


def jieba_words() -> tuple[dict[str, int], str]:
    """jieba's dictionary: word -> frequency, for words of 2-4 Han characters; and jieba's version."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    out: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and 2 <= len(parts[0]) <= 4 and all(_HAN.fullmatch(ch) for ch in parts[0]):
            out[parts[0]] = max(out.get(parts[0], 0), int(parts[1]))
    return out, str(getattr(jieba, "__version__", "?"))


def word_table(words: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique word keys (hashing.word_key, computed a length at a time) and the highest
    frequency under each."""
    keys, freqs = [], []
    for size in sorted({len(w) for w in words}):
        group = sorted(w for w in words if len(w) == size)
        codes = np.array([[ord(c) for c in w] for w in group], np.uint32).reshape(-1)
        keys.append(key32(ngram_hashes(codes, size)[::size], WORD_SALT + size))
        freqs.append(np.array([words[w] for w in group], np.int64))
    if not keys:
        return np.zeros(0, np.uint32), np.zeros(0, np.int64)
    k, f = np.concatenate(keys), np.concatenate(freqs)
    order = np.lexsort((-f, k))
    k, f = k[order], f[order]
    first = np.ones(k.size, bool)
    first[1:] = k[1:] != k[:-1]
    return k[first], f[first]


def official_terms(lexicons: Path) -> list[str]:
    """公文 terms: ECSpell's official-document word list and user dictionary (2-8 Han characters)."""
    vocab = lexicons / "vocab"
    found = set()
    for name in ("ecspell_odw_wordlist_pinyin.txt", "ecspell_odw_user_dict.txt"):
        for line in (vocab / name).read_text(encoding="utf-8").splitlines():
            term = line.split("\t")[0].strip()
            if 2 <= len(term) <= max(det.TERM_LENGTHS) and all(_HAN.fullmatch(ch) for ch in term):
                found.add(term)
    return sorted(found)


def term_keys(terms: Iterable[str]) -> np.ndarray:
    """Sorted unique keys of the terms (TERM_SALT + length), as the detector looks them up."""
    keys = [key32(ngram_hashes(np.array([ord(c) for c in t], np.uint32), len(t)), TERM_SALT + len(t)) for t in terms]
    return np.unique(np.concatenate(keys)) if keys else np.zeros(0, np.uint32)


_ABBR = re.compile(r"驻([\u4e00-\u9fff])(?:部队|官兵|人民解放军|武警)")
#: The one-character abbreviations of the province-level divisions (GB/T 2260).
PROVINCES = "京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔云滇藏陕秦甘陇青宁新港澳台"


def abbreviations(texts: Iterable[str]) -> list[str]:
    """Place abbreviations: the provinces', and the cities' the reports use in 驻X部队 (驻甬部队)."""
    found = set(PROVINCES)
    for t in texts:
        found.update(_ABBR.findall(t))
    return sorted(found)


def place_scores(tables: dict[int, tuple[np.ndarray, np.ndarray]], chars: Iterable[str]) -> dict[str, np.ndarray]:
    """For each character: the share of its occurrences followed by a place suffix, as a byte."""
    keys1, counts1 = tables[1]
    keys2, counts2 = tables[2]

    def count(keys: np.ndarray, counts: np.ndarray, k: np.ndarray) -> np.ndarray:
        i = np.minimum(np.searchsorted(keys, k), keys.size - 1)
        return np.where(keys[i] == k, counts[i], 0)

    cs = np.array(sorted(ord(c) for c in chars), np.uint32)
    suffixes = np.array([ord(c) for c in sorted(set(det.PLACE_SUFFIXES))], np.uint32)
    total = count(keys1, counts1, key32(cs.astype(np.uint64), 1)).astype(np.float64)
    before = np.zeros(cs.size)
    for s in suffixes:
        pair = np.stack([cs, np.full(cs.size, s, np.uint32)], axis=1)
        h = ngram_hashes(pair.reshape(-1), 2)[0::2]
        before += count(keys2, counts2, key32(h, 2))
    share = np.where(total > 0, before / np.maximum(total, 1), 0)
    return {
        "place.chars": cs,
        "place.score": np.rint(np.clip(share, 0, 1) * 255).astype(np.uint8),
        "place.suffixes": suffixes,
    }


# ---------------------------------------------------------------------------- the language model


def make_model(texts: Sequence[str], words: dict[str, int], shapes: dict[str, set[str]], opts: Options,
               counts_cache: Counter[str] | None = None, terms: Sequence[str] = ()) -> tuple[Model, dict, dict]:
    """The model without a classifier, as the detector sees it (counts quantised as stored)."""
    codes = corpus_codes(texts)
    tables = {n: count_table(codes, n, opts.min_count.get(n, 1)) for n in range(1, opts.max_order + 1)}
    counts = counts_cache if counts_cache is not None else han_counts(texts)
    if opts.dictionary_chars:
        counts = counts.copy()
        for w in words:
            for ch in w:
                counts.setdefault(ch, 0)
    conf = confusion_sets(counts, shapes, opts.min_candidate_count, opts.primary_readings)
    arrays = confusion_arrays(conf)
    arrays["gazetteer.abbr"] = np.array([ord(c) for c in abbreviations(texts)], np.uint32)
    arrays.update(place_scores(tables, counts))
    arrays["terms.keys"] = term_keys(terms)
    wk, wf = word_table(words)
    meta = {"total": int(tables[1][1].sum()), "settings": opts.settings}
    model = Model(
        {n: Table(k, dequantize(quantize(c))) for n, (k, c) in tables.items()},
        Table(wk, dequantize(quantize(wf))),
        dict(arrays),
        dict(meta),
    )
    return model, {"tables": tables, "words": (wk, wf), "arrays": arrays, "meta": meta}, conf


# ---------------------------------------------------------------------------- training data


def inject(text: str, conf: dict[str, dict[str, str]], rng: random.Random, opts: Options) -> tuple[str, dict[int, str]]:
    """``text`` with typos put in: returns the new text and offset -> original character."""
    chars = list(text)
    han = [i for i, ch in enumerate(chars) if ch in conf]
    picks = sorted(rng.sample(han, int(len(han) * opts.inject_rate))) if han else []
    typed: dict[int, str] = {}
    last = -100

    def wrong(ch: str) -> str | None:
        kinds = conf.get(ch)
        if not kinds:
            return None
        roll = rng.random()
        want = "shape" if roll < 0.15 else ("fuzzy" if roll < 0.25 else "same")
        pool = sorted(x for x, k in kinds.items() if k == want) or sorted(kinds)
        return rng.choice(pool)

    for i in picks:
        if i - last < 8:
            continue
        if rng.random() < opts.double_share and i + 1 < len(chars) and chars[i + 1] in conf:
            a, b = wrong(chars[i]), wrong(chars[i + 1])
            if a and b:
                typed[i], typed[i + 1] = chars[i], chars[i + 1]
                chars[i], chars[i + 1] = a, b
                last = i + 1
            continue
        x = wrong(chars[i])
        if x:
            typed[i] = chars[i]
            chars[i] = x
            last = i
    return "".join(chars), typed


def label(an: det.Analysis, typed: dict[int, str], text: str) -> Iterable[tuple[np.ndarray, int]]:
    """(features, 1) for a candidate that restores exactly the injected characters it covers,
    (features, 0) for candidates at least 5 characters from any injected typo; others are left out."""
    marks = np.array(sorted(typed), np.int64)
    for g in an.groups:
        w = g.width
        for i in range(g.pos.size):
            start = int(an.offsets[g.pos[i]])
            span = range(start, start + w)
            new = "".join(map(chr, g.new[i]))
            hit = [j for j in span if j in typed]
            if hit:
                if all(typed.get(j, text[j]) == ch for j, ch in zip(span, new, strict=True)):
                    yield g.X[i], 1
                continue
            if marks.size:
                k = np.searchsorted(marks, start)
                near = [marks[j] for j in (k - 1, k) if 0 <= j < marks.size]
                if any(abs(int(m) - start) <= 4 + w for m in near):
                    continue
            yield g.X[i], 0


def training_data(model: Model, texts: Sequence[str], conf: dict[str, dict[str, str]], opts: Options):
    """Feature matrix, labels and the number of clean characters of the held-out texts."""
    rng = random.Random(opts.seed)
    rows: list[np.ndarray] = []
    ys: list[int] = []
    chars = 0
    for t in texts:
        typed_text, typed = inject(t, conf, rng, opts)
        chars += len(t)
        for x, y in label(det.analyse(model, typed_text), typed, typed_text):
            rows.append(x)
            ys.append(y)
    X = np.array(rows, np.float64).reshape(-1, det.NF)
    return X, np.array(ys, np.int64), chars


DOMAINS = ("odw", "law", "med")


def read_ecspell(data: Path) -> list[tuple[str, int, str, str]]:
    """(domain, line number, source, target) of the ECSpell train sentences."""
    out = []
    for domain in DOMAINS:
        path = data / "spelling" / f"ecspell-{domain}-train.jsonl"
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                row = json.loads(line)
                out.append((domain, i, row["source"], row["target"]))
    return out


def real_data(model: Model, sentences: Sequence[tuple[str, int, str, str]]):
    """Features and labels of the candidates in ECSpell sentences, and each row's sentence index.

    Labelled as :func:`label` labels injected typos: a candidate that restores the target's
    characters is a positive, one at least five characters from every correction a negative.
    Sentences whose source and target differ in length are left out (no character alignment).
    """
    rows: list[np.ndarray] = []
    ys: list[int] = []
    which: list[int] = []
    for k, (_, _, src, tgt) in enumerate(sentences):
        if len(src) != len(tgt):
            continue
        typed = {i: b for i, (a, b) in enumerate(zip(src, tgt, strict=True)) if a != b}
        for x, y in label(det.analyse(model, src), typed, src):
            rows.append(x)
            ys.append(y)
            which.append(k)
    X = np.array(rows, np.float64).reshape(-1, det.NF)
    return X, np.array(ys, np.int64), np.array(which, np.int64)


# ---------------------------------------------------------------------------- the classifier


def fit_trees(X: np.ndarray, y: np.ndarray, weight: np.ndarray, opts: Options) -> tuple[dict[str, np.ndarray], dict]:
    """Gradient-boosted trees (fixed seed, no early stopping: the same input gives the same trees)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    clf = HistGradientBoostingClassifier(
        max_iter=opts.trees, max_depth=opts.tree_depth, max_leaf_nodes=2 ** opts.tree_depth,
        learning_rate=opts.learning_rate, l2_regularization=opts.l2, early_stopping=False, random_state=0,
    )
    clf.fit(X, y, sample_weight=weight)
    return trees.from_sklearn(clf)


def choose_threshold(prob: np.ndarray, y: np.ndarray, chars: int, per_100k: float) -> float:
    """The lowest probability threshold whose false alarms stay within ``per_100k`` per 100,000 characters."""
    allowed = int(per_100k * chars / 100_000)
    neg = np.sort(prob[y == 0])[::-1]
    if neg.size <= allowed:
        return 0.5
    return float(max(0.5, np.nextafter(neg[allowed], 1.0)))


# ---------------------------------------------------------------------------- all of it


@dataclass
class Inputs:
    """Everything a build reads, and the labelled candidates of both kinds."""

    reports: list[tuple[str, str]]
    terms: list[str]
    jieba_version: str
    synthetic: tuple[np.ndarray, np.ndarray, int]  # features, labels, clean characters of the held-out text
    sentences: list[tuple[str, int, str, str]]
    real: tuple[np.ndarray, np.ndarray, np.ndarray]  # features, labels, sentence index
    parts: dict  # the full model's tables, words, arrays and meta, without a classifier


def prepare(data: Path, opts: Options, log=print) -> Inputs:
    """Read the data, build the language model and compute the labelled candidates."""
    reports = read_texts(data / "train-reports" / "texts")
    if not reports:
        raise SystemExit(f"build_typo_model: no reports under {data / 'train-reports' / 'texts'}")
    words, jieba_version = jieba_words()
    shapes = shape_pairs(data / "lexicons")
    terms = official_terms(data / "lexicons")
    cities = sorted({city_of(n) for n, _ in reports})
    held_cities = set(cities[:: opts.holdout_every])
    held = [t for n, t in reports if city_of(n) in held_cities]
    rest = [t for n, t in reports if city_of(n) not in held_cities]
    log(f"{len(reports)} reports; injected typos in {len(held)} of {len(held_cities)} held-out cities")
    fold, _, fold_conf = make_model(rest, words, shapes, opts, terms=terms)
    synthetic = training_data(fold, held, fold_conf, opts)
    log(f"injected: {synthetic[1].size:,} candidates ({int(synthetic[1].sum()):,} typos), {synthetic[2]:,} characters")
    model, parts, _ = make_model([t for _, t in reports], words, shapes, opts, terms=terms)
    sentences = read_ecspell(data)
    real = real_data(model, sentences)
    log(f"ECSpell: {len(sentences):,} sentences, {real[1].size:,} candidates ({int(real[1].sum()):,} corrections)")
    return Inputs(reports, terms, jieba_version, synthetic, sentences, real, parts)


def classifier(inp: Inputs, opts: Options, leave_out: int | None = None) -> tuple[dict[str, np.ndarray], dict]:
    """Trees and threshold fitted on the injected typos and the ECSpell sentences (but fold ``leave_out``)."""
    Xs, ys, chars = inp.synthetic
    Xr, yr, which = inp.real
    keep = np.ones(yr.size, bool) if leave_out is None else (fold_of(inp, which, opts) != leave_out)
    X = np.vstack([Xs, Xr[keep]])
    y = np.concatenate([ys, yr[keep]])
    weight = np.concatenate([np.ones(ys.size), np.full(int(keep.sum()), opts.real_weight)])
    arrays, meta = fit_trees(X, y, weight, opts)
    prob = trees.probability(arrays, meta, Xs.astype(np.float32))
    meta["threshold"] = choose_threshold(prob, ys, chars, opts.false_alarms)
    meta["injected_recall"] = float(((prob >= meta["threshold"]) & (ys == 1)).sum() / max(1, ys.sum()))
    return arrays, meta


def fold_of(inp: Inputs, which: np.ndarray, opts: Options | None = None) -> np.ndarray:
    """The cross-validation fold of each ECSpell sentence index: its line number modulo the folds."""
    folds = (opts or Options()).cv_folds
    lines = np.array([line for _, line, _, _ in inp.sentences], np.int64)
    return lines[which] % folds


def cross_validated(data: Path, opts: Options | None = None, log=print) -> tuple[Inputs, list[tuple[dict, dict]]]:
    """The inputs and one classifier per fold, each fitted without that fold's ECSpell sentences."""
    opts = opts or Options()
    inp = prepare(data, opts, log)
    return inp, [classifier(inp, opts, k) for k in range(opts.cv_folds)]


def build(data: Path, out: Path, opts: Options | None = None, log=print) -> dict:
    """Build the model from ``data`` and write it to ``out``; returns the build summary."""
    opts = opts or Options()
    inp = prepare(data, opts, log)
    clf, clf_meta = classifier(inp, opts)
    log(f"threshold {clf_meta['threshold']:.4f}: held-out recall of injected typos {clf_meta['injected_recall']:.3f}")
    arrays = dict(inp.parts["arrays"])
    arrays.update(clf)
    import pypinyin
    import sklearn

    Xs, ys, chars = inp.synthetic
    meta = dict(inp.parts["meta"])
    meta.update({
        "clf_bias": clf_meta["clf_bias"],
        "trees_depth": clf_meta["trees_depth"],
        "threshold": clf_meta["threshold"],
        "features": list(det.FEATURES),
        "options": {k: v for k, v in vars(opts).items() if k != "settings"},
        "sources": {
            "reports": f"train-reports ({len(inp.reports)} files)",
            "ecspell": f"spelling/ecspell-{{odw,law,med}}-train ({len(inp.sentences)} sentences)",
            "terms": f"lexicons/vocab ({len(inp.terms)} terms)",
            "jieba": inp.jieba_version,
            "pypinyin": str(pypinyin.__version__),
            "scikit-learn": str(sklearn.__version__),
        },
        "heldout": {"characters": chars, "candidates": int(ys.size), "typos": int(ys.sum()),
                    "recall": clf_meta["injected_recall"]},
    })
    out.parent.mkdir(parents=True, exist_ok=True)
    save(out, inp.parts["tables"], inp.parts["words"], arrays, json.loads(json.dumps(meta)))
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    log(f"wrote {out} ({out.stat().st_size:,} bytes, sha256 {digest})")
    return {"sha256": digest, "bytes": out.stat().st_size, "threshold": clf_meta["threshold"],
            "recall": clf_meta["injected_recall"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA, help="the shared data folder (default ../shared/data)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    need = [args.data / "train-reports" / "texts", args.data / "lexicons" / "vocab"]
    need += [args.data / "spelling" / f"ecspell-{d}-train.jsonl" for d in DOMAINS]
    missing = [str(p) for p in need if not p.exists()]
    if missing:
        print(f"build_typo_model: {', '.join(missing)} absent; pass --data", file=sys.stderr)
        return 2
    build(args.data, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
