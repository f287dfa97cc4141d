"""Writes `src/bin/kerasinfo.order`: the functions the `kerasinfo` command
runs on its usual inputs, which the linker places side by side (build.rs).

    cargo build --release --features cli --bin kerasinfo
    python3 scripts/order_symbols.py            # rewrite the list
    python3 scripts/order_symbols.py --check    # how much of it still matches

The command's code is about 4 MB, and the kernel maps it in 64 KiB pieces
as it is first run: functions the command runs, spread over the whole
binary, make it map most of them at every start. Listed together they
take a few pieces instead.

The list is made by running the command under valgrind's callgrind (every
function run, not a sample) on the Keras Applications configs of
tests/fixtures/applications (all of them), `.keras` archives and `.h5`
files of tests/fixtures/formats, and `--version`, and keeping the names
the binary defines (`nm`). Functions more runs use come first (start-up,
the config reader, the summary), then those fewer use (one layer's code,
one format's reader); in name order among equals, so that the file
changes only where the code did.

Symbol names carry hashes of the crate and compiler versions: after a new
Rust toolchain or a dependency update many names no longer match (the
linker skips them silently, and the binary is only laid out less well).
`--check` says how many still do; rewrite the list when it drops.
Needs valgrind and binutils' nm; Python's standard library only.
"""

import argparse
import collections
import gzip
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "kerasinfo"
ORDER = ROOT / "src" / "bin" / "kerasinfo.order"
FORMATS = ["k3_func.keras", "k3_func.h5", "k3_seq.h5"]

HEADER = """\
# Functions the `kerasinfo` command runs on its usual inputs, which the
# linker places side by side (see build.rs). Written by
# scripts/order_symbols.py; do not edit by hand.
"""


def defined_functions(binary):
    """The names of the functions `binary` defines."""
    out = subprocess.run(["nm", "--defined-only", str(binary)], check=True,
                         capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        fields = line.split()
        # `i`: the C library's functions chosen at start for the processor
        if len(fields) == 3 and fields[1] in "tTwWi":
            names.add(fields[2])
    return names


def functions_run(binary, args, tmp):
    """The names of the functions one run of `binary args` runs."""
    out = pathlib.Path(tmp) / "callgrind.out"
    subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no",
                    f"--callgrind-out-file={out}", str(binary), *args],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    names = set()
    # callgrind names a function in full the first time it mentions it.
    for m in re.finditer(r"^c?fn=\(\d+\) (.+)$", out.read_text(), re.MULTILINE):
        names.add(m.group(1))
    return names


# A C library function's variant for one processor, such as
# `__memmove_avx512_unaligned_erms`: valgrind's processor is not this
# one, so a run under it runs other variants than a run without it.
VARIANT = re.compile(r"^(__[a-z]+)_(sse2|sse4|ssse3|avx|avx2|avx512|evex)")


def add_variants(runs, defined):
    """Counts every variant of the C library functions in `runs` as their
    most used variant is counted."""
    families = collections.Counter()
    for name, n in runs.items():
        if m := VARIANT.match(name):
            families[m.group(1)] = max(families[m.group(1)], n)
    for name in defined:
        if (m := VARIANT.match(name)) and m.group(1) in families:
            runs[name] = max(runs[name], families[m.group(1)])


def collect(binary):
    """How many of the runs run each function."""
    runs = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        runs.update(functions_run(binary, ["--version"], tmp))
        for gz in sorted((ROOT / "tests" / "fixtures" / "applications").glob("*.config.json.gz")):
            path = pathlib.Path(tmp) / gz.name.removesuffix(".gz")
            path.write_bytes(gzip.decompress(gz.read_bytes()))
            runs.update(functions_run(binary, [str(path)], tmp))
        for name in FORMATS:
            runs.update(functions_run(binary, [str(ROOT / "tests" / "fixtures" / "formats" / name)], tmp))
    return runs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="print how many listed names the binary defines; write nothing")
    args = parser.parse_args()
    if not BIN.is_file():
        sys.exit(f"{BIN} not found: cargo build --release --features cli --bin kerasinfo")
    defined = defined_functions(BIN)
    if args.check:
        listed = [l for l in ORDER.read_text().splitlines() if l and not l.startswith("#")]
        found = sum(1 for name in listed if name in defined)
        print(f"{found} of {len(listed)} listed functions are in {BIN.relative_to(ROOT)}")
        return
    runs = collect(BIN)
    add_variants(runs, defined)
    names = sorted((name for name in runs if name in defined), key=lambda n: (-runs[n], n))
    ORDER.write_text(HEADER + "".join(f"{name}\n" for name in names))
    print(f"wrote {len(names)} functions to {ORDER.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
