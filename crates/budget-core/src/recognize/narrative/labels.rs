//! From the words before a number to a label, a fact key and a classification code.
//!
//! The label is the nearest noun phrase as printed: the clause before the number, cut at the
//! last `，、：`, with the connectives around it stripped (`其中：`, `包括`, `和`, a leading
//! agency name up to `2020年`, trailing `预算`, `安排`, `为`, `共计` …).

use std::sync::OnceLock;

use regex::Regex;

use crate::catalog::{economic, function};
use crate::model::CodeScheme;

/// Clause separators: a label never reaches back over one of these.
const SEPARATORS: [char; 8] = ['，', ',', '：', ':', '、', '；', ';', '。'];

/// Words that open a clause without being part of the label, stripped repeatedly.
const LEADING: &[&str] = &[
    "其中",
    "：",
    ":",
    "主要包括",
    "包括",
    "如",
    "和",
    "及",
    "以及",
    "另",
    "含",
    "即",
    "我单位",
    "本单位",
    "我部门",
    "本部门",
    "我局",
    "部门",
    "本级",
    "主要用于保证正常运转的",
    "主要用于",
    "共有",
    "当年",
    "全年",
];

/// Words that close a clause without being part of the label, stripped repeatedly
/// (`预算` stays after `总`: `收入总预算`).
const TRAILING: &[&str] =
    &["为", "是", "达到", "共计", "合计", "安排", "预算数", "预算", "财政拨款", "执行数", "金额", "约", "共", "计"];

/// Level markers of the function classification, full- and half-width.
const LEVEL_MARKERS: [&str; 6] = ["（类）", "（款）", "（项）", "(类)", "(款)", "(项)"];

/// The clause of `text` that ends at byte `end` and starts after `start_floor`: from the last
/// separator (or `start_floor`) to `end`.
pub(super) fn clause(text: &str, start_floor: usize, end: usize) -> &str {
    let window = text.get(start_floor..end).unwrap_or("");
    let window = match window.rfind(SEPARATORS) {
        Some(at) => {
            let sep_len = window[at..].chars().next().map_or(1, char::len_utf8);
            &window[at + sep_len..]
        }
        None => window,
    };
    // `（其中车辆保有辆0辆`: what follows 其中 is the label.
    window.rfind("其中").map_or(window, |at| &window[at + "其中".len()..])
}

fn year_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // `2026 度` (年 dropped from 年度) is a year too.
    RE.get_or_init(|| Regex::new(r"([0-9]{2,4})\s*年度?|([0-9]{4})\s*度").expect("year pattern compiles"))
}

fn date_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^[0-9]{1,2}月(?:[0-9]{1,2}日)?(?:底|末)?").expect("date pattern compiles"))
}

/// The last `2020年` printed in a clause (4 digits only).
pub(super) fn year_in(clause: &str) -> Option<i32> {
    year_regex()
        .captures_iter(clause)
        .filter_map(|c| c.get(1).or(c.get(2)).filter(|m| m.as_str().len() == 4).and_then(|m| m.as_str().parse().ok()))
        .last()
}

/// The year a sentence opens with (`2022年，…`).
pub(super) fn opening_year(sentence: &str) -> Option<i32> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"^\s*([0-9]{4})\s*年[，,]").expect("opening year pattern compiles"));
    re.captures(sentence).and_then(|c| c.get(1)).and_then(|m| m.as_str().parse().ok())
}

/// A label and, for a 类/款/项 chain (`…事务（款）社会保险经办机构（项）`), the printed parent.
pub(super) struct Label {
    /// The label as printed.
    pub text: String,
    /// The name printed just before the label in a 类/款/项 chain.
    pub parent: Option<String>,
}

