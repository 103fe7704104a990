//! Performance targets (绩效指标) from three layouts:
//!
//! * indicator tables (一级指标 / 二级指标 / 三级指标 / 指标值 …, optionally 指标性质 / 度量单位 /
//!   权重): 一级/二级 cells left blank under a merged cell are carried down; the project is the
//!   title of the 绩效目标 table before (`2、…资金绩效目标表`) or the 项目名称 cell. Rows whose
//!   三级指标 is `未涉及` state no target and are skipped.
//! * graded 职责/活动 tables (优 / 良 / 中 / 差 columns): the 优 threshold is the target, all four
//!   go to `grades`; the project is the 活动名称 (else the 职责名称), carried down.
//! * narrative lists (`数量指标：1.参保人数（人），指标值 ≥144500。`) under `项目一：…` headings.
//!
//! Targets: `≥5309人` → (≥, 5309, 人); `350元/人` → (no operator, 350, 元/人); `按时拨付` and
//! ranges (`6-9个月`) are qualitative (no operator, no number). `达到100%` has no printed operator.

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::blocks::{Block, BlockKind};
use crate::model::{Indicator, Table, TableKind};
use crate::text::compact;

/// Printed operator words and their symbol.
const OPERATORS: &[(&str, &str)] = &[
    ("大于等于", "≥"),
    ("小于等于", "≤"),
    ("不低于", "≥"),
    ("不少于", "≥"),
    ("不高于", "≤"),
    ("不超过", "≤"),
    (">=", "≥"),
    ("<=", "≤"),
    ("≥", "≥"),
    ("≧", "≥"),
    ("≤", "≤"),
    ("≦", "≤"),
    ("大于", ">"),
    ("高于", ">"),
    ("小于", "<"),
    ("低于", "<"),
    ("＞", ">"),
    (">", ">"),
    ("＜", "<"),
    ("<", "<"),
    ("＝", "="),
    ("=", "="),
];

/// A target split into operator, number and unit; all `None` for a qualitative target.
#[derive(Debug, Default, PartialEq)]
struct Target {
    operator: Option<String>,
    value: Option<Decimal>,
    unit: Option<String>,
}

/// Every performance target in the document's tables and unconsumed narrative.
pub fn indicators(tables: &[Table], blocks: &[Block], consumed: &[bool]) -> Vec<Indicator> {
    let mut out = Vec::new();
    let mut project: Option<String> = None;
    for table in tables {
        let scope = match table.kind {
            TableKind::ProjectPerformance => "project",
            TableKind::DepartmentPerformance => {
                project = None;
                "department"
            }
            _ => continue,
        };
        if let Some(name) = project_name(table) {
            project = Some(name);
        }
        if !graded_rows(table, &mut out) {
            leveled_rows(table, scope, project.as_deref(), &mut out);
        }
    }
    narrative_targets(blocks, consumed, &mut out);
    out
}

fn last_segment(path: &str) -> &str {
    path.rsplit(" / ").next().unwrap_or(path).trim()
}

fn strip_ordinal(text: &str) -> &str {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"^\s*[0-9０-９]+\s*[、.．：:]+\s*").expect("ordinal pattern compiles"));
    re.find(text).map_or(text.trim(), |m| text[m.end()..].trim())
}

/// `2、城乡居民医疗保险县配套资金绩效目标表` → `城乡居民医疗保险县配套资金`; or the 项目名称 cell.
fn project_name(table: &Table) -> Option<String> {
    let first = table.columns.first().map(|c| compact(c));
    if first.as_deref() == Some("绩效目标") {
        let title = strip_ordinal(table.title.as_deref()?);
        let name = title.trim_end_matches("绩效目标表").trim_end_matches("绩效目标").trim();
        return (!name.is_empty()).then(|| name.to_string());
    }
    let at = table.columns.iter().position(|c| compact(last_segment(c)) == "项目名称")?;
    let name = last_segment(table.columns.get(at + 1)?);
    (!name.is_empty()).then(|| name.to_string())
}

fn parse_target(printed: &str) -> Target {
    let mut rest = printed.trim();
    for prefix in ["为", "达到", "：", ":"] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest).trim_start();
    }
    let operator = OPERATORS.iter().find(|(word, _)| rest.starts_with(word));
    if let Some((word, _)) = operator {
        rest = rest[word.len()..].trim_start();
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"^([0-9][0-9,]*(?:\.[0-9]+)?)\s*(.*)$").expect("target pattern compiles"));
    let normalized = crate::text::normalize_numeric(rest);
    let Some(caps) = re.captures(normalized.trim()) else { return Target::default() };
    let tail = caps.get(2).map_or("", |m| m.as_str()).trim().trim_end_matches(['。', '.', '；', ';']);
    if tail.starts_with(['-', '—', '~', '～', '至']) {
        return Target::default();
    }
    Target {
        operator: operator.map(|(_, symbol)| symbol.to_string()),
        value: caps.get(1).and_then(|m| super::narrative::parse_number(m.as_str())),
        unit: (!tail.is_empty()).then(|| tail.to_string()),
    }
}

