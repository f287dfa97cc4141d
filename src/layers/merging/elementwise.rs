//! The element-wise merges `Add`, `Subtract`, `Multiply`, `Average`,
//! `Maximum`, `Minimum`: one declaration each, through the
//! `elementwise_merges!` macro they share.

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, single};
use crate::shape::Shape;

/// Declares each class, `docs Class { example docs }` (`Class exactly N`:
/// a class taking exactly `N` inputs), and one `register` for them all.
macro_rules! elementwise_merges {
    ($($(#[doc = $doc:literal])* $ty:ident $(exactly $n:literal)? { $(#[doc = $example:literal])* })*) => {$(
        keras_layer! {
            class stringify!($ty);
            register manual;
            $(#[doc = $doc])*
            ///
            /// # Shapes
            /// Inputs broadcast as in Keras (see [`merge_shape`]); output the
            /// broadcast shape. No weights.
            ///
            $(#[doc = $example])*
            #[derive(Debug, Clone)]
            pub struct $ty {}
            /// The layer (it takes no arguments).
            fn new;
        }

        impl Layer for $ty {
            merge_layer_common!();

            /// # Cost
            /// 0 MACs; one FLOP per output element for each input after
            /// the first (`Average`: one more, the division).
            fn cost(&self, inputs: &[Shape], outputs: &[Shape]) -> Result<Option<Cost>, LayerError> {
                let extra = u64::from(stringify!($ty) == "Average");
                outputs.first().map_or(Ok(None), |o| crate::compute::merge_cost(inputs.len(), o, extra))
            }

            fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
                let out = merge_shape(inputs)?;
                $(if inputs.len() != $n {
                    return Err(LayerError::InputCount {
                        expected: concat!("exactly ", $n).into(),
                        received: inputs.len(),
                    });
                })?
                Ok(single(out))
            }
        }
    )*

        /// Registers the element-wise merges with the config importer.
        #[cfg(feature = "keras-json")]
        pub(super) fn register(r: &mut crate::config::registry::Registry) {
            $(r.builtin_copied::<$ty>(stringify!($ty), read_boxed!($ty::from_keras_args));)*
        }
    };
}

elementwise_merges! {
    /// `keras.layers.Add()`: element-wise sum of its inputs.
    Add {
        /// ```
        /// use kerasinfo::prelude::*;
        /// let a = Input::new([56, 56, 256]).tensor()?;
        /// let b = Input::new([56, 56, 64]).tensor()?;
        /// let err = Add::new().name("add_3").call([&a, &b]).unwrap_err();
        /// assert_eq!(
        ///     err.to_string(),
        ///     "layer \"add_3\" (Add): inputs have incompatible shapes (None, 56, 56, 256) and (None, 56, 56, 64)"
        /// );
        /// # Ok::<(), kerasinfo::Error>(())
        /// ```
    }

    /// `keras.layers.Subtract()`: the difference of exactly two inputs (any
    /// other number of inputs is an error).
    Subtract exactly 2 {
        /// ```
        /// use kerasinfo::prelude::*;
        /// let a = Input::new([16]).tensor()?;
        /// let b = Input::new([16]).tensor()?;
        /// assert_eq!(Subtract::new().call([&a, &b])?.shape().to_string(), "(None, 16)");
        /// assert!(Subtract::new().call([&a, &b, &a]).is_err());
        /// # Ok::<(), kerasinfo::Error>(())
        /// ```
    }

    /// `keras.layers.Multiply()`: element-wise product of its inputs.
    Multiply {
        /// ```
        /// use kerasinfo::prelude::*;
        /// let a = Input::new([4, 1]).tensor()?;
        /// let b = Input::new([4, 8]).tensor()?;
        /// assert_eq!(Multiply::new().call([&a, &b])?.shape().to_string(), "(None, 4, 8)");
        /// # Ok::<(), kerasinfo::Error>(())
        /// ```
    }

    /// `keras.layers.Average()`: element-wise mean of its inputs.
    Average {
        /// ```
        /// use kerasinfo::prelude::*;
        /// let a = Input::new([8]).tensor()?;
        /// let b = Input::new([8]).tensor()?;
        /// let c = Input::new([8]).tensor()?;
        /// assert_eq!(Average::new().call([&a, &b, &c])?.shape().to_string(), "(None, 8)");
        /// # Ok::<(), kerasinfo::Error>(())
        /// ```
    }

    /// `keras.layers.Maximum()`: element-wise maximum of its inputs.
    Maximum {
        /// ```
        /// use kerasinfo::prelude::*;
        /// let a = Input::new([3, 5]).tensor()?;
        /// let b = Input::new([5]).tensor()?;
        /// assert_eq!(Maximum::new().call([&a, &b])?.shape().to_string(), "(None, 3, 5)");
        /// # Ok::<(), kerasinfo::Error>(())
        /// ```
    }

    /// `keras.layers.Minimum()`: element-wise minimum of its inputs.
    Minimum {
        /// ```
        /// use kerasinfo::prelude::*;
        /// let a = Input::new([5]).tensor()?;
        /// let b = Input::new([6]).tensor()?;
        /// assert!(Minimum::new().call([&a, &b]).is_err());
        /// # Ok::<(), kerasinfo::Error>(())
        /// ```
    }
}