/// Clean a clause into a label.
pub(super) fn label_of(clause: &str) -> Label {
    let mut text: String = clause.chars().filter(|c| !c.is_whitespace()).collect();
    // Everything up to the last year is context (agency name, `2020年`); keep what follows it.
    if let Some(last) = year_regex().find_iter(&text).last() {
        let after = text.get(last.end()..).unwrap_or("").to_string();
        let before = text.get(..last.start()).unwrap_or("").to_string();
        text = if is_connective(&after) { before } else { after };
    }
    if let Some(date) = date_regex().find(&text) {
        text = text.get(date.end()..).unwrap_or("").to_string();
    }
    let mut text = strip_affixes(&drop_ordinal(&drop_context(&text)));
    let mut parent = None;
    if LEVEL_MARKERS.iter().any(|m| text.ends_with(m)) {
        let cut = LEVEL_MARKERS
            .iter()
            .filter_map(|m| {
                text.len()
                    .checked_sub(m.len())
                    .and_then(|end| text.get(..end))
                    .and_then(|h| h.rfind(m).map(|at| at + m.len()))
            })
            .max();
        if let Some(cut) = cut {
            let head = text.get(..cut).unwrap_or("");
            let parent_start = LEVEL_MARKERS
                .iter()
                .filter_map(|m| {
                    head.len()
                        .checked_sub(m.len())
                        .and_then(|end| head.get(..end))
                        .and_then(|h| h.rfind(m).map(|at| at + m.len()))
                })
                .max()
                .unwrap_or(0);
            parent = head.get(parent_start..).map(str::to_string);
            text = text.get(cut..).unwrap_or("").to_string();
        }
    }
    Label { text, parent }
}

/// Agency names and framing before the label: `…服务中心政府采购` → `政府采购`, `…局机关本级上年末
/// 固定资产` → `上年末固定资产`, `…总体情况为房屋` → `房屋`, `…办公室部门收入预算` → `收入预算`, an
/// unmatched opening `（`.
fn drop_context(text: &str) -> String {
    if LEVEL_MARKERS.iter().any(|m| text.contains(m)) {
        return text.to_string();
    }
    let mut text = text.trim_start_matches(['（', '(']).to_string();
    for marker in ["本级", "中心", "局", "办公厅", "部门", "为"] {
        if let Some(at) = text.rfind(marker) {
            let rest = &text[at + marker.len()..];
            // `占部门预算总支出的`: the base of a share, no agency before a label.
            if at > 0 && !is_connective(rest) && !text.starts_with('占') {
                text = rest.to_string();
            }
        }
    }
    text
}

/// A list ordinal or a closing bracket left at the start (`一）收入预算总计` → `收入预算总计`,
/// `）部门预算收入` after `（本级）` → `部门预算收入`).
fn drop_ordinal(text: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(?:[（(]?[一二三四五六七八九十]+[)）、．.]|[（(]?[0-9]{1,2}[)）、．]|[)）]+)")
            .expect("ordinal pattern compiles")
    });
    let stripped = re.replace(text, "");
    if stripped.is_empty() {
        text.to_string()
    } else {
        stripped.into_owned()
    }
}

/// Words that say which figure of a year a number is (预算, 决算, 年初预算数, 实际支出), not what it
/// is of: a label made of them alone names no subject.
const PHASE_WORDS: &[&str] = &[
    "预算数",
    "预算",
    "决算数",
    "决算",
    "支出决算",
    "收入决算",
    "年初预算数",
    "年初预算",
    "年初",
    "全年预算数",
    "全年预算",
    "调整预算数",
    "调整预算",
    "实际支出",
    "实际执行",
    "执行数",
    "预算支出",
    "预算执行数",
    "支出执行数",
    "本年预算",
    "本年预算数",
    "上年预算",
    "上年预算数",
    "上年决算",
    "上年决算数",
    "上年执行数",
    "初预算",
];

/// Whether a label is only a phase word (or empty): the subject is elsewhere in the sentence.
pub(super) fn is_phase_only(label: &str) -> bool {
    let name = crate::text::compact(label);
    name.is_empty() || PHASE_WORDS.contains(&name.as_str())
}

/// Whether a text is nothing but connectives (`预算`, `为`, `安排`, …).
fn is_connective(text: &str) -> bool {
    let mut rest = text.trim_matches(|c: char| c.is_whitespace() || SEPARATORS.contains(&c));
    while let Some(word) = LEADING.iter().chain(TRAILING).find(|w| rest.starts_with(*w)) {
        rest = &rest[word.len()..];
    }
    rest.is_empty()
}

