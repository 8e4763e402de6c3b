//! Bench-only providers, one per pagination shape of the [mock](crate::mock), written as
//! real integrations are: one request per `fetch_page`, records decoded with
//! [`decode_record`] into a wire type and mapped to [`User`], the record's text kept as
//! `remote_data`, the next position from the core's helpers.
//!
//! Each connects with a [`Config`] holding `base_url` and any common transport key
//! (`requests_per_second`, `max_concurrency`, ...).

use std::sync::Arc;

use async_trait::async_trait;
use http::Method;
use serde::Deserialize;
use serde_json::value::RawValue;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Get, List, Spec, cursor, query};
use truto_core::provider::decode::{decode_one, decode_record, parse_datetime};
use truto_core::provider::http::{HttpClient, ProviderHttp};
use truto_core::provider::paging::{link_header_next, offset_next, token_next};
use truto_core::provider::{Connection, Credential, Page, PageRequest, Position, Status};
use truto_core::{
    Config, ConfigKey, Email, Error, Family, GetUser, Integration, Operation, PaginationStyle,
    Phone, Result, User, UserDirectory, UserStatus,
};

/// The pagination shapes the mock serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// An opaque cursor in the body.
    Cursor,
    /// Offset and limit, with a total.
    Offset,
    /// An RFC 8288 `Link` header.
    Link,
    /// The cursor shape, read by a declarative spec instead of a typed wire struct.
    Spec,
}

impl Shape {
    /// The shape's name (`cursor`, `offset`, `link`).
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Cursor => "cursor",
            Shape::Offset => "offset",
            Shape::Link => "link",
            Shape::Spec => "spec",
        }
    }

    /// The shape named `name`.
    pub fn parse(name: &str) -> Option<Shape> {
        [Shape::Cursor, Shape::Offset, Shape::Link, Shape::Spec]
            .into_iter()
            .find(|s| s.as_str() == name)
    }

    fn integration(self) -> &'static Integration {
        match self {
            Shape::Cursor => &CURSOR,
            Shape::Offset => &OFFSET,
            Shape::Link => &LINK,
            Shape::Spec => &SPEC.integration,
        }
    }
}

/// The cursor shape as a declarative spec, mapping the same fields as the typed provider.
pub static SPEC: Spec = Spec::new(
    Integration::new("bench_spec", "Bench (spec)", Family::Other)
        .credentials(BEARER)
        .config(KEYS),
)
.list(
    List::get("cursor/users")
        .records("users")
        .paging(cursor(query("cursor"), query("limit"), "next_cursor"))
        .page_size(100, 1000),
)
.get(Get::get("users/{id}"))
.map(&[
    id("id"),
    text(Text::FirstName, "profile.firstName"),
    text(Text::LastName, "profile.lastName"),
    text(Text::Name, "profile.displayName"),
    text(Text::Username, "profile.login"),
    email("profile.email").kind("work"),
    email("profile.secondEmail").kind("home").secondary(),
    phone("profile.mobilePhone").kind("mobile"),
    phone("profile.primaryPhone").kind("phone"),
    status(
        "status",
        &[("ACTIVE", Status::Active), ("SUSPENDED", Status::Inactive)],
    ),
    text(Text::Title, "profile.title"),
    text(Text::Timezone, "profile.timezone"),
    languages("profile.preferredLanguage"),
    text(Text::UserType, "profile.userType"),
    time(Time::CreatedAt, "created", TimeFormat::Auto),
    time(Time::ActivatedAt, "activated", TimeFormat::Auto),
    time(Time::StatusChangedAt, "statusChanged", TimeFormat::Auto),
    time(Time::LastLoginAt, "lastLogin", TimeFormat::Auto),
    time(Time::UpdatedAt, "lastUpdated", TimeFormat::Auto),
])
.sources(&["https://developer.okta.com/docs/reference/api/users/"]);

const KEYS: &[ConfigKey] = &[ConfigKey::secret(
    "token",
    "any token; the mock does not check it",
)];
const BEARER: &[Credential] = &[Credential::bearer("token")];

/// Cursor in the body.
pub static CURSOR: Integration = Integration::new("bench_cursor", "Bench (cursor)", Family::Other)
    .list(PaginationStyle::CursorField)
    .get()
    .partial_list()
    .page_size(100, 1000)
    .credentials(BEARER)
    .config(KEYS);

/// Offset and limit with a total.
pub static OFFSET: Integration = Integration::new("bench_offset", "Bench (offset)", Family::Other)
    .list(PaginationStyle::OffsetLimit)
    .get()
    .partial_list()
    .page_size(100, 1000)
    .credentials(BEARER)
    .config(KEYS);

/// `Link` header.
pub static LINK: Integration = Integration::new("bench_link", "Bench (link)", Family::Other)
    .list(PaginationStyle::LinkHeader)
    .get()
    .partial_list()
    .page_size(100, 1000)
    .credentials(BEARER)
    .config(KEYS);

/// A bench provider of one shape.
#[derive(Debug)]
pub struct Bench {
    shape: Shape,
    http: HttpClient,
}

