//! The 三公 table against the basic expenditure table: the 一般公共预算 basic expenditure table
//! spends on the 三公 economic codes (30212 因公出国, 30217 公务接待, 30231 公务用车运行维护,
//! 31013 公务用车购置) out of the same 财政拨款 the 三公 table reports, so a 三公 item the 三公
//! table prints as blank or zero while the basic table spends on its code contradicts it (a 三公
//! table emptied in part, its cells left blank).

use super::finding::{Finding, FindingStatus};
use super::rules;
use super::tables::DocumentView;
use super::tolerance::Num;
use crate::model::{LineItem, TableKind};
use crate::text::compact;

/// Each 三公 item: its economic code, the word its column or row names it by, and a word that
/// names a column holding more than it (`公务用车购置及运行维护费` is neither 购置 nor 运行 alone).
const ITEMS: [(&str, &str, &str); 4] =
    [("30212", "出国", "合计"), ("30217", "接待", "合计"), ("30231", "运行", "购置"), ("31013", "购置", "运行")];

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    let doc = view.doc;
    let three: Vec<&LineItem> =
        doc.line_items.iter().filter(|i| i.table_kind == TableKind::ThreePublicExpenditure && i.is_money).collect();
    // A 三公 table with no amount at all is the blank-table rule's.
    if three.iter().all(|i| i.amount.is_none()) {
        return;
    }
    for (code, word, broader) in ITEMS {
        let basic = doc
            .line_items
            .iter()
            .filter(|i| i.table_kind == TableKind::GeneralBudgetBasicExpenditure && i.is_money)
            .filter(|i| i.code.as_deref().is_some_and(|c| c.starts_with(code)))
            .filter(|i| i.amount.is_some_and(|a| a.is_sign_positive() && !a.is_zero()))
            .max_by_key(|i| i.amount);
        let Some(basic) = basic else { continue };
        // A column is named by the last line of its header (`公务用车购置及运行费 / 运行费`).
        let names_word = |text: &str| {
            let text = compact(text.rsplit(" / ").next().unwrap_or(text));
            text.contains(word) && !text.contains(broader)
        };
        let cells: Vec<&&LineItem> = three.iter().filter(|i| names_word(&i.measure) || names_word(&i.name)).collect();
        // A blank cell is no line item: the column printed for the item stands for it.
        let headed = doc
            .tables
            .iter()
            .filter(|t| t.kind == TableKind::ThreePublicExpenditure)
            .any(|t| t.columns.iter().any(|c| names_word(c)));
        if cells.is_empty() && !headed {
            continue;
        }
        let spent = Num::from_item(basic).reference("expected");
        let what = format!("{} {}", code, basic.name.trim());
        if cells.iter().any(|c| c.amount.is_some_and(|a| !a.is_zero())) {
            findings.push(rules::ACROSS_THREE_PUBLIC_BASIC.finding(
                FindingStatus::Pass,
                [None; 3],
                None,
                format!("“三公”经费表列有{word}相关金额，基本支出表 {what} {} 万元", basic.amount_printed),
                format!("the 三公 table prints the {code} item the basic table spends {}", basic.amount_printed),
                vec![spent],
            ));
            continue;
        }
        let mut shown: Vec<&str> = cells
            .iter()
            .map(|c| if c.amount_printed.is_empty() { "(空)" } else { c.amount_printed.as_str() })
            .collect();
        if shown.is_empty() {
            shown.push("(空)");
        }
        let table_index = cells.first().map_or(three[0].table_index, |c| c.table_index);
        let mut numbers = vec![spent];
        numbers.extend(cells.iter().map(|c| Num::from_item(c).reference("actual")));
        findings.push(rules::ACROSS_THREE_PUBLIC_BASIC.finding(
            FindingStatus::Fail,
            [None; 3],
            None,
            format!(
                "表{table_index} “三公”经费表中{word}相关项为 {}，而表{} 基本支出 {what} 为 {}",
                shown.join("、"),
                basic.table_index,
                basic.amount_printed
            ),
            format!(
                "table {table_index} prints {} for the 三公 item of code {code}, while the basic expenditure table {} spends {} on it",
                shown.join(", "),
                basic.table_index,
                basic.amount_printed
            ),
            numbers,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    const BASIC: &str = "某市水利局2026年部门预算\n\n一般公共预算基本支出表\n\t单位：万元\n\n\t科目编码\n\t科目名称\n\t合计\n\n\t302\n\t商品和服务支出\n\t2.28\n\n\t30217\n\t公务接待费\n\t0.28\n\n\t30231\n\t公务用车运行维护费\n\t2.00\n\n";

    fn three(reception: &str) -> String {
        format!(
            "一般公共预算“三公”经费支出表\n\t单位：万元\n\n\t合计\n\t因公出国（境）费\n\t公务接待费\n\t公务用车运行维护费\n\n\t2.28\n\t0.00\n\t{reception}\n\t2.00\n\n"
        )
    }

    fn messages(text: &str, status: FindingStatus) -> Vec<String> {
        crate::validate::messages_of(text, "across.three_public_covers_basic", status)
    }

    #[test]
    fn a_blank_three_public_item_the_basic_table_spends_on_fails() {
        let text = format!("{BASIC}{}", three(""));
        let failed = messages(&text, FindingStatus::Fail);
        assert_eq!(failed.len(), 1, "{failed:?}");
        assert!(failed[0].contains("30217") && failed[0].contains("0.28"), "{failed:?}");
        assert_eq!(messages(&format!("{BASIC}{}", three("0.00")), FindingStatus::Fail).len(), 1);
    }

    #[test]
    fn three_public_items_printed_pass() {
        let text = format!("{BASIC}{}", three("0.28"));
        assert!(messages(&text, FindingStatus::Fail).is_empty(), "{:?}", messages(&text, FindingStatus::Fail));
        assert_eq!(messages(&text, FindingStatus::Pass).len(), 2);
    }
}
