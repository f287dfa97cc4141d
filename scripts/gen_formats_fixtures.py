"""Fixtures for the saved-model readers (src/formats/): every file a Keras
model lives in, and what Keras prints for the model it LOADS from it.

    COLUMNS=200 .venv-keras/bin/python scripts/gen_formats_fixtures.py

Writes to tests/fixtures/formats/ (small models, a few hundred KB in all):

- Keras 3.15.1 models saved with `model.save("x.keras")` and
  `model.save("x.h5")` (Keras 3's legacy HDF5 writer);
- tf_keras 2.21.0 models saved with `model.save("x.h5")`,
  `model.save("x_savedmodel", save_format="tf")` (a SavedModel directory
  with `keras_metadata.pb`) and converted to TensorFlow.js Layers format
  with tensorflowjs 4.22.0's own converter
  (`tensorflowjs.converters.keras_h5_conversion.save_keras_model`, imported
  with the package inits bypassed: they import jax, TF-DF and
  tensorflow_hub);
- files whose config and stored weights disagree, or whose HDF5
  attributes have the wrong type, made by editing a saved file with h5py,
  with the error Keras raises loading them;
- weights-only files (`save_weights`), which hold no architecture.

For each saved file `<file>`:

- `<file>.loaded.json`: the model Keras loads from it
  (`keras.saving.load_model` for Keras 3 text, `tf_keras.models.load_model`
  for tf.keras 2 text; for TF.js, tensorflowjs's own loader
  `keras_tfjs_loader.load_keras_model`, which builds a tf_keras model) —
  per-layer data, totals and `variants`, with `<file>__<variant>.txt` the
  exact summary text (`keras3__default`, `keras3__show_trainable`,
  `keras2__default`, `keras2__show_trainable`, as the loaders allow);
- `<file>.stored.json` (HDF5, `.keras`, TF.js): the stored variables as
  h5py or the weights manifest list them (group, name, shape, dtype).

Bad files get `<file>.bad.json`: Keras's load error, the weights of the
model Keras builds from the file's config (without loading weights) and
the stored variables.
"""

import contextlib
import importlib.util
import io
import json
import os
import pathlib
import shutil
import sys
import tempfile
import types
import zipfile

os.environ.setdefault("COLUMNS", "200")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
import tf_keras  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import kfix  # noqa: E402

assert keras.__version__ == "3.15.1", keras.__version__
assert tf_keras.__version__ == "2.21.0", tf_keras.__version__

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "formats"
ST = {"show_trainable": {"show_trainable": True}}


def tfjs_modules():
    """tensorflowjs's converter and loader without the package inits."""
    spec = importlib.util.find_spec("tensorflowjs")
    assert spec is not None, "pip install --no-deps tensorflowjs==4.22.0"
    root = pathlib.Path(spec.origin).parent
    for name, path in (("tensorflowjs", root), ("tensorflowjs.converters", root / "converters")):
        mod = types.ModuleType(name)
        mod.__path__ = [str(path)]
        sys.modules[name] = mod
    from tensorflowjs import version
    from tensorflowjs.converters import keras_h5_conversion, keras_tfjs_loader

    assert version.version == "4.22.0", version.version
    return keras_h5_conversion, keras_tfjs_loader


CONVERTER, TFJS_LOADER = tfjs_modules()


def summary_text(model, **kwargs):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        model.summary(**kwargs)
    return buf.getvalue()


def describe_keras2(model):
    def layer(l):
        trainable_ids = {id(w) for w in l.trainable_weights}
        try:
            shape = str(l.output_shape)
        except AttributeError:
            shape = "multiple"
        return {
            "name": l.name,
            "class_name": l.__class__.__name__,
            "output_shape": shape,
            "params": l.count_params() if l.built else 0,
            "trainable": bool(l.trainable),
            "weights": [
                {
                    "name": w.name,
                    "shape": list(w.shape),
                    "trainable": id(w) in trainable_ids,
                    "dtype": w.dtype.name,
                }
                for w in l.weights
            ],
        }

    tw = int(sum(w.shape.num_elements() for w in model.trainable_weights))
    nw = int(sum(w.shape.num_elements() for w in model.non_trainable_weights))
    return {
        "name": model.name,
        "class_name": model.__class__.__name__,
        "total_params": tw + nw,
        "trainable_params": tw,
        "non_trainable_params": nw,
        "layers": [layer(l) for l in model.layers],
    }


