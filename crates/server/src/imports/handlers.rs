//! `POST /api/v1/contacts/import`, `POST /api/v1/leads/import`, `GET /api/v1/imports[/{id}]`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use futures_util::StreamExt;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use voronka_types::imports::{Import, ImportKind, ImportReport};
use voronka_types::{ImportId, Page, Problem};

use super::service::{self, Started, Upload};
use crate::auth::principal::Principal;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiQuery;
use crate::pagination;
use crate::startup::AppState;

/// The multipart body of an import (documentation only: the handler reads the parts itself).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ImportUpload {
    /// CSV (UTF-8 with or without BOM; `,`, `;` or tab) or a workbook (XLSX, XLS, ODS: the first
    /// sheet). The first row names the columns.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// JSON object of column header → field: `{"Имя": "name", "Телефон": "phone", "Почта":
    /// "email", "Бюджет": "cf.budget"}`. Contacts: `name`, `phone`, `email`, `city`, `source`,
    /// `tags`. Leads: `name` (the contact's), `title`, `phone`, `email`, `city`, `source`,
    /// `tags`, `stage` (name or key in the default lead pipeline), `amount`, `currency`,
    /// `score`, `temperature`, `message`. Both: `cf.<key>`. `phone`, `email` and `tags` may
    /// take several columns; an empty field skips a column.
    mapping: String,
    /// `true`: check every row and report what would happen, writing nothing.
    dry_run: Option<bool>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `true`: check every row and report what would happen, writing nothing (also accepted
    /// as a form field).
    dry_run: Option<bool>,
}

const LIMITS: &str = "At most `VORONKA_IMPORT_MAX_BYTES` (50 MiB) and 200,000 rows.";

fn bad_form(err: impl std::fmt::Display) -> ApiError {
    ApiError::BadRequest {
        code: "malformed_multipart",
        detail: format!("send multipart/form-data with the parts `file` and `mapping`: {err}"),
    }
}

/// Reads the multipart parts `file`, `mapping` and `dry_run`, at most `limit` bytes in all.
async fn read_form(req: &HttpRequest, payload: web::Payload, limit: usize, kind: ImportKind) -> ApiResult<Upload> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > limit) {
        return Err(ApiError::PayloadTooLarge { limit });
    }
    let mut form = actix_multipart::Multipart::new(req.headers(), payload);
    let (mut file, mut mapping, mut dry_run) = (None, None, None);
    let mut read = 0usize;
    while let Some(part) = form.next().await {
        let mut part = part.map_err(bad_form)?;
        let name = part.name().unwrap_or_default().to_owned();
        let file_name = part
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(str::to_owned);
        let mut data = Vec::new();
        while let Some(chunk) = part.next().await {
            let chunk = chunk.map_err(bad_form)?;
            read += chunk.len();
            if read > limit {
                return Err(ApiError::PayloadTooLarge { limit });
            }
            data.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "file" => file = Some((file_name, data)),
            "mapping" => {
                mapping = Some(
                    String::from_utf8(data)
                        .map_err(|_| ApiError::field("mapping", "invalid_mapping", "the mapping is not UTF-8 text"))?,
                )
            }
            "dry_run" => {
                dry_run = match String::from_utf8_lossy(&data).trim() {
                    "true" | "1" => Some(true),
                    "false" | "0" | "" => Some(false),
                    _ => return Err(ApiError::field("dry_run", "invalid_value", "dry_run is true or false")),
                }
            }
            _ => {}
        }
    }
    let Some((file_name, content)) = file else {
        return Err(ApiError::field(
            "file",
            "required",
            "attach the file as the part `file`",
        ));
    };
    let Some(mapping) = mapping else {
        return Err(ApiError::field(
            "mapping",
            "required",
            "send the column mapping as the part `mapping`",
        ));
    };
    Ok(Upload {
        kind,
        file_name,
        content,
        mapping,
        dry_run: dry_run.unwrap_or(false),
    })
}

async fn import(
    state: web::Data<AppState>,
    principal: Principal,
    query: ImportQuery,
    req: HttpRequest,
    payload: web::Payload,
    kind: ImportKind,
) -> ApiResult<HttpResponse> {
    super::rows::require(&principal, kind)?;
    let mut upload = read_form(&req, payload, state.config.import_max_bytes, kind).await?;
    upload.dry_run |= query.dry_run == Some(true);
    Ok(match service::start(&state, &principal, upload).await? {
        Started::Done(report) => HttpResponse::Ok().json(report),
        Started::Queued(import) => HttpResponse::Accepted()
            .insert_header((header::LOCATION, format!("/api/v1/imports/{}", import.id)))
            .json(import),
    })
}

/// Imports contacts from a CSV or XLSX file. Every row is checked like `POST /contacts`; a row
/// whose phone or e-mail matches an existing contact adds what it lacks (`updated`) or is a
/// `duplicate` — no second contact. Each row lands or is reported failed with its row number.
/// Files of up to 2,000 rows answer 200 with the report; larger ones import in the background
/// (202 with the import; follow `GET /imports/{id}`). Needs `import_export` and `contacts.write`.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = [])),
    params(ImportQuery),
    request_body(content = ImportUpload, content_type = "multipart/form-data", description = LIMITS),
    responses(
        (status = 200, body = ImportReport),
        (status = 202, body = Import),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/contacts/import")]
#[tracing::instrument(skip_all)]
pub async fn import_contacts(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<ImportQuery>,
    req: HttpRequest,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    import(state, principal, query.0, req, payload, ImportKind::Contacts).await
}

/// Imports leads from a CSV or XLSX file: each row is a `POST /leads` (into the default lead
/// pipeline, at the named `stage` or its first). A row whose phone or e-mail matches an
/// existing contact is linked to it and marked a repeat request (`duplicate`). Small files
/// answer 200 with the report, large ones 202 (background). Needs `import_export` and
/// `leads.write`.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = [])),
    params(ImportQuery),
    request_body(content = ImportUpload, content_type = "multipart/form-data", description = LIMITS),
    responses(
        (status = 200, body = ImportReport),
        (status = 202, body = Import),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/leads/import")]
#[tracing::instrument(skip_all)]
pub async fn import_leads(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<ImportQuery>,
    req: HttpRequest,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    import(state, principal, query.0, req, payload, ImportKind::Leads).await
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportListQuery {
    /// Opaque cursor from the previous page.
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    limit: Option<u64>,
}

/// The company's background imports, newest first. Needs `import_export`.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = [])),
    params(ImportListQuery),
    responses(
        (status = 200, body = Page<Import>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/imports")]
#[tracing::instrument(skip_all)]
pub async fn list_imports(
    state: web::Data<AppState>,
    principal: Principal,
    query: ApiQuery<ImportListQuery>,
) -> ApiResult<HttpResponse> {
    let limit = pagination::limit(query.0.limit)?;
    let cursor = query.0.cursor.as_deref().map(pagination::decode_cursor).transpose()?;
    Ok(HttpResponse::Ok().json(service::list(&state.db, &principal, cursor, limit).await?))
}

/// A background import: status, progress (`processed_rows` of `report.total_rows`), counts
/// and the row errors so far. Needs `import_export`.
#[utoipa::path(
    tag = "imports",
    security(("bearer" = [])),
    params(("id" = ImportId, Path)),
    responses(
        (status = 200, body = Import),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/imports/{id}")]
#[tracing::instrument(skip_all, fields(import_id = %path))]
pub async fn get_import(
    state: web::Data<AppState>,
    principal: Principal,
    path: web::Path<ImportId>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::get(&state.db, &principal, path.into_inner()).await?))
}
