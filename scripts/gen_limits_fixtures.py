"""Fixtures for sizes and indices at the limits of i64/u64: what Keras's
`GetItem.compute_output_spec` gives for slices and integer indices whose
bounds, steps and axis lengths are near 2^63 (the arithmetic kerasinfo
must do without overflowing).

    COLUMNS=200 .venv-keras/bin/python scripts/gen_limits_fixtures.py

Writes tests/fixtures/limits/{slice_extremes,int_index_extremes}.json;
tests/limits.rs compares against them. Axis lengths stop at 2^63 - 1:
beyond it Python's `len(range(...))` raises OverflowError for the longest
slices (kerasinfo returns the length there).
"""

import json

from kfix import ROOT
from keras.src.backend import KerasTensor
from keras.src.ops.numpy import GetItem

G = "limits"
I64_MIN = -(2**63)
I64_MAX = 2**63 - 1


def output(length, key):
    """The output shape Keras computes for `x[key]`, `x` of shape
    `(None, length)`, or the error it raises."""
    try:
        spec = GetItem().compute_output_spec(KerasTensor((None, length)), key)
        return {"shape": list(spec.shape)}
    except Exception as e:  # noqa: BLE001
        return {"error": f"{type(e).__name__}: {e}"}


def slice_extremes():
    lengths = [0, 1, 5, 2**62, I64_MAX]
    bounds = [None, I64_MIN, I64_MIN + 1, -(2**62), -1, 0, 1, 2**62, I64_MAX]
    steps = [None, I64_MIN, -(2**62), -1, 1, 2, 2**62, I64_MAX]
    rows = []
    for length in lengths:
        for start in bounds:
            for stop in bounds:
                for step in steps:
                    out = output(length, (slice(None), slice(start, stop, step)))
                    rows.append([length, start, stop, step, out])
    return rows


def int_index_extremes():
    lengths = [0, 1, 5, 2**63, 2**64 - 1]
    indices = [
        I64_MIN, I64_MIN + 1, -(2**62), -6, -5, -1, 0, 1, 4, 5, 2**62, I64_MAX,
    ]
    rows = []
    for length in lengths:
        for index in indices:
            out = output(length, (slice(None), index))
            rows.append([length, index, out])
    return rows


def main():
    out = ROOT / G
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in [
        ("slice_extremes", slice_extremes()),
        ("int_index_extremes", int_index_extremes()),
    ]:
        (out / f"{name}.json").write_text(json.dumps(rows) + "\n", encoding="utf-8")
        print(name, len(rows), sum("error" in r[-1] for r in rows), "errors")


main()
