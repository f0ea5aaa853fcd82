//! Serves the built PWA: real files as they are, every other non-API path as `index.html`
//! so client-side routes survive a reload.

use std::path::{Path, PathBuf};

use actix_files::NamedFile;
use actix_web::http::header::{CacheControl, CacheDirective};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::error::ApiError;

/// Where the PWA build lives.
#[derive(Debug, Clone)]
pub struct StaticDir(pub PathBuf);

/// Fallback handler: a file under the static dir, or `index.html`, or a plain note when the
/// PWA has not been built. `/api/…` paths that reach here are unknown endpoints: 404 problem.
pub async fn serve(req: HttpRequest, dir: web::Data<StaticDir>) -> Result<HttpResponse, ApiError> {
    let path = req.path();
    if path.starts_with("/api/") || path == "/api" {
        return Err(ApiError::NotFound("endpoint"));
    }
    let relative = path.trim_start_matches('/');
    if let Some(file) = safe_join(&dir.0, relative).filter(|p| p.is_file()) {
        let immutable = relative.ends_with(".wasm")
            || (relative.contains('-') && (relative.ends_with(".js") || relative.ends_with(".css")));
        let named = NamedFile::open_async(&file)
            .await
            .map_err(|e| ApiError::Internal(e.into()))?;
        let mut response = named.into_response(&req);
        let cache = if relative == "sw.js" || relative.ends_with(".webmanifest") {
            CacheControl(vec![CacheDirective::NoCache])
        } else if immutable {
            CacheControl(vec![CacheDirective::Public, CacheDirective::MaxAge(31_536_000)])
        } else {
            CacheControl(vec![CacheDirective::Public, CacheDirective::MaxAge(3600)])
        };
        response.headers_mut().insert(
            actix_web::http::header::CACHE_CONTROL,
            cache
                .to_string()
                .parse()
                .map_err(|e: actix_web::http::header::InvalidHeaderValue| ApiError::Internal(e.into()))?,
        );
        return Ok(response);
    }
    let index = dir.0.join("index.html");
    if index.is_file() {
        let named = NamedFile::open_async(&index)
            .await
            .map_err(|e| ApiError::Internal(e.into()))?;
        let mut response = named.into_response(&req);
        response.headers_mut().insert(
            actix_web::http::header::CACHE_CONTROL,
            actix_web::http::header::HeaderValue::from_static("no-cache"),
        );
        return Ok(response);
    }
    Ok(HttpResponse::Ok().content_type("text/plain; charset=utf-8").body(
        "Voronka API is running. The PWA is not built yet: run `make run` (or `trunk build --release`).\n\
         API docs: /api/docs\n",
    ))
}

/// Joins without letting `..` or absolute parts escape the static dir.
fn safe_join(base: &Path, relative: &str) -> Option<PathBuf> {
    if relative.is_empty() {
        return None;
    }
    let mut out = base.to_path_buf();
    for part in relative.split('/') {
        if part.is_empty() || part == "." || part == ".." || part.contains('\\') {
            return None;
        }
        out.push(part);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape_the_static_dir() {
        let base = Path::new("/srv/pwa");
        assert_eq!(safe_join(base, "app.js"), Some(PathBuf::from("/srv/pwa/app.js")));
        assert_eq!(safe_join(base, "../etc/passwd"), None);
        assert_eq!(safe_join(base, "a//b"), None);
        assert_eq!(safe_join(base, ""), None);
    }
}
