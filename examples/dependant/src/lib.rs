//! A crate that depends on the five libraries the way a service would. Its
//! tests are the compile test of the public API: if a change to a library
//! breaks this crate, it breaks dependants too.
