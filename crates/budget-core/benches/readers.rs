//! Read each native-format fixture into blocks (the reader alone, no recognition); reports
//! MB/s per format. The `hostile` group times the inputs the limit tests feed the readers (a
//! 1 KB zip bomb, 10,000-deep XML and HTML, a truncated DOCX, a .doc, the fuzz finds): each must
//! end in its typed error well under a second. `html_linear` reads the shapes that make HTML
//! parsers quadratic at 1,000 and 8,000 repetitions: a linear reader takes about 8 times as long
//! for the larger. Run with `cargo bench -p budget-core --bench readers`.

use budget_core::read::{read_blocks, ReadOptions};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

#[path = "../tests/common/zip.rs"]
mod zip_util;
use zip_util::zip_of;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");

fn readers(c: &mut Criterion) {
    let options = ReadOptions::default();
    let mut group = c.benchmark_group("read_blocks");
    for name in ["seed_001.docx", "seed_001.xlsx", "seed_001.xls", "seed_001.html", "seed_002.docx", "seed_002.xlsx"] {
        let path = format!("{FIXTURES}/{name}");
        let Ok(data) = std::fs::read(&path) else {
            eprintln!("skipping {path}: not found");
            continue;
        };
        group.throughput(Throughput::Bytes(data.len() as u64));
        group.bench_function(name, |b| b.iter(|| read_blocks(name, &data, &options).expect("fixture reads")));
    }
    group.finish();
}

fn hostile(c: &mut Criterion) {
    let deep_xml = format!("<w:document>{}{}</w:document>", "<w:p>".repeat(10_000), "</w:p>".repeat(10_000));
    let docx = std::fs::read(format!("{FIXTURES}/seed_001.docx")).unwrap_or_default();
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.resize(1024, 0);
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    doc.resize(4096, 0);
    let mut inputs: Vec<(String, Vec<u8>)> = vec![
        ("zip_bomb.docx".into(), zip_of(&[("word/document.xml", &vec![0u8; 4 << 20])])),
        ("deep.docx".into(), zip_of(&[("word/document.xml", deep_xml.as_bytes())])),
        ("deep.html".into(), format!("<html><body>{}x", "<div>".repeat(10_000)).into_bytes()),
        ("truncated.docx".into(), docx[..docx.len() / 2].to_vec()),
        ("binary.doc".into(), doc),
    ];
    let fuzz = std::fs::read_dir(format!("{FIXTURES}/fuzz")).into_iter().flatten().flatten();
    inputs.extend(
        fuzz.filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).ok()?))),
    );
    let options = ReadOptions::default();
    let mut group = c.benchmark_group("hostile");
    for (name, data) in &inputs {
        group.bench_function(name.as_str(), |b| b.iter(|| read_blocks(name, data, &options)));
    }
    group.finish();
}

fn html_linear(c: &mut Criterion) {
    type Shape = (&'static str, fn(usize) -> String);
    let shapes: [Shape; 3] = [
        ("nested_tables", |n| format!("{}x", "<table><tr><td>a<td>".repeat(n))),
        ("unclosed_cells", |n| format!("<table>{}</table>", "<tr><td>1.00<td>合计<p>x".repeat(n))),
        ("paragraphs", |n| "<p>单位：万元<br>&nbsp;".repeat(n)),
    ];
    let mut options = ReadOptions::default();
    options.max_html_depth = 100_000;
    let mut group = c.benchmark_group("html_linear");
    for (name, make) in shapes {
        for n in [1000, 8000] {
            let page = make(n);
            group.bench_with_input(BenchmarkId::new(name, n), &page, |b, page| {
                b.iter(|| read_blocks("t.html", page.as_bytes(), &options))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, readers, hostile, html_linear);
criterion_main!(benches);
