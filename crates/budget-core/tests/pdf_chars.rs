//! The PDF reader's low layer on the real documents of `shared/corpus/docs`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use budget_core::read::pdf::{read_pages, Page, PdfDocument, PdfOptions};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/docs");

fn corpus_pdfs() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(CORPUS)
        .expect("the corpus folder exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "pdf"))
        .collect();
    files.sort();
    files
}

/// The corpus file whose name contains `fragment` (exactly one).
fn find(fragment: &str) -> PathBuf {
    let matches: Vec<PathBuf> = corpus_pdfs()
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().contains(fragment)))
        .collect();
    assert_eq!(matches.len(), 1, "one corpus file contains {fragment}: {matches:?}");
    matches.into_iter().next().unwrap_or_default()
}

fn read(path: &Path) -> PdfDocument {
    let data = std::fs::read(path).expect("readable corpus file");
    read_pages(&data, &PdfOptions::default()).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// A page's text in stream order, whitespace removed.
fn compact_text(page: &Page) -> String {
    page.chars.iter().flat_map(|c| c.text.chars()).filter(|c| !c.is_whitespace()).collect()
}

fn document_text(doc: &PdfDocument) -> String {
    doc.pages.iter().map(compact_text).collect()
}

/// Share of Chinese text (ideographs and CJK / full-width / general punctuation) among
/// non-ASCII, non-whitespace characters: near 1 for real Chinese, low for mojibake (Latin-1
/// letters, private-use or replacement characters).
fn cjk_share(text: &str) -> f64 {
    let chinese = |c: &char| matches!(*c, '\u{4E00}'..='\u{9FFF}' | '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}');
    let wide: Vec<char> = text.chars().filter(|c| !c.is_ascii() && !c.is_whitespace()).collect();
    wide.iter().filter(|c| chinese(c)).count() as f64 / wide.len().max(1) as f64
}

#[test]
fn every_corpus_pdf_reads_without_error() {
    let files = corpus_pdfs();
    assert!(files.len() >= 40, "corpus has its PDFs: {}", files.len());
    for path in files {
        let doc = read(&path);
        assert!(!doc.pages.is_empty(), "{}: has pages", path.display());
        let chars: usize = doc.pages.iter().map(|p| p.chars.len()).sum();
        assert!(chars > 0, "{}: has text", path.display());
        for page in &doc.pages {
            assert!(page.width > 100.0 && page.height > 100.0, "{} p{}: page size", path.display(), page.number);
        }
    }
}

#[test]
fn putuo_final_accounts_page_18_has_three_public_table_values() {
    let doc = read(&find("普陀区财政局2024年度部门决算"));
    let text = compact_text(&doc.pages[17]);
    assert!(text.contains("公务接待费"), "p18: {text}");
    assert!(text.contains("0.95"), "p18: {text}");
}

#[test]
fn shenzhen_and_beijing_contain_their_checked_values() {
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(CORPUS).join("../expected.json")).expect("expected.json"),
    )
    .expect("valid JSON");
    let mut checked = 0;
    for entry in expected.as_array().expect("a list of files") {
        let file = entry["file"].as_str().unwrap_or_default();
        if !(file.contains("深圳市医疗保障局") || file.contains("北京市医疗保障局")) {
            continue;
        }
        let doc = read(&Path::new(CORPUS).join("..").join(file));
        let text = document_text(&doc);
        for fact in entry["facts"].as_array().expect("facts") {
            let value = fact["value"].as_str().unwrap_or_default();
            assert!(text.contains(value), "{file}: {} = {value} not in the text", fact["what"]);
            checked += 1;
        }
    }
    assert_eq!(checked, 20);
}

#[test]
fn predefined_cjk_cmaps_decode_to_chinese() {
    // UniGB-UCS2-H on every page, no ToUnicode.
    let yantai = document_text(&read(&find("烟台市信访局")));
    assert!(
        yantai.contains("部门预算") && yantai.contains("收入"),
        "烟台信访: {}",
        yantai.chars().take(200).collect::<String>()
    );
    assert!(cjk_share(&yantai) > 0.97, "烟台信访 CJK share {}", cjk_share(&yantai));
    // GBK-EUC-H on pages 34–35.
    let xian = read(&find("西安_住房和建设局"));
    let pages: String = xian.pages[33..35].iter().map(compact_text).collect();
    assert!(pages.contains("收入") || pages.contains("部门预算"), "西安住房 p34-35: {pages}");
    assert!(cjk_share(&pages) > 0.97, "西安住房 p34-35 CJK share {}", cjk_share(&pages));
}

#[test]
fn lenient_cmaps_give_real_chinese() {
    // Both files' ToUnicode CMaps trip strict parsers (which then fall back to garbage).
    // The 珠海教育 file is, despite its name, a notice about a sports examination.
    for (fragment, phrases) in
        [("深圳市民政局", ["部门预算", "支出"]), ("珠海市教育局", ["珠海市教育局", "考试实施意见"])]
    {
        let doc = read(&find(fragment));
        let text = document_text(&doc);
        for phrase in phrases {
            assert!(text.contains(phrase), "{fragment} lacks {phrase}: {}", text.chars().take(200).collect::<String>());
        }
        assert!(cjk_share(&text) > 0.97, "{fragment}: CJK share {}", cjk_share(&text));
        assert!(!text.contains('\u{FFFD}'), "{fragment}: has unmapped glyphs");
    }
}

/// Per-file timings and counts, for the report: `cargo test --release --test pdf_chars -- --ignored --nocapture`.
#[test]
#[ignore]
fn print_corpus_timings() {
    let (mut total_pages, mut total_seconds) = (0usize, 0f64);
    for path in corpus_pdfs() {
        let data = std::fs::read(&path).expect("readable");
        let start = Instant::now();
        let result = read_pages(&data, &PdfOptions::default());
        let seconds = start.elapsed().as_secs_f64();
        total_seconds += seconds;
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        match result {
            Ok(doc) => {
                total_pages += doc.pages.len();
                let chars: usize = doc.pages.iter().map(|p| p.chars.len()).sum();
                let segments: usize = doc.pages.iter().map(|p| p.segments.len()).sum();
                let unmapped = doc.pages.iter().flat_map(|p| &p.chars).filter(|c| c.text == "\u{FFFD}").count();
                println!(
                    "{seconds:7.3}s {:4} pages {chars:7} chars {segments:6} segs {unmapped:5} unmapped {:3} warnings  {name}",
                    doc.pages.len(),
                    doc.warnings.len()
                );
                for warning in doc.warnings.iter().take(3) {
                    println!("          {warning}");
                }
            }
            Err(err) => println!("{seconds:7.3}s ERROR {err}  {name}"),
        }
    }
    println!("total {total_pages} pages in {total_seconds:.2}s = {:.0} pages/s", total_pages as f64 / total_seconds);
}
