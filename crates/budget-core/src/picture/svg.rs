//! The SVG writer: panels (a page or a crop of one) stacked under caption lines.

use std::fmt::Write;

use super::Highlight;
use crate::read::layout::{table_cell_boxes, Char, Page};

/// Pixels per point.
const SCALE: f32 = 1.25;
/// Caption font size and line height, in pixels.
const CAPTION_SIZE: f32 = 13.0;
const CAPTION_LINE: f32 = 18.0;
/// Font size of a highlight's label, in points.
const LABEL_SIZE: f32 = 8.5;
/// Height of the `page N` strip above each panel, in pixels.
const PAGE_STRIP: f32 = 16.0;
/// The fonts a viewer is asked for: CJK fonts a system usually has, then any sans-serif.
const FONTS: &str = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','WenQuanYi Micro Hei',\
'Microsoft YaHei','PingFang SC','SimSun',sans-serif";

/// One page, or a part of one, with its highlights.
pub(super) struct Panel<'a> {
    pub page: &'a Page,
    /// `[x0, y0, x1, y1]`: the part of the page shown, in points.
    pub view: [f32; 4],
    pub highlights: &'a [Highlight],
}

/// Escape text for XML and HTML content and attribute values (`&`, `<`, `>`, `"`, `'`);
/// characters XML cannot hold are dropped.
///
/// ```
/// assert_eq!(budget_core::picture::escape("<b>\"a\" & 'b'</b>"), "&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Split `text` into lines of at most about `width` pixels at `size` (CJK one em, others half).
fn wrap(text: &str, width: f32, size: f32) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = 0.0;
    for c in text.chars() {
        let advance = if c.is_ascii() { 0.55 * size } else { size };
        if used + advance > width && !lines.last().is_some_and(String::is_empty) {
            lines.push(String::new());
            used = 0.0;
        }
        if let Some(line) = lines.last_mut() {
            line.push(c);
        }
        used += advance;
    }
    lines
}

