//! The standard table sets of disclosures (财预〔2016〕143号 and successors): which tables a
//! 预算 or a 决算 publishes, at the 部门 and at the 单位 level, and how a table or a line of a
//! 目录 is matched to one of them — by its [`TableKind`] or by the words of its title, so new
//! kinds (决算 table kinds, say) slot in by being added to an entry's `kinds`.

use crate::model::{DocumentKind, Scope, Table, TableKind};
use crate::text::compact;

/// One table of the standard set.
pub(crate) struct StandardTable {
    /// Its name in a 预算.
    pub budget_name: &'static str,
    /// Its name in a 决算.
    pub final_name: &'static str,
    /// The recognised kinds that are this table.
    pub kinds: &'static [TableKind],
    /// Whether a compacted title names this table (tried in the order of [`STANDARD`]).
    pub title: fn(&str) -> bool,
    /// Whether every document must publish it (国有资本经营 tables came later and are not in
    /// every year's set; a 目录 that lists one is still checked).
    pub required: bool,
}

impl StandardTable {
    /// The name as printed in a document of `kind`.
    pub fn name(&self, kind: DocumentKind) -> &'static str {
        match kind {
            DocumentKind::Budget => self.budget_name,
            DocumentKind::FinalAccount => self.final_name,
        }
    }
}

/// The standard tables in matching order: the more specific titles first.
pub(crate) const STANDARD: [StandardTable; 9] = [
    StandardTable {
        budget_name: "“三公”经费支出表",
        final_name: "一般公共预算财政拨款“三公”经费支出决算表",
        kinds: &[TableKind::ThreePublicExpenditure],
        title: |t| t.contains("三公"),
        required: true,
    },
    StandardTable {
        budget_name: "政府性基金预算支出表",
        final_name: "政府性基金预算财政拨款收入支出决算表",
        kinds: &[TableKind::GovFundExpenditure],
        title: |t| t.contains("政府性基金") || t.contains("政府基金"),
        required: true,
    },
    StandardTable {
        budget_name: "国有资本经营预算支出表",
        final_name: "国有资本经营预算财政拨款支出决算表",
        kinds: &[TableKind::StateCapitalExpenditure],
        title: |t| t.contains("国有资本经营"),
        required: false,
    },
    StandardTable {
        budget_name: "财政拨款收支总表",
        final_name: "财政拨款收入支出决算总表",
        kinds: &[TableKind::FiscalGrantSummary],
        title: |t| t.contains("财政拨款收支") || t.contains("财政拨款收入支出"),
        required: true,
    },
    StandardTable {
        budget_name: "一般公共预算基本支出表",
        final_name: "一般公共预算财政拨款基本支出决算表",
        kinds: &[TableKind::GeneralBudgetBasicExpenditure],
        title: |t| t.contains("基本支出") && !t.contains("项目支出"),
        required: true,
    },
    StandardTable {
        budget_name: "一般公共预算支出表",
        final_name: "一般公共预算财政拨款支出决算表",
        kinds: &[TableKind::GeneralBudgetExpenditure],
        title: |t| t.contains("一般公共预算") && t.contains("支出"),
        required: true,
    },
    StandardTable {
        budget_name: "收支总表",
        final_name: "收入支出决算总表",
        kinds: &[TableKind::IncomeExpenditureSummary],
        title: |t| t.contains("收支") || t.contains("收入支出"),
        required: true,
    },
    StandardTable {
        budget_name: "收入总表",
        final_name: "收入决算表",
        kinds: &[TableKind::IncomeSummary],
        title: |t| t.contains("收入") && !t.contains("支出") && t.ends_with('表'),
        required: true,
    },
    StandardTable {
        budget_name: "支出总表",
        final_name: "支出决算表",
        kinds: &[TableKind::ExpenditureSummary],
        title: |t| {
            t.contains("支出")
                && !t.contains("收入")
                && !t.contains("项目支出")
                && !t.contains("绩效")
                && !t.contains("采购")
                && !t.contains("购买服务")
                && (t.ends_with("支出总表")
                    || t.ends_with("支出预算表")
                    || t.ends_with("支出决算表")
                    || t.ends_with("支出预算总表"))
        },
        required: true,
    },
];

/// The standard table a title names, as an index into [`STANDARD`].
pub(crate) fn entry_of_title(title: &str) -> Option<usize> {
    let t = compact(title);
    STANDARD.iter().position(|entry| (entry.title)(&t))
}

/// The standard table a table is: by its title, else by its kind.
pub(crate) fn entry_of_table(table: &Table) -> Option<usize> {
    table
        .title
        .as_deref()
        .and_then(entry_of_title)
        .or_else(|| STANDARD.iter().position(|entry| entry.kinds.contains(&table.kind)))
}

/// The tables a document of `kind` must publish, as indices into [`STANDARD`].
pub(crate) fn required() -> impl Iterator<Item = usize> {
    STANDARD.iter().enumerate().filter(|(_, entry)| entry.required).map(|(at, _)| at)
}

/// The name of the set expected of a document: `部门预算公开表（8张）`.
pub(crate) fn set_name(kind: DocumentKind, scope: Option<Scope>) -> String {
    let level = match scope {
        Some(Scope::Unit | Scope::OwnOffice) => "单位",
        _ => "部门",
    };
    format!("{level}{}公开标准表（{}张）", kind.as_str(), required().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_their_standard_table() {
        let name = |t: &str| entry_of_title(t).map(|i| STANDARD[i].budget_name);
        assert_eq!(name("一般公共预算“三公”经费支出表"), Some("“三公”经费支出表"));
        assert_eq!(name("政府性基金预算财政拨款收入支出决算表"), Some("政府性基金预算支出表"));
        assert_eq!(name("2026年部门收支总表"), Some("收支总表"));
        assert_eq!(name("收入决算表"), Some("收入总表"));
        assert_eq!(name("部门支出总表"), Some("支出总表"));
        assert_eq!(name("一般公共预算财政拨款基本支出决算表"), Some("一般公共预算基本支出表"));
        assert_eq!(name("第二部分 2025年部门预算表"), None);
        assert_eq!(name("项目支出绩效目标表"), None);
    }
}
