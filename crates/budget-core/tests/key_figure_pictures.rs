//! Key figures drawn where they were printed, on real documents: the table cell and the number of
//! the narrative sentence both boxed, and the report's key-figure panel (document and corpus).

use std::path::{Path, PathBuf};

use budget_core::picture::{key_figure_caption, key_figure_highlights, locate, PdfPages, Role};

mod common;
use common::{compact, corpus_file, read};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data");

#[test]
fn a_key_figure_boxes_its_table_cell_and_its_narrative_number() {
    let (doc, data) = read(&corpus_file("普陀区财政局"));
    let pages = PdfPages::read(&data).expect("a readable PDF");
    // 公用经费 2024 决算: 184.65 in the 一般公共预算财政拨款基本支出 table (p17) and in the narrative (p23).
    let figure = doc
        .key_figures
        .iter()
        .find(|f| f.key == budget_core::model::FactKey::PublicExpenditure && f.funds.as_str() == "general_budget")
        .expect("公用经费 is a key figure");
    assert_eq!((figure.agree, figure.amount.to_string().as_str()), (Some(true), "1846500.00"));
    let marks = key_figure_highlights(figure);
    assert_eq!(marks.iter().map(|h| (h.role, h.page)).collect::<Vec<_>>(), [(Role::Table, 17), (Role::Text, 23)]);
    for mark in &marks {
        let page = pages.page(mark.page).expect("the page exists");
        let at = pages.narrow(mark).bbox;
        let mut held: Vec<char> = locate::compact_text(&locate::chars_in_box(page, at)).chars().collect();
        held.sort_unstable();
        let wanted = |text: &str| {
            let mut chars: Vec<char> = compact(text).chars().collect();
            chars.sort_unstable();
            chars
        };
        assert!(held == wanted("184.65") || held == wanted("184.65万元"), "{held:?} in {mark:?}");
    }
    let caption = key_figure_caption(figure);
    assert!(caption[0].starts_with("public_expenditure · ") && caption[0].ends_with(" · agree"), "{caption:?}");
    let svg = pages.crop_svg(&marks, &caption).expect("a picture");
    assert!(svg.contains("data-role=\"table\"") && svg.contains("data-role=\"text\""));
    assert!(svg.contains(">table: 184.65</text>") && svg.contains(">text: 184.65万元</text>"));
    assert_eq!(svg.matches("class=\"cnb-page\"").count(), 2, "pages 17 and 23 side by side");
}

#[test]
fn the_report_shows_every_key_figure_and_the_corpus_index_its_headline_figures() {
    let path = corpus_file("普陀区财政局");
    let (doc, data) = read(&path);
    let html = budget_core::report::document_html(&doc, Some(&data));
    let section =
        &html[html.find("id=\"key-figures\"").expect("a key-figure section")..html.find("id=\"tables\"").unwrap()];
    assert_eq!(section.matches("<details").count(), doc.key_figures.len());
    assert_eq!(section.matches("<details open").count(), doc.key_figures.iter().filter(|f| f.agree.is_some()).count());
    assert!(section.matches("<svg xmlns").count() >= doc.key_figures.len() - 1);
    assert!(section.contains(">2,995.39</a>"), "收入总计 2,995.39 links to its table");
    let entry = budget_core::report::CorpusEntry::of(&doc, &path.to_string_lossy(), "0001.html");
    let income = entry.key_figures[0].map(|a| a.to_string());
    assert_eq!(income.as_deref(), Some("29953900.00"), "收入总计 决算数, all funds");
    let index = budget_core::report::corpus_html(&[entry]);
    assert!(index.contains("title=\"income_total\">收入总计</th>") && index.contains(">2,995.39</td>"));
}

#[test]
fn a_key_figure_without_pages_is_its_table_row_with_the_cell_highlighted() {
    // Every document without pages: the seeds (text) and the corpus's spreadsheets and HTML.
    let listed =
        |dir: PathBuf| std::fs::read_dir(dir).expect("a test-data folder").filter_map(|e| e.ok().map(|e| e.path()));
    let mut files: Vec<PathBuf> = listed(Path::new(DATA).join("corpus/docs"))
        .chain(listed(Path::new(DATA).join("seeds")))
        .filter(|p| p.extension().is_some_and(|x| x != "pdf" && x != "json"))
        .collect();
    files.sort();
    let (mut drawn, mut missed) = (0, Vec::new());
    for path in files {
        let (doc, _) = read(&path);
        for (index, figure) in doc.key_figures.iter().enumerate() {
            let Some(cell) = &figure.table else { continue };
            let html = budget_core::report::key_figure_html(&doc, index, None);
            if html.contains(&format!("<td class=\"cited table\">{}</td>", cell.amount_printed)) {
                drawn += 1;
            } else {
                missed.push(format!("{} {} {}", path.display(), figure.key, cell.provenance.location()));
            }
        }
    }
    assert!(drawn > 20 && missed.is_empty(), "{drawn} drawn, missed: {missed:#?}");
}

#[test]
fn a_report_without_pages_highlights_the_cited_cells_in_its_tables() {
    let seeds = Path::new(DATA).join("seeds");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&seeds).expect("seeds").filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    let (doc, _) = read(&files[1]);
    // 001: 收入总计 = 支出总计 = 74,148,100 元, printed 7414.81 in the 收支总表.
    let income = doc
        .key_figures
        .iter()
        .find(|f| f.key == budget_core::model::FactKey::IncomeTotal && f.table.is_some())
        .expect("收入总计");
    let html = budget_core::report::document_html(&doc, None);
    let tables = &html[html.find("id=\"tables\"").expect("a tables section")..html.find("id=\"findings\"").unwrap()];
    let printed = &income.table.as_ref().unwrap().amount_printed;
    assert!(tables.contains(&format!("<td class=\"cited table\">{printed}</td>")), "{printed}");
    assert!(
        tables.matches("<td class=\"cited ").count()
            >= doc.key_figures.iter().filter(|f| f.table.is_some()).count() / 2
    );
}

#[test]
fn the_text_summary_says_where_each_number_is_printed() {
    let (doc, _) = read(&corpus_file("普陀区财政局"));
    let summary = doc.summary();
    let numbers: Vec<&str> = summary.lines().filter(|l| l.starts_with("    ")).collect();
    assert!(!numbers.is_empty(), "{summary}");
    assert!(numbers.iter().all(|l| l.contains("page ") && !l.contains("line 0")), "{summary}");
}
