//! Money table rows → tidy line items, one per (row, measure): code, level, parent, name, row
//! role, measure, exact amount in 元, the amount and unit as printed, provenance.

mod code_groups;

use std::sync::OnceLock;

use regex::Regex;

use super::columns::{column_roles, unit_in_label, ColumnRole, Measure};
use crate::blocks::Grid;
use crate::model::{CodeScheme, Level, LineItem, RowRole, Table, Warning};
use crate::money::{parse_amount, CellValue, MoneyUnit};
use crate::text::compact;
use code_groups::BodyRows;

/// The classification code of a row, with what it implies.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Code {
    code: String,
    scheme: CodeScheme,
    level: Level,
}

impl Code {
    fn new(code: String) -> Option<Code> {
        let level = match code.len() {
            3 => Level::Class,
            5 => Level::Section,
            7 => Level::Item,
            _ => return None,
        };
        let scheme = match code.as_bytes().first()? {
            b'2' => CodeScheme::Function,
            b'3' => CodeScheme::DeptEconomic,
            b'5' => CodeScheme::GovEconomic,
            _ => return None,
        };
        // 7-digit economic codes are local 项 under a 款 (北京's `3021101-差旅费` under 30211); a
        // 7-digit code of the 政府预算 economic scheme is not printed.
        (scheme != CodeScheme::GovEconomic || level != Level::Item).then_some(Code { code, scheme, level })
    }

    fn parent(&self) -> Option<String> {
        match self.level {
            Level::Class => None,
            Level::Section => Some(self.code[..3].to_string()),
            Level::Item => Some(self.code[..5].to_string()),
        }
    }
}

/// A label with a code in front: `2101202 行政单位医疗`, `2101501-行政运行`, `[301]工资福利支出`.
fn split_code_from_label(label: &str) -> Option<(String, String)> {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        Regex::new(r"^\s*[\[【]?(\d{7}|\d{5}|\d{3})[\]】]?\s*[-－—:：、.]?\s*(\D.*)$").expect("valid regex")
    });
    let caps = pattern.captures(label)?;
    Some((caps[1].to_string(), caps[2].trim().to_string()))
}

/// Extract the line items of one money table.
pub(crate) fn extract(
    table: &Table,
    grid: &Grid,
    body: &BodyRows,
    unit: Option<MoneyUnit>,
    warnings: &mut Vec<Warning>,
) -> Vec<LineItem> {
    let roles = column_roles(&table.columns);
    let text = |cell: Option<usize>| cell.map_or("", |i| grid.cells[i].text.trim());
    let codes: Vec<Option<Code>> = row_codes(&roles, body, &text);
    let has_code_column = roles.iter().any(|r| matches!(r, ColumnRole::Code | ColumnRole::CodePart(_)));
    // Several `code | name | amount` groups side by side (人员经费 | 公用经费): a value takes the code
    // printed in the nearest code group to its left (a whole code column, or 类 | 款 | 项 parts
    // starting with a 类 column), and that group's codes tell its subtotals.
    // Code columns under one spanning header (`科目编码` over 类 | 款 | 项 printed as a body row)
    // are one group: the code is printed in any of them.
    let spanned = |c: usize| {
        c > 0
            && roles[c] == ColumnRole::Code
            && roles[c - 1] == ColumnRole::Code
            && table.columns[c] == table.columns[c - 1]
    };
    let code_columns: Vec<usize> = (0..roles.len())
        .filter(|&c| matches!(roles[c], ColumnRole::Code | ColumnRole::CodePart(0)) && !spanned(c))
        .collect();
    let side_codes: Vec<Vec<Option<Code>>> = if code_columns.len() > 1 {
        let group = |k: usize| {
            let (start, end) = (code_columns[k], code_columns.get(k + 1).copied().unwrap_or(roles.len()));
            let own: Vec<ColumnRole> = (0..roles.len())
                .map(|c| if (start..end).contains(&c) { roles[c].clone() } else { ColumnRole::Serial })
                .collect();
            row_codes(&own, body, &text)
        };
        (0..code_columns.len()).map(group).collect()
    } else {
        Vec::new()
    };
    let group_sides = code_groups::group_sides(&roles, &code_columns, body, &text);
    let two_sided = roles.iter().any(|r| matches!(r, ColumnRole::Value(m) if m.side.is_some()));
    let mut items = Vec::new();

    for (position, ((_, cells), code)) in body.iter().zip(&codes).enumerate() {
        let mut label = String::new();
        // Whether the last label column so far is blank (a first row without a 科目名称 is the total).
        let mut blank_label = true;
        let mut label_code = None;
        for (col, role) in roles.iter().enumerate() {
            let cell = cells.get(col).copied().flatten();
            match role {
                // Several label columns on one side (`预算单位 | 科目编码 | 科目名称`): the last one
                // printed names the row. Label columns that start sides always reset it.
                ColumnRole::Label if text(cell).is_empty() && !two_sided => blank_label = true,
                ColumnRole::Label => {
                    blank_label = text(cell).is_empty();
                    label = text(cell).to_string();
                    label_code = split_code_from_label(&label).and_then(|(c, _)| Code::new(c));
                }
                ColumnRole::Value(measure) => {
                    let side = code_columns.iter().rposition(|&c| c < col).filter(|_| !side_codes.is_empty());
                    let (code, codes_below) = match side {
                        Some(k) => (side_codes[k][position].clone(), &side_codes[k][position + 1..]),
                        None => (code.clone(), &codes[position + 1..]),
                    };
                    let code = code.or_else(|| label_code.clone());
                    let unlabelled_total = position == 0 && has_code_column && blank_label && code.is_none();
                    let role = row_role(&label, code.as_ref(), codes_below, unlabelled_total);
                    if label.is_empty() && code.is_none() && !unlabelled_total && text(cell).is_empty() {
                        continue;
                    }
                    let group_side = side.and_then(|k| group_sides[k].clone()).filter(|_| measure.side.is_none());
                    let grouped = group_side.map(|side| Measure { side: Some(side), ..measure.clone() });
                    let measure = grouped.as_ref().unwrap_or(measure);
                    // `栏次 | 1 | 2 | …`: the columns' numbers, a header row left in the body.
                    if compact(&label) == "栏次" {
                        continue;
                    }
                    let Some(item) = line_item(table, grid, cell, measure, &label, code, role, unit, warnings) else {
                        continue;
                    };
                    items.push(item);
                }
                _ => {}
            }
        }
    }
    items
}

