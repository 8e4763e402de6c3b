//! A SCIM 2.0 service provider simulator for the conformance kit (feature `testing`).
//!
//! [`ScimSim`] answers `GET /Users` (with `startIndex`, `count` and `eq` filters),
//! `GET /Users/{id}`, `PATCH` (`PatchOp`) and `PUT` the way RFC 7644 describes, checks the
//! preset's credentials and extra headers, and sends SCIM error bodies.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use serde_json::{Map, Value, json};
use truto_core::testing::{Route, SimRequest, SimResponse, Simulator};
use truto_core::{
    Config, GetUser, Integration, ListUsers, Result, UpdateUser, User, UserDirectory, UserStatus,
};

use crate::client::{HeaderValueFrom, PATCH_OP, Preset, ScimDirectory};
use truto_core::testing::people::{FIRST_NAMES, LAST_NAMES};

/// The token every simulator accepts.
pub const TEST_TOKEN: &str = "test-token-1234";

const TITLES: &[&str] = &[
    "Engineer",
    "Designer",
    "Product Manager",
    "Analyst",
    "Support Lead",
    "Recruiter",
    "Accountant",
];
const DEPARTMENTS: &[&str] = &[
    "Engineering",
    "Design",
    "Product",
    "Finance",
    "People",
    "Support",
];

/// A simulated SCIM service provider for one preset.
#[derive(Debug, Clone)]
pub struct ScimSim {
    preset: &'static Preset,
    /// Answer PATCH with `204 No Content` (as many servers do) instead of `200` and the user.
    pub patch_no_content: bool,
    /// Largest `count` the server honours.
    pub server_max_count: usize,
}

impl ScimSim {
    /// A simulator for `preset`.
    pub fn new(preset: &'static Preset) -> Self {
        ScimSim {
            preset,
            patch_no_content: true,
            server_max_count: 1000,
        }
    }

    /// The same simulator answering PATCH with 200 and the user.
    pub fn patch_returns_user(mut self) -> Self {
        self.patch_no_content = false;
        self
    }

    fn resources_key(&self) -> &'static str {
        // Canva documents its list envelope with a lower-case `resources`.
        if self.preset.integration.slug == "canva" {
            "resources"
        } else {
            "Resources"
        }
    }
}

/// The SCIM user record of test user `n`.
pub fn scim_user(n: usize) -> Value {
    let first = FIRST_NAMES[n % FIRST_NAMES.len()];
    let last = LAST_NAMES[(n / FIRST_NAMES.len() + n) % LAST_NAMES.len()];
    let login = format!(
        "{}.{}{}@example.com",
        first.to_lowercase(),
        last.to_lowercase(),
        n
    );
    let created = format!(
        "2024-{:02}-{:02}T09:{:02}:00Z",
        n % 12 + 1,
        n % 28 + 1,
        n % 60
    );
    json!({
        "schemas": [
            "urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
        ],
        "id": format!("2819c223-7f76-453a-919d-{n:012}"),
        "externalId": format!("hr-{n:06}"),
        "userName": login,
        "name": {"formatted": format!("{first} {last}"), "givenName": first, "familyName": last},
        "displayName": format!("{first} {last}"),
        "title": TITLES[n % TITLES.len()],
        "userType": if n.is_multiple_of(10) { "Contractor" } else { "Employee" },
        "preferredLanguage": "en-US",
        "timezone": "Europe/Berlin",
        "active": n % 5 != 4,
        "emails": [
            {"value": login, "type": "work", "primary": true},
            {"value": format!("{}{}@home.example.org", first.to_lowercase(), n), "type": "home"}
        ],
        "phoneNumbers": [{"value": format!("+1 555 01{:02}", n % 100), "type": "work"}],
        "groups": [{"value": format!("grp-{}", n % 3), "display": DEPARTMENTS[n % 3], "$ref": format!("https://scim.example.com/Groups/grp-{}", n % 3)}],
        "meta": {
            "resourceType": "User",
            "created": created,
            "lastModified": created,
            "location": format!("https://scim.example.com/v2/Users/2819c223-7f76-453a-919d-{n:012}"),
            "version": format!("W/\"{n}\"")
        },
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "employeeNumber": format!("{}", 1000 + n),
            "costCenter": format!("CC-{}", n % 4),
            "organization": "Example Corp",
            "department": DEPARTMENTS[n % DEPARTMENTS.len()],
            "manager": {"value": format!("2819c223-7f76-453a-919d-{:012}", n / 10), "displayName": "Manager"}
        }
    })
}

