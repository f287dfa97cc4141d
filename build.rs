//! Build script: the layer families' file lists, and link options for the
//! `kerasinfo` command.
//!
//! **Layer files.** Every `.rs` file in a layer family's folder
//! (`src/layers/<family>/`) is a layer file, except `mod.rs` and the helper
//! files the family's `mod.rs` declares itself with a `mod` line. For each
//! family this writes `layer_files!(…)` with its layer files, in name
//! order, to `$OUT_DIR/layer_files/<family>.rs`, which the family's
//! `mod.rs` includes: adding a layer is adding its file.
//!
//! **Link options** (the `kerasinfo` binary only; the library, its tests
//! and its dependants are untouched).
//! On Linux with glibc the command is linked as a fixed-address
//! executable (`-no-pie`) rather than a position-independent one: the
//! dynamic loader then has none of the binary's ~7,000 relative
//! relocations to apply at every start. Measured on ResNet50's config,
//! the whole process runs 3.67 M -> 3.57 M instructions and touches 35
//! fewer pages; a summary of a small model is mostly process start. The
//! executable's own image is then not placed at a random address (its
//! stack and heap still are). Set `KERASINFO_PIE=1` when building to keep
//! the default position-independent executable.
//!
//! Where the C compiler finds the static archives of glibc and of the
//! unwinder (`libc.a`, `libgcc_eh.a`, …), the command is also linked
//! statically: no dynamic loader, no shared libraries to map and bind at
//! start. Measured on ResNet50's config: 240 -> 200 page faults, CPU time
//! 1.2-1.3 ms -> 0.9 ms, 2.94 M -> 2.73 M instructions; the binary grows
//! by 0.9 MB. glibc's static library cannot load NSS modules or other
//! shared objects, which the command never does. A native build only (a
//! cross build stays dynamic); `KERASINFO_DYNAMIC=1` keeps it dynamic.
//!
//! In a release build, the functions the command runs on its usual
//! inputs are placed side by side at the start of its code: Rust's by a
//! linker script (`src/bin/kerasinfo.ld`, their code sections' names with
//! the build hash left open), the C library's by a symbol ordering file
//! (`src/bin/kerasinfo.order`); both written by `scripts/order_symbols.py`,
//! each passed when the linker takes it (lld, Rust's default linker on
//! x86-64 Linux, takes both; a one-line program is linked with it to find
//! out). The kernel maps the command's 4 MB of code in 64 KiB pieces as
//! it is first run: placed together, the functions a summary runs take
//! about a dozen pieces instead of most of them. Measured on MobileNetV2's
//! config: 182 -> 156 page faults, whole process about 10% faster.
//! `KERASINFO_NO_ORDER=1` leaves the linker's own order.

use std::env;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

fn main() -> io::Result<()> {
    layer_files()?;
    link_options();
    symbol_order();
    Ok(())
}

/// The module names a family's `mod.rs` declares with its own `mod` lines
/// (helper files, not layers).
fn helper_modules(mod_rs: &str) -> Vec<&str> {
    mod_rs
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub(crate) ").unwrap_or(l);
            let l = l.strip_prefix("pub ").unwrap_or(l);
            l.strip_prefix("mod ")?.strip_suffix(';').map(str::trim)
        })
        .collect()
}

fn sorted_entries(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut entries = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<Vec<_>>>()?;
    entries.sort();
    Ok(entries)
}

fn layer_files() -> io::Result<()> {
    let layers =
        Path::new(&env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default()).join("src/layers");
    println!("cargo::rerun-if-changed={}", layers.display());
    let out = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default()).join("layer_files");
    fs::create_dir_all(&out)?;
    for family in sorted_entries(&layers)? {
        let Some(name) = family.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !family.is_dir() {
            continue;
        }
        let mod_rs = fs::read_to_string(family.join("mod.rs"))?;
        let helpers = helper_modules(&mod_rs);
        let mut list = String::from("layer_files!(");
        for file in sorted_entries(&family)? {
            let Some(stem) = file.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if file.extension().is_some_and(|e| e == "rs")
                && stem != "mod"
                && !helpers.contains(&stem)
            {
                // `include!`d text names its files by path: a plain `mod`
                // would be looked for beside the generated file.
                list.push_str(&format!("\n    {stem} = {:?},", file.display().to_string()));
            }
        }
        list.push_str("\n);\n");
        let path = out.join(format!("{name}.rs"));
        // Written only when changed, so that an unchanged list does not
        // make the crate build again.
        if fs::read_to_string(&path).ok().as_deref() != Some(list.as_str()) {
            fs::write(&path, list)?;
        }
    }
    Ok(())
}

/// Whether the environment variable `name` is set to something other
/// than `0` (the build's switches: `KERASINFO_PIE=1`, ...).
fn set(name: &str) -> bool {
    env::var_os(name).is_some_and(|v| v != "0")
}

