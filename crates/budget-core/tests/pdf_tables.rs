//! The PDF layout layer on the real documents of `tests/data/corpus`: tables and line items.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Instant;

use budget_core::{parse_bytes, Document, ErrorKind, FindingStatus, LineItem, RowRole, TableKind};
use rust_decimal::Decimal;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/corpus");

fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(CORPUS).join("docs"))
        .expect("the corpus folder exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
}

fn find(fragment: &str) -> PathBuf {
    let matches: Vec<PathBuf> = corpus_files()
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().contains(fragment)))
        .collect();
    assert_eq!(matches.len(), 1, "one corpus file contains {fragment}: {matches:?}");
    matches.into_iter().next().unwrap_or_default()
}

fn parse(fragment: &str) -> Document {
    let path = find(fragment);
    let data = std::fs::read(&path).expect("readable corpus file");
    parse_bytes(&path.file_name().unwrap_or_default().to_string_lossy(), &data)
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// A hand-checked value: the table it is in, a fragment of its row name (compact), its measure
/// fragment, the amount as printed.
struct Checked {
    kind: TableKind,
    name: &'static str,
    measure: &'static str,
    printed: &'static str,
}

const fn checked(kind: TableKind, name: &'static str, measure: &'static str, printed: &'static str) -> Checked {
    Checked { kind, name, measure, printed }
}

fn compact(text: &str) -> String {
    budget_core::text::compact(text)
}

/// Assert each checked value is a line item of its table, printed as given and exact in 元.
fn assert_found(doc: &Document, values: &[Checked]) {
    let mut missing = Vec::new();
    for value in values {
        let yuan = Decimal::from_str(&value.printed.replace(',', "")).expect("decimal") * Decimal::from(10_000);
        let found = doc.line_items.iter().any(|item| {
            item.table_kind == value.kind
                && compact(&item.name).contains(value.name)
                && compact(&item.measure).contains(value.measure)
                && item.amount_printed == value.printed
                && item.amount == Some(yuan)
        });
        if !found {
            missing.push(format!("{:?} {} / {} = {}", value.kind, value.name, value.measure, value.printed));
        }
    }
    assert!(missing.is_empty(), "{}: not found as line items: {missing:#?}", doc.source);
}

use TableKind::{
    ExpenditureSummary as Expenditure, GeneralBudgetBasicExpenditure as Basic, GeneralBudgetExpenditure as General,
    IncomeExpenditureSummary as Summary, ThreePublicExpenditure as ThreePublic,
};

#[test]
fn beijing_report_values_are_line_items() {
    let doc = parse("北京市医疗保障局2026年度部门预算报表");
    assert_found(
        &doc,
        &[
            checked(Summary, "收入总计", "预算数", "110,896.619602"),
            checked(Summary, "一般公共预算拨款收入", "预算数", "110,387.976749"),
            checked(Summary, "上年结转结余", "预算数", "508.642853"),
            checked(Summary, "卫生健康支出", "预算数", "101,857.847222"),
            checked(Summary, "教育支出", "预算数", "9,038.772380"),
            checked(General, "合计", "基本支出/小计", "11,161.558229"),
            checked(Basic, "合计", "合计", "11,161.558229"),
            checked(General, "合计", "项目支出/项目支出总数", "99,735.061373"),
            checked(General, "合计", "人员经费", "10,302.566783"),
            checked(General, "合计", "公用经费", "858.991446"),
            checked(ThreePublic, "", "三公", "77.672600"),
        ],
    );
}

#[test]
fn shenzhen_medical_insurance_values_are_line_items() {
    let doc = parse("深圳市医疗保障局");
    assert_found(
        &doc,
        &[
            checked(Summary, "收入总计", "2026年预算数", "15,480.26"),
            checked(Summary, "一般公共预算拨款", "2026年预算数", "13,607.02"),
            checked(Summary, "本年收入合计", "2026年预算数", "15,332.65"),
            checked(Summary, "上年结余、结转", "2026年预算数", "147.61"),
            checked(Expenditure, "", "基本支出", "11,012.04"),
            checked(Expenditure, "", "项目支出", "4,468.22"),
            checked(Expenditure, "行政运行", "支出总计", "7,517.14"),
            checked(ThreePublic, "", "总计/一般公共预算", "66.04"),
            checked(Expenditure, "", "政府采购项目/小计", "627.40"),
        ],
    );
    // 行政运行 carries its full function code.
    assert!(doc.line_items.iter().any(|i| i.amount_printed == "7,517.14" && i.code.as_deref() == Some("2101501")));
    // 机关运行经费 is stated in the narrative (第八部分), not in a table.
    let operating = Decimal::from_str("1517.96").expect("decimal");
    assert!(
        doc.facts.iter().any(|f| f.key == budget_core::model::FactKey::OperatingCosts && f.value == operating),
        "facts: {:?}",
        doc.facts.iter().map(|f| (&f.key, f.value)).collect::<Vec<_>>()
    );
}

#[test]
fn putuo_final_accounts_values_are_line_items() {
    let doc = parse("普陀区财政局2024年度部门决算");
    assert_found(
        &doc,
        &[
            checked(Summary, "总计", "决算数", "2,995.39"),
            checked(Summary, "本年收入合计", "决算数", "2,946.25"),
            checked(Summary, "一般公共预算财政拨款收入", "决算数", "2,940.05"),
            checked(Summary, "其他收入", "决算数", "6.20"),
            checked(Expenditure, "合计", "基本支出", "2,336.91"),
            checked(Expenditure, "合计", "项目支出", "603.14"),
            checked(Basic, "人员经费合计", "决算数", "2,152.26"),
            checked(Basic, "公用经费合计", "决算数", "184.65"),
            checked(Expenditure, "行政运行", "本年支出合计", "1,511.89"),
            checked(ThreePublic, "", "合计/预算数", "0.95"),
            checked(ThreePublic, "", "公务接待费/预算数", "0.95"),
        ],
    );
    // The 总计 row is on the page after the table's start: one table, not two.
    let table_of = |name: &str| {
        doc.line_items
            .iter()
            .find(|i| i.table_kind == Summary && compact(&i.name) == name)
            .map(|i| (i.table_index, i.provenance.page))
    };
    let (start_table, start_page) = table_of("本年收入合计").expect("本年收入合计 row");
    let (end_table, end_page) = table_of("总计").expect("总计 row");
    assert_eq!(start_table, end_table);
    assert_eq!(end_page, start_page.map(|p| p + 1));
    // 三公 on p18: the 0.95s keep their columns; the empty cells between them stay empty.
    let three_public: Vec<_> =
        doc.line_items.iter().filter(|i| i.table_kind == ThreePublic && i.amount.is_some()).collect();
    assert!(three_public.iter().all(|i| i.provenance.page == Some(18) && i.provenance.bbox.is_some()));
    let printed: Vec<&str> = three_public.iter().map(|i| i.amount_printed.as_str()).collect();
    assert_eq!(printed.iter().filter(|p| **p == "0.95").count(), 2, "{printed:?}");
}

#[test]
fn every_corpus_document_parses_without_panic() {
    let files = corpus_files();
    assert!(files.len() >= 44, "corpus complete: {}", files.len());
    let mut pdf_tables = 0;
    for path in files {
        let data = std::fs::read(&path).expect("readable");
        match parse_bytes(&path.to_string_lossy(), &data) {
            Ok(doc) => {
                if doc.format == "pdf" {
                    assert!(!doc.tables.is_empty() || doc.line_items.is_empty(), "{}", path.display());
                    pdf_tables += usize::from(!doc.tables.is_empty());
                }
            }
            Err(err) => {
                let is_pdf = path.extension().is_some_and(|e| e == "pdf");
                assert!(!is_pdf, "{}: {err}", path.display());
                assert!(matches!(err.kind(), ErrorKind::UnsupportedFormat { .. }), "{}: {err}", path.display());
            }
        }
    }
    assert!(pdf_tables >= 30, "PDFs with tables: {pdf_tables}");
}

/// Prints every line item printed as each hand-checked value of `expected.json`:
/// `cargo test --release --test pdf_tables -- --ignored --nocapture probe_expected`.
#[test]
#[ignore]
fn probe_expected() {
    let expected: serde_json::Value =
        serde_json::from_slice(&std::fs::read(Path::new(CORPUS).join("expected.json")).expect("expected.json"))
            .expect("json");
    for file in expected.as_array().into_iter().flatten() {
        let name = file["file"].as_str().unwrap_or_default();
        if !name.ends_with(".pdf") {
            continue;
        }
        let doc = parse(name.trim_start_matches("docs/"));
        println!("== {name}");
        for fact in file["facts"].as_array().into_iter().flatten() {
            let value = fact["value"].as_str().unwrap_or_default();
            println!("  {} = {value}", fact["what"]);
            for item in doc.line_items.iter().filter(|i| i.amount_printed == value) {
                println!("      {:?} | {} | {} | {:?}", item.table_kind, item.name, item.measure, item.amount);
            }
        }
    }
}

/// The reconciliation of one document: its 收支总表 totals and 一般公共预算支出表 total.
#[derive(Debug, Default)]
struct Reconciliation {
    income_total: Option<Decimal>,
    expenditure_total: Option<Decimal>,
    general_grant: Option<Decimal>,
    carry_over: Option<Decimal>,
    general_expenditure_total: Option<Decimal>,
}

fn reconcile(doc: &Document) -> Reconciliation {
    let summary: Vec<_> = doc.line_items.iter().filter(|i| i.table_kind == Summary && i.amount.is_some()).collect();
    let side_is = |item: &&budget_core::LineItem, side: &str| item.side.as_deref().is_some_and(|s| s.contains(side));
    // The grand total of one side: 总计 before 合计 (本年收入合计 excludes carry-overs).
    let total_of = |side: &str| {
        let named = [format!("{side}总计"), "总计".to_string(), format!("{side}合计"), "合计".to_string()];
        named.iter().find_map(|name| {
            summary
                .iter()
                .find(|i| compact(&i.name) == *name && (name.starts_with(side) || side_is(i, side)))
                .and_then(|i| i.amount)
        })
    };
    let income_total = total_of("收入");
    let expenditure_total = total_of("支出");
    // 一般公共预算拨款 on the income side of the 收支总表 (else of the 财政拨款收支总表), and the
    // carry-over of earlier years that a 一般公共预算支出表 may include.
    let grant_in = |kind: TableKind| {
        doc.line_items
            .iter()
            .filter(|i| i.table_kind == kind && i.amount.is_some() && !side_is(i, "支出"))
            .find(|i| {
                let name = compact(&i.name);
                name.contains("一般公共预算") && !name.contains("结转") && !name.contains("结余")
            })
            .and_then(|i| i.amount)
    };
    let general_grant = grant_in(Summary).or_else(|| grant_in(TableKind::FiscalGrantSummary));
    let carry_over = summary
        .iter()
        .filter(|i| !side_is(i, "支出"))
        .find(|i| {
            let name = compact(&i.name);
            (name.contains("结转") || name.contains("结余")) && !name.contains("下年")
        })
        .and_then(|i| i.amount);
    let general_table = doc.line_items.iter().find(|i| i.table_kind == General).map(|i| i.table_index);
    let general_expenditure_total = doc
        .line_items
        .iter()
        .filter(|i| Some(i.table_index) == general_table)
        .filter(|i| {
            let name = compact(&i.name);
            let name = name.trim_end_matches([':', '：']);
            let this_year = !i.measure.contains("执行") && !i.measure.contains("上年");
            this_year
                && (i.row_role == budget_core::RowRole::Total
                    || ["合计", "总计", "支出合计", "支出总计"].contains(&name))
        })
        .filter_map(|i| i.amount)
        .max();
    Reconciliation { income_total, expenditure_total, general_grant, carry_over, general_expenditure_total }
}

/// Per-PDF reconciliation and whole-pipeline speed, for the report:
/// `cargo test --release --test pdf_tables -- --ignored --nocapture reconciliation_report`.
#[test]
#[ignore]
fn reconciliation_report() {
    let (mut pages, mut seconds) = (0usize, 0f64);
    let (mut with_summary, mut balanced, mut with_general, mut general_ok) = (0, 0, 0, 0);
    for path in corpus_files().into_iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")) {
        let data = std::fs::read(&path).expect("readable");
        let start = Instant::now();
        let doc = parse_bytes(&path.to_string_lossy(), &data).expect("parses");
        let elapsed = start.elapsed().as_secs_f64();
        seconds += elapsed;
        let n_pages = budget_core::read::pdf::read_pages(&data, &Default::default()).map_or(0, |d| d.pages.len());
        pages += n_pages;
        let r = reconcile(&doc);
        let summary_ok = r.income_total.is_some() && r.income_total == r.expenditure_total;
        with_summary += usize::from(r.income_total.is_some() || r.expenditure_total.is_some());
        balanced += usize::from(summary_ok);
        let general = r.general_expenditure_total.is_some() || r.general_grant.is_some();
        let with_carry_over = r.general_grant.zip(r.carry_over).map(|(g, c)| g + c);
        let general_match = r.general_expenditure_total.is_some()
            && (r.general_expenditure_total == r.general_grant || r.general_expenditure_total == with_carry_over);
        with_general += usize::from(general);
        general_ok += usize::from(general_match);
        let name = path.file_name().unwrap_or_default().to_string_lossy().to_string();
        println!(
            "{} {} {name}: {n_pages} p, {:.0} ms, {} tables | 收入总计 {:?} 支出总计 {:?} | 一般公共预算拨款 {:?} (+上年结转 {:?}) 一般公共预算支出表 {:?}",
            if summary_ok { "OK " } else { "BAD" },
            if general_match { "OK " } else { "BAD" },
            elapsed * 1000.0,
            doc.tables.len(),
            r.income_total,
            r.expenditure_total,
            r.general_grant,
            r.carry_over,
            r.general_expenditure_total
        );
    }
    println!("收支总表 balanced: {balanced} of {with_summary} with totals");
    println!("一般公共预算支出表 total = 一般公共预算拨款: {general_ok} of {with_general}");
    println!("pipeline: {pages} pages in {seconds:.2} s = {:.0} pages/s", pages as f64 / seconds);
}

