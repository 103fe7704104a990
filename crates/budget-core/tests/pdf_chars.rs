//! The PDF reader's low layer on the real documents of `tests/data/corpus/docs`.

use std::path::{Path, PathBuf};

use budget_core::read::pdf::{read_pages, Page, PdfDocument, PdfOptions};

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

/// The boxes `[x0, y0, x1, y1]` of each run of consecutive characters (stream order,
/// whitespace skipped) spelling `text`.
fn find_runs(page: &Page, text: &str) -> Vec<[f32; 4]> {
    let chars: Vec<_> = page.chars.iter().filter(|c| !c.text.trim().is_empty()).collect();
    let wanted: Vec<String> = text.chars().map(String::from).collect();
    chars
        .windows(wanted.len())
        .filter(|window| window.iter().zip(&wanted).all(|(c, w)| c.text == *w))
        .map(|window| {
            window.iter().fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |b, c| {
                [b[0].min(c.x0), b[1].min(c.y0), b[2].max(c.x1), b[3].max(c.y1)]
            })
        })
        .collect()
}

#[test]
fn numbers_sit_right_of_their_row_labels_on_the_same_line() {
    // 深圳医保 p20, 支出总表: `2101501 行政运行 7,517.14 …`.
    let doc = read(&find("深圳市医疗保障局"));
    let page = &doc.pages[19];
    let label = find_runs(page, "行政运行");
    let amount = find_runs(page, "7,517.14");
    assert_eq!((label.len(), amount.len()), (1, 1), "one label and one amount on p20");
    let (label, amount) = (label[0], amount[0]);
    assert!(amount[0] > label[2] + 10.0, "amount {amount:?} right of label {label:?}");
    let overlap = amount[3].min(label[3]) - amount[1].max(label[1]);
    assert!(overlap > 0.5 * (amount[3] - amount[1]), "same line: {amount:?} {label:?}");
    assert!(amount[2] <= page.width && amount[3] <= page.height, "inside the page");
}

#[test]
fn putuo_three_public_values_keep_their_columns_between_rulings() {
    // 普陀决算 p18: 0.95 under 合计/预算数 (column 1 of 12) and again under 公务接待费/预算数
    // (column 11), with nine empty cells between that a text dump loses; the ten vertical
    // rulings between them keep the columns apart.
    let doc = read(&find("普陀区财政局2024年度部门决算"));
    let page = &doc.pages[17];
    let runs = find_runs(page, "0.95");
    assert_eq!(runs.len(), 2, "two 0.95 on p18: {runs:?}");
    let (first, second) = (runs[0], runs[1]);
    assert!((first[1] - second[1]).abs() < 1.0, "same row");
    let total_label = find_runs(page, "合计")[0];
    assert!(first[0] < total_label[2] + 40.0 && first[2] > total_label[0] - 40.0, "first under 合计");
    let reception = find_runs(page, "公务接待费")[0];
    assert!(second[0] > find_runs(page, "公务用车运行费")[0][2], "second right of 公务用车运行费");
    assert!(second[2] > reception[0] - 40.0, "second under 公务接待费 {second:?} {reception:?}");
    let mut columns: Vec<f32> = page
        .segments
        .iter()
        .filter(|s| !s.is_horizontal() && s.y0 <= first[1] && s.y1 >= first[3])
        .map(|s| s.x0)
        .filter(|x| *x > first[2] && *x < second[0])
        .collect();
    columns.sort_by(f32::total_cmp);
    columns.dedup_by(|a, b| (*a - *b).abs() < 2.0);
    assert_eq!(columns.len(), 10, "rulings between the two values: {columns:?}");
    assert!(page.segments.iter().filter(|s| s.is_horizontal()).count() >= 5, "horizontal rulings");
}

#[test]
fn damaged_files_give_errors_or_pages_never_panics() {
    let data = std::fs::read(find("杭州市政府办公厅")).expect("readable");
    for cut in [0, 5, 100, data.len() / 3, data.len() / 2, data.len() - 200] {
        let _ = read_pages(&data[..cut], &PdfOptions::default());
    }
    let mut flipped = data.clone();
    for index in (1000..flipped.len()).step_by(997) {
        flipped[index] ^= 0x5A;
    }
    let _ = read_pages(&flipped, &PdfOptions::default());
    let err = read_pages(b"%PDF-1.7\nnot really", &PdfOptions::default()).expect_err("no page tree");
    assert_eq!(err.kind_name(), "malformed");
}

