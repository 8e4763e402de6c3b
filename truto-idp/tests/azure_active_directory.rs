//! Microsoft Entra ID (Microsoft Graph v1.0 `/users`): a simulator for the shared
//! conformance scenarios, then the exact requests Graph receives, the mapping of a full
//! user, errors, and the client-credentials token flow.
#![cfg(feature = "azure_active_directory")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Map, Value, json};
use truto_core::testing::answer_once_then;
use truto_core::testing::people::{FIRST_NAMES, LAST_NAMES};
use truto_core::testing::{Route, SimRequest, SimResponse, Simulator, TestClock};
use truto_core::{
    Config, ErrorKind, Filter, GetUser, Integration, ListUsers, Phone, Result, UpdateUser, User,
    UserDirectory, UserDirectoryExt, UserStatus, UserUpdate,
};
use truto_idp::azure_active_directory::{self, INTEGRATION, SELECT};
use url::form_urlencoded;
use wiremock::matchers::{
    body_json, body_string_contains, header, method, path, query_param, query_param_is_missing,
};
use wiremock::{Mock, MockServer, Request as WireRequest, Respond, ResponseTemplate};

const TOKEN: &str = "graph-test-token-5678";

// ---------------------------------------------------------------------------------------
// The simulator
// ---------------------------------------------------------------------------------------

const TITLES: &[&str] = &[
    "Marketing Assistant",
    "Retail Manager",
    "Developer",
    "Auditor",
    "Paralegal",
    "Director",
    "Product Manager",
];
const DEPARTMENTS: &[&str] = &[
    "Marketing",
    "Retail",
    "R&D",
    "Finance",
    "Legal",
    "Executive",
];
const LANGUAGES: &[&str] = &["en-US", "de-DE", "fr-FR"];
const SKU_E5: &str = "06ebc4ee-1bb5-47dd-8120-11324bc54e06";

/// The Graph user of test user `n`, with exactly the properties the integration selects.
fn graph_user(n: usize) -> Value {
    let first = FIRST_NAMES[n % FIRST_NAMES.len()];
    let last = LAST_NAMES[(n / FIRST_NAMES.len() + n) % LAST_NAMES.len()];
    let alias = format!("{}.{}{}", first.to_lowercase(), last.to_lowercase(), n);
    let guest = n % 10 == 9;
    let (upn, mail, nickname) = if guest {
        (
            format!("{alias}_fabrikam.com#EXT#@contoso.onmicrosoft.com"),
            format!("{alias}@fabrikam.com"),
            format!("{alias}_fabrikam.com#EXT#"),
        )
    } else {
        (
            format!("{alias}@contoso.com"),
            format!("{alias}@contoso.com"),
            alias.clone(),
        )
    };
    json!({
        "id": format!("{:08x}-e32e-41a1-b7bd-{:012x}", 0x6ea9_1a8d_u32 as usize + n, n),
        "userPrincipalName": upn,
        "displayName": format!("{first} {last}"),
        "givenName": first,
        "surname": last,
        "jobTitle": if n % 8 == 7 { Value::Null } else { json!(TITLES[n % TITLES.len()]) },
        "mail": mail,
        "otherMails": if n.is_multiple_of(4) { json!([format!("{alias}@home.example.org")]) } else { json!([]) },
        "businessPhones": if n.is_multiple_of(3) { json!([]) } else { json!([format!("+1 425 555 01{:02}", n % 100)]) },
        "mobilePhone": if n.is_multiple_of(2) { json!(format!("+1 206 555 02{:02}", n % 100)) } else { Value::Null },
        "accountEnabled": n % 7 != 6,
        "userType": if guest { "Guest" } else { "Member" },
        "externalUserState": if guest { json!(if n % 20 == 19 { "PendingAcceptance" } else { "Accepted" }) } else { Value::Null },
        "preferredLanguage": LANGUAGES[n % LANGUAGES.len()],
        "createdDateTime": format!("2023-{:02}-{:02}T{:02}:15:30Z", n % 12 + 1, n % 28 + 1, n % 24),
        "employeeId": if guest { Value::Null } else { json!(format!("E{:05}", 1000 + n)) },
        "employeeType": if guest { Value::Null } else { json!("Employee") },
        "onPremisesImmutableId": if n.is_multiple_of(5) { json!(format!("dGVzdC11c2VyLXtu{n:04}==")) } else { Value::Null },
        "onPremisesSamAccountName": if n.is_multiple_of(5) { json!(format!("{}{}", &first[..1].to_lowercase(), last.to_lowercase())) } else { Value::Null },
        "mailNickname": nickname,
        "department": DEPARTMENTS[n % DEPARTMENTS.len()],
        "companyName": if guest { "Fabrikam" } else { "Contoso" },
        "officeLocation": format!("{}/{}", 18 + n % 5, 1000 + n),
        "assignedLicenses": if guest { json!([]) } else { json!([{"disabledPlans": [], "skuId": SKU_E5}]) },
    })
}