/// Ruling segments and characters per page, for diagnosis: `PDF_SEGMENTS=<file fragment>`.
#[test]
#[ignore]
fn probe_segments() {
    let Ok(fragment) = std::env::var("PDF_SEGMENTS") else { return };
    let data = std::fs::read(find(&fragment)).expect("readable");
    let doc = budget_core::read::pdf::read_pages(&data, &Default::default()).expect("reads");
    for page in &doc.pages {
        let h = page.segments.iter().filter(|s| s.is_horizontal()).count();
        println!(
            "p{} {}x{} rot {} chars {} h {h} v {}",
            page.number,
            page.width,
            page.height,
            page.rotation,
            page.chars.len(),
            page.segments.len() - h
        );
    }
}

/// Prints the blocks of one page: `PDF_BLOCKS=<file fragment>:<page>`.
#[test]
#[ignore]
fn probe_blocks() {
    let Ok(probe) = std::env::var("PDF_BLOCKS") else { return };
    let Some((fragment, page)) = probe.rsplit_once(':') else { return };
    let page: u32 = page.parse().unwrap_or(1);
    let data = std::fs::read(find(fragment)).expect("readable");
    let blocks = budget_core::read::pdf::read_blocks(&data, &Default::default()).expect("reads");
    for block in blocks.blocks.iter().filter(|b| b.provenance.page == Some(page)) {
        match &block.kind {
            budget_core::BlockKind::Table(grid) => {
                println!("TABLE {}x{}", grid.n_rows, grid.n_cols);
                for row in 0..grid.n_rows {
                    let cells: Vec<String> = grid
                        .row(row)
                        .map(|c| format!("[{},{} {}x{}] {}", c.row, c.col, c.row_span, c.col_span, c.text))
                        .collect();
                    println!("  {}", cells.join(" | "));
                }
            }
            _ => println!("PARA {:?}", block.text()),
        }
    }
    for warning in &blocks.warnings {
        println!("WARN {warning}");
    }
}

