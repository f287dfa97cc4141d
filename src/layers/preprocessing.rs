//! Preprocessing layers that carry weights or change shapes.
