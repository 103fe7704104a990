//! Reader for Word documents (DOCX): `word/document.xml` streamed with quick-xml.
//!
//! - Paragraphs become [`BlockKind::Paragraph`], or [`BlockKind::Heading`] when their style (or
//!   a style it is based on) is a heading (`heading N`, `Title`, an outline level) or the
//!   paragraph has its own outline level.
//! - Tables become grids: `w:gridSpan` is a column span, `w:vMerge` restart/continue a row span,
//!   `w:gridBefore` shifts a row. A table inside a cell is emitted as its own block after the
//!   outer table; a wrapper table with no text of its own is dropped for the tables it holds.
//!   Two tables with only a page or section break between them, and the same width, are one.
//! - Field codes (`w:instrText`, the part of a field before `separate`), deleted text, bookmarks
//!   and the `mc:Fallback` copies of drawings are not text. Text boxes and footnotes/endnotes are
//!   kept as paragraphs (a text box after the block holding it, notes at the end), each with a
//!   warning, so nothing is silently dropped.
//!
//! Provenance: `line_start`/`line_end` count the paragraphs of `word/document.xml` (1-based),
//! `byte_start`/`byte_end` are offsets into that XML part.

mod body;

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::blocks::{BlockKind, Blocks};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::read::docx::body::Parser;
use crate::read::xml::{attr, check_depth};
use crate::read::zip::LimitedZip;
use crate::read::ReadOptions;

pub(crate) const FORMAT: &str = "DOCX";

/// Read a DOCX file.
///
/// # Errors
/// [`ErrorKind::Malformed`] for a damaged zip or XML, [`ErrorKind::LimitExceeded`] past the
/// limits of [`ReadOptions`].
pub fn read(source: &str, data: &[u8], options: &ReadOptions) -> Result<Blocks> {
    let mut zip = LimitedZip::open(source, data, FORMAT, options)?;
    read_zip(&mut zip, options)
}

/// Read a DOCX from an opened zip.
///
/// # Errors
/// As [`read`].
pub fn read_zip(zip: &mut LimitedZip<'_>, options: &ReadOptions) -> Result<Blocks> {
    let entry = "word/document.xml";
    let Some(document) = zip.read_entry(entry, options.max_xml_bytes)? else {
        return Err(Error::new(
            ErrorKind::Malformed { format: FORMAT.into(), message: "no word/document.xml".into() },
            zip.location(entry, None),
        ));
    };
    let styles = match zip.read_entry("word/styles.xml", options.max_xml_bytes)? {
        Some(xml) => heading_styles(&xml, options, || zip.location("word/styles.xml", None))?,
        None => HashMap::new(),
    };
    let mut blocks = Blocks::default();
    let mut parser = Parser::new(&styles, options);
    parser.run(&document, &mut blocks, &|byte| zip.location(entry, Some(byte)))?;
    for notes in ["word/footnotes.xml", "word/endnotes.xml"] {
        let Some(xml) = zip.read_entry(notes, options.max_xml_bytes)? else { continue };
        let mut note_blocks = Blocks::default();
        let mut parser = Parser::new(&styles, options);
        parser.notes = true;
        parser.run(&xml, &mut note_blocks, &|byte| zip.location(notes, Some(byte)))?;
        for mut block in note_blocks.blocks {
            if let BlockKind::Heading { text, .. } = block.kind {
                block.kind = BlockKind::Paragraph { text };
            }
            blocks.warnings.push(format!("{notes}: note kept as a paragraph at the end: {:?}", block.text()));
            blocks.blocks.push(block);
        }
    }
    blocks.format = "docx".into();
    blocks.encoding = "UTF-8".into();
    Ok(blocks)
}