/// The document's own arithmetic on the whole corpus: 收入总计 = 支出总计 in the 收支总表, and the
/// 一般公共预算支出表 total = 一般公共预算拨款 (with carry-over where the table includes it).
#[test]
fn corpus_summary_tables_reconcile() {
    let (mut balanced, mut general) = (Vec::new(), Vec::new());
    for path in corpus_files().into_iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")) {
        let data = std::fs::read(&path).expect("readable");
        let doc = parse_bytes(&path.to_string_lossy(), &data).expect("parses");
        let r = reconcile(&doc);
        let name = path.file_name().unwrap_or_default().to_string_lossy().to_string();
        if r.income_total.is_some() && r.income_total == r.expenditure_total {
            balanced.push(name.clone());
        }
        let with_carry_over = r.general_grant.zip(r.carry_over).map(|(g, c)| g + c);
        if r.general_expenditure_total.is_some()
            && (r.general_expenditure_total == r.general_grant || r.general_expenditure_total == with_carry_over)
        {
            general.push(name);
        }
    }
    for expected in
        ["普陀区财政局", "北京市医疗保障局", "深圳市医疗保障局", "广州市气象局", "长春市信访局", "福州市商务局"]
    {
        assert!(balanced.iter().any(|n| n.contains(expected)), "{expected}: 收支总表 balanced");
    }
    // 西安住房 prints three 支出 label/value pairs (function class, 部门 and 政府 economic class);
    // 长沙公安 prints a column-number row `** | ** | 1 | 2 | …` under an unruled header.
    assert!(balanced.iter().any(|n| n.contains("西安_住房和建设局")), "西安住房: 收支总表 balanced");
    assert!(general.iter().any(|n| n.contains("长沙市公安局")), "长沙公安: 一般公共预算支出表 = 拨款");
    assert_eq!((balanced.len(), general.len()), (36, 33), "{balanced:?}\n{general:?}");
}

