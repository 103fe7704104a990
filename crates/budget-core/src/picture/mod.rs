//! Page pictures drawn from cnbudget's own PDF layout layer: no renderer, no font shipped.
//!
//! A page is drawn as SVG from what the reader knows: every character at its box (the viewer's
//! own fonts draw it, CJK included), the ruling lines, the table grids found on the page, and
//! optional [`Highlight`]s (a box and a label). A finding is drawn as the crop of its page(s)
//! with the numbers it used boxed in the colour of their role (expected, actual, part).
//!
//! The document model does not keep characters: a picture re-reads the PDF bytes
//! ([`PdfPages::read`], once for any number of pictures).
//!
//! ```no_run
//! use budget_core::picture::{Highlight, PdfPages, Role};
//! let data = std::fs::read("report.pdf").unwrap();
//! let pages = PdfPages::read(&data).unwrap();
//! let mark = Highlight::new(3, [100.0, 200.0, 160.0, 212.0], "合计", Role::Expected);
//! let svg = pages.page_svg(3, &[mark]).unwrap();
//! assert!(svg.starts_with("<svg"));
//! ```

mod key_figure;
pub mod locate;
mod svg;

pub use key_figure::{agreement, key_figure_caption, key_figure_highlights};
pub use svg::escape;

use crate::error::Result;
use crate::model::Document;
use crate::read::layout::Page;
use crate::read::pdf::{read_pages, PdfOptions};
use crate::validate::Finding;

/// What a highlighted number is to the finding that used it; each role has its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The value a rule expects (a total, a stated amount): red.
    Expected,
    /// The value compared with it: blue.
    Actual,
    /// A summand: orange.
    Part,
    /// A table cell, no role: green.
    Cell,
    /// A key figure's table cell: purple.
    Table,
    /// A key figure's number in its narrative sentence: teal.
    Text,
}

impl Role {
    /// The role of a [`crate::NumberRef`] (`expected`, `actual`, `part`; anything else is a cell).
    pub fn of_number(role: &str) -> Role {
        match role {
            "expected" => Role::Expected,
            "actual" => Role::Actual,
            "part" => Role::Part,
            _ => Role::Cell,
        }
    }

    /// The stroke colour (CSS).
    pub fn colour(self) -> &'static str {
        match self {
            Role::Expected => "#d62728",
            Role::Actual => "#1f5fd6",
            Role::Part => "#e07b00",
            Role::Cell => "#2ca02c",
            Role::Table => "#7b3fb5",
            Role::Text => "#0f8a8a",
        }
    }

    /// The role's name: `expected`, `actual`, `part`, `cell`, `table`, `text`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Expected => "expected",
            Role::Actual => "actual",
            Role::Part => "part",
            Role::Cell => "cell",
            Role::Table => "table",
            Role::Text => "text",
        }
    }
}

/// A box to draw on a page, with a label beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Highlight {
    /// 1-based page.
    pub page: u32,
    /// `[x0, y0, x1, y1]` in points, upright page coordinates (as in [`crate::Provenance::bbox`]).
    pub bbox: [f32; 4],
    /// A short label drawn above the box (may be empty).
    pub label: String,
    /// The colour.
    pub role: Role,
    /// The text printed in the box, when known: the box is narrowed to where exactly this text
    /// is printed inside it (a number inside a sentence's box).
    pub text: Option<String>,
}

impl Highlight {
    /// A highlight of `bbox` on `page`.
    pub fn new(page: u32, bbox: [f32; 4], label: impl Into<String>, role: Role) -> Highlight {
        Highlight { page, bbox, label: label.into(), role, text: None }
    }
}

/// The pages of one PDF, upright, ready to draw.
#[derive(Debug, Clone, Default)]
pub struct PdfPages {
    pages: Vec<Page>,
}

impl PdfPages {
    /// Read the characters and ruling lines of every page of a PDF.
    ///
    /// # Errors
    /// As [`read_pages`]: the bytes are not a readable PDF.
    pub fn read(data: &[u8]) -> Result<PdfPages> {
        let document = read_pages(data, &PdfOptions::default())?;
        Ok(PdfPages { pages: document.pages.iter().map(Page::upright).collect() })
    }

    /// Number of pages.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// Whether there are no pages.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// Page `number` (1-based), upright.
    pub fn page(&self, number: u32) -> Option<&Page> {
        self.pages.get(usize::try_from(number).ok()?.checked_sub(1)?)
    }

    /// The whole page `number` as SVG with its highlights (those of other pages are ignored);
    /// `None` when there is no such page.
    pub fn page_svg(&self, number: u32, highlights: &[Highlight]) -> Option<String> {
        let page = self.page(number)?;
        let on_page: Vec<Highlight> = highlights.iter().filter(|h| h.page == number).map(|h| self.narrow(h)).collect();
        let view = [0.0, 0.0, page.width, page.height];
        Some(svg::document(&[svg::Panel { page, view, highlights: &on_page }], &[]))
    }

