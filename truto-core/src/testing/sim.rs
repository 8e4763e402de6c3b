use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};

use serde_json::Value;
use url::Url;
use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

use crate::Config;
use crate::Integration;
use crate::Result;
use crate::UserDirectory;
use crate::UserDirectoryExt;
use crate::{GetUser, ListUsers, UpdateUser};

/// A request as a simulated provider receives it.
#[derive(Debug, Clone, PartialEq)]
pub struct SimRequest {
    /// Upper-case method.
    pub method: String,
    /// The raw (still percent-encoded) path.
    pub path: String,
    /// Decoded query pairs, in order.
    pub query: Vec<(String, String)>,
    /// Headers, names lower-cased.
    pub headers: BTreeMap<String, String>,
    /// The body.
    pub body: Vec<u8>,
}

impl SimRequest {
    /// Builds from a method, a URL and headers.
    pub fn new(method: &str, url: &Url, headers: BTreeMap<String, String>, body: Vec<u8>) -> Self {
        SimRequest {
            method: method.to_ascii_uppercase(),
            path: url.path().to_owned(),
            query: url
                .query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
            headers,
            body,
        }
    }

    /// The first value of a query parameter.
    pub fn query_param(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A header by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// The body as JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The path's segments, percent-decoded.
    pub fn segments(&self) -> Vec<String> {
        self.path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8_lossy()
                    .into_owned()
            })
            .collect()
    }

    /// The path's last segment, percent-decoded.
    pub fn last_segment(&self) -> Option<String> {
        self.segments().pop()
    }
}

/// A response from a simulated provider.
#[derive(Debug, Clone, PartialEq)]
pub struct SimResponse {
    /// Status code.
    pub status: u16,
    /// Headers.
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: Vec<u8>,
}

impl SimResponse {
    /// A JSON response.
    pub fn json(status: u16, body: &Value) -> Self {
        SimResponse {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: serde_json::to_vec(body).unwrap_or_default(),
        }
    }

    /// A response with a raw body.
    pub fn raw(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        SimResponse {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.into(),
        }
    }