/// The label/value pairs of a 支出 side printed three times stay apart: each pair is its own side,
/// and the 支出总计 of each is a line item of that side.
#[test]
fn a_summary_table_with_three_expenditure_pairs() {
    let doc = parse("西安_住房和建设局");
    let totals: Vec<(Option<&str>, &str)> = doc
        .line_items
        .iter()
        .filter(|i| i.table_kind == TableKind::IncomeExpenditureSummary && i.name.contains("总计"))
        .map(|i| (i.side.as_deref(), i.name.as_str()))
        .collect();
    assert_eq!(
        totals,
        [
            (Some("收入"), "收入总计"),
            (Some("支出"), "支出总计"),
            (Some("支出 / 部门预算支出经济分类科目（按大类）"), "支出总计"),
            (Some("支出 / 政府预算支出经济分类科目（按大类）"), "支出总计"),
        ]
    );
}

/// A column-number row with placeholders in the label columns (`** | ** | ** | ** | 1 | 2 | …`) is
/// header, not a total row of 1, 2, 3; the name column headed 功能科目 gives the row names.
#[test]
fn a_column_number_row_with_placeholders_is_not_a_total() {
    let doc = parse("长沙市公安局");
    let income: Vec<&LineItem> =
        doc.line_items.iter().filter(|i| i.table_kind == TableKind::IncomeSummary && i.measure == "合计").collect();
    assert_eq!((income[0].name.as_str(), income[0].amount_printed.as_str()), ("合计", "68,632.12"));
    assert!(income.iter().all(|i| i.amount_printed != "1"), "the column numbers are not line items");
    assert!(income.iter().any(|i| i.code.as_deref() == Some("20402") && i.name == "公安"));
    // The unit is printed after the 单位名称 in the caption; `其中:经费拨款` is part of `金额`, so
    // 合计 = 本级财政拨款 / 金额 + the other sources (no column-sum failure).
    let table = &doc.tables[income[0].table_index];
    assert_eq!(table.unit, Some(budget_core::MoneyUnit::WanYuan));
    let column_fails =
        doc.findings.iter().filter(|f| f.rule == "columns.total_eq_sum" && f.status == FindingStatus::Fail);
    assert_eq!(column_fails.count(), 0);
}