#[allow(clippy::too_many_arguments)]
fn line_item(
    table: &Table,
    grid: &Grid,
    cell: Option<usize>,
    measure: &Measure,
    label: &str,
    code: Option<Code>,
    row_role: RowRole,
    unit: Option<MoneyUnit>,
    warnings: &mut Vec<Warning>,
) -> Option<LineItem> {
    let printed = cell.map_or("", |i| grid.cells[i].text.trim());
    let provenance = cell.map(|i| grid.cells[i].provenance.clone()).unwrap_or_else(|| table.provenance.clone());
    let value = match parse_amount(printed) {
        CellValue::Number(value) => Some(value),
        CellValue::Blank => None,
        CellValue::Text => {
            warnings.push(Warning {
                code: "text_in_value_cell".into(),
                message: format!(
                    "table {} ({}): `{printed}` under `{}` is not a number",
                    table.index, label, measure.name
                ),
                provenance,
            });
            return None;
        }
    };
    let money_unit = measure.unit.or(unit);
    let (amount, unit_printed, is_money) = match &measure.quantity {
        Some(quantity_unit) => {
            let unit = if quantity_unit.is_empty() { unit_in_label(label) } else { Some(quantity_unit.clone()) };
            (value, unit, false)
        }
        None => (
            value.map(|v| v * money_unit.map_or(rust_decimal::Decimal::ONE, MoneyUnit::yuan_factor)),
            money_unit.map(|u| u.as_str().to_string()),
            true,
        ),
    };
    Some(LineItem {
        table_index: table.index,
        table_kind: table.kind,
        table_title: table.title.clone(),
        parent_code: code.as_ref().and_then(Code::parent),
        code_scheme: code.as_ref().map(|c| c.scheme),
        level: code.as_ref().map(|c| c.level),
        code: code.map(|c| c.code),
        name: label.to_string(),
        row_role,
        side: measure.side.clone(),
        measure: measure.name.clone(),
        amount,
        amount_printed: printed.to_string(),
        unit_printed,
        is_money,
        provenance,
    })
}

/// A cell's digits with spaces removed (`2 01 02` → `20102`, blank → empty); `None` unless all digits.
fn printed_digits(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    digits.bytes().all(|b| b.is_ascii_digit()).then_some(digits)
}

