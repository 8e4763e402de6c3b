//! The transport against wiremock: retries, rate limits, writes, auth, secrets, origins.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use http::Method;
use secrecy::SecretString;
use truto_core::provider::http::{
    Auth, ClientLimits, HttpClient, HttpSettings, ProviderHttp, RateLimitHeaders, ResetFormat,
    TokenSource,
};
use truto_core::testing::TestClock;
use truto_core::testing::answer_once_then;
use truto_core::{ErrorKind, Operation};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "sk_live_very_secret";

fn client(server: &MockServer, clock: &TestClock, auth: Auth) -> HttpClient {
    let settings = HttpSettings::new(format!("{}/api/", server.uri()).parse().unwrap(), auth)
        .clock(clock.shared());
    HttpClient::new(ProviderHttp::new("acme"), settings).unwrap()
}

fn get(http: &HttpClient) -> truto_core::provider::http::Request {
    http.request(Method::GET, "users", &[]).unwrap()
}

#[tokio::test]
async fn retries_5xx_then_succeeds_with_backoff() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/users"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/users"))
        .respond_with(ResponseTemplate::new(200).set_body_string("[]"))
        .expect(1)
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let http = client(&server, &clock, Auth::bearer(SECRET));
    let response = http.send(get(&http), Operation::List).await.unwrap();
    assert_eq!(response.status, 200);
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 2);
    assert!(
        sleeps[0] <= Duration::from_millis(500) && sleeps[1] <= Duration::from_secs(1),
        "{sleeps:?}"
    );
}

#[tokio::test]
async fn gives_up_after_max_attempts_with_a_retryable_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500).set_body_string(r#"{"message":"boom"}"#))
        .expect(3)
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let http = client(&server, &clock, Auth::None);
    let err = http.send(get(&http), Operation::List).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Provider);
    assert!(err.is_retryable());
    assert_eq!(err.status(), Some(500));
    assert_eq!(err.message(), Some("boom"));
    assert_eq!(err.provider(), Some("acme"));
    assert!(
        err.to_string().starts_with("acme: list users failed"),
        "{err}"
    );
}

#[tokio::test]
async fn honours_retry_after_and_reports_long_waits_instead_of_sleeping() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let http = client(&server, &clock, Auth::None);
    http.send(get(&http), Operation::List).await.unwrap();
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(3)]);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3600"))
        .expect(1)
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let http = client(&server, &clock, Auth::None);
    let err = http.send(get(&http), Operation::List).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    let wait = err
        .retry_after(truto_core::provider::Clock::now(&clock))
        .unwrap();
    assert!(wait > Duration::from_secs(3500), "{wait:?}");
    assert!(
        clock.sleeps().is_empty(),
        "a one-hour wait must not be slept"
    );
}

#[tokio::test]
async fn never_retries_client_errors() {
    for status in [400u16, 401, 403, 404, 409, 412, 422] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status))
            .expect(1)
            .mount(&server)
            .await;
        let clock = TestClock::new();
        let http = client(&server, &clock, Auth::None);
        let err = http.send(get(&http), Operation::Get).await.unwrap_err();
        assert!(!err.is_retryable(), "{status}");
        assert_eq!(err.status(), Some(status));
    }
}

#[tokio::test]
async fn a_patch_is_not_retried_after_a_500_but_is_after_a_429() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(500))
        .expect(1)
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let http = client(&server, &clock, Auth::None);
    let req = http
        .request(Method::PATCH, "users/{}", &["7"])
        .unwrap()
        .json(&serde_json::json!({"a": 1}))
        .unwrap();
    let err = http.send(req, Operation::Update).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown, "{err}");
    assert!(!err.is_retryable());
    server.verify().await;

    let server = MockServer::start().await;
    answer_once_then(
        &server,
        || Mock::given(method("PATCH")),
        ResponseTemplate::new(429),
        ResponseTemplate::new(200).set_body_string("{}"),
    )
    .await;
    let http = client(&server, &clock, Auth::None);
    let req = http
        .request(Method::PATCH, "users/{}", &["7"])
        .unwrap()
        .json(&serde_json::json!({"a": 1}))
        .unwrap();
    http.send(req, Operation::Update).await.unwrap();

    // Declared idempotent: retried after a 500.
    let server = MockServer::start().await;
    answer_once_then(
        &server,
        || Mock::given(method("PATCH")),
        ResponseTemplate::new(500),
        ResponseTemplate::new(204),
    )
    .await;
    let http = client(&server, &clock, Auth::None);
    let req = http
        .request(Method::PATCH, "users/{}", &["7"])
        .unwrap()
        .json(&serde_json::json!({}))
        .unwrap()
        .idempotent();
    http.send(req, Operation::Update).await.unwrap();
}

