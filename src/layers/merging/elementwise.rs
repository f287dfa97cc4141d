//! `Multiply`, `Average`, `Maximum`, `Minimum`: one declaration each,
//! through the `elementwise_merge!` macro they share.

use super::shared::*;
use crate::compute::Cost;
use crate::error::LayerError;
use crate::layer::{Layer, OutputShapes, single};
use crate::shape::Shape;

macro_rules! elementwise_merge {
    ($(#[doc = $doc:literal])* $ty:ident, $(#[doc = $example:literal])*) => {
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
                crate::compute::merge_cost(inputs.len(), outputs, extra)
            }

            fn compute_output_shape(&self, inputs: &[Shape]) -> Result<OutputShapes, LayerError> {
                Ok(single(merge_shape(inputs)?))
            }
        }
    };
}

elementwise_merge!(
    /// `keras.layers.Multiply()`: element-wise product of its inputs.
    Multiply,
    /// ```
    /// use kerasinfo::prelude::*;
    /// let a = Input::new([4, 1]).tensor()?;
    /// let b = Input::new([4, 8]).tensor()?;
    /// assert_eq!(Multiply::new().call([&a, &b])?.shape().to_string(), "(None, 4, 8)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
);

elementwise_merge!(
    /// `keras.layers.Average()`: element-wise mean of its inputs.
    Average,
    /// ```
    /// use kerasinfo::prelude::*;
    /// let a = Input::new([8]).tensor()?;
    /// let b = Input::new([8]).tensor()?;
    /// let c = Input::new([8]).tensor()?;
    /// assert_eq!(Average::new().call([&a, &b, &c])?.shape().to_string(), "(None, 8)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
);

elementwise_merge!(
    /// `keras.layers.Maximum()`: element-wise maximum of its inputs.
    Maximum,
    /// ```
    /// use kerasinfo::prelude::*;
    /// let a = Input::new([3, 5]).tensor()?;
    /// let b = Input::new([5]).tensor()?;
    /// assert_eq!(Maximum::new().call([&a, &b])?.shape().to_string(), "(None, 3, 5)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
);

elementwise_merge!(
    /// `keras.layers.Minimum()`: element-wise minimum of its inputs.
    Minimum,
    /// ```
    /// use kerasinfo::prelude::*;
    /// let a = Input::new([5]).tensor()?;
    /// let b = Input::new([6]).tensor()?;
    /// assert!(Minimum::new().call([&a, &b]).is_err());
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
);

/// Registers `Multiply`, `Average`, `Maximum`, `Minimum` with the config importer.
#[cfg(feature = "keras-json")]
pub(super) fn register(r: &mut crate::config::registry::Registry) {
    type Built = crate::Result<Box<dyn crate::layer::Layer>>;
    r.builtin("Multiply", |_| -> Built { Ok(Box::new(Multiply::new())) });
    r.builtin("Average", |_| -> Built { Ok(Box::new(Average::new())) });
    r.builtin("Maximum", |_| -> Built { Ok(Box::new(Maximum::new())) });
    r.builtin("Minimum", |_| -> Built { Ok(Box::new(Minimum::new())) });
}
