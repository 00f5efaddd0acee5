//! Example programs; see the `examples` of this package.