const SKIPTOKEN_PREFIX: &str = "RFNwdAIAAQAAACpVc2VyX";

/// A small model of Microsoft Graph's `/v1.0/users` endpoints.
#[derive(Debug, Clone, Copy, Default)]
struct GraphSim;

/// Properties Graph returns when no `$select` is given.
const DEFAULT_PROPERTIES: &[&str] = &[
    "businessPhones",
    "displayName",
    "givenName",
    "id",
    "jobTitle",
    "mail",
    "mobilePhone",
    "officeLocation",
    "preferredLanguage",
    "surname",
    "userPrincipalName",
];

const READ_ONLY: &[&str] = &[
    "id",
    "createdDateTime",
    "externalUserState",
    "assignedLicenses",
    "onPremisesSamAccountName",
    "signInActivity",
];

impl GraphSim {
    fn bad_request(&self, message: &str) -> SimResponse {
        self.error(400, message)
    }

    /// The record cut down to `$select` (Graph sends `null` for a selected, unset value).
    fn project(&self, record: &Value, select: Option<&str>) -> std::result::Result<Value, String> {
        let props: Vec<String> = match select {
            Some(s) => s.split(',').map(|p| p.trim().to_owned()).collect(),
            None => DEFAULT_PROPERTIES.iter().map(|p| (*p).to_owned()).collect(),
        };
        let mut out = Map::new();
        for p in props {
            if record.get(&p).is_none() && p != "signInActivity" {
                return Err(format!(
                    "Could not find a property named '{p}' on type 'microsoft.graph.user'."
                ));
            }
            out.insert(p.clone(), record.get(&p).cloned().unwrap_or(Value::Null));
        }
        Ok(Value::Object(out))
    }
}

/// Parses `prop eq 'literal'` / `prop eq true` clauses joined by ` and `.
fn parse_filter(filter: &str) -> std::result::Result<Vec<(String, Value)>, String> {
    let mut out = Vec::new();
    for clause in filter.split(" and ") {
        let (prop, literal) = clause
            .trim()
            .split_once(" eq ")
            .ok_or_else(|| format!("Unsupported query: {clause}"))?;
        let value = match literal.trim() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            text if text.len() >= 2 && text.starts_with('\'') && text.ends_with('\'') => {
                let inner = &text[1..text.len() - 1];
                if inner.replace("''", "").contains('\'') {
                    return Err(format!("Syntax error in literal {text}"));
                }
                Value::String(inner.replace("''", "'"))
            }
            other => return Err(format!("Syntax error: unexpected literal {other}")),
        };
        out.push((prop.trim().to_owned(), value));
    }
    Ok(out)
}

fn matches(record: &Value, clauses: &[(String, Value)]) -> bool {
    clauses
        .iter()
        .all(|(prop, wanted)| match (&record[prop], wanted) {
            // Graph compares strings without regard to case.
            (Value::String(a), Value::String(b)) => a.eq_ignore_ascii_case(b),
            (a, b) => a == b,
        })
}