    /// The crops of the pages the highlights are on (full page width, from a little above the
    /// highest box to a little below the lowest), stacked top to bottom, with `caption` lines
    /// above them; `None` when no highlight is on a page of this PDF.
    pub fn crop_svg(&self, highlights: &[Highlight], caption: &[String]) -> Option<String> {
        let narrowed: Vec<Highlight> = highlights.iter().map(|h| self.narrow(h)).collect();
        let mut numbers: Vec<u32> = narrowed.iter().map(|h| h.page).filter(|&n| self.page(n).is_some()).collect();
        numbers.sort_unstable();
        numbers.dedup();
        let groups: Vec<(&Page, Vec<Highlight>)> = numbers
            .iter()
            .filter_map(|&n| {
                let page = self.page(n)?;
                Some((page, narrowed.iter().filter(|h| h.page == n).cloned().collect()))
            })
            .collect();
        if groups.is_empty() {
            return None;
        }
        let panels: Vec<svg::Panel<'_>> = groups
            .iter()
            .map(|(page, marks)| {
                let top = marks.iter().map(|h| h.bbox[1]).fold(f32::INFINITY, f32::min);
                let bottom = marks.iter().map(|h| h.bbox[3]).fold(f32::NEG_INFINITY, f32::max);
                let (y0, y1) = between_lines(page, (top - 70.0).max(0.0), (bottom + 30.0).min(page.height));
                svg::Panel { page, view: [0.0, y0, page.width, y1.max(y0 + 1.0)], highlights: marks }
            })
            .collect();
        Some(svg::document(&panels, caption))
    }

    /// `highlight` with its box narrowed to where its text is printed: inside its box, else (a
    /// sentence whose box is only its paragraph's first line) at the first place below the top of
    /// its box; unchanged when the text is not found or not given.
    pub fn narrow(&self, highlight: &Highlight) -> Highlight {
        let mut narrowed = highlight.clone();
        if let (Some(page), Some(text)) = (self.page(highlight.page), highlight.text.as_deref()) {
            let below = [0.0, highlight.bbox[1], page.width, page.height];
            if let Some(bbox) =
                locate::text_in_box(page, highlight.bbox, text).or_else(|| locate::text_in_box(page, below, text))
            {
                narrowed.bbox = bbox;
            }
        }
        narrowed
    }
}

/// `(top, bottom)` moved outwards until no character is cut by them: a crop shows whole lines.
fn between_lines(page: &Page, mut top: f32, mut bottom: f32) -> (f32, f32) {
    for _ in 0..8 {
        let cut_top = page.chars.iter().filter(|c| c.y0 < top && c.y1 > top).map(|c| c.y0).fold(top, f32::min);
        let cut_bottom =
            page.chars.iter().filter(|c| c.y0 < bottom && c.y1 > bottom).map(|c| c.y1).fold(bottom, f32::max);
        if cut_top == top && cut_bottom == bottom {
            break;
        }
        (top, bottom) = (cut_top.max(0.0), cut_bottom.min(page.height));
    }
    (top, bottom)
}

/// Page `number` of the PDF `data` as SVG, with highlights; `Ok(None)` when there is no such page.
///
/// # Errors
/// As [`PdfPages::read`].
pub fn page_svg(data: &[u8], number: u32, highlights: &[Highlight]) -> Result<Option<String>> {
    Ok(PdfPages::read(data)?.page_svg(number, highlights))
}

/// The numbers a finding used that have a page box, as highlights labelled with their role
/// and value (narrowed to the printed number when it sits in a sentence). With many parts only
/// the expected and actual values are labelled, so that the labels stay legible.
pub fn finding_highlights(finding: &Finding) -> Vec<Highlight> {
    let label_parts = finding.numbers.len() <= 6;
    finding
        .numbers
        .iter()
        .filter_map(|n| {
            let (page, bbox) = (n.provenance.page?, n.provenance.bbox?);
            let role = Role::of_number(&n.role);
            let label = if label_parts || role != Role::Part {
                format!("{}: {}", role.as_str(), n.amount_printed)
            } else {
                String::new()
            };
            Some(Highlight { page, bbox, label, role, text: Some(n.amount_printed.clone()) })
        })
        .collect()
}

/// The caption of a finding's picture: status and rule, the Chinese and English messages.
pub fn finding_caption(finding: &Finding) -> Vec<String> {
    vec![
        format!("{} · {} · {}", finding.status.as_str(), finding.rule, finding.family),
        finding.message_zh.clone(),
        finding.message_en.clone(),
    ]
}

/// The cells of table `index` that hold line items, as highlights (no labels).
pub fn table_highlights(doc: &Document, index: usize) -> Vec<Highlight> {
    doc.line_items
        .iter()
        .filter(|item| item.table_index == index && !item.amount_printed.is_empty())
        .filter_map(|item| {
            let (page, bbox) = (item.provenance.page?, item.provenance.bbox?);
            Some(Highlight::new(page, bbox, "", Role::Cell))
        })
        .collect()
}
