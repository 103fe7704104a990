//! The shape of an agency name, and agency names in caption fields (`预算单位：…`, `部门名称` cells)
//! and in the first sentences of the narrative.
//!
//! A name ends in an organ word (局, 委员会, 办公室, 厅, 院, 中心, 馆, 所, 站, 队, 大学, …,
//! optionally followed by 本级 / 机关); a heading (`第二部分`, `一、…`), a title in 《》, a sentence
//! fragment, an amount or a year is never one.

use std::sync::OnceLock;

use regex::Regex;

use crate::catalog::admin::resolve_region;
use crate::text::squeeze;

/// Words an agency name ends with (longest first is not needed: any match counts).
const ORGAN_ENDINGS: &[&str] = &[
    "局",
    "委员会",
    "委",
    "办公室",
    "办公厅",
    "厅",
    "院",
    "中心",
    "馆",
    "所",
    "站",
    "队",
    "大学",
    "学院",
    "学校",
    "中学",
    "小学",
    "幼儿园",
    "部",
    "会",
    "处",
    "署",
    "社",
    "台",
    "园",
    "团",
    "政府",
    "办事处",
    "机构",
    "室",
    "宫",
    "场",
    "党校",
    "联",
    "科",
    "组",
    "区委",
    "县委",
    "市委",
    "省委",
    "校",
    "库",
    "厂",
    "公司",
    "监狱",
    "基地",
    "集团",
];

/// Words no agency name contains: they mark a title, a table, a sentence or a placeholder.
const NOT_IN_NAMES: &[&str] = &[
    "预算",
    "决算",
    "公开",
    "说明",
    "情况",
    "目录",
    "合计",
    "总计",
    "经费",
    "报告",
    "通知",
    "年度",
    "万元",
    "的",
    "是",
    "和其他",
    "关于",
    "以下",
    "主要",
    "包括",
    "负责",
    "下属",
    "所属",
    "部分",
    "XX",
    "xx",
    "ＸＸ",
    "×",
    "…",
];

/// A trailing qualifier kept as printed but ignored for the shape: `（本级）`, `机关本级`, `本级`, `机关`.
fn without_own_office(name: &str) -> &str {
    let mut name = name;
    for suffix in ["（本级）", "(本级)", "（机关）", "(机关)", "（机关本级）", "(机关本级)", "机关本级", "本级", "机关"]
    {
        if let Some(stripped) = name.strip_suffix(suffix) {
            name = stripped;
            break;
        }
    }
    name
}

/// `Some(name)` (trimmed, whitespace removed) when `candidate` has the shape of an agency name.
pub(super) fn agency_shape(candidate: &str) -> Option<String> {
    let name = squeeze(candidate);
    let name = name.trim_matches(|c: char| matches!(c, ':' | '：' | '、' | '，' | ',' | '.' | '。' | '-' | '—' | '_'));
    let name = name.strip_prefix("关于").unwrap_or(name);
    let chars = name.chars().count();
    if !(3..=40).contains(&chars) {
        return None;
    }
    if name.chars().any(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                '《' | '》'
                    | '〈'
                    | '〉'
                    | '<'
                    | '>'
                    | '“'
                    | '”'
                    | '"'
                    | '：'
                    | ':'
                    | '，'
                    | ','
                    | '。'
                    | '；'
                    | ';'
                    | '、'
                    | '？'
                    | '！'
                    | '〔'
                    | '〕'
                    | '['
                    | ']'
                    | '【'
                    | '】'
                    | '/'
                    | '%'
                    | '.'
            )
    }) {
        return None;
    }
    if NOT_IN_NAMES.iter().any(|w| name.contains(w)) || is_heading(name) {
        return None;
    }
    let mut core = without_own_office(name);
    if core.ends_with(['）', ')']) {
        if let Some(i) = core.rfind(['（', '(']) {
            core = &core[..i];
        }
    }
    if !ORGAN_ENDINGS.iter().any(|e| core.ends_with(e)) {
        return None;
    }
    // Unbalanced brackets: a fragment cut in the middle.
    let open = name.matches(['（', '(']).count();
    let close = name.matches(['）', ')']).count();
    if open != close {
        return None;
    }
    Some(name.to_string())
}

/// A section heading rather than a name: `第二部分`, `一、…`, `（一）…`, `1.…`.
fn is_heading(text: &str) -> bool {
    static HEADING: OnceLock<Regex> = OnceLock::new();
    let heading = HEADING.get_or_init(|| {
        Regex::new(r"^(?:第[一二三四五六七八九十百\d]+[部章节条篇]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])")
            .expect("valid regex")
    });
    heading.is_match(text)
}

/// Whether `name` begins with a region (a division name, or 中共 / 国家 / 省 / 市 / 县 / 区 …):
/// required of names read from weaker evidence (sentences).
pub(super) fn starts_with_region(name: &str, year: Option<i32>) -> bool {
    const PREFIXES: &[&str] =
        &["中共", "中国共产党", "国家", "中央", "全国", "中华人民共和国", "共青团", "省", "市", "县", "区", "自治区"];
    PREFIXES.iter().any(|p| name.starts_with(p)) || resolve_region(name, year).is_some_and(|m| m.span.start == 0)
}