impl Simulator for GraphSim {
    fn integration(&self) -> &'static Integration {
        &INTEGRATION
    }

    fn config(&self, base_url: &str) -> Config {
        Config::new()
            .set("base_url", format!("{base_url}/v1.0"))
            .set("access_token", TOKEN)
    }

    fn connect(&self, config: &Config) -> Result<Arc<dyn UserDirectory>> {
        azure_active_directory::connect(config)
    }

    fn update_options(&self) -> Option<UpdateUser> {
        let mut body = UserUpdate::default();
        body.status = Some(UserStatus::Inactive);
        body.title = Some("Principal Auditor".into());
        body.phones = Some(vec![Phone::new("+1 206 555 0999").with_type("mobile")]);
        body.languages = Some(vec!["nl-NL".into()]);
        Some(UpdateUser::new().body(body))
    }

    fn check_updated(&self, user: &User) {
        assert_eq!(user.status, Some(UserStatus::Inactive), "not deactivated");
        assert_eq!(user.title.as_deref(), Some("Principal Auditor"));
        assert_eq!(
            serde_json::to_value(&user.phones).unwrap(),
            json!([{"number": "+1 206 555 0999", "type": "mobile"}]),
            "the phones were not replaced"
        );
        assert_eq!(user.languages, vec!["nl-NL".to_owned()]);
    }

    fn record(&self, n: usize) -> Value {
        graph_user(n)
    }

    fn authorized(&self, request: &SimRequest) -> bool {
        request.header("authorization") == Some(&format!("Bearer {TOKEN}"))
    }

    fn route(&self, request: &SimRequest) -> Option<Route> {
        let segments = request.segments();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        match (request.method.as_str(), segments.as_slice()) {
            ("GET", ["v1.0", "users"]) => Some(Route::List),
            ("GET", ["v1.0", "users", id]) => Some(Route::Get((*id).to_owned())),
            ("PATCH", ["v1.0", "users", id]) => Some(Route::Update((*id).to_owned())),
            _ => None,
        }
    }

    fn list(&self, request: &SimRequest, records: &[Value]) -> SimResponse {
        if request.header("consistencylevel").is_some() {
            return self.bad_request("the simulator only answers default queries");
        }
        let top: usize =
            match request.query_param("$top") {
                None => 100,
                Some(t) => match t.parse() {
                    Ok(n) if (1..=999).contains(&n) => n,
                    _ => return self.bad_request(&format!(
                        "Invalid page size specified: '{t}'. Must be between 1 and 999 inclusive."
                    )),
                },
            };
        let offset: usize = match request.query_param("$skiptoken") {
            None => 0,
            Some(token) => match token
                .strip_prefix(SKIPTOKEN_PREFIX)
                .and_then(|t| t.parse().ok())
            {
                Some(n) => n,
                None => return self.bad_request("Invalid skip token"),
            },
        };
        let clauses = match request.query_param("$filter").map(parse_filter) {
            None => Vec::new(),
            Some(Ok(c)) => c,
            Some(Err(message)) => return self.bad_request(&message),
        };
        let select = request.query_param("$select");
        let mut value = Vec::new();
        let filtered: Vec<&Value> = records.iter().filter(|r| matches(r, &clauses)).collect();
        for record in filtered.iter().skip(offset).take(top) {
            match self.project(record, select) {
                Ok(v) => value.push(v),
                Err(message) => return self.bad_request(&message),
            }
        }
        let host = request.header("host").unwrap_or("graph.microsoft.com");
        let mut body = json!({
            "@odata.context": format!("http://{host}/v1.0/$metadata#users({})", select.unwrap_or("")),
            "value": value,
        });
        let next = offset + top;
        if next < filtered.len() {
            // Graph's next link is absolute and repeats every query option of the request.
            let mut query = form_urlencoded::Serializer::new(String::new());
            for key in ["$select", "$filter"] {
                if let Some(v) = request.query_param(key) {
                    query.append_pair(key, v);
                }
            }
            query.append_pair("$top", &top.to_string());
            query.append_pair("$skiptoken", &format!("{SKIPTOKEN_PREFIX}{next}"));
            body["@odata.nextLink"] = json!(format!("http://{host}/v1.0/users?{}", query.finish()));
        }
        SimResponse::json(200, &body)
    }

    fn get(&self, request: &SimRequest, record: &Value) -> SimResponse {
        match self.project(record, request.query_param("$select")) {
            Ok(v) => SimResponse::json(200, &v),
            Err(message) => self.bad_request(&message),
        }
    }

    fn update(&self, request: &SimRequest, record: &mut Value) -> SimResponse {
        let Some(Value::Object(changes)) = request.json() else {
            return self.bad_request("Empty Payload. JSON content expected.");
        };
        for (k, v) in &changes {
            if READ_ONLY.contains(&k.as_str()) || record.get(k).is_none() {
                return self
                    .bad_request(&format!("Property '{k}' is read-only or does not exist."));
            }
            if k == "businessPhones" && v.as_array().is_none_or(|a| a.len() > 1) {
                return self.bad_request("Only one business phone number can be set.");
            }
        }
        for (k, v) in changes {
            record[k] = v;
        }
        SimResponse::empty(204)
    }

    fn error(&self, status: u16, message: &str) -> SimResponse {
        let code = match status {
            400 => "Request_BadRequest",
            401 => "InvalidAuthenticationToken",
            403 => "Authorization_RequestDenied",
            404 => "Request_ResourceNotFound",
            429 => "TooManyRequests",
            503 => "serviceNotAvailable",
            _ => "generalException",
        };
        let request_id = "4562bcc8-c436-4f95-b7c0-4f8ce89dca5e";
        SimResponse::json(
            status,
            &json!({"error": {
                "code": code,
                "message": message,
                "innerError": {"date": "2026-03-02T10:11:12", "request-id": request_id, "client-request-id": request_id}
            }}),
        )
        .header("request-id", request_id)
        .header("client-request-id", request_id)
    }

    fn malformed_list_body(&self) -> SimResponse {
        SimResponse::raw(
            200,
            "application/json",
            r#"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users", "value": [{"id": "#,
        )
    }
}

truto_core::conformance_tests!(GraphSim);

// ---------------------------------------------------------------------------------------
// Requests and mapping, against wiremock
// ---------------------------------------------------------------------------------------