#[test]
fn pages_without_text_are_named_in_the_warnings() {
    let blocks = |fragment: &str| {
        let data = std::fs::read(find(fragment)).expect("readable");
        budget_core::read::pdf::read_blocks(&data, &Default::default()).expect("reads")
    };
    let xiamen = blocks("厦门市市场监督管理局");
    assert!(
        xiamen.warnings.iter().any(|w| w.starts_with("page 2: no text layer, only images")),
        "{:?}",
        xiamen.warnings
    );
    let putuo = blocks("普陀区财政局2024年度部门决算");
    assert!(putuo.warnings.iter().any(|w| w == "page 14: blank page (no text)"), "{:?}", putuo.warnings);
    // Every block and cell says where it is.
    for block in &putuo.blocks {
        assert!(block.provenance.page.is_some() && block.provenance.bbox.is_some(), "{block:?}");
        if let budget_core::BlockKind::Table(grid) = &block.kind {
            assert!(grid.cells.iter().all(|c| c.provenance.page.is_some() && c.provenance.bbox.is_some()));
        }
    }
}

/// 广州市气象局's 基本支出预算表 prints `总计 | 合计 | 财政拨款一般公共预算 | …` with the grouping of
/// 合计 over the 财政拨款 columns lost in the flat header: which columns each total sums is
/// unknown, so neither is checked (it was 72 false failures), while the other tables' column sums
/// still are.
#[test]
fn two_totals_side_by_side_are_not_summed() {
    let doc = parse("广州市气象局");
    let columns =
        |status| doc.findings.iter().filter(|f| f.rule == "columns.total_eq_sum" && f.status == status).count();
    assert_eq!(columns(FindingStatus::Fail), 0);
    assert!(columns(FindingStatus::Pass) >= 5, "{}", columns(FindingStatus::Pass));
}

