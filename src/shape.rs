//! Dimensions and shapes, printed the way Keras prints them.
//!
//! A [`Dim`] is either a known size or unknown (Keras's `None`: the batch
//! dimension, a variable-length sequence). A [`Shape`] is a small vector of
//! dimensions whose `Display` matches Keras 3's summary: `(None, 64, 64, 3)`.

use std::fmt;
use std::sync::Arc;

use smallvec::SmallVec;

/// One dimension of a tensor shape: a known size or unknown (`None` in Keras).
///
/// ```
/// use kerasinfo::Dim;
/// assert_eq!(Dim::Known(3).to_string(), "3");
/// assert_eq!(Dim::Unknown.to_string(), "None");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Dim {
    /// A size known when the model is built.
    Known(u64),
    /// A size known only at run time (`None` in Keras).
    #[default]
    Unknown,
}

impl Dim {
    /// The size, if known.
    ///
    /// ```
    /// use kerasinfo::Dim;
    /// assert_eq!(Dim::Known(7).known(), Some(7));
    /// assert_eq!(Dim::Unknown.known(), None);
    /// ```
    #[must_use]
    pub fn known(self) -> Option<u64> {
        match self {
            Dim::Known(n) => Some(n),
            Dim::Unknown => None,
        }
    }

    /// Whether the size is known.
    ///
    /// ```
    /// use kerasinfo::Dim;
    /// assert!(Dim::Known(1).is_known());
    /// ```
    #[must_use]
    pub fn is_known(self) -> bool {
        matches!(self, Dim::Known(_))
    }

    /// Applies `f` to a known size; unknown stays unknown.
    ///
    /// ```
    /// use kerasinfo::Dim;
    /// assert_eq!(Dim::Known(4).map(|n| n * 2), Dim::Known(8));
    /// assert_eq!(Dim::Unknown.map(|n| n * 2), Dim::Unknown);
    /// ```
    #[must_use]
    pub fn map(self, f: impl FnOnce(u64) -> u64) -> Dim {
        match self {
            Dim::Known(n) => Dim::Known(f(n)),
            Dim::Unknown => Dim::Unknown,
        }
    }

    /// Applies a fallible `f` to a known size; unknown stays unknown.
    ///
    /// ```
    /// use kerasinfo::Dim;
    /// let halved = Dim::Known(4).try_map(|n| Ok::<_, ()>(n / 2));
    /// assert_eq!(halved, Ok(Dim::Known(2)));
    /// ```
    pub fn try_map<E>(self, f: impl FnOnce(u64) -> Result<u64, E>) -> Result<Dim, E> {
        match self {
            Dim::Known(n) => f(n).map(Dim::Known),
            Dim::Unknown => Ok(Dim::Unknown),
        }
    }
}

impl From<u64> for Dim {
    fn from(n: u64) -> Self {
        Dim::Known(n)
    }
}

impl From<Option<u64>> for Dim {
    fn from(n: Option<u64>) -> Self {
        n.map_or(Dim::Unknown, Dim::Known)
    }
}

impl fmt::Display for Dim {
    /// Without the formatting machinery: the renderers write thousands of
    /// dimensions.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Dim::Known(n) => f.write_str(digits(n, &mut [0; 20])),
            Dim::Unknown => f.write_str("None"),
        }
    }
}

/// Appends the decimal digits of `n` to `out`, a byte each (no UTF-8
/// check of a buffer: the renderers write thousands of numbers; inlined,
/// as a call costs as much as a short number's digits).
#[inline(always)]
pub(crate) fn push_digits(out: &mut String, n: u64) {
    // The digit `d < 10`.
    fn digit(d: u64) -> char {
        char::from(b'0' | u8::try_from(d % 10).unwrap_or(0))
    }
    // Most dimensions and indices have one to three digits.
    if n < 10 {
        out.push(digit(n));
        return;
    }
    if n < 100 {
        out.push(digit(n / 10));
        out.push(digit(n));
        return;
    }
    if n < 1000 {
        out.push(digit(n / 100));
        out.push(digit(n / 10));
        out.push(digit(n));
        return;
    }
    let mut buf = [0u8; 20];
    let digits = digit_bytes(n, &mut buf);
    out.reserve(digits.len());
    for &b in digits {
        out.push(char::from(b));
    }
}

