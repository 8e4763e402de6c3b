//! The wiremock set-up retry tests share: one answer once, then another (a refusal, then
//! the real response).

use wiremock::{MockBuilder, MockServer, ResponseTemplate};

/// Mounts two mocks on the same matchers: `first` answers exactly one request, then
/// `then` answers exactly one more. Both counts are verified when the server drops, so a
/// test proves the client retried once, and only once.
///
/// `given` builds the matchers; it is called twice because a `MockBuilder` is consumed
/// by mounting.
///
/// ```ignore
/// answer_once_then(
///     &server,
///     || Mock::given(method("GET")).and(path("/api/v1/users")),
///     ResponseTemplate::new(503),
///     ResponseTemplate::new(200).set_body_json(users),
/// )
/// .await;
/// ```
pub async fn answer_once_then(
    server: &MockServer,
    given: impl Fn() -> MockBuilder,
    first: ResponseTemplate,
    then: ResponseTemplate,
) {
    given()
        .respond_with(first)
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(server)
        .await;
    given()
        .respond_with(then)
        .with_priority(2)
        .expect(1)
        .mount(server)
        .await;
}
