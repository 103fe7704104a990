//! Loading a PDF as far as it goes: lopdf reads the objects (rebuilding a broken or missing
//! cross-reference table by scanning for `N G obj` headers, with every stream it decodes while
//! loading bounded by [`PdfOptions::max_stream_bytes`]); when the result has no page tree, as
//! in a download cut off before its catalog or page tree, the objects are loaded again behind a
//! stand-in trailer and the pages are found among them.
//!
//! A file cut short is named in the warnings with the byte it ends at; pages whose objects lie
//! past the cut stay in the page list (numbered as in the page tree) and are read empty with a
//! warning.

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

use super::PdfOptions;

/// Object numbers of the stand-in catalog and page tree (lopdf ignores headers numbered
/// above 1,000,000 when it scans, so these stay below).
const STAND_IN_CATALOG: u32 = 999_998;
const STAND_IN_PAGES: u32 = 999_999;
/// Most page tree roots tried when the catalog is gone.
const MAX_ROOTS_TRIED: usize = 16;
/// How far from the end the `%%EOF` marker is looked for.
const EOF_WINDOW: usize = 4096;

/// A loaded document and what was repaired to load it.
pub(crate) struct Loaded {
    /// The objects, with a page tree.
    pub doc: Document,
    /// What was damaged and how it was recovered.
    pub warnings: Vec<String>,
}

/// Load `data`, repairing what can be repaired. `Err` carries lopdf's message when no page
/// can be found at all.
pub(crate) fn load(data: &[u8], options: &PdfOptions) -> Result<Loaded, String> {
    let mut warnings = Vec::new();
    let tail = &data[data.len().saturating_sub(EOF_WINDOW)..];
    let cut_short = !tail.windows(5).any(|window| window == b"%%EOF");
    if cut_short {
        warnings.push(format!(
            "the file ends at byte {} without its end marker (%%EOF): it was cut short, and what lay past the cut is missing",
            data.len()
        ));
    }
    let load_options =
        || LoadOptions { max_decompressed_size: Some(options.max_stream_bytes), ..LoadOptions::default() };
    let first = Document::load_mem_with_options(data, load_options());
    if let Ok(doc) = &first {
        if doc.page_iter().next().is_some() {
            if doc.xref_recovery.is_some() {
                warnings
                    .push("the cross-reference table is broken; it was rebuilt by scanning for objects".to_string());
            }
            return first.map(|doc| Loaded { doc, warnings }).map_err(|err| err.to_string());
        }
    }
    if doc_needs_password(&first) {
        return first.map(|doc| Loaded { doc, warnings }).map_err(|err| err.to_string());
    }
    let error = match &first {
        Ok(_) => "no pages found (missing or broken page tree)".to_string(),
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit })) => {
            return Err(format!(
                "an object or cross-reference stream decodes to more than {limit} bytes (the decoded-bytes limit)"
            ));
        }
        Err(err) => format!("cannot parse the file: {err}"),
    };
    // A stream cut short is closed first, so that the scan does not take what follows for its
    // payload; a stray `endstream` after a complete object is ignored.
    let mut patched = data.to_vec();
    patched.extend_from_slice(
        format!(
            "\nendstream\nendobj\n{STAND_IN_CATALOG} 0 obj\n<< /Type /Catalog /Pages {STAND_IN_PAGES} 0 R >>\nendobj\n\
             {STAND_IN_PAGES} 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n\
             trailer\n<< /Size 1000000 /Root {STAND_IN_CATALOG} 0 R >>\n%%EOF\n"
        )
        .as_bytes(),
    );
    let Ok(mut doc) =
        Document::load_mem_with_options(&patched, LoadOptions { force_reconstruct: true, ..load_options() })
    else {
        return Err(error);
    };
    let found = attach_pages(&mut doc);
    if found == 0 {
        return Err(error);
    }
    warnings.push(format!(
        "the catalog or page tree is missing or broken ({error}); {found} pages were found by scanning the file for objects"
    ));
    Ok(Loaded { doc, warnings })
}

fn doc_needs_password(loaded: &Result<Document, lopdf::Error>) -> bool {
    matches!(loaded, Ok(doc) if doc.trailer.get(b"Encrypt").is_ok())
}

/// Point the stand-in catalog at the best page tree left: the root (a `/Pages` node without a
/// parent) that leads to the most pages, or else a flat list of every page object, in file
/// order. Returns the number of pages.
fn attach_pages(doc: &mut Document) -> usize {
    let catalog_id: ObjectId = (STAND_IN_CATALOG, 0);
    let roots: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(id, object)| {
            id.0 != STAND_IN_PAGES
                && object.as_dict().is_ok_and(|dict| dict.has_type(b"Pages") && dict.get(b"Parent").is_err())
        })
        .map(|(id, _)| *id)
        .take(MAX_ROOTS_TRIED)
        .collect();
    let mut best: Option<(usize, ObjectId)> = None;
    for root in roots {
        set_catalog_pages(doc, catalog_id, root);
        let count = doc.page_iter().count();
        if count > best.map_or(0, |(most, _)| most) {
            best = Some((count, root));
        }
    }
    if let Some((count, root)) = best {
        set_catalog_pages(doc, catalog_id, root);
        return count;
    }
    let mut pages: Vec<(u64, ObjectId)> = doc
        .objects
        .iter()
        .filter(|(_, object)| object.as_dict().is_ok_and(|dict| dict.has_type(b"Page")))
        .map(|(id, _)| (file_order(doc, *id), *id))
        .collect();
    pages.sort_unstable();
    let kids: Vec<Object> = pages.iter().map(|(_, id)| Object::Reference(*id)).collect();
    let count = kids.len();
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set("Count", Object::Integer(count as i64));
    tree.set("Kids", Object::Array(kids));
    doc.objects.insert((STAND_IN_PAGES, 0), Object::Dictionary(tree));
    set_catalog_pages(doc, catalog_id, (STAND_IN_PAGES, 0));
    count
}

fn set_catalog_pages(doc: &mut Document, catalog_id: ObjectId, pages: ObjectId) {
    if let Ok(catalog) = doc.get_object_mut(catalog_id).and_then(Object::as_dict_mut) {
        catalog.set("Pages", Object::Reference(pages));
    }
}

/// Where an object sits in the file: its offset, or for an object in an object stream the
/// stream's offset and then its index (both shifted to sort after plain objects there).
fn file_order(doc: &Document, id: ObjectId) -> u64 {
    match doc.reference_table.get(id.0) {
        Some(lopdf::xref::XrefEntry::Normal { offset, .. }) => u64::from(*offset) << 24,
        Some(lopdf::xref::XrefEntry::Compressed { container, index }) => {
            let container_offset = match doc.reference_table.get(*container) {
                Some(lopdf::xref::XrefEntry::Normal { offset, .. }) => u64::from(*offset),
                _ => u64::from(u32::MAX),
            };
            (container_offset << 24) + 1 + u64::from(*index)
        }
        _ => u64::MAX - u64::from(u32::MAX) + u64::from(id.0),
    }
}