fn select(sign_in: bool) -> String {
    let mut s = SELECT.join(",");
    if sign_in {
        s.push_str(",signInActivity");
    }
    s
}

fn config(server: &MockServer) -> Config {
    Config::new()
        .set("base_url", format!("{}/v1.0", server.uri()))
        .set("access_token", TOKEN)
        .with_clock(TestClock::new().shared())
}

fn connect(server: &MockServer) -> Arc<dyn UserDirectory> {
    azure_active_directory::connect(&config(server)).unwrap()
}

fn page(users: Vec<Value>, next: Option<String>) -> Value {
    let mut body = json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
        "value": users,
    });
    if let Some(next) = next {
        body["@odata.nextLink"] = json!(next);
    }
    body
}

/// A user with every property the integration reads, shaped as Graph documents it.
fn full_user() -> Value {
    json!({
        "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
        "userPrincipalName": "AdeleV@contoso.com",
        "displayName": "Adele Vance",
        "givenName": "Adele",
        "surname": "Vance",
        "jobTitle": "Retail Manager",
        "mail": "AdeleV@contoso.com",
        "otherMails": ["adele.vance@outlook.example", "adelev@contoso.com"],
        "businessPhones": ["+1 425 555 0109"],
        "mobilePhone": "+1 206 555 0110",
        "accountEnabled": true,
        "userType": "Member",
        "externalUserState": null,
        "preferredLanguage": "en-US",
        "createdDateTime": "2021-07-29T03:07:25Z",
        "employeeId": "1234567",
        "employeeType": "Employee",
        "onPremisesImmutableId": "Pjl5a2V0aW5nLWFkZWxl==",
        "onPremisesSamAccountName": "adelev",
        "mailNickname": "AdeleV",
        "department": "Retail",
        "companyName": "Contoso",
        "officeLocation": "18/2111",
        "assignedLicenses": [
            {"disabledPlans": [], "skuId": "c7df2760-2c81-4ef7-b578-5b5392b571df"},
            {"disabledPlans": ["a82fbf69-b4d7-49f4-83a6-915b2cf354f4"], "skuId": "b05e124f-c7cc-45a0-a6aa-8cf78c946968"}
        ],
        "signInActivity": {
            "lastSignInDateTime": "2024-06-04T15:35:02Z",
            "lastSignInRequestId": "c7df2760-2c81-4ef7-b578-5b5392b571df",
            "lastNonInteractiveSignInDateTime": "2024-06-05T08:00:41Z",
            "lastNonInteractiveSignInRequestId": "90d8b3f8-712e-4f7b-aa1e-62e7ae6cbe96",
            "lastSuccessfulSignInDateTime": "2024-06-03T09:12:00Z",
            "lastSuccessfulSignInRequestId": "5a9b3c1d-0e2f-4a6b-9c8d-7e6f5a4b3c2d"
        }
    })
}

#[tokio::test]
async fn maps_every_field_of_a_full_user() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/87d349ed-44d7-43e1-9a83-5f2406dee5bd"))
        .and(query_param("$select", select(true).as_str()))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_user()))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let user = dir
        .get_user(
            "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
            GetUser::new().param("include_last_login_at", "true"),
        )
        .await
        .unwrap();
    let mut unified = serde_json::to_value(&user).unwrap();
    let remote = unified.as_object_mut().unwrap().remove("remote_data");
    assert_eq!(
        unified,
        json!({
            "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
            "external_id": "1234567",
            "identifiers": {
                "employee_id": "1234567",
                "employee_type": "Employee",
                "on_premises_immutable_id": "Pjl5a2V0aW5nLWFkZWxl==",
                "on_premises_sam_account_name": "adelev",
                "mail_nickname": "AdeleV",
                "department": "Retail",
                "office_location": "18/2111"
            },
            "first_name": "Adele",
            "last_name": "Vance",
            "name": "Adele Vance",
            "title": "Retail Manager",
            "username": "AdeleV@contoso.com",
            "emails": [
                {"email": "AdeleV@contoso.com", "type": "work", "is_primary": true},
                {"email": "adele.vance@outlook.example", "type": "other", "is_primary": false}
            ],
            "phones": [
                {"number": "+1 425 555 0109", "type": "work"},
                {"number": "+1 206 555 0110", "type": "mobile"}
            ],
            "status": "active",
            "organizations": [{"name": "Contoso"}],
            "licenses": [
                {"id": "c7df2760-2c81-4ef7-b578-5b5392b571df"},
                {"id": "b05e124f-c7cc-45a0-a6aa-8cf78c946968"}
            ],
            "user_type": "Member",
            "languages": ["en-US"],
            "created_at": "2021-07-29T03:07:25Z",
            "last_active_at": "2024-06-05T08:00:41Z",
            "last_login_at": "2024-06-03T09:12:00Z"
        })
    );
    assert_eq!(
        remote,
        Some(full_user()),
        "remote_data is the record untouched"
    );
}

