"""Facts Keras keeps on each layer class, for `tests/layer_facts.rs`.

`built_at_init.json`: for every layer class kerasinfo's importer knows
(`kerasinfo::config::Registry::new().class_names()`, kept in
`tests/fixtures/layer_facts/classes.json`, which `tests/layer_facts.rs`
checks), one layer made from a config
found in the other fixtures (or constructed here where none has one), as
Keras serializes it right after construction, and its `built` flag then.
A class Keras 3 does not have, which tf.keras 2 writes in its configs
(`TFOpLambda`, `SlicingOpLambda`: TensorFlow functions applied to tensors),
is marked `{"keras2_only": true}`: Keras 3 has no facts for it, and
`tests/tfop_import.rs` checks it against tf.keras 2's fixtures.

    COLUMNS=200 .venv-keras/bin/python scripts/gen_layer_facts_fixtures.py
"""

import json
import sys

from kfix import ROOT, fresh, keras

L = keras.layers
G = "layer_facts"

# Layers no fixture config holds: constructed here.
MADE = {
    "AdaptiveAveragePooling1D": lambda: L.AdaptiveAveragePooling1D(2),
    "AdaptiveAveragePooling2D": lambda: L.AdaptiveAveragePooling2D(2),
    "AdaptiveAveragePooling3D": lambda: L.AdaptiveAveragePooling3D(2),
    "AdaptiveMaxPooling1D": lambda: L.AdaptiveMaxPooling1D(2),
    "AdaptiveMaxPooling2D": lambda: L.AdaptiveMaxPooling2D(2),
    "AdaptiveMaxPooling3D": lambda: L.AdaptiveMaxPooling3D(2),
    "Equalization": lambda: L.Equalization(),
    # The class Keras's config calls `GroupQueryAttention`.
    "GroupedQueryAttention": lambda: L.GroupQueryAttention(4, 2, 1),
    "RandomShear": lambda: L.RandomShear(x_factor=0.1),
    # Keras's "hann" window needs scipy; a rectangular one does not.
    "STFTSpectrogram": lambda: L.STFTSpectrogram(frame_length=256, window=None),
}


def configs_in_fixtures(classes):
    """One serialized `keras.layers` object per class, from the fixtures."""
    found = {}

    def walk(v):
        if isinstance(v, dict):
            c = v.get("class_name")
            if (
                c in classes
                and c not in found
                and isinstance(v.get("config"), dict)
                and "module" in v
                and v.get("registered_name") is None
            ):
                found[c] = v
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for path in sorted(ROOT.rglob("*.json")):
        if G in path.parts:
            continue
        try:
            walk(json.loads(path.read_text()))
        except (json.JSONDecodeError, UnicodeDecodeError):
            pass
    return found


def keras2_has(c):
    """Whether tf.keras 2 has class `c` among the layers its functional
    configs hold for TensorFlow functions."""
    from tf_keras.src.layers.core import tf_op_layer

    return hasattr(tf_op_layer, c)


def strip(obj):
    obj = dict(obj)
    obj.pop("build_config", None)
    obj.pop("compile_config", None)
    return obj


def main():
    classes_path = sys.argv[1] if len(sys.argv) > 1 else ROOT / G / "classes.json"
    classes = json.loads(open(classes_path).read())
    found = configs_in_fixtures(set(classes))
    out, missing = {}, []
    for c in classes:
        fresh()
        try:
            if c in MADE:
                layer = MADE[c]()
            elif not hasattr(L, c) and c not in found and keras2_has(c):
                out[c] = {"keras2_only": True}
                continue
            elif c in found:
                layer = keras.saving.deserialize_keras_object(
                    strip(found[c]), safe_mode=False
                )
            else:
                missing.append(c)
                continue
        except Exception as e:  # noqa: BLE001
            missing.append(f"{c}: {type(e).__name__}: {e}")
            continue
        out[c] = {
            "built": bool(layer.built),
            "layer": keras.saving.serialize_keras_object(layer),
        }
    (ROOT / G).mkdir(exist_ok=True)
    (ROOT / G / "built_at_init.json").write_text(
        json.dumps(out, indent=1, sort_keys=True) + "\n"
    )
    for m in missing:
        print("missing", m)
    print(len(out), "classes")


if __name__ == "__main__":
    main()