/// 杭州市气象局 prints its 收支总表 expenditure side as the function classification without codes
/// (`科学技术支出 | 技术研究与开发 | 科技成果转化与扩散 | 社会保障和就业支出 | …`) and its 收入总表 by
/// unit (`合计 | 杭州市气象局 (部门) | 杭州市气象局 (单位) | 杭州市气象服务中心`): the 类 rows add up to
/// 本年支出合计, the 部门 row repeats 合计 and its 单位 rows add up to it.
#[test]
fn uncoded_function_rows_and_department_rows_are_trees() {
    let doc = parse("杭州市气象局");
    let found = |rule: &str, table: usize, text: &str| -> Vec<&budget_core::Finding> {
        let start = format!("表{table} {text}");
        doc.findings.iter().filter(|f| f.rule == rule && f.message_zh.starts_with(&start)).collect()
    };
    let totals = found("rows.total_eq_sum_parts", 0, "本年支出合计");
    assert_eq!(totals.len(), 1);
    assert_eq!(totals[0].status, FindingStatus::Pass, "{}", totals[0].message_zh);
    assert_eq!(totals[0].numbers.len(), 1 + 4, "科学技术, 社会保障和就业, 卫生健康, 自然资源海洋气象等支出");
    let units = found("rows.parent_eq_sum_children", 1, "杭州市气象局");
    assert!(!units.is_empty() && units.iter().all(|f| f.status == FindingStatus::Pass));
    assert_eq!(units[0].actual, Some(Decimal::from_str("58766700.00").unwrap()), "5,011.05 + 865.62 万元");
    // 人员支出 2,906.80 万元 is 49.46 % of the amounts the sentence lists (their sum is the base: the
    // shares are of the listed amounts), printed 49.4 %: cut off, not rounded: a warning.
    let share = doc.findings.iter().find(|f| f.message_zh.starts_with("「人员支出」占比")).expect("share finding");
    assert_eq!(share.status, FindingStatus::Warn, "{}", share.message_zh);
    assert!(
        share.message_zh.ends_with("（差额 0.0633 个百分点，容差 0.0503 个百分点）；截尾取数则一致"),
        "{}",
        share.message_zh
    );
}