#[tokio::test]
async fn remaining_zero_holds_the_next_request_until_reset() {
    let server = MockServer::start().await;
    let clock = TestClock::new();
    let reset = truto_core::provider::Clock::now(&clock).timestamp() + 9;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string("{}")
                .insert_header("x-rate-limit-remaining", "0")
                .insert_header("x-rate-limit-reset", reset.to_string().as_str()),
        )
        .expect(2)
        .mount(&server)
        .await;
    let settings =
        HttpSettings::new(server.uri().parse().unwrap(), Auth::None).clock(clock.shared());
    let provider = ProviderHttp::new("okta-like").rate_limit_headers(RateLimitHeaders::new(
        "x-rate-limit-remaining",
        "x-rate-limit-reset",
        ResetFormat::EpochSeconds,
    ));
    let http = HttpClient::new(provider, settings).unwrap();
    http.send(get(&http), Operation::List).await.unwrap();
    assert!(clock.sleeps().is_empty());
    http.send(get(&http), Operation::List).await.unwrap();
    let slept = clock.total_slept();
    assert!(
        slept >= Duration::from_secs(7) && slept <= Duration::from_secs(10),
        "{slept:?}"
    );
}

#[tokio::test]
async fn client_side_rate_limit_spaces_requests() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let settings = HttpSettings::new(server.uri().parse().unwrap(), Auth::None)
        .clock(clock.shared())
        .limits(ClientLimits::none().requests_per_second(2.0));
    let http = HttpClient::new(ProviderHttp::new("x"), settings).unwrap();
    for _ in 0..5 {
        http.send(get(&http), Operation::List).await.unwrap();
    }
    // Five requests at 2/s take at least two seconds of (virtual) time.
    assert!(
        clock.total_slept() >= Duration::from_millis(1900),
        "{:?}",
        clock.sleeps()
    );
}

#[tokio::test]
async fn auth_headers_are_sent_and_secrets_never_printed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", format!("SSWS {SECRET}").as_str()))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_string(format!(r#"{{"errorSummary":"bad token {SECRET}"}}"#)),
        )
        .expect(1)
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let http = client(&server, &clock, Auth::scheme("SSWS", SECRET));
    let err = http
        .send(get(&http).query("token_hint", SECRET), Operation::List)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthenticated);
    assert!(
        !err.to_string().contains(SECRET) && !format!("{err:?}").contains(SECRET),
        "{err:?}"
    );
    assert!(err.message().unwrap().contains("[REDACTED]"));
    assert!(
        !format!("{http:?}").contains(SECRET),
        "Debug of the client leaks"
    );
    assert!(
        !err.url().unwrap().contains(SECRET),
        "the URL in errors must not carry the query"
    );
    for auth in [
        Auth::bearer(SECRET),
        Auth::basic("me", SECRET),
        Auth::header("X-Api-Key", SECRET).unwrap(),
    ] {
        assert!(!format!("{auth:?}").contains(SECRET));
    }
    let config = truto_core::Config::new()
        .set("token", SECRET)
        .set("base_url", "https://x.test");
    assert!(!format!("{config:?}").contains(SECRET));
}

#[derive(Debug, Default)]
struct Rotating {
    issued: AtomicUsize,
}

#[async_trait]
impl TokenSource for Rotating {
    async fn token(
        &self,
        _http: &truto_core::provider::http::TokenClient,
    ) -> truto_core::Result<SecretString> {
        Ok(SecretString::from(format!(
            "token-{}",
            self.issued.load(Ordering::SeqCst)
        )))
    }
    fn invalidate(&self) {
        self.issued.fetch_add(1, Ordering::SeqCst);
    }
}

