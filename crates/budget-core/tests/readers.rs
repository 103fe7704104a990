//! The text readers (Tika text, Markdown, plain text) on the real seed documents.

use budget_core::read::text::{markdown, plain as plain_text, tika as tika_text};
use budget_core::read::{detect_text, read_blocks, Format};
use budget_core::{Block, BlockKind, Blocks, Grid, ReadOptions};

const SEEDS: [&str; 5] = [
    "000_7ae52973a2e064fc.txt",
    "001_3de3a280caaff371.txt",
    "002_b4e440192d61d51e.txt",
    "003_54e6d6dfcf4f4fa9.txt",
    "004_b509f5cd0a0148df.txt",
];

fn seed_text(name: &str) -> String {
    let path = format!("{}/../../tests/data/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn seed_blocks(name: &str) -> Blocks {
    read_blocks(name, seed_text(name).as_bytes(), &ReadOptions::default()).expect("seed reads")
}

fn tables(blocks: &Blocks) -> Vec<(&Block, &Grid)> {
    blocks
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Table(grid) => Some((b, grid)),
            _ => None,
        })
        .collect()
}

fn row(grid: &Grid, row: usize) -> Vec<&str> {
    grid.row(row).map(|c| c.text.as_str()).collect()
}

/// Every block and cell: byte range inside the text on char boundaries, line numbers that match
/// the byte offsets, and each cell's text found in its own byte range.
fn assert_provenance_exact(name: &str, text: &str, blocks: &Blocks) {
    let newlines: Vec<usize> = text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i).collect();
    let line_of = |byte: usize| newlines.partition_point(|&newline| newline < byte) + 1;
    let check = |what: &str, p: &budget_core::Provenance| {
        assert!(p.byte_start <= p.byte_end && text.get(p.byte_start..p.byte_end).is_some(), "{name} {what}: {p:?}");
        assert!(p.line_start >= 1 && p.line_start <= p.line_end, "{name} {what}: {p:?}");
        assert_eq!(line_of(p.byte_start), p.line_start, "{name} {what}: {p:?}");
        let last_byte = if p.byte_end > p.byte_start { p.byte_end - 1 } else { p.byte_end };
        assert_eq!(line_of(last_byte), p.line_end, "{name} {what}: {p:?}");
    };
    for block in &blocks.blocks {
        check("block", &block.provenance);
        if let BlockKind::Table(grid) = &block.kind {
            for cell in &grid.cells {
                check(&cell.text, &cell.provenance);
                let source = &text[cell.provenance.byte_start..cell.provenance.byte_end];
                assert!(source.contains(&cell.text), "{name}: cell {:?} not in its range {source:?}", cell.text);
                assert!(cell.provenance.byte_start >= block.provenance.byte_start);
                assert!(cell.provenance.byte_end <= block.provenance.byte_end);
            }
        }
    }
}

#[test]
fn seeds_are_detected_as_their_layout() {
    let formats: Vec<Format> = SEEDS.iter().map(|name| detect_text(&seed_text(name))).collect();
    assert_eq!(formats[0], Format::PlainText);
    assert_eq!(formats[1], Format::TikaText);
    assert_eq!(formats[2], Format::Markdown);
    assert_eq!(formats[3], Format::TikaText);
    assert!(matches!(formats[4], Format::Markdown | Format::PlainText));
}

#[test]
fn every_cell_and_block_points_at_its_source() {
    for name in SEEDS {
        let text = seed_text(name);
        assert_provenance_exact(name, &text, &seed_blocks(name));
    }
}

#[test]
fn readers_never_panic_on_cut_or_foreign_input() {
    for name in SEEDS {
        let text = seed_text(name);
        let cuts = (0..text.len()).step_by(997).filter(|&i| text.is_char_boundary(i));
        for cut in cuts {
            let prefix = &text[..cut];
            for blocks in [tika_text::read(prefix), markdown::read(prefix), plain_text::read(prefix)] {
                assert_provenance_exact(name, prefix, &blocks);
            }
        }
    }
}

