"""Load every config kerasinfo wrote (tests/fixtures/written/*.written.json)
with Keras's own `keras.models.model_from_json`, and compare the loaded
model with the Keras fixture of its twin: the summary text byte for byte
(`<group>/<name>__default.txt`) and the per-layer data of `<group>/<name>.json`
(class, output shape, params, every weight path/shape/trainable/dtype).
Writes `<name>.check.json` = {"loads", "same_summary", "same_layers", "error"}.

    cd <worktree> && COLUMNS=200 /work/.venv-keras/bin/python scripts/check_written_configs.py [SUBSTRING...]

With `--random`, Keras loads instead each random model's config
(tests/fixtures/roundtrip/random_NN.written.json, from tests/roundtrip.rs) and
writes its summaries and layer data as the fixtures kerasinfo's summaries
of those models are checked against (`random_NN__default.txt`,
`random_NN__show_trainable.txt`, `random_NN.json`).

With SUBSTRING arguments only the configs whose name contains one of them
are checked. `preprocessing__stft` needs scipy (not in the Keras venv):
put a scipy install on PYTHONPATH
(`pip install --target DIR scipy`, then `PYTHONPATH=DIR`).
"""

import json
import pathlib
import sys
import traceback

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from kfix import ROOT, describe, dump, fresh, summary_text  # noqa: E402

import keras  # noqa: E402

WRITTEN = ROOT / "written"


def random_models():
    group = ROOT / "roundtrip"
    names = sorted(p.name[: -len(".written.json")] for p in group.glob("*.written.json"))
    for name in names:
        fresh()
        text = (group / f"{name}.written.json").read_text(encoding="utf-8")
        model = keras.models.model_from_json(text)
        dump("roundtrip", name, model, {"show_trainable": {"show_trainable": True}})
        # Keras's re-serialization is not kept: the config under test is
        # kerasinfo's (and a `.config.json` would make the group one the
        # importer tests must list).
        (group / f"{name}.config.json").unlink()
    print(f"{len(names)} random models loaded", file=sys.stderr)


def main():
    if sys.argv[1:] == ["--random"]:
        random_models()
        return
    manifest = json.loads((WRITTEN / "manifest.json").read_text(encoding="utf-8"))
    if sys.argv[1:]:
        manifest = {n: g for n, g in manifest.items() if any(a in n for a in sys.argv[1:])}
    failures = 0
    for name, group in sorted(manifest.items()):
        text = (WRITTEN / f"{name}.written.json").read_text(encoding="utf-8")
        fixture = name.split("__", 1)[-1]
        expected_txt = (ROOT / group / f"{fixture}__default.txt").read_text(
            encoding="utf-8"
        )
        expected = json.loads(
            (ROOT / group / f"{fixture}.json").read_text(encoding="utf-8")
        )
        result = {"loads": False, "same_summary": False, "same_layers": False, "error": None}
        try:
            fresh()
            model = keras.models.model_from_json(text)
            result["loads"] = True
            got_txt = summary_text(model)
            result["same_summary"] = got_txt == expected_txt
            got = describe(model)
            keys = ["name", "class_name", "total_params", "trainable_params",
                    "non_trainable_params", "layers"]
            result["same_layers"] = all(got[k] == expected[k] for k in keys)
            if "policy" in expected:
                # Dtype fixtures: every layer keeps its policy (a nested
                # model and an InputLayer take the global one on reload, as
                # in Keras's own round trip, so they are not compared).
                want = {l["name"]: l for l in expected["policy"]["layers"]}
                differ = [
                    l.name
                    for l in model.layers
                    if l.name in want
                    and not isinstance(l, (keras.Model, keras.layers.InputLayer))
                    and (l.dtype_policy.name, l.compute_dtype)
                    != (want[l.name]["dtype_policy"], want[l.name]["compute_dtype"])
                ]
                result["same_policies"] = not differ
                if differ:
                    result["error"] = f"dtype policies differ: {differ}"
            if not result["same_summary"]:
                result["error"] = "summary differs:\n" + got_txt
            elif not result["same_layers"]:
                result["error"] = "layer data differs: " + json.dumps(
                    {k: got[k] for k in keys if got[k] != expected[k]})[:4000]
        except Exception as e:  # noqa: BLE001
            result["error"] = f"{type(e).__name__}: {e}"
            traceback.print_exc()
        ok = (
            result["loads"]
            and result["same_summary"]
            and result["same_layers"]
            and result.get("same_policies", True)
        )
        failures += not ok
        print(f"{name}: {'ok' if ok else 'FAIL'}", file=sys.stderr)
        (WRITTEN / f"{name}.check.json").write_text(
            json.dumps(result, indent=1) + "\n", encoding="utf-8"
        )
    print(f"{len(manifest) - failures}/{len(manifest)} verified", file=sys.stderr)


if __name__ == "__main__":
    main()
