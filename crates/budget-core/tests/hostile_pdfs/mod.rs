//! Hostile and feature PDFs built byte by byte, shared by `tests/pdf_hostile.rs` and the
//! memory benchmark `examples/pdf_hostile_memory.rs` (which also writes them out as fuzz seeds).
#![allow(dead_code)]

use flate2::{Compress, Compression, FlushCompress};

/// A PDF from object bodies (`objects[i]` is object `i + 1`, object 1 the catalog), with a
/// classic xref table and `trailer_extra` added to the trailer dictionary.
pub fn pdf_with(objects: &[Vec<u8>], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (index, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1)
            .as_bytes(),
    );
    out
}

/// [`pdf_with`] without trailer extras.
pub fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    pdf_with(objects, "")
}

/// A stream object body.
pub fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    body.extend_from_slice(data);
    body.extend_from_slice(b"\nendstream");
    body
}

/// zlib data that inflates to `unit` repeated `copies` times (`unit.len()` a multiple of the
/// period of its text), built from one compressed block repeated: cheap even for gigabytes.
/// The stream has no end (a decoder stops at its output limit or at the end of the data).
pub fn flate_repeat(unit: &[u8], copies: usize) -> Vec<u8> {
    let mut compress = Compress::new(Compression::best(), true);
    let mut out = Vec::with_capacity(unit.len() + 1024);
    compress.compress_vec(unit, &mut out, FlushCompress::Sync).expect("deflate");
    let start = out.len();
    out.reserve(unit.len() + 1024);
    compress.compress_vec(unit, &mut out, FlushCompress::Sync).expect("deflate");
    let block = out[start..].to_vec();
    for _ in 2..copies {
        out.extend_from_slice(&block);
    }
    out
}

/// Ordinary zlib data.
pub fn flate(data: &[u8]) -> Vec<u8> {
    let mut compress = Compress::new(Compression::default(), true);
    let mut out = Vec::with_capacity(data.len() + 1024);
    compress.compress_vec(data, &mut out, FlushCompress::Finish).expect("deflate");
    out
}

const FONT: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
const PAGE_TEXT: &[u8] = b"BT /F1 12 Tf 72 700 Td (Total 12.50) Tj ET 72 690 m 300 690 l S";

/// Catalog, page tree with one page, its content stream (`content_body`, an object body) and
/// Helvetica; `extra` objects follow as objects 6, 7, … and `resources_extra` goes into the
/// page's resources.
pub fn one_page(content_body: Vec<u8>, resources_extra: &str, extra: Vec<Vec<u8>>) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R >> {resources_extra} >> >>"
        )
        .into_bytes(),
        content_body,
        FONT.as_bytes().to_vec(),
    ];
    objects.extend(extra);
    pdf(&objects)
}

/// A plain page with one line of text and one ruling.
pub fn plain_page() -> Vec<u8> {
    one_page(stream("", PAGE_TEXT), "", vec![])
}

/// `pages` pages, each with its own text and content stream.
pub fn many_pages(pages: usize) -> Vec<u8> {
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {pages} >>", kids.join(" ")).into_bytes(),
        FONT.as_bytes().to_vec(),
    ];
    for i in 0..pages {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {} 0 R /Resources << /Font << /F1 3 0 R >> >> >>",
                5 + 2 * i
            )
            .into_bytes(),
        );
        objects.push(stream("", format!("BT /F1 12 Tf 72 700 Td (Page {} total 1{i}.50) Tj ET", i + 1).as_bytes()));
    }
    pdf(&objects)
}

