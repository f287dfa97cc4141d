//! Unit-testing architectures in `cargo test`: does this model (a Rust
//! twin, a saved file, a printed summary) have the architecture of that
//! one? [`assert_same_architecture!`] fails with the
//! [`SummaryDiff`] report, layer by layer, instead of two long strings.
//!
//! Each side is anything [`IntoArchitecture`]: a [`Model`], a [`Summary`],
//! a [`PrintedSummary`], or the path of a file, read by
//! [`Architecture::load`]: a Keras config JSON or a `.keras` archive
//! (feature `keras-json`), or a printed summary text.
//!
//! ```
//! use kerasinfo::assert_same_architecture;
//! use kerasinfo::prelude::*;
//! use kerasinfo::summary::{DiffOptions, PrintedSummary};
//!
//! fn twin() -> kerasinfo::Result<Model> {
//!     let x = Input::new([28, 28, 1]).tensor()?;
//!     let y = Conv2D::new(8, 3).name("conv").call(&x)?;
//!     let y = Flatten::new().call(&y)?;
//!     let y = Dense::new(10).name("head").call(&y)?;
//!     Functional::new(&x, &y).name("net").build()
//! }
//! // What Keras printed for the model (here: kerasinfo's own text).
//! let printed = PrintedSummary::parse(&twin()?.summary().to_string())?;
//!
//! // Automatic names (`flatten_1`, ...) differ between sessions.
//! assert_same_architecture!(&twin()?, &printed, &DiffOptions::new().ignore_names(true));
//!
//! // On failure, the differences:
//! let diff = kerasinfo::testing::compare(&twin()?, &printed, &DiffOptions::new())?;
//! assert!(diff.changes().iter().all(|c| matches!(
//!     c.kind,
//!     kerasinfo::summary::ChangeKind::Renamed { .. } | kerasinfo::summary::ChangeKind::ModelName { .. }
//! )));
//! # Ok::<(), kerasinfo::Error>(())
//! ```

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::Model;
use crate::summary::{DiffOptions, PrintedSummary, Side, Summary, SummaryDiff, diff};

#[doc(inline)]
pub use crate::assert_same_architecture;

/// An architecture to compare: a model's summary, or a printed summary
/// (see [`PrintedSummary`] for what its text holds).
#[derive(Debug, Clone, PartialEq)]
pub struct Architecture {
    inner: Inner,
}

#[derive(Debug, Clone, PartialEq)]
enum Inner {
    Summary(Summary),
    Printed(PrintedSummary),
}

impl Architecture {
    /// A model's summary.
    #[must_use]
    pub fn from_summary(summary: Summary) -> Self {
        Architecture {
            inner: Inner::Summary(summary),
        }
    }

    /// A printed summary.
    #[must_use]
    pub fn from_printed(printed: PrintedSummary) -> Self {
        Architecture {
            inner: Inner::Printed(printed),
        }
    }

