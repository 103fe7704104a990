//! Columnar frame builders: a frame's columns filled row by row, document after document, and
//! turned into one `DataFrame` at the end. A corpus appends every document to the same builders,
//! so it builds one frame per kind, not one small frame per document to concatenate later.
//!
//! [`frame_rows!`] declares a builder from its column list; each column is one of the types
//! below ([`Strs`], [`Vals`], [`Decimals`]), and the frame module writes the `push` that fills a
//! document's rows.

use polars::prelude::*;

/// Precision of the `amount` column.
pub const AMOUNT_PRECISION: usize = 38;
/// Scale (decimal places) of the `amount` column.
pub const AMOUNT_SCALE: u32 = 6;

/// A column under construction.
pub(crate) trait ColumnRows: Default {
    /// The finished column, named `name`.
    fn finish(self, name: &str) -> PolarsResult<Column>;
}

/// A String column (Arrow string view: short values inline, long ones copied once).
pub(crate) struct Strs(StringChunkedBuilder);

impl Default for Strs {
    fn default() -> Self {
        Strs(StringChunkedBuilder::new(PlSmallStr::EMPTY, 0))
    }
}

impl Strs {
    /// Append `value` (`None` is null).
    pub fn push(&mut self, value: Option<&str>) {
        self.0.append_option(value);
    }

    /// Append a non-null value.
    pub fn push_str(&mut self, value: &str) {
        self.0.append_value(value);
    }
}

impl ColumnRows for Strs {
    fn finish(self, name: &str) -> PolarsResult<Column> {
        Ok(self.0.finish().with_name(name.into()).into_column())
    }
}

/// A column of plain values (`u32`, `bool`, `Option<u32>`, `Option<i32>` …).
pub(crate) struct Vals<T>(pub Vec<T>);

impl<T> Default for Vals<T> {
    fn default() -> Self {
        Vals(Vec::new())
    }
}

impl<T> ColumnRows for Vals<T>
where
    Series: NamedFrom<Vec<T>, [T]>,
{
    fn finish(self, name: &str) -> PolarsResult<Column> {
        Ok(Series::new(name.into(), self.0).into_column())
    }
}

/// An exact `Decimal(38, 6)` column from fixed-point values (see [`crate::frames::fixed_point`]).
#[derive(Default)]
pub(crate) struct Decimals(pub Vec<Option<i128>>);

impl ColumnRows for Decimals {
    fn finish(self, name: &str) -> PolarsResult<Column> {
        Ok(Int128Chunked::from_slice_options(name.into(), &self.0)
            .into_decimal(AMOUNT_PRECISION, AMOUNT_SCALE as usize)?
            .into_series()
            .into_column())
    }
}

/// Declares a frame builder: a struct with one [`ColumnRows`] per column (in frame order, named as
/// the columns), a leading `document_id` column kept when asked for, `COLUMNS`, `finish`, and the
/// private `rows_added(id, n)` that every `push` calls once its columns have `n` more rows.
macro_rules! frame_rows {
    ($(#[$meta:meta])* $vis:vis struct $name:ident { $($col:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Default)]
        $vis struct $name {
            document_id: $crate::rows::Strs,
            height: usize,
            $($col: $ty,)*
        }

        impl $name {
            /// The column names, in order (without `document_id`).
            pub const COLUMNS: &'static [&'static str] = &[$(stringify!($col)),*];

            /// The frame of every row pushed; `with_id` adds the leading `document_id` column.
            ///
            /// # Errors
            /// When Polars refuses a column (not expected: every column has `height` rows).
            pub fn finish(self, with_id: bool) -> polars::prelude::PolarsResult<polars::prelude::DataFrame> {
                use $crate::rows::ColumnRows as _;
                let mut columns = Vec::with_capacity(Self::COLUMNS.len() + 1);
                if with_id {
                    columns.push(self.document_id.finish("document_id")?);
                }
                $(columns.push(self.$col.finish(stringify!($col))?);)*
                polars::prelude::DataFrame::new(self.height, columns)
            }

            fn rows_added(&mut self, id: &str, n: usize) {
                for _ in 0..n {
                    self.document_id.push_str(id);
                }
                self.height += n;
            }
        }
    };
}

pub(crate) use frame_rows;