    /// An empty response (e.g. 204).
    pub fn empty(status: u16) -> Self {
        SimResponse {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// The same response with a header set (replacing one of the same name).
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    /// The same response with one more value of a header (e.g. a second `Link`).
    pub fn append_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    fn template(&self) -> ResponseTemplate {
        let mut t = ResponseTemplate::new(self.status).set_body_bytes(self.body.clone());
        for (k, v) in &self.headers {
            t = t.append_header(k.as_str(), v.as_str());
        }
        t
    }
}

/// What a request asks of the simulated provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// A list (page) request.
    List,
    /// Get the user with this id.
    Get(String),
    /// Update the user with this id.
    Update(String),
}

/// Where a provider takes the user id of a get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum IdLocation {
    /// The last segment of the path.
    PathSegment,
    /// A segment counted from the end (`/users/{id}/user.json`: 1), the id between a
    /// literal prefix and suffix (Dataverse's `systemusers({id})`).
    PathSegmentAt {
        /// Places before the last segment.
        from_end: usize,
        /// Text before the id in the segment.
        prefix: &'static str,
        /// Text after the id in the segment.
        suffix: &'static str,
    },
    /// A query parameter of this name.
    Query(&'static str),
    /// The request body (GraphQL variables, an RPC body).
    Body,
}

/// The simulated provider's users, as provider-shaped records.
#[derive(Debug, Default)]
pub struct Store {
    /// Records in listing order.
    pub records: Vec<Value>,
}

/// A faithful small model of one provider's user endpoints.
pub trait Simulator: Send + Sync + 'static {
    /// The integration under test.
    fn integration(&self) -> &'static Integration;
    /// A configuration pointing at `base_url`, with test credentials.
    fn config(&self, base_url: &str) -> Config;
    /// Builds the client from the configuration.
    fn connect(&self, config: &Config) -> Result<Arc<dyn UserDirectory>>;
    /// The options a listing needs (required parameters); the kit adds its own.
    fn list_options(&self) -> ListUsers {
        ListUsers::new()
    }
    /// The options a get needs.
    fn get_options(&self) -> GetUser {
        GetUser::new()
    }
    /// An update the kit applies and checks, when the integration supports updates; the
    /// check reads the user back with a get.
    fn update_options(&self) -> Option<UpdateUser> {
        None
    }
    /// Checks the user after `update_options` was applied.
    fn check_updated(&self, _user: &crate::User) {}
    /// The provider-shaped record of test user `n` (0-based).
    fn record(&self, n: usize) -> Value;
    /// The id of a record: its `id` field (a string or a number) unless overridden.
    fn record_id(&self, record: &Value) -> String {
        match &record["id"] {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => String::new(),
        }
    }
    /// Answers a request before anything else when the simulator serves more than the
    /// user endpoints (an OAuth token endpoint, say); `None` for the others.
    fn extra(&self, _request: &SimRequest) -> Option<SimResponse> {
        None
    }
    /// Whether the request carries the test credentials as the provider expects.
    fn authorized(&self, request: &SimRequest) -> bool;
    /// What the request asks, or `None` if the provider has no such endpoint.
    fn route(&self, request: &SimRequest) -> Option<Route>;
    /// Answers a list request from the records.
    fn list(&self, request: &SimRequest, records: &[Value]) -> SimResponse;
    /// Answers a get of an existing record.
    fn get(&self, _request: &SimRequest, record: &Value) -> SimResponse {
        SimResponse::json(200, record)
    }
    /// Applies an update to a record and answers it.
    fn update(&self, _request: &SimRequest, _record: &mut Value) -> SimResponse {
        self.error(405, "updates are not supported")
    }
    /// The provider's error response for `status`.
    fn error(&self, status: u16, message: &str) -> SimResponse;
    /// A body that is not what the provider would send (truncated JSON by default).
    fn malformed_list_body(&self) -> SimResponse {
        SimResponse::raw(200, "application/json", r#"{"data": [{"id": "1", "#)
    }
    /// The page size the shared scenarios list with (small, so a few users make several pages).
    fn page_size_for_tests(&self) -> u32 {
        10
    }
    /// Where a get takes the id (the hostile-id scenario checks it arrives whole there).
    fn id_location(&self) -> IdLocation {
        IdLocation::PathSegment
    }
    /// A list response of this provider whose next-page URL is `url` (for providers that
    /// page by next URL or `Link` header); `None` when it has none.
    fn with_next_url(&self, _page: SimResponse, _url: &str) -> Option<SimResponse> {
        None
    }
    /// The rate-limit headers the provider sends, when the simulator declares them.
    fn rate_limit_headers(&self) -> Option<crate::provider::http::RateLimitHeaders> {
        None
    }
    /// Whether `update_options`'s update is safe to retry (`None`: not declared).
    fn update_is_idempotent(&self) -> Option<bool> {
        None
    }
    /// Why the update scenario cannot run though the integration updates, if so.
    fn update_unavailable(&self) -> Option<&'static str> {
        None
    }
    /// Whether the connection's credential is a grant a 401 makes it renew once.
    fn refreshes_credentials(&self) -> bool {
        false
    }
    /// How many users the faults scenario lists.
    fn faults_users(&self) -> usize {
        10_000
    }
}

/// Answers one request from a simulator and its store.
pub(crate) fn answer(
    sim: &dyn Simulator,
    store: &Mutex<Store>,
    request: &SimRequest,
) -> SimResponse {
    if let Some(response) = sim.extra(request) {
        return response;
    }
    let Some(route) = sim.route(request) else {
        return SimResponse::raw(
            400,
            "text/plain",
            format!("unexpected request: {} {}", request.method, request.path),
        );
    };
    if !sim.authorized(request) {
        return sim.error(401, "invalid credentials");
    }
    let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
    match route {
        Route::List => sim.list(request, &store.records),
        Route::Get(id) => match store.records.iter().find(|r| sim.record_id(r) == id) {
            Some(record) => sim.get(request, record),
            None => sim.error(404, "user not found"),
        },
        Route::Update(id) => match store.records.iter_mut().find(|r| sim.record_id(r) == id) {
            Some(record) => sim.update(request, record),
            None => sim.error(404, "user not found"),
        },
    }
}

/// A fault to answer with instead of the simulator.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// The provider's error for this status, with optional `Retry-After` seconds.
    Status(u16, Option<u64>),
    /// A body the integration cannot decode.
    Malformed,
    /// The given response, replayed as is.
    Replay(SimResponse),
    /// Remember this list response and replay it for every later list request.
    ReplayFromNow,
}