#[tokio::test]
async fn guests_pending_acceptance_are_invited_and_never_dates_are_absent() {
    let server = MockServer::start().await;
    let guest = json!({
        "id": "a1b2c3d4-0000-4000-8000-000000000001",
        "userPrincipalName": "joni_fabrikam.com#EXT#@contoso.onmicrosoft.com",
        "displayName": "Joni Sherman",
        "mail": "joni@fabrikam.com",
        "accountEnabled": true,
        "userType": "Guest",
        "externalUserState": "PendingAcceptance",
        "signInActivity": {
            "lastSignInDateTime": "2024-01-02T03:04:05Z",
            "lastNonInteractiveSignInDateTime": "0001-01-01T00:00:00Z",
            "lastNonInteractiveSignInRequestId": ""
        }
    });
    let disabled = json!({"id": "a1b2c3d4-0000-4000-8000-000000000002", "accountEnabled": false, "externalUserState": "PendingAcceptance"});
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![guest, disabled], None)))
        .mount(&server)
        .await;
    let users = connect(&server)
        .collect_users(ListUsers::new())
        .await
        .unwrap();
    assert_eq!(users[0].status, Some(UserStatus::Invited));
    assert_eq!(users[0].user_type.as_deref(), Some("Guest"));
    let signed_in = "2024-01-02T03:04:05Z".parse().ok();
    assert_eq!(
        users[0].last_login_at, signed_in,
        "falls back to lastSignInDateTime"
    );
    assert_eq!(
        users[0].last_active_at, signed_in,
        "0001-01-01 is not a date"
    );
    assert_eq!(users[1].status, Some(UserStatus::Inactive));
}

#[tokio::test]
async fn list_sends_select_top_and_filters_then_follows_the_next_link() {
    let server = MockServer::start().await;
    let next = format!(
        "{}/v1.0/users?$select={}&$filter=x&$top=2&$skiptoken=RFNwdAIAAQAAACpVc2VyX2",
        server.uri(),
        select(false)
    );
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param("$select", select(false).as_str()))
        .and(query_param("$top", "2"))
        .and(query_param(
            "$filter",
            "mail eq 'o''brien@contoso.com' and givenName eq 'Ada' and accountEnabled eq true and userType eq 'Guest'",
        ))
        .and(query_param("tenant_probe", "a b&c"))
        .and(query_param_is_missing("$skiptoken"))
        .and(query_param_is_missing("$count"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(
            vec![graph_user(0), graph_user(1)],
            Some(next),
        )))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param("$skiptoken", "RFNwdAIAAQAAACpVc2VyX2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![graph_user(2)], None)))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let users = dir
        .collect_users(
            ListUsers::new()
                .limit(2)
                .filter(Filter::Email, "o'brien@contoso.com")
                .filter(Filter::FirstName, "Ada")
                .filter(Filter::Status, "active")
                .filter(Filter::UserType, "guest")
                .remote_query("tenant_probe", "a b&c"),
        )
        .await
        .unwrap();
    assert_eq!(users.len(), 3);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    for r in &requests {
        assert!(
            r.headers.get("consistencylevel").is_none(),
            "default queries need no ConsistencyLevel"
        );
    }
    // The next link is followed as given: nothing is appended to it.
    let second: Vec<(String, String)> = requests[1]
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(second.iter().filter(|(k, _)| k == "$select").count(), 1);
    assert!(
        second.iter().all(|(k, _)| k != "tenant_probe"),
        "{second:?}"
    );
}

#[tokio::test]
async fn include_last_login_at_selects_sign_in_activity_and_caps_the_page() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param("$select", select(true).as_str()))
        .and(query_param("$top", "500"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![full_user()], None)))
        .expect(1)
        .mount(&server)
        .await;
    let users = connect(&server)
        .collect_users(
            ListUsers::new()
                .limit(999)
                .filter(Filter::IncludeLastLoginAt, "true"),
        )
        .await
        .unwrap();
    assert!(users[0].last_login_at.is_some());
    let err = connect(&server)
        .collect_users(ListUsers::new().filter(Filter::IncludeLastLoginAt, "maybe"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
}

#[tokio::test]
async fn the_default_page_is_the_largest_graph_allows() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("$top", "999"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![], None)))
        .expect(1)
        .mount(&server)
        .await;
    connect(&server)
        .collect_users(ListUsers::new())
        .await
        .unwrap();
}

