//! A structural check of an OLE2 compound file (the container of .xls and .doc) before calamine
//! reads it. calamine trusts the sector numbers, chain links and stream sizes of the file: a
//! damaged one makes it allocate terabytes (an abort, not a panic), follow a chain in a circle
//! forever, or index out of bounds. Here every sector number, every FAT/mini-FAT chain and every
//! size it will use is checked against the file first, in linear time.

use crate::error::ErrorKind;

mod biff;

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

fn words(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

struct File<'a> {
    body: &'a [u8],
    size: usize,
}

impl File<'_> {
    fn sector(&self, id: u32) -> Result<&[u8], String> {
        let start = (id as usize).checked_mul(self.size).filter(|&s| s < self.body.len());
        let start = start.ok_or_else(|| format!("sector {id} is past the end of the file"))?;
        Ok(&self.body[start..(start + self.size).min(self.body.len())])
    }

    /// The bytes of the chain starting at `start` (which must end at ENDOFCHAIN).
    fn chain(&self, start: u32, fat: &[u32], limit: usize) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0usize;
        while id != ENDOFCHAIN {
            steps += 1;
            if steps > fat.len() + 1 || out.len() > limit {
                return Err(format!("the sector chain from {start} loops or is too long"));
            }
            out.extend_from_slice(self.sector(id)?);
            id = *fat.get(id as usize).ok_or_else(|| format!("sector {id} is not in the FAT"))?;
        }
        Ok(out)
    }
}

/// The directory entry type of a stream (MS-CFB 2.6.1).
const STREAM: u8 = 2;

/// One 128-byte directory entry, decoded as calamine decodes it.
struct Entry {
    kind: u8,
    start: u32,
    len: u64,
    name: String,
}

impl Entry {
    fn parse(e: &[u8], sector_size: usize) -> Entry {
        let len = if sector_size == 512 {
            u64::from(u32_at(e, 120).unwrap_or(0))
        } else {
            u64::from_le_bytes(e[120..128].try_into().unwrap_or([0; 8]))
        };
        // calamine ignores the name length field: all 64 bytes, UTF-16LE, cut at the first NUL.
        let mut name = encoding_rs::UTF_16LE.decode(&e[..64]).0.into_owned();
        name.truncate(name.find('\0').unwrap_or(name.len()));
        Entry { kind: e[66], start: u32_at(e, 116).unwrap_or(0), len, name }
    }
}

/// Follow a chain in `fat` from `start` to ENDOFCHAIN, checking each link with `valid`.
fn check_chain(start: u32, fat: &[u32], valid: impl Fn(u32) -> bool, what: &str) -> Result<(), String> {
    let mut id = start;
    let mut steps = 0usize;
    while id != ENDOFCHAIN {
        steps += 1;
        if steps > fat.len() + 1 || !valid(id) {
            return Err(format!("{what}: broken or circular chain at sector {id}"));
        }
        id = *fat.get(id as usize).ok_or_else(|| format!("{what}: sector {id} is not in the table"))?;
    }
    Ok(())
}

/// The cells calamine will allocate for the sheets of a workbook, measured before it reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UsedRange {
    /// The largest allocation of one sheet, in cells (its used range, or its DIMENSIONS).
    pub largest_sheet: u64,
    /// The sum over all sheets (calamine keeps every sheet's range in memory).
    pub workbook: u64,
}

/// Check an OLE2 file; `Err` names what is broken. `Ok` gives the cells calamine will allocate for
/// the sheets of its `Workbook` stream.
///
/// # Errors
/// [`ErrorKind::Malformed`] with the reason.
pub fn check(data: &[u8]) -> Result<UsedRange, ErrorKind> {
    let stream = check_inner(data).map_err(|message| ErrorKind::Malformed { format: "OLE2 (XLS)".into(), message })?;
    Ok(stream.map_or_else(UsedRange::default, |s| biff::used_range(&s)))
}

