//! The position columns every frame of located values gets, after `line_start`, `line_end`,
//! `page`: `x0`, `y0`, `x1`, `y1` (the box on the page in points, top-left origin, y down),
//! `page_width`, `page_height`, `sheet`, `cell` (spreadsheet `B7`) and `location` (where the
//! value is, in words: `page 3, box …`, `sheet 收支总表 cell B7`, `table 2 row 3 cell 4`,
//! `line 24, bytes 242..249`).

/// Declares the position columns inside a `frame_rows!` struct body is not possible (the macro
/// takes a flat list), so frames list them by hand and fill them with [`push_position!`].
macro_rules! push_position {
    ($rows:expr, $provenance:expr) => {{
        let p: &budget_core::Provenance = $provenance;
        let b = p.bbox;
        $rows.x0.0.push(b.map(|b| b[0]));
        $rows.y0.0.push(b.map(|b| b[1]));
        $rows.x1.0.push(b.map(|b| b[2]));
        $rows.y1.0.push(b.map(|b| b[3]));
        $rows.page_width.0.push(p.page_size.map(|s| s[0]));
        $rows.page_height.0.push(p.page_size.map(|s| s[1]));
        $rows.sheet.push(p.sheet.as_deref());
        $rows.cell.push(p.cell.as_deref());
        let location = p.location();
        $rows.location.push((!location.is_empty()).then_some(location.as_str()));
    }};
}

pub(crate) use push_position;
