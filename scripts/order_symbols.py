"""Writes `src/bin/kerasinfo.ld` and `src/bin/kerasinfo.order`: the
functions the `kerasinfo` command runs on its usual inputs, which the
linker places side by side at the start of its code (build.rs).

    cargo build --release --features cli --bin kerasinfo
    python3 scripts/order_symbols.py            # rewrite both files
    python3 scripts/order_symbols.py --check    # how much still matches

The command's code is about 4 MB, and the kernel maps it in 64 KiB pieces
as it is first run: functions the command runs, spread over the whole
binary, make it map most of them at every start. Placed together they
take a dozen pieces instead.

The functions are found by running the command under valgrind's callgrind
(every function run, not a sample) on the Keras Applications configs of
tests/fixtures/applications (all of them), `.keras` archives and `.h5`
files of tests/fixtures/formats, and `--version`, and keeping the names
the binary defines (`nm`). Functions more runs use come first (start-up,
the config reader, the summary), then those fewer use (one layer's code,
one format's reader); in name order among equals, so that the files
change only where the code did.

Rust's symbol names end in a hash of the crate's build (its version,
features, dependencies, compiler), which another build of the same code
changes: an example or a test built alongside, another toolchain. So
Rust functions go into a linker script (`kerasinfo.ld`) as patterns of
their code sections' names with the hash left open (`..17h*`, and `Cs*_`
for a crate in the newer mangling). A pattern that matches several
functions (the instances of one generic function for different types)
is kept only when they take at most 64 KiB together (one piece the
kernel maps): past that, the instances the command does not run would
fill the pieces. The C library's functions keep their names from build
to build and go into a symbol ordering file (`kerasinfo.order`, lld's
`--symbol-ordering-file`).

`--check` says how many patterns and names still match the binary;
rewrite the files when that drops. Needs valgrind and binutils' nm;
Python's standard library only.
"""

import argparse
import collections
import fnmatch
import gzip
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "kerasinfo"
SCRIPT = ROOT / "src" / "bin" / "kerasinfo.ld"
ORDER = ROOT / "src" / "bin" / "kerasinfo.order"
FORMATS = ["k3_func.keras", "k3_func.h5", "k3_seq.h5"]
# A pattern that matches several functions is left out when they take
# more bytes than this together.
MOST_BYTES = 64 * 1024

SCRIPT_HEADER = """\
/* The Rust functions the `kerasinfo` command runs on its usual inputs,
   placed side by side before the rest of its code (see build.rs).
   Written by scripts/order_symbols.py; do not edit by hand. */
SECTIONS
{
  .text.hot :
  {
"""
SCRIPT_FOOTER = """\
  }
}
INSERT BEFORE .text;
"""
ORDER_HEADER = """\
# The C library's functions the `kerasinfo` command runs on its usual
# inputs, placed side by side (see build.rs). Written by
# scripts/order_symbols.py; do not edit by hand.
"""

# A C library function's variant for one processor, such as
# `__memmove_avx512_unaligned_erms`: valgrind's processor is not this
# one, so a run under it runs other variants than a run without it.
VARIANT = re.compile(r"^(__[a-z]+)_(sse2|sse4|ssse3|avx|avx2|avx512|evex)")
# The build hash of a Rust name: `17h` and 16 hex digits (then `E`, and
# a suffix link-time optimisation may add), or a crate's `Cs..._`.
LEGACY = re.compile(r"^(_ZN.*17h)[0-9a-f]{16}E(\.llvm\.\d+)?$")
CRATE = re.compile(r"Cs[0-9A-Za-z]+_")


def defined_functions(binary):
    """The functions `binary` defines: their names and sizes in bytes."""
    out = subprocess.run(["nm", "--defined-only", "--print-size", str(binary)], check=True,
                         capture_output=True, text=True).stdout
    sizes = {}
    for line in out.splitlines():
        fields = line.split()
        # `i`: the C library's functions chosen at start for the processor
        if len(fields) >= 3 and fields[-2] in "tTwWi":
            size = int(fields[1], 16) if len(fields) == 4 else 0
            sizes[fields[-1]] = sizes.get(fields[-1], 0) + size
    return sizes


def functions_run(binary, args, tmp):
    """The names of the functions one run of `binary args` runs."""
    out = pathlib.Path(tmp) / "callgrind.out"
    subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no",
                    f"--callgrind-out-file={out}", str(binary), *args],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    names = set()
    # callgrind names a function in full the first time it mentions it
    # (a recursive call's name with `'2`, `'3`, ... after it).
    for m in re.finditer(r"^c?fn=\(\d+\) (.+?)(?:'\d+)?$", out.read_text(), re.MULTILINE):
        names.add(m.group(1))
    return names


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


def pattern(name):
    """The name with its build hash left open, or `None` for a C name."""
    if m := LEGACY.match(name):
        return m.group(1) + "*"
    if name.startswith("_R"):
        return CRATE.sub("Cs*_", name) + "*"
    return None


def matcher(patterns):
    """A function telling which of `patterns` a name matches (those whose
    literal start it has, then by the whole pattern)."""
    by_start = collections.defaultdict(list)
    for p in patterns:
        by_start[p.split("*", 1)[0][:12]].append((p, re.compile(fnmatch.translate(p))))
    lengths = sorted({len(start) for start in by_start})

    def matches(name):
        return [p for n in lengths for p, rx in by_start.get(name[:n], []) if rx.match(name)]
    return matches


def read_lists():
    patterns = [l.split()[0][len("*(.text."):] for l in SCRIPT.read_text().splitlines()
                if l.strip().startswith("*(.text.")]
    names = [l for l in ORDER.read_text().splitlines() if l and not l.startswith("#")]
    return patterns, names


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="print how many patterns and names match the binary; write nothing")
    args = parser.parse_args()
    if not BIN.is_file():
        sys.exit(f"{BIN} not found: cargo build --release --features cli --bin kerasinfo")
    defined = defined_functions(BIN)
    if args.check:
        patterns, names = read_lists()
        matches = matcher(patterns)
        matched = {p for name in defined for p in matches(name)}
        print(f"{len(matched)} of {len(patterns)} patterns of {SCRIPT.relative_to(ROOT)} and "
              f"{sum(n in defined for n in names)} of {len(names)} names of "
              f"{ORDER.relative_to(ROOT)} match {BIN.relative_to(ROOT)}")
        return
    runs = collect(BIN)
    add_variants(runs, defined)
    ranked = sorted((name for name in runs if name in defined), key=lambda n: (-runs[n], n))
    patterns, names = [], []
    for name in ranked:
        p = pattern(name)
        if p is None:
            names.append(name)
        elif p not in patterns:
            patterns.append(p)
    matches = matcher(patterns)
    count, size = collections.Counter(), collections.Counter()
    for name, n in defined.items():
        for p in matches(name):
            count[p] += 1
            size[p] += n
    kept = [p for p in patterns if count[p] <= 1 or size[p] <= MOST_BYTES]
    # A function LLVM takes for cold is in a `.text.unlikely.` section.
    SCRIPT.write_text(SCRIPT_HEADER + "".join(f"    *(.text.{p} .text.unlikely.{p})\n" for p in kept)
                      + SCRIPT_FOOTER)
    ORDER.write_text(ORDER_HEADER + "".join(f"{name}\n" for name in names))
    print(f"wrote {len(kept)} patterns ({len(patterns) - len(kept)} matching more than "
          f"{MOST_BYTES} bytes of functions left out) to {SCRIPT.relative_to(ROOT)}, "
          f"{len(names)} names to {ORDER.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
