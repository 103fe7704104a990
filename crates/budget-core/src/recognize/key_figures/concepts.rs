//! Printed words → key figure concepts: a row label or a column header (one component of a
//! flattened header path) names a key (`基本支出` → `basic_expenditure`), a fund (`一般公共预算`),
//! a plain amount (`合计`, `预算数`, `金额`), or something no key figure is (`上缴上级支出`).

use std::sync::OnceLock;

use regex::Regex;

use crate::model::{DocumentKind, Funds, Phase};
use crate::text::compact;

/// What a row label or header component says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Word {
    /// A plain amount or the table's own theme (`合计`, `金额`, `2026年预算数`, `一般公共预算支出`).
    Neutral,
    /// A key figure.
    Key(&'static str),
    /// A fund, as a column of an expenditure table (`一般公共预算` under 支出).
    Funds(Funds),
    /// Something that is none of the key figures (`上缴上级支出`, `教育收费`).
    Other,
}

/// Which side of the budget a label is read on: income words (`一般公共预算` = the grant) or
/// expenditure words (`一般公共预算` = the fund it is spent from).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// 收入.
    Income,
    /// 支出.
    Expenditure,
}

fn ordinal_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:[(][一二三四五六七八九十百0-9]+[)][、.．]?|[一二三四五六七八九十百0-9]+[)、.．])")
            .expect("ordinal pattern compiles")
    })
}

fn year_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(20[0-9]{2})年度?").expect("year pattern compiles"))
}

/// A label without spaces, list ordinals (`一、`, `（二）`, `3.`) and `其中：`.
pub(super) fn clean(label: &str) -> String {
    let mut text = compact(label);
    if let Some(at) = text.rfind("其中") {
        let rest = text[at + "其中".len()..].trim_start_matches([':', '：']);
        if !rest.is_empty() {
            text = rest.to_string();
        }
    }
    let stripped = ordinal_regex().replace(&text, "").to_string();
    if stripped.is_empty() {
        text
    } else {
        stripped
    }
}

/// Words of amounts and of a table's own theme: what is left of a header once these are removed
/// says whether it names anything.
const NEUTRAL_WORDS: &[&str] = &[
    "本年",
    "当年",
    "年初",
    "全年",
    "调整后",
    "调整",
    "本期",
    "单位",
    "部门",
    "预算数",
    "决算数",
    "执行数",
    "预算",
    "决算",
    "金额",
    "合计",
    "小计",
    "总计",
    "数",
    "收入",
    "支出",
    "用途",
    "项目名称",
    "财政拨款",
    "一般公共",
    "政府性基金",
    "国有资本经营",
    "计",
];

fn is_neutral(text: &str) -> bool {
    let mut rest = year_regex().replace_all(text, "").to_string();
    for word in NEUTRAL_WORDS {
        rest = rest.replace(word, "");
    }
    rest.is_empty()
}

/// The fund a label names (`一般公共预算…`, `政府性基金…`, `国有资本经营…`, `财政拨款…`).
pub(crate) fn funds_named(text: &str) -> Option<Funds> {
    if text.contains("一般公共预算") {
        Some(Funds::GeneralBudget)
    } else if text.contains("政府性基金") {
        Some(Funds::GovFund)
    } else if text.contains("国有资本经营") {
        Some(Funds::StateCapital)
    } else if text.contains("财政拨款") || text.contains("预算拨款") {
        Some(Funds::FiscalGrants)
    } else {
        None
    }
}

/// Keys named anywhere in a label, whichever side (first match wins).
const ANY_SIDE: &[(&str, &str)] = &[
    ("三公", "three_public_total"),
    ("因公出国", "overseas_travel"),
    ("公务接待", "official_reception"),
    ("公务用车购置及运行", "official_vehicles"),
    ("公务用车购置和运行", "official_vehicles"),
    ("公务用车费", "official_vehicles"),
    ("车购置", "vehicle_purchase"),
    ("车辆购置", "vehicle_purchase"),
    ("车运行", "vehicle_operation"),
    ("车辆运行", "vehicle_operation"),
    ("运行维护费", "vehicle_operation"),
    ("机关运行经费", "operating_costs"),
    ("会议费", "meeting_costs"),
    ("培训费", "training_costs"),
    ("人员经费", "personnel_expenditure"),
    ("人员支出", "personnel_expenditure"),
    ("日常公用", "public_expenditure"),
    ("公用经费", "public_expenditure"),
    ("公用支出", "public_expenditure"),
    ("基本支出", "basic_expenditure"),
    ("项目支出", "project_expenditure"),
];

