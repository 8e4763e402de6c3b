//! The embedded demo directory (feature `demo`): a small SCIM 2.0 server in this process, on
//! loopback, holding made-up people, so truto-rs can be tried with no credentials.
//!
//! The server speaks just enough HTTP/1.1 to answer `GET /scim/v2/Users` (with
//! `startIndex`, `count` and one `eq` filter on `userName`, `emails.value` or `active`) and
//! `GET /scim/v2/Users/{id}`, with SCIM `ListResponse`, `User` and error bodies. It is read
//! through the real generic SCIM client ([`crate::generic::connect`]) over real HTTP, with
//! a bearer token, and links no test code.

use std::sync::Arc;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};
use truto_core::{Config, Error, ErrorKind, Result, UserDirectory};
use url::Url;

/// The bearer token the demo server accepts (it guards nothing: the people are made up).
const TOKEN: &str = "demo-token";
/// The largest page the server returns, whatever `count` asks.
const MAX_COUNT: usize = 100;
/// The longest request head the server reads.
const MAX_HEAD: usize = 16 * 1024;

const FIRST_NAMES: &[&str] = &[
    "Ada",
    "Grace",
    "Alan",
    "Katherine",
    "Edsger",
    "Barbara",
    "Dennis",
    "Margaret",
    "Ken",
    "Radia",
    "Donald",
    "Frances",
];
const LAST_NAMES: &[&str] = &[
    "Lovelace", "Hopper", "Turing", "Johnson", "Dijkstra", "Liskov", "Ritchie", "Hamilton",
    "Thompson", "Perlman", "Knuth", "Allen",
];
const TITLES: &[&str] = &[
    "Engineer",
    "Designer",
    "Product Manager",
    "Analyst",
    "Support Lead",
];
const DEPARTMENTS: &[&str] = &["Engineering", "Design", "Product", "Finance"];

/// A running demo directory. Dropping it stops the server.
pub struct DemoDirectory {
    base_url: String,
    directory: Arc<dyn UserDirectory>,
    server: JoinHandle<()>,
}

impl std::fmt::Debug for DemoDirectory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoDirectory")
            .field("base_url", &self.base_url)
            .finish()
    }
}

impl Drop for DemoDirectory {
    fn drop(&mut self) {
        // Aborting the accept loop drops its `JoinSet`, which aborts every connection.
        self.server.abort();
    }
}

impl DemoDirectory {
    /// Starts a demo SCIM server holding `users` people on 127.0.0.1 and connects the
    /// generic SCIM client to it. Must be called inside a tokio runtime with I/O enabled.
    pub async fn start(users: usize) -> Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.map_err(|e| {
            Error::new(
                ErrorKind::Transport,
                "could not start the demo server on loopback",
            )
            .with_source(e)
        })?;
        let port = listener
            .local_addr()
            .map_err(|e| Error::new(ErrorKind::Transport, "no local address").with_source(e))?
            .port();
        let people: Arc<[Value]> = (0..users).map(person).collect();
        let server = tokio::spawn(accept(listener, people));
        let base_url = format!("http://127.0.0.1:{port}/scim/v2");
        let config = Config::new()
            .set("base_url", base_url.clone())
            .set("token", TOKEN);
        let directory = crate::generic::connect(&config)?;
        Ok(DemoDirectory {
            base_url,
            directory,
            server,
        })
    }

    /// The connected directory.
    pub fn directory(&self) -> Arc<dyn UserDirectory> {
        Arc::clone(&self.directory)
    }

    /// The demo server's SCIM base URL (`http://127.0.0.1:PORT/scim/v2`).
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }
}

/// Demo person `n`, as a SCIM core user.
fn person(n: usize) -> Value {
    let first = FIRST_NAMES[n % FIRST_NAMES.len()];
    let last = LAST_NAMES[(n / FIRST_NAMES.len() + n) % LAST_NAMES.len()];
    let email = format!(
        "{}.{}{n}@example.com",
        first.to_lowercase(),
        last.to_lowercase()
    );
    let created = format!(
        "2024-{:02}-{:02}T09:{:02}:00Z",
        n % 12 + 1,
        n % 28 + 1,
        n % 60
    );
    let department = DEPARTMENTS[n % DEPARTMENTS.len()];
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": format!("2819c223-7f76-453a-919d-{n:012}"),
        "userName": email,
        "name": {"givenName": first, "familyName": last, "formatted": format!("{first} {last}")},
        "displayName": format!("{first} {last}"),
        "title": TITLES[n % TITLES.len()],
        "active": n % 5 != 4,
        "emails": [{"value": email, "type": "work", "primary": true}],
        "groups": [{"value": format!("grp-{}", n % DEPARTMENTS.len()), "display": department}],
        "meta": {"resourceType": "User", "created": created, "lastModified": created},
    })
}

