//! What each column of a money table holds: a serial number, a classification code, the row
//! label, or values of a measure (money, a count, a rate).

use crate::money::MoneyUnit;
use crate::text::compact;

/// The role of one column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ColumnRole {
    /// 序号 / 栏次 / 行次: row numbering, not data.
    Serial,
    /// 科目编码 / 代码 (whole code).
    Code,
    /// One segment of a code split over 类 | 款 | 项 columns.
    CodePart(usize),
    /// The row label (科目名称, 项目, …); starts a side in two-sided tables.
    Label,
    /// Values of a measure.
    Value(Measure),
    /// A descriptive attribute of the row, not a measure: 采购方式 / 采购组织形式 / 备注 / 说明.
    Attribute,
}

/// A value column: its measure name, the side it belongs to, and how to read its numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Measure {
    /// The measure path (column path without the side), unit words removed.
    pub name: String,
    /// The side (收入 / 支出) of a two-sided table.
    pub side: Option<String>,
    /// A unit printed in the column header (金额单位：万元).
    pub unit: Option<MoneyUnit>,
    /// Money, or a count/rate (not converted).
    pub quantity: Option<String>,
}

/// Assign roles to the flattened column paths of a table.
pub(crate) fn column_roles(columns: &[String]) -> Vec<ColumnRole> {
    let mut roles: Vec<ColumnRole> = columns.iter().map(|path| role_of(path)).collect();
    // `科目编码` and `科目名称` printed as one header cell over the name column, the code column's
    // header left blank: the blank column holds the codes, the named one the names.
    for at in 1..columns.len() {
        let merged = compact(columns[at].rsplit(" / ").next().unwrap_or(&columns[at]));
        if merged.contains("编码") && merged.ends_with("名称") && columns[at - 1].trim().is_empty() {
            roles[at - 1] = ColumnRole::Code;
            roles[at] = ColumnRole::Label;
        }
    }
    // Sides: in a table with several label columns (收入 | 支出 side by side), each label
    // column starts a side named by the first segment of its path; a side printed again (支出 by
    // function class | 支出 by economic class | …) is named by its whole label path, so that each
    // label/value pair stays apart: `支出 / 部门预算支出经济分类科目`.
    let labels = roles.iter().filter(|r| **r == ColumnRole::Label).count();
    let (mut side, mut prefix): (Option<String>, String) = (None, String::new());
    let mut sides_seen: Vec<String> = Vec::new();
    for (path, role) in columns.iter().zip(roles.iter_mut()) {
        match role {
            ColumnRole::Label if labels > 1 => {
                let Some((first, _)) = path.split_once(" / ") else {
                    // A label column naming its side itself: `收入项目 | 预算 | 支出项目 | 预算`.
                    let own = compact(path);
                    side = ["收入", "支出"]
                        .iter()
                        .find(|s| own == **s || own.strip_prefix(**s) == Some("项目"))
                        .map(|s| s.to_string());
                    prefix.clear();
                    continue;
                };
                prefix = format!("{first} / ");
                let name = if sides_seen.iter().any(|s| s == first) { path.clone() } else { first.to_string() };
                sides_seen.push(first.to_string());
                side = Some(name);
            }
            ColumnRole::Value(measure) if side.is_some() => {
                measure.name = measure.name.strip_prefix(&prefix).unwrap_or(&measure.name).to_string();
                measure.side = side.clone();
            }
            _ => {}
        }
    }
    roles
}

fn role_of(path: &str) -> ColumnRole {
    let last = compact(path.rsplit(" / ").next().unwrap_or(path));
    let whole = compact(path);
    if matches!(last.as_str(), "序号" | "栏次" | "行次" | "行号") {
        return ColumnRole::Serial;
    }
    if let Some(part) = ["类", "款", "项"].iter().position(|k| last == *k) {
        return ColumnRole::CodePart(part);
    }
    if last.contains("编码") || last.contains("代码") || last == "科目编号" {
        return ColumnRole::Code;
    }
    let label_words =
        ["项目", "科目", "名称", "项目名称", "科目名称", "单位名称", "预算单位", "资产类别", "支出项目", "收入项目"];
    // `功能科目` / `经济科目` head the name column when the code is split into 类 | 款 | 项; a
    // qualifier in brackets does not change that (`支出功能分类科目（按大类）`).
    let base = last.split_once('(').map_or(last.as_str(), |(base, _)| base);
    if label_words.contains(&base) || base.ends_with("名称") || base.ends_with("科目") {
        return ColumnRole::Label;
    }
    let attribute_words = ["方式", "组织形", "备注", "说明", "用途", "依据"];
    if attribute_words.iter().any(|w| last.contains(w)) && MoneyUnit::declared_in(&last).is_none() {
        return ColumnRole::Attribute;
    }
    let (name, unit) = strip_unit(path);
    let quantity = if whole.contains("数量") || last.contains("人数") || last.contains("面积") {
        Some(String::new())
    } else if whole.contains('%') || last.ends_with('率') || last.contains("比例") || last.contains("比重") {
        Some("%".to_string())
    } else {
        None
    };
    ColumnRole::Value(Measure { name, side: None, unit, quantity })
}