struct Script {
    /// Faults for the next list requests, in order (`None` answers normally).
    list: VecDeque<Option<Fault>>,
    /// Faults for the next update requests, in order.
    update: VecDeque<Option<Fault>>,
    /// A fault for every request from the nth list request on.
    all_from: Option<(usize, Fault)>,
    /// A list response replayed for every later list request.
    replay: Option<SimResponse>,
    /// A fault for every request.
    always: Option<Fault>,
    list_count: usize,
}

struct SimResponder {
    sim: Arc<dyn Simulator>,
    store: Arc<Mutex<Store>>,
    script: Arc<Mutex<Script>>,
}

impl SimResponder {
    fn fault_response(&self, fault: &Fault) -> SimResponse {
        match fault {
            Fault::Status(status, retry_after) => {
                let mut r = self.sim.error(*status, "injected fault");
                if let Some(s) = retry_after {
                    r = r.header("retry-after", s.to_string());
                }
                r
            }
            Fault::Malformed => self.sim.malformed_list_body(),
            Fault::Replay(r) => r.clone(),
            Fault::ReplayFromNow => self.sim.error(500, "misused fault"),
        }
    }
}

impl Respond for SimResponder {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let headers = request
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_ascii_lowercase(),
                    v.to_str().unwrap_or("").to_owned(),
                )
            })
            .collect();
        let req = SimRequest::new(
            request.method.as_str(),
            &request.url,
            headers,
            request.body.clone(),
        );
        let route = self.sim.route(&req);
        let is_list = route == Some(Route::List);
        let mut script = self.script.lock().unwrap_or_else(|p| p.into_inner());
        // A simulated token endpoint is not the provider's user API: faults aimed at the
        // provider leave it answering, so a refreshable credential meets the fault itself.
        if let Some(f) = &script.always
            && !req.path.ends_with("/__token")
        {
            return self.fault_response(f).template();
        }
        if matches!(route, Some(Route::Update(_)))
            && let Some(Some(fault)) = script.update.pop_front()
        {
            return self.fault_response(&fault).template();
        }
        if is_list {
            script.list_count += 1;
            if let Some((from, f)) = &script.all_from
                && script.list_count >= *from
            {
                return self.fault_response(f).template();
            }
            if let Some(replay) = &script.replay {
                return replay.template();
            }
            if let Some(Some(fault)) = script.list.pop_front() {
                if fault == Fault::ReplayFromNow {
                    let response = answer(&*self.sim, &self.store, &req);
                    script.replay = Some(response.clone());
                    return response.template();
                }
                return self.fault_response(&fault).template();
            }
        }
        drop(script);
        answer(&*self.sim, &self.store, &req).template()
    }
}

/// A wiremock server that serves a simulator, with scripted faults.
pub struct SimServer {
    server: MockServer,
    sim: Arc<dyn Simulator>,
    store: Arc<Mutex<Store>>,
    script: Arc<Mutex<Script>>,
    clock: super::TestClock,
}

impl SimServer {
    /// Starts a server holding `users` records of the simulator.
    pub async fn start(sim: impl Simulator, users: usize) -> Self {
        let sim: Arc<dyn Simulator> = Arc::new(sim);
        let store = Arc::new(Mutex::new(Store {
            records: (0..users).map(|n| sim.record(n)).collect(),
        }));
        let script = Arc::new(Mutex::new(Script {
            list: VecDeque::new(),
            update: VecDeque::new(),
            all_from: None,
            replay: None,
            always: None,
            list_count: 0,
        }));
        let server = MockServer::start().await;
        Mock::given(wiremock::matchers::any())
            .respond_with(SimResponder {
                sim: Arc::clone(&sim),
                store: Arc::clone(&store),
                script: Arc::clone(&script),
            })
            .mount(&server)
            .await;
        SimServer {
            server,
            sim,
            store,
            script,
            clock: super::TestClock::new(),
        }
    }

    /// The server's base URL (`http://127.0.0.1:PORT`).
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// The test clock the connected client waits on.
    pub fn clock(&self) -> &super::TestClock {
        &self.clock
    }

    /// The simulator.
    pub fn sim(&self) -> &dyn Simulator {
        &*self.sim
    }

    /// The configuration the simulator gives for this server, on the test clock.
    pub fn config(&self) -> Config {
        self.sim.config(&self.uri()).with_clock(self.clock.shared())
    }

