//! Properties: secrets never show in Debug/Display, cursors and user JSON never panic.

use proptest::prelude::*;
use truto_core::provider::Position;
use truto_core::provider::http::Auth;
use truto_core::{Config, Cursor, User};

proptest! {
    #[test]
    fn secrets_never_appear_in_debug(secret in "[A-Za-z0-9_\\-\\.]{8,40}") {
        let auths = [
            Auth::bearer(secret.clone()),
            Auth::basic("user", secret.clone()),
            Auth::scheme("SSWS", secret.clone()),
            Auth::header("X-Api-Key", secret.clone()).unwrap(),
        ];
        for auth in auths {
            let shown = format!("{auth:?}");
            prop_assert!(!shown.contains(&secret));
        }
        let config = Config::new().set("token", secret.clone()).set("password", secret.clone());
        let shown = format!("{config:?}");
        prop_assert!(!shown.contains(&secret));
    }

    #[test]
    fn arbitrary_cursor_text_is_an_error_not_a_panic(text in ".{0,200}") {
        let _ = Cursor::from_text(text).position_for("scim");
    }

    #[test]
    fn cursors_round_trip(slug in "[a-z_]{1,20}", token in ".{0,100}", n in any::<u64>()) {
        for position in [Position::Token(token.clone()), Position::Offset(n), Position::Url(token.clone()), Position::StartIndex(n)] {
            let cursor = Cursor::new(&slug, &position);
            let text = Cursor::from_text(cursor.as_str().to_owned());
            prop_assert_eq!(text.position_for(&slug).unwrap(), position);
            let other = format!("{slug}x");
            prop_assert!(text.position_for(&other).is_err());
        }
    }

    #[test]
    fn arbitrary_json_never_panics_the_user_model(json in any_json()) {
        let _ = serde_json::from_value::<User>(json);
    }
}

fn any_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        ".{0,20}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("id".to_owned()),
                    Just("emails".to_owned()),
                    Just("status".to_owned()),
                    Just("created_at".to_owned()),
                    "[a-z_]{1,12}"
                ],
                inner,
                0..8
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}