fn level1_of(level2: &str) -> Option<String> {
    let level1 = if level2.contains("满意度") {
        "满意度指标"
    } else if level2.contains("效益") || level2.contains("可持续") {
        "效益指标"
    } else if ["数量", "质量", "时效", "成本"].iter().any(|w| level2.contains(w)) {
        "产出指标"
    } else {
        return None;
    };
    Some(level1.to_string())
}

fn non_empty(cell: Option<&String>) -> Option<String> {
    cell.map(|c| c.trim()).filter(|c| !c.is_empty() && *c != "--" && *c != "-").map(str::to_string)
}

/// Header positions of an indicator table, found in the column paths or a body row.
struct Header {
    /// Index of the first body row after the header.
    body_start: usize,
    positions: Vec<(&'static str, usize)>,
}

impl Header {
    fn find(table: &Table) -> Option<Header> {
        let named = |cells: &[String]| -> Option<Vec<(&'static str, usize)>> {
            let names: Vec<String> = cells.iter().map(|c| compact(last_segment(c))).collect();
            names.iter().any(|n| n == "三级指标").then(|| {
                const ROLES: &[(&str, &[&str])] = &[
                    ("level1", &["一级指标"]),
                    ("level2", &["二级指标"]),
                    ("name", &["三级指标"]),
                    ("describe", &["绩效指标描述", "指标描述"]),
                    ("value", &["指标值", "绩效指标值"]),
                    ("basis", &["指标值确定依据", "确定依据"]),
                    ("nature", &["指标性质", "绩效指标性质"]),
                    ("unit", &["度量单位", "绩效度量单位", "计量单位"]),
                    ("weight", &["权重", "分值"]),
                ];
                ROLES
                    .iter()
                    .filter_map(|(role, words)| {
                        names.iter().position(|n| words.contains(&n.as_str())).map(|at| (*role, at))
                    })
                    .collect()
            })
        };
        if let Some(positions) = named(&table.columns) {
            return Some(Header { body_start: 0, positions });
        }
        table
            .rows
            .iter()
            .enumerate()
            .find_map(|(i, row)| named(row).map(|positions| Header { body_start: i + 1, positions }))
    }