#[tokio::test]
async fn advanced_queries_send_consistency_level_and_count_on_every_page() {
    let server = MockServer::start().await;
    let next = format!(
        "{}/v1.0/users?$search=%22displayName%3Aada%22&$count=true&$skiptoken=two",
        server.uri()
    );
    let mut first = page(vec![graph_user(0)], Some(next));
    first["@odata.count"] = json!(2);
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(header("consistencylevel", "eventual"))
        .and(query_param("$search", "\"displayName:ada\""))
        .and(query_param("$count", "true"))
        .and(query_param_is_missing("$skiptoken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(first))
        .expect(2) // once for the page-level call, once for the full listing
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(header("consistencylevel", "eventual"))
        .and(query_param("$skiptoken", "two"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![graph_user(1)], None)))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let options = ListUsers::new().remote_query("$search", "\"displayName:ada\"");
    let first_page = dir.list_users_page(options.clone()).await.unwrap();
    assert_eq!(first_page.total, Some(2), "@odata.count is the total");
    let users = dir.collect_users(options).await.unwrap();
    assert_eq!(users.len(), 2);
}

#[tokio::test]
async fn remote_select_and_filter_are_merged_not_repeated() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param("$select", "id,displayName,mail"))
        .and(query_param(
            "$filter",
            "(department eq 'Ops') and mail eq 'ada@contoso.com'",
        ))
        .and(query_param("$top", "5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(
            vec![json!({"id": "1", "displayName": "Ada", "mail": "ada@contoso.com"})],
            None,
        )))
        .expect(1)
        .mount(&server)
        .await;
    let users = connect(&server)
        .collect_users(
            ListUsers::new()
                .filter(Filter::Email, "ada@contoso.com")
                .remote_query("$select", "displayName,mail")
                .remote_query("$filter", "department eq 'Ops'")
                .remote_query("$top", "5"),
        )
        .await
        .unwrap();
    assert_eq!(users[0].primary_email(), Some("ada@contoso.com"));
    let request = &server.received_requests().await.unwrap()[0];
    let keys: Vec<String> = request
        .url
        .query_pairs()
        .map(|(k, _)| k.into_owned())
        .collect();
    for key in ["$select", "$filter", "$top"] {
        assert_eq!(keys.iter().filter(|k| *k == key).count(), 1, "{keys:?}");
    }
}

#[tokio::test]
async fn find_by_email_uses_the_mail_filter() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .and(query_param("$filter", "mail eq 'AdeleV@Contoso.com'"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![full_user()], None)))
        .expect(1)
        .mount(&server)
        .await;
    let found = connect(&server)
        .find_by_email("AdeleV@Contoso.com", ListUsers::new())
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
}

#[tokio::test]
async fn next_links_to_another_origin_are_refused() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(
            vec![graph_user(0)],
            Some("https://graph.microsoft.com/v1.0/users?$skiptoken=abc".into()),
        )))
        .expect(1)
        .mount(&server)
        .await;
    let err = connect(&server)
        .collect_users(ListUsers::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Provider, "{err}");
    assert!(err.to_string().contains("another origin"), "{err}");
}