async fn accept(listener: TcpListener, people: Arc<[Value]>) {
    let mut connections = JoinSet::new();
    while let Ok((stream, _)) = listener.accept().await {
        while connections.try_join_next().is_some() {}
        connections.spawn(serve(stream, Arc::clone(&people)));
    }
}

/// Answers the requests of one keep-alive connection until the client closes it.
async fn serve(stream: TcpStream, people: Arc<[Value]>) {
    let mut stream = BufReader::new(stream);
    while let Ok(Some(head)) = read_head(&mut stream).await {
        let mut body = vec![0; head.content_length];
        if stream.read_exact(&mut body).await.is_err() {
            return;
        }
        let (status, body) = if head.authorized {
            answer(&head.method, &head.target, &people)
        } else {
            error(401, None, "a bearer token is required")
        };
        let body = body.to_string();
        let response = format!(
            "HTTP/1.1 {status} {}\r\ncontent-type: application/scim+json\r\ncontent-length: {}\r\n\r\n{body}",
            reason(status),
            body.len()
        );
        let written = stream.get_mut().write_all(response.as_bytes()).await;
        if written.is_err() || head.close {
            return;
        }
    }
}

/// What the server reads of a request head.
struct Head {
    method: String,
    target: String,
    authorized: bool,
    content_length: usize,
    close: bool,
}

/// Reads one request head; `None` when the connection ends first or the head is too long.
async fn read_head(stream: &mut BufReader<TcpStream>) -> std::io::Result<Option<Head>> {
    let mut line = String::new();
    if stream.read_line(&mut line).await? == 0 {
        return Ok(None);
    }
    let mut words = line.split_whitespace();
    let mut head = Head {
        method: words.next().unwrap_or_default().to_owned(),
        target: words.next().unwrap_or_default().to_owned(),
        authorized: false,
        content_length: 0,
        close: false,
    };
    let mut read = line.len();
    loop {
        line.clear();
        let n = stream.read_line(&mut line).await?;
        read += n;
        if n == 0 || read > MAX_HEAD {
            return Ok(None);
        }
        let Some((name, value)) = line.split_once(':') else {
            // The blank line ends the head; a body longer than a head is refused.
            return Ok((head.content_length <= MAX_HEAD).then_some(head));
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "authorization" => head.authorized = value == format!("Bearer {TOKEN}"),
            "content-length" => head.content_length = value.parse().unwrap_or(usize::MAX),
            "connection" => head.close = value.eq_ignore_ascii_case("close"),
            _ => {}
        }
    }
}

/// The status and body for a request.
fn answer(method: &str, target: &str, people: &[Value]) -> (u16, Value) {
    let Ok(url) = Url::parse(&format!("http://demo{target}")) else {
        return error(400, None, "the request target is not a path");
    };
    let segments: Vec<&str> = url
        .path_segments()
        .map(Iterator::collect)
        .unwrap_or_default();
    match (method, segments.as_slice()) {
        ("GET", ["scim", "v2", "Users"]) => list(&url, people),
        ("GET", ["scim", "v2", "Users", id]) => match people.iter().find(|p| p["id"] == *id) {
            Some(user) => (200, user.clone()),
            None => error(404, None, &format!("no user has the id {id}")),
        },
        (_, ["scim", "v2", "Users", ..]) => error(405, None, "the demo directory is read-only"),
        _ => error(404, None, "no such resource"),
    }
}

/// A `ListResponse` page of the people the request's filter selects.
fn list(url: &Url, people: &[Value]) -> (u16, Value) {
    let param = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let number = |name: &str, default: usize| {
        param(name)
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(default)
    };
    let start = number("startIndex", 1).max(1);
    let count = number("count", MAX_COUNT).min(MAX_COUNT);
    let selected: Vec<&Value> = match param("filter") {
        None => people.iter().collect(),
        Some(filter) => match parse_filter(&filter) {
            Some((attribute, value)) => people
                .iter()
                .filter(|p| matches(p, &attribute, &value))
                .collect(),
            None => {
                return error(
                    400,
                    Some("invalidFilter"),
                    "the demo directory takes one filter: userName, emails.value or active `eq` a value",
                );
            }
        },
    };
    let page: Vec<&Value> = selected
        .iter()
        .skip(start - 1)
        .take(count)
        .copied()
        .collect();
    let body = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": selected.len(),
        "startIndex": start,
        "itemsPerPage": page.len(),
        "Resources": page,
    });
    (200, body)
}