    /// Reads a file: any saved Keras model [`formats::load`] reads (a
    /// config JSON, a `.keras` archive, an `.h5` file, a SavedModel or
    /// TensorFlow.js directory; feature `keras-json`, `.h5` with `hdf5`,
    /// SavedModel with `saved-model`), or the text of a printed summary.
    /// Errors name the file.
    ///
    /// [`formats::load`]: crate::formats::load
    ///
    /// ```
    /// let dir = std::env::temp_dir().join("kerasinfo-doc-load");
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let file = dir.join("summary.txt");
    /// std::fs::write(&file, "Layer (type)   Output Shape   Param #\n\
    ///     ====================================\n\
    ///     dense (Dense)  (None, 3)      15\n\
    ///     ====================================\n\
    ///     Total params: 15\nTrainable params: 15\nNon-trainable params: 0\n").unwrap();
    /// let a = kerasinfo::testing::Architecture::load(&file)?;
    /// assert_eq!(a.summary().total_params, 15);
    /// assert!(a.printed().is_some());
    /// assert!(kerasinfo::testing::Architecture::load(dir.join("missing")).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let origin = path.display().to_string();
        if path.is_dir() {
            return Self::from_directory(path, &origin);
        }
        let bytes = std::fs::read(path).map_err(|e| Error::Config {
            at: origin.clone(),
            reason: format!("cannot read: {e}"),
        })?;
        Self::from_bytes(&bytes, &origin)
    }

    /// Reads the bytes of a file (see [`load`](Self::load)); `origin`
    /// names it in errors.
    ///
    /// ```
    /// use kerasinfo::testing::Architecture;
    /// let e = Architecture::from_bytes(&[0xff, 0xfe, 0x00], "blob.bin").unwrap_err();
    /// assert!(e.to_string().contains("blob.bin"));
    /// ```
    pub fn from_bytes(bytes: &[u8], origin: &str) -> Result<Self> {
        let trimmed = bytes.trim_ascii_start();
        let text = std::str::from_utf8(bytes).ok();
        let is_model_file = bytes.starts_with(b"PK\x03\x04")
            || bytes.starts_with(b"\x89HDF")
            || trimmed.first() == Some(&b'{')
            || text.is_none();
        if is_model_file {
            return Self::from_model_file(bytes, origin);
        }
        let printed =
            PrintedSummary::parse(text.unwrap_or_default()).map_err(|e| Error::Config {
                at: origin.to_owned(),
                reason: format!("neither a saved Keras model nor a printed summary: {e}"),
            })?;
        Ok(Self::from_printed(printed))
    }

    #[cfg(feature = "keras-json")]
    fn from_model_file(bytes: &[u8], origin: &str) -> Result<Self> {
        let loaded =
            crate::formats::load_bytes_named(bytes, origin, crate::config::Registry::builtins())
                .map_err(|e| naming_file(e, origin))?;
        Ok(Self::from_summary(loaded.model.summary()))
    }

    #[cfg(feature = "keras-json")]
    fn from_directory(dir: &Path, origin: &str) -> Result<Self> {
        let loaded = crate::formats::load(dir, crate::config::Registry::builtins())
            .map_err(|e| naming_file(e, origin))?;
        Ok(Self::from_summary(loaded.model.summary()))
    }

    #[cfg(not(feature = "keras-json"))]
    fn from_model_file(_bytes: &[u8], origin: &str) -> Result<Self> {
        Err(Error::Config {
            at: origin.to_owned(),
            reason: "neither a printed summary nor a file read without features: reading a \
                     saved Keras model needs the `keras-json` feature"
                .into(),
        })
    }

    #[cfg(not(feature = "keras-json"))]
    fn from_directory(_dir: &Path, origin: &str) -> Result<Self> {
        Err(Error::Config {
            at: origin.to_owned(),
            reason: "a directory: reading a saved Keras model needs the `keras-json` feature"
                .into(),
        })
    }

    /// The summary (of a printed summary: what its text holds).
    #[must_use]
    pub fn summary(&self) -> &Summary {
        match &self.inner {
            Inner::Summary(s) => s,
            Inner::Printed(p) => &p.summary,
        }
    }

    /// The printed summary, when the architecture was read from text.
    #[must_use]
    pub fn printed(&self) -> Option<&PrintedSummary> {
        match &self.inner {
            Inner::Summary(_) => None,
            Inner::Printed(p) => Some(p),
        }
    }
}

impl<'a> From<&'a Architecture> for Side<'a> {
    fn from(a: &'a Architecture) -> Self {
        match &a.inner {
            Inner::Summary(s) => Side::from(s),
            Inner::Printed(p) => Side::from(p),
        }
    }
}

/// What [`compare`] and [`assert_same_architecture!`] accept: a model, a
/// summary, a printed summary, or a file's path ([`Architecture::load`]).
pub trait IntoArchitecture {
    /// The architecture, or why it cannot be read.
    fn into_architecture(self) -> Result<Architecture>;
}

// Each side as its architecture; paths and path texts load the file they
// name (`Architecture::load`).
macro_rules! into_architecture {
    ($($ty:ty => |$x:ident| $e:expr),+ $(,)?) => {$(
        impl IntoArchitecture for $ty {
            fn into_architecture(self) -> Result<Architecture> {
                let $x = self;
                $e
            }
        }
    )+};
}

