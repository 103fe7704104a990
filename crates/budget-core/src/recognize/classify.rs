//! Which standard table a table is, from its title and header words — never from its position.

use crate::model::TableKind;
use crate::text::compact;

/// Classify a table from its title (as printed, may be empty) and the text of its header rows.
///
/// The title decides when it names a standard table; the header words decide otherwise
/// (e.g. an untitled grid whose header has 一级指标 / 二级指标 is a performance table).
pub(crate) fn classify(title: &str, header: &str) -> TableKind {
    let title = compact(title);
    let header = compact(header);
    by_title(&title).or_else(|| by_header(&header)).unwrap_or(TableKind::Unknown)
}

fn by_title(t: &str) -> Option<TableKind> {
    use TableKind::*;
    let has = |k: &str| t.contains(k);
    let kind = if has("三公") {
        ThreePublicExpenditure
    } else if has("绩效") {
        if has("整体") || has("部门绩效") || has("职责") {
            DepartmentPerformance
        } else {
            ProjectPerformance
        }
    } else if has("政府采购") {
        Procurement
    } else if has("购买服务") {
        ServicePurchase
    } else if has("资产") {
        Assets
    } else if has("机构设置") || has("单位构成") || has("预算单位构成") || has("所属单位") {
        SubUnits
    } else if (has("政府性基金") || has("政府基金")) && (has("收支") || has("收入支出")) {
        GovFundIncomeExpenditure
    } else if has("国有资本经营") && (has("收支") || has("收入支出")) {
        StateCapitalIncomeExpenditure
    } else if has("财政拨款收支") || has("财政拨款收入支出") {
        FiscalGrantSummary
    } else if has("政府性基金") || has("政府基金") {
        GovFundExpenditure
    } else if has("国有资本经营") {
        StateCapitalExpenditure
    } else if has("机关运行经费") {
        OperatingCosts
    } else if has("基本支出") && !has("项目支出") {
        GeneralBudgetBasicExpenditure
    } else if has("一般公共预算") && has("支出") {
        GeneralBudgetExpenditure
    } else if has("项目支出") {
        ProjectExpenditure
    } else if has("收支") || has("收入支出") {
        IncomeExpenditureSummary
    } else if has("收入") && (has("表") || has("总")) {
        IncomeSummary
    } else if has("支出") && (has("表") || has("总")) {
        ExpenditureSummary
    } else {
        return None;
    };
    Some(kind)
}

fn by_header(h: &str) -> Option<TableKind> {
    use TableKind::*;
    let has = |k: &str| h.contains(k);
    let kind = if has("一级指标") || (has("绩效指标") && has("指标值")) {
        ProjectPerformance
    } else if has("职责") && has("绩效") {
        DepartmentPerformance
    } else if has("单位名称") && (has("单位性质") || has("经费保障") || has("单位规格")) {
        SubUnits
    } else if has("因公出国") && has("公务接待") {
        ThreePublicExpenditure
    } else if has("资产总额") || (has("数量") && has("价值")) {
        Assets
    } else if has("绩效目标")
        || has("效益指标")
        || has("满意度指标")
        || has("执行率分值")
        || has("年度资金总额")
        || has("自评分")
    {
        ProjectPerformance
    } else {
        return None;
    };
    Some(kind)
}

/// Whether a text declares its table empty: 空表, 无数据, 本单位无此项, 此表无数据, 无…收支.
///
/// ```ignore
/// assert!(declares_empty("注：无政府基金预算财政拨款预算，空表列示。"));
/// ```
pub(crate) fn declares_empty(text: &str) -> bool {
    let t = compact(text);
    ["空表", "无数据", "本单位无此项", "无此项", "此表为空", "本表无", "无相关数据"].iter().any(|k| t.contains(k))
        || (t.contains('无') && (t.contains("故此表") || t.contains("此表")))
}

/// A short caption-like paragraph that could be a table's title.
pub(crate) fn looks_like_title(text: &str) -> bool {
    let t = compact(text);
    let n = t.chars().count();
    (4..=60).contains(&n)
        && !t.ends_with('。')
        && !t.ends_with('；')
        && (t.ends_with('表') || t.contains("表（") || t.contains("表(") || t.ends_with("情况") || t.ends_with("预算"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use TableKind::*;

    #[test]
    fn standard_titles() {
        let cases = [
            ("单位预算收支总表", IncomeExpenditureSummary),
            ("单位预算收入总表", IncomeSummary),
            ("单位预算支出总表", ExpenditureSummary),
            ("单位预算财政拨款收支总表", FiscalGrantSummary),
            ("单位预算一般公共预算财政拨款支出表", GeneralBudgetExpenditure),
            ("单位预算一般公共预算财政拨款基本支出表", GeneralBudgetBasicExpenditure),
            ("单位预算政府基金预算财政拨款支出表", GovFundExpenditure),
            ("单位预算国有资本经营预算财政拨款支出表", StateCapitalExpenditure),
            ("部门预算财政拨款“三公”经费支出表", ThreePublicExpenditure),
            ("重庆市綦江区医疗保障事务中心一般公共预算“三公”经费支出表", ThreePublicExpenditure),
            ("单位政府采购预算", Procurement),
            ("单位固定资产占用情况表", Assets),
            ("部门机构设置情况", SubUnits),
            ("2、城乡居民医疗保险县配套资金绩效目标表", ProjectPerformance),
            ("部门整体支出绩效目标表", DepartmentPerformance),
            ("收入支出决算总表", IncomeExpenditureSummary),
            ("项目支出表", ProjectExpenditure),
            ("政府性基金预算财政拨款收入支出决算表", GovFundIncomeExpenditure),
            ("国有资本经营预算财政拨款收入支出决算表", StateCapitalIncomeExpenditure),
            ("财政拨款收入支出决算总表", FiscalGrantSummary),
            ("一般公共预算财政拨款基本支出决算表", GeneralBudgetBasicExpenditure),
            ("财政拨款“三公”经费支出决算表", ThreePublicExpenditure),
            ("机关运行经费支出情况表", OperatingCosts),
            ("表2：高等学校收入决算表", IncomeSummary),
        ];
        for (title, kind) in cases {
            assert_eq!(classify(title, ""), kind, "{title}");
        }
    }

    #[test]
    fn header_words_when_the_title_says_nothing() {
        assert_eq!(classify("", "一级指标 二级指标 三级指标 指标值"), ProjectPerformance);
        assert_eq!(classify("机构设置：", "单位名称 单位性质 单位规格 经费保障形式"), SubUnits);
        assert_eq!(classify("", "科目 金额"), Unknown);
        assert_eq!(classify("", "二级预算单位名称 一级项目名称 预算数（万元） 绩效目标"), ProjectPerformance);
        assert_eq!(classify("", "效益指标 社会效益指标 指标1 ≥20%"), ProjectPerformance);
    }

    #[test]
    fn empty_declarations() {
        assert!(declares_empty("注：无政府基金预算财政拨款预算，空表列示。"));
        assert!(declares_empty("（备注：本单位无政府性基金收支，故此表无数据。）"));
        assert!(!declares_empty("注：同一采购目录序号的物品，其单价会因配置规格不同而变动。"));
    }
}