    fn at(&self, role: &str) -> Option<usize> {
        self.positions.iter().find(|(r, _)| *r == role).map(|(_, at)| *at)
    }
}

fn leveled_rows(table: &Table, scope: &str, project: Option<&str>, out: &mut Vec<Indicator>) {
    let Some(header) = Header::find(table) else { return };
    let has_nature = header.at("nature").is_some();
    let (mut level1, mut level2): (Option<String>, Option<String>) = (None, None);
    for (index, row) in table.rows.iter().enumerate().skip(header.body_start) {
        let cell = |role: &str| header.at(role).and_then(|at| non_empty(row.get(at)));
        // Rows of 性质/值/单位 tables are sometimes shifted: anchor them on the operator cell.
        let operator_at = row.iter().position(|c| OPERATORS.iter().any(|(w, _)| c.trim() == *w));
        let (l1, l2, name, target, printed, weight) = match (has_nature, operator_at) {
            (true, Some(k)) => {
                let back = |n: usize| k.checked_sub(n).and_then(|at| non_empty(row.get(at)));
                let value = non_empty(row.get(k + 1)).unwrap_or_default();
                let unit = non_empty(row.get(k + 2)).unwrap_or_default();
                let printed = format!("{}{value}{unit}", row[k].trim());
                (back(3), back(2), back(1), parse_target(&printed), printed, non_empty(row.get(k + 3)))
            }
            _ => {
                let printed = [cell("value"), cell("unit")].into_iter().flatten().collect::<String>();
                let l = (cell("level1"), cell("level2"), cell("name"));
                (l.0, l.1, l.2, parse_target(&printed), printed, cell("weight"))
            }
        };
        level1 = l1.or(level1);
        level2 = l2.or(level2);
        let Some(name) = name.filter(|n| n != "未涉及") else { continue };
        out.push(Indicator {
            scope: scope.to_string(),
            project: project.map(str::to_string),
            level1: level1.clone(),
            level2: level2.clone(),
            name,
            operator: target.operator,
            target: target.value,
            unit: target.unit,
            target_printed: printed,
            weight: weight.and_then(|w| super::narrative::parse_number(&w)),
            grades: Vec::new(),
            basis: cell("basis").or_else(|| cell("describe")),
            provenance: table.row_provenance.get(index).cloned().unwrap_or_else(|| table.provenance.clone()),
        });
    }
}

/// Tables with 优/良/中/差 columns; returns whether the table was one.
fn graded_rows(table: &Table, out: &mut Vec<Indicator>) -> bool {
    let names: Vec<String> = table.columns.iter().map(|c| compact(last_segment(c))).collect();
    let at = |word: &str| names.iter().position(|n| n == word);
    let grades: Vec<(&str, usize)> = ["优", "良", "中", "差"].iter().filter_map(|g| at(g).map(|i| (*g, i))).collect();
    let Some(name_at) = at("绩效指标") else { return false };
    if grades.len() < 2 {
        return false;
    }
    let (mut duty, mut activity): (Option<String>, Option<String>) = (None, None);
    for (index, row) in table.rows.iter().enumerate() {
        if let Some(new_duty) = at("职责名称").and_then(|i| non_empty(row.get(i))) {
            duty = Some(new_duty);
            activity = None;
        }
        if let Some(new_activity) = at("活动名称").and_then(|i| non_empty(row.get(i))) {
            activity = Some(new_activity);
        }
        let Some(name) = non_empty(row.get(name_at)) else { continue };
        let grades: Vec<(String, String)> =
            grades.iter().filter_map(|(g, i)| non_empty(row.get(*i)).map(|t| (g.to_string(), t))).collect();
        let printed = grades.first().map(|(_, t)| t.clone()).unwrap_or_default();
        let target = parse_target(&printed);
        out.push(Indicator {
            scope: "department".to_string(),
            project: activity.clone().or_else(|| duty.clone()),
            level1: None,
            level2: None,
            name,
            operator: target.operator,
            target: target.value,
            unit: target.unit,
            target_printed: printed,
            weight: None,
            grades,
            basis: at("绩效描述").and_then(|i| non_empty(row.get(i))),
            provenance: table.row_provenance.get(index).cloned().unwrap_or_else(|| table.provenance.clone()),
        });
    }
    true
}

fn narrative_targets(blocks: &[Block], consumed: &[bool], out: &mut Vec<Indicator>) {
    static PROJECT: OnceLock<Regex> = OnceLock::new();
    static LEVEL2: OnceLock<Regex> = OnceLock::new();
    static NAME_UNIT: OnceLock<Regex> = OnceLock::new();
    let project_re = PROJECT.get_or_init(|| {
        Regex::new(r"^\s*项目[一二三四五六七八九十百0-9]+\s*[：:]\s*(.+?)\s*(?:[0-9][0-9.,]*\s*万元)?\s*$")
            .expect("project pattern compiles")
    });
    let level2_re = LEVEL2.get_or_init(|| {
        Regex::new(r"^\s*([^：:，,。]{1,12}?(?:指标|满意度))\s*[：:]\s*").expect("level pattern compiles")
    });
    let name_unit_re =
        NAME_UNIT.get_or_init(|| Regex::new(r"[（(]([^（）()]{1,4})[)）]\s*$").expect("unit pattern compiles"));
    let (mut project, mut level2): (Option<String>, Option<String>) = (None, None);
    for (index, block) in blocks.iter().enumerate() {
        let text = match &block.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => text,
            BlockKind::Table(_) => continue,
        };
        if consumed.get(index).copied().unwrap_or(false) {
            continue;
        }
        if let Some(caps) = project_re.captures(text) {
            project = caps.get(1).map(|m| m.as_str().to_string());
            level2 = None;
            continue;
        }
        for sentence in super::narrative::sentences(text) {
            let mut rest = sentence;
            if let Some(caps) = level2_re.captures(sentence) {
                level2 = caps.get(1).map(|m| m.as_str().trim().to_string());
                rest = sentence.get(caps.get(0).map_or(0, |m| m.end())..).unwrap_or("");
            }
            let Some(at) = rest.find("指标值") else { continue };
            let mut name = strip_ordinal(&rest[..at]).trim_end_matches(['，', ',', '、', ' ']).trim().to_string();
            let mut name_unit = None;
            if let Some(caps) = name_unit_re.captures(&name) {
                name_unit = caps.get(1).map(|m| m.as_str().to_string());
                name = name[..caps.get(0).map_or(name.len(), |m| m.start())].trim().to_string();
            }
            if name.is_empty() {
                continue;
            }
            let printed = rest[at + "指标值".len()..].trim().to_string();
            let mut target = parse_target(&printed);
            if target.value.is_some() && target.unit.is_none() {
                target.unit = name_unit;
            }
            out.push(Indicator {
                scope: "project".to_string(),
                project: project.clone(),
                level1: level2.as_deref().and_then(level1_of),
                level2: level2.clone(),
                name,
                operator: target.operator,
                target: target.value,
                unit: target.unit,
                target_printed: printed,
                weight: None,
                grades: Vec::new(),
                basis: None,
                provenance: block.provenance.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split_into_operator_number_unit() {
        let d = |s: &str| s.parse::<Decimal>().ok();
        assert_eq!(
            parse_target("≥5309人"),
            Target { operator: Some("≥".into()), value: d("5309"), unit: Some("人".into()) }
        );
        assert_eq!(parse_target("350元/人"), Target { operator: None, value: d("350"), unit: Some("元/人".into()) });
        assert_eq!(
            parse_target("大于等于100%"),
            Target { operator: Some("≥".into()), value: d("100"), unit: Some("%".into()) }
        );
        assert_eq!(parse_target("按时拨付"), Target::default());
        assert_eq!(parse_target("6-9个月"), Target::default());
        assert_eq!(parse_target("不低于上年"), Target::default());
    }
}
