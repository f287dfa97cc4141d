//! `ZerosLike` and `ConvertToTensor`: operations whose output has the
//! input's shape, with an optional `dtype`.

use crate::error::{LayerError, Result};
use crate::layer::{Layer, LayerConfig, LayerExt, OutputShapes, same_shape};
use crate::model::Tensor;
use crate::shape::Shape;

/// Declares an operation whose output has its input's shape and whose
/// only argument is Keras's `dtype=`: the struct, `new`, `output_dtype`,
/// the config reader and writer (module `$module`, with the `dtype` and
/// the `$key: null` keys), and the `keras.ops` function.
macro_rules! same_shape_op {
    (
        $(#[$meta:meta])*
        $name:ident, $class:literal, $module:literal, [$($key:literal),*];
        $(#[$fn_meta:meta])*
        fn $function:ident
    ) => {
        keras_op! {
            $(#[$meta])*
            ///
            /// # Shapes
            /// The input's shape. No weights.
            pub struct $name = $class { output_dtype: Option<crate::DType> }
        }

        crate::layers::declare::default_is_new!($name);

        impl $name {
            #[doc = concat!("A `", $class, "` operation.")]
            pub fn new() -> Self {
                Self::of(None)
            }

            /// The output's dtype (Keras's `dtype=`; `None`: the input's).
            /// Defaults to `None`. It does not change the summary.
            pub fn output_dtype(mut self, dtype: Option<crate::DType>) -> Self {
                self.output_dtype = dtype;
                self
            }

            /// The operation of a config node (the importer's reader).
            #[cfg(feature = "keras-json")]
            pub(crate) fn from_call(c: &super::read::OpCall<'_, '_>) -> Result<Box<dyn Layer>> {
                Ok(Box::new($name::new().output_dtype(c.dtype()?)))
            }
        }

        impl Layer for $name {
            #[cfg(feature = "keras-json")]
            fn keras_config(&self) -> Option<serde_json::Map<String, serde_json::Value>> {
                use crate::config::writer as w;
                let dtype = self.output_dtype.map(crate::DType::name);
                Some(w::operation(
                    $module,
                    w::obj([("dtype", serde_json::json!(dtype)) $(, ($key, serde_json::Value::Null))*]),
                    vec![w::tensor_arg(0)],
                ))
            }

            op_common!(Self::CLASS_NAME);

            fn compute_output_shape(
                &self,
                inputs: &[Shape],
            ) -> Result<OutputShapes, LayerError> {
                same_shape(inputs)
            }
        }

        $(#[$fn_meta])*
        pub fn $function(x: &Tensor) -> Result<Tensor> {
            $name::new().call(x)
        }
    };
}

same_shape_op! {
    /// `keras.ops.zeros_like(x, dtype)`: the operation `ZerosLike`, a tensor
    /// of zeros of the input's shape (the `dtype` only changes its dtype).
    ///
    /// ```
    /// use kerasinfo::ops::ZerosLike;
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([6, 5]).tensor()?;
    /// assert_eq!(ZerosLike::new().call(&x)?.shape().to_string(), "(None, 6, 5)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    ZerosLike, "ZerosLike", "keras.src.ops.numpy", [];
    /// `keras.ops.zeros_like(x)`: a [`ZerosLike`] node.
    fn zeros_like
}

same_shape_op! {
    /// `keras.ops.convert_to_tensor(x)`: the operation `ConvertToTensor`
    /// (module `keras.src.ops.core`; the `Attention` layer's query mask).
    ///
    /// ```
    /// use kerasinfo::ops::ConvertToTensor;
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([5]).tensor()?;
    /// assert_eq!(ConvertToTensor::new().call(&x)?.shape().to_string(), "(None, 5)");
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    ConvertToTensor, "ConvertToTensor", "keras.src.ops.core", ["sparse", "ragged"];
    /// `keras.ops.convert_to_tensor(x)`: a [`ConvertToTensor`] node.
    fn convert_to_tensor
}