def record_loaded(file, keras3=None, keras2=None, texts=True):
    """`<file>.loaded.json` and the summary texts of the loaded models."""
    data = {"file": file}
    for tag, model, describe in (
        ("keras3", keras3, kfix.describe),
        ("keras2", keras2, describe_keras2),
    ):
        if model is None:
            continue
        d = describe(model)
        d["variants"] = {"default": {}, **ST} if texts else {}
        for vname, kwargs in d["variants"].items():
            (OUT / f"{file}__{tag}__{vname}.txt").write_text(
                summary_text(model, **kwargs), encoding="utf-8"
            )
        data[tag] = d
    (OUT / f"{file}.loaded.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"formats/{file}: loaded {sorted(k for k in data if k != 'file')}", file=sys.stderr)


# -- what the files store ---------------------------------------------------


def h5_names(group, name):
    """Keras's `load_attributes_from_hdf5_group`: `name`, or `name0`, `name1`, …"""
    if name in group.attrs:
        raw = group.attrs[name]
    else:
        raw, i = [], 0
        while f"{name}{i}" in group.attrs:
            raw.extend(group.attrs[f"{name}{i}"])
            i += 1
    return [n.decode("utf8") if hasattr(n, "decode") else str(n) for n in raw]


def dtype_name(dt):
    return np.dtype(dt).name


def stored_legacy_h5(path):
    """Per layer in `layer_names` order, then `top_level_model_weights`."""
    out = []
    with h5py.File(path, "r") as f:
        mw = f["model_weights"] if "model_weights" in f else f
        groups = h5_names(mw, "layer_names")
        if "top_level_model_weights" in mw:
            groups.append("top_level_model_weights")
        for g in groups:
            for n in h5_names(mw[g], "weight_names"):
                ds = mw[g][n]
                out.append({"group": g, "name": n, "shape": list(ds.shape), "dtype": dtype_name(ds.dtype)})
    return {"layout": "legacy_h5", "weights": out}


def stored_keras_v3(h5file):
    """Every dataset of `model.weights.h5` under `layers/`, depth first in
    h5py's (alphabetical) order, grouped by the top-level entry."""
    out = []
    with h5py.File(h5file, "r") as f:
        if "layers" not in f:
            return {"layout": "keras_v3", "weights": out}
        for top in f["layers"]:

            def visit(name, obj, top=top):
                if isinstance(obj, h5py.Dataset):
                    dt = obj.attrs.get("dtype", dtype_name(obj.dtype))
                    out.append(
                        {
                            "group": f"layers/{top}",
                            "name": f"layers/{top}/{name}",
                            "shape": list(obj.shape),
                            "dtype": dt if isinstance(dt, str) else dt.decode(),
                        }
                    )

            f["layers"][top].visititems(visit)
    return {"layout": "keras_v3", "weights": out}


def stored_keras_archive(path):
    with zipfile.ZipFile(path) as z, tempfile.TemporaryDirectory() as d:
        z.extract("model.weights.h5", d)
        return stored_keras_v3(os.path.join(d, "model.weights.h5"))


def stored_tfjs(model_json):
    topo = json.loads(pathlib.Path(model_json).read_text())
    out = []
    for group in topo["weightsManifest"]:
        for w in group["weights"]:
            out.append({"group": "", "name": w["name"], "shape": w["shape"], "dtype": w["dtype"]})
    return {"layout": "tfjs", "weights": out}


def write_stored(file, stored):
    (OUT / f"{file}.stored.json").write_text(json.dumps(stored, indent=1) + "\n", encoding="utf-8")


# -- models -----------------------------------------------------------------


def k3_seq():
    L = keras.layers
    return keras.Sequential(
        [keras.Input((4,)), L.Dense(3, name="d1"), L.BatchNormalization(), L.Dense(2)], name="seq"
    )


def k3_func():
    L = keras.layers
    x = keras.Input((6, 3), name="series")
    img = keras.Input((5, 5, 1), name="image")
    a = L.LSTM(2, return_sequences=True)(x)
    a = L.MultiHeadAttention(num_heads=1, key_dim=2, name="mha")(a, a)
    a = L.Bidirectional(L.GRU(2))(a)
    b = L.Conv2D(2, 3, name="conv")(img)
    b = L.BatchNormalization(trainable=False)(b)
    b = L.GlobalAveragePooling2D()(b)
    c = L.Concatenate()([a, b])
    head = keras.Sequential(
        [keras.Input((6,)), L.Dense(3, activation="relu"), L.Dense(1, trainable=False)], name="head"
    )
    return keras.Model([x, img], head(c), name="func")


def k3_long():
    """260 layers with 250-character names: `layer_names` is longer than
    HDF5's 64,512-byte attribute limit, so Keras splits it into
    `layer_names0`, `layer_names1`, …. Names count down, so that HDF5's
    (alphabetical) group order is not the model's; every 50th layer is a
    `Dense(1)`, the others `Identity` (no weights, smaller files)."""
    L = keras.layers
    layers = [keras.Input((1,))]
    for i in range(260):
        name = f"l{259 - i:03d}_" + "x" * 245
        layers.append(L.Dense(1, name=name) if i % 50 == 0 else L.Identity(name=name))
    return keras.Sequential(layers, name="long_names")


def tk2_seq():
    L = tf_keras.layers
    return tf_keras.Sequential(
        [tf_keras.Input((4,)), L.Dense(3, name="d1"), L.BatchNormalization(), L.Dense(2)], name="seq"
    )


def tk2_branch():
    """tk2_func without its recurrent and attention layers, whose traced
    functions make a SavedModel's saved_model.pb megabytes long."""
    L = tf_keras.layers
    x = tf_keras.Input((3,), name="features")
    img = tf_keras.Input((5, 5, 1), name="image")
    b = L.Conv2D(2, 3, name="conv")(img)
    b = L.BatchNormalization(trainable=False)(b)
    b = L.GlobalAveragePooling2D()(b)
    c = L.Concatenate()([L.Dense(4)(x), b])
    head = tf_keras.Sequential(
        [tf_keras.Input((6,)), L.Dense(3, activation="relu"), L.Dense(1, trainable=False)], name="head"
    )
    return tf_keras.Model([x, img], head(c), name="branch")


def tk2_func():
    L = tf_keras.layers
    x = tf_keras.Input((6, 3), name="series")
    img = tf_keras.Input((5, 5, 1), name="image")
    a = L.LSTM(2, return_sequences=True)(x)
    a = L.MultiHeadAttention(num_heads=1, key_dim=2, name="mha")(a, a)
    a = L.Bidirectional(L.GRU(2))(a)
    b = L.Conv2D(2, 3, name="conv")(img)
    b = L.BatchNormalization(trainable=False)(b)
    b = L.GlobalAveragePooling2D()(b)
    c = L.Concatenate()([a, b])
    head = tf_keras.Sequential(
        [tf_keras.Input((6,)), L.Dense(3, activation="relu"), L.Dense(1, trainable=False)], name="head"
    )
    return tf_keras.Model([x, img], head(c), name="func")


def fresh():
    keras.backend.clear_session()
    tf_keras.backend.clear_session()


# -- Keras 3 files ----------------------------------------------------------


def keras3_files(name, build, formats=("keras", "h5"), texts=True):
    fresh()
    model = build()
    for ext in formats:
        file = f"{name}.{ext}"
        model.save(OUT / file)
        fresh()
        loaded = keras.saving.load_model(OUT / file)
        record_loaded(file, keras3=loaded, texts=texts)
        write_stored(file, stored_keras_archive(OUT / file) if ext == "keras" else stored_legacy_h5(OUT / file))


# -- tf.keras 2 files -------------------------------------------------------


def keras2_files(name, build, formats=("h5", "savedmodel", "tfjs")):
    if "savedmodel" in formats:
        fresh()
        sm = f"{name}_savedmodel"
        if (OUT / sm).exists():
            shutil.rmtree(OUT / sm)
        build().save(OUT / sm, save_format="tf")
        # SavedModel: tf_keras only (Keras 3 no longer loads SavedModels).
        fresh()
        record_loaded(sm, keras2=tf_keras.models.load_model(OUT / sm))
    if formats == ("savedmodel",):
        return
    fresh()
    model = build()
    h5 = f"{name}.h5"
    model.save(OUT / h5)
    tfjs = f"{name}_tfjs"
    if (OUT / tfjs).exists():
        shutil.rmtree(OUT / tfjs)
    with contextlib.redirect_stdout(io.StringIO()):
        CONVERTER.save_keras_model(model, str(OUT / tfjs))
    # tf.keras 2's HDF5 file: Keras 3 loads it too (its legacy reader).
    fresh()
    k2 = tf_keras.models.load_model(OUT / h5)
    fresh()
    try:
        k3 = keras.saving.load_model(OUT / h5)
    except Exception as e:  # noqa: BLE001
        # e.g. tf.keras 2's LSTM config (`time_major`), which Keras 3 refuses.
        print(f"formats/{h5}: Keras 3 cannot load it: {type(e).__name__}: {e}", file=sys.stderr)
        k3 = None
    record_loaded(h5, keras3=k3, keras2=k2)
    write_stored(h5, stored_legacy_h5(OUT / h5))
    # TF.js: tensorflowjs's own loader builds a tf_keras model.
    fresh()
    record_loaded(f"{tfjs}/model.json", keras2=TFJS_LOADER.load_keras_model(str(OUT / tfjs / "model.json")))
    write_stored(f"{tfjs}/model.json", stored_tfjs(OUT / tfjs / "model.json"))


# -- files whose config and weights disagree --------------------------------


def keras_error(load):
    try:
        load()
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}: {e}"
    return None