/// Every hostile input: (name, bytes).
pub fn hostile() -> Vec<(String, Vec<u8>)> {
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |name: &str, data: Vec<u8>| inputs.push((name.to_string(), data));

    // 1 GiB of spaces from about 1 MB of Flate data.
    add("flate_bomb", one_page(stream("/Filter /FlateDecode", &flate_repeat(&[b' '; 1 << 20], 1024)), "", vec![]));
    // The same bomb as an object stream, which lopdf decodes while loading.
    let objstm = stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", &flate_repeat(&[b' '; 1 << 20], 1024));
    add("object_stream_bomb", one_page(stream("", PAGE_TEXT), "", vec![objstm]));
    // Five million numbers before any operator (10 MB of content in about 10 KB).
    add(
        "operand_flood",
        one_page(stream("/Filter /FlateDecode", &flate_repeat(&b"0 ".repeat(1 << 19), 10)), "", vec![]),
    );
    // One TJ array with four million elements.
    let mut tj = b"BT /F1 12 Tf [".to_vec();
    tj.extend_from_slice(&b"(a) 1 ".repeat(1 << 20));
    tj.extend_from_slice(b"] TJ ET");
    add("array_flood", one_page(stream("/Filter /FlateDecode", &flate(&tj)), "", vec![]));
    // Six million cheap operators.
    add(
        "operator_flood",
        one_page(stream("/Filter /FlateDecode", &flate_repeat(&b"q Q ".repeat(1 << 18), 6)), "", vec![]),
    );
    // Arrays nested 100,000 deep in the content, and 10,000 deep in the page dictionary.
    let mut nested = b"[".repeat(100_000);
    nested.extend_from_slice(&b"]".repeat(100_000));
    nested.extend_from_slice(b" TJ ");
    nested.extend_from_slice(PAGE_TEXT);
    add("deep_nesting_content", one_page(stream("", &nested), "", vec![]));
    let deep = format!("/Deep {}{}", "[".repeat(10_000), "]".repeat(10_000));
    add("deep_nesting_object", one_page(stream("", PAGE_TEXT), &deep, vec![]));
    let deep_dict = format!("/Deep {}1{}", "<< /A ".repeat(10_000), " >>".repeat(10_000));
    add("deep_nesting_dictionary", one_page(stream("", PAGE_TEXT), &deep_dict, vec![]));

    // An xref section whose /Prev points at itself, and two that point at each other.
    let plain = plain_page();
    let xref_at = |data: &[u8]| {
        let text = String::from_utf8_lossy(data);
        let start = text.rfind("startxref\n").expect("startxref") + 10;
        text[start..].lines().next().expect("offset").trim().parse::<usize>().expect("number")
    };
    let own = xref_at(&plain);
    let objects = plain_objects();
    add("xref_prev_loop", pdf_with(&objects, &format!("/Prev {own}")));
    add("xref_prev_out_of_range", pdf_with(&objects, "/Prev 999999999"));
    // Page tree cycles: a /Pages node that is its own kid, and a page whose kid is the root.
    add(
        "page_tree_cycle",
        pdf(&replace(&objects, 1, b"<< /Type /Pages /Kids [3 0 R 2 0 R 2 0 R] /Count 3 >>".to_vec())),
    );
    let mut grandchild = objects.clone();
    grandchild[1] = b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>".to_vec();
    grandchild.push(b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R 6 0 R] /Count 1 >>".to_vec());
    add("page_tree_cycle_two_nodes", pdf(&grandchild));
    // A million kids, all the same page.
    let kids = "3 0 R ".repeat(1_000_000);
    add(
        "kids_flood",
        pdf(&replace(&objects, 1, format!("<< /Type /Pages /Kids [{kids}] /Count 1000000 >>").into_bytes())),
    );
    // /Count lies.
    add("count_lies_huge", pdf(&replace(&objects, 1, b"<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>".to_vec())));
    add("count_lies_negative", pdf(&replace(&objects, 1, b"<< /Type /Pages /Kids [3 0 R] /Count -5 >>".to_vec())));
    // Form XObjects: one that draws itself, two that draw each other, a chain 1,000 deep, and
    // a fan-out where each of 20 levels draws the next ten times (10^20 draws if unbounded).
    let form = |body: &str| stream("/Type /XObject /Subtype /Form /BBox [0 0 100 100]", body.as_bytes());
    add(
        "form_self_recursion",
        one_page(stream("", b"/X1 Do"), "/XObject << /X1 6 0 R >>", vec![form("/X1 Do 0 0 m 10 0 l S")]),
    );
    let with_resources = |name: &str, next: usize, body: &str| {
        stream(
            &format!(
                "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /{name} {next} 0 R >> >>"
            ),
            body.as_bytes(),
        )
    };
    add(
        "form_mutual_recursion",
        one_page(
            stream("", b"/A Do"),
            "/XObject << /A 6 0 R >>",
            vec![with_resources("B", 7, "/B Do"), with_resources("A", 6, "/A Do")],
        ),
    );
    let chain: Vec<Vec<u8>> = (0..1000).map(|i| with_resources("N", 7 + i, "0 0 m 1 0 l S /N Do")).collect();
    add("form_chain_1000_deep", one_page(stream("", b"/N Do"), "/XObject << /N 6 0 R >>", chain));
    let fan: Vec<Vec<u8>> = (0..20).map(|i| with_resources("N", 7 + i, &"/N Do ".repeat(10))).collect();
    add("form_fan_out", one_page(stream("", b"/N Do"), "/XObject << /N 6 0 R >>", fan));
    // The page's resources behind a chain of 200 references (lopdf follows at most 128).
    let mut objects_chain = plain_objects();
    objects_chain[2] =
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources 6 0 R >>".to_vec();
    for index in 0..200 {
        objects_chain.push(format!("{} 0 R", 7 + index).into_bytes());
    }
    objects_chain.push(b"<< /Font << /F1 5 0 R >> >>".to_vec());
    add("reference_chain", pdf(&objects_chain));
    // Lying stream lengths and object stream headers.
    add(
        "stream_length_lies",
        one_page(b"<< /Length 999999999 >>\nstream\nBT /F1 12 Tf (Total 12.50) Tj ET\nendstream".to_vec(), "", vec![]),
    );
    add(
        "object_stream_count_lies",
        one_page(stream("", PAGE_TEXT), "", vec![stream("/Type /ObjStm /N 100000000 /First 2", b"7 0 1")]),
    );
    // Garbage: after the header only, and before real objects (offsets all wrong).
    let garbage: Vec<u8> = (0u32..200_000).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let mut only_garbage = b"%PDF-1.7\n".to_vec();
    only_garbage.extend_from_slice(&garbage);
    add("garbage_after_header", only_garbage);
    let mut shifted = b"%PDF-1.7\n".to_vec();
    shifted.extend_from_slice(&garbage);
    shifted.extend_from_slice(&many_pages(3)[9..]);
    add("garbage_before_objects", shifted);
    // Truncation of a three-page file at several points.
    let three = many_pages(3);
    for percent in [10, 30, 50, 70, 90, 99] {
        add(&format!("truncated_at_{percent}_percent"), three[..three.len() * percent / 100].to_vec());
    }
    inputs
}

