//! A title naming a disclosure, read into its parts: `2026年深圳市医疗保障局（本级）部门预算` →
//! year 2026, kind 预算, level 部门, agency `深圳市医疗保障局（本级）`.
//!
//! The year is the one written next to the title's 预算/决算 (not a date such as `2026年2月14日`,
//! not a document number such as `〔2025〕`); the agency is what precedes the year and the kind
//! (or follows them), when it has the shape of a name.

use std::sync::OnceLock;

use regex::Regex;

use super::agency::agency_shape;
use crate::model::{DocumentKind, Scope};
use crate::text::squeeze;

/// What a title says.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct TitleParts {
    /// The year the budget or accounts are for.
    pub year: Option<i32>,
    /// 预算 / 决算.
    pub kind: Option<DocumentKind>,
    /// 部门 / 单位, when the title says which.
    pub level: Option<Scope>,
    /// The agency, when the title names one.
    pub agency: Option<String>,
    /// The title names a disclosure (`部门预算`, `单位决算`, `预算公开`, `预算情况说明`, …).
    pub names_disclosure: bool,
}

fn kind_phrase() -> &'static Regex {
    static KIND: OnceLock<Regex> = OnceLock::new();
    KIND.get_or_init(|| Regex::new(r"(部门|单位)?(?:综合|汇总)?(预算|决算)").expect("valid regex"))
}

/// Read a title (any text: it is compacted first).
pub(super) fn parse_title(title: &str) -> TitleParts {
    static DISCLOSURE: OnceLock<Regex> = OnceLock::new();
    let disclosure = DISCLOSURE.get_or_init(|| {
        Regex::new(
            r"(?:部门|单位)(?:综合|汇总)?(?:预算|决算)|(?:预算|决算)(?:信息)?公开|(?:预算|决算)(?:情况)?(?:的)?说明",
        )
        .expect("valid regex")
    });
    let text = strip_leading_markers(&squeeze(title));
    let mut parts = TitleParts { names_disclosure: disclosure.is_match(&text), ..TitleParts::default() };
    let Some(kind) = kind_phrase().captures(&text) else { return parts };
    let whole = kind.get(0).map_or(0..0, |m| m.range());
    parts.kind = Some(if &kind[2] == "决算" { DocumentKind::FinalAccount } else { DocumentKind::Budget });
    parts.level = match kind.get(1).map(|m| m.as_str()) {
        Some("部门") => Some(Scope::Department),
        Some("单位") => Some(Scope::Unit),
        _ => None,
    };
    parts.year = year_near(&text, whole.start);
    parts.agency = agency_in_title(&text, whole.clone());
    parts
}

/// `附件1：`, `第二部分`, `一、`, `（一）` and `1.` at the start of a line.
pub(super) fn strip_leading_markers(text: &str) -> String {
    static MARKERS: OnceLock<Regex> = OnceLock::new();
    let markers = MARKERS.get_or_init(|| {
        Regex::new(r"^(?:附件\d*[:：]?|附表\d*[:：]?|第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)])")
            .expect("valid regex")
    });
    let mut rest = text;
    loop {
        if let Some(m) = markers.find(rest) {
            rest = &rest[m.end()..];
            continue;
        }
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if (1..=2).contains(&digits) {
            if let Some(after) = rest[digits..].strip_prefix(['、', '.', '．']) {
                if !after.starts_with(|c: char| c.is_ascii_digit()) {
                    rest = after;
                    continue;
                }
            }
        }
        return rest.to_string();
    }
}