/// `attribute eq value`, the attribute lower-cased and the value a JSON string or boolean.
fn parse_filter(filter: &str) -> Option<(String, Value)> {
    let (attribute, rest) = filter.trim().split_once(' ')?;
    let (op, value) = rest.trim_start().split_once(' ')?;
    let attribute = attribute.to_ascii_lowercase();
    let value: Value = serde_json::from_str(value.trim()).ok()?;
    let known = match attribute.as_str() {
        "username" | "emails.value" => value.is_string(),
        "active" => value.is_boolean(),
        _ => false,
    };
    (op.eq_ignore_ascii_case("eq") && known).then_some((attribute, value))
}

/// Whether `person` has `attribute` equal to `value` (strings ignoring ASCII case).
fn matches(person: &Value, attribute: &str, value: &Value) -> bool {
    let same = |text: &Value| match (text.as_str(), value.as_str()) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        _ => false,
    };
    match attribute {
        "username" => same(&person["userName"]),
        "emails.value" => person["emails"]
            .as_array()
            .is_some_and(|emails| emails.iter().any(|e| same(&e["value"]))),
        _ => person["active"] == *value,
    }
}

/// A SCIM error body (RFC 7644 §3.12).
fn error(status: u16, scim_type: Option<&str>, detail: &str) -> (u16, Value) {
    let mut body = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
        "status": status.to_string(),
        "detail": detail,
    });
    if let Some(scim_type) = scim_type {
        body["scimType"] = json!(scim_type);
    }
    (status, body)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use truto_core::{Filter, GetUser, ListUsers, UserDirectoryExt, UserStatus};

    use super::*;

    #[tokio::test]
    async fn the_generic_client_lists_gets_and_filters_the_demo_people_over_http() {
        let demo = DemoDirectory::start(23).await.unwrap();
        assert!(demo.base_url().starts_with("http://127.0.0.1:"));
        let dir = demo.directory();

        let users = dir.collect_users(ListUsers::new().limit(10)).await.unwrap();
        assert_eq!(users.len(), 23);
        let ids: HashSet<&str> = users.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids.len(), 23, "every person once");
        assert_eq!(users[0].name.as_deref(), Some("Ada Lovelace"));
        assert_eq!(users[4].status, Some(UserStatus::Inactive));
        assert_eq!(users[1].groups[0].name.as_deref(), Some("Design"));

        let one = dir.get_user(&users[7].id, GetUser::new()).await.unwrap();
        assert_eq!(one.emails, users[7].emails);
        let missing = dir.get_user("nobody", GetUser::new()).await.unwrap_err();
        assert_eq!(missing.kind(), ErrorKind::NotFound);

        let email = users[12].primary_email().unwrap().to_uppercase();
        let found = dir.find_by_email(&email, ListUsers::new()).await.unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].id, users[12].id);
        let by_name = ListUsers::new().filter(Filter::Username, users[3].username.clone().unwrap());
        assert_eq!(dir.collect_users(by_name).await.unwrap().len(), 1);
        let inactive = ListUsers::new().filter(Filter::Status, "inactive");
        assert_eq!(dir.collect_users(inactive).await.unwrap().len(), 4);
    }

    #[tokio::test]
    async fn the_server_refuses_requests_without_the_token_and_writes() {
        let demo = DemoDirectory::start(3).await.unwrap();
        let http = reqwest::Client::new();
        let users = format!("{}/Users", demo.base_url());
        let anonymous = http.get(&users).send().await.unwrap();
        assert_eq!(anonymous.status().as_u16(), 401);
        let body: Value = serde_json::from_slice(&anonymous.bytes().await.unwrap()).unwrap();
        assert_eq!(body["status"], "401");

        let page = http
            .get(format!("{users}?startIndex=2&count=5"))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        let page: Value = serde_json::from_slice(&page.bytes().await.unwrap()).unwrap();
        assert_eq!(page["totalResults"], 3);
        assert_eq!(page["itemsPerPage"], 2);
        let bad = http
            .get(format!("{users}?filter=title%20co%20%22x%22"))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status().as_u16(), 400);
        let write = http
            .delete(format!("{users}/x"))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(write.status().as_u16(), 405);
    }
}
