//! [`ReadOptions`] by name (for bindings and command lines) and as [`PdfOptions`].

use super::pdf::PdfOptions;
use super::ReadOptions;

/// Saturating conversion for limits given as `u64`.
fn size(value: u64) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

impl ReadOptions {
    /// The names [`ReadOptions::set_limit`] accepts, in declaration order.
    pub const LIMIT_NAMES: [&'static str; 16] = [
        "max_input_bytes",
        "max_uncompressed_bytes",
        "max_compression_ratio",
        "max_zip_entries",
        "max_xml_bytes",
        "max_xml_depth",
        "max_html_depth",
        "max_cells_per_sheet",
        "max_pdf_pages",
        "max_pdf_stream_bytes",
        "max_pdf_document_bytes",
        "max_pdf_operands",
        "max_pdf_operators_per_page",
        "max_pdf_nesting",
        "max_pdf_form_depth",
        "max_pdf_page_millis",
    ];

    /// Set the limit called `name` (a field name, see [`ReadOptions::LIMIT_NAMES`]).
    ///
    /// # Errors
    /// The message names the unknown limit and lists the known ones.
    pub fn set_limit(&mut self, name: &str, value: u64) -> Result<(), String> {
        let field = match name {
            "max_input_bytes" => &mut self.max_input_bytes,
            "max_uncompressed_bytes" => &mut self.max_uncompressed_bytes,
            "max_compression_ratio" => &mut self.max_compression_ratio,
            "max_zip_entries" => &mut self.max_zip_entries,
            "max_xml_bytes" => &mut self.max_xml_bytes,
            "max_xml_depth" => &mut self.max_xml_depth,
            "max_html_depth" => &mut self.max_html_depth,
            "max_cells_per_sheet" => &mut self.max_cells_per_sheet,
            "max_pdf_pages" => &mut self.max_pdf_pages,
            "max_pdf_stream_bytes" => &mut self.max_pdf_stream_bytes,
            "max_pdf_document_bytes" => &mut self.max_pdf_document_bytes,
            "max_pdf_operands" => &mut self.max_pdf_operands,
            "max_pdf_operators_per_page" => &mut self.max_pdf_operators_per_page,
            "max_pdf_nesting" => &mut self.max_pdf_nesting,
            "max_pdf_form_depth" => &mut self.max_pdf_form_depth,
            "max_pdf_page_millis" => &mut self.max_pdf_page_millis,
            _ => return Err(format!("unknown limit {name:?}; known: {}", Self::LIMIT_NAMES.join(", "))),
        };
        *field = value;
        Ok(())
    }

    /// The PDF reader's options: the PDF limits here, the rest at their defaults.
    pub fn pdf_options(&self) -> PdfOptions {
        PdfOptions {
            max_pages: size(self.max_pdf_pages),
            max_stream_bytes: size(self.max_pdf_stream_bytes),
            max_document_bytes: size(self.max_pdf_document_bytes),
            max_operands: size(self.max_pdf_operands),
            max_operations_per_page: size(self.max_pdf_operators_per_page),
            max_nesting: size(self.max_pdf_nesting),
            max_form_depth: size(self.max_pdf_form_depth),
            max_time_per_page: std::time::Duration::from_millis(self.max_pdf_page_millis),
            ..PdfOptions::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_set_by_name_and_reach_the_pdf_reader() {
        let mut options = ReadOptions::default();
        for name in ReadOptions::LIMIT_NAMES {
            options.set_limit(name, 7).expect(name);
        }
        assert_eq!((options.max_input_bytes, options.max_pdf_page_millis), (7, 7));
        let pdf = options.pdf_options();
        assert_eq!((pdf.max_pages, pdf.max_operands, pdf.max_nesting, pdf.max_form_depth), (7, 7, 7, 7));
        assert_eq!(pdf.max_time_per_page, std::time::Duration::from_millis(7));
        let err = options.set_limit("max_pdf_colours", 1).expect_err("unknown");
        assert!(err.contains("max_pdf_pages"), "{err}");
        assert_eq!(ReadOptions::default().pdf_options(), PdfOptions::default());
    }
}