/// The decimal digits of `n` as ASCII bytes, written at the end of `buf`.
pub(crate) fn digit_bytes(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut start = buf.len();
    for slot in buf.iter_mut().rev() {
        // `n % 10 < 10`: fits a byte and adds to `b'0'` without overflow.
        *slot = b'0' | u8::try_from(n % 10).unwrap_or(0);
        start = start.saturating_sub(1);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.get(start..).unwrap_or_default()
}

/// The decimal digits of `n`, written at the end of `buf`.
pub(crate) fn digits(n: u64, buf: &mut [u8; 20]) -> &str {
    // ASCII digits: always UTF-8.
    std::str::from_utf8(digit_bytes(n, buf)).unwrap_or_default()
}

/// A tensor shape: a small vector of [`Dim`]s, batch dimension first.
///
/// `Display` prints what Keras 3's summary prints, including its spelling of
/// rank-1 shapes (`(None)`, not Python's `(None,)`).
///
/// ```
/// use kerasinfo::{Dim, Shape};
/// let s = Shape::batched([64, 64, 3]);
/// assert_eq!(s.to_string(), "(None, 64, 64, 3)");
/// assert_eq!(s.rank(), 4);
/// assert_eq!(Shape::new([Dim::Unknown]).to_string(), "(None)");
/// ```
#[derive(Debug, PartialEq, Eq, Hash, Default)]
pub struct Shape(SmallVec<[Dim; 5]>);

impl Clone for Shape {
    /// Copies the dimensions at once (`Dim` is `Copy`), not one by one as
    /// the derived clone does.
    fn clone(&self) -> Self {
        Shape(SmallVec::from_slice(&self.0))
    }
}

impl Shape {
    /// A shape from its dimensions.
    ///
    /// ```
    /// use kerasinfo::{Dim, Shape};
    /// let s = Shape::new([Dim::Unknown, Dim::Known(10)]);
    /// assert_eq!(s.to_string(), "(None, 10)");
    /// ```
    #[must_use]
    pub fn new(dims: impl IntoIterator<Item = Dim>) -> Self {
        Shape(dims.into_iter().collect())
    }

    /// A shape of known sizes behind an unknown batch dimension.
    ///
    /// ```
    /// use kerasinfo::Shape;
    /// assert_eq!(Shape::batched([10]).to_string(), "(None, 10)");
    /// ```
    #[must_use]
    pub fn batched(dims: impl IntoIterator<Item = u64>) -> Self {
        let mut v: SmallVec<[Dim; 5]> = SmallVec::new();
        v.push(Dim::Unknown);
        v.extend(dims.into_iter().map(Dim::Known));
        Shape(v)
    }

    /// The number of dimensions, batch included.
    ///
    /// ```
    /// use kerasinfo::Shape;
    /// assert_eq!(Shape::batched([3, 3]).rank(), 3);
    /// ```
    #[must_use]
    pub fn rank(&self) -> usize {
        self.0.len()
    }

    /// The dimensions.
    ///
    /// ```
    /// use kerasinfo::{Dim, Shape};
    /// assert_eq!(Shape::batched([5]).dims(), &[Dim::Unknown, Dim::Known(5)]);
    /// ```
    #[must_use]
    pub fn dims(&self) -> &[Dim] {
        &self.0
    }

    /// The dimensions, to change in place.
    pub(crate) fn dims_mut(&mut self) -> &mut [Dim] {
        &mut self.0
    }

    /// The dimension at `axis`; negative axes count from the end, as in Keras.
    ///
    /// ```
    /// use kerasinfo::{Dim, Shape};
    /// let s = Shape::batched([4, 5]);
    /// assert_eq!(s.get(-1), Some(Dim::Known(5)));
    /// assert_eq!(s.get(0), Some(Dim::Unknown));
    /// assert_eq!(s.get(7), None);
    /// ```
    #[must_use]
    pub fn get(&self, axis: i64) -> Option<Dim> {
        self.normalize_axis(axis)
            .and_then(|a| self.0.get(a))
            .copied()
    }

    /// Resolves a possibly negative `axis` to an index, if it is in range.
    ///
    /// ```
    /// use kerasinfo::Shape;
    /// assert_eq!(Shape::batched([4, 5]).normalize_axis(-1), Some(2));
    /// assert_eq!(Shape::batched([4, 5]).normalize_axis(3), None);
    /// ```
    #[must_use]
    pub fn normalize_axis(&self, axis: i64) -> Option<usize> {
        axis_in_rank(axis, self.rank())
    }

    /// A copy with dimension `index` replaced.
    ///
    /// ```
    /// use kerasinfo::{Dim, Shape};
    /// let s = Shape::batched([4, 5]).with(2, Dim::Known(9));
    /// assert_eq!(s.to_string(), "(None, 4, 9)");
    /// ```
    #[must_use]
    pub fn with(&self, index: usize, dim: Dim) -> Shape {
        let mut s = self.clone();
        if let Some(d) = s.0.get_mut(index) {
            *d = dim;
        }
        s
    }

    /// Iterates over the dimensions.
    ///
    /// ```
    /// use kerasinfo::Shape;
    /// assert_eq!(Shape::batched([2, 3]).iter().count(), 3);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = Dim> + '_ {
        self.0.iter().copied()
    }
}