#[tokio::test]
async fn a_401_refreshes_a_dynamic_token_once() {
    let server = MockServer::start().await;
    Mock::given(header("authorization", "Bearer token-0"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(header("authorization", "Bearer token-1"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .expect(1)
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let source = Arc::new(Rotating::default());
    let http = client(&server, &clock, Auth::Dynamic(source.clone()));
    http.send(get(&http), Operation::List).await.unwrap();
    assert_eq!(source.issued.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn plain_http_to_a_remote_host_is_refused() {
    let settings = HttpSettings::new(
        "http://api.example.com/".parse().unwrap(),
        Auth::bearer("t"),
    );
    let err = HttpClient::new(ProviderHttp::new("x"), settings).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    let settings = HttpSettings::new(
        "http://api.example.com/".parse().unwrap(),
        Auth::bearer("t"),
    )
    .allow_insecure_http(true);
    assert!(HttpClient::new(ProviderHttp::new("x"), settings).is_ok());
}

#[tokio::test]
async fn next_page_urls_must_stay_on_the_same_origin() {
    let server = MockServer::start().await;
    let clock = TestClock::new();
    let http = client(&server, &clock, Auth::bearer(SECRET));
    assert!(
        http.request_url(
            Method::GET,
            &format!("{}/api/users?page=2", server.uri()),
            "users"
        )
        .is_ok()
    );
    assert!(
        http.request_url(Method::GET, "/api/users?page=3", "users")
            .is_ok()
    );
    let err = http
        .request_url(Method::GET, "https://evil.example/steal", "users")
        .unwrap_err();
    assert!(err.to_string().contains("another origin"), "{err}");
}

#[tokio::test]
async fn malformed_json_names_the_bad_fields_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"users": [{"id": 5}]}"#))
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let http = client(&server, &clock, Auth::None);
    let response = http.send(get(&http), Operation::List).await.unwrap();
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Users {
        users: Vec<U>,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct U {
        id: String,
    }
    let err = response.json::<Users>().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(err.message().unwrap().contains("users[0].id"), "{err}");
}

#[tokio::test]
async fn client_credentials_fetch_cache_and_refresh_after_a_401() {
    use truto_core::provider::http::oauth::ClientCredentials;
    use wiremock::matchers::body_string_contains;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains("client_id=app"))
        .and(body_string_contains("scope=users.read"))
        .respond_with(
            ResponseTemplate::new(200).set_body_string(
                r#"{"access_token":"at-1","token_type":"Bearer","expires_in":3600}"#,
            ),
        )
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer at-1"))
        .respond_with(ResponseTemplate::new(401))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer at-1"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let grant = ClientCredentials::new(
        "acme",
        format!("{}/oauth/token", server.uri()).parse().unwrap(),
        "app",
        SecretString::from(SECRET.to_owned()),
    )
    .param("scope", "users.read")
    .clock(clock.shared());
    let http = client(&server, &clock, Auth::Dynamic(Arc::new(grant)));
    // The first call gets a 401, refreshes the token once, and succeeds; the second reuses it.
    http.send(get(&http), Operation::List).await.unwrap();
    http.send(get(&http), Operation::List).await.unwrap();
    server.verify().await;
}

#[tokio::test]
async fn a_refused_client_secret_is_an_auth_error_without_the_response() {
    use truto_core::provider::http::oauth::ClientCredentials;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_string(format!(
            r#"{{"error":"invalid_client","error_description":"bad secret {SECRET}"}}"#
        )))
        .expect(1)
        .mount(&server)
        .await;
    let grant = ClientCredentials::new(
        "acme",
        format!("{}/t", server.uri()).parse().unwrap(),
        "app",
        SecretString::from(SECRET.to_owned()),
    );
    assert!(!format!("{grant:?}").contains(SECRET));
    let clock = TestClock::new();
    let http = client(&server, &clock, Auth::Dynamic(Arc::new(grant)));
    let err = http.send(get(&http), Operation::List).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthenticated, "{err}");
    assert_eq!(err.code(), Some("invalid_client"));
    assert!(!format!("{err:?}").contains(SECRET) && !err.to_string().contains("bad secret"));
}

#[tokio::test]
async fn a_dry_run_sends_reads_and_records_writes_with_credentials_redacted() {
    use truto_core::provider::http::DryRun;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let log = Arc::new(DryRun::new());
    let settings =
        HttpSettings::new(server.uri().parse().unwrap(), Auth::bearer(SECRET)).dry_run(log.clone());
    let http = HttpClient::new(ProviderHttp::new("acme"), settings).unwrap();
    http.send(get(&http), Operation::Update).await.unwrap();
    let patch = http
        .request(Method::PATCH, "users/{}", &["a b"])
        .unwrap()
        .json(&serde_json::json!({"active": false}))
        .unwrap();
    let err = http.send(patch, Operation::Update).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DryRun);
    let recorded = log.requests();
    assert_eq!(recorded.len(), 1);
    let text = recorded[0].to_string();
    assert!(
        text.starts_with(&format!("PATCH {}/users/a%20b\n", server.uri())),
        "{text}"
    );
    assert!(text.contains("authorization: [REDACTED]"), "{text}");
    assert!(text.contains(r#"{"active":false}"#), "{text}");
    assert!(!text.contains(SECRET));
}

#[tokio::test]
async fn a_text_body_is_sent_as_given_with_its_content_type() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/users/queryMore"))
        .and(header("content-type", "text/plain; charset=utf-8"))
        .and(wiremock::matchers::body_string("EXAMPLE_QUERY_TOKEN"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .expect(1)
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let http = client(&server, &clock, Auth::bearer(SECRET));
    let request = http
        .request(Method::POST, "users/queryMore", &[])
        .unwrap()
        .text("EXAMPLE_QUERY_TOKEN", "text/plain; charset=utf-8")
        .read_only();
    let response = http.send(request, Operation::List).await.unwrap();
    assert_eq!(response.status, 200);
}