fn matches_filter(record: &Value, filter: &str) -> std::result::Result<bool, String> {
    for clause in filter.split(" and ") {
        let mut parts = clause.trim().splitn(3, ' ');
        let (attr, op, literal) = (
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
        );
        if !op.eq_ignore_ascii_case("eq") {
            return Err(format!("unsupported operator `{op}`"));
        }
        let wanted: Value =
            serde_json::from_str(literal).map_err(|_| format!("bad literal `{literal}`"))?;
        let ok = match attr {
            "userName" => record["userName"]
                .as_str()
                .zip(wanted.as_str())
                .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b)),
            "emails.value" | "emails" | "email" => {
                record["emails"].as_array().is_some_and(|emails| {
                    emails.iter().any(|e| {
                        e["value"]
                            .as_str()
                            .zip(wanted.as_str())
                            .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
                    })
                })
            }
            "active" => record["active"] == wanted,
            "externalId" => record["externalId"] == wanted,
            other => return Err(format!("unsupported attribute `{other}`")),
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

fn set_path(resource: &mut Value, path: &str, value: Value) {
    let mut target = resource;
    let parts: Vec<&str> = path.split('.').collect();
    for part in &parts[..parts.len() - 1] {
        if !target[*part].is_object() {
            target[*part] = json!({});
        }
        target = &mut target[*part];
    }
    target[parts[parts.len() - 1]] = value;
}

impl Simulator for ScimSim {
    fn integration(&self) -> &'static Integration {
        &self.preset.integration
    }

    fn config(&self, base_url: &str) -> Config {
        truto_core::testing::test_config(
            &self.preset.integration,
            &format!("{base_url}/scim/v2"),
            TEST_TOKEN,
        )
    }

    fn connect(&self, config: &Config) -> Result<Arc<dyn UserDirectory>> {
        ScimDirectory::connect_dyn(self.preset, config)
    }

    fn list_options(&self) -> ListUsers {
        let mut options = ListUsers::new();
        for name in self.preset.integration.required_list {
            if *name == "email" {
                options = options.filter(truto_core::Filter::Email, "");
            }
        }
        options
    }

    fn get_options(&self) -> GetUser {
        GetUser::new()
    }

    fn update_options(&self) -> Option<UpdateUser> {
        self.preset
            .integration
            .update
            .then(|| UpdateUser::new().status(UserStatus::Inactive))
    }

    fn check_updated(&self, user: &User) {
        assert_eq!(
            user.status,
            Some(UserStatus::Inactive),
            "the user was not deactivated"
        );
    }

    fn record(&self, n: usize) -> Value {
        scim_user(n)
    }

    fn authorized(&self, request: &SimRequest) -> bool {
        let auth_ok = truto_core::testing::carries_test_credential(
            &self.preset.integration,
            request,
            TEST_TOKEN,
        );
        let headers_ok = self.preset.quirks.headers.iter().all(|(name, from)| {
            let expected = match from {
                HeaderValueFrom::Static(v) => (*v).to_owned(),
                HeaderValueFrom::Config(key) => truto_core::testing::test_value(key),
                // Not configured by the simulator, so it must not be sent.
                HeaderValueFrom::OptionalConfig(_) => return request.header(name).is_none(),
            };
            request.header(name) == Some(expected.as_str())
        });
        auth_ok && headers_ok
    }

    fn route(&self, request: &SimRequest) -> Option<Route> {
        let segments = request.segments();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        match (request.method.as_str(), segments.as_slice()) {
            ("GET", ["scim", "v2", "Users"]) => Some(Route::List),
            ("GET", ["scim", "v2", "Users", id]) => Some(Route::Get((*id).to_owned())),
            ("PATCH" | "PUT", ["scim", "v2", "Users", id]) => Some(Route::Update((*id).to_owned())),
            _ => None,
        }
    }

    fn list(&self, request: &SimRequest, records: &[Value]) -> SimResponse {
        let start: usize = request
            .query_param("startIndex")
            .and_then(|s| s.parse().ok())
            .unwrap_or(1)
            .max(1);
        let count: usize = request
            .query_param("count")
            .and_then(|s| s.parse().ok())
            .unwrap_or(100)
            .min(self.server_max_count);
        let filtered: Vec<&Value> = match request.query_param("filter") {
            Some(filter) => {
                let mut out = Vec::new();
                for r in records {
                    match matches_filter(r, filter) {
                        Ok(true) => out.push(r),
                        Ok(false) => {}
                        Err(msg) => return self.error(400, &msg).with_scim_type("invalidFilter"),
                    }
                }
                out
            }
            None => records.iter().collect(),
        };
        let page: Vec<&Value> = filtered
            .iter()
            .skip(start - 1)
            .take(count)
            .copied()
            .collect();
        let mut body = Map::new();
        body.insert(
            "schemas".into(),
            json!(["urn:ietf:params:scim:api:messages:2.0:ListResponse"]),
        );
        body.insert("totalResults".into(), json!(filtered.len()));
        body.insert("startIndex".into(), json!(start));
        body.insert("itemsPerPage".into(), json!(page.len()));
        body.insert(self.resources_key().into(), json!(page));
        SimResponse::json(200, &Value::Object(body)).header("content-type", "application/scim+json")
    }

    fn update(&self, request: &SimRequest, record: &mut Value) -> SimResponse {
        let Some(body) = request.json() else {
            return self.error(400, "the body is not JSON");
        };
        match request.method.as_str() {
            "PATCH" => {
                if body["schemas"] != json!([PATCH_OP]) {
                    return self
                        .error(400, "not a PatchOp")
                        .with_scim_type("invalidSyntax");
                }
                let Some(ops) = body["Operations"].as_array() else {
                    return self
                        .error(400, "no Operations")
                        .with_scim_type("invalidSyntax");
                };
                for op in ops {
                    let kind = op["op"].as_str().unwrap_or("").to_ascii_lowercase();
                    if kind != "replace" && kind != "add" {
                        return self
                            .error(400, "unsupported op")
                            .with_scim_type("invalidSyntax");
                    }
                    match op["path"].as_str() {
                        Some(path) => set_path(record, path, op["value"].clone()),
                        None => {
                            if let Some(map) = op["value"].as_object() {
                                for (k, v) in map {
                                    set_path(record, k, v.clone());
                                }
                            }
                        }
                    }
                }
            }
            _ => {
                let id = record["id"].clone();
                let meta = record["meta"].clone();
                *record = body;
                record["id"] = id;
                record["meta"] = meta;
            }
        }
        record["meta"]["lastModified"] = json!("2026-11-23T10:00:00Z");
        if request.method == "PATCH" && self.patch_no_content {
            SimResponse::empty(204)
        } else {
            SimResponse::json(200, record).header("content-type", "application/scim+json")
        }
    }

    fn error(&self, status: u16, message: &str) -> SimResponse {
        SimResponse::json(
            status,
            &json!({
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
                "status": status.to_string(),
                "detail": message
            }),
        )
        .header("content-type", "application/scim+json")
    }

    fn malformed_list_body(&self) -> SimResponse {
        SimResponse::raw(
            200,
            "application/scim+json",
            r#"{"totalResults": 3, "Resources": [{"id": "#,
        )
    }
}

/// Adds a `scimType` to a SCIM error response.
trait WithScimType {
    fn with_scim_type(self, scim_type: &str) -> Self;
}

impl WithScimType for SimResponse {
    fn with_scim_type(mut self, scim_type: &str) -> Self {
        if let Ok(mut v) = serde_json::from_slice::<Value>(&self.body) {
            v["scimType"] = json!(scim_type);
            self.body = serde_json::to_vec(&v).unwrap_or_default();
        }
        self
    }
}