impl FromIterator<Dim> for Shape {
    fn from_iter<I: IntoIterator<Item = Dim>>(iter: I) -> Self {
        Shape(iter.into_iter().collect())
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            d.fmt(f)?;
        }
        f.write_str(")")
    }
}

impl Shape {
    /// Appends what `Display` writes.
    pub(crate) fn push_text(&self, out: &mut String) {
        out.push('(');
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            match *d {
                Dim::Known(n) => push_digits(out, n),
                Dim::Unknown => out.push_str("None"),
            }
        }
        out.push(')');
    }
}

/// A value usable as one dimension in a user-given shape: an integer
/// (`64`), or an `Option` of one (`None` for an unknown size).
///
/// Conversion is checked when the model is built, so a negative size is an
/// error that names the layer rather than a panic.
pub trait IntoDim {
    /// The dimension, or the offending value when it is negative.
    fn into_dim(self) -> Result<Dim, i128>;
}

macro_rules! into_dim_int {
    ($($t:ty),*) => {$(
        impl IntoDim for $t {
            fn into_dim(self) -> Result<Dim, i128> {
                // Only a negative value (or a `usize` past `u64`) fails.
                u64::try_from(self)
                    .map(Dim::Known)
                    .map_err(|_| i128::try_from(self).unwrap_or(i128::MAX))
            }
        }
        impl IntoDim for Option<$t> {
            fn into_dim(self) -> Result<Dim, i128> {
                self.map_or(Ok(Dim::Unknown), IntoDim::into_dim)
            }
        }
    )*};
}
into_dim_int!(i32, i64, u32, u64, usize);

impl IntoDim for Dim {
    fn into_dim(self) -> Result<Dim, i128> {
        Ok(self)
    }
}

/// A user-given shape (without the batch dimension unless stated), kept as
/// given and checked when the model is built.
///
/// Built from arrays, vectors and tuples of integers or `Option`s:
/// `[64, 64, 3]`, `(64, 64, 3)`, `[None, Some(8)]`, `vec![10]`.
///
/// ```
/// use kerasinfo::ShapeArg;
/// let s: ShapeArg = (64, 64, 3).into();
/// assert_eq!(s.resolve().unwrap().len(), 3);
/// let bad: ShapeArg = [-1, 3].into();
/// assert!(bad.resolve().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeArg(SmallVec<[Result<Dim, i128>; 5]>);

impl ShapeArg {
    /// The dimensions, or the first negative value.
    pub fn resolve(&self) -> Result<SmallVec<[Dim; 5]>, i128> {
        self.0.iter().copied().collect()
    }

    /// The values as given, negative ones included (`None` for an unknown
    /// dimension), as a Keras config writes them.
    #[cfg(feature = "keras-json")]
    pub(crate) fn config_value(&self) -> serde_json::Value {
        serde_json::Value::Array(
            self.0
                .iter()
                .map(|d| match d {
                    Ok(Dim::Known(n)) => serde_json::json!(n),
                    Ok(Dim::Unknown) => serde_json::Value::Null,
                    Err(v) => serde_json::json!(v),
                })
                .collect(),
        )
    }
}

impl<T: IntoDim, const N: usize> From<[T; N]> for ShapeArg {
    fn from(a: [T; N]) -> Self {
        ShapeArg(a.into_iter().map(IntoDim::into_dim).collect())
    }
}

impl<T: IntoDim> From<Vec<T>> for ShapeArg {
    fn from(a: Vec<T>) -> Self {
        ShapeArg(a.into_iter().map(IntoDim::into_dim).collect())
    }
}

