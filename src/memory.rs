//! Memory planning: how many bytes training a model takes.
