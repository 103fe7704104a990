//! Display helpers: Python-style `__repr__` strings and HTML for the notebook `_repr_html_` methods.

/// Escape `&`, `<`, `>`, `"` and `'` for HTML text and attribute values: the one escaping of
/// `budget_core` (pictures and reports use it too).
pub use budget_core::picture::escape;

/// A Python `repr` of an optional string: `'text'` (quotes and backslashes escaped) or `None`.
pub fn repr_opt(text: Option<&str>) -> String {
    text.map_or_else(|| "None".to_string(), repr_str)
}

/// A Python `repr` of a string: `'text'`, with `\\` and `'` escaped.
pub fn repr_str(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// A two-column HTML table of (label, value) rows, values escaped; `None` shows as an em dash.
pub fn key_value_table(caption: &str, rows: &[(&str, Option<String>)]) -> String {
    let mut html = format!("<table><caption style=\"text-align:left\"><b>{}</b></caption>", escape(caption));
    for (label, value) in rows {
        let value = value.as_deref().map_or_else(|| "—".to_string(), escape);
        html.push_str(&format!("<tr><th style=\"text-align:left\">{}</th><td>{value}</td></tr>", escape(label)));
    }
    html.push_str("</table>");
    html
}

/// An HTML table with a header row and rows of cells, every cell escaped.
pub fn grid_table(caption: &str, header: &[&str], rows: &[Vec<String>]) -> String {
    let mut html = format!("<table><caption style=\"text-align:left\"><b>{}</b></caption><tr>", escape(caption));
    for name in header {
        html.push_str(&format!("<th style=\"text-align:left\">{}</th>", escape(name)));
    }
    html.push_str("</tr>");
    for row in rows {
        html.push_str("<tr>");
        for cell in row {
            html.push_str(&format!("<td style=\"text-align:left\">{}</td>", escape(cell)));
        }
        html.push_str("</tr>");
    }
    html.push_str("</table>");
    html
}

#[cfg(test)]
mod tests {
    #[test]
    fn repr_quotes_like_python() {
        assert_eq!(super::repr_opt(Some("a'b\\c")), "'a\\'b\\\\c'");
        assert_eq!(super::repr_opt(None), "None");
        assert_eq!(super::repr_str("医保"), "'医保'");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(super::escape("<b>\"a\" & 'b'</b>"), "&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;");
    }
}