into_architecture!(
    Architecture => |a| Ok(a),
    &Architecture => |a| Ok(a.clone()),
    Summary => |s| Ok(Architecture::from_summary(s)),
    &Summary => |s| Ok(Architecture::from_summary(s.clone())),
    PrintedSummary => |p| Ok(Architecture::from_printed(p)),
    &PrintedSummary => |p| Ok(Architecture::from_printed(p.clone())),
    Model => |m| Ok(Architecture::from_summary(m.summary())),
    &Model => |m| Ok(Architecture::from_summary(m.summary())),
    &str => |p| Architecture::load(p),
    String => |p| Architecture::load(p),
    &String => |p| Architecture::load(p),
    &Path => |p| Architecture::load(p),
    PathBuf => |p| Architecture::load(p),
    &PathBuf => |p| Architecture::load(p),
);

/// Compares two architectures (see [`crate::summary::diff`]).
///
/// ```
/// use kerasinfo::prelude::*;
/// use kerasinfo::summary::DiffOptions;
/// let a = Sequential::new().name("s").add(Input::new([4])).add(Dense::new(3).name("fc")).build()?;
/// let b = Sequential::new().name("s").add(Input::new([4])).add(Dense::new(3).name("fc")).build()?;
/// assert!(kerasinfo::testing::compare(&a, &b, &DiffOptions::new())?.is_empty());
/// assert!(kerasinfo::testing::compare(&a, "no/such/file.keras", &DiffOptions::new()).is_err());
/// # Ok::<(), kerasinfo::Error>(())
/// ```
pub fn compare(
    left: impl IntoArchitecture,
    right: impl IntoArchitecture,
    options: &DiffOptions,
) -> Result<SummaryDiff> {
    let (l, r) = (left.into_architecture()?, right.into_architecture()?);
    Ok(diff::diff(&l, &r, options))
}

/// Asserts that two architectures are the same (see
/// [`testing`](crate::testing)): `assert_same_architecture!(left, right)`
/// or `assert_same_architecture!(left, right, &options)` with
/// [`DiffOptions`](crate::summary::DiffOptions). Each side is a model, a
/// summary, a printed summary or a file's path; on failure the panic
/// message is the differences' report (or why a side cannot be read).
///
/// ```
/// use kerasinfo::assert_same_architecture;
/// use kerasinfo::prelude::*;
/// let build = |units: i64| {
///     Sequential::new().name("s").add(Input::new([4])).add(Dense::new(units).name("fc")).build()
/// };
/// assert_same_architecture!(&build(3)?, &build(3)?);
/// let failed = std::panic::catch_unwind(|| assert_same_architecture!(&build(3).unwrap(), &build(5).unwrap()));
/// assert!(failed.is_err());
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[macro_export]
macro_rules! assert_same_architecture {
    ($left:expr, $right:expr $(,)?) => {
        $crate::assert_same_architecture!($left, $right, &$crate::summary::DiffOptions::new())
    };
    ($left:expr, $right:expr, $options:expr $(,)?) => {
        match $crate::testing::compare($left, $right, $options) {
            ::core::result::Result::Ok(diff) if diff.is_empty() => {}
            ::core::result::Result::Ok(diff) => ::core::panic!(
                "assertion failed: `{}` has the architecture of `{}`\n{}",
                ::core::stringify!($left),
                ::core::stringify!($right),
                diff
            ),
            ::core::result::Result::Err(e) => ::core::panic!(
                "assertion failed: `{}` has the architecture of `{}`: {}",
                ::core::stringify!($left),
                ::core::stringify!($right),
                e
            ),
        }
    };
}

/// `e` naming `file`: the readers' own file errors already do; a config's
/// errors say where in the config.
#[cfg(feature = "keras-json")]
fn naming_file(e: Error, file: &str) -> Error {
    match e {
        e @ Error::File { .. } => e,
        e => crate::formats::err(file, e.to_string()),
    }
}
