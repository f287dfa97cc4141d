"""Shared helpers for the fixture generators: run Keras, record what it says.

Every fixture is `tests/fixtures/<group>/<name>.json` (per-layer shapes,
weights, counts, totals) plus one `<name>__<variant>.txt` per summary
variant: the exact bytes `model.summary(**kwargs)` prints with COLUMNS=200.

Run with the Keras virtualenv, e.g.
    COLUMNS=200 .venv-keras/bin/python scripts/gen_core_fixtures.py
"""

import contextlib
import io
import json
import os
import pathlib
import sys

os.environ.setdefault("COLUMNS", "200")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import rich.text  # noqa: E402
from keras.src.utils import summary_utils  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures"

assert keras.__version__ == "3.15.1", keras.__version__


def _plain(markup):
    return rich.text.Text.from_markup(markup).plain


def summary_text(model, **kwargs):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        model.summary(**kwargs)
    return buf.getvalue()


def describe(model):
    layers = []
    for layer in model.layers:
        layers.append(
            {
                "name": layer.name,
                "class_name": layer.__class__.__name__,
                "output_shape": _plain(summary_utils.format_layer_shape(layer)),
                "params": layer.count_params() if layer.built else 0,
                "trainable": bool(layer.trainable),
                "weights": [
                    {
                        "path": w.path,
                        "shape": list(w.shape),
                        "trainable": bool(w.trainable),
                        "dtype": str(w.dtype),
                    }
                    for w in layer.weights
                ],
            }
        )
    tw = summary_utils.count_params(model.trainable_weights)
    nw = summary_utils.count_params(model.non_trainable_weights)
    return {
        "name": model.name,
        "class_name": model.__class__.__name__,
        "total_params": tw + nw,
        "trainable_params": tw,
        "non_trainable_params": nw,
        "layers": layers,
    }


def dump(group, name, model, variants=None):
    """Write the fixture for `model`; `variants` maps a variant name to
    `model.summary` keyword arguments (`default` is always written)."""
    variants = dict(variants or {})
    variants.setdefault("default", {})
    out = ROOT / group
    out.mkdir(parents=True, exist_ok=True)
    data = describe(model)
    data["variants"] = variants
    for vname, kwargs in variants.items():
        (out / f"{name}__{vname}.txt").write_text(
            summary_text(model, **kwargs), encoding="utf-8"
        )
    config = model.to_json()
    (out / f"{name}.config.json").write_text(config + "\n", encoding="utf-8")
    # Keras's own round trip: the reloaded model must print the same.
    fresh()
    reloaded = keras.models.model_from_json(config)
    data["roundtrip_same"] = summary_text(reloaded) == summary_text(model)
    (out / f"{name}.json").write_text(
        json.dumps(data, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{group}/{name}: {data['total_params']} params", file=sys.stderr)


def dump_error(group, name, build):
    """Record the error Keras raises while building a model (or None)."""
    out = ROOT / group
    out.mkdir(parents=True, exist_ok=True)
    try:
        build()
        msg = None
    except Exception as e:  # noqa: BLE001
        msg = f"{type(e).__name__}: {e}"
    (out / f"{name}.error.json").write_text(
        json.dumps({"error": msg}, indent=1) + "\n", encoding="utf-8"
    )


def fresh():
    keras.backend.clear_session()