#[tokio::test]
async fn status_filters_graph_cannot_express_are_refused_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param(
            "$filter",
            "externalUserState eq 'PendingAcceptance'",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![], None)))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    dir.collect_users(ListUsers::new().filter(Filter::Status, "invited"))
        .await
        .unwrap();
    let err = dir
        .collect_users(ListUsers::new().filter(Filter::Status, "deleted"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn update_patches_graph_properties_and_reads_the_user_back() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/v1.0/users/87d349ed-44d7-43e1-9a83-5f2406dee5bd"))
        .and(header("content-type", "application/json"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(body_json(json!({
            "accountEnabled": false,
            "displayName": "Adele V.",
            "givenName": "Adèle",
            "surname": "Vance-Lee",
            "jobTitle": "Director",
            "userPrincipalName": "adele@contoso.com",
            "businessPhones": ["+1 425 555 0199"],
            "mobilePhone": null,
            "preferredLanguage": "fr-FR",
            "userType": "Guest",
            "department": "Operations"
        })))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let mut after = full_user();
    after["accountEnabled"] = json!(false);
    after["jobTitle"] = json!("Director");
    Mock::given(method("GET"))
        .and(path("/v1.0/users/87d349ed-44d7-43e1-9a83-5f2406dee5bd"))
        .and(query_param("$select", select(false).as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(after))
        .expect(1)
        .mount(&server)
        .await;
    let mut body = UserUpdate::default();
    body.status = Some(UserStatus::Inactive);
    body.name = Some("Adele V.".into());
    body.first_name = Some("Adèle".into());
    body.last_name = Some("Vance-Lee".into());
    body.title = Some("Director".into());
    body.username = Some("adele@contoso.com".into());
    body.phones = Some(vec![Phone::new("+1 425 555 0199").with_type("work")]);
    body.languages = Some(vec!["fr-FR".into()]);
    body.user_type = Some("guest".into());
    body.remote_data = Some(
        json!({"department": "Operations"})
            .as_object()
            .unwrap()
            .clone(),
    );
    let user = connect(&server)
        .update_user(
            "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
            UpdateUser::new().body(body),
        )
        .await
        .unwrap();
    assert_eq!(user.status, Some(UserStatus::Inactive));
    assert_eq!(user.title.as_deref(), Some("Director"));
}

#[tokio::test]
async fn a_patch_that_met_a_server_error_is_retried_as_a_replace() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(
            ResponseTemplate::new(503).set_body_json(
                json!({"error": {"code": "serviceNotAvailable", "message": "busy"}}),
            ),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(body_json(json!({"accountEnabled": true})))
        .respond_with(ResponseTemplate::new(204))
        .with_priority(2)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_user()))
        .expect(1)
        .mount(&server)
        .await;
    let user = connect(&server)
        .update_user("u1", UpdateUser::new().status(UserStatus::Active))
        .await
        .unwrap();
    assert_eq!(user.status, Some(UserStatus::Active));
}

#[tokio::test]
async fn updates_graph_cannot_store_are_refused_before_sending() {
    let server = MockServer::start().await;
    let dir = connect(&server);
    let two_work = {
        let mut b = UserUpdate::default();
        b.phones = Some(vec![Phone::new("1"), Phone::new("2")]);
        b
    };
    let extension = {
        let mut b = UserUpdate::default();
        let mut phone = Phone::new("+1 425 555 0100");
        phone.extension = Some("12".into());
        b.phones = Some(vec![phone]);
        b
    };
    let two_languages = {
        let mut b = UserUpdate::default();
        b.languages = Some(vec!["en-US".into(), "de-DE".into()]);
        b
    };
    let admin = {
        let mut b = UserUpdate::default();
        b.user_type = Some("admin".into());
        b
    };
    for body in [two_work, extension, two_languages, admin] {
        let err = dir
            .update_user("u1", UpdateUser::new().body(body))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    }
    let err = dir
        .update_user("u1", UpdateUser::new().status(UserStatus::Invited))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    let mut password = UserUpdate::default();
    password.password = Some("hunter2-hunter2".to_owned().into());
    let err = dir
        .update_user("u1", UpdateUser::new().body(password))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn graph_errors_keep_code_message_and_request_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users"))
        .respond_with(
            ResponseTemplate::new(403)
                .insert_header("request-id", "2501535b-2fd7-43e3-87db-c12cbe31fca0")
                .set_body_json(json!({"error": {
                    "code": "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
                    "message": "Neither tenant is B2C or tenant doesn't have premium license",
                    "innerError": {"date": "2021-09-02T14:32:39", "request-id": "2501535b-2fd7-43e3-87db-c12cbe31fca0", "client-request-id": "2501535b-2fd7-43e3-87db-c12cbe31fca0"}
                }})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1.0/users/nobody"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"error": {
            "code": "Request_ResourceNotFound",
            "message": "Resource 'nobody' does not exist or one of its queried reference-property objects are not present.",
            "innerError": {"date": "2024-01-01T00:00:00", "request-id": "rid-in-body-only"}
        }})))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let err = dir
        .collect_users(ListUsers::new().filter(Filter::IncludeLastLoginAt, "true"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{err}");
    assert!(!err.is_retryable());
    assert_eq!(
        err.code(),
        Some("Authentication_RequestFromNonPremiumTenantOrB2CTenant")
    );
    assert!(err.message().unwrap().contains("P1 or P2"), "{err}");
    assert_eq!(
        err.request_id(),
        Some("2501535b-2fd7-43e3-87db-c12cbe31fca0")
    );
    let err = dir.get_user("nobody", GetUser::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.code(), Some("Request_ResourceNotFound"));
    assert_eq!(err.request_id(), Some("rid-in-body-only"), "{err:?}");
}

#[tokio::test]
async fn throttle_codes_under_other_statuses_are_retried() {
    let server = MockServer::start().await;
    answer_once_then(
        &server,
        || Mock::given(method("GET")),
            ResponseTemplate::new(403)
                .insert_header("retry-after", "3")
                .set_body_json(json!({"error": {"code": "activityLimitReached", "message": "The request has been throttled", "innerError": {"code": "throttledRequest"}}})),
        ResponseTemplate::new(200).set_body_json(page(vec![graph_user(0)], None)),
    )
    .await;
    let clock = TestClock::new();
    let dir = azure_active_directory::connect(&config(&server).with_clock(clock.shared())).unwrap();
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 1);
    assert!(clock.total_slept() >= std::time::Duration::from_secs(3));
}