/// 佛山市交通运输局's 基本支出表 prints two `code | name | amount` groups side by side (人员经费 |
/// 公用经费): each amount takes the code of its own group (it took the other group's code, and
/// every name of the first group disagreed with the catalog).
#[test]
fn side_by_side_code_groups_keep_their_own_codes() {
    let doc = parse("佛山_2026年佛山市交通运输局");
    let code_of = |name: &str| {
        let item = doc.line_items.iter().find(|i| i.name == name).unwrap_or_else(|| panic!("{name}"));
        (item.code.as_deref(), item.side.as_deref())
    };
    assert_eq!(code_of("工资福利支出"), (Some("301"), Some("人员经费")));
    assert_eq!(code_of("基本工资"), (Some("30101"), Some("人员经费")));
    assert_eq!(code_of("办公费"), (Some("30201"), Some("公用经费")));
    let catalog_warnings =
        doc.findings.iter().filter(|f| f.rule == "catalog.economic_name" && f.status == FindingStatus::Warn);
    assert_eq!(catalog_warnings.count(), 0);
}

/// 深圳市民政局's tables print `预算单位 | 科目编码 | 科目名称 | …`: the unit names the first (total)
/// row, the 科目名称 the coded rows, and a 科目 under a 类 printed as `一、教育支出` sums its 款 rows
/// only (not their 项 rows as well).
#[test]
fn unit_and_subject_label_columns_name_their_rows() {
    let doc = parse("深圳市民政局");
    let first = doc.line_items.iter().find(|i| i.table_kind == TableKind::GeneralBudgetExpenditure).expect("items");
    assert_eq!((first.name.as_str(), first.row_role), ("深圳市民政局（本级）", RowRole::Total));
    assert!(doc.line_items.iter().any(|i| i.code.as_deref() == Some("205") && i.name == "教育支出"));
    assert!(doc.line_items.iter().all(|i| i.measure != "预算单位"), "预算单位 is a label, not a measure");
    let warned = doc.findings.iter().filter(|f| f.rule.starts_with("catalog.") && f.status == FindingStatus::Warn);
    assert_eq!(warned.count(), 0);
    let parents = doc.findings.iter().filter(|f| f.rule == "rows.parent_eq_sum_children");
    assert!(parents.clone().count() > 0 && parents.clone().all(|f| f.status == FindingStatus::Pass));
}

/// 深圳市医疗保障局's 收支总表 prints `上年结余、结转` with its parts `1.财政拨款结余、结转` and
/// `2.非财政拨款结余、结转` below it: 收入总计 is 本年收入合计 + 上年结余、结转 (the parts were added a
/// second time), and the parts add up to their row. Its 支出总表 has a 支出总计 column and a
/// `2026年政府采购项目 / 小计` one: the table's total is 支出总计.
#[test]
fn an_unnumbered_row_owns_the_numbered_rows_below_it() {
    let doc = parse("深圳市医疗保障局");
    let found = |rule: &str, start: &str| -> &budget_core::Finding {
        let matches: Vec<&budget_core::Finding> =
            doc.findings.iter().filter(|f| f.rule == rule && f.message_zh.starts_with(start)).collect();
        assert_eq!(matches.len(), 1, "{rule} {start}: {matches:?}");
        matches[0]
    };
    let total = found("rows.total_eq_sum_parts", "表1 收入总计");
    assert_eq!(total.status, FindingStatus::Pass, "{}", total.message_zh);
    let labels: Vec<&str> = total.numbers.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, ["收入总计 | 2026年预算数", "本年收入合计 | 2026年预算数", "上年结余、结转 | 2026年预算数"]);
    let carried = found("rows.parent_eq_sum_children", "表1 上年结余、结转");
    assert_eq!(carried.status, FindingStatus::Pass, "{}", carried.message_zh);
    assert_eq!(carried.actual, Some(Decimal::from_str("1476100.00").unwrap()), "147.61 + 0.00 万元");
    let across = found("across.expenditure_total", "表1");
    assert_eq!(across.status, FindingStatus::Pass, "{}", across.message_zh);
    assert_eq!(across.actual, Some(Decimal::from_str("154802600.00").unwrap()), "支出总计 15,480.26 万元");
}
