//! Write: zip archives of output files (the download bundles), made when they are
//! written. The one module that knows the zip crate. Entries are stored in the order
//! given with one fixed time and fixed permissions, so the same entries always give the
//! same bytes.

use std::io::{Cursor, Write};

use jiff::civil::Date;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{Contents, WriteError};
use crate::messages::msg;

/// A zip file to write: its entries by name, and the date every entry carries.
#[derive(Debug, Clone)]
pub struct Archive {
    pub entries: Vec<(String, Contents)>,
    pub date: Date,
}

impl Archive {
    /// The archive's bytes. An entry that cannot be read (a handout that changed since it
    /// was loaded) fails the whole archive.
    pub fn bytes(&self) -> Result<Vec<u8>, WriteError> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(zip_time(self.date))
            .unix_permissions(0o644);
        for (name, contents) in &self.entries {
            let bytes = contents.bytes()?;
            zip.start_file(name.as_str(), options)
                .and_then(|()| zip.write_all(&bytes).map_err(Into::into))
                .map_err(|e| {
                    WriteError(msg!(
                        "output-zip-entry",
                        name = name,
                        detail = e.to_string()
                    ))
                })?;
        }
        let cursor = zip
            .finish()
            .map_err(|e| WriteError(msg!("output-zip-finish", detail = e.to_string())))?;
        Ok(cursor.into_inner())
    }
}

/// The date as a zip timestamp (noon, so no time zone moves it to another day); dates
/// zip cannot hold become its first day.
fn zip_time(date: Date) -> DateTime {
    let year = u16::try_from(date.year()).unwrap_or(1980);
    let month = u8::try_from(date.month()).unwrap_or(1);
    let day = u8::try_from(date.day()).unwrap_or(1);
    DateTime::from_date_and_time(year, month, day, 12, 0, 0).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_same_entries_give_the_same_bytes_and_read_back() {
        let archive = Archive {
            entries: vec![
                ("b.txt".into(), Contents::Bytes(b"bee".to_vec())),
                ("mappe/ø.pdf".into(), Contents::Bytes(b"%PDF".to_vec())),
            ],
            date: jiff::civil::date(2027, 2, 1),
        };
        let first = archive.bytes().unwrap();
        assert_eq!(first, archive.bytes().unwrap());
        let mut read = zip::ZipArchive::new(Cursor::new(first)).unwrap();
        let names: Vec<String> = (0..read.len())
            .map(|i| read.by_index(i).unwrap().name().unwrap().to_string())
            .collect();
        assert_eq!(names, ["b.txt", "mappe/ø.pdf"]);
        let mut text = String::new();
        read.by_name("b.txt")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "bee");
    }
}
