use reqwest::{Method, StatusCode};

use crate::helpers::*;

#[test]
fn the_checked_in_openapi_yaml_matches_the_code() {
    let generated = voronka_server::openapi::to_yaml().unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi.yaml");
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        generated == checked_in,
        "openapi.yaml is out of date: run `make openapi` (cargo run -p voronka-server -- openapi > openapi.yaml)"
    );
}

#[tokio::test]
async fn the_document_and_swagger_ui_are_served() {
    let app = spawn_app().await;
    let doc: serde_json::Value = app
        .request(Method::GET, "/api/openapi.json", None)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["info"]["title"], "Voronka API");
    assert!(doc["paths"]["/api/v1/auth/login"]["post"].is_object());
    assert!(doc["paths"]["/api/v1/users/{id}"]["patch"].is_object());
    let bare = app.request(Method::GET, "/api/docs", None).send().await.unwrap();
    assert_eq!(bare.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(bare.headers()["location"], "/api/docs/");
    let ui = app.request(Method::GET, "/api/docs/", None).send().await.unwrap();
    assert_eq!(ui.status(), StatusCode::OK);
    assert!(ui.text().await.unwrap().contains("swagger"));
}
