//! Writing an export: CSV streamed page by page (any number of rows, never all in memory),
//! XLSX built in memory up to `export_xlsx_max_rows` rows.

use std::borrow::Cow;

use actix_web::HttpResponse;
use actix_web::http::header;
use actix_web::web::Bytes;
use sea_orm::DatabaseConnection;
use serde::Deserialize;
use utoipa::ToSchema;

use super::records::Records;
use crate::clock;
use crate::error::{ApiError, ApiResult};

pub const CSV: &str = "text/csv; charset=utf-8";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// The longest text an XLSX cell holds.
const XLSX_CELL_CHARS: usize = 32_767;

/// The file format of an export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// UTF-8 with a BOM (so spreadsheet programs read it as UTF-8), `,`-separated.
    #[default]
    Csv,
    Xlsx,
}

pub(crate) fn disposition(what: &str, extension: &str) -> (header::HeaderName, String) {
    let day = clock::now().format("%Y-%m-%d");
    (
        header::CONTENT_DISPOSITION,
        format!("attachment; filename=\"{what}-{day}.{extension}\""),
    )
}

/// A cell a spreadsheet would run as a formula gets a leading `'` (CSV only; phone numbers
/// such as `+7 916 123-45-67` are left alone).
fn inert(cell: &str) -> Cow<'_, str> {
    let risky = match cell.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !cell.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c)),
        _ => false,
    };
    if risky {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

fn csv_lines(rows: &[Vec<String>]) -> ApiResult<Bytes> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer
            .write_record(row.iter().map(|cell| inert(cell).into_owned()))
            .map_err(|e| ApiError::Internal(e.into()))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(Bytes::from(bytes))
}

/// Streams the rows as CSV: the header first, then a page at a time. A database error after
/// the answer has started ends the stream early (and is logged).
pub fn csv_response(records: Records, db: DatabaseConnection, what: &str) -> ApiResult<HttpResponse> {
    let mut head = b"\xEF\xBB\xBF".to_vec();
    head.extend_from_slice(&csv_lines(std::slice::from_ref(&records.headers))?);
    let pages = futures_util::stream::unfold(Some(records), move |state| {
        let db = db.clone();
        async move {
            let mut records = state?;
            match records
                .next_page(&db)
                .await
                .and_then(|page| page.map(|rows| csv_lines(&rows)).transpose())
            {
                Ok(Some(bytes)) => Some((Ok::<_, ApiError>(bytes), Some(records))),
                Ok(None) => None,
                Err(error) => {
                    tracing::error!(?error, "export stopped");
                    Some((Err(error), None))
                }
            }
        }
    });
    let body = futures_util::StreamExt::chain(
        futures_util::stream::once(std::future::ready(Ok::<_, ApiError>(Bytes::from(head)))),
        pages,
    );
    Ok(HttpResponse::Ok()
        .content_type(CSV)
        .insert_header(disposition(what, "csv"))
        .streaming(body))
}

/// Builds the rows as one XLSX sheet; 422 naming `format` when more than `max_rows` match.
pub async fn xlsx_response(
    mut records: Records,
    db: &DatabaseConnection,
    max_rows: u64,
    what: &str,
) -> ApiResult<HttpResponse> {
    let total = records.count(db).await?;
    if total > max_rows {
        return Err(ApiError::field(
            "format",
            "too_many_rows",
            format!(
                "{total} rows match but an XLSX export holds at most {max_rows}: use format=csv or narrow the filter"
            ),
        ));
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    while let Some(page) = records.next_page(db).await? {
        rows.extend(page);
        if rows.len() as u64 >= max_rows {
            rows.truncate(usize::try_from(max_rows).unwrap_or(usize::MAX));
            break;
        }
    }
    let headers = std::mem::take(&mut records.headers);
    let sheet = what.to_owned();
    let bytes = tokio::task::spawn_blocking(move || workbook(&sheet, &headers, &rows))
        .await
        .map_err(|e| ApiError::Internal(e.into()))?
        .map_err(|e| ApiError::Internal(e.into()))?;
    Ok(HttpResponse::Ok()
        .content_type(XLSX)
        .insert_header(disposition(what, "xlsx"))
        .body(bytes))
}

fn workbook(name: &str, headers: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    for (c, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, column(c), header, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, cell) in row.iter().enumerate().filter(|(_, cell)| !cell.is_empty()) {
            let cell: String = cell.chars().take(XLSX_CELL_CHARS).collect();
            sheet.write_string(r, column(c), cell)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

fn column(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

/// A small table already in memory (a report) as a CSV answer: BOM, header, rows, formulas defused.
pub fn csv_table(headers: &[String], rows: &[Vec<String>], what: &str) -> ApiResult<HttpResponse> {
    let mut body = b"\xEF\xBB\xBF".to_vec();
    body.extend_from_slice(&csv_lines(std::slice::from_ref(&headers.to_vec()))?);
    body.extend_from_slice(&csv_lines(rows)?);
    Ok(HttpResponse::Ok()
        .content_type(CSV)
        .insert_header(disposition(what, "csv"))
        .body(body))
}

/// A small table already in memory (a report) as one XLSX sheet named `what`.
pub async fn xlsx_table(headers: Vec<String>, rows: Vec<Vec<String>>, what: &str) -> ApiResult<HttpResponse> {
    let sheet = what.to_owned();
    let bytes = tokio::task::spawn_blocking(move || workbook(&sheet, &headers, &rows))
        .await
        .map_err(|e| ApiError::Internal(e.into()))?
        .map_err(|e| ApiError::Internal(e.into()))?;
    Ok(HttpResponse::Ok()
        .content_type(XLSX)
        .insert_header(disposition(what, "xlsx"))
        .body(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_but_phone_numbers_are_not() {
        assert_eq!(inert("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("+7 (916) 123-45-67"), "+7 (916) 123-45-67");
        assert_eq!(inert("-5"), "-5");
        assert_eq!(inert("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(inert("Анна"), "Анна");
    }
}
