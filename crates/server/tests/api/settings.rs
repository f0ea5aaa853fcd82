use reqwest::StatusCode;
use serde_json::json;
use voronka_types::Role;
use voronka_types::contacts::Contact;
use voronka_types::users::Tenant;

use crate::helpers::*;

#[tokio::test]
async fn an_owner_sets_the_companys_language_time_zone_currency_and_phone_region() {
    let app = spawn_app().await;
    let owner = app.register_russian().await;
    let token = &owner.access_token;
    let start: Tenant = ok_json(app.get("/api/v1/settings", token).await, StatusCode::OK).await;
    assert_eq!(
        (start.locale.as_str(), start.currency.as_str(), start.time_zone.as_str()),
        ("ru", "RUB", "UTC")
    );
    assert_eq!(start.phone_region, None);

    let changed: Tenant = ok_json(
        app.patch(
            "/api/v1/settings",
            token,
            &json!({"time_zone": "Europe/Moscow", "currency": "eur", "phone_region": "gb", "name": "Строй Плюс UK"}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed.time_zone, "Europe/Moscow");
    assert_eq!(changed.currency, "EUR");
    assert_eq!(changed.phone_region.as_deref(), Some("GB"));
    let contact: Contact = ok_json(
        app.post(
            "/api/v1/contacts",
            Some(token),
            &json!({"name": "Jane", "phones": ["020 7946 0958"]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        contact.phones[0].e164, "+442079460958",
        "numbers without a code are British now"
    );
    let deal: voronka_types::deals::Deal = ok_json(
        app.post("/api/v1/deals", Some(token), &json!({"title": "Shop", "amount": "10"}))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(deal.amount.currency, "EUR");

    let cleared: Tenant = ok_json(
        app.patch("/api/v1/settings", token, &json!({"phone_region": null}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(cleared.phone_region, None);
}

#[tokio::test]
async fn bad_settings_are_named_and_only_owners_change_them() {
    let app = spawn_app().await;
    let owner = app.register("Acme").await;
    let body =
        json!({"locale": "de", "time_zone": "Mars/Olympus", "currency": "XYZ", "phone_region": "ZZ", "name": ""});
    let p = problem(
        app.patch("/api/v1/settings", &owner.access_token, &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    for field in ["locale", "time_zone", "currency", "phone_region", "name"] {
        names_field(&p, field);
    }
    let (_, manager) = app.user_with_role(&owner.access_token, Role::Manager).await;
    let read: Tenant = ok_json(app.get("/api/v1/settings", &manager.access_token).await, StatusCode::OK).await;
    assert_eq!(read.name, "Acme");
    let denied = app
        .patch("/api/v1/settings", &manager.access_token, &json!({"name": "Mine"}))
        .await;
    problem(denied, StatusCode::FORBIDDEN, "permission_denied").await;
    let other = app.register("Other").await;
    let theirs: Tenant = ok_json(app.get("/api/v1/settings", &other.access_token).await, StatusCode::OK).await;
    assert_eq!(theirs.name, "Other", "each company sees its own");
}