/// `-no-pie`, and static linking where the C library's archives are
/// installed, for the `kerasinfo` binary (see the module docs).
fn link_options() {
    println!("cargo::rerun-if-env-changed=KERASINFO_PIE");
    println!("cargo::rerun-if-env-changed=KERASINFO_DYNAMIC");
    let var = |name: &str| env::var(name).unwrap_or_default();
    let linux_gnu = var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu";
    // A static build (`crt-static`) links as `-static-pie`, which
    // `-no-pie` would contradict.
    let static_crt = var("CARGO_CFG_TARGET_FEATURE")
        .split(',')
        .any(|f| f == "crt-static");
    // The command is built with the `cli` feature only.
    let cli = env::var_os("CARGO_FEATURE_CLI").is_some();
    if !cli || !linux_gnu || static_crt || set("KERASINFO_PIE") {
        return;
    }
    println!("cargo::rustc-link-arg-bin=kerasinfo=-no-pie");
    // Cross builds ask the target's C compiler, which this does not know.
    if set("KERASINFO_DYNAMIC") || var("HOST") != var("TARGET") {
        return;
    }
    if let Some(dir) = static_libs() {
        println!("cargo::rustc-link-arg-bin=kerasinfo=-static");
        println!("cargo::rustc-link-arg-bin=kerasinfo=-L{}", dir.display());
        // glibc's archive needs the compiler's runtime (`__multf3`, the
        // unwinder's personality), which rustc (`-nodefaultlibs`) names
        // before it: GNU ld, unlike lld, looks back only within a group.
        for arg in [
            "-Wl,--start-group",
            "-lgcc",
            "-lgcc_eh",
            "-lc",
            "-Wl,--end-group",
        ] {
            println!("cargo::rustc-link-arg-bin=kerasinfo={arg}");
        }
    }
}

/// The linker options that place the functions listed in
/// `src/bin/kerasinfo.ld` (Rust's) and `src/bin/kerasinfo.order` (the C
/// library's) side by side, in a release build of the `kerasinfo` binary,
/// each when the linker takes it (see the module docs).
fn symbol_order() {
    const SCRIPT: &str = "src/bin/kerasinfo.ld";
    const ORDER: &str = "src/bin/kerasinfo.order";
    println!("cargo::rerun-if-changed={SCRIPT}");
    println!("cargo::rerun-if-changed={ORDER}");
    println!("cargo::rerun-if-env-changed=KERASINFO_NO_ORDER");
    let release = env::var("PROFILE").is_ok_and(|p| p == "release");
    if env::var_os("CARGO_FEATURE_CLI").is_none() || !release || set("KERASINFO_NO_ORDER") {
        return;
    }
    let Some(dir) = env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from) else {
        return;
    };
    let (script, order) = (dir.join(SCRIPT), dir.join(ORDER));
    for (file, args) in [
        // A script that adds an output section before `.text`, the
        // linker's own layout kept for the rest.
        (&script, vec![format!("-Wl,-T,{}", script.display())]),
        (
            &order,
            vec![
                format!("-Wl,--symbol-ordering-file={}", order.display()),
                // Names the C library of this build lacks are skipped.
                "-Wl,--no-warn-symbol-ordering".to_owned(),
            ],
        ),
    ] {
        if file.is_file() && linker_takes(&args) {
            for arg in args {
                println!("cargo::rustc-link-arg-bin=kerasinfo={arg}");
            }
        }
    }
}

/// Whether rustc links a one-line program with these linker arguments,
/// with the linker and flags of this build.
fn linker_takes(args: &[String]) -> bool {
    let (Some(rustc), Some(out)) = (env::var_os("RUSTC"), env::var_os("OUT_DIR")) else {
        return false;
    };
    let dir = PathBuf::from(out).join("order-probe");
    let source = dir.join("probe.rs");
    if fs::create_dir_all(&dir).is_err() || fs::write(&source, "fn main() {}\n").is_err() {
        return false;
    }
    let mut cmd = std::process::Command::new(rustc);
    if let Ok(target) = env::var("TARGET") {
        cmd.arg("--target").arg(target);
    }
    if let Some(linker) = env::var_os("RUSTC_LINKER") {
        cmd.arg("-C").arg({
            let mut a = std::ffi::OsString::from("linker=");
            a.push(linker);
            a
        });
    }
    let flags = env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    cmd.args(flags.split('\x1f').filter(|f| !f.is_empty()));
    for arg in args {
        cmd.arg("-C").arg(format!("link-arg={arg}"));
    }
    cmd.arg("-o")
        .arg(dir.join("probe"))
        .arg(&source)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A folder holding the static archives of the libraries rustc links the
/// standard library against, under the names it asks for, or `None`
/// when the C compiler does not know one of them (the command then stays
/// dynamically linked).
///
/// rustc names those libraries after `-Bdynamic`, and the linker takes a
/// library's shared object over its archive in the same folder; a folder
/// of archives alone, searched before the system's, makes it take the
/// archives. `gcc_s` (the unwinder) is `libgcc_eh.a` as an archive.
#[cfg(unix)]
fn static_libs() -> Option<PathBuf> {
    let cc = env::var_os("CC").unwrap_or_else(|| "cc".into());
    let out = PathBuf::from(env::var_os("OUT_DIR")?).join("static-libs");
    fs::create_dir_all(&out).ok()?;
    let libs = [
        ("c", "libc.a"),
        ("m", "libm.a"),
        ("pthread", "libpthread.a"),
        ("rt", "librt.a"),
        ("util", "libutil.a"),
        ("dl", "libdl.a"),
        ("gcc_s", "libgcc_eh.a"),
    ];
    for (name, archive) in libs {
        let found = std::process::Command::new(&cc)
            .arg(format!("-print-file-name={archive}"))
            .output()
            .ok()?;
        let path = PathBuf::from(String::from_utf8(found.stdout).ok()?.trim());
        // The compiler echoes the bare name back when it has no such file.
        if !path.is_absolute() || !path.is_file() {
            return None;
        }
        let link = out.join(format!("lib{name}.a"));
        let _ = fs::remove_file(&link);
        std::os::unix::fs::symlink(&path, &link).ok()?;
    }
    Some(out)
}

/// Not reached: only a Linux host builds for Linux with its own compiler.
#[cfg(not(unix))]
fn static_libs() -> Option<PathBuf> {
    None
}