// ---------------------------------------------------------------------------------------
// Client credentials
// ---------------------------------------------------------------------------------------

/// Hands out `tok-1`, `tok-2`, … in turn.
struct Tokens(AtomicUsize);

impl Respond for Tokens {
    fn respond(&self, _: &WireRequest) -> ResponseTemplate {
        let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200).set_body_json(json!({
            "token_type": "Bearer",
            "expires_in": 3599,
            "ext_expires_in": 3599,
            "access_token": format!("tok-{n}")
        }))
    }
}

#[tokio::test]
async fn client_credentials_token_is_cached_and_fetched_again_after_a_401() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/contoso.onmicrosoft.com/oauth2/v2.0/token"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains(
            "client_id=11111111-2222-3333-4444-555555555555",
        ))
        .and(body_string_contains("client_secret=s3cr3t%7Evalue"))
        .and(body_string_contains(
            "scope=https%3A%2F%2Fgraph.microsoft.com%2F.default",
        ))
        .respond_with(Tokens(AtomicUsize::new(0)))
        .expect(2)
        .mount(&server)
        .await;
    // tok-1 works once, then Graph says it expired; tok-2 works.
    answer_once_then(
        &server,
        || Mock::given(method("GET")).and(header("authorization", "Bearer tok-1")),
        ResponseTemplate::new(200).set_body_json(page(vec![graph_user(0)], None)),
        ResponseTemplate::new(401).set_body_json(json!({"error": {"code": "InvalidAuthenticationToken", "message": "Lifetime validation failed, the token is expired."}})),
    )
    .await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer tok-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![graph_user(1)], None)))
        .expect(2)
        .mount(&server)
        .await;
    let config = Config::new()
        .set("base_url", format!("{}/v1.0", server.uri()))
        .set("tenant_id", "contoso.onmicrosoft.com")
        .set("client_id", "11111111-2222-3333-4444-555555555555")
        .set("client_secret", "s3cr3t~value")
        .set(
            "token_url",
            format!("{}/contoso.onmicrosoft.com/oauth2/v2.0/token", server.uri()),
        );
    let dir = truto_core::Registry::new()
        .register(&INTEGRATION, azure_active_directory::connect)
        .build("azure_active_directory", &config)
        .unwrap();
    assert!(!format!("{dir:?}").contains("s3cr3t"), "{dir:?}");
    for _ in 0..3 {
        assert_eq!(dir.collect_users(ListUsers::new()).await.unwrap().len(), 1);
    }
}

#[tokio::test]
async fn a_refused_client_secret_is_unauthenticated() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "invalid_client",
            "error_description": "AADSTS7000215: Invalid client secret provided."
        })))
        .expect(1)
        .mount(&server)
        .await;
    let config = Config::new()
        .set("base_url", format!("{}/v1.0", server.uri()))
        .set("client_id", "app")
        .set("client_secret", "wrong-secret")
        .set("token_url", format!("{}/t/oauth2/v2.0/token", server.uri()));
    let dir = azure_active_directory::connect(&config).unwrap();
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthenticated, "{err}");
    assert_eq!(err.code(), Some("invalid_client"));
    assert!(!err.to_string().contains("wrong-secret"));
}

#[test]
fn config_needs_one_way_to_authenticate() {
    let base = Config::new().set("base_url", "https://graph.microsoft.com/v1.0");
    let err = azure_active_directory::connect(&base).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(
        err.to_string()
            .contains("TRUTO_AZURE_ACTIVE_DIRECTORY_TENANT_ID"),
        "{err}"
    );
    let both = base
        .clone()
        .set("access_token", "t0ken-value")
        .set("client_id", "app")
        .set("client_secret", "s3cret-value");
    assert_eq!(
        azure_active_directory::connect(&both).unwrap_err().kind(),
        ErrorKind::Config
    );
    let no_tenant = base
        .clone()
        .set("client_id", "app")
        .set("client_secret", "s3cret-value");
    let err = azure_active_directory::connect(&no_tenant).unwrap_err();
    assert!(err.to_string().contains("tenant_id"), "{err}");
    let insecure = no_tenant.set("token_url", "http://login.example.test/token");
    assert_eq!(
        azure_active_directory::connect(&insecure)
            .unwrap_err()
            .kind(),
        ErrorKind::Config
    );
    let ok = base
        .set("tenant_id", "72f988bf-86f1-41af-91ab-2d7cd011db47")
        .set("client_id", "app")
        .set("client_secret", "s3cret-value");
    let dir = azure_active_directory::connect(&ok).unwrap();
    let debug = format!("{dir:?}");
    assert!(!debug.contains("s3cret-value"), "{debug}");
    assert!(
        debug.contains(
            "login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token"
        ),
        "{debug}"
    );
}