/// The code of every body row, from a code column, from 类|款|项 columns (a blank segment
/// continues the rows above, so codes printed only as their last segment get their full form).
fn row_codes<'a>(roles: &[ColumnRole], body: &BodyRows, text: &impl Fn(Option<usize>) -> &'a str) -> Vec<Option<Code>> {
    let mut class = String::new();
    let mut section = String::new();
    body.iter()
        .map(|(_, cells)| {
            let mut whole = None;
            let mut parts: [String; 3] = Default::default();
            for (col, role) in roles.iter().enumerate() {
                let Some(digits) = printed_digits(text(cells.get(col).copied().flatten())) else { continue };
                match role {
                    ColumnRole::Code if !digits.is_empty() => whole = Some(digits),
                    ColumnRole::CodePart(k) => parts[*k] = digits,
                    _ => {}
                }
            }
            if let Some(code) = whole {
                return Code::new(code);
            }
            let [class_part, section_part, item_part] = parts;
            if class_part.is_empty() && section_part.is_empty() && item_part.is_empty() {
                return None;
            }
            if class_part.len() == 3 {
                class = class_part;
                section.clear();
            }
            let mut code = None;
            if !section_part.is_empty() {
                section = if section_part.len() == 2 { format!("{class}{section_part}") } else { section_part };
                code = Some(section.clone());
            } else if item_part.is_empty() && !class.is_empty() && code.is_none() {
                code = Some(class.clone());
            }
            if !item_part.is_empty() {
                code = Some(if item_part.len() == 2 { format!("{section}{item_part}") } else { item_part });
            }
            code.and_then(Code::new)
        })
        .collect()
}

fn row_role(label: &str, code: Option<&Code>, rows_below: &[Option<Code>], unlabelled_total: bool) -> RowRole {
    let compact_label = compact(label);
    let name = strip_numbering(compact_label.trim_end_matches([':', '：']));
    let totals =
        ["合计", "总计", "收入总计", "支出总计", "本年收入合计", "本年支出合计", "收入总数", "支出总数", "资产总额"];
    if unlabelled_total || totals.contains(&name) || name.ends_with("合计") || name.ends_with("总计") {
        return RowRole::Total;
    }
    if name.ends_with("小计") {
        return RowRole::Subtotal;
    }
    if let Some(code) = code {
        let has_child = rows_below
            .iter()
            .flatten()
            .take_while(|c| c.code.starts_with(&code.code[..3]))
            .any(|c| c.code.len() > code.code.len() && c.code.starts_with(&code.code));
        if has_child {
            return RowRole::Subtotal;
        }
    }
    RowRole::Detail
}

/// `一、一般公共预算拨款收入` → `一般公共预算拨款收入`; `（一）` / `1、` / `1.` likewise.
fn strip_numbering(name: &str) -> &str {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        Regex::new(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|\d+[、.]|其中:?)")
            .expect("valid regex")
    });
    pattern.find(name).map_or(name, |m| &name[m.end()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_in_labels() {
        assert_eq!(split_code_from_label("2101202 行政单位医疗"), Some(("2101202".into(), "行政单位医疗".into())));
        assert_eq!(split_code_from_label("2101501-行政运行"), Some(("2101501".into(), "行政运行".into())));
        assert_eq!(split_code_from_label("[301]工资福利支出"), Some(("301".into(), "工资福利支出".into())));
        assert_eq!(split_code_from_label("2023年预算"), None);
        assert_eq!(split_code_from_label("320001成安县"), None);
    }

    #[test]
    fn code_levels_and_parents() {
        let code = Code::new("2101202".into()).unwrap();
        assert_eq!(
            (code.level, code.scheme, code.parent().as_deref()),
            (Level::Item, CodeScheme::Function, Some("21012"))
        );
        let code = Code::new("30101".into()).unwrap();
        assert_eq!(
            (code.level, code.scheme, code.parent().as_deref()),
            (Level::Section, CodeScheme::DeptEconomic, Some("301"))
        );
        // 北京 prints local 项 under economic 款 (`3021101-差旅费`); the 政府经济 scheme has none.
        let code = Code::new("3021101".into()).unwrap();
        assert_eq!((code.level, code.parent().as_deref()), (Level::Item, Some("30211")));
        assert_eq!(Code::new("5010101".into()), None);
        assert_eq!(Code::new("12".into()), None);
    }

    #[test]
    fn total_labels() {
        assert_eq!(row_role("收入总计", None, &[], false), RowRole::Total);
        assert_eq!(row_role("本年支出合计", None, &[], false), RowRole::Total);
        assert_eq!(row_role("总计：", None, &[], false), RowRole::Total);
        assert_eq!(row_role("“三公”经费小计", None, &[], false), RowRole::Subtotal);
        assert_eq!(row_role("一、一般公共预算拨款收入", None, &[], false), RowRole::Detail);
        let child = Code::new("20805".into());
        assert_eq!(
            row_role("社会保障和就业支出", Code::new("208".into()).as_ref(), &[child], false),
            RowRole::Subtotal
        );
    }
}