/// Labels of caption fields that name the agency, strongest first.
pub(super) const FIELD_LABELS: &[&str] = &[
    "预算单位",
    "单位名称",
    "部门名称",
    "编制单位",
    "编制部门",
    "填报单位",
    "预算部门",
    "预算主管部门",
    "主管部门",
    "部门",
    "单位",
];

/// The agency values of the caption fields in one line: `部门：中共江苏省委办公厅 单位：万元` →
/// `[("部门", "中共江苏省委办公厅")]` (the money unit is not a name). Leading agency codes
/// (`320001成安县…`) are split off into the second element of the value.
pub(super) fn fields_in_line(line: &str) -> Vec<(&'static str, String, Option<String>)> {
    static FIELD: OnceLock<Regex> = OnceLock::new();
    let field = FIELD.get_or_init(|| {
        let labels = FIELD_LABELS.join("|");
        Regex::new(&format!(r"({labels})[:：]")).expect("valid regex")
    });
    let text = squeeze(line);
    let matches: Vec<_> = field.captures_iter(&text).filter_map(|c| c.get(1).map(|m| (m, c.get(0)))).collect();
    let mut out = Vec::new();
    for (index, (label, whole)) in matches.iter().enumerate() {
        let Some(whole) = whole else { continue };
        let end = matches.get(index + 1).map_or(text.len(), |(next, _)| next.start());
        let value = &text[whole.end()..end.max(whole.end())];
        let (code, value) = split_agency_code(value);
        let Some(name) = agency_shape(&value) else { continue };
        let Some(label) = FIELD_LABELS.iter().find(|l| **l == label.as_str()) else { continue };
        out.push((*label, name, code));
    }
    out
}

/// `320001成安县医疗保障局机关本级` → (`320001`, `成安县医疗保障局机关本级`).
pub(super) fn split_agency_code(text: &str) -> (Option<String>, String) {
    let text = text.trim();
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if (3..=12).contains(&digits.len()) && digits.len() < text.len() {
        (Some(digits.clone()), text[digits.len()..].trim_start_matches(['-', ' ']).trim().to_string())
    } else {
        (None, text.to_string())
    }
}

/// The agency a narrative sentence begins with: `上海市中医文献馆是…`, `江苏省政协办公厅2019年度收入…`.
/// Only names that begin with a region count.
pub(super) fn agency_opening_sentence(sentence: &str, year: Option<i32>) -> Option<String> {
    static OPENING: OnceLock<Regex> = OnceLock::new();
    let opening = OPENING.get_or_init(|| {
        Regex::new(r"^(.{3,40}?)(?:是|为|系|作为|主要职[责能]|(?:19|20)\d{2}年)").expect("valid regex")
    });
    let text = squeeze(sentence);
    let name = opening.captures(&text)?.get(1)?.as_str().to_string();
    let name = agency_shape(&name)?;
    starts_with_region(&name, year).then_some(name)
}

/// Whether two names are the same agency printed in a longer and a shorter form
/// (`江苏省委办公厅` / `中共江苏省委办公厅`, `深圳市医疗保障局` / `深圳市医疗保障局（本级）`).
pub(super) fn same_agency(a: &str, b: &str) -> bool {
    let (a, b) =
        (without_own_office(a).trim_end_matches(['）', ')']), without_own_office(b).trim_end_matches(['）', ')']));
    let (a, b) = (a.trim_end_matches(['（', '(']), b.trim_end_matches(['（', '(']));
    a.contains(b) || b.contains(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_non_names() {
        for name in [
            "深圳市医疗保障局（本级）",
            "西南大学",
            "国家信访局",
            "中共上海市普陀区委社会工作部",
            "成安县医疗保障局机关本级",
            "上海市普陀区人民政府石泉路街道办事处（本级）",
            "福州市科学技术局(本级)",
            "松原市医疗保险经办机构",
        ] {
            assert_eq!(agency_shape(name).as_deref(), Some(name), "{name}");
        }
        for text in [
            "第二部分",
            "部门综合",
            "九、一般公共",
            "2026",
            "上海市2026年市级",
            "市级财政科技计划(专项、基金等)",
            "提升医药端医保结算的业务连续性，保",
            "上海市市级",
            "江苏省省级",
            "上海市普陀区XX单位",
            "《中医文献杂志》",
        ] {
            assert_eq!(agency_shape(text), None, "{text}");
        }
    }

    #[test]
    fn fields_skip_the_money_unit() {
        let fields = fields_in_line("部门：中国共产党江苏省委员会办公厅 单位：万元");
        assert_eq!(fields, vec![("部门", "中国共产党江苏省委员会办公厅".to_string(), None)]);
        assert_eq!(fields_in_line("预算单位：上海市中医文献馆")[0].1, "上海市中医文献馆");
    }

    #[test]
    fn opening_sentences() {
        assert_eq!(
            agency_opening_sentence("上海市中医文献馆是上海市卫生健康委员会直属全额预算单位。", None).as_deref(),
            Some("上海市中医文献馆")
        );
        assert_eq!(
            agency_opening_sentence("江苏省政协办公厅2019年度收入、支出预算总计13,377.11", None).as_deref(),
            Some("江苏省政协办公厅")
        );
        assert_eq!(agency_opening_sentence("省政协是我省最广泛的爱国统一战线组织", None), None);
        assert!(same_agency("江苏省委办公厅", "中共江苏省委办公厅"));
        assert!(same_agency("深圳市医疗保障局（本级）", "深圳市医疗保障局"));
    }
}
