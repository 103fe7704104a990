//! The cells calamine allocates for the sheets of a BIFF `Workbook` stream, measured the way
//! calamine walks it (calamine 0.30 `xls.rs`): the globals substream's BOUNDSHEET records give
//! each sheet's offset; from there records are read (CONTINUE records joined) up to EOF; every
//! cell record widens the sheet's range, which calamine then allocates in full (`from_sparse`),
//! after reserving what DIMENSIONS declares. A hostile file declares or implies billions.

use super::UsedRange;

const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const FORMULA: u16 = 0x0006;
const STRING: u16 = 0x0207;
const MULRK: u16 = 0x00BD;
/// NUMBER, LABEL, BOOLERR, RK, LABELSST: a row and a column at the start of the record.
const CELLS: [u16; 5] = [0x0203, 0x0204, 0x0205, 0x027E, 0x00FD];

fn u16_at(data: &[u8], at: usize) -> u32 {
    data.get(at..at + 2).map_or(0, |b| u32::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_at(data: &[u8], at: usize) -> u32 {
    super::u32_at(data, at).unwrap_or(0)
}

/// The records from the start of `stream` as calamine's `RecordIter` yields them: type and body
/// (CONTINUE bodies are not needed here), ending at the first record that does not fit.
fn records(mut stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        if stream.len() < 4 {
            return None;
        }
        let kind = u16_at(stream, 0) as u16;
        let len = u16_at(stream, 2) as usize;
        let (record, rest) = stream.split_at_checked(len + 4)?;
        stream = rest;
        while stream.len() > 4 && u16_at(stream, 0) as u16 == CONTINUE {
            let (_, rest) = stream.split_at_checked(u16_at(stream, 2) as usize + 4)?;
            stream = rest;
        }
        Some((kind, &record[4..]))
    })
}

/// A bounding box of cell positions.
#[derive(Default)]
struct Range(Option<(u32, u32, u32, u32)>);

impl Range {
    fn add(&mut self, row: u32, col: u32) {
        self.0 = Some(match self.0 {
            None => (row, col, row, col),
            Some((r0, c0, r1, c1)) => (r0.min(row), c0.min(col), r1.max(row), c1.max(col)),
        });
    }

    fn cells(&self) -> u64 {
        self.0.map_or(0, |(r0, c0, r1, c1)| u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1))
    }
}

/// What calamine reserves for a DIMENSIONS record (its arithmetic, wrapping as it does).
fn dimensions(body: &[u8]) -> u64 {
    let (first_row, last_row, at) = match body.len() {
        10 => (u16_at(body, 0), u16_at(body, 2), 4),
        14 => (u32_at(body, 0), u32_at(body, 4), 8),
        _ => return 0,
    };
    let (mut first_col, last_col) = (u16_at(body, at), u16_at(body, at + 2));
    if first_col > 0xFF || last_col < first_col {
        first_col = 0;
    }
    if last_row == 0 || last_col == 0 {
        return 0;
    }
    let rows = (last_row - 1).wrapping_sub(first_row).wrapping_add(1);
    let cols = (last_col - 1).wrapping_sub(first_col).wrapping_add(1);
    u64::from(rows).saturating_mul(u64::from(cols))
}

/// The cells calamine allocates for the sheet whose records start at `sheet`.
fn sheet_cells(sheet: &[u8]) -> u64 {
    let (mut cells, mut formulas, mut reserved) = (Range::default(), Range::default(), 0u64);
    let mut formula_at = (0, 0);
    for (kind, body) in records(sheet) {
        match kind {
            EOF => break,
            DIMENSIONS => reserved = reserved.max(dimensions(body)),
            FORMULA => {
                formula_at = (u16_at(body, 0), u16_at(body, 2));
                cells.add(formula_at.0, formula_at.1);
                formulas.add(formula_at.0, formula_at.1);
            }
            STRING => cells.add(formula_at.0, formula_at.1),
            MULRK if body.len() >= 6 => {
                let (row, first, last) = (u16_at(body, 0), u16_at(body, 2), u16_at(body, body.len() - 2));
                cells.add(row, first.min(last));
                cells.add(row, first.max(last));
            }
            k if CELLS.contains(&k) => cells.add(u16_at(body, 0), u16_at(body, 2)),
            _ => {}
        }
    }
    reserved.saturating_add(cells.cells()).saturating_add(formulas.cells())
}

/// The cells calamine will allocate for every sheet named by a BOUNDSHEET record of `stream`.
pub(super) fn used_range(stream: &[u8]) -> UsedRange {
    let mut used = UsedRange::default();
    let sheets = records(stream).take_while(|(kind, _)| *kind != EOF).filter(|(kind, _)| *kind == BOUNDSHEET);
    for (_, body) in sheets {
        let Some(sheet) = stream.get(u32_at(body, 0) as usize..) else { continue };
        let cells = sheet_cells(sheet);
        used.largest_sheet = used.largest_sheet.max(cells);
        used.workbook = used.workbook.saturating_add(cells);
    }
    used
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: u16, body: &[u8]) -> Vec<u8> {
        let mut out = kind.to_le_bytes().to_vec();
        out.extend((body.len() as u16).to_le_bytes());
        out.extend(body);
        out
    }

    #[test]
    fn every_boundsheet_counts_even_when_two_share_an_offset() {
        let sheet_at = 2 * 10 + 4;
        let bound = record(BOUNDSHEET, &[&(sheet_at as u32).to_le_bytes()[..], &[0, 0]].concat());
        let mut stream = [bound.clone(), bound, record(EOF, &[])].concat();
        assert_eq!(stream.len(), sheet_at);
        // NUMBER at (0, 0) and LABELSST at (999, 9): 1000 × 10 cells.
        stream.extend(record(0x0203, &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        stream.extend(record(0x00FD, &[0xE7, 0x03, 9, 0, 0, 0, 0, 0, 0, 0]));
        stream.extend(record(EOF, &[]));
        assert_eq!(used_range(&stream), UsedRange { largest_sheet: 10_000, workbook: 20_000 });
    }

    #[test]
    fn a_sheet_offset_past_the_stream_allocates_nothing() {
        let stream = record(BOUNDSHEET, &[0xFF, 0xFF, 0xFF, 0x7F, 0, 0]);
        assert_eq!(used_range(&stream), UsedRange::default());
    }
}
