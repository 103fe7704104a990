//! Reader for plain narrative text.
//!
//! Plain text has no reliable paragraph structure: extracted narratives mix blank-line separated
//! paragraphs with consecutive lines that are each a heading, a sentence or a title. So each
//! non-blank line is one paragraph (trimmed, text as printed), and the only headings are explicit
//! `#` markup lines. Deciding that a short numbered line such as `一、主要职能` is a heading is
//! left to the recognizers, which know the document's vocabulary. This reader never makes tables.

use crate::blocks::{Block, BlockKind, Blocks};
use crate::read::text::lines::{atx_heading, lines};

/// Read plain text into blocks: one paragraph per non-blank line, `#` lines as headings.
pub fn read(text: &str) -> Blocks {
    let mut blocks = Blocks::default();
    for line in lines(text) {
        if line.is_blank() {
            continue;
        }
        let (start, end) = line.trimmed_span();
        let printed = line.text.trim();
        let kind = match atx_heading(line.text) {
            Some((level, heading)) if !heading.is_empty() => BlockKind::Heading { level, text: heading.to_string() },
            _ => BlockKind::Paragraph { text: printed.to_string() },
        };
        blocks.blocks.push(Block { kind, provenance: line.provenance(start, end) });
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_paragraph_per_line_and_explicit_headings() {
        let text =
            " 盐池县医疗保险服务中心2020年部门预算——单位概况\n\n1、 主要职能\n二、部门预算单位构成\n## 名词解释\n\t\n";
        let blocks = read(text);
        let texts: Vec<_> = blocks.blocks.iter().map(|b| b.text().unwrap_or_default()).collect();
        assert_eq!(
            texts,
            ["盐池县医疗保险服务中心2020年部门预算——单位概况", "1、 主要职能", "二、部门预算单位构成", "名词解释"]
        );
        assert!(matches!(blocks.blocks[3].kind, BlockKind::Heading { level: 2, .. }));
        let first = &blocks.blocks[0].provenance;
        assert_eq!((first.line_start, first.byte_start), (1, 1));
        assert_eq!(&text[first.byte_start..first.byte_end], "盐池县医疗保险服务中心2020年部门预算——单位概况");
        assert_eq!(blocks.blocks[2].provenance.line_start, 4);
        assert!(blocks.warnings.is_empty());
    }
}