/// A whole SVG document: caption lines, then the panels top to bottom.
pub(super) fn document(panels: &[Panel<'_>], caption: &[String]) -> String {
    let width = panels.iter().map(|p| (p.view[2] - p.view[0]) * SCALE).fold(320.0f32, f32::max);
    let caption_lines: Vec<String> =
        caption.iter().filter(|l| !l.is_empty()).flat_map(|l| wrap(l, width - 16.0, CAPTION_SIZE)).collect();
    let mut y = if caption_lines.is_empty() { 0.0 } else { caption_lines.len() as f32 * CAPTION_LINE + 8.0 };
    let mut body = String::new();
    for (k, line) in caption_lines.iter().enumerate() {
        let weight = if k == 0 { " font-weight=\"bold\"" } else { "" };
        let _ = write!(
            body,
            "<text x=\"8\" y=\"{:.1}\" font-size=\"{CAPTION_SIZE}\"{weight}>{}</text>",
            (k as f32 + 1.0) * CAPTION_LINE - 4.0,
            escape(line)
        );
    }
    for panel in panels {
        let [x0, y0, x1, y1] = panel.view;
        let (w, h) = ((x1 - x0) * SCALE, (y1 - y0) * SCALE);
        let _ = write!(
            body,
            "<text x=\"8\" y=\"{:.1}\" font-size=\"11\" fill=\"#666\">page {} ({:.0}×{:.0} pt), y {:.0}–{:.0}</text>",
            y + 12.0,
            panel.page.number,
            panel.page.width,
            panel.page.height,
            y0,
            y1
        );
        y += PAGE_STRIP;
        let _ = write!(
            body,
            "<svg x=\"0\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" viewBox=\"{x0:.1} {y0:.1} {:.1} {:.1}\" \
             class=\"cnb-page\" data-page=\"{}\">",
            x1 - x0,
            y1 - y0,
            panel.page.number
        );
        draw_page(&mut body, panel);
        body.push_str("</svg>");
        y += h + 6.0;
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{y:.0}\" viewBox=\"0 0 {width:.1} {y:.1}\" \
         font-family=\"{FONTS}\"><rect width=\"100%\" height=\"100%\" fill=\"#f4f4f4\"/>{body}</svg>"
    )
}

fn intersects(b: [f32; 4], view: [f32; 4]) -> bool {
    b[2] >= view[0] && b[0] <= view[2] && b[3] >= view[1] && b[1] <= view[3]
}

fn draw_page(out: &mut String, panel: &Panel<'_>) {
    let [x0, y0, x1, y1] = panel.view;
    let _ = write!(
        out,
        "<rect x=\"{x0:.1}\" y=\"{y0:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#fff\"/>",
        x1 - x0,
        y1 - y0
    );
    out.push_str(
        "<g class=\"cnb-grid\" fill=\"none\" stroke=\"#9ec5ee\" stroke-width=\"0.4\" stroke-dasharray=\"2 1.5\">",
    );
    for b in table_cell_boxes(panel.page).into_iter().filter(|b| intersects(*b, panel.view)) {
        let _ = write!(
            out,
            "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\"/>",
            b[0],
            b[1],
            b[2] - b[0],
            b[3] - b[1]
        );
    }
    out.push_str("</g><g class=\"cnb-rulings\" stroke=\"#777\" stroke-width=\"0.5\">");
    for s in panel.page.segments.iter().filter(|s| intersects([s.x0, s.y0, s.x1, s.y1], panel.view)) {
        let _ = write!(out, "<line x1=\"{:.2}\" y1=\"{:.2}\" x2=\"{:.2}\" y2=\"{:.2}\"/>", s.x0, s.y0, s.x1, s.y1);
    }
    out.push_str("</g><g class=\"cnb-text\" fill=\"#111\">");
    for run in runs(&panel.page.chars).into_iter().filter(|r| intersects(r.bbox, panel.view)) {
        let size = run.bbox[3] - run.bbox[1];
        let _ = write!(
            out,
            "<text x=\"{:.2}\" y=\"{:.2}\" font-size=\"{size:.2}\" textLength=\"{:.2}\" lengthAdjust=\"spacingAndGlyphs\">{}</text>",
            run.bbox[0],
            run.bbox[1] + 0.86 * size,
            (run.bbox[2] - run.bbox[0]).max(0.1),
            escape(&run.text)
        );
    }
    out.push_str("</g><g class=\"cnb-highlights\">");
    for h in panel.highlights {
        let [a, b, c, d] = h.bbox;
        let colour = h.role.colour();
        let _ = write!(
            out,
            "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"{colour}\" fill-opacity=\"0.12\" \
             stroke=\"{colour}\" stroke-width=\"1.4\" data-role=\"{}\"/>",
            a - 1.5,
            b - 1.5,
            c - a + 3.0,
            d - b + 3.0,
            h.role.as_str()
        );
        if !h.label.is_empty() {
            // Above the box, inside the view: right-aligned to the box when it would run off the
            // right edge, below the box when there is no room above.
            let width: f32 = h.label.chars().map(|c| if c.is_ascii() { 0.55 * LABEL_SIZE } else { LABEL_SIZE }).sum();
            let (x, anchor) = if a + width > x1 { (c.min(x1), "end") } else { (a, "start") };
            let y = if b - 3.0 - LABEL_SIZE < y0 { d + LABEL_SIZE + 2.0 } else { b - 3.0 };
            let _ = write!(
                out,
                "<text x=\"{x:.2}\" y=\"{y:.2}\" text-anchor=\"{anchor}\" font-size=\"{LABEL_SIZE}\" font-weight=\"bold\" \
                 fill=\"{colour}\" stroke=\"#fff\" stroke-width=\"2.5\" paint-order=\"stroke\">{}</text>",
                escape(&h.label)
            );
        }
    }
    out.push_str("</g>");
}

/// Characters drawn together: same line, same size, each starting where the last ended.
struct Run {
    text: String,
    bbox: [f32; 4],
}

fn runs(chars: &[Char]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut previous: Option<&Char> = None;
    for c in chars {
        if c.text.trim().is_empty() || !(c.x0.is_finite() && c.y0.is_finite() && c.x1.is_finite() && c.y1.is_finite()) {
            previous = None;
            continue;
        }
        let size = c.y1 - c.y0;
        let joins = previous.is_some_and(|p| {
            let p_size = p.y1 - p.y0;
            (p.y0 - c.y0).abs() < 0.2 && (p_size - size).abs() < 0.2 && c.x0 >= p.x0 && (c.x0 - p.x1).abs() < 0.3 * size
        });
        match out.last_mut() {
            Some(run) if joins => {
                run.text.push_str(&c.text);
                run.bbox[2] = run.bbox[2].max(c.x1);
            }
            _ => out.push(Run { text: c.text.clone(), bbox: [c.x0, c.y0, c.x1, c.y1] }),
        }
        previous = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_captions_wrap() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        let lines = wrap(&"合".repeat(30), 130.0, 13.0);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].chars().count(), 10);
    }
}