/// Remove a unit declaration from a header path: `价值（金额单位：万元）` → (`价值`, 万元).
fn strip_unit(path: &str) -> (String, Option<MoneyUnit>) {
    let unit = MoneyUnit::declared_in(path);
    if unit.is_none() {
        return (path.to_string(), None);
    }
    let mut name = path.to_string();
    for open in ['（', '('] {
        if let Some(start) = name.find(open) {
            if name[start..].contains("单位") {
                name.truncate(start);
            }
        }
    }
    (name.trim().to_string(), unit)
}

/// The unit printed in a row label, for quantities: `1、房屋（平方米）` → `平方米`.
pub(crate) fn unit_in_label(label: &str) -> Option<String> {
    let open = label.rfind(['（', '('])?;
    let inner = label[open..].trim_start_matches(['（', '(']);
    let inner = inner.split([')', '）']).next()?.trim();
    let known = ["平方米", "台", "辆", "人", "个", "套", "件", "亩", "台、辆", "台/辆", "万元", "元"];
    (!inner.is_empty() && inner.chars().count() <= 6 && known.iter().any(|k| inner.contains(k)))
        .then(|| inner.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(p: &[&str]) -> Vec<String> {
        p.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn two_sided_summary_table() {
        let roles = column_roles(&paths(&["序号", "收入 / 项目", "收入 / 预算数", "支出 / 项目", "支出 / 预算数"]));
        assert_eq!(roles[0], ColumnRole::Serial);
        assert_eq!(roles[1], ColumnRole::Label);
        let ColumnRole::Value(m) = &roles[4] else { panic!("value column expected") };
        assert_eq!((m.name.as_str(), m.side.as_deref()), ("预算数", Some("支出")));
    }

    #[test]
    fn a_side_printed_three_times_keeps_its_pairs_apart() {
        // 西安市住房和城乡建设局 2022 收支总表: 支出 by function class, by 部门 and by 政府 economic class.
        let roles = column_roles(&paths(&[
            "收入 / 项目",
            "收入 / 预算数",
            "支出 / 支出功能分类科目（按大类）",
            "支出 / 预算数",
            "支出 / 部门预算支出经济分类科目（按大类）",
            "支出 / 预算数",
        ]));
        assert_eq!(roles[2], ColumnRole::Label);
        assert_eq!(roles[4], ColumnRole::Label);
        let sides: Vec<Option<&str>> = [1, 3, 5]
            .iter()
            .map(|&i| match &roles[i] {
                ColumnRole::Value(m) if m.name == "预算数" => m.side.as_deref(),
                other => panic!("value column expected, got {other:?}"),
            })
            .collect();
        assert_eq!(sides, [Some("收入"), Some("支出"), Some("支出 / 部门预算支出经济分类科目（按大类）")]);
    }

    #[test]
    fn split_code_columns_with_a_function_subject_label() {
        let roles = column_roles(&paths(&["类", "款", "项", "功能科目", "合计"]));
        assert_eq!(
            roles[..4],
            [ColumnRole::CodePart(0), ColumnRole::CodePart(1), ColumnRole::CodePart(2), ColumnRole::Label]
        );
    }

    #[test]
    fn code_and_label_columns() {
        let roles = column_roles(&paths(&["功能分类科目 / 科目编码", "功能分类科目 / 科目名称", "项目支出"]));
        assert_eq!(roles[0], ColumnRole::Code);
        assert_eq!(roles[1], ColumnRole::Label);
        assert!(matches!(&roles[2], ColumnRole::Value(m) if m.name == "项目支出" && m.side.is_none()));
    }

    #[test]
    fn asset_columns_and_units() {
        let roles = column_roles(&paths(&["项目", "数量", "价值（金额单位：万元）"]));
        assert!(matches!(&roles[1], ColumnRole::Value(m) if m.quantity.is_some()));
        assert!(matches!(&roles[2], ColumnRole::Value(m) if m.name == "价值" && m.unit == Some(MoneyUnit::WanYuan)));
        assert_eq!(unit_in_label("1、房屋（平方米）").as_deref(), Some("平方米"));
        assert_eq!(unit_in_label("2、车辆（台、辆）").as_deref(), Some("台、辆"));
        assert_eq!(unit_in_label("一、因公出国（境）费"), None);
    }

    #[test]
    fn a_merged_code_and_name_header_over_a_blank_one_names_both_columns() {
        let roles = column_roles(&paths(&["", "科目编码科目名称", "金额"]));
        assert_eq!(roles[0], ColumnRole::Code);
        assert_eq!(roles[1], ColumnRole::Label);
        assert!(matches!(roles[2], ColumnRole::Value(_)));
        // A code header of its own keeps the column before it as it was.
        let roles = column_roles(&paths(&["", "科目编码", "金额"]));
        assert_eq!(roles[1], ColumnRole::Code);
        assert!(matches!(roles[0], ColumnRole::Value(_)));
    }
}
