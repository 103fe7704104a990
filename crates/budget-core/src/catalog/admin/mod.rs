//! 行政区划 (GB/T 2260 administrative divisions): province, city (地级) and county (县级) level,
//! 1980–2026, one [`Division`] per (code, name) validity interval.
//!
//! Data: `data/admin_divisions.csv` (7,717 rows, 3,214 current). A year means "listed in the
//! year-end list of that year"; `year: None` in every function means the current list.
//! [`resolve_region`] finds the division named in a free text such as an agency name.
//!
//! ```
//! use budget_core::catalog::admin;
//!
//! assert_eq!(admin::lookup("500110", Some(2022)).map(|d| d.name), Some("綦江区"));
//! assert_eq!(admin::find_by_name("綦江县", Some(2005))[0].adcode, "500222");
//! assert!(admin::find_by_name("綦江县", Some(2022)).is_empty());
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use super::{csv, non_empty, parse_year, YearRange};

mod region;

pub use region::{resolve_region, RegionMatch};

const CSV: &str = include_str!("../../../data/admin_divisions.csv");

/// The level of an administrative division, read from its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DivisionLevel {
    /// 省级 (`XX0000`): province, autonomous region, 直辖市.
    Province,
    /// 地级 (`XXXX00`): prefecture-level city, 地区, 自治州, 盟.
    City,
    /// 县级: district, county, county-level city, banner.
    County,
}

/// One division under one name during `valid_from..=valid_to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Division {
    /// 6-digit 行政区划代码.
    pub adcode: &'static str,
    /// Name during this interval, e.g. `綦江区`.
    pub name: &'static str,
    /// Province, city or county level.
    pub level: DivisionLevel,
    /// The city (`XXXX00`) when it existed in the same year's list, else the province; `None` for
    /// a province.
    pub parent_code: Option<&'static str>,
    /// Name of the province.
    pub province: &'static str,
    /// Name of the city (its own name for a city); `None` for provinces and for counties directly
    /// under a province (直辖市 districts, 省直辖县级市).
    pub city: Option<&'static str>,
    /// First year-end list with this name (`None` only where the establishment year is unknown).
    pub valid_from: Option<i32>,
    /// Last year-end list with this name; `None` while current.
    pub valid_to: Option<i32>,
    /// How the interval was dated, when noteworthy.
    pub validity_note: Option<&'static str>,
    /// Which lists the row was read from (`mcaYYYY-YYYY`, `quhua2026`).
    pub source: &'static str,
}

impl Division {
    /// The years this division carried this name.
    pub fn valid_years(&self) -> YearRange {
        YearRange { from: self.valid_from, to: self.valid_to }
    }

    /// Whether this row is in the list of `year` (`None`: the current list).
    pub fn is_valid_in(&self, year: Option<i32>) -> bool {
        match year {
            None => self.valid_to.is_none(),
            Some(year) => self.valid_years().contains(year),
        }
    }

    /// The code of the province this division belongs to (`XX0000`).
    pub fn province_code(&self) -> Option<&'static str> {
        let prefix = self.adcode.get(..2)?;
        find_code_with_prefix(prefix)
    }

    /// The codes of this division's province and, when it has one, its city.
    pub(crate) fn ancestor_codes(&self) -> [Option<&'static str>; 2] {
        match self.level {
            DivisionLevel::Province => [None, None],
            _ => {
                let province = self.province_code();
                let city = self.parent_code.filter(|parent| Some(*parent) != province);
                [province, city]
            }
        }
    }
}

pub(crate) struct AdminCatalog {
    pub(crate) divisions: Vec<Division>,
    by_code: HashMap<&'static str, Vec<usize>>,
    pub(crate) by_name: HashMap<&'static str, Vec<usize>>,
    /// For the first character of any name: the shortest and longest name length in characters.
    pub(crate) name_lengths_by_first_char: HashMap<char, (usize, usize)>,
}

pub(crate) fn catalog() -> &'static AdminCatalog {
    static CATALOG: OnceLock<AdminCatalog> = OnceLock::new();
    CATALOG.get_or_init(build)
}