/// The word a label or header component says, read on `side`.
pub(super) fn word(label: &str, side: Side) -> Word {
    let text = clean(label);
    if text.is_empty() {
        return Word::Neutral;
    }
    if let Some((_, key)) = ANY_SIDE.iter().find(|(w, _)| text.contains(w)) {
        return Word::Key(key);
    }
    if let Some(key) = carryover(&text) {
        return key;
    }
    if let Some(key) = total(&text, side) {
        return Word::Key(key);
    }
    match side {
        Side::Income => income(&text),
        Side::Expenditure => match funds_named(&text) {
            Some(funds) if is_neutral(&text) => Word::Funds(funds),
            _ if is_neutral(&text) => Word::Neutral,
            _ => Word::Other,
        },
    }
}

/// 上年结转 (carried in) and 结转下年 (carried out); 非财政拨款 carry-overs are a part, not the key.
fn carryover(text: &str) -> Option<Word> {
    let out = ["结转下年", "年末结转", "年终结转", "结余下年", "结转结余下年"];
    let carried = text.contains("结转") || text.contains("结余");
    // `年末财政拨款结转和结余`: the year's end names the carry-over out, whatever stands between.
    if out.iter().any(|w| text.contains(w)) || (carried && (text.starts_with("年末") || text.starts_with("年终"))) {
        return Some(Word::Key("carryover_out"));
    }
    if (text.contains("结余") || text.contains("结转")) && (text.contains("非财政") || text.contains("使用")) {
        return Some(Word::Other);
    }
    let into = ["上年结转", "上年结余", "年初结转", "结余、结转", "结余,结转", "结转结余", "结转和结余"];
    if into.iter().any(|w| text.contains(w)) {
        return Some(Word::Key("carryover_in"));
    }
    None
}

/// 收入总计 / 本年收入合计 / 支出总计 / 本年支出合计 (收入合计 is resolved by the caller).
fn total(text: &str, side: Side) -> Option<&'static str> {
    let income = match text {
        "收入总计" | "收入总额" | "收入预算总计" => Some("income_total"),
        "本年收入合计" | "本年收入" | "当年收入小计" | "本年收入小计" | "收入合计" => {
            Some("income_this_year")
        }
        "支出总计" | "支出总额" | "支出预算总计" => Some("expenditure_total"),
        "本年支出合计" | "本年支出" | "当年支出小计" | "本年支出小计" | "支出合计" => {
            Some("expenditure_this_year")
        }
        _ => None,
    };
    income.or(match (text, side) {
        ("总计", Side::Income) => Some("income_total"),
        ("总计", Side::Expenditure) => Some("expenditure_total"),
        _ => None,
    })
}

/// Income sources (收入 side): grants by fund, 财政专户, 事业收入, 经营收入, ….
fn income(text: &str) -> Word {
    if text.contains("支出") {
        return Word::Other;
    }
    const SOURCES: &[(&str, &str)] = &[
        ("一般公共预算", "general_budget_grant"),
        ("政府性基金", "gov_fund_grant"),
        ("国有资本经营", "state_capital_grant"),
        ("财政专户", "special_account_funds"),
        ("经营收入", "business_income"),
        ("事业收入", "public_service_income"),
        ("上级补助", "superior_subsidy"),
        ("附属单位上缴", "subordinate_remittance"),
        ("其他收入", "other_income"),
        ("财政拨款", "fiscal_grant_total"),
        ("预算拨款", "fiscal_grant_total"),
    ];
    if let Some((_, key)) = SOURCES.iter().find(|(w, _)| text.contains(w)) {
        // `事业收入（不含教育收费）` is the whole 事业收入; `其中：教育收费` was cut by `clean`.
        return Word::Key(key);
    }
    if is_neutral(text) {
        Word::Neutral
    } else {
        Word::Other
    }
}

