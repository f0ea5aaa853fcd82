//! Reading an uploaded file into a header and rows of text cells: CSV (UTF-8 with or without a
//! BOM; `;`, `,` or tab detected from the header line) or a workbook (XLSX, XLS, XLSB, ODS:
//! its first sheet).
//!
//! The whole file is read and checked before any row is imported, so a file-level problem
//! answers 422 and nothing lands: text that is not UTF-8 (naming `file` and the row), a CSV row
//! with another number of cells than the header (naming `rows[N]`; extra cells that are all
//! empty, as a trailing delimiter leaves, are tolerated), a file that is not the workbook its
//! name says (naming `file`), a missing header, too many rows.

use std::io::Cursor;

use calamine::{Data, Reader};
use voronka_types::FieldError;

use crate::error::{ApiError, ApiResult};

/// The most data rows one file may hold.
pub const MAX_ROWS: usize = 200_000;
/// The most columns one file may have.
pub const MAX_COLUMNS: usize = 200;

/// A file's header and data rows; cells are trimmed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    /// Data rows in file order; blank rows are left out.
    pub rows: Vec<SheetRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    /// As a spreadsheet numbers it: the header is row 1.
    pub number: u64,
    /// One cell per header.
    pub cells: Vec<String>,
}

fn file_error(code: &str, message: impl Into<String>) -> ApiError {
    ApiError::field("file", code, message)
}

/// Whether the bytes are a workbook: by the file name's extension, else by their first bytes
/// (ZIP for XLSX/ODS, OLE for XLS).
fn is_workbook(name: Option<&str>, bytes: &[u8]) -> bool {
    let extension = name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, ext)| ext.to_ascii_lowercase());
    match extension.as_deref() {
        Some("xlsx" | "xlsm" | "xls" | "xlsb" | "ods") => true,
        Some("csv" | "txt" | "tsv") => false,
        _ => bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]),
    }
}

/// Reads the file named `name` (as uploaded; it may be absent).
pub fn read(name: Option<&str>, bytes: &[u8]) -> ApiResult<Sheet> {
    if bytes.is_empty() {
        return Err(file_error("empty_file", "the file is empty"));
    }
    let sheet = if is_workbook(name, bytes) {
        read_workbook(bytes)?
    } else {
        read_csv(bytes)?
    };
    check_headers(&sheet.headers)?;
    Ok(sheet)
}

fn check_headers(headers: &[String]) -> ApiResult<()> {
    if headers.iter().all(String::is_empty) {
        return Err(file_error("missing_header", "the first row must name the columns"));
    }
    if headers.len() > MAX_COLUMNS {
        return Err(file_error("too_many_columns", format!("at most {MAX_COLUMNS} columns")));
    }
    for (i, header) in headers.iter().enumerate() {
        if !header.is_empty() && headers[..i].contains(header) {
            return Err(file_error(
                "duplicate_header",
                format!("two columns are called `{header}`: rename one"),
            ));
        }
    }
    Ok(())
}

fn too_many_rows() -> ApiError {
    file_error(
        "too_many_rows",
        format!("at most {MAX_ROWS} rows per file: split it into several"),
    )
}

/// The delimiter used most in the first line outside quotes: `;`, tab or `,` (the default).
fn delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &b in bytes.iter().take_while(|&&b| b != b'\n') {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(entry) = counts.iter_mut().find(|(d, _)| *d == b) {
            entry.1 += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(d, n)| (*n, *d == b','))
        .map_or(b',', |(d, _)| *d)
}

fn read_csv(bytes: &[u8]) -> ApiResult<Sheet> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(bytes))
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut lines = LineCounter::default();
    for record in reader.byte_records() {
        let record = record.map_err(|e| file_error("unreadable_csv", format!("not a readable CSV file: {e}")))?;
        let number = lines.line_at(
            bytes,
            record
                .position()
                .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX)),
        );
        let mut cells = Vec::with_capacity(record.len());
        for cell in &record {
            let text = std::str::from_utf8(cell).map_err(|_| {
                ApiError::Validation(vec![FieldError::new(
                    "file",
                    "invalid_encoding",
                    format!("row {number} is not UTF-8 text: save the file as \"CSV UTF-8\""),
                )])
            })?;
            cells.push(text.trim().to_owned());
        }
        let Some(header) = &headers else {
            headers = Some(cells);
            continue;
        };
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if cells.len() > header.len() && cells[header.len()..].iter().all(String::is_empty) {
            cells.truncate(header.len());
        }
        if cells.len() != header.len() {
            return Err(ApiError::field(
                format!("rows[{number}]"),
                "wrong_column_count",
                format!(
                    "row {number} has {} cells but the header has {}: check for a stray delimiter or a missing quote",
                    cells.len(),
                    header.len()
                ),
            ));
        }
        if rows.len() == MAX_ROWS {
            return Err(too_many_rows());
        }
        rows.push(SheetRow { number, cells });
    }
    let headers = headers.ok_or_else(|| file_error("empty_file", "the file has no rows"))?;
    Ok(Sheet { headers, rows })
}