/// Connects a provider of `shape` to the mock at `config`'s `base_url`.
pub fn connect(shape: Shape, config: &Config) -> Result<Arc<dyn UserDirectory>> {
    let integration = shape.integration();
    let config = config.clone().set("token", "bench-token");
    if shape == Shape::Spec {
        return truto_core::provider::declarative::connect(&SPEC, &config);
    }
    let http = Connection::open(integration, &config)?.http(ProviderHttp::new(integration.slug))?;
    Ok(Arc::new(Bench { shape, http }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireUser {
    id: String,
    status: Option<String>,
    created: Option<String>,
    activated: Option<String>,
    status_changed: Option<String>,
    last_login: Option<String>,
    last_updated: Option<String>,
    #[serde(default)]
    profile: WireProfile,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct WireProfile {
    first_name: Option<String>,
    last_name: Option<String>,
    display_name: Option<String>,
    login: Option<String>,
    email: Option<String>,
    second_email: Option<String>,
    mobile_phone: Option<String>,
    primary_phone: Option<String>,
    title: Option<String>,
    timezone: Option<String>,
    preferred_language: Option<String>,
    user_type: Option<String>,
}

#[derive(Deserialize)]
struct CursorBody {
    users: Vec<Box<RawValue>>,
    next_cursor: Option<String>,
}

#[derive(Deserialize)]
struct OffsetBody {
    users: Vec<Box<RawValue>>,
    total: Option<u64>,
}

fn to_user(wire: WireUser, remote: truto_core::RemoteData) -> User {
    let p = wire.profile;
    let date = |text: Option<String>| text.as_deref().and_then(parse_datetime);
    let mut user = User::new(wire.id);
    user.first_name = p.first_name;
    user.last_name = p.last_name;
    user.name = p.display_name;
    user.username = p.login;
    user.emails = p
        .email
        .map(|e| Email::new(e).primary(true).with_type("work"))
        .into_iter()
        .chain(p.second_email.map(|e| Email::new(e).with_type("home")))
        .collect();
    user.phones = p
        .mobile_phone
        .map(|n| Phone::new(n).with_type("mobile"))
        .into_iter()
        .chain(p.primary_phone.map(|n| Phone::new(n).with_type("phone")))
        .collect();
    user.status = wire.status.map(|s| match s.as_str() {
        "ACTIVE" => UserStatus::Active,
        "SUSPENDED" => UserStatus::Inactive,
        other => UserStatus::Other(other.to_owned()),
    });
    user.title = p.title;
    user.timezone = p.timezone;
    user.languages = p.preferred_language.into_iter().collect();
    user.user_type = p.user_type;
    user.created_at = date(wire.created);
    user.activated_at = date(wire.activated);
    user.status_changed_at = date(wire.status_changed);
    user.last_login_at = date(wire.last_login);
    user.updated_at = date(wire.last_updated);
    user.remote_data = Some(remote);
    user
}

fn map_records(records: Vec<Box<RawValue>>) -> Result<Vec<User>> {
    records
        .into_iter()
        .enumerate()
        .map(|(i, raw)| {
            let (wire, remote) = decode_record::<WireUser>(raw, i)?;
            Ok(to_user(wire, remote))
        })
        .collect()
}

#[async_trait]
impl UserDirectory for Bench {
    fn integration(&self) -> &Integration {
        self.shape.integration()
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        let path: &'static str = match self.shape {
            Shape::Cursor | Shape::Spec => "cursor/users",
            Shape::Offset => "offset/users",
            Shape::Link => "link/users",
        };
        let start = self
            .http
            .request(Method::GET, path, &[])?
            .query_opt("limit", request.page_size);
        let http_request = match (self.shape, request.position) {
            (_, Position::Start) => start,
            (Shape::Cursor | Shape::Spec, Position::Token(t)) => start.query("cursor", t),
            (Shape::Offset, Position::Offset(o)) => start.query("offset", o),
            (Shape::Link, Position::Url(url)) => self.http.request_url(Method::GET, url, path)?,
            (_, other) => {
                return Err(Error::cannot_resume(
                    &format!("a {} listing", self.shape.as_str()),
                    other,
                ));
            }
        };
        let response = self.http.send(http_request, Operation::List).await?;
        match self.shape {
            Shape::Cursor | Shape::Spec => {
                let body: CursorBody = response.json()?;
                Ok(Page::new(
                    map_records(body.users)?,
                    token_next(body.next_cursor),
                ))
            }
            Shape::Offset => {
                let body: OffsetBody = response.json()?;
                let offset = match request.position {
                    Position::Offset(o) => *o,
                    _ => 0,
                };
                let next = offset_next(offset, body.users.len(), request.page_size, body.total);
                Ok(Page::new(map_records(body.users)?, next).with_total(body.total))
            }
            Shape::Link => {
                let records: Vec<Box<RawValue>> = response.json()?;
                Ok(Page::new(
                    map_records(records)?,
                    link_header_next(&response.headers),
                ))
            }
        }
    }

    async fn fetch_user(&self, id: &str, _options: &GetUser) -> Result<User> {
        let request = self.http.request(Method::GET, "users/{}", &[id])?;
        let response = self.http.send(request, Operation::Get).await?;
        let (wire, remote) = decode_one::<WireUser>(&response.body)?;
        Ok(to_user(wire, remote))
    }
}
