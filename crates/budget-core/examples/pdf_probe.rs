//! Probes of the PDF reader's low layer on the corpus (`tests/data/corpus/docs`), for people
//! working on it; they print, they assert nothing (the tests are in `tests/pdf_chars.rs`).
//!
//! ```text
//! cargo run --release -p budget-core --example pdf_probe -- timings          # per-file timings and counts
//! cargo run --release -p budget-core --example pdf_probe -- dump DIR         # each page's text and char boxes
//! cargo run --release -p budget-core --example pdf_probe -- page FRAGMENT:N  # one page's chars and segments
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use budget_core::read::pdf::{read_pages, PdfDocument, PdfOptions};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/corpus/docs");

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

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["timings"] => timings(),
        ["dump", dir] => dump(dir),
        ["page", probe] => page(probe),
        _ => eprintln!("usage: pdf_probe timings | dump DIR | page FRAGMENT:PAGE"),
    }
}

/// Per-file timings and counts, for the report.
fn timings() {
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
                let blank: Vec<String> = doc
                    .pages
                    .iter()
                    .filter(|p| p.chars.is_empty())
                    .map(|p| format!("p{}{}", p.number, if p.has_images { "(image)" } else { "" }))
                    .collect();
                println!(
                    "{seconds:7.3}s {:4} pages {chars:7} chars {segments:6} segs {unmapped:5} unmapped {:3} warnings  {name}",
                    doc.pages.len(),
                    doc.warnings.len()
                );
                if !blank.is_empty() {
                    println!("          pages without text: {}", blank.join(" "));
                }
                for warning in doc.warnings.iter().take(3) {
                    println!("          {warning}");
                }
            }
            Err(err) => println!("{seconds:7.3}s ERROR {err}  {name}"),
        }
    }
    println!("total {total_pages} pages in {total_seconds:.2}s = {:.0} pages/s", total_pages as f64 / total_seconds);
}

/// Writes each page's text (stream order) to `DIR/<file>/<page>.txt` and its upright character
/// boxes to `<page>.tsv`, for comparing with `pdftotext`.
fn dump(dir: &str) {
    for path in corpus_pdfs() {
        let doc = read(&path);
        let folder = Path::new(&dir).join(path.file_stem().unwrap_or_default());
        std::fs::create_dir_all(&folder).expect("dump folder");
        for page in &doc.pages {
            let text: String = page.chars.iter().map(|c| c.text.as_str()).collect();
            std::fs::write(folder.join(format!("{}.txt", page.number)), text).expect("dump file");
            let upright = page.upright();
            let boxes: String =
                upright.chars.iter().map(|c| format!("{}\t{}\t{}\t{}\t{}\n", c.text, c.x0, c.y0, c.x1, c.y1)).collect();
            std::fs::write(folder.join(format!("{}.tsv", page.number)), boxes).expect("dump file");
        }
    }
}

/// Prints the characters of one page with their boxes: `FRAGMENT:PAGE`.
fn page(probe: &str) {
    let Some((fragment, page)) = probe.rsplit_once(':') else { return };
    let doc = read(&find(fragment));
    let Some(page) = page.parse::<usize>().ok().and_then(|n| doc.pages.get(n.wrapping_sub(1))) else { return };
    println!("page {} {}x{} rot {} images {}", page.number, page.width, page.height, page.rotation, page.has_images);
    for c in &page.chars {
        println!("{:8.2} {:8.2} {:8.2} {:8.2} {:5.2} {} {}", c.x0, c.y0, c.x1, c.y1, c.font_size, c.text, c.font);
    }
    for s in &page.segments {
        println!("seg {:8.2} {:8.2} {:8.2} {:8.2}", s.x0, s.y0, s.x1, s.y1);
    }
}
