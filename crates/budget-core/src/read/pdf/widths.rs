//! `/W` and `/DW` of CID fonts: CID → advance width.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::objects::{get_array, get_number, number_in, resolve};

/// Most width entries kept per font.
const MAX_ENTRIES: usize = 1 << 18;

/// CID widths in text space units per unit of font size.
#[derive(Debug, Clone)]
pub(crate) struct CidWidths {
    single: HashMap<u32, f32>,
    ranges: Vec<(u32, u32, f32)>,
    default: f32,
}

impl Default for CidWidths {
    fn default() -> Self {
        CidWidths { single: HashMap::new(), ranges: Vec::new(), default: 1.0 }
    }
}

impl CidWidths {
    /// Read `/W` and `/DW` of a CIDFont dictionary.
    pub fn load(doc: &Document, cid_font: &Dictionary) -> CidWidths {
        let mut widths =
            CidWidths { default: get_number(doc, cid_font, b"DW").map_or(1.0, |w| w / 1000.0), ..Default::default() };
        let Some(array) = get_array(doc, cid_font, b"W") else { return widths };
        let mut index = 0;
        while index < array.len() && widths.single.len() + widths.ranges.len() < MAX_ENTRIES {
            let Some(first) = number_in(doc, &array[index]).filter(|v| *v >= 0.0).map(|v| v as u32) else {
                index += 1;
                continue;
            };
            match array.get(index + 1).map(|next| resolve(doc, next)) {
                Some(Object::Array(list)) => {
                    for (offset, value) in list.iter().enumerate().take(MAX_ENTRIES) {
                        if let Some(width) = number_in(doc, value) {
                            widths.single.insert(first.saturating_add(offset as u32), width / 1000.0);
                        }
                    }
                    index += 2;
                }
                Some(last) => {
                    let last = super::objects::number(last).map_or(first, |v| v.max(0.0) as u32);
                    if let Some(width) = array.get(index + 2).and_then(|w| number_in(doc, w)) {
                        widths.ranges.push((first, last, width / 1000.0));
                    }
                    index += 3;
                }
                None => break,
            }
        }
        widths
    }

    /// The width of a CID.
    pub fn width(&self, cid: u32) -> f32 {
        if let Some(width) = self.single.get(&cid) {
            return *width;
        }
        self.ranges.iter().find(|(first, last, _)| *first <= cid && cid <= *last).map_or(self.default, |r| r.2)
    }

    /// The `/DW` width.
    pub fn default_width(&self) -> f32 {
        self.default
    }
}