/// The names of the budgets, whose `预算` names a fund.
const FUND_BUDGETS: [&str; 3] = ["一般公共预算", "政府性基金预算", "国有资本经营预算"];

/// The phase a header path names (`决算数`, `年初预算数`, `2025年预算数`), else the document's.
pub(crate) fn phase(measure: &str, kind: Option<DocumentKind>, year: Option<i32>) -> Phase {
    // The budgets' names (`一般公共预算财政拨款`) name a fund, not the 预算数.
    let text = FUND_BUDGETS.iter().fold(compact(measure), |text, name| text.replace(name, ""));
    let stated_year = year_regex().captures_iter(&text).filter_map(|c| c.get(1)?.as_str().parse::<i32>().ok()).last();
    if text.contains("上年") || matches!((stated_year, year), (Some(s), Some(y)) if s < y) {
        return Phase::PreviousYear;
    }
    if text.contains("决算") || text.contains("执行数") {
        return Phase::Actual;
    }
    if text.contains("全年预算") || text.contains("调整预算") || text.contains("调整后预算") {
        return Phase::AdjustedBudget;
    }
    if text.contains("预算") {
        return Phase::Budget;
    }
    match kind {
        Some(DocumentKind::FinalAccount) => Phase::Actual,
        _ => Phase::Budget,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_labels_name_their_keys() {
        assert_eq!(word("一、一般公共预算拨款收入", Side::Income), Word::Key("general_budget_grant"));
        assert_eq!(word("1.一般公共预算拨款结余、结转", Side::Income), Word::Key("carryover_in"));
        assert_eq!(word("收 入 总 计", Side::Income), Word::Key("income_total"));
        assert_eq!(word("总计", Side::Expenditure), Word::Key("expenditure_total"));
        assert_eq!(word("二、结转下年", Side::Expenditure), Word::Key("carryover_out"));
        assert_eq!(word("年末财政拨款结转和结余", Side::Expenditure), Word::Key("carryover_out"));
        assert_eq!(word("年初财政拨款结转和结余", Side::Income), Word::Key("carryover_in"));
        assert_eq!(word("五、事业收入", Side::Income), Word::Key("public_service_income"));
        assert_eq!(word("使用非财政拨款结余", Side::Income), Word::Other);
        assert_eq!(word("九、卫生健康支出", Side::Expenditure), Word::Other);
        assert_eq!(word("一般公共预算", Side::Income), Word::Key("general_budget_grant"));
        assert_eq!(word("（二）政府性基金预算拨款", Side::Income), Word::Key("gov_fund_grant"));
    }

    #[test]
    fn header_components_are_keys_funds_or_amounts() {
        assert_eq!(word("2026年预算数", Side::Expenditure), Word::Neutral);
        assert_eq!(word("本年一般公共预算基本支出", Side::Expenditure), Word::Key("basic_expenditure"));
        assert_eq!(word("一般公共预算", Side::Expenditure), Word::Funds(Funds::GeneralBudget));
        assert_eq!(word("政府性基金预算支出", Side::Expenditure), Word::Funds(Funds::GovFund));
        assert_eq!(word("上缴上级支出", Side::Expenditure), Word::Other);
        assert_eq!(word("公务用车购置及运行费", Side::Expenditure), Word::Key("official_vehicles"));
        assert_eq!(word("公务用车运行维护费", Side::Expenditure), Word::Key("vehicle_operation"));
    }

    #[test]
    fn phases_follow_the_header() {
        let budget = Some(DocumentKind::Budget);
        assert_eq!(phase("2025年预算数 / 合计", budget, Some(2026)), Phase::PreviousYear);
        assert_eq!(phase("2026年预算数", budget, Some(2026)), Phase::Budget);
        assert_eq!(phase("年初预算数", Some(DocumentKind::FinalAccount), Some(2024)), Phase::Budget);
        assert_eq!(phase("一般公共预算财政拨款", Some(DocumentKind::FinalAccount), Some(2024)), Phase::Actual);
        assert_eq!(phase("一般公共预算财政拨款", Some(DocumentKind::Budget), Some(2024)), Phase::Budget);
        assert_eq!(phase("合计", Some(DocumentKind::FinalAccount), Some(2024)), Phase::Actual);
    }
}