/// Every year token with its byte range: `2026年`, `2026年度`, `2026` before 部门/单位/预算/决算,
/// `二〇二六年`; dates (`2026年2月`), document numbers (`〔2025〕`) and ranges are left out.
pub(super) fn year_tokens(text: &str) -> Vec<(i32, std::ops::Range<usize>)> {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let year = YEAR.get_or_init(|| {
        Regex::new(
            r"((?:19|20)\d{2}|[〇零○Ｏ一二][〇零○Ｏ一二三四五六七八九]{3})(年度|年|(?:部门|单位|预算|决算|收支|财政))?",
        )
        .expect("valid regex")
    });
    let mut out = Vec::new();
    for c in year.captures_iter(text) {
        let (Some(whole), Some(digits)) = (c.get(0), c.get(1)) else { continue };
        let before = text[..whole.start()].chars().last();
        let after = &text[digits.end()..];
        let numeric = digits.as_str().chars().all(|ch| ch.is_ascii_digit());
        if before
            .is_some_and(|b| b.is_ascii_digit() || matches!(b, '〔' | '[' | '【' | '(' | '（' | '-' | '—' | '~' | '至'))
            || after.starts_with(|ch: char| {
                ch.is_ascii_digit() || matches!(ch, '〕' | ']' | '】' | '-' | '—' | '~' | '/' | '.')
            })
        {
            continue;
        }
        let suffix = c.get(2).map_or("", |m| m.as_str());
        if suffix.is_empty() || (!numeric && !suffix.starts_with('年')) {
            continue;
        }
        // A date: 2026年2月, 二〇二六年三月.
        let rest = &text[c.get(2).map_or(digits.end(), |m| m.end())..];
        if suffix == "年" && rest.chars().take(3).collect::<String>().contains('月') {
            continue;
        }
        let value = if numeric { digits.as_str().parse().ok() } else { chinese_year(digits.as_str()) };
        let end = if suffix.starts_with('年') { whole.end() } else { digits.end() };
        if let Some(value) = value {
            out.push((value, whole.start()..end));
        }
    }
    out
}

fn chinese_year(digits: &str) -> Option<i32> {
    let mut value = 0;
    for c in digits.chars() {
        let d = "〇一二三四五六七八九".chars().position(|x| x == c).or(match c {
            '零' | '○' | 'Ｏ' => Some(0),
            _ => None,
        })?;
        value = value * 10 + i32::try_from(d).ok()?;
    }
    (1980..=2100).contains(&value).then_some(value)
}

/// The year nearest before byte `at` (the kind word), else the first after it.
fn year_near(text: &str, at: usize) -> Option<i32> {
    let tokens = year_tokens(text);
    tokens.iter().rev().find(|(_, r)| r.start < at).or_else(|| tokens.first()).map(|(y, _)| *y)
}

/// The agency in a title: the text before the year and kind phrase, else after them.
fn agency_in_title(text: &str, kind: std::ops::Range<usize>) -> Option<String> {
    static CUT: OnceLock<Regex> = OnceLock::new();
    let cut = CUT.get_or_init(|| {
        Regex::new(r"收支|收入|支出|财政拨款|一般公共|政府性基金|国有资本|三公|——|--").expect("valid regex")
    });
    let years = year_tokens(text);
    let without_years = |range: std::ops::Range<usize>| -> String {
        let mut out = String::new();
        let mut at = range.start;
        for (_, r) in years.iter().filter(|(_, r)| r.start >= range.start && r.end <= range.end) {
            out.push_str(&text[at..r.start]);
            at = r.end;
        }
        out.push_str(&text[at..range.end]);
        out
    };
    let whole = without_years(0..kind.start);
    let trim = |t: &str| t.trim_end_matches(['年', '度', '的']).trim_start_matches("关于").to_string();
    if let Some(name) = agency_shape(&trim(&whole)) {
        return Some(name);
    }
    // `关于X局2026年收支预算情况`: the name ends before the money words.
    let before = trim(cut.find(&whole).map_or(whole.as_str(), |m| &whole[..m.start()]));
    if let Some(name) = agency_shape(&before) {
        return Some(name);
    }
    if before.chars().count() >= 2 {
        return None;
    }
    let after = without_years(kind.end..text.len());
    let after = after.trim_start_matches(|c: char| "信息公开情况的说明报表格文件:：".contains(c));
    agency_shape(after)
}

