use reqwest::StatusCode;
use voronka_types::Role;
use voronka_types::users::Me;

use crate::helpers::*;

#[tokio::test]
async fn the_cli_creates_a_platform_admin_who_signs_in_above_all_tenants() {
    let app = spawn_app().await;
    let db = sea_orm::Database::connect(&app.database_url).await.unwrap();
    let email = unique_email("operator");
    voronka_server::cli::create_platform_admin(&db, &email, PASSWORD, "Operator")
        .await
        .unwrap();
    let session = app.login(&email, PASSWORD).await;
    assert_eq!(session.user.role, Role::PlatformAdmin);
    assert_eq!(session.user.tenant_id, None);
    let me: Me = ok_json(app.get("/api/v1/me", &session.access_token).await, StatusCode::OK).await;
    assert!(me.tenant.is_none());
    // Tenant endpoints need a tenant: the admin sees no company's data through them.
    problem(
        app.get("/api/v1/users", &session.access_token).await,
        StatusCode::FORBIDDEN,
        "permission_denied",
    )
    .await;

    let again = voronka_server::cli::create_platform_admin(&db, &email, PASSWORD, "Operator").await;
    assert!(again.unwrap_err().to_string().contains("already exists"));
    let weak = voronka_server::cli::create_platform_admin(&db, &unique_email("op2"), "short", "Operator").await;
    assert!(weak.unwrap_err().to_string().contains("--password"));
}