    /// A client connected to this server, on the test clock.
    ///
    /// # Panics
    /// When the simulator's own config does not connect: a broken test, not a runtime error.
    #[allow(clippy::panic)]
    pub fn connect(&self) -> Arc<dyn UserDirectory> {
        match self.sim.connect(&self.config()) {
            Ok(dir) => dir,
            Err(e) => panic!("the simulator's config does not connect: {e}"),
        }
    }

    /// The ids of the stored records, in order.
    pub fn ids(&self) -> Vec<String> {
        let store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        store
            .records
            .iter()
            .map(|r| self.sim.record_id(r))
            .collect()
    }

    /// A stored record by id.
    pub fn record(&self, id: &str) -> Option<Value> {
        let store = self.store.lock().unwrap_or_else(|p| p.into_inner());
        store
            .records
            .iter()
            .find(|r| self.sim.record_id(r) == id)
            .cloned()
    }

    /// Answers the next list requests with these faults (`None` answers normally).
    pub fn script_list(&self, faults: impl IntoIterator<Item = Option<Fault>>) {
        let mut s = self.script.lock().unwrap_or_else(|p| p.into_inner());
        s.list.extend(faults);
    }

    /// Answers the next update requests with these faults (`None` answers normally).
    pub fn script_updates(&self, faults: impl IntoIterator<Item = Option<Fault>>) {
        let mut s = self.script.lock().unwrap_or_else(|p| p.into_inner());
        s.update.extend(faults);
    }

    /// Answers every list request from the `n`th (1-based) on with `fault`.
    pub fn fail_lists_from(&self, n: usize, fault: Fault) {
        let mut s = self.script.lock().unwrap_or_else(|p| p.into_inner());
        s.all_from = Some((n, fault));
    }

    /// Answers every request with `fault`.
    pub fn fail_everything(&self, fault: Fault) {
        let mut s = self.script.lock().unwrap_or_else(|p| p.into_inner());
        s.always = Some(fault);
    }

    /// Clears all scripted faults.
    pub fn heal(&self) {
        let mut s = self.script.lock().unwrap_or_else(|p| p.into_inner());
        s.list.clear();
        s.update.clear();
        s.all_from = None;
        s.replay = None;
        s.always = None;
    }

    /// Every request received so far (a token endpoint's excepted: it is not the
    /// provider's user API).
    pub async fn requests(&self) -> Vec<SimRequest> {
        self.server
            .received_requests()
            .await
            .unwrap_or_default()
            .into_iter()
            .filter(|r| !r.url.path().ends_with("/__token"))
            .map(|r| {
                let headers = r
                    .headers
                    .iter()
                    .map(|(k, v)| {
                        (
                            k.as_str().to_ascii_lowercase(),
                            v.to_str().unwrap_or("").to_owned(),
                        )
                    })
                    .collect();
                SimRequest::new(r.method.as_str(), &r.url, headers, r.body)
            })
            .collect()
    }

    /// The response this server gives the first page of a listing with `options`: the
    /// listing's first request is sent once (a probe) and answered again from the store.
    pub async fn first_list_response(&self, options: ListUsers) -> SimResponse {
        let dir = self.connect();
        let _ = dir.list_users_page(options).await;
        let request = self.list_requests().await.pop().unwrap_or_else(|| {
            SimRequest::new("GET", &self.uri_url(), BTreeMap::new(), Vec::new())
        });
        answer(&*self.sim, &self.store, &request)
    }

    fn uri_url(&self) -> Url {
        Url::parse(&self.uri())
            .unwrap_or_else(|_| Url::parse("http://127.0.0.1/").expect_loopback())
    }

    /// The list requests received so far.
    pub async fn list_requests(&self) -> Vec<SimRequest> {
        self.requests()
            .await
            .into_iter()
            .filter(|r| self.sim.route(r) == Some(Route::List))
            .collect()
    }
}

trait ExpectLoopback {
    fn expect_loopback(self) -> Url;
}

impl ExpectLoopback for std::result::Result<Url, url::ParseError> {
    #[allow(clippy::panic)]
    fn expect_loopback(self) -> Url {
        match self {
            Ok(url) => url,
            Err(e) => panic!("a loopback URL did not parse: {e}"),
        }
    }
}
