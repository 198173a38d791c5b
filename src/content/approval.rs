//! Load: `content/approvals.yaml`, HR's record of which local items of which division it
//! has approved, and in what state. A data file, not a page: it shows in no site. What
//! the records mean (approved, changed since, unapproved) is the business of the approvals
//! module, after resolve.

use jiff::civil::Date;
use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::yaml::{Checked, Data};

pub const APPROVALS_FILE: &str = "approvals.yaml";

/// One approval: HR approved the division's file at `path` (its position in the merged
/// tree) as it was when its fingerprint was taken.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    pub division: String,
    pub path: String,
    pub approved_by: String,
    pub date: Checked<Date>,
    /// The first 12 hex digits of the SHA-256 of the file's bytes.
    pub fingerprint: String,
}

/// Reads the approvals file; a file with nothing but comments holds no approvals.
pub fn parse(text: String, file: &str) -> Result<Data<Vec<Approval>>, Vec<Diagnostic>> {
    let empty = text
        .lines()
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'));
    if empty {
        return Ok(Data::stand_in(Vec::new(), file));
    }
    Data::parse(text, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_of_comments_holds_no_approvals() {
        let data = parse("# HR's approvals\n\n".into(), "content/approvals.yaml").unwrap();
        assert!(data.is_empty());
    }

    #[test]
    fn every_key_error_is_reported_with_its_line() {
        let text = "- division: alfa\n  path: a.md\n  approved_by: HR\n  date: \"2027-01-01\"\n  fingerprint: abcdefabcdef\n  note: x\n- division: beta\n";
        let problems = parse(text.into(), "content/approvals.yaml").unwrap_err();
        let found: Vec<(usize, String)> = problems
            .iter()
            .map(|p| (p.line, p.message.english()))
            .collect();
        assert!(
            found
                .iter()
                .any(|(line, m)| *line == 6 && m.starts_with("unknown key `note`")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(line, m)| *line == 7 && m.contains("`path`")),
            "{found:?}"
        );
    }
}
