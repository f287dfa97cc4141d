//! Activation layers: ReLU, LeakyReLU, PReLU, ELU, Softmax.

layer_files!(relu, leaky_relu, prelu, elu, softmax);