fn strip_affixes(text: &str) -> String {
    let mut text = text.trim_matches(|c: char| c.is_whitespace() || SEPARATORS.contains(&c)).to_string();
    loop {
        let before = text.clone();
        for word in LEADING {
            if text.len() > word.len() && text.starts_with(word) {
                text = text[word.len()..].to_string();
            }
        }
        for word in TRAILING {
            let keep_total_budget = *word == "预算" && text.ends_with("总预算");
            // `收入总计` keeps its 计 (the label is 收入总计, not 收入总).
            let keep_grand_total = matches!(*word, "计" | "合计") && text.ends_with("总计");
            if text.len() > word.len() && text.ends_with(word) && !keep_total_budget && !keep_grand_total {
                text.truncate(text.len() - word.len());
            }
        }
        if text == before {
            return text;
        }
    }
}

/// The controlled key of a label (see [`crate::recognize::FACT_KEYS`]).
///
/// Glossary: 收入预算/收入总计/预算收入 → `income_total`; 一般公共预算拨款 → `general_budget_grant`;
/// 上年结转 → `carryover_in`; 人员经费 / (日常)公用经费 → personnel / public; “三公”经费 →
/// `three_public_total`; 机关运行经费 → `operating_costs`; 车辆 (counted in 辆) → `vehicles`;
/// 编制 → `staff_authorized`; 实有人数 → `staff_actual`.
pub(super) fn key_of(label: &str, unit: Option<&str>) -> &'static str {
    let name = crate::text::compact(label);
    if unit.is_some_and(|u| u.ends_with(['%', '％'])) {
        // Shares (`基本支出占比 60%`) are no amount of the keyed item: they are shares.
        let share = name.ends_with("占比") || name.starts_with('占') || name.contains("比重") || name.contains("所占");
        return if share { "share" } else { "other" };
    }
    let money = unit.is_some_and(|u| crate::money::MoneyUnit::from_word(u).is_some());
    let spending = name.contains("支出");
    const CONTAINS: &[(&str, &str)] = &[
        ("三公", "three_public_total"),
        ("因公出国", "overseas_travel"),
        ("公务接待", "official_reception"),
        ("公务用车购置及运", "official_vehicles"),
        ("公务用车购置", "vehicle_purchase"),
        ("公务用车运", "vehicle_operation"),
        ("车辆购置", "vehicle_purchase"),
        ("车购置", "vehicle_purchase"),
        ("车辆运行", "vehicle_operation"),
        ("车运行维护", "vehicle_operation"),
        ("机关运行经费", "operating_costs"),
        ("运行经费", "operating_costs"),
        ("政府采购货物", "procurement_goods"),
        ("政府采购工程", "procurement_works"),
        ("政府采购服务", "procurement_services"),
        ("政府采购", "procurement_total"),
        ("会议费", "meeting_costs"),
        ("培训费", "training_costs"),
        ("人员经费", "personnel_expenditure"),
        ("公用经费", "public_expenditure"),
        ("基本支出", "basic_expenditure"),
        ("项目支出", "project_expenditure"),
    ];
    if let Some((_, key)) = CONTAINS.iter().find(|(word, _)| name.contains(word)) {
        return key;
    }
    if !money {
        return count_key(&name, unit);
    }
    if name.contains("固定资产") || name.contains("资产总额") {
        return "asset_total";
    }
    if !spending && !name.contains("安排") {
        const FUNDS: &[(&str, &str)] = &[
            ("上年结转", "carryover_in"),
            ("政府性基金", "gov_fund_grant"),
            ("国有资本经营", "state_capital_grant"),
            ("一般公共预算", "general_budget_grant"),
            ("财政专户", "special_account_funds"),
            ("事业单位经营收入", "business_income"),
            ("经营收入", "business_income"),
            ("事业收入", "public_service_income"),
            ("上级补助收入", "superior_subsidy"),
            ("附属单位上缴收入", "subordinate_remittance"),
            ("其他收入", "other_income"),
            // 非同级财政拨款 / 非财政拨款: money that is not this government's grant.
            ("非同级财政", "other"),
            ("非财政拨款", "other"),
            ("财政拨款", "fiscal_grant_total"),
        ];
        if let Some((_, key)) = FUNDS.iter().find(|(word, _)| name.contains(word)) {
            return key;
        }
    }
    if spending && is_funds_expenditure(&name) {
        // `一般公共预算财政拨款支出`, `财政拨款预算支出`: this year's spending of one fund.
        return "expenditure_this_year";
    }
    const INCOME: &[&str] = &[
        "收入",
        "收入总计",
        "收入总额",
        "收入总预算",
        "预算收入",
        "全部收入",
        "收入预算总计",
        "收入预算总额",
        "收入预算总",
        "收支总预算",
        "收支预算总额",
        "收支预算总计",
        "收支总额",
        "收支预算",
        "总收入",
    ];
    const EXPENDITURE: &[&str] =
        &["支出", "支出总计", "支出总额", "支出总预算", "总支出", "支出预算总计", "支出预算总额", "支出预算总"];
    // `部门预算收入`, `单位收入总计`: the scope word names no other figure.
    let name = name.trim_start_matches("部门").trim_start_matches("单位").trim_start_matches("本级");
    if INCOME.contains(&name) {
        "income_total"
    } else if EXPENDITURE.contains(&name) {
        "expenditure_total"
    } else if matches!(name, "本年收入合计" | "本年收入") {
        "income_this_year"
    } else if matches!(name, "本年支出合计" | "本年支出") {
        "expenditure_this_year"
    } else {
        "other"
    }
}

