"""What Keras reports for the model it LOADS from each config fixture
(issue #12): the reference of the config importer, the CLI and the saved
files, which is not always what it reports for the model built in code
(weight paths outside the name scopes, frozen nested models, ...).

    COLUMNS=200 .venv-keras/bin/python scripts/gen_loaded_fixtures.py [GROUP ...]

For every `tests/fixtures/<group>/<name>.config.json[.gz]`, loads the config
in a fresh session (`keras.models.model_from_json`; tf_keras's for the
tf.keras 2 groups) and writes `tests/fixtures/loaded/<group>.json.gz`:

    {name: {"name", "class_name", totals, "layers": [per-layer data],
            "texts": {variant: null | text}}}

with the variants of the model's own fixture (`<name>.json`'s `variants`):
a text is `null` when the loaded model prints exactly the fixture's
`<name>__<variant>.txt` (the script checks it), and the loaded model's text
otherwise. Per-layer data: name, class, output shape, params, `trainable`,
and every weight's path (Keras 3) or name (tf.keras 2), shape, trainable
flag and dtype.

Twin: tests/loaded.rs.
"""

import gzip
import json
import os
import pathlib
import sys

os.environ.setdefault("COLUMNS", "200")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import kfix  # noqa: E402
from kfix import ROOT, keras, summary_text  # noqa: E402

KERAS2 = {"keras2", "random_keras2", "tfop"}
# Compiled models: their summaries add the optimizer (tests/cli_optimizer.rs);
# random_loaded: recorded by scripts/gen_random_fixtures.py --loaded.
SKIP = {"optimizer", "loaded", "random_loaded"}


def read(path):
    if path.suffix == ".gz":
        return gzip.decompress(path.read_bytes()).decode("utf-8")
    return path.read_text(encoding="utf-8")


def fixture_file(group, stem):
    for p in (ROOT / group / stem, ROOT / group / (stem + ".gz")):
        if p.exists():
            return p
    return None


def describe3(model):
    return kfix.describe(model)


def describe2(model):
    sys.path.insert(0, str(pathlib.Path(__file__).parent))
    import gen_keras2_fixtures as k2  # noqa: E402

    return k2.describe(model)


def load(group, config):
    if group in KERAS2:
        import tf_keras

        tf_keras.backend.clear_session()
        return tf_keras.models.model_from_json(config), describe2
    kfix.fresh()
    return keras.models.model_from_json(config), describe3


def group_records(group):
    out = {}
    for cfg in sorted((ROOT / group).iterdir()):
        n = cfg.name
        if not (n.endswith(".config.json") or n.endswith(".config.json.gz")):
            continue
        name = n.split(".config.json")[0]
        own = fixture_file(group, f"{name}.json")
        variants = {"default": {}}
        if own is not None:
            variants = json.loads(read(own)).get("variants", variants)
        try:
            model, describe = load(group, read(cfg))
        except Exception as e:  # noqa: BLE001
            out[name] = {"error": f"{type(e).__name__}: {e}"}
            continue
        rec = describe(model)
        texts = {}
        for vname, kwargs in variants.items():
            text = summary_text(model, **kwargs)
            mine = fixture_file(group, f"{name}__{vname}.txt")
            texts[vname] = None if mine is not None and read(mine) == text else text
        rec["texts"] = texts
        rec["variants"] = variants
        out[name] = rec
    return out


def main(groups):
    dest = ROOT / "loaded"
    dest.mkdir(exist_ok=True)
    if not groups:
        groups = sorted(
            g.name for g in ROOT.iterdir() if g.is_dir() and g.name not in SKIP
        )
    for group in groups:
        recs = group_records(group)
        if not recs:
            continue
        text = json.dumps(recs, indent=0, sort_keys=True) + "\n"
        # Fixed mtime: the file is the same bytes for the same records.
        (dest / f"{group}.json.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
        differ = sum(1 for r in recs.values() if any(t is not None for t in r.get("texts", {}).values()))
        errors = sum(1 for r in recs.values() if "error" in r)
        print(f"loaded/{group}: {len(recs)} configs, {differ} print differently, {errors} errors", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
