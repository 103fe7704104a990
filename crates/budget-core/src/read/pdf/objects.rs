//! Small helpers over lopdf objects: dereferencing, numbers, names, arrays.

use lopdf::{Dictionary, Document, Object, Stream};

/// Follow references (bounded by lopdf) to the object itself.
pub(crate) fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).map(|(_, target)| target).unwrap_or(&Object::Null)
}

/// The value at `key`, dereferenced.
pub(crate) fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|object| resolve(doc, object)).filter(|object| !matches!(object, Object::Null))
}

/// The dictionary at `key` (a stream's dictionary also counts).
pub(crate) fn get_dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    match get(doc, dict, key)? {
        Object::Dictionary(inner) => Some(inner),
        Object::Stream(stream) => Some(&stream.dict),
        _ => None,
    }
}

/// The stream at `key`.
pub(crate) fn get_stream<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Stream> {
    get(doc, dict, key)?.as_stream().ok()
}

/// The array at `key`.
pub(crate) fn get_array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    get(doc, dict, key)?.as_array().ok().map(Vec::as_slice)
}

/// The name at `key`.
pub(crate) fn get_name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    get(doc, dict, key)?.as_name().ok()
}

/// The number at `key`.
pub(crate) fn get_number(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f32> {
    number(get(doc, dict, key)?)
}

/// An integer or real as `f32`; non-finite values are rejected.
pub(crate) fn number(object: &Object) -> Option<f32> {
    let value = match object {
        Object::Integer(value) => *value as f32,
        Object::Real(value) => *value,
        _ => return None,
    };
    value.is_finite().then_some(value)
}

/// A number from an array element, dereferencing it first.
pub(crate) fn number_in(doc: &Document, object: &Object) -> Option<f32> {
    number(resolve(doc, object))
}

/// Decompress a stream's content, refusing to inflate past `limit` bytes.
pub(crate) fn stream_bytes(stream: &Stream, limit: usize) -> Result<Vec<u8>, String> {
    if stream.dict.get(b"Filter").is_err() {
        return if stream.content.len() <= limit {
            Ok(stream.content.clone())
        } else {
            Err(format!("stream of {} bytes exceeds the limit of {limit}", stream.content.len()))
        };
    }
    stream.decompressed_content_with_limit(limit).map_err(|err| match err {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit }) => {
            format!("decodes to more than {limit} bytes (the decoded-bytes limit); skipped")
        }
        lopdf::Error::Decompress(inner) => format!("cannot decompress it: {inner}"),
        other => other.to_string(),
    })
}

/// A name as text: UTF-8 when valid, else GBK (Chinese font names are often GBK bytes).
pub(crate) fn name_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::GBK.decode_without_bom_handling(bytes).0.into_owned(),
    }
}
