//! PDF reader (in progress): see `read/pdf/`.
