//! Zip containers (DOCX, XLSX, ODS) opened under hard limits: entry count, total uncompressed
//! size, compression ratio and XML size. Sizes are counted while inflating, never trusted from
//! the directory, so a zip bomb that lies about its sizes still stops at the limit.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::read::ReadOptions;

/// What a zip container holds, judged by its entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZipKind {
    /// A Word document (`word/document.xml`).
    Docx,
    /// An Excel workbook (`xl/workbook.xml`).
    Xlsx,
    /// An OpenDocument spreadsheet (`mimetype` says so, or `content.xml` with a spreadsheet).
    Ods,
    /// An OpenDocument text (`.odt`), not read.
    Odt,
    /// Something else.
    Other,
}

/// A zip archive with a running budget of uncompressed bytes.
pub struct LimitedZip<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    source: String,
    format: &'static str,
    options: ReadOptions,
    inflated: u64,
    /// The inflate buffer, zeroed once and reused for every entry.
    buffer: Vec<u8>,
}

impl<'a> LimitedZip<'a> {
    /// Open `data` as a zip; `format` names the expected format in errors (`DOCX`, `XLSX`).
    ///
    /// # Errors
    /// [`ErrorKind::Malformed`] for a damaged directory, [`ErrorKind::LimitExceeded`] past
    /// [`ReadOptions::max_zip_entries`].
    pub fn open(source: &str, data: &'a [u8], format: &'static str, options: &ReadOptions) -> Result<Self> {
        let archive = ZipArchive::new(Cursor::new(data)).map_err(|e| {
            Error::new(
                ErrorKind::Malformed { format: format.into(), message: format!("zip directory: {e}") },
                Location::source(source),
            )
        })?;
        if archive.len() as u64 > options.max_zip_entries {
            return Err(Error::new(
                ErrorKind::LimitExceeded {
                    what: "zip entries".into(),
                    actual: archive.len() as u64,
                    limit: options.max_zip_entries,
                },
                Location::source(source),
            ));
        }
        Ok(LimitedZip {
            archive,
            source: source.to_string(),
            format,
            options: options.clone(),
            inflated: 0,
            buffer: Vec::new(),
        })
    }

    /// The kind of document, from the entry names.
    pub fn kind(&mut self) -> ZipKind {
        let names: Vec<String> = self.archive.file_names().map(str::to_string).collect();
        let has = |n: &str| names.iter().any(|x| x == n);
        if has("word/document.xml") {
            return ZipKind::Docx;
        }
        if has("xl/workbook.xml") || has("xl/workbook.bin") {
            return ZipKind::Xlsx;
        }
        if has("mimetype") {
            let mime = self.read_entry("mimetype", 200).ok().flatten().unwrap_or_default();
            let mime = String::from_utf8_lossy(&mime);
            if mime.contains("opendocument.spreadsheet") {
                return ZipKind::Ods;
            }
            if mime.contains("opendocument.text") {
                return ZipKind::Odt;
            }
        }
        if has("content.xml") {
            return ZipKind::Ods;
        }
        ZipKind::Other
    }

    /// A location naming the source and a zip entry.
    pub fn location(&self, entry: &str, byte: Option<usize>) -> Location {
        Location { source: format!("{} [{entry}]", self.source), line: None, byte }
    }

    fn error(&self, entry: &str, kind: ErrorKind) -> Error {
        Error::new(kind, self.location(entry, None))
    }

    /// Inflate entry `name` (at most `max_bytes`), or `None` when there is no such entry.
    ///
    /// # Errors
    /// [`ErrorKind::LimitExceeded`] past `max_bytes`, the total uncompressed budget or the
    /// compression ratio; [`ErrorKind::Malformed`] for damaged or encrypted data.
    pub fn read_entry(&mut self, name: &str, max_bytes: u64) -> Result<Option<Vec<u8>>> {
        let Some(index) = self.archive.index_for_name(name) else { return Ok(None) };
        self.read_index(index, max_bytes).map(Some)
    }

    /// Inflate every entry into nothing, enforcing the limits: a check before handing the bytes
    /// to a parser (calamine) that inflates on its own.
    ///
    /// # Errors
    /// As [`LimitedZip::read_entry`].
    pub fn check_all(&mut self) -> Result<()> {
        for index in 0..self.archive.len() {
            self.inflate(index, u64::MAX, &mut std::io::sink())?;
        }
        Ok(())
    }

