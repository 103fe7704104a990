//! A structural check of an OLE2 compound file (the container of .xls and .doc) before calamine
//! reads it. calamine trusts the sector numbers, chain links and stream sizes of the file: a
//! damaged one makes it allocate terabytes (an abort, not a panic), follow a chain in a circle
//! forever, or index out of bounds. Here every sector number, every FAT/mini-FAT chain and every
//! size it will use is checked against the file first, in linear time.

use crate::error::ErrorKind;

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

/// Check an OLE2 file; `Err` names what is broken. `Ok` gives the largest used range (rows ×
/// columns) of a sheet in its `Workbook` stream, which calamine will allocate in full.
///
/// # Errors
/// [`ErrorKind::Malformed`] with the reason.
pub fn check(data: &[u8]) -> Result<u64, ErrorKind> {
    let stream = check_inner(data).map_err(|message| ErrorKind::Malformed { format: "OLE2 (XLS)".into(), message })?;
    Ok(stream.map_or(0, |s| biff_max_area(&s)))
}

/// The largest bounding box of cell records in one BIFF substream (sheet).
fn biff_max_area(stream: &[u8]) -> u64 {
    let u16_at = |b: &[u8], at: usize| b.get(at..at + 2).map_or(0, |x| u32::from(u16::from_le_bytes([x[0], x[1]])));
    let mut best = 0u64;
    let mut bbox: Option<(u32, u32, u32, u32)> = None;
    let area = |b: Option<(u32, u32, u32, u32)>| {
        b.map_or(0, |(r0, c0, r1, c1)| u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1))
    };
    let mut pos = 0usize;
    while pos + 4 <= stream.len() {
        let (kind, len) = (u16_at(stream, pos), u16_at(stream, pos + 2) as usize);
        let body = &stream[pos + 4..(pos + 4 + len).min(stream.len())];
        let mut cells = |row: u32, first: u32, last: u32| {
            let (first, last) = (first.min(last), first.max(last));
            bbox = Some(match bbox {
                None => (row, first, row, last),
                Some((r0, c0, r1, c1)) => (r0.min(row), c0.min(first), r1.max(row), c1.max(last)),
            });
        };
        match kind {
            // DIMENSIONS: calamine reserves rows × columns from it, as it computes them (wrapping
            // u32 arithmetic, first column reset when out of range), before any cell is read.
            0x0200 if body.len() == 10 || body.len() == 14 => {
                let wide = body.len() == 14;
                let u32_at =
                    |at: usize| body.get(at..at + 4).map_or(0, |x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]));
                let (first_row, last_row) =
                    if wide { (u32_at(0), u32_at(4)) } else { (u16_at(body, 0), u16_at(body, 2)) };
                let at = if wide { 8 } else { 4 };
                let (mut first_col, last_col) = (u16_at(body, at), u16_at(body, at + 2));
                if first_col > 0xFF || last_col < first_col {
                    first_col = 0;
                }
                if last_row >= 1 && last_col >= 1 {
                    let rows = (last_row - 1).wrapping_sub(first_row).wrapping_add(1);
                    let cols = (last_col - 1).wrapping_sub(first_col).wrapping_add(1);
                    best = best.max(u64::from(rows).saturating_mul(u64::from(cols)));
                }
            }
            0x0809 | 0x000A => {
                best = best.max(area(bbox));
                bbox = None;
            }
            // NUMBER, RK, LABELSST, LABEL, BOOLERR, FORMULA, BLANK, RSTRING
            0x0203 | 0x027E | 0x00FD | 0x0204 | 0x0205 | 0x0006 | 0x0201 | 0x00D6 if body.len() >= 4 => {
                cells(u16_at(body, 0), u16_at(body, 2), u16_at(body, 2));
            }
            // MULRK, MULBLANK: first and last column
            0x00BD | 0x00BE if body.len() >= 6 => cells(u16_at(body, 0), u16_at(body, 2), u16_at(body, len - 2)),
            _ => {}
        }
        pos += 4 + len;
    }
    best.max(area(bbox))
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
    let entries: Vec<(u8, u32, u64, String)> = dirs
        .chunks_exact(128)
        .map(|e| {
            let len = if size == 512 {
                u64::from(u32_at(e, 120).unwrap_or(0))
            } else {
                u64::from_le_bytes(e[120..128].try_into().unwrap_or([0; 8]))
            };
            let name_len = usize::from(u16::from_le_bytes([e[64], e[65]])).min(64) / 2;
            let units: Vec<u16> =
                e[..64].chunks_exact(2).take(name_len).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            let name = String::from_utf16_lossy(&units).trim_end_matches('\0').to_string();
            (e[66], u32_at(e, 116).unwrap_or(0), len, name)
        })
        .collect();
    let Some(&(_, root_start, root_len, _)) = entries.first() else { return Err("no root directory entry".into()) };
    let (mini_fat, mini_len) = if mini_fat_len > 0 {
        check_chain(root_start, &fat, in_file, "mini stream")?;
        check_chain(mini_fat_start, &fat, in_file, "mini FAT")?;
        if root_len > body.len() as u64 {
            return Err(format!("the mini stream claims {root_len} bytes"));
        }
        let mini_fat: Vec<u32> = words(&file.chain(mini_fat_start, &fat, body.len())?).collect();
        (mini_fat, root_len as usize)
    } else {
        (Vec::new(), 0)
    };
    for (_, start, len, _) in entries.iter().skip(1).filter(|e| e.0 == 2) {
        let (start, len) = (*start, *len);
        if len > body.len() as u64 {
            return Err(format!("a stream claims {len} bytes in a file of {}", data.len()));
        }
        if len < 4096 {
            let in_mini = |id: u32| (id as usize) < mini_fat.len() && (id as usize + 1) * 64 <= mini_len;
            check_chain(start, &mini_fat, in_mini, "mini stream chain")?;
        } else {
            check_chain(start, &fat, in_file, "stream chain")?;
        }
    }
    // The workbook stream, read as calamine will (all chains checked above).
    let Some((_, start, len, _)) = entries.iter().skip(1).find(|e| e.0 == 2 && (e.3 == "Workbook" || e.3 == "Book"))
    else {
        return Ok(None);
    };
    let mut stream = if *len < 4096 {
        let mini = file.chain(root_start, &fat, body.len())?;
        let mut out = Vec::new();
        let mut id = *start;
        while id != ENDOFCHAIN && out.len() < *len as usize {
            let at = id as usize * 64;
            out.extend_from_slice(mini.get(at..(at + 64).min(mini.len())).unwrap_or_default());
            id = mini_fat.get(id as usize).copied().unwrap_or(ENDOFCHAIN);
        }
        out
    } else {
        file.chain(*start, &fat, body.len())?
    };
    stream.truncate(*len as usize);
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
