//! Embedded reference catalogs: 支出功能分类科目 ([`function`]), 支出经济分类科目 ([`economic`]) and
//! 行政区划 ([`admin`]).
//!
//! The three CSV files under `crates/budget-core/data/` (see its `README.md` for sources and
//! licenses) are compiled into the library and parsed once, at first use, into `'static` tables with
//! hash indices: lookups by code or name are O(1). Every lookup is year-aware where the data are:
//! a code or a division can carry different names in different budget years.
//!
//! The two GFS catalogs are *compiled* lists (see [`Confidence`]): use them to normalise names and
//! to flag suspicious code/name pairs, and treat an unknown code as unknown, not as an error.
//!
//! ```
//! use budget_core::catalog::{admin, economic, function, CatalogStatus};
//!
//! assert_eq!(function::name_for("210", Some(2016)), Some("医疗卫生与计划生育支出"));
//! assert_eq!(function::check("2101101", "行政单位医疗", Some(2023)), CatalogStatus::Match);
//! assert_eq!(economic::gov_code_for_jiguan("30101").map(|e| e.code), Some("50101"));
//! let region = admin::resolve_region("成安县医疗保障局机关本级", Some(2023)).unwrap();
//! assert_eq!(region.division.adcode, "130424");
//! ```

pub mod admin;
mod csv;
pub mod economic;
pub mod function;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use admin::RegionMatch;

/// An inclusive range of budget years; an open end is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct YearRange {
    /// First year, or `None` when not known (in force since before the catalog's records).
    pub from: Option<i32>,
    /// Last year, or `None` when still current.
    pub to: Option<i32>,
}

impl YearRange {
    /// Whether `year` lies in the range (open ends admit every year on that side).
    ///
    /// ```
    /// let range = budget_core::catalog::YearRange { from: Some(2014), to: Some(2018) };
    /// assert!(range.contains(2014) && range.contains(2018));
    /// assert!(!range.contains(2019));
    /// ```
    pub fn contains(&self, year: i32) -> bool {
        self.from.is_none_or(|from| from <= year) && self.to.is_none_or(|to| year <= to)
    }

    /// Whether the range is still open (no last year).
    pub fn is_current(&self) -> bool {
        self.to.is_none()
    }

    /// How many years `year` lies outside the range (0 when inside).
    pub(crate) fn distance(&self, year: i32) -> i64 {
        let below = self.from.map_or(0, |from| i64::from(from) - i64::from(year)).max(0);
        let above = self.to.map_or(0, |to| i64::from(year) - i64::from(to)).max(0);
        below + above
    }
}

impl fmt::Display for YearRange {
    /// `2014–2018`, `–2013`, `2019–`, `–` (all years).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let from = self.from.map(|y| y.to_string()).unwrap_or_default();
        let to = self.to.map(|y| y.to_string()).unwrap_or_default();
        write!(f, "{from}–{to}")
    }
}

/// How well a GFS catalog row is supported (column `confidence` of the CSV files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// The same code and name occur in real published disclosures.
    Corroborated,
    /// Compiled from the MOF catalog, not contradicted.
    Medium,
    /// Compiled; uncertain whether the code exists in the current edition.
    Low,
    /// Seen in a real disclosure but not in the compiled list.
    Observed,
}

impl Confidence {
    fn parse(text: &str) -> Confidence {
        match text {
            "corroborated" => Confidence::Corroborated,
            "low" => Confidence::Low,
            "observed" => Confidence::Observed,
            _ => Confidence::Medium,
        }
    }
}

/// The outcome of comparing a printed code/name pair with the catalog ([`function::check`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CatalogStatus {
    /// The printed name is the catalog name for that year (after [`normalize_name`]).
    Match,
    /// The printed name is the code's name in other years (`printed_valid_years`); `canonical` is
    /// its name in the document's year.
    RenamedForYear {
        /// The catalog name for the document's year.
        canonical: String,
        /// The years in which the printed name was the catalog name.
        printed_valid_years: YearRange,
    },
    /// The code is not in the catalog (which is incomplete: unknown is not wrong).
    UnknownCode,
    /// The printed name is none of the code's catalog names.
    NameMismatch {
        /// The catalog name for the document's year.
        canonical: String,
    },
}

/// The form of a classification name used for comparison: whitespace removed, full-width
/// brackets, digits and Kangxi radicals made plain (as [`crate::text::compact`]), `【】〔〕［］`
/// made `[]`, and a trailing level marker `(类)` / `(款)` / `(项)` dropped.
///
/// ```
/// use budget_core::catalog::normalize_name;
/// assert_eq!(normalize_name(" 卫生健康支出（类）"), "卫生健康支出");
/// assert_eq!(normalize_name("政府办公厅(室)及相关机构事务"), normalize_name("政府办公厅（室）及相关机构事务"));
/// ```
pub fn normalize_name(name: &str) -> String {
    let mut compacted: String = crate::text::compact(name)
        .chars()
        .map(|c| match c {
            '【' | '〔' | '［' => '[',
            '】' | '〕' | '］' => ']',
            _ => c,
        })
        .collect();
    for marker in ["(类)", "(款)", "(项)"] {
        if compacted.len() > marker.len() && compacted.ends_with(marker) {
            compacted.truncate(compacted.len() - marker.len());
            break;
        }
    }
    compacted
}

fn parse_year(text: &str) -> Option<i32> {
    text.trim().parse().ok()
}

fn non_empty(text: &'static str) -> Option<&'static str> {
    if text.is_empty() {
        None
    } else {
        Some(text)
    }
}

fn parse_level(text: &str) -> Option<crate::model::Level> {
    match text {
        "类" => Some(crate::model::Level::Class),
        "款" => Some(crate::model::Level::Section),
        "项" => Some(crate::model::Level::Item),
        _ => None,
    }
}
