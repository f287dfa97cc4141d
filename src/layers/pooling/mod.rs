//! Pooling layers: windowed max/average pooling, global pooling and
//! adaptive pooling in 1, 2 and 3 dimensions, with Keras's aliases
//! (`MaxPool2D`, `AvgPool1D`, `GlobalAvgPool2D`, ...).

layer_files!(windowed, global, adaptive);
