use reqwest::{Method, StatusCode};

use crate::helpers::*;

#[tokio::test]
async fn health_and_readiness_answer_ok() {
    let app = spawn_app().await;
    let health = app.request(Method::GET, "/health", None).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let ready: serde_json::Value = app
        .request(Method::GET, "/ready", None)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ready["status"], "ready");
}

#[tokio::test]
async fn answers_carry_security_headers_and_a_request_id() {
    let app = spawn_app().await;
    let response = app.request(Method::GET, "/health", None).send().await.unwrap();
    let headers = response.headers();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert!(headers.contains_key("content-security-policy"));
    assert!(headers.contains_key("referrer-policy"));
    assert!(!headers["x-request-id"].is_empty());
}

#[tokio::test]
async fn unknown_api_paths_are_problems_and_other_paths_fall_back_to_the_pwa() {
    let app = spawn_app().await;
    let missing = app
        .request(Method::GET, "/api/v1/nothing-here", None)
        .send()
        .await
        .unwrap();
    problem(missing, StatusCode::NOT_FOUND, "not_found").await;
    // No PWA build in tests: the fallback explains how to build it instead of a bare 404.
    let page = app.request(Method::GET, "/leads/123", None).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("make run"));
}

#[tokio::test]
async fn the_pwa_is_served_with_a_fallback_to_index_for_client_routes() {
    let dir = std::env::temp_dir().join(format!("voronka-pwa-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<html>voronka shell</html>").unwrap();
    std::fs::write(dir.join("app-abc123.js"), "console.log(1)").unwrap();
    let static_dir = dir.display().to_string();
    let app = spawn_app_with(|c| c.static_dir = static_dir).await;
    let index = app.request(Method::GET, "/team", None).send().await.unwrap();
    assert_eq!(index.status(), StatusCode::OK);
    assert!(index.text().await.unwrap().contains("voronka shell"));
    let js = app.request(Method::GET, "/app-abc123.js", None).send().await.unwrap();
    assert!(
        js.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("max-age=31536000")
    );
    let escape = app
        .request(Method::GET, "/../../etc/passwd", None)
        .send()
        .await
        .unwrap();
    assert!(!escape.text().await.unwrap().contains("root:"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn cors_allows_only_configured_origins() {
    let app = spawn_app_with(|c| c.cors_allowed_origins = "https://shop.example".into()).await;
    let allowed = app
        .request(Method::OPTIONS, "/api/v1/auth/login", None)
        .header("origin", "https://shop.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert_eq!(allowed.headers()["access-control-allow-origin"], "https://shop.example");
    let denied = app
        .request(Method::OPTIONS, "/api/v1/auth/login", None)
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert!(!denied.headers().contains_key("access-control-allow-origin"));
}