/// Whether a title names a document of another kind (a notice, a report, a form), which a
/// disclosure is not.
pub(super) fn other_document_type(title: &str) -> Option<&'static str> {
    let text = squeeze(title);
    const TYPES: &[(&str, &str)] = &[
        ("评价报告", "a performance-evaluation report (绩效评价报告)"),
        ("自评报告", "a performance self-evaluation report"),
        ("审计报告", "an audit report"),
        ("申请表", "a form (申请表)"),
        ("流程图", "a flow chart (流程图)"),
        ("通知", "a notice (通知)"),
        ("通告", "a notice (通告)"),
        ("通报", "a circular (通报)"),
        ("公告", "an announcement (公告)"),
        ("办法", "a regulation (办法)"),
        ("规定", "a regulation (规定)"),
        ("实施意见", "a policy document (意见)"),
        ("方案", "a plan (方案)"),
        ("决定", "a decision (决定)"),
        ("批复", "an approval (批复)"),
        ("文件", "an official document (文件)"),
    ];
    if text.contains("评价报告") || text.contains("自评报告") {
        return Some(TYPES[0].1);
    }
    TYPES
        .iter()
        .find(|(word, _)| {
            text.ends_with(word) || (text.contains(word) && !text.contains("预算") && !text.contains("决算"))
        })
        .map(|(_, what)| *what)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(title: &str) -> (Option<i32>, Option<String>, Option<Scope>) {
        let p = parse_title(title);
        (p.year, p.agency, p.level)
    }

    #[test]
    fn titles_of_the_corpus_shapes() {
        assert_eq!(
            parts("2026年深圳市医疗保障局（本级）部门预算"),
            (Some(2026), Some("深圳市医疗保障局（本级）".into()), Some(Scope::Department))
        );
        assert_eq!(parts("上海市2026年市级单位预算"), (Some(2026), None, Some(Scope::Unit)));
        assert_eq!(
            parts("北京市人民政府国有资产监督管理委员会 2026部门预算情况的说明").1.as_deref(),
            Some("北京市人民政府国有资产监督管理委员会")
        );
        assert_eq!(parts("2018年度江苏省高级人民法院预算公开"), (Some(2018), Some("江苏省高级人民法院".into()), None));
        assert_eq!(parts("西安市发展和改革委员会 2019年部门综合预算说明").0, Some(2019));
        assert_eq!(parts("松原市医疗保险经办机构 2024 年单 位预算").1.as_deref(), Some("松原市医疗保险经办机构"));
        assert_eq!(
            parts("盐池县医疗保险服务中心2020年部门预算——单位概况").1.as_deref(),
            Some("盐池县医疗保险服务中心")
        );
        assert_eq!(
            parts("第二部分上海市普陀区规划和自然资源局 2024 年度部门决算表").1.as_deref(),
            Some("上海市普陀区规划和自然资源局")
        );
        assert_eq!(parts("附件：江苏省政协办公厅2019年度部门预算公开表").1.as_deref(), Some("江苏省政协办公厅"));
        assert_eq!(parts("（一）关于湖州市交通运输局2026年收支预算情况的总体").1.as_deref(), Some("湖州市交通运输局"));
        assert_eq!(parts("江苏省2018年度省级部门预算公开报表").1, None);
        assert_eq!(parse_title("2019年佛山市轨道交通局部门决算").kind, Some(DocumentKind::FinalAccount));
    }

    #[test]
    fn names_with_money_words_and_short_titles() {
        assert_eq!(parts("广州市非税收入征收管理局2026年部门预算").1.as_deref(), Some("广州市非税收入征收管理局"));
        assert_eq!(
            parts("武汉市重点项目建设管理中心2025年度单位决算").1.as_deref(),
            Some("武汉市重点项目建设管理中心")
        );
        assert_eq!(parts("关于成都市统计局2024年部门预算的说明").1.as_deref(), Some("成都市统计局"));
        assert_eq!(parts("2026年度部门预算").1, None);
        assert_eq!(parts("二〇二三年度部门决算").0, Some(2023));
    }

    #[test]
    fn dates_and_numbers_are_not_years() {
        assert!(year_tokens("2026年2月14日").is_empty());
        assert!(year_tokens("二〇二六年三月").is_empty());
        assert!(year_tokens("杭政办函〔2025〕30号").is_empty());
        assert_eq!(year_tokens("二〇二六年度部门预算")[0].0, 2026);
        assert_eq!(year_tokens("2026部门预算")[0].0, 2026);
    }

    #[test]
    fn other_documents() {
        assert!(other_document_type("长沙市财政项目支出绩效评价报告").is_some());
        assert!(other_document_type("杭州市人民政府办公厅文件").is_some());
        assert!(other_document_type("济南市审计局政府信息公开申请表").is_some());
        assert_eq!(other_document_type("2026年度福州市商务局部门预算"), None);
        assert_eq!(other_document_type("重庆市水利局2026年部门预算情况说明"), None);
    }
}