/// The objects of [`plain_page`].
pub fn plain_objects() -> Vec<Vec<u8>> {
    vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream("", PAGE_TEXT),
        FONT.as_bytes().to_vec(),
    ]
}

fn replace(objects: &[Vec<u8>], index: usize, body: Vec<u8>) -> Vec<Vec<u8>> {
    let mut objects = objects.to_vec();
    objects[index] = body;
    objects
}

/// Small valid PDFs, one per feature the reader handles (fuzz seeds and smoke tests): xref and
/// object streams, a ToUnicode CMap on an Identity-H font, a predefined CJK CMap, a Type3 font,
/// an inline image, a Form XObject and several pages.
pub fn features() -> Vec<(String, Vec<u8>)> {
    let mut inputs = vec![("plain_page".to_string(), plain_page()), ("three_pages".to_string(), many_pages(3))];
    let modern = {
        let mut doc = lopdf::Document::load_mem(&many_pages(3)).expect("loads");
        let mut out = Vec::new();
        let options = lopdf::SaveOptions::builder().use_object_streams(true).use_xref_streams(true).build();
        doc.save_with_options(&mut out, options).expect("saves");
        out
    };
    inputs.push(("xref_and_object_streams".to_string(), modern));
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def\n\
        1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        2 beginbfchar <0001> <5408> <0002> <8BA1> endbfchar\n\
        1 beginbfrange <0010> <0012> <0030> endbfrange endcmap";
    let cid_font = b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /DW 1000 /W [1 [500 500]] >>".to_vec();
    inputs.push((
        "tounicode_cmap".to_string(),
        one_page(
            stream("", b"BT /F2 12 Tf 72 700 Td <000100020010> Tj ET"),
            "/Font << /F2 6 0 R >>",
            vec![
                b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>"
                    .to_vec(),
                cid_font.clone(),
                stream("", cmap),
            ],
        ),
    ));
    inputs.push((
        "predefined_cjk_cmap".to_string(),
        one_page(
            stream("", b"BT /F2 12 Tf 72 700 Td <BACFBCC6> Tj ET"),
            "/Font << /F2 6 0 R >>",
            vec![
                b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /GBK-EUC-H /DescendantFonts [7 0 R] >>"
                    .to_vec(),
                cid_font,
            ],
        ),
    ));
    inputs.push((
        "type3_font".to_string(),
        one_page(
            stream("", b"BT /F3 12 Tf 72 700 Td (ab) Tj ET"),
            "/Font << /F3 6 0 R >>",
            vec![
                b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] \
                  /CharProcs << /a 7 0 R /b 7 0 R >> /Encoding << /Differences [97 /a /b] >> /FirstChar 97 /LastChar 98 \
                  /Widths [600 600] /Resources << >> >>"
                    .to_vec(),
                stream("", b"600 0 d0 0 0 500 500 re f"),
            ],
        ),
    ));
    inputs.push((
        "inline_image".to_string(),
        one_page(stream("", b"q 100 0 0 100 72 500 cm BI /W 4 /H 1 /BPC 8 /CS /G ID \x00\x7fEI\xff EI Q BT /F1 12 Tf 72 700 Td (after) Tj ET"), "", vec![]),
    ));
    inputs.push((
        "form_xobject".to_string(),
        one_page(
            stream("", b"q 1 0 0 1 50 50 cm /Fm Do Q"),
            "/XObject << /Fm 6 0 R >>",
            vec![stream(
                "/Type /XObject /Subtype /Form /BBox [0 0 500 500] /Resources << /Font << /F1 5 0 R >> >>",
                b"BT /F1 10 Tf 10 10 Td (in a form 3.25) Tj ET 0 0 m 400 0 l S",
            )],
        ),
    ));
    inputs
}