#[test]
fn tika_001_first_table_has_caption_header_and_body_rows() {
    let name = SEEDS[1];
    let text = seed_text(name);
    let blocks = seed_blocks(name);
    assert_eq!(blocks.format, "tika_text");
    assert_eq!(blocks.blocks[0].text(), Some("单位预算收支总表"));
    let all = tables(&blocks);
    let (table_block, first) = all[0];
    assert_eq!((table_block.provenance.line_start, table_block.provenance.line_end), (2, 224));
    assert_eq!(row(first, 0), ["320001成安县医疗保障局机关本级", "预算年度：2023", "单位：万元"]);
    assert_eq!(row(first, 1), ["序号", "收入", "支出"]);
    assert_eq!(row(first, 2), ["", "项  目", "预算数", "项  目", "预算数"]);
    assert_eq!(row(first, 4), ["1", "一、一般公共预算拨款收入", "7414.81", "一、一般公共服务支出", ""]);
    assert_eq!(row(first, 37), ["34", "收入总计", "7414.81", "支出总计", "7414.81"]);
    assert_eq!((first.n_rows, first.n_cols), (38, 5));
    let amount = first.get(4, 2).expect("7414.81");
    assert_eq!((amount.provenance.line_start, amount.provenance.line_end), (24, 24));
    assert_eq!(&text[amount.provenance.byte_start..amount.provenance.byte_end], "7414.81");
    assert_eq!(tika_text::read(&text).blocks, blocks.blocks);
}

#[test]
fn tika_001_has_24_tables_and_keeps_stray_lines_as_paragraphs() {
    let blocks = seed_blocks(SEEDS[1]);
    let all = tables(&blocks);
    assert_eq!(all.len(), 24);
    let starts: Vec<usize> = all.iter().map(|(b, _)| b.provenance.line_start).collect();
    assert_eq!(&starts[..9], [2, 231, 524, 750, 1112, 1272, 1423, 1457, 1491]);
    let page_numbers: Vec<_> = blocks.blocks.iter().filter(|b| matches!(b.provenance.line_start, 228 | 229)).collect();
    assert_eq!(page_numbers.iter().map(|b| b.text()).collect::<Vec<_>>(), [Some("34"), Some("35")]);
    let title = blocks.blocks.iter().find(|b| b.provenance.line_start == 1490).expect("line 1490");
    assert_eq!(title.text(), Some("部门预算财政拨款“三公”经费支出表"));
    let (_, three_public) = all[8];
    assert_eq!(row(three_public, 9), ["6", "二、公务用车购置及运维费", "5", "5", "", ""]);
    assert!(blocks.warnings.is_empty(), "{:?}", blocks.warnings);
    let no_bookmark = |t: &str| !t.contains("[bookmark");
    assert!(blocks.blocks.iter().filter_map(Block::text).all(no_bookmark));
    assert!(all.iter().flat_map(|(_, g)| &g.cells).all(|c| no_bookmark(&c.text)));
}

#[test]
fn tika_003_tables_and_bookmark_paragraph() {
    let blocks = seed_blocks(SEEDS[3]);
    let all = tables(&blocks);
    assert_eq!(all.len(), 3);
    assert_eq!(row(all[0].1, 0), ["单位名称", "单位性质", "单位规格", "经费保障形式"]);
    assert_eq!(row(all[0].1, 1), ["", "", "", ""]);
    assert_eq!(row(all[0].1, 2), ["承德市医疗保障局", "行政", "正处级", "财政拨款"]);
    assert_eq!((all[1].1.n_rows, all[1].1.n_cols), (20, 14));
    assert_eq!(row(all[2].1, 3), ["资产总额", "191", "354.06"]);
    let opening = blocks.blocks.iter().find(|b| b.provenance.line_start == 4).and_then(Block::text).unwrap_or_default();
    assert!(opening.starts_with("按照《中华人民共和国预算法》"), "{opening}");
}