/// `一般公共预算财政拨款支出`, `财政拨款预算支出`, `政府性基金预算支出`: a fund's word and 支出, nothing else.
fn is_funds_expenditure(name: &str) -> bool {
    let funds = ["一般公共预算", "政府性基金", "国有资本经营", "财政拨款"];
    if !funds.iter().any(|w| name.contains(w)) {
        return false;
    }
    let mut rest = name.to_string();
    for word in funds.iter().chain(&["预算", "拨款", "安排的", "安排", "本年", "当年", "财政"]) {
        rest = rest.replace(word, "");
    }
    rest == "支出"
}

/// The key of a count (not money): vehicles (`执法执勤用车 3辆`), vehicles to buy, subordinate units
/// and internal offices (`下属单位3个`, `内设机构8个`), staff (编制, 实有人数) and retirees.
fn count_key(name: &str, unit: Option<&str>) -> &'static str {
    let unit = unit.unwrap_or("");
    match unit {
        "辆" | "台" if name.contains("车") => {
            if name.contains("购") {
                "vehicles_purchased"
            } else {
                "vehicles"
            }
        }
        "个" | "家" if ["内设机构", "处室", "科室", "职能处", "内设"].iter().any(|w| name.contains(w)) => {
            "office_count"
        }
        "个" | "家" if name.contains("单位") && !name.contains("项目") => "unit_count",
        "人" | "名" if name.contains("编制") => "staff_authorized",
        "人" | "名" if name.contains("实有") || name.contains("在职") => "staff_actual",
        "人" | "名" if name.contains("离退休") || name.contains("退休") => "retirees",
        _ if name.contains("编制") && unit.is_empty() => "staff_authorized",
        _ => "other",
    }
}

/// Why a fact is keyed `other`: `percentage` (a share or rate), `classified_item` (an amount of a
/// function or economic classification item: see its code), `no_subject` (the label is only a
/// phase word or empty: the subject is not printed in the sentence), `count` (a count of projects,
/// meetings, people served …), `not_a_key_figure` (an amount of something no key names).
pub(super) fn unkeyed_reason(label: &str, unit: Option<&str>, coded: bool) -> &'static str {
    let money = unit.is_some_and(|u| crate::money::MoneyUnit::from_word(u).is_some());
    if unit.is_some_and(|u| u.ends_with(['%', '％'])) {
        "percentage"
    } else if coded {
        "classified_item"
    } else if is_phase_only(label) {
        "no_subject"
    } else if !money {
        "count"
    } else {
        "not_a_key_figure"
    }
}

/// The classification code a label names, when exactly one catalog name matches: the function
/// classification when the label carries a 类/款/项 marker (the printed parent breaks ties),
/// else the 部门 economic classification first, then (unless `economic_list`: the label is an
/// item of a list of economic items, `基本工资…、提租补贴…`) the function classification.
pub(super) fn code_of(label: &Label, year: Option<i32>, economic_list: bool) -> Option<(String, CodeScheme)> {
    let has_marker = LEVEL_MARKERS.iter().any(|m| label.text.contains(m));
    let name = LEVEL_MARKERS.iter().fold(label.text.clone(), |name, m| name.replace(m, ""));
    if name.is_empty() {
        return None;
    }
    let function_code = || function_code_of(&name, label.parent.as_deref(), year);
    if has_marker {
        return function_code().map(|code| (code, CodeScheme::Function));
    }
    let mut economic: Vec<&str> = economic::by_name(&name, CodeScheme::DeptEconomic).iter().map(|e| e.code).collect();
    economic.sort_unstable();
    economic.dedup();
    match economic.as_slice() {
        [code] => Some((code.to_string(), CodeScheme::DeptEconomic)),
        [] if !economic_list => function_code().map(|code| (code, CodeScheme::Function)),
        _ => None,
    }
}