/// Paragraph style id → heading level (1-based), following `w:basedOn`.
fn heading_styles(xml: &[u8], options: &ReadOptions, location: impl Fn() -> Location) -> Result<HashMap<String, u8>> {
    let mut reader = Reader::from_reader(xml);
    let mut depth = 0usize;
    // id → (name, based_on, outline level)
    let mut styles: HashMap<String, (String, Option<String>, Option<u8>)> = HashMap::new();
    let mut current: Option<String> = None;
    loop {
        let event = reader.read_event().map_err(|e| xml_error(&e, reader.error_position(), &location))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                    check_depth(depth, options.max_xml_depth, &location)?;
                }
                let name = e.local_name();
                match name.as_ref() {
                    b"style" => {
                        current = attr(e, b"styleId");
                        if let Some(id) = &current {
                            styles.entry(id.clone()).or_default();
                        }
                    }
                    b"name" | b"basedOn" | b"outlineLvl" => {
                        if let (Some(id), Some(val)) = (&current, attr(e, b"val")) {
                            let entry = styles.entry(id.clone()).or_default();
                            match name.as_ref() {
                                b"name" => entry.0 = val.to_ascii_lowercase(),
                                b"basedOn" => entry.1 = Some(val),
                                _ => entry.2 = val.parse::<u8>().ok().filter(|&l| l < 9).map(|l| l + 1),
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => break,
            _ => {}
        }
    }
    let own = |id: &str| -> Option<u8> {
        let (name, _, outline) = styles.get(id)?;
        outline
            .or_else(|| {
                let n = name.strip_prefix("heading ")?.trim().parse::<u8>().ok()?;
                Some(n)
            })
            .or_else(|| (name == "title").then_some(1))
    };
    let mut levels = HashMap::new();
    for id in styles.keys() {
        let mut cursor = Some(id.clone());
        for _ in 0..16 {
            let Some(c) = cursor else { break };
            if let Some(level) = own(&c) {
                levels.insert(id.clone(), level);
                break;
            }
            cursor = styles.get(&c).and_then(|s| s.1.clone());
        }
    }
    Ok(levels)
}

pub(crate) fn xml_error(error: &quick_xml::Error, position: u64, location: &impl Fn() -> Location) -> Error {
    let mut at = location();
    at.byte = Some(position as usize);
    Error::new(ErrorKind::Malformed { format: FORMAT.into(), message: format!("XML: {error}") }, at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::{Block, Grid};
    use crate::read::zip::zip_of;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                     xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"";

    fn docx(body: &str, styles: Option<&str>, footnotes: Option<&str>) -> Vec<u8> {
        let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
        let mut parts = vec![("word/document.xml", document)];
        if let Some(styles) = styles {
            parts.push(("word/styles.xml", format!("<w:styles {W}>{styles}</w:styles>")));
        }
        if let Some(notes) = footnotes {
            parts.push(("word/footnotes.xml", format!("<w:footnotes {W}>{notes}</w:footnotes>")));
        }
        zip_of(parts)
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn tc(props: &str, text: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
    }

    fn read_docx(data: &[u8]) -> Blocks {
        read("t.docx", data, &ReadOptions::default()).unwrap()
    }

    fn grid(block: &Block) -> &Grid {
        match &block.kind {
            BlockKind::Table(grid) => grid,
            other => panic!("not a table: {other:?}"),
        }
    }

    #[test]
    fn headings_from_styles_based_on_and_outline_levels() {
        let styles = "<w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/></w:style>\
                      <w:style w:type=\"paragraph\" w:styleId=\"a5\"><w:name w:val=\"大标题\"/><w:basedOn w:val=\"1\"/></w:style>\
                      <w:style w:type=\"paragraph\" w:styleId=\"a6\"><w:name w:val=\"节\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>";
        let body = format!(
            "<w:p><w:pPr><w:pStyle w:val=\"a5\"/></w:pPr><w:r><w:t>2023年部门预算</w:t></w:r></w:p>\
             <w:p><w:pPr><w:pStyle w:val=\"a6\"/></w:pPr><w:r><w:t>一、部门职责</w:t></w:r></w:p>\
             <w:p><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr><w:r><w:t>（一）主要职能</w:t></w:r></w:p>{}",
            p("正文")
        );
        let blocks = read_docx(&docx(&body, Some(styles), None));
        let kinds: Vec<&BlockKind> = blocks.blocks.iter().map(|b| &b.kind).collect();
        assert_eq!(
            kinds,
            [
                &BlockKind::Heading { level: 1, text: "2023年部门预算".into() },
                &BlockKind::Heading { level: 2, text: "一、部门职责".into() },
                &BlockKind::Heading { level: 3, text: "（一）主要职能".into() },
                &BlockKind::Paragraph { text: "正文".into() },
            ]
        );
        assert_eq!(blocks.blocks[3].provenance.line_start, 4);
    }

    #[test]
    fn merged_cells_become_spans() {
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr></w:tbl>",
            tc("<w:vMerge w:val=\"restart\"/>", "序号"),
            tc("<w:gridSpan w:val=\"2\"/>", "支出"),
            tc("<w:vMerge/>", ""),
            tc("", "基本支出"),
            tc("", "项目支出"),
            tc("", "1.00"),
            tc("", "2.00"),
        );
        let blocks = read_docx(&docx(&body, None, None));
        let g = grid(&blocks.blocks[0]);
        assert_eq!((g.n_rows, g.n_cols), (3, 3));
        let cell = |r, c| g.get(r, c).map(|c| (c.text.as_str(), c.row_span, c.col_span));
        assert_eq!(cell(0, 0), Some(("序号", 2, 1)));
        assert_eq!(cell(0, 1), Some(("支出", 1, 2)));
        assert_eq!(cell(1, 0), None);
        assert_eq!(cell(1, 2), Some(("项目支出", 1, 1)));
        assert_eq!(cell(2, 0), Some(("", 1, 1)));
        assert_eq!(cell(2, 2), Some(("2.00", 1, 1)));
    }

    #[test]
    fn fields_bookmarks_deletions_and_text_boxes() {
        let body = "<w:p><w:bookmarkStart w:id=\"0\" w:name=\"_Toc1\"/><w:r><w:t>收入</w:t></w:r><w:del><w:r><w:delText>旧</w:delText></w:r></w:del>\
             <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGEREF _Toc1 \\h </w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>总表</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
             <w:bookmarkEnd w:id=\"0\"/><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>\
             <w:p><w:r><w:t>单位：万元</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>\
             <w:p><w:r><w:t>单位：万元</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
        let notes = "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
                     <w:footnote w:id=\"1\"><w:p><w:r><w:t>数据来源：财政局</w:t></w:r></w:p></w:footnote>";
        let blocks = read_docx(&docx(body, None, Some(notes)));
        let texts: Vec<Option<&str>> = blocks.blocks.iter().map(Block::text).collect();
        assert_eq!(texts, [Some("收入总表"), Some("单位：万元"), Some("数据来源：财政局")]);
        assert_eq!(blocks.warnings.len(), 2, "{:?}", blocks.warnings);
    }

    #[test]
    fn nested_layout_and_page_broken_tables() {
        let inner = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", tc("", "合计"), tc("", "7414.81"));
        let wrapper = format!("<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>");
        let second = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", tc("", "卫生健康支出"), tc("", "7241.11"));
        let page_break = "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>";
        let blocks = read_docx(&docx(&format!("{wrapper}{page_break}{second}"), None, None));
        assert_eq!(blocks.blocks.len(), 1, "{:?}", blocks.blocks);
        let g = grid(&blocks.blocks[0]);
        assert_eq!((g.n_rows, g.n_cols), (2, 2));
        assert_eq!(g.get(1, 1).map(|c| c.text.as_str()), Some("7241.11"));
        assert_eq!(blocks.warnings.len(), 3, "{:?}", blocks.warnings);
        assert!(blocks.warnings[2].contains("page/section break joined"));
    }

    #[test]
    fn broken_xml_is_malformed_with_its_offset() {
        let err =
            read("bad.docx", &docx("<w:p><w:r><w:t>x</w:r></w:p>", None, None), &ReadOptions::default()).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Malformed { format, .. } if format == "DOCX"), "{err}");
        assert!(err.location().source.contains("word/document.xml") && err.location().byte.is_some(), "{err}");
    }
}
