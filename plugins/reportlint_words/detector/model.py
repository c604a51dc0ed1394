"""The typo model file: n-gram count tables, confusion sets, word table and classifier.

One binary file, written and read here only. Layout: the magic ``RLTYPO``, a format version,
the length of a JSON header, the header (array names, dtypes, shapes, byte offsets, and the
scalar settings), then the arrays, each aligned to 8 bytes. Nothing in it depends on the
time or the machine, so the same input gives the same bytes (tests/test_typo_model.py).

A count table of one n-gram order holds sorted 32-bit keys (see hashing.py) and a count for
each. To keep the file small a table is stored as the number of keys under each value of
the high 16 bits (65,536 counts) and the low 16 bits of each key; the counts are stored as
``round(16 * ln(count))`` in one byte (6 % steps; the detector needs orders of magnitude).
Loading rebuilds the 32-bit keys with one ``np.repeat``.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

MAGIC = b"RLTYPO"
VERSION = 1
#: Quantisation of a stored count: q = round(Q * ln(count)), count = exp(q / Q).
Q = 16.0


def quantize(counts: np.ndarray) -> np.ndarray:
    """Counts (>= 1) to one byte each."""
    return np.minimum(np.rint(np.log(counts.astype(np.float64)) * Q), 255).astype(np.uint8)


def dequantize(q: np.ndarray) -> np.ndarray:
    """Bytes back to approximate counts (float32; 1 stays 1)."""
    return np.exp(q.astype(np.float32) / np.float32(Q))


def split_keys(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted uint32 keys to (count of keys per high 16 bits, low 16 bits)."""
    high = (keys >> np.uint32(16)).astype(np.int64)
    per_high = np.bincount(high, minlength=1 << 16).astype(np.uint32)
    return per_high, (keys & np.uint32(0xFFFF)).astype(np.uint16)


def join_keys(per_high: np.ndarray, low: np.ndarray) -> np.ndarray:
    """The inverse of :func:`split_keys`."""
    high = np.repeat(np.arange(1 << 16, dtype=np.uint32), per_high.astype(np.int64))
    return (high << np.uint32(16)) | low.astype(np.uint32)


@dataclass
class Table:
    """Counts of one n-gram order: sorted keys and approximate counts."""

    keys: np.ndarray
    counts: np.ndarray  # float32

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """The count of each key (0 where absent), float32."""
        if self.keys.size == 0 or keys.size == 0:
            return np.zeros(keys.shape, np.float32)
        if keys.size > 64:
            # A binary search for sorted queries walks neighbouring paths, which the CPU caches
            # keep: sorting first halves the time of a look-up in a table of a million keys.
            order = np.argsort(keys)
            i = np.empty(keys.size, np.intp)
            i[order] = np.searchsorted(self.keys, keys[order])
        else:
            i = np.searchsorted(self.keys, keys)
        np.minimum(i, self.keys.size - 1, out=i)
        hit = self.keys[i] == keys
        return np.where(hit, self.counts[i], np.float32(0))


@dataclass
class Model:
    """Everything the detector reads; ``meta`` holds the scalar settings and provenance.

    ``tables`` are the n-gram counts by order; ``words`` the dictionary words by frequency
    (keys from hashing.word_key); ``arrays`` the confusion sets, gazetteer and classifier.
    """

    tables: dict[int, Table]
    words: Table
    arrays: dict[str, np.ndarray] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def max_order(self) -> int:
        return max(self.tables)


def save(path: Path, tables: dict[int, tuple[np.ndarray, np.ndarray]], words: tuple[np.ndarray, np.ndarray],
         arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
    """Write a model: ``tables`` maps order to (sorted uint32 keys, integer counts), ``words`` likewise."""
    blobs: list[tuple[str, np.ndarray]] = []
    for name, (keys, counts) in [(f"t{order}", tables[order]) for order in sorted(tables)] + [("w", words)]:
        if keys.size and not bool(np.all(keys[1:] > keys[:-1])):
            raise ValueError(f"table {name}: keys not sorted and unique")
        per_high, low = split_keys(keys)
        blobs += [(f"{name}.high", per_high), (f"{name}.low", low), (f"{name}.q", quantize(counts))]
    blobs += sorted(arrays.items())
    entries = []
    offset = 0
    for name, arr in blobs:
        arr = np.ascontiguousarray(arr)
        entries.append({"name": name, "dtype": arr.dtype.str, "shape": list(arr.shape), "offset": offset})
        offset += -(-arr.nbytes // 8) * 8
    header = json.dumps({"arrays": entries, "meta": meta, "orders": sorted(tables)},
                        ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    header += b" " * (-(len(MAGIC) + 8 + len(header)) % 8)
    with open(path, "wb") as fh:
        fh.write(MAGIC + struct.pack("<II", VERSION, len(header)) + header)
        for _, arr in blobs:
            data = np.ascontiguousarray(arr).tobytes()
            fh.write(data + b"\0" * (-len(data) % 8))


def load(path: Path) -> Model:
    """Read a model written by :func:`save`."""
    data = Path(path).read_bytes()
    if data[:len(MAGIC)] != MAGIC:
        raise ValueError(f"{path}: not a reportlint typo model")
    version, hlen = struct.unpack_from("<II", data, len(MAGIC))
    if version != VERSION:
        raise ValueError(f"{path}: model format {version}, this reportlint reads {VERSION}")
    start = len(MAGIC) + 8
    header = json.loads(data[start:start + hlen])
    base = start + hlen
    raw: dict[str, np.ndarray] = {}
    for e in header["arrays"]:
        dt = np.dtype(e["dtype"])
        n = int(np.prod(e["shape"])) if e["shape"] else 1
        raw[e["name"]] = np.frombuffer(data, dt, n, base + e["offset"]).reshape(e["shape"])
    def table(name: str) -> Table:
        keys = join_keys(raw.pop(f"{name}.high"), raw.pop(f"{name}.low"))
        return Table(keys, dequantize(raw.pop(f"{name}.q")))

    tables = {order: table(f"t{order}") for order in header["orders"]}
    return Model(tables, table("w"), raw, header["meta"])
