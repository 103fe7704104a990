//! 支出功能分类科目 (government expenditure by function): 类 (3 digits) / 款 (5) / 项 (7), with the
//! names each code carried in which budget years.
//!
//! Data: `data/gfs_function_codes.csv` (901 rows; a code renamed over time has one row per name).
//! Start years are mostly not researched (`valid_from` empty = "in force in the 2024/2025 catalog"),
//! so a year before a row's known start still resolves to the code's nearest row: see [`lookup`].
//!
//! ```
//! use budget_core::catalog::{function, CatalogStatus, YearRange};
//!
//! assert_eq!(function::name_for("210", Some(2012)), Some("医疗卫生支出"));
//! assert_eq!(function::name_for("210", None), Some("卫生健康支出"));
//! assert_eq!(
//!     function::check("210", "医疗卫生与计划生育支出", Some(2024)),
//!     CatalogStatus::RenamedForYear {
//!         canonical: "卫生健康支出".to_string(),
//!         printed_valid_years: YearRange { from: Some(2014), to: Some(2018) },
//!     }
//! );
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use super::{csv, non_empty, normalize_name, parse_level, parse_year, CatalogStatus, Confidence, YearRange};
use crate::model::Level;

const CSV: &str = include_str!("../../data/gfs_function_codes.csv");

/// One row of the function classification: a code and the name it carried in `valid_from..=valid_to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FunctionEntry {
    /// 科目编码: 3, 5 or 7 digits.
    pub code: &'static str,
    /// Canonical name, with full-width parentheses as in the MOF catalog.
    pub name: &'static str,
    /// 类 / 款 / 项.
    pub level: Level,
    /// The 类 (for a 款) or 款 (for a 项); `None` for a 类.
    pub parent_code: Option<&'static str>,
    /// First budget year of this name, where known.
    pub valid_from: Option<i32>,
    /// Last budget year of this name; `None` while current.
    pub valid_to: Option<i32>,
    /// How well the row is supported.
    pub confidence: Confidence,
    /// Rename or creation note from the catalog, if any.
    pub note: Option<&'static str>,
}

impl FunctionEntry {
    /// The years this name is valid for.
    pub fn valid_years(&self) -> YearRange {
        YearRange { from: self.valid_from, to: self.valid_to }
    }

    /// Whether this name is the catalog name in budget year `year`.
    pub fn is_valid_in(&self, year: i32) -> bool {
        self.valid_years().contains(year)
    }
}

struct FunctionCatalog {
    entries: Vec<FunctionEntry>,
    /// Code → row indices, oldest name first.
    by_code: HashMap<&'static str, Vec<usize>>,
    /// [`normalize_name`] of the name → row indices, in file order.
    by_name: HashMap<String, Vec<usize>>,
}

fn catalog() -> &'static FunctionCatalog {
    static CATALOG: OnceLock<FunctionCatalog> = OnceLock::new();
    CATALOG.get_or_init(build)
}

fn build() -> FunctionCatalog {
    let mut records = csv::parse(CSV).into_iter();
    let columns = match records.next() {
        Some(header) => csv::Columns::new(&header),
        None => return FunctionCatalog { entries: Vec::new(), by_code: HashMap::new(), by_name: HashMap::new() },
    };
    let [code_column, name_column, level_column, parent_code_column, valid_from_year_column, valid_to_year_column, confidence_column, note_column] =
        ["code", "name", "level", "parent_code", "valid_from_year", "valid_to_year", "confidence", "note"]
            .map(|name| columns.column(name));
    let entries: Vec<FunctionEntry> = records
        .filter_map(|record| {
            let code = code_column.of(&record);
            let level = parse_level(level_column.of(&record)).or(match code.len() {
                3 => Some(Level::Class),
                5 => Some(Level::Section),
                7 => Some(Level::Item),
                _ => None,
            })?;
            Some(FunctionEntry {
                code,
                name: name_column.of(&record),
                level,
                parent_code: non_empty(parent_code_column.of(&record)),
                valid_from: parse_year(valid_from_year_column.of(&record)),
                valid_to: parse_year(valid_to_year_column.of(&record)),
                confidence: Confidence::parse(confidence_column.of(&record)),
                note: non_empty(note_column.of(&record)),
            })
        })
        .collect();
    let mut by_code: HashMap<&'static str, Vec<usize>> = HashMap::with_capacity(entries.len());
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        by_code.entry(entry.code).or_default().push(index);
        by_name.entry(normalize_name(entry.name)).or_default().push(index);
    }
    for indices in by_code.values_mut() {
        indices.sort_by_key(|&i| (entries[i].valid_from.unwrap_or(i32::MIN), entries[i].valid_to.unwrap_or(i32::MAX)));
    }
    FunctionCatalog { entries, by_code, by_name }
}