#[test]
fn markdown_002_general_budget_table_without_markup() {
    let name = SEEDS[2];
    let text = seed_text(name);
    let blocks = seed_blocks(name);
    assert_eq!(blocks.format, "markdown");
    let all = tables(&blocks);
    assert_eq!(all.len(), 9);
    let heading = blocks
        .blocks
        .iter()
        .position(|b| b.text() == Some("重庆市綦江区医疗保障事务中心一般公共预算财政拨款支出预算表"))
        .expect("heading of 一般公共预算支出表");
    assert!(matches!(blocks.blocks[heading].kind, BlockKind::Heading { level: 2, .. }));
    assert_eq!(blocks.blocks[heading + 1].text(), Some("单位：万元"));
    let BlockKind::Table(grid) = &blocks.blocks[heading + 2].kind else { panic!("table after the caption") };
    assert_eq!(row(grid, 1), ["科目编码", "科目名称", "小计", "基本支出", "项目支出"]);
    assert_eq!(row(grid, 3), ["208", "社会保障和就业支出", "49.04", "49.04", ""]);
    assert_eq!(row(grid, 13), ["2101502", "一般行政管理事务", "15.60", "", "15.60"]);
    let bold = grid.get(7, 3).expect("463.64");
    assert_eq!(bold.text, "463.64");
    assert_eq!(bold.provenance.line_start, 119);
    assert_eq!(&text[bold.provenance.byte_start..bold.provenance.byte_end], "463.64");
    let markup = |t: &str| t.contains("<b>") || t.contains("</b>") || t.contains("**");
    assert!(!all.iter().flat_map(|(_, g)| &g.cells).any(|c| markup(&c.text)));
    assert!(!blocks.blocks.iter().filter_map(Block::text).any(markup));
}

#[test]
fn markdown_002_page_debris_is_dropped_and_reported() {
    let blocks = seed_blocks(SEEDS[2]);
    assert_eq!(
        blocks.warnings,
        [
            "line 262: dropped page-break debris inside a table: \"况\"",
            "line 278: dropped page-break debris inside a table: \"其他说明\"",
            "line 303: dropped page-break debris inside a table: \"三、绩效指标\"",
        ]
    );
    let all = tables(&blocks);
    for (_, grid) in &all {
        for r in 0..grid.n_rows {
            let content: Vec<&str> = row(grid, r).into_iter().filter(|t| !t.is_empty()).collect();
            assert_ne!(content, ["况"]);
            assert_ne!(content, ["三、绩效指标"]);
        }
    }
    let (performance_block, performance) = all[7];
    assert_eq!((performance_block.provenance.line_start, performance_block.provenance.line_end), (245, 280));
    assert_eq!(performance.n_rows, 30);
    assert_eq!(row(performance, 16), ["产出指标", "时效指标", "特殊疾病就医卡办理", "≥", "5000", "人数", "3"]);
    let (project_block, project) = all[8];
    assert_eq!((project_block.provenance.line_start, project_block.provenance.line_end), (288, 308));
    assert_eq!(project.n_rows, 18);
    assert_eq!(row(project, 14), ["产出指标", "时效指标", "年度内完成年度目标任务", "≥", "95", "%", "25"]);
    let between = blocks.blocks.iter().find(|b| b.provenance.line_start == 106).and_then(Block::text);
    assert_eq!(between, Some("附件3-2"), "a short line before a heading is a paragraph, not debris");
}

#[test]
fn narrative_seeds_have_no_tables() {
    let plain = seed_blocks(SEEDS[0]);
    assert_eq!(plain.format, "plain_text");
    assert!(tables(&plain).is_empty());
    assert_eq!(plain.blocks[0].text(), Some("盐池县医疗保险服务中心2020年部门预算——单位概况"));
    assert_eq!(
        plain.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph { .. })).count(),
        plain.blocks.len()
    );
    let consecutive: Vec<_> = plain.blocks.iter().filter(|b| (33..=35).contains(&b.provenance.line_start)).collect();
    assert_eq!(consecutive.len(), 3, "consecutive lines stay separate paragraphs");

    let narrative = seed_blocks(SEEDS[4]);
    assert!(tables(&narrative).is_empty());
    let headings: Vec<_> = narrative
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Heading { level, text } => Some((b.provenance.line_start, *level, text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(headings.len(), 28);
    assert_eq!(headings[1], (7, 1, "目 录"));
    assert!(headings.contains(&(112, 2, "二、2024 年收入预算情况")));
    let dated = narrative.blocks.iter().find(|b| b.provenance.line_start == 158).and_then(Block::text);
    assert_eq!(dated, Some("2024年本部门为财政拨款公益一类事业单位。"));
    assert!(tables(&plain_text::read(&seed_text(SEEDS[4]))).is_empty());
}
