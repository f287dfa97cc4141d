//! Regularization layers: `Dropout`, `SpatialDropout1D/2D/3D`,
//! `GaussianNoise`, `GaussianDropout`, `AlphaDropout`,
//! `ActivityRegularization`. None has weights; they check their arguments
//! (and the spatial dropouts their input rank) as Keras does.

mod shared;

layer_files!(
    dropout,
    spatial_dropout,
    gaussian_noise,
    gaussian_dropout,
    alpha_dropout,
    activity_regularization,
);