fn function_code_of(name: &str, parent: Option<&str>, year: Option<i32>) -> Option<String> {
    let all = function::entries_named(name);
    let in_year: Vec<_> = all.iter().filter(|e| year.is_none_or(|y| e.is_valid_in(y))).collect();
    let pool: Vec<_> = if in_year.is_empty() { all.iter().collect() } else { in_year };
    let mut codes: Vec<&str> = pool.iter().map(|e| e.code).collect();
    codes.sort_unstable();
    codes.dedup();
    if codes.len() > 1 {
        if let Some(parent) = parent {
            let parent = crate::catalog::normalize_name(parent);
            codes.retain(|code| {
                pool.iter()
                    .filter(|e| e.code == *code)
                    .filter_map(|e| e.parent_code)
                    .any(|p| function::history(p).iter().any(|row| crate::catalog::normalize_name(row.name) == parent))
            });
        }
    }
    match codes.as_slice() {
        [code] => Some(code.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_lose_connectives_agency_and_year() {
        assert_eq!(label_of("其中：基本工资").text, "基本工资");
        assert_eq!(label_of("盐池县医疗保险服务中心2020年“三公”经费财政拨款预算数为").text, "“三公”经费");
        assert_eq!(label_of("盐池县医疗保险服务中心政府采购预算").text, "政府采购");
        let chain =
            label_of("社会保障和就业支出（类）人力资源和社会保障管理事务（款）社会保险经办机构（项）2020年预算");
        assert_eq!(chain.text, "社会保险经办机构（项）");
        assert_eq!(chain.parent.as_deref(), Some("人力资源和社会保障管理事务（款）"));
        assert_eq!(label_of("收入总预算").text, "收入总预算");
        assert_eq!(label_of("（一）收入预算总计").text, "收入预算总计");
        assert_eq!(label_of("2026年深圳市民政局（本级）部门预算收入").text, "预算收入");
        assert_eq!(label_of("某市人民政府办公室部门收入预算为").text, "收入");
        assert_eq!(label_of("2026 度收入预算").text, "收入");
        assert_eq!(label_of("省委办公厅本年收入预算合计").text, "本年收入");
        assert_eq!(year_in("2026 度收入预算"), Some(2026));
        assert_eq!(label_of("温度调节设备").text, "温度调节设备");
        assert_eq!(label_of("部门预算收入").text, "预算收入");
        assert_eq!(label_of("占部门预算总支出的").text, "占部门预算总支出的");
        assert_eq!(label_of("附属单位上缴收入").text, "附属单位上缴收入");
    }

    #[test]
    fn keys_follow_the_glossary() {
        assert_eq!(key_of("一般公共预算财政拨款基本支出", Some("万元")), "basic_expenditure");
        assert_eq!(key_of("日常公用经费", Some("万元")), "public_expenditure");
        assert_eq!(key_of("公务用车购置及运维费", Some("万元")), "official_vehicles");
        assert_eq!(key_of("收入", Some("万元")), "income_total");
        assert_eq!(key_of("车辆", Some("辆")), "vehicles");
        assert_eq!(key_of("事业收入", Some("万元")), "public_service_income");
        assert_eq!(key_of("一般公共预算财政拨款支出", Some("万元")), "expenditure_this_year");
        assert_eq!(key_of("财政拨款收入", Some("万元")), "fiscal_grant_total");
        assert_eq!(key_of("非同级财政拨款预算收入", Some("万元")), "other");
        assert_eq!(key_of("基本支出占比", Some("%")), "share");
        assert_eq!(key_of("部门预算收入", Some("万元")), "income_total");
        assert_eq!(key_of("收支总预算", Some("万元")), "income_total");
        assert_eq!(key_of("收入预算总计", Some("万元")), "income_total");
        assert_eq!(key_of("执法执勤用车", Some("辆")), "vehicles");
        assert_eq!(key_of("内设机构", Some("个")), "office_count");
        assert_eq!(key_of("下属预算单位", Some("个")), "unit_count");
    }
}