fn build() -> AdminCatalog {
    let mut records = csv::parse(CSV).into_iter();
    let mut catalog = AdminCatalog {
        divisions: Vec::new(),
        by_code: HashMap::new(),
        by_name: HashMap::new(),
        name_lengths_by_first_char: HashMap::new(),
    };
    let Some(header) = records.next() else { return catalog };
    let columns = csv::Columns::new(&header);
    let [code_column, name_column, level_column, parent_code_column, province_column, city_column, valid_from_year_column, valid_to_year_column, validity_note_column, source_column] =
        [
            "code",
            "name",
            "level",
            "parent_code",
            "province",
            "city",
            "valid_from_year",
            "valid_to_year",
            "validity_note",
            "source",
        ]
        .map(|name| columns.column(name));
    catalog.divisions = records
        .filter_map(|record| {
            let adcode = code_column.of(&record);
            let level = match (level_column.of(&record), adcode.get(2..), adcode.get(4..)) {
                ("province", _, _) | ("", Some("0000"), _) => DivisionLevel::Province,
                ("city", _, _) | ("", _, Some("00")) => DivisionLevel::City,
                ("county", _, _) | ("", _, Some(_)) => DivisionLevel::County,
                _ => return None,
            };
            Some(Division {
                adcode,
                name: name_column.of(&record),
                level,
                parent_code: non_empty(parent_code_column.of(&record)),
                province: province_column.of(&record),
                city: non_empty(city_column.of(&record)),
                valid_from: parse_year(valid_from_year_column.of(&record)),
                valid_to: parse_year(valid_to_year_column.of(&record)),
                validity_note: non_empty(validity_note_column.of(&record)),
                source: source_column.of(&record),
            })
        })
        .collect();
    for (index, division) in catalog.divisions.iter().enumerate() {
        catalog.by_code.entry(division.adcode).or_default().push(index);
        catalog.by_name.entry(division.name).or_default().push(index);
        let length = division.name.chars().count();
        if let Some(first) = division.name.chars().next() {
            let lengths = catalog.name_lengths_by_first_char.entry(first).or_insert((length, length));
            *lengths = (lengths.0.min(length), lengths.1.max(length));
        }
    }
    catalog
}

fn find_code_with_prefix(prefix: &str) -> Option<&'static str> {
    let code = format!("{prefix}0000");
    catalog().by_code.get_key_value(code.as_str()).map(|(code, _)| *code)
}

/// The code of the province (`XX0000`) that `adcode` lies in, when the catalog has that province:
/// the key a cross-region dataset is partitioned by.
///
/// ```
/// use budget_core::catalog::admin;
/// assert_eq!(admin::province_of("130424"), Some("130000"));
/// assert_eq!(admin::province_of("310107"), Some("310000"));
/// assert_eq!(admin::province_of("990101"), None);
/// ```
pub fn province_of(adcode: &str) -> Option<&'static str> {
    let adcode = adcode.trim();
    if adcode.len() != 6 || !adcode.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    find_code_with_prefix(&adcode[..2])
}

/// Every row, in file order (7,717 rows).
pub fn divisions() -> &'static [Division] {
    &catalog().divisions
}

/// The division with code `adcode` in the list of `year` (`None`: the current list); `None` when
/// the code was not in use that year.
///
/// ```
/// use budget_core::catalog::admin;
/// assert_eq!(admin::lookup("130424", Some(2023)).map(|d| d.name), Some("成安县"));
/// assert_eq!(admin::lookup("220702", Some(1993)).map(|d| d.name), Some("扶余区"));
/// assert!(admin::lookup("500222", None).is_none());
/// ```
pub fn lookup(adcode: &str, year: Option<i32>) -> Option<&'static Division> {
    let catalog = catalog();
    let indices = catalog.by_code.get(adcode.trim())?;
    indices.iter().map(|&i| &catalog.divisions[i]).find(|division| division.is_valid_in(year))
}

/// Every row of `adcode`, in file order (oldest name first).
pub fn history(adcode: &str) -> Vec<&'static Division> {
    let catalog = catalog();
    catalog
        .by_code
        .get(adcode.trim())
        .map_or_else(Vec::new, |indices| indices.iter().map(|&i| &catalog.divisions[i]).collect())
}

/// Every division named exactly `name` (whitespace ignored) in the list of `year` (`None`: the
/// current list), in code order. Several divisions share a name (鼓楼区 ×4 today).
///
/// ```
/// use budget_core::catalog::admin;
/// let codes: Vec<_> = admin::find_by_name("綦江县", Some(1990)).iter().map(|d| d.adcode).collect();
/// assert_eq!(codes, ["510223"]);
/// assert_eq!(admin::find_by_name("鼓楼区", None).len(), 4);
/// ```
pub fn find_by_name(name: &str, year: Option<i32>) -> Vec<&'static Division> {
    let catalog = catalog();
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    let mut found: Vec<&'static Division> = catalog.by_name.get(name.as_str()).map_or_else(Vec::new, |indices| {
        indices.iter().map(|&i| &catalog.divisions[i]).filter(|d| d.is_valid_in(year)).collect()
    });
    found.sort_by_key(|division| division.adcode);
    found
}
