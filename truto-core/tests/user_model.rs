//! The unified user: exact JSON names, status values, dates and a full round trip.

use chrono::{TimeZone, Utc};
use serde_json::json;
use truto_core::{User, UserField, UserStatus};

fn every_field() -> serde_json::Value {
    json!({
        "id": "u-1",
        "external_id": "hr-1",
        "identifiers": {"employee_number": "1001"},
        "first_name": "Ada",
        "last_name": "Lovelace",
        "name": "Ada Lovelace",
        "title": "Engineer",
        "username": "ada",
        "emails": [{"email": "ada@example.com", "type": "work", "is_primary": true}],
        "phones": [{"number": "+44 20 7946 0000", "extension": "12", "type": "mobile"}],
        "status": "active",
        "is_email_verified": true,
        "is_2fa_enabled": false,
        "roles": [{
            "id": "r1", "name": "Admin",
            "group": {"id": "g1", "name": "Eng"},
            "organization": {"id": "o1", "name": "Acme"},
            "workspace": {"id": "w1", "name": "Main"}
        }],
        "organizations": [{"id": "o1", "name": "Acme"}],
        "workspaces": [{"id": "w1", "name": "Main", "organization": {"id": "o1", "name": "Acme"}}],
        "groups": [{"id": "g1", "name": "Eng", "organization": {"id": "o1", "name": "Acme"}}],
        "licenses": [{"id": "l1", "name": "Pro", "organization": {"id": "o1"}, "last_active_at": "2024-03-01T10:00:00Z"}],
        "user_type": "admin",
        "avatar": "https://example.com/ada.png",
        "timezone": "Europe/London",
        "languages": ["en", "fr"],
        "bio": "Analyst",
        "urls": [{"url": "https://ada.example.com", "type": "blog"}],
        "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-01-02T00:00:00Z",
        "last_active_at": "2024-01-03T00:00:00Z",
        "last_login_at": "2024-01-04T00:00:00Z",
        "status_changed_at": "2024-01-05T00:00:00Z",
        "activated_at": "2024-01-06T00:00:00Z",
        "remote_data": {"anything": [1, 2, {"nested": null}]}
    })
}

#[test]
fn every_field_round_trips_with_the_contracts_names() {
    let value = every_field();
    let user: User = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(
        user.created_at,
        Some(Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap())
    );
    assert_eq!(user.status, Some(UserStatus::Active));
    assert_eq!(user.emails[0].kind.as_deref(), Some("work"));
    assert_eq!(
        user.roles[0].workspace.as_ref().unwrap().name.as_deref(),
        Some("Main")
    );
    let back = serde_json::to_value(&user).unwrap();
    assert_eq!(
        back, value,
        "serialization must reproduce every field with the same names"
    );
    let again: User = serde_json::from_value(back).unwrap();
    assert_eq!(again, user);
    // Every field of the contract is a field of the model, by name.
    let keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for field in UserField::ALL {
        assert!(
            keys.contains(&field.as_str()),
            "{field} missing from the fixture"
        );
    }
}

#[test]
fn dates_are_written_in_utc() {
    let user: User =
        serde_json::from_value(json!({"id": "1", "created_at": "2024-01-01T02:00:00+02:00"}))
            .unwrap();
    let text = serde_json::to_value(&user).unwrap()["created_at"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(text, "2024-01-01T00:00:00Z");
}

#[test]
fn status_reads_from_text_in_place_and_from_values() {
    let read = |text: &str| serde_json::from_str::<User>(text).unwrap().status;
    assert_eq!(
        read(r#"{"id":"1","status":"active"}"#),
        Some(UserStatus::Active)
    );
    assert_eq!(
        read(r#"{"id":"1","status":"sus\u0070ended"}"#),
        Some(UserStatus::Other("suspended".into()))
    );
    let from_value: User = serde_json::from_value(json!({"id": "1", "status": "invited"})).unwrap();
    assert_eq!(from_value.status, Some(UserStatus::Invited));
    assert!(serde_json::from_str::<User>(r#"{"id":"1","status":7}"#).is_err());
}

#[test]
fn unknown_status_is_kept_raw() {
    let user: User = serde_json::from_value(json!({"id": "1", "status": "PROVISIONED"})).unwrap();
    assert_eq!(user.status, Some(UserStatus::Other("PROVISIONED".into())));
    assert_eq!(
        serde_json::to_value(&user).unwrap()["status"],
        "PROVISIONED"
    );
}

#[test]
fn absent_values_are_left_out_and_arrays_default_empty() {
    let user: User = serde_json::from_value(json!({"id": "1"})).unwrap();
    assert!(user.emails.is_empty() && user.groups.is_empty());
    assert_eq!(serde_json::to_value(&user).unwrap(), json!({"id": "1"}));
}

#[test]
fn a_user_without_id_is_refused() {
    assert!(serde_json::from_value::<User>(json!({"name": "x"})).is_err());
}

#[test]
fn field_names_parse_and_clear() {
    assert_eq!(
        "is_2fa_enabled".parse::<UserField>().unwrap(),
        UserField::Is2faEnabled
    );
    assert!("passwd".parse::<UserField>().is_err());
    let mut user: User = serde_json::from_value(every_field()).unwrap();
    for field in UserField::ALL {
        field.clear(&mut user);
    }
    assert_eq!(serde_json::to_value(&user).unwrap(), json!({"id": "u-1"}));
}

#[test]
fn lists_are_read_at_their_size_and_a_null_list_is_refused() {
    for n in 0..5 {
        let emails: Vec<_> = (0..n)
            .map(|i| json!({"email": format!("u{i}@example.com")}))
            .collect();
        let user: User = serde_json::from_value(json!({"id": "1", "emails": emails})).unwrap();
        let read: Vec<&str> = user.emails.iter().map(|e| e.email.as_str()).collect();
        let expected: Vec<String> = (0..n).map(|i| format!("u{i}@example.com")).collect();
        assert_eq!(read, expected);
        if n <= 2 {
            assert_eq!(user.emails.capacity(), n, "{n} emails");
        }
    }
    let err = serde_json::from_value::<User>(json!({"id": "1", "groups": null})).unwrap_err();
    assert!(err.to_string().contains("expected a sequence"), "{err}");
    let err = serde_json::from_value::<User>(json!({"id": "1", "languages": "en"})).unwrap_err();
    assert!(err.to_string().contains("expected a sequence"), "{err}");
}
