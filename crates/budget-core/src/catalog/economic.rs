//! 支出经济分类科目 (expenditure by economic nature), both schemes of 财预〔2017〕98号 (in force from the
//! 2018 budget): 部门预算支出经济分类 (301…399, [`CodeScheme::DeptEconomic`]) and 政府预算支出经济分类
//! (501…599, [`CodeScheme::GovEconomic`]), 类 (3 digits) and 款 (5).
//!
//! Data: `data/gfs_economic_codes.csv` (188 rows: 110 部门, 78 政府). Codes are unique across the two
//! schemes (they start with 3 or 5); names are not unique even within one scheme (309 and 310 both
//! have 房屋建筑物购建), so [`by_name`] returns every match.
//!
//! ```
//! use budget_core::catalog::economic;
//! use budget_core::CodeScheme;
//!
//! assert_eq!(economic::lookup("30113").map(|e| e.name), Some("住房公积金"));
//! assert_eq!(economic::by_name("基本工资", CodeScheme::DeptEconomic)[0].code, "30101");
//! assert_eq!(economic::gov_code_for_jiguan("30101").map(|e| e.name), Some("工资奖金津补贴"));
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use super::{csv, non_empty, normalize_name, parse_level, Confidence};
use crate::model::{CodeScheme, Level};

const CSV: &str = include_str!("../../data/gfs_economic_codes.csv");

/// One code of either economic scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EconomicEntry {
    /// 科目编码: 3 or 5 digits.
    pub code: &'static str,
    /// Canonical name.
    pub name: &'static str,
    /// 类 or 款.
    pub level: Level,
    /// The 类 of a 款; `None` for a 类.
    pub parent_code: Option<&'static str>,
    /// [`CodeScheme::DeptEconomic`] (部门, 301…) or [`CodeScheme::GovEconomic`] (政府, 501…).
    pub scheme: CodeScheme,
    /// How well the row is supported.
    pub confidence: Confidence,
    /// For a 部门 code: the 政府 code that 机关 (行政单位) spending on it maps to. For 事业单位
    /// spending the 政府 code is 50501/50502 instead.
    pub gov_code_for_jiguan: Option<&'static str>,
    /// Note from the catalog, if any.
    pub note: Option<&'static str>,
}

struct EconomicCatalog {
    entries: Vec<EconomicEntry>,
    by_code: HashMap<&'static str, usize>,
    /// ([`normalize_name`] of the name, scheme) → row indices in file order.
    by_name: HashMap<(String, CodeScheme), Vec<usize>>,
}

fn catalog() -> &'static EconomicCatalog {
    static CATALOG: OnceLock<EconomicCatalog> = OnceLock::new();
    CATALOG.get_or_init(build)
}

fn build() -> EconomicCatalog {
    let mut records = csv::parse(CSV).into_iter();
    let columns = match records.next() {
        Some(header) => csv::Columns::new(&header),
        None => return EconomicCatalog { entries: Vec::new(), by_code: HashMap::new(), by_name: HashMap::new() },
    };
    let [code_column, name_column, level_column, parent_code_column, scheme_column, confidence_column, gov_code_for_jiguan_column, note_column] =
        ["code", "name", "level", "parent_code", "scheme", "confidence", "gov_code_for_jiguan", "note"]
            .map(|name| columns.column(name));
    let entries: Vec<EconomicEntry> = records
        .filter_map(|record| {
            let code = code_column.of(&record);
            let scheme = match (scheme_column.of(&record), code.as_bytes().first()) {
                ("部门", _) | ("", Some(b'3')) => CodeScheme::DeptEconomic,
                ("政府", _) | ("", Some(b'5')) => CodeScheme::GovEconomic,
                _ => return None,
            };
            let level = parse_level(level_column.of(&record)).or(match code.len() {
                3 => Some(Level::Class),
                5 => Some(Level::Section),
                _ => None,
            })?;
            Some(EconomicEntry {
                code,
                name: name_column.of(&record),
                level,
                parent_code: non_empty(parent_code_column.of(&record)),
                scheme,
                confidence: Confidence::parse(confidence_column.of(&record)),
                gov_code_for_jiguan: non_empty(gov_code_for_jiguan_column.of(&record)),
                note: non_empty(note_column.of(&record)),
            })
        })
        .collect();
    let mut by_code = HashMap::with_capacity(entries.len());
    let mut by_name: HashMap<(String, CodeScheme), Vec<usize>> = HashMap::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        by_code.entry(entry.code).or_insert(index);
        by_name.entry((normalize_name(entry.name), entry.scheme)).or_default().push(index);
    }
    EconomicCatalog { entries, by_code, by_name }
}

/// Every row of both schemes, in file order (188 rows).
pub fn entries() -> &'static [EconomicEntry] {
    &catalog().entries
}

/// The row of `code` in either scheme.
///
/// ```
/// let entry = budget_core::catalog::economic::lookup("30231").unwrap();
/// assert_eq!((entry.name, entry.parent_code), ("公务用车运行维护费", Some("302")));
/// ```
pub fn lookup(code: &str) -> Option<&'static EconomicEntry> {
    let catalog = catalog();
    catalog.by_code.get(code.trim()).map(|&index| &catalog.entries[index])
}

/// Every row of `scheme` whose name equals `name` after [`normalize_name`], in code order.
/// `scheme` other than the two economic schemes gives an empty list.
///
/// ```
/// use budget_core::{catalog::economic, CodeScheme};
/// let codes: Vec<_> = economic::by_name("公务用车购置", CodeScheme::DeptEconomic).iter().map(|e| e.code).collect();
/// assert_eq!(codes, ["30913", "31013"]);
/// ```
pub fn by_name(name: &str, scheme: CodeScheme) -> Vec<&'static EconomicEntry> {
    let catalog = catalog();
    catalog
        .by_name
        .get(&(normalize_name(name), scheme))
        .map_or_else(Vec::new, |indices| indices.iter().map(|&i| &catalog.entries[i]).collect())
}

/// The 政府 code (501…) that 机关 spending on 部门 code `dept_code` maps to (两套科目对照表), e.g.
/// 30101 基本工资 → 50101 工资奖金津补贴. `None` for an unknown code, a 政府 code, or a code without
/// a crosswalk entry in the catalog.
pub fn gov_code_for_jiguan(dept_code: &str) -> Option<&'static EconomicEntry> {
    let entry = lookup(dept_code)?;
    if entry.scheme != CodeScheme::DeptEconomic {
        return None;
    }
    lookup(entry.gov_code_for_jiguan?)
}
