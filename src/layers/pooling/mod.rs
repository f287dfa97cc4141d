//! Pooling layers: windowed max/average pooling, global pooling and
//! adaptive pooling in 1, 2 and 3 dimensions, with Keras's aliases
//! (`MaxPool2D`, `AvgPool1D`, `GlobalAvgPool2D`, ...).

mod adaptive;
mod global;
mod windowed;

pub use adaptive::*;
pub use global::*;
pub use windowed::*;

#[cfg(feature = "keras-json")]
use {adaptive::adaptive_from_config, global::global_from_config, windowed::pooling_from_config};

/// Registers the pooling classes with the config importer.
#[cfg(feature = "keras-json")]
pub(crate) fn register(r: &mut crate::config::Registry) {
    r.register("MaxPooling1D", pooling_from_config::<1, true>);
    r.register("MaxPooling2D", pooling_from_config::<2, true>);
    r.register("MaxPooling3D", pooling_from_config::<3, true>);
    r.register("AveragePooling1D", pooling_from_config::<1, false>);
    r.register("AveragePooling2D", pooling_from_config::<2, false>);
    r.register("AveragePooling3D", pooling_from_config::<3, false>);
    r.register("GlobalMaxPooling1D", global_from_config::<1, true>);
    r.register("GlobalMaxPooling2D", global_from_config::<2, true>);
    r.register("GlobalMaxPooling3D", global_from_config::<3, true>);
    r.register("GlobalAveragePooling1D", global_from_config::<1, false>);
    r.register("GlobalAveragePooling2D", global_from_config::<2, false>);
    r.register("GlobalAveragePooling3D", global_from_config::<3, false>);
    r.register("AdaptiveMaxPooling1D", adaptive_from_config::<1, true>);
    r.register("AdaptiveMaxPooling2D", adaptive_from_config::<2, true>);
    r.register("AdaptiveMaxPooling3D", adaptive_from_config::<3, true>);
    r.register("AdaptiveAveragePooling1D", adaptive_from_config::<1, false>);
    r.register("AdaptiveAveragePooling2D", adaptive_from_config::<2, false>);
    r.register("AdaptiveAveragePooling3D", adaptive_from_config::<3, false>);
}