/// Every row of the catalog, in file order (901 rows).
pub fn entries() -> &'static [FunctionEntry] {
    &catalog().entries
}

/// Every row of `code`, oldest name first (empty for an unknown code).
///
/// ```
/// let names: Vec<_> = budget_core::catalog::function::history("210").iter().map(|e| e.name).collect();
/// assert_eq!(names, ["医疗卫生支出", "医疗卫生与计划生育支出", "卫生健康支出"]);
/// ```
pub fn history(code: &str) -> Vec<&'static FunctionEntry> {
    let catalog = catalog();
    catalog
        .by_code
        .get(code.trim())
        .map_or_else(Vec::new, |indices| indices.iter().map(|&i| &catalog.entries[i]).collect())
}

/// The row of `code` for budget year `year` (`None`: the current row).
///
/// The row valid in that year when there is one. Otherwise (the catalog does not cover that year
/// for this code: a start year not researched, or a code retired before it) the row nearest in
/// time, the later one on a tie; [`FunctionEntry::is_valid_in`] tells the two cases apart.
/// `None` only for a code not in the catalog.
///
/// ```
/// use budget_core::catalog::function;
/// assert_eq!(function::lookup("2101101", Some(2023)).map(|e| e.name), Some("行政单位医疗"));
/// assert_eq!(function::lookup("21001", Some(2016)).map(|e| e.name), Some("医疗卫生与计划生育管理事务"));
/// assert!(function::lookup("9999999", None).is_none());
/// ```
pub fn lookup(code: &str, year: Option<i32>) -> Option<&'static FunctionEntry> {
    let catalog = catalog();
    let mut rows = catalog.by_code.get(code.trim())?.iter().map(|&i| &catalog.entries[i]);
    match year {
        // Rows are sorted oldest first: the last one is the current (or the latest retired) name.
        None => rows.clone().find(|e| e.valid_to.is_none()).or_else(|| rows.next_back()),
        Some(year) => rows.min_by_key(|e| (e.valid_years().distance(year), -i64::from(e.valid_to.unwrap_or(i32::MAX)))),
    }
}

/// The catalog name of `code` for budget year `year` (see [`lookup`]).
pub fn name_for(code: &str, year: Option<i32>) -> Option<&'static str> {
    lookup(code, year).map(|entry| entry.name)
}

/// Every row whose name equals `name` after [`normalize_name`], in file order (any year).
///
/// ```
/// let rows = budget_core::catalog::function::entries_named("医疗保障管理事务（款）");
/// assert_eq!(rows.iter().map(|e| e.code).collect::<Vec<_>>(), ["21015"]);
/// ```
pub fn entries_named(name: &str) -> Vec<&'static FunctionEntry> {
    let catalog = catalog();
    catalog
        .by_name
        .get(&normalize_name(name))
        .map_or_else(Vec::new, |indices| indices.iter().map(|&i| &catalog.entries[i]).collect())
}

/// Compare a printed code/name pair with the catalog for budget year `year` (`None`: current).
///
/// Names are compared after [`normalize_name`]. A code the catalog knows but whose rows do not
/// cover `year` is compared with its nearest row (see [`lookup`]), so a retired code printed with
/// its last name is a [`CatalogStatus::Match`].
///
/// ```
/// use budget_core::catalog::{function, CatalogStatus};
/// assert_eq!(
///     function::check("2101202", "行政单位医疗", Some(2023)),
///     CatalogStatus::NameMismatch { canonical: "财政对城乡居民基本医疗保险基金的补助".to_string() }
/// );
/// assert_eq!(function::check("2999999", "其他支出", Some(2023)), CatalogStatus::UnknownCode);
/// ```
pub fn check(code: &str, printed_name: &str, year: Option<i32>) -> CatalogStatus {
    let Some(canonical) = lookup(code, year) else {
        return CatalogStatus::UnknownCode;
    };
    let printed = normalize_name(printed_name);
    if normalize_name(canonical.name) == printed {
        return CatalogStatus::Match;
    }
    match history(code).into_iter().find(|entry| normalize_name(entry.name) == printed) {
        Some(other) => CatalogStatus::RenamedForYear {
            canonical: canonical.name.to_string(),
            printed_valid_years: other.valid_years(),
        },
        None => CatalogStatus::NameMismatch { canonical: canonical.name.to_string() },
    }
}