    /// The index of the entry for part `path`: the entry named exactly so, else the first one
    /// whose name equals it ignoring ASCII case (with `\` read as `/`).
    pub fn find_part(&self, path: &str) -> Option<usize> {
        let same = |name: &str| {
            name.len() == path.len()
                && name
                    .bytes()
                    .zip(path.bytes())
                    .all(|(a, b)| (if a == b'\\' { b'/' } else { a }).eq_ignore_ascii_case(&b))
        };
        self.archive.index_for_name(path).or_else(|| {
            let name = self.archive.file_names().find(|name| same(name))?;
            self.archive.index_for_name(name)
        })
    }

    /// The name of entry `index`.
    pub fn name_of(&self, index: usize) -> &str {
        self.archive.name_for_index(index).unwrap_or_default()
    }

    /// Inflate entry `index` (at most `max_bytes`).
    ///
    /// # Errors
    /// As [`LimitedZip::read_entry`].
    pub fn read_index(&mut self, index: usize, max_bytes: u64) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.inflate(index, max_bytes, &mut out)?;
        Ok(out)
    }

    fn inflate(&mut self, index: usize, max_bytes: u64, sink: &mut dyn std::io::Write) -> Result<u64> {
        let format = self.format;
        let budget = self.options.max_uncompressed_bytes.saturating_sub(self.inflated);
        let ratio_limit = self.options.max_compression_ratio;
        let (name, result) = {
            let file = match self.archive.by_index(index) {
                Ok(file) => file,
                Err(e) => {
                    let kind =
                        ErrorKind::Malformed { format: format.into(), message: format!("zip entry {index}: {e}") };
                    return Err(Error::new(kind, Location::source(&self.source)));
                }
            };
            let name = file.name().to_string();
            let compressed = file.compressed_size().max(1);
            let cap = budget.min(max_bytes);
            let mut limited = file.take(cap.saturating_add(1));
            let mut copied = 0u64;
            if self.buffer.is_empty() {
                self.buffer = vec![0u8; 64 * 1024];
            }
            let buf = &mut self.buffer;
            let result = loop {
                match limited.read(buf) {
                    Ok(0) => break Ok(copied),
                    Ok(n) => {
                        copied += n as u64;
                        if copied > cap {
                            break Err(if cap == max_bytes {
                                ErrorKind::LimitExceeded {
                                    what: format!("uncompressed size of zip entry {name}"),
                                    actual: copied,
                                    limit: max_bytes,
                                }
                            } else {
                                ErrorKind::LimitExceeded {
                                    what: "total uncompressed size of the zip entries".into(),
                                    actual: self.inflated + copied,
                                    limit: self.options.max_uncompressed_bytes,
                                }
                            });
                        }
                        if copied > 1 << 20 && copied / compressed > ratio_limit {
                            break Err(ErrorKind::LimitExceeded {
                                what: format!("compression ratio of zip entry {name}"),
                                actual: copied / compressed,
                                limit: ratio_limit,
                            });
                        }
                        if let Err(e) = sink.write_all(&buf[..n]) {
                            break Err(ErrorKind::Io { message: e.to_string() });
                        }
                    }
                    Err(e) => {
                        break Err(ErrorKind::Malformed {
                            format: format.into(),
                            message: format!("zip entry {name} cannot be inflated: {e}"),
                        })
                    }
                }
            };
            (name, result)
        };
        match result {
            Ok(n) => {
                self.inflated += n;
                Ok(n)
            }
            Err(kind) => Err(self.error(&name, kind)),
        }
    }
}

/// A zip of `entries` (name, content), for the unit tests of the zip-based readers.
#[cfg(test)]
pub(crate) fn zip_of<N: AsRef<str>, D: AsRef<[u8]>>(entries: impl IntoIterator<Item = (N, D)>) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        writer.start_file(name.as_ref(), zip::write::SimpleFileOptions::default()).expect("zip entry");
        writer.write_all(data.as_ref()).expect("zip write");
    }
    writer.finish().expect("zip").into_inner()
}