impl<T: IntoDim + Copy> From<&[T]> for ShapeArg {
    fn from(a: &[T]) -> Self {
        ShapeArg(a.iter().map(|d| d.into_dim()).collect())
    }
}

impl From<Shape> for ShapeArg {
    fn from(s: Shape) -> Self {
        ShapeArg(s.iter().map(Ok).collect())
    }
}

macro_rules! shape_arg_tuple {
    ($($n:ident),+) => {
        impl<$($n: IntoDim),+> From<($($n,)+)> for ShapeArg {
            #[allow(non_snake_case)]
            fn from(($($n,)+): ($($n,)+)) -> Self {
                ShapeArg(smallvec::smallvec![$($n.into_dim()),+])
            }
        }
    };
}
shape_arg_tuple!(A);
shape_arg_tuple!(A, B);
shape_arg_tuple!(A, B, C);
shape_arg_tuple!(A, B, C, D);
shape_arg_tuple!(A, B, C, D, E);
shape_arg_tuple!(A, B, C, D, E, F);

/// Shapes shared rather than copied: the output shapes of a layer call as
/// the call recorded them, which a summary's rows hold without copying.
/// It reads as a slice of [`Shape`]s (it derefs to `[Shape]`) and compares
/// with a `Vec<Shape>` or a slice.
///
/// ```
/// use kerasinfo::prelude::*;
/// use kerasinfo::Shape;
/// let m = Sequential::new().add(Input::new([3])).add(Dense::new(2)).build()?;
/// let s = m.summary();
/// let shapes = &s.rows[0].output_shapes;
/// assert_eq!(shapes.len(), 1);
/// assert_eq!(shapes[0].to_string(), "(None, 2)");
/// assert_eq!(*shapes, vec![Shape::batched([2])]);
/// # Ok::<(), kerasinfo::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct Shapes(Option<Arc<SmallVec<[Shape; 1]>>>);

impl Shapes {
    /// Shares `shapes`.
    pub(crate) fn shared(shapes: &Arc<SmallVec<[Shape; 1]>>) -> Self {
        Shapes(Some(Arc::clone(shapes)))
    }

    /// The shapes as a slice.
    #[must_use]
    pub fn as_slice(&self) -> &[Shape] {
        self.0.as_deref().map_or(&[], |s| s.as_slice())
    }
}

impl std::ops::Deref for Shapes {
    type Target = [Shape];
    fn deref(&self) -> &[Shape] {
        self.as_slice()
    }
}

impl AsRef<[Shape]> for Shapes {
    fn as_ref(&self) -> &[Shape] {
        self.as_slice()
    }
}

impl fmt::Debug for Shapes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_slice(), f)
    }
}

impl PartialEq for Shapes {
    fn eq(&self, other: &Shapes) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Shapes {}

impl std::hash::Hash for Shapes {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state);
    }
}

impl PartialEq<Vec<Shape>> for Shapes {
    fn eq(&self, other: &Vec<Shape>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl PartialEq<[Shape]> for Shapes {
    fn eq(&self, other: &[Shape]) -> bool {
        self.as_slice() == other
    }
}

impl FromIterator<Shape> for Shapes {
    fn from_iter<I: IntoIterator<Item = Shape>>(iter: I) -> Self {
        let shapes: SmallVec<[Shape; 1]> = iter.into_iter().collect();
        Shapes((!shapes.is_empty()).then(|| Arc::new(shapes)))
    }
}

impl From<Vec<Shape>> for Shapes {
    fn from(shapes: Vec<Shape>) -> Self {
        shapes.into_iter().collect()
    }
}

impl From<&[Shape]> for Shapes {
    fn from(shapes: &[Shape]) -> Self {
        shapes.iter().cloned().collect()
    }
}

impl<'a> IntoIterator for &'a Shapes {
    type Item = &'a Shape;
    type IntoIter = std::slice::Iter<'a, Shape>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

/// `axis` (negative counts from the end) as an index below `rank`, if it
/// is one: [`Shape::normalize_axis`] for a rank without its shape.
pub(crate) fn axis_in_rank(axis: i64, rank: usize) -> Option<usize> {
    // `axis < 0` and `rank >= 0`: the sum cannot overflow.
    let index = if axis < 0 {
        axis.checked_add(i64::try_from(rank).ok()?)?
    } else {
        axis
    };
    usize::try_from(index).ok().filter(|&i| i < rank)
}
