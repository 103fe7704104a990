//! One page: inherited attributes (MediaBox, CropBox, Rotate, Resources), its content streams,
//! and the conversion of interpreter output to top-left page coordinates.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::interpreter::{FontCache, Interpreter};
use super::matrix::Matrix;
use super::objects::{number_in, resolve, stream_bytes};
use super::{Char, Page, PdfOptions, Segment};

/// Deepest page tree walked for inherited attributes.
const MAX_TREE_DEPTH: usize = 64;
/// US Letter, used when a page declares no MediaBox.
const DEFAULT_BOX: [f32; 4] = [0.0, 0.0, 612.0, 792.0];

/// Read one page; returns it with its warnings (unprefixed). `document_bytes_left` is what is
/// left of [`PdfOptions::max_document_bytes`]; the page's decoded content is charged to it.
pub(crate) fn read_page(
    doc: &Document,
    page_id: ObjectId,
    number: u32,
    options: &PdfOptions,
    fonts: &mut FontCache,
    document_bytes_left: &mut usize,
) -> (Page, Vec<String>) {
    let mut warnings = Vec::new();
    let Ok(page_dict) = doc.get_dictionary(page_id) else {
        warnings.push("page object is missing or not a dictionary (cut off or damaged); page left empty".to_string());
        return (Page { number, ..Page::default() }, warnings);
    };
    let media = inherited(doc, page_dict, b"MediaBox").and_then(|object| rectangle(doc, object)).unwrap_or_else(|| {
        warnings.push("no MediaBox; US Letter assumed".to_string());
        DEFAULT_BOX
    });
    let crop = inherited(doc, page_dict, b"CropBox")
        .and_then(|object| rectangle(doc, object))
        .map(|crop| intersect(crop, media))
        .unwrap_or(media);
    let rotation = inherited(doc, page_dict, b"Rotate")
        .and_then(|object| object.as_i64().ok())
        .map_or(0, |degrees| degrees.rem_euclid(360) as i32 / 90 * 90);
    let resources = inherited(doc, page_dict, b"Resources").and_then(|object| object.as_dict().ok());

    let mut interpreter = Interpreter::new(doc, options, fonts, Matrix::IDENTITY);
    for content_id in doc.get_page_contents(page_id) {
        let Ok(stream) = doc.get_object(content_id).and_then(Object::as_stream) else { continue };
        let limit = options.max_content_bytes_per_page.min(options.max_stream_bytes).min(*document_bytes_left);
        match stream_bytes(stream, limit) {
            Ok(content) => {
                if !interpreter.charge_bytes(content.len()) {
                    break;
                }
                interpreter.run(&content, resources);
            }
            Err(err) => warnings.push(format!("unreadable content stream {} {}: {err}", content_id.0, content_id.1)),
        }
    }
    *document_bytes_left = document_bytes_left.saturating_sub(interpreter.bytes_used());
    let mut content = interpreter.finish();
    let duplicates = super::dedupe::remove_duplicates(&mut content.chars);
    if duplicates > 0 {
        warnings.push(format!("{duplicates} glyphs drawn twice at the same place (fake bold) are kept once"));
    }
    warnings.extend(content.warnings);
    if content.unmapped_glyphs > 0 {
        warnings.push(format!("{} glyphs have no Unicode mapping (shown as U+FFFD)", content.unmapped_glyphs));
    }
    warnings.dedup();
    let [left, bottom, right, top] = crop;
    let inside =
        |raw: &&super::interpreter::RawChar| raw.x1 >= left && raw.x0 <= right && raw.y1 >= bottom && raw.y0 <= top;
    let outside = content.chars.iter().filter(|raw| !inside(raw)).count();
    if content.dropped_chars > 0 {
        warnings.push(format!(
            "{} characters past the limit of {} per page are not kept",
            content.dropped_chars, options.max_chars_per_page
        ));
    }
    if outside > 0 {
        warnings.push(format!("{outside} glyphs outside the crop box are not kept"));
    }

    let chars = content
        .chars
        .iter()
        .filter(|raw| inside(raw))
        .map(|raw| Char {
            text: raw.text.clone(),
            x0: raw.x0 - left,
            y0: top - raw.y1,
            x1: raw.x1 - left,
            y1: top - raw.y0,
            font_size: raw.font_size,
            font: raw.font.to_string(),
        })
        .collect();
    let segments = content
        .segments
        .into_iter()
        .map(|raw| Segment { x0: raw.x0 - left, y0: top - raw.y1, x1: raw.x1 - left, y1: top - raw.y0 })
        .collect();
    let page = Page {
        number,
        width: crop[2] - crop[0],
        height: crop[3] - crop[1],
        rotation,
        chars,
        segments,
        has_images: content.has_images,
    };
    (page, warnings)
}

/// An attribute of the page or its nearest ancestor that has it.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..MAX_TREE_DEPTH {
        if let Ok(value) = node.get(key) {
            return Some(resolve(doc, value));
        }
        node = resolve(doc, node.get(b"Parent").ok()?).as_dict().ok()?;
    }
    None
}

/// A rectangle `[x0 y0 x1 y1]`, normalised so that x0 < x1 and y0 < y1; `None` if degenerate.
fn rectangle(doc: &Document, object: &Object) -> Option<[f32; 4]> {
    let values: Vec<f32> = object.as_array().ok()?.iter().filter_map(|item| number_in(doc, item)).collect();
    let [a, b, c, d] = values[..] else { return None };
    let rect = [a.min(c), b.min(d), a.max(c), b.max(d)];
    (rect[2] - rect[0] > 1.0 && rect[3] - rect[1] > 1.0).then_some(rect)
}

fn intersect(crop: [f32; 4], media: [f32; 4]) -> [f32; 4] {
    let rect = [crop[0].max(media[0]), crop[1].max(media[1]), crop[2].min(media[2]), crop[3].min(media[3])];
    if rect[2] - rect[0] > 1.0 && rect[3] - rect[1] > 1.0 {
        rect
    } else {
        media
    }
}
