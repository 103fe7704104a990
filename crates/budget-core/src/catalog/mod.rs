//! Embedded reference catalogs (in progress).
