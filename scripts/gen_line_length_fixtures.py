"""Every `line_length` from 0 to 200 (and a few wider), with and without
`show_trainable`, on core models: the exact text Keras 3 prints, or the
error it raises ("Insufficient console width to print summary." when a
column would be narrower than 4; `line_length=0` means the default, as
Keras's `line_length or default`).

    COLUMNS=200 .venv-keras/bin/python scripts/gen_line_length_fixtures.py

Writes tests/fixtures/line_length/<model>.json.gz; tests/line_length.rs
renders the same models with every such option and compares.
"""

import gzip
import json

import gen_core_fixtures as core
from kfix import ROOT, summary_text

G = "line_length"
LENGTHS = list(range(0, 201)) + [240, 300, 500]
MODELS = ["seed", "long_names", "multi_io", "nested"]


def cases(model):
    out = []
    for show_trainable in (False, True):
        for n in LENGTHS:
            case = {"line_length": n, "show_trainable": show_trainable}
            try:
                case["text"] = summary_text(model, line_length=n, show_trainable=show_trainable)
            except Exception as e:  # noqa: BLE001
                case["error"] = f"{type(e).__name__}: {e}"
            out.append(case)
    return out


def build(name):
    """The model `gen_core_fixtures.<name>()` builds (its `dump` is
    replaced by one that keeps the model)."""
    built = []
    core.dump = lambda _group, _name, model, *_a, **_k: built.append(model)
    getattr(core, name)()
    return built[0]


def main():
    d = ROOT / G
    d.mkdir(parents=True, exist_ok=True)
    for name in MODELS:
        model = build(name)
        data = cases(model)
        errors = sum("error" in c for c in data)
        with gzip.open(d / f"{name}.json.gz", "wt", encoding="utf-8", compresslevel=9) as f:
            json.dump(data, f, indent=0)
        print(name, len(data), "cases,", errors, "errors")


if __name__ == "__main__":
    main()
