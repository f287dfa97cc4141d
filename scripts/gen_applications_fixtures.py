"""Fixtures for every Keras 3.15.1 Keras Application (`weights=None`).

    COLUMNS=200 .venv-keras/bin/python scripts/gen_applications_fixtures.py [Name ...]

Writes tests/fixtures/applications/<name>.json.gz (per-layer data as
kfix.describe), <name>__default.txt.gz (the exact summary text) and
<name>.config.json.gz (`model.to_json()`), gzip-compressed (mtime 0, so
regenerating gives identical bytes).
"""

import gzip
import inspect
import io
import json
import sys

from kfix import ROOT, describe, fresh, summary_text
import keras

OUT = ROOT / "applications"


def write_gz(path, text):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as f:
        f.write(text.encode("utf-8"))
    path.write_bytes(buf.getvalue())


def main(names):
    OUT.mkdir(parents=True, exist_ok=True)
    apps = sorted(
        n
        for n in dir(keras.applications)
        if n[0].isupper() and inspect.isfunction(getattr(keras.applications, n))
    )
    assert len(apps) == 40, apps
    for name in names or apps:
        fresh()
        model = getattr(keras.applications, name)(weights=None)
        data = describe(model)
        data["variants"] = {"default": {}}
        write_gz(OUT / f"{name}__default.txt.gz", summary_text(model))
        write_gz(OUT / f"{name}.config.json.gz", model.to_json())
        write_gz(OUT / f"{name}.json.gz", json.dumps(data, indent=1) + "\n")
        print(f"applications/{name}: {data['total_params']} params", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