/// Line numbers of byte offsets, counted forward as records come (blank lines count, as a
/// spreadsheet shows them).
#[derive(Default)]
struct LineCounter {
    byte: usize,
    line: u64,
}

impl LineCounter {
    /// The 1-based line of the first character at or after `offset` that is not a line break.
    fn line_at(&mut self, bytes: &[u8], offset: usize) -> u64 {
        let start = bytes[offset.min(bytes.len())..]
            .iter()
            .position(|b| *b != b'\n' && *b != b'\r')
            .map_or(bytes.len(), |skip| offset + skip);
        if start >= self.byte {
            self.line += bytes[self.byte..start].iter().filter(|b| **b == b'\n').count() as u64;
            self.byte = start;
        }
        self.line + 1
    }
}

fn read_workbook(bytes: &[u8]) -> ApiResult<Sheet> {
    let not_a_workbook = || file_error("not_a_workbook", "the file is not an XLSX, XLS or ODS workbook");
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| not_a_workbook())?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| file_error("empty_file", "the workbook has no sheet"))?
        .map_err(|e| file_error("unreadable_sheet", format!("cannot read the first sheet: {e}")))?;
    let first_row = u64::from(range.start().map_or(0, |(row, _)| row));
    let mut rows_in = range.rows().enumerate();
    let headers: Vec<String> = match rows_in.next() {
        Some((_, cells)) => cells.iter().map(cell_text).collect(),
        None => return Err(file_error("empty_file", "the first sheet is empty")),
    };
    let mut rows = Vec::new();
    for (i, cells) in rows_in {
        let cells: Vec<String> = cells.iter().map(cell_text).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(too_many_rows());
        }
        rows.push(SheetRow {
            number: first_row + i as u64 + 1,
            cells,
        });
    }
    Ok(Sheet { headers, rows })
}

/// A workbook cell as text: whole numbers without `.0`, dates as `YYYY-MM-DD` (with the time
/// when there is one), booleans as `true`/`false`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(at) if at.time() == chrono::NaiveTime::MIN => at.date().format("%Y-%m-%d").to_string(),
            Some(at) => at.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => d.as_f64().to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(err: ApiError) -> String {
        match err {
            ApiError::Validation(errors) => errors[0].field.clone(),
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn semicolon_csv_with_a_bom_reads_with_spreadsheet_row_numbers() {
        let sheet = read(
            Some("a.csv"),
            "\u{feff}Имя;Телефон\n\"Анна; Петрова\";+7 916 123-45-67\n\n Борис ;8 495 111 22 33;\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(sheet.headers, vec!["Имя", "Телефон"]);
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.rows[0].cells, vec!["Анна; Петрова", "+7 916 123-45-67"]);
        assert_eq!(sheet.rows[1].number, 4, "the blank line keeps its number");
        assert_eq!(sheet.rows[1].cells, vec!["Борис", "8 495 111 22 33"]);
    }

    #[test]
    fn broken_encoding_and_short_rows_name_where() {
        let mut latin1 = b"name,city\nAnna,Moscow\n".to_vec();
        latin1.extend_from_slice(b"J\xF6rg,Berlin\n");
        let err = read(Some("a.csv"), &latin1).unwrap_err();
        assert_eq!(field_of(err), "file");
        let err = read(Some("a.csv"), b"name,city\nAnna,Moscow\nBoris\n").unwrap_err();
        assert_eq!(field_of(err), "rows[3]");
    }

    #[test]
    fn a_text_file_named_xlsx_is_not_a_workbook() {
        assert_eq!(field_of(read(Some("a.xlsx"), b"name\nAnna\n").unwrap_err()), "file");
        assert_eq!(field_of(read(Some("a.csv"), b"").unwrap_err()), "file");
        assert_eq!(field_of(read(None, b"a,a\n1,2\n").unwrap_err()), "file");
    }

    #[test]
    fn the_delimiter_is_the_one_the_header_uses() {
        assert_eq!(delimiter(b"a;b;c\n1,5;2;3"), b';');
        assert_eq!(delimiter(b"\"a;b\",c\n"), b',');
        assert_eq!(delimiter(b"a\tb\n"), b'\t');
        assert_eq!(delimiter(b"single\n"), b',');
    }
}
