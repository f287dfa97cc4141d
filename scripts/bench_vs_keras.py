"""Side by side, in one run: Keras's own `model_from_json` + `summary()`
against kerasinfo's library call (config text in, summary text out) and the
whole `kerasinfo` process (also net of process start: less the time of
`/bin/true`), for MobileNetV2, ResNet50, EfficientNetB7 and NASNetLarge.

    cargo build --release --features cli --bin kerasinfo --example import_timing
    COLUMNS=200 .venv-keras/bin/python scripts/bench_vs_keras.py

Prints a Markdown table (median times) for README.md, then the time the
`kerasinfo` process takes on Sequential configs of 50,000 to 200,000 `Dense`
layers (made from Keras's own `to_json()` of a two-layer model, each layer
repeated with Keras's automatic names).

`--baseline DIR` also times another checkout's build (DIR/target/release)
in the same run, so that figures taken on a busy machine compare.
"""

import argparse
import contextlib
import copy
import json
import gzip
import io
import os
import pathlib
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
APPS = ROOT / "tests" / "fixtures" / "applications"
BIN = ROOT / "target" / "release" / "kerasinfo"
TIMING = ROOT / "target" / "release" / "examples" / "import_timing"
MODELS = ["MobileNetV2", "ResNet50", "EfficientNetB7", "NASNetLarge"]


# Each figure is (wall seconds, CPU seconds), medians: on a machine busy
# with other work the CPU time is the steadier measure.

def keras_seconds(config, runs):
    times, cpu = [], []
    for _ in range(runs):
        keras.backend.clear_session()
        t, c = time.perf_counter(), time.process_time()
        model = keras.models.model_from_json(config)
        with contextlib.redirect_stdout(io.StringIO()):
            model.summary()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(times), statistics.median(cpu)


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def process_seconds(binary, path, runs):
    times, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), children_cpu()
        subprocess.run([str(binary), str(path)], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
        cpu.append(children_cpu() - c)
    return statistics.median(times), statistics.median(cpu)


def library_seconds(timing, path):
    out = subprocess.run([str(timing), str(path)], check=True, capture_output=True, text=True)
    fields = out.stdout.split()
    wall = float(fields[1])
    cpu = float(fields[3]) if len(fields) > 3 and fields[3] != "-" else wall
    return wall, cpu


def deep_sequential_config(n):
    """Keras's config of a Sequential of an Input and `n` Dense(8) layers."""
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(8)])
    config = json.loads(model.to_json())
    layers = config["config"]["layers"]
    dense = layers.pop()
    for i in range(n):
        layer = copy.deepcopy(dense)
        layer["config"]["name"] = "dense" if i == 0 else f"dense_{i}"
        layers.append(layer)
    return json.dumps(config)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=pathlib.Path, help="another checkout, built the same way")
    parser.add_argument("--deep", type=int, nargs="*", default=[50_000, 100_000, 200_000],
                        help="layer counts of the deep Sequential configs")
    args = parser.parse_args()
    base = args.baseline / "target" / "release" if args.baseline else None
    rows = []
    deep_rows = []
    start = process_seconds("/bin/true", "", 50)
    with tempfile.TemporaryDirectory() as tmp:
        for name in MODELS:
            config = gzip.decompress((APPS / f"{name}.config.json.gz").read_bytes()).decode()
            path = pathlib.Path(tmp) / f"{name}.json"
            path.write_text(config)
            k = keras_seconds(config, 3)
            row = [name, k, library_seconds(TIMING, path), process_seconds(BIN, path, 20)]
            if base:
                row += [library_seconds(base / "examples" / "import_timing", path),
                        process_seconds(base / "kerasinfo", path, 20)]
            rows.append(row)
        for n in args.deep:
            path = pathlib.Path(tmp) / f"deep_{n}.json"
            path.write_text(deep_sequential_config(n))
            row = [n, process_seconds(BIN, path, 3)]
            if base:
                row.append(process_seconds(base / "kerasinfo", path, 3))
            deep_rows.append(row)
    print(f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores "
          f"(Keras {keras.__version__}, TensorFlow backend); wall clock, CPU time in brackets:\n")
    print(f"Process start (`/bin/true`): {start[0] * 1000:.2f} ms ({start[1] * 1000:.2f}).\n")
    print("| model | Keras `model_from_json` + `summary()` | kerasinfo library call | speed-up | `kerasinfo` process | speed-up | net of start | speed-up |")
    print("|---|---|---|---|---|---|---|---|")

    def ms(x):
        return f"{x[0] * 1000:.1f} ms ({x[1] * 1000:.1f})"

    def ratio(k, x):
        cpu = f"{k[1] / x[1]:.0f}x" if x[1] > 0 else "-"
        return f"{k[0] / x[0]:.0f}x ({cpu})"

    def net(x):
        return (max(x[0] - start[0], 1e-9), max(x[1] - start[1], 1e-9))

    for name, k, lib, proc, *_ in rows:
        print(f"| {name} | {k[0] * 1000:.0f} ms ({k[1] * 1000:.0f}) | {ms(lib)} | {ratio(k, lib)} | {ms(proc)} | {ratio(k, proc)} "
              f"| {ms(net(proc))} | {ratio(k, net(proc))} |")
    if base:
        print(f"\nBaseline {args.baseline} in the same run:\n")
        print("| model | library call | speed-up | process | speed-up | net of start | speed-up |")
        print("|---|---|---|---|---|---|---|")
        for name, k, _, _, blib, bproc in rows:
            print(f"| {name} | {ms(blib)} | {ratio(k, blib)} | {ms(bproc)} | {ratio(k, bproc)} "
                  f"| {ms(net(bproc))} | {ratio(k, net(bproc))} |")
    print("\n| Sequential config of N Dense layers | `kerasinfo` process |" + (" baseline |" if base else ""))
    print("|---|---|" + ("---|" if base else ""))
    for n, proc, *b in deep_rows:
        line = f"| {n:,} | {proc[0]:.2f} s ({proc[1]:.2f}) |"
        if b:
            line += f" {b[0][0]:.2f} s ({b[0][1]:.2f}) |"
        print(line)


if __name__ == "__main__":
    sys.exit(main())