fn check_inner(data: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let short = || "the header is cut short".to_string();
    let header = data.get(..512).ok_or_else(short)?;
    let size = match u16::from_le_bytes([header[30], header[31]]) {
        9 => 512,
        12 => 4096,
        s => return Err(format!("sector shift {s} (expected 9 or 12)")),
    };
    let body = data.get(size.max(512)..).ok_or_else(short)?;
    let file = File { body, size };
    let sectors = body.len() / size + 1;
    let field = |at: usize| u32_at(header, at).unwrap_or(0);
    let (dir_len, fat_len, dir_start) = (field(40) as usize, field(44) as usize, field(48));
    let (mini_fat_start, mini_fat_len, difat_start) = (field(60), field(64) as usize, field(68));
    // calamine reserves a DIFAT vector sized by bytes 62..66 of the header.
    if field(62) > 1 << 24 || fat_len > sectors || dir_len > sectors || mini_fat_len > sectors {
        return Err("header counts larger than the file".into());
    }
    let mut difat: Vec<u32> = words(&header[76..512]).collect();
    let mut id = difat_start;
    let mut steps = 0;
    while id < RESERVED {
        steps += 1;
        if steps > sectors {
            return Err("the DIFAT chain loops".into());
        }
        difat.extend(words(file.sector(id)?));
        id = difat.pop().unwrap_or(ENDOFCHAIN);
    }
    let mut fat: Vec<u32> = Vec::new();
    for &id in difat.iter().filter(|&&id| id < DIFSECT) {
        fat.extend(words(file.sector(id)?));
        if fat.len() > sectors * (size / 4) + size {
            return Err("the FAT is larger than the file".into());
        }
    }
    let in_file = |id: u32| (id as usize) < fat.len() && (id as usize) * size < body.len();
    check_chain(dir_start, &fat, in_file, "directory")?;
    let dirs = file.chain(dir_start, &fat, body.len())?;
    if dirs.len() % 128 != 0 {
        return Err(format!("the directory ends in a cut sector ({} bytes)", dirs.len()));
    }
    let entries: Vec<Entry> = dirs.chunks_exact(128).map(|e| Entry::parse(e, size)).collect();
    let Some(root) = entries.first() else { return Err("no root directory entry".into()) };
    let (mini_fat, mini_len) = if mini_fat_len > 0 {
        check_chain(root.start, &fat, in_file, "mini stream")?;
        check_chain(mini_fat_start, &fat, in_file, "mini FAT")?;
        if root.len > body.len() as u64 {
            return Err(format!("the mini stream claims {} bytes", root.len));
        }
        let mini_fat: Vec<u32> = words(&file.chain(mini_fat_start, &fat, body.len())?).collect();
        (mini_fat, root.len as usize)
    } else {
        (Vec::new(), 0)
    };
    let check_stream = |entry: &Entry| {
        if entry.len > body.len() as u64 {
            return Err(format!("stream {:?} claims {} bytes in a file of {}", entry.name, entry.len, data.len()));
        }
        if entry.len < 4096 {
            let in_mini = |id: u32| (id as usize) < mini_fat.len() && (id as usize + 1) * 64 <= mini_len;
            check_chain(entry.start, &mini_fat, in_mini, "mini stream chain")
        } else {
            check_chain(entry.start, &fat, in_file, "stream chain")
        }
    };
    for entry in entries.iter().skip(1).filter(|e| e.kind == STREAM) {
        check_stream(entry)?;
    }
    // calamine fetches streams by name alone, whatever the entry's type: the first entry named
    // `Workbook` (else `Book`), and, when a `_VBA_PROJECT_CUR` storage exists, any stream the
    // macro directory names. Those entries are checked as calamine will read them.
    let named = |name: &str| entries.iter().find(|e| e.name == name);
    if named("_VBA_PROJECT_CUR").is_some() {
        for entry in entries.iter().filter(|e| !e.name.is_empty()) {
            check_stream(entry)?;
        }
    }
    let Some(workbook) = named("Workbook").or_else(|| named("Book")) else { return Ok(None) };
    check_stream(workbook)?;
    let (start, len) = (workbook.start, workbook.len as usize);
    let mut stream = if len < 4096 {
        let mini = file.chain(root.start, &fat, body.len())?;
        let mut out = Vec::new();
        let mut id = start;
        while id != ENDOFCHAIN && out.len() < len {
            let at = id as usize * 64;
            out.extend_from_slice(mini.get(at..(at + 64).min(mini.len())).unwrap_or_default());
            id = mini_fat.get(id as usize).copied().unwrap_or(ENDOFCHAIN);
        }
        out
    } else {
        file.chain(start, &fat, body.len())?
    };
    stream.truncate(len);
    Ok(Some(stream))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_headers_are_rejected() {
        let mut data = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        data.resize(1024, 0);
        data[30] = 9;
        assert!(matches!(check(&data[..100]), Err(ErrorKind::Malformed { .. })));
        data[30] = 7;
        assert!(matches!(check(&data), Err(ErrorKind::Malformed { message, .. }) if message.contains("shift 7")));
        data[30] = 9;
        data[44..48].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(check(&data), Err(ErrorKind::Malformed { message, .. }) if message.contains("larger")));
    }
}