#[test]
fn rotated_pages_read_left_to_right_once_upright() {
    // 烟台信访 p7 is a landscape table drawn sideways on a portrait page with /Rotate 90.
    let doc = read(&find("烟台市信访局"));
    let page = &doc.pages[6];
    assert_eq!((page.rotation, page.width.round(), page.height.round()), (90, 595.0, 842.0));
    let sideways = find_runs(page, "收入总体情况表")[0];
    assert!(sideways[3] - sideways[1] > sideways[2] - sideways[0], "runs down the unrotated page");
    let upright = page.upright();
    assert_eq!((upright.width.round(), upright.height.round(), upright.rotation), (842.0, 595.0, 0));
    let title = find_runs(&upright, "收入总体情况表")[0];
    assert!(title[2] - title[0] > 5.0 * (title[3] - title[1]), "a horizontal line: {title:?}");
    assert!((title[0] - 396.0).abs() < 2.0 && (title[1] - 79.5).abs() < 2.0, "where a viewer shows it: {title:?}");
}

/// A one-page PDF built with lopdf: `content` on an A4 page whose resources hold a
/// Helvetica (no /Widths), an Identity-H font without ToUnicode, and a Form XObject `/Fm`
/// that draws itself.
fn synthetic_pdf(content: &[u8]) -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let helvetica = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "SimSun", "DW" => 1000,
    });
    let identity = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "SimSun", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(cid_font)],
    });
    let form_id = doc.new_object_id();
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
            "Resources" => dictionary! { "XObject" => dictionary! { "Fm" => Object::Reference(form_id) } },
        },
        b"0 0 m 50 0 l S /Fm Do".to_vec(),
    );
    doc.objects.insert(form_id, Object::Stream(form));
    let resources = dictionary! {
        "Font" => dictionary! { "F1" => Object::Reference(helvetica), "F2" => Object::Reference(identity) },
        "XObject" => dictionary! { "Fm" => Object::Reference(form_id) },
    };
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => Object::Reference(pages_id), "Contents" => Object::Reference(content_id),
        "Resources" => resources, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![Object::Reference(page_id)], "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => Object::Reference(pages_id) });
    doc.trailer.set("Root", Object::Reference(catalog));
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saves");
    out
}

#[test]
fn hostile_content_is_bounded_and_reported() {
    let mut content = b"q ".repeat(5000);
    content.extend_from_slice(b"BT /F1 10 Tf 100 700 Td (Total 12.50) Tj ET /Fm Do ");
    content.extend_from_slice(b"BT /F2 12 Tf 1 0 0 1 100 600 Tm <00410042> Tj ET BT /F9 10 Tf (x) Tj ET");
    content.extend_from_slice(&b" Q".repeat(6000));
    let doc = read_pages(&synthetic_pdf(&content), &PdfOptions::default()).expect("reads");
    let page = &doc.pages[0];
    let text: String = page.chars.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(text, "Total 12.50\u{FFFD}\u{FFFD}");
    let xs: Vec<f32> = page.chars.iter().take(11).map(|c| c.x0).collect();
    assert!(xs.windows(2).all(|pair| pair[1] > pair[0]), "advancing: {xs:?}");
    assert!((page.chars[0].y1 - (842.0 - 700.0)).abs() < 3.0, "baseline near y=142 from the top: {:?}", page.chars[0]);
    // The form's line is drawn once; its call to itself is caught as a cycle.
    assert_eq!(page.segments.len(), 1, "{:?}", page.segments);
    assert_eq!((page.segments[0].x0, page.segments[0].x1, page.segments[0].y0), (0.0, 50.0, 842.0));
    let warnings = doc.warnings.join("\n");
    for expected in ["draws itself", "no Unicode mapping", "/F9 not found"] {
        assert!(warnings.contains(expected), "warning {expected:?} in {warnings}");
    }
}

/// The 宁波 notice page, re-saved encrypted (RC4 128-bit) with the given user password.
fn encrypted_copy(user_password: &str) -> Vec<u8> {
    let data = std::fs::read(find("宁波_卫生健康委员会")).expect("readable");
    let mut doc = lopdf::Document::load_mem(&data).expect("lopdf loads it");
    if doc.trailer.get(b"ID").is_err() {
        let id = lopdf::Object::string_literal(b"0123456789abcdef".to_vec());
        doc.trailer.set("ID", vec![id.clone(), id]);
    }
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).expect("encryption state");
    doc.encrypt(&state).expect("encrypts");
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saves");
    out
}

#[test]
fn encrypted_files_open_with_the_empty_password_and_fail_clearly_otherwise() {
    let plain = read(&find("宁波_卫生健康委员会"));
    let opened = read_pages(&encrypted_copy(""), &PdfOptions::default()).expect("empty user password works");
    assert_eq!(document_text(&opened), document_text(&plain));
    assert!(document_text(&opened).contains("宁波"), "{}", document_text(&opened));
    let err = read_pages(&encrypted_copy("secret"), &PdfOptions::default()).expect_err("needs a password");
    assert_eq!(err.kind_name(), "malformed");
    assert!(err.to_string().contains("password"), "{err}");
}