def weights_of(model, describe):
    return [
        {"layer": l["name"], "weights": l["weights"]} for l in describe(model)["layers"]
    ]


def bad_h5_units():
    """tf.keras 2 HDF5 whose config says `d1` has 5 units; its weights have 3."""
    file = "bad_units.h5"
    shutil.copy(OUT / "tk2_seq.h5", OUT / file)
    with h5py.File(OUT / file, "r+") as f:
        config = json.loads(f.attrs["model_config"])
        for layer in config["config"]["layers"]:
            if layer["config"]["name"] == "d1":
                layer["config"]["units"] = 5
        f.attrs["model_config"] = json.dumps(config)
    fresh()
    model = tf_keras.models.model_from_json(json.dumps(config))
    data = {
        "keras_error": keras_error(lambda: tf_keras.models.load_model(OUT / file)),
        "keras3_error": keras_error(lambda: keras.saving.load_model(OUT / file)),
        "model": weights_of(model, describe_keras2),
        "stored": stored_legacy_h5(OUT / file),
    }
    (OUT / f"{file}.bad.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def bad_keras_no_beta():
    """`.keras` archive whose config turns off BatchNormalization's `center`:
    the archive still stores beta."""
    file = "bad_no_beta.keras"
    with zipfile.ZipFile(OUT / "k3_seq.keras") as src:
        entries = {n: src.read(n) for n in src.namelist()}
    config = json.loads(entries["config.json"])
    for layer in config["config"]["layers"]:
        if layer["class_name"] == "BatchNormalization":
            layer["config"]["center"] = False
    entries["config.json"] = json.dumps(config).encode()
    with zipfile.ZipFile(OUT / file, "w") as dst:
        for n, b in entries.items():
            dst.writestr(n, b)
    fresh()
    model = keras.models.model_from_json(json.dumps(config))
    data = {
        "keras_error": keras_error(lambda: keras.saving.load_model(OUT / file)),
        "model": weights_of(model, kfix.describe),
        "stored": stored_keras_archive(OUT / file),
    }
    (OUT / f"{file}.bad.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def bad_tfjs():
    """TF.js model.json whose manifest lacks `dense/bias` and gives `d1/kernel`
    the shape [4, 4]."""
    d = OUT / "bad_tfjs"
    if d.exists():
        shutil.rmtree(d)
    shutil.copytree(OUT / "tk2_seq_tfjs", d, ignore=shutil.ignore_patterns("model.json.*", "model.json__*"))
    topo = json.loads((d / "model.json").read_text())
    for group in topo["weightsManifest"]:
        group["weights"] = [w for w in group["weights"] if w["name"] != "dense/bias"]
        for w in group["weights"]:
            if w["name"] == "d1/kernel":
                w["shape"] = [4, 4]
    (d / "model.json").write_text(json.dumps(topo))
    fresh()
    model = tf_keras.models.model_from_json(json.dumps(topo["modelTopology"]["model_config"]))
    data = {
        "keras_error": keras_error(lambda: TFJS_LOADER.load_keras_model(str(d / "model.json"))),
        "model": weights_of(model, describe_keras2),
        "stored": stored_tfjs(d / "model.json"),
    }
    (OUT / "bad_tfjs.bad.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def bad_h5_types():
    """HDF5 attributes of the wrong type: `model_config` an integer, and
    `layer_names` a list of integers."""
    file = "bad_config_type.h5"
    shutil.copy(OUT / "k3_seq.h5", OUT / file)
    with h5py.File(OUT / file, "r+") as f:
        f.attrs["model_config"] = 42
    fresh()
    data = {"keras_error": keras_error(lambda: keras.saving.load_model(OUT / file))}
    (OUT / f"{file}.bad.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    file = "bad_layer_names_type.h5"
    shutil.copy(OUT / "tk2_seq.h5", OUT / file)
    with h5py.File(OUT / file, "r+") as f:
        f["model_weights"].attrs["layer_names"] = np.arange(3)
    fresh()
    data = {"keras_error": keras_error(lambda: tf_keras.models.load_model(OUT / file))}
    (OUT / f"{file}.bad.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def bad_keras_cycle():
    """`.keras` archive whose `model.weights.h5` hard-links `layers` into
    one of its own groups: a cycle for whoever walks the groups."""
    file = "bad_cycle.keras"
    with zipfile.ZipFile(OUT / "k3_seq.keras") as src:
        entries = {n: src.read(n) for n in src.namelist()}
    with tempfile.TemporaryDirectory() as d:
        h5 = os.path.join(d, "model.weights.h5")
        with open(h5, "wb") as f:
            f.write(entries["model.weights.h5"])
        with h5py.File(h5, "r+") as f:
            f["layers/dense/loop"] = f["layers"]
        entries["model.weights.h5"] = pathlib.Path(h5).read_bytes()
    with zipfile.ZipFile(OUT / file, "w") as dst:
        for n, b in entries.items():
            dst.writestr(n, b)
    fresh()
    data = {"keras_error": keras_error(lambda: keras.saving.load_model(OUT / file))}
    (OUT / f"{file}.bad.json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def weights_only():
    """`save_weights` files: no architecture (a clear error for kerasinfo)."""
    fresh()
    tk2_seq().save_weights(OUT / "weights_only_tk2.h5")
    fresh()
    k3_seq().save_weights(OUT / "weights_only_k3.weights.h5")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    keras3_files("k3_seq", k3_seq)
    keras3_files("k3_func", k3_func)
    keras3_files("k3_long", k3_long, formats=("h5",), texts=False)
    keras2_files("tk2_seq", tk2_seq)
    keras2_files("tk2_func", tk2_func, formats=("h5", "tfjs"))
    keras2_files("tk2_branch", tk2_branch, formats=("savedmodel",))
    bad_h5_units()
    bad_keras_no_beta()
    bad_tfjs()
    bad_h5_types()
    bad_keras_cycle()
    weights_only()


if __name__ == "__main__":
    main()
