#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the committed Keras fixtures.
#   import_keras3: every tests/fixtures/*/*.config.json except tf.keras 2 ones
#   import_keras2: tests/fixtures/keras2/*.config.json
#   keras_archive: small valid .keras zips (config.json + metadata.json) made
#                  from a few fixture configs, stored and deflated
#   builder:       no seed (its input is an `arbitrary` plan)
#   hdf5:          tests/fixtures/formats/*.h5 (legacy model files, weights-only
#                  and bad-type ones) and the model.weights.h5 of each .keras there
#   saved_model:   tests/fixtures/formats/*/keras_metadata.pb
#   summary_text:  every printed summary tests/fixtures/*/*.txt (Keras 3,
#                  its ASCII variant, tf.keras 2, the seed question)
# Configs over 40 KB (resnet50 & co.) are left out: they slow every mutation
# and add no parser paths the small ones lack.
# The corpora are not committed (fuzz/.gitignore).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$here/../tests/fixtures"
max=40960
mkdir -p "$here"/corpus/{import_keras3,import_keras2,keras_archive,builder,hdf5,saved_model,summary_text}
copy() { # src dest
    local f="$1" dest="$2"
    [ "$(stat -c %s "$f")" -le "$max" ] || return 0
    cp "$f" "$dest/$(basename "$(dirname "$f")")__$(basename "$f")"
}
for f in "$fixtures"/*/*.config.json; do
    case "$f" in
        */keras2/*) copy "$f" "$here/corpus/import_keras2" ;;
        *) copy "$f" "$here/corpus/import_keras3" ;;
    esac
done
for f in "$fixtures"/*/*.txt; do
    copy "$f" "$here/corpus/summary_text"
done
python3 - "$fixtures" "$here/corpus/keras_archive" <<'PY'
import pathlib, sys, zipfile
fixtures, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
picks = ["core/branches", "conv/pool2d", "recurrent/seq_return_state",
         "attention_core/mha_frozen_ctor", "keras2/shared_chain", "reshape_merge/merge_batch"]
found = [p for p in (fixtures / f"{n}.config.json" for n in picks) if p.exists()]
# Fall back to the smallest configs of each family when names change.
if len(found) < 4:
    found = sorted(fixtures.glob("*/*.config.json"), key=lambda p: p.stat().st_size)[:6]
meta = b'{"keras_version": "3.15.1", "date_saved": "2026-01-01@00:00:00"}'
for i, p in enumerate(found):
    for method, tag in ((zipfile.ZIP_STORED, "stored"), (zipfile.ZIP_DEFLATED, "deflated")):
        dest = out / f"{p.parent.name}__{p.name.removesuffix('.config.json')}__{tag}.keras"
        with zipfile.ZipFile(dest, "w", compression=method) as z:
            z.writestr("metadata.json", meta)
            z.writestr("config.json", p.read_bytes())
PY
# HDF5 and SavedModel metadata up to 64 KB (k3_long.h5, 530 KB, is left out).
hmax=65536
for f in "$fixtures"/formats/*.h5; do
    [ "$(stat -c %s "$f")" -le "$hmax" ] || continue
    cp "$f" "$here/corpus/hdf5/$(basename "$f")"
done
for f in "$fixtures"/formats/*/keras_metadata.pb; do
    [ "$(stat -c %s "$f")" -le "$hmax" ] || continue
    cp "$f" "$here/corpus/saved_model/$(basename "$(dirname "$f")").pb"
done
python3 - "$fixtures/formats" "$here/corpus/hdf5" <<'PY'
import pathlib, sys, zipfile
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for p in sorted(src.glob("*.keras")):
    with zipfile.ZipFile(p) as z:
        if "model.weights.h5" in z.namelist():
            (out / f"{p.stem}.weights.h5").write_bytes(z.read("model.weights.h5"))
PY
for t in import_keras3 import_keras2 keras_archive builder hdf5 saved_model summary_text; do
    echo "$t: $(find "$here/corpus/$t" -type f | wc -l) seed files"
done
