//! What Zoho CRM and Zoho Bigin share. Bigin runs on the CRM's platform: both document
//! the same accounts-server OAuth (a `Zoho-oauthtoken` access token, or a refresh token
//! exchanged at `accounts.zoho.{dc}`), the same user record under `users[]` and the same
//! error body. Each integration's own module docs name the sources for its API.

use truto_core::provider::Credential;
use truto_core::provider::Status;
use truto_core::provider::declarative::Errors;
use truto_core::provider::declarative::rules::*;

/// An access token as is, or a refresh token exchanged for one; both sent after the
/// `Zoho-oauthtoken` scheme word.
pub(crate) const CREDENTIALS: &[Credential] = &[
    Credential::custom("Zoho-oauthtoken", "access_token"),
    Credential::refresh_token(
        "refresh_token",
        "client_id",
        "client_secret",
        "https://accounts.zoho.{dc}/oauth/v2/token",
    )
    .token_scheme("Zoho-oauthtoken"),
];

/// The user record of `GET …/users` and `GET …/users/{id}`.
pub(crate) const USER: &[Rule] = &[
    id("id"),
    identifier("zuid", "zuid"),
    text(Text::FirstName, "first_name"),
    text(Text::LastName, "last_name"),
    text(Text::Name, "full_name"),
    name_from_parts(),
    email("email"),
    phone("phone").kind("phone"),
    phone("mobile").kind("mobile"),
    status("status", &[("active", Status::Active)]),
    reference(Refs::Roles).id("role.id").name("role.name"),
    reference(Refs::Roles).id("profile.id").name("profile.name"),
    text(Text::Timezone, "time_zone"),
    languages("language"),
    languages("locale"),
    text(Text::Avatar, "image_link"),
    time(Time::CreatedAt, "created_time", TimeFormat::Auto),
    time(Time::UpdatedAt, "Modified_Time", TimeFormat::Auto),
];

/// `{"code": …, "message": …}`; `LIMIT_REACHED` is the API credit quota.
pub(crate) const ERRORS: Errors = Errors::GENERIC
    .message(&["message"])
    .code(&["code"])
    .quota(&["LIMIT_REACHED"]);
