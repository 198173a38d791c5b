//! Source files: how the load stage turns a file's bytes into text. Shared by the
//! settings (`config`) and the content (`content`), so neither depends on the other for it.

use crate::diagnostics::{Diagnostic, Position};

/// Reads a file's bytes as text: UTF-8 (a byte-order mark is dropped), line endings
/// made `\n`.
pub fn decode(bytes: &[u8], file: &str) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let line = bytes[..error.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Diagnostic::error("this file is not UTF-8 text")
            .in_file(file)
            .at(Position::new(line, 1))
            .hint("save it as UTF-8 (in most editors: \"Save with encoding\" -> UTF-8)")
    })?;
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_drops_the_bom_and_normalises_line_endings() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb\r", "f").unwrap(), "a\nb\n");
        let error = decode(b"ok\n\xFF", "f.md").unwrap_err();
        assert_eq!(error.line, 2);
        assert!(error.message.contains("UTF-8"));
    }
}
