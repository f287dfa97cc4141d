"""Side by side, in one run: Keras's own `model_from_json` + `summary()`
against kerasinfo's library call (config text in, summary text out) and the
whole `kerasinfo` process, for ResNet50, EfficientNetB7 and NASNetLarge.

    cargo build --release --features cli --bin kerasinfo --example import_timing
    COLUMNS=200 .venv-keras/bin/python scripts/bench_vs_keras.py

Prints a Markdown table (median times) for README.md.
"""

import contextlib
import gzip
import io
import os
import pathlib
import platform
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
MODELS = ["ResNet50", "EfficientNetB7", "NASNetLarge"]


def keras_seconds(config, runs):
    times = []
    for _ in range(runs):
        keras.backend.clear_session()
        t = time.perf_counter()
        model = keras.models.model_from_json(config)
        with contextlib.redirect_stdout(io.StringIO()):
            model.summary()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def process_seconds(path, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([str(BIN), str(path)], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main():
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in MODELS:
            config = gzip.decompress((APPS / f"{name}.config.json.gz").read_bytes()).decode()
            path = pathlib.Path(tmp) / f"{name}.json"
            path.write_text(config)
            k = keras_seconds(config, 3)
            lib = float(
                subprocess.run([str(TIMING), str(path)], check=True, capture_output=True, text=True)
                .stdout.split()[1]
            )
            proc = process_seconds(path, 20)
            rows.append((name, k, lib, proc))
    print(f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores "
          f"(Keras {keras.__version__}, TensorFlow backend):\n")
    print("| model | Keras `model_from_json` + `summary()` | kerasinfo library call | speed-up | `kerasinfo` process | speed-up |")
    print("|---|---|---|---|---|---|")
    for name, k, lib, proc in rows:
        print(f"| {name} | {k * 1000:.0f} ms | {lib * 1000:.1f} ms | {k / lib:.0f}x | {proc * 1000:.1f} ms | {k / proc:.0f}x |")


if __name__ == "__main__":
    sys.exit(main())
