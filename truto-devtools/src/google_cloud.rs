//! # Google Cloud
//!
//! The principals of one Google Cloud project: every user and service account its IAM
//! policy grants a role, through the Resource Manager API, with profiles from the IAM API
//! (service accounts) and the Admin SDK Directory API (people). Hand-written, not a spec:
//! the users are assembled from the policy's bindings (one user per principal, its roles
//! collected across bindings), and a get reads two APIs on three hosts.
//!
//! | | |
//! |---|---|
//! | slug / feature | `google_cloud` |
//! | operations | list (partial), get |
//! | list | `POST https://cloudresourcemanager.googleapis.com/v3/projects/{project}:getIamPolicy` with `{"options": {"requestedPolicyVersion": 3}}`: the whole policy in one response |
//! | get | the same policy (the principal must hold a role in the project), then for `user_type` `service-account` `GET https://iam.googleapis.com/v1/projects/-/serviceAccounts/{email}`, for `user` `GET https://admin.googleapis.com/admin/directory/v1/users/{email}` |
//! | required | `workspace_id` (the project id or number) to list and to get, as a parameter (to list, `.filter(Filter::WorkspaceId, …)` works too); `user_type` (`user` or `service-account`) to get |
//! | base URL | the three Google hosts above; `base_url` replaces all three (tests, proxies) |
//! | auth | `Authorization: Bearer <access_token>`; config key `access_token` (env `TRUTO_GOOGLE_CLOUD_ACCESS_TOKEN`): an OAuth 2.0 access token, e.g. a service account's, or `gcloud auth print-access-token` |
//! | scopes | `https://www.googleapis.com/auth/cloud-platform` (or `cloud-platform.read-only`) for the policy and service accounts; a person's profile also needs `https://www.googleapis.com/auth/admin.directory.user.readonly` and a Workspace or Cloud Identity administrator |
//! | permissions | `resourcemanager.projects.getIamPolicy` on the project (e.g. `roles/iam.securityReviewer`), `iam.serviceAccounts.get` for service accounts |
//! | page size | none (one response) |
//! | filters | `workspace_id` (the project), `user_type` (`user` or `service-account`), `email` (the principal's address, case-insensitive), `role_id` (a role such as `roles/viewer`); applied to the policy after it is read |
//! | rate limits | per-project quotas; `429` `RESOURCE_EXHAUSTED` (and 403 `rateLimitExceeded`) is retried with backoff |
//!
//! ## Why hand-written
//!
//! A project has no list of users: its IAM policy has bindings, each a role and the
//! principals (`members`) it is granted to, and a principal appears in every binding that
//! grants it something. The listing reads the policy, keeps the principals that are users
//! or service accounts, merges each one's bindings (one user, every role), and returns them
//! in the order they first appear. A get reads the policy too (the roles, and whether the
//! principal belongs to the project at all) and then the profile from the API that owns it.
//!
//! ## Credentials
//!
//! Only an access token: this library's service-account grant acts *as a user* (domain-wide
//! delegation, a `subject` is required), which the Resource Manager and IAM APIs do not
//! use. Obtain a token for the service account itself (or a user) elsewhere and pass it as
//! `access_token`; a `401` is returned as `Unauthenticated` (tokens are not renewed here).
//!
//! ## Mapping
//!
//! Listed (from the policy):
//!
//! | IAM policy | unified |
//! |---|---|
//! | member `user:{email}` / `serviceAccount:{email}` | `id` and `emails` (primary): the address as the policy spells it; `user_type` `user` / `service-account` |
//! | `bindings[].role` of every binding naming the member | `roles` (id and name = the role, `workspace` = the project), without duplicates |
//! | the project | `workspaces` (id and name = the project asked for) |
//!
//! `remote_data` of a listed user is built from the policy: `{"member": …, "bindings":
//! [{"role": …, "condition": …}]}` (the bindings that name it, the condition only when the
//! binding has one). A role granted under a condition is listed like any other; its
//! condition is in `remote_data`.
//!
//! Got (the roles and `workspaces` as above, plus the profile; `remote_data` is the listed
//! record with the profile as Google sent it under `profile`):
//!
//! | service account (IAM `ServiceAccount`) | unified |
//! |---|---|
//! | `email` | `emails` (primary) |
//! | `displayName` | `name` |
//! | `description` | `bio` |
//! | `disabled` | `status` `inactive` when true, else `active` |
//! | `uniqueId`, `oauth2ClientId`, `projectId` | `identifiers` |
//!
//! | person (Directory `User`) | unified |
//! |---|---|
//! | `primaryEmail`, then `emails[].address` | `emails` (the primary first) |
//! | `name.givenName`, `name.familyName`, `name.fullName` | `first_name`, `last_name`, `name` |
//! | the primary (else first) `organizations[].title` | `title` |
//! | `isEnrolledIn2Sv` | `is_2fa_enabled` |
//! | `suspended` / `archived` | `status` `inactive` / `archived` (raw), else `active` |
//! | `id`, `customerId`, `orgUnitPath` | `identifiers` |
//! | `thumbnailPhotoUrl` | `avatar` |
//! | `creationTime`, `lastLoginTime` (1970 = never) | `created_at`, `last_login_at` |
//!
//! The unified `id` is always the principal's address as the policy spells it (what the
//! listing returns), so a hydrated user keeps its listed id even when the Directory answers
//! with another primary address for an alias.
//!
//! ## Quirks
//!
//! - Left out of the listing: `group:` and `domain:` members (sets of people, not users),
//!   `allUsers` and `allAuthenticatedUsers`, workforce and workload identity principals
//!   (`principal://…`, `principalSet://…`), Kubernetes service accounts
//!   (`serviceAccount:{project}.svc.id.goog[…]`, no address), and `deleted:` principals
//!   (accounts deleted while still bound; their bindings grant nothing). Roles granted
//!   through a group are therefore not attributed to the group's members.
//! - Only the project's own policy is read: roles inherited from its folders and
//!   organization are not included.
//! - The listing is partial: `hydrate` gets each user, which needs `user_type`. List with the
//!   `user_type` filter to hydrate (the filter is passed on to each get); a listing of both
//!   kinds cannot be hydrated in one go.
//! - A get costs two requests (the policy, then the profile); a principal without a role in
//!   the project is `NotFound` after the first.
//! - Service accounts are read as `projects/-/serviceAccounts/{email}`: a principal may be a
//!   service account of another project, and `-` lets IAM find its project. Google warns
//!   that a missing account then answers `403` instead of `404`.
//! - A person outside the administrator's Workspace or Cloud Identity account (a
//!   `gmail.com` address, another company's) has no Directory profile: the get answers
//!   `NotFound` or `PermissionDenied`.
//! - `getIamPolicy` answers `403` both when access is denied and when the project does not
//!   exist ("Permission is denied if the policy or the resource do not exist").
//! - Policy and profile requests are sent as reads: the `POST` of `getIamPolicy` changes
//!   nothing, so it is retried like a `GET` and passes a dry run.
//! - Errors are Google's `{"error": {"code", "message", "status", "errors": [{"reason"}]}}`.
//!
//! ## Sources
//!
//! - <https://cloud.google.com/resource-manager/reference/rest/v3/projects/getIamPolicy>
//!   (`POST https://cloudresourcemanager.googleapis.com/v3/{resource=projects/*}:getIamPolicy`,
//!   a project id or number, the 403 for a missing project)
//! - <https://cloud.google.com/iam/docs/reference/rest/v1/Policy> and the shared `Binding` and
//!   `GetIamPolicyRequest` types (`bindings[].role`, `members[]` and their forms,
//!   `condition`, `requestedPolicyVersion` 3 for conditional bindings)
//! - <https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts/get> and
//!   <https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts>
//!   (`GET https://iam.googleapis.com/v1/{name=projects/*/serviceAccounts/*}`, the `-`
//!   wildcard and its 403, the `ServiceAccount` fields, the scopes)
//! - <https://developers.google.com/admin-sdk/directory/reference/rest/v1/users/get> and
//!   the `User` resource, as Google's generated clients describe it (`googleapis` for Dart,
//!   `google_api_admin` for Elixir, `google-api-python-client`'s `admin_directory_v1.users`)
//!
//! ## Not confirmed
//!
//! - That the reference's get for people reads the Directory API: inferred from the fields
//!   it lists (first and last name, title, two-step verification), which only the
//!   Directory has.
//! - Whether the reference lists `deleted:` principals or group members; neither is listed
//!   here.
//! - Quota numbers of the three APIs.
//! - Whether a Directory read of an address outside the account answers 404 or 403.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, Filter, ListUsers, UserDirectoryExt};
//! // TRUTO_GOOGLE_CLOUD_ACCESS_TOKEN=$(gcloud auth print-access-token)
//! let dir = truto_devtools::google_cloud::connect(&Config::from_env("google_cloud"))?;
//! let listing = ListUsers::new()
//!     .param("workspace_id", "my-project")
//!     .filter(Filter::UserType, "service-account");
//! let mut users = dir.list_users(listing);
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?}", user.id, user.roles);
//! }
//! # Ok(()) }
//! ```

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use http::header::HeaderMap;
use http::{Method, StatusCode};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use truto_core::provider::decode::{non_empty, parse_datetime};
use truto_core::provider::http::{ErrorDetails, HttpClient, ProviderHttp, generic_error_details};
use truto_core::provider::{Connection, Credential, FilterRule, Page, PageRequest, Position};
use truto_core::{
    Config, ConfigKey, Email, Error, ErrorKind, Family, Filter, GetUser, Integration, ListUsers,
    Operation, PaginationStyle, Reference, RemoteData, Result, Role, User, UserDirectory,
    UserStatus, Workspace,
};
use url::Url;

/// What the Google Cloud integration declares.
pub static INTEGRATION: Integration =
    Integration::new("google_cloud", "Google Cloud", Family::Devtools)
        .note("the users and service accounts of one project's IAM policy; `access_token` (cloud-platform); `workspace_id` = the project; a get needs `user_type`")
        .list(PaginationStyle::Single)
        .partial_list()
        .get()
        .filters(&[
            FilterRule::native(Filter::WorkspaceId),
            FilterRule::native(Filter::UserType),
            FilterRule::native(Filter::Email),
            FilterRule::native(Filter::RoleId),
        ])
        .email_filter(Filter::Email)
        .required_list(&[WORKSPACE_ID])
        .required_get(&[WORKSPACE_ID, USER_TYPE])
        .credentials(&[Credential::bearer("access_token")])
        .base_url(RESOURCE_MANAGER)
        .config(&[ConfigKey::secret(
            "access_token",
            "an OAuth 2.0 access token with cloud-platform (and admin.directory.user.readonly to get people)",
        )]);

/// The project parameter.
const WORKSPACE_ID: &str = "workspace_id";
/// The kind of principal a get reads.
const USER_TYPE: &str = "user_type";
const RESOURCE_MANAGER: &str = "https://cloudresourcemanager.googleapis.com";
const IAM: &str = "https://iam.googleapis.com";
const DIRECTORY: &str = "https://admin.googleapis.com";

/// The two kinds of principal listed, with their member prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    User,
    ServiceAccount,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::User => "user",
            Kind::ServiceAccount => "serviceAccount",
        }
    }

    fn user_type(self) -> &'static str {
        match self {
            Kind::User => "user",
            Kind::ServiceAccount => "service-account",
        }
    }

    /// `user` or `service-account` (anything else is refused before sending).
    fn from_user_type(value: &str) -> Result<Kind> {
        match value.trim() {
            "user" => Ok(Kind::User),
            "service-account" => Ok(Kind::ServiceAccount),
            other => Err(Error::invalid_input(format!(
                "Google Cloud's `user_type` is `user` or `service-account`, not `{other}`"
            ))),
        }
    }

    /// The kind and address of a policy member, for the members listed.
    fn of_member(member: &str) -> Option<(Kind, &str)> {
        let (prefix, email) = member.split_once(':')?;
        let kind = match prefix {
            "user" => Kind::User,
            "serviceAccount" => Kind::ServiceAccount,
            _ => return None,
        };
        // `serviceAccount:{project}.svc.id.goog[{namespace}/{name}]` is a Kubernetes
        // service account, not an address.
        let email = email.trim();
        (email.contains('@') && !email.contains('[')).then_some((kind, email))
    }
}

/// A connected Google Cloud directory.
pub struct GoogleCloud {
    resource_manager: HttpClient,
    iam: HttpClient,
    directory: HttpClient,
}

impl fmt::Debug for GoogleCloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GoogleCloud")
            .field("resource_manager", &self.resource_manager)
            .field("iam", &self.iam)
            .field("directory", &self.directory)
            .finish()
    }
}

/// Connects to Google Cloud with `config` (the registry's constructor).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(GoogleCloud::connect(config)?))
}

impl GoogleCloud {
    /// Connects with `config`: `access_token`, and optionally `base_url` (all three hosts).
    pub fn connect(config: &Config) -> Result<Self> {
        let connection = Connection::open(&INTEGRATION, config)?;
        let provider = ProviderHttp::new(INTEGRATION.slug).error_parser(google_error);
        let resource_manager = connection.http(provider.clone())?;
        let on = |host: &str| -> Result<HttpClient> {
            let mut settings = connection.settings().clone();
            if config.get("base_url").is_none() {
                settings.base_url = Url::parse(host).map_err(|_| {
                    Error::config(format!("`{host}` is not a URL")).with_provider(INTEGRATION.slug)
                })?;
            }
            HttpClient::new(provider.clone(), settings)
        };
        Ok(GoogleCloud {
            iam: on(IAM)?,
            directory: on(DIRECTORY)?,
            resource_manager,
        })
    }

    /// The project's policy, as principals in the order they first appear.
    async fn principals(
        &self,
        project: &str,
        remote_query: &std::collections::BTreeMap<String, String>,
        op: Operation,
    ) -> Result<Vec<Principal>> {
        let segments = [
            "v3".to_owned(),
            "projects".to_owned(),
            format!("{project}:getIamPolicy"),
        ];
        let request = self
            .resource_manager
            .request_segments(
                Method::POST,
                "v3/projects/{project}:getIamPolicy",
                &segments,
                false,
            )?
            .remote_query(remote_query)
            .json(&json!({"options": {"requestedPolicyVersion": 3}}))?
            // Reading a policy changes nothing.
            .read_only();
        let response = self.resource_manager.send(request, op).await?;
        let policy: WirePolicy = response.json()?;
        Ok(group_bindings(policy.bindings.unwrap_or_default()))
    }

    async fn profile(&self, kind: Kind, email: &str, options: &GetUser) -> Result<Value> {
        let request = match kind {
            Kind::ServiceAccount => {
                self.iam
                    .request(Method::GET, "v1/projects/-/serviceAccounts/{}", &[email])?
            }
            Kind::User => {
                self.directory
                    .request(Method::GET, "admin/directory/v1/users/{}", &[email])?
            }
        }
        .remote_query(&options.common().remote_query);
        let client = match kind {
            Kind::ServiceAccount => &self.iam,
            Kind::User => &self.directory,
        };
        client.send(request, Operation::Get).await?.json()
    }
}

/// One principal of a policy: its member text, kind, address and bindings.
#[derive(Debug)]
struct Principal {
    member: String,
    kind: Kind,
    email: String,
    /// `{"role", "condition"?}` of each binding that names the member.
    bindings: Vec<Value>,
}

impl Principal {
    /// The record a listed user's `remote_data` holds.
    fn record(&self) -> Value {
        json!({"member": self.member, "bindings": self.bindings})
    }

    fn roles(&self) -> impl Iterator<Item = &str> {
        self.bindings
            .iter()
            .filter_map(|b| b.get("role").and_then(Value::as_str))
    }
}

/// Merges the bindings into one principal per user or service account, first-seen order;
/// members are compared case-insensitively (addresses are).
fn group_bindings(bindings: Vec<WireBinding>) -> Vec<Principal> {
    let mut principals: Vec<Principal> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for binding in bindings {
        let Some(role) = non_empty(binding.role) else {
            continue;
        };
        let mut entry = Map::new();
        entry.insert("role".into(), Value::String(role));
        if let Some(condition) = binding.condition.filter(|c| !c.is_null()) {
            entry.insert("condition".into(), condition);
        }
        let entry = Value::Object(entry);
        for member in binding.members.unwrap_or_default() {
            let Some((kind, email)) = Kind::of_member(&member) else {
                continue;
            };
            let key = format!("{}:{}", kind.prefix(), email.to_ascii_lowercase());
            let i = *index.entry(key).or_insert_with(|| {
                principals.push(Principal {
                    member: member.clone(),
                    kind,
                    email: email.to_owned(),
                    bindings: Vec::new(),
                });
                principals.len() - 1
            });
            if let Some(principal) = principals.get_mut(i)
                && !principal.bindings.contains(&entry)
            {
                principal.bindings.push(entry.clone());
            }
        }
    }
    principals
}

fn project_reference(project: &str) -> Reference {
    Reference::new(Some(project.to_owned()), Some(project.to_owned()))
}

/// The user a principal is, before any profile.
fn listed_user(principal: &Principal, project: &str) -> User {
    let mut user = User::new(principal.email.clone());
    user.emails = vec![Email::new(principal.email.clone()).primary(true)];
    user.user_type = Some(principal.kind.user_type().to_owned());
    for role in principal.roles() {
        if user.roles.iter().any(|r| r.id.as_deref() == Some(role)) {
            continue;
        }
        let mut unified = Role::new(Some(role.to_owned()), Some(role.to_owned()));
        unified.workspace = Some(project_reference(project));
        user.roles.push(unified);
    }
    user.workspaces = vec![Workspace::new(
        Some(project.to_owned()),
        Some(project.to_owned()),
    )];
    user
}

/// A parameter or filter's value, trimmed; an empty one is refused.
fn given<'a>(value: Option<&'a str>, name: &str) -> Result<Option<&'a str>> {
    match value.map(str::trim) {
        None => Ok(None),
        Some("") => Err(Error::invalid_input(format!("`{name}` needs a value"))),
        Some(v) => Ok(Some(v)),
    }
}

fn required<'a>(value: Option<&'a str>, name: &str, op: Operation) -> Result<&'a str> {
    given(value, name)?.ok_or_else(|| Error::missing_parameter(name, op))
}

#[derive(Debug, Deserialize)]
struct WirePolicy {
    #[serde(default)]
    bindings: Option<Vec<WireBinding>>,
}

#[derive(Debug, Deserialize)]
struct WireBinding {
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    members: Option<Vec<String>>,
    #[serde(default)]
    condition: Option<Value>,
}

/// IAM `ServiceAccount`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct WireServiceAccount {
    email: Option<String>,
    display_name: Option<String>,
    description: Option<String>,
    disabled: Option<bool>,
    unique_id: Option<String>,
    oauth2_client_id: Option<String>,
    project_id: Option<String>,
}

/// Directory `User`, as far as it maps.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct WireDirectoryUser {
    id: Option<String>,
    primary_email: Option<String>,
    name: Option<WireName>,
    emails: Option<Vec<WireEmail>>,
    organizations: Option<Vec<WireOrganization>>,
    is_enrolled_in2_sv: Option<bool>,
    suspended: Option<bool>,
    archived: Option<bool>,
    customer_id: Option<String>,
    org_unit_path: Option<String>,
    thumbnail_photo_url: Option<String>,
    creation_time: Option<String>,
    last_login_time: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct WireName {
    given_name: Option<String>,
    family_name: Option<String>,
    full_name: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireEmail {
    address: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireOrganization {
    title: Option<String>,
    primary: Option<bool>,
}

fn decode<T: serde::de::DeserializeOwned>(value: &Value, what: &str) -> Result<T> {
    serde_json::from_value(value.clone()).map_err(|e| {
        Error::decode(format!("Google answered with an unexpected {what}: {e}"))
            .with_provider(INTEGRATION.slug)
    })
}

fn add_profile_of_service_account(user: &mut User, profile: &Value) -> Result<()> {
    let account: WireServiceAccount = decode(profile, "service account")?;
    if let Some(email) = non_empty(account.email)
        && !user
            .emails
            .iter()
            .any(|e| e.email.eq_ignore_ascii_case(&email))
    {
        user.emails.push(Email::new(email));
    }
    user.name = non_empty(account.display_name);
    user.bio = non_empty(account.description);
    user.status = Some(if account.disabled == Some(true) {
        UserStatus::Inactive
    } else {
        UserStatus::Active
    });
    let mut identifiers = Map::new();
    for (key, value) in [
        ("uniqueId", account.unique_id),
        ("oauth2ClientId", account.oauth2_client_id),
        ("projectId", account.project_id),
    ] {
        if let Some(value) = non_empty(value) {
            identifiers.insert(key.into(), Value::String(value));
        }
    }
    user.identifiers = (!identifiers.is_empty()).then_some(identifiers);
    Ok(())
}

fn add_profile_of_person(user: &mut User, profile: &Value) -> Result<()> {
    let person: WireDirectoryUser = decode(profile, "Directory user")?;
    // The primary address first, then the others; the policy's address stays where it is.
    let mut emails = Vec::new();
    if let Some(primary) = non_empty(person.primary_email) {
        emails.push(Email::new(primary).primary(true));
    }
    for address in person
        .emails
        .unwrap_or_default()
        .into_iter()
        .filter_map(|e| non_empty(e.address))
    {
        if !emails
            .iter()
            .any(|e: &Email| e.email.eq_ignore_ascii_case(&address))
        {
            emails.push(Email::new(address));
        }
    }
    if !emails.is_empty() {
        let listed = std::mem::take(&mut user.emails);
        user.emails = emails;
        for email in listed {
            if !user
                .emails
                .iter()
                .any(|e| e.email.eq_ignore_ascii_case(&email.email))
            {
                user.emails.push(Email::new(email.email));
            }
        }
    }
    let name = person.name.unwrap_or_default();
    user.first_name = non_empty(name.given_name);
    user.last_name = non_empty(name.family_name);
    user.name = non_empty(name.full_name);
    let organizations = person.organizations.unwrap_or_default();
    user.title = organizations
        .iter()
        .find(|o| o.primary == Some(true))
        .or_else(|| organizations.first())
        .and_then(|o| non_empty(o.title.clone()));
    user.is_2fa_enabled = person.is_enrolled_in2_sv;
    user.status = Some(if person.suspended == Some(true) {
        UserStatus::Inactive
    } else if person.archived == Some(true) {
        UserStatus::Other("archived".to_owned())
    } else {
        UserStatus::Active
    });
    let mut identifiers = Map::new();
    for (key, value) in [
        ("id", person.id),
        ("customerId", person.customer_id),
        ("orgUnitPath", person.org_unit_path),
    ] {
        if let Some(value) = non_empty(value) {
            identifiers.insert(key.into(), Value::String(value));
        }
    }
    user.identifiers = (!identifiers.is_empty()).then_some(identifiers);
    user.avatar = non_empty(person.thumbnail_photo_url);
    user.created_at = person.creation_time.as_deref().and_then(parse_datetime);
    // The Directory writes 1970-01-01 for a user who never signed in.
    user.last_login_at = person
        .last_login_time
        .as_deref()
        .and_then(parse_datetime)
        .filter(|t| t.timestamp() > 0);
    Ok(())
}

#[derive(Debug, Deserialize)]
struct WireErrorBody {
    error: WireError,
}

#[derive(Debug, Deserialize)]
struct WireError {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    errors: Vec<WireErrorItem>,
}

#[derive(Debug, Deserialize)]
struct WireErrorItem {
    #[serde(default)]
    reason: Option<String>,
}

/// Reads Google's `{"error": {"code", "message", "status", "errors": [{"reason"}]}}`,
/// flagging `RESOURCE_EXHAUSTED` and the per-user rate limits as throttling.
fn google_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
    let Ok(WireErrorBody { error }) = serde_json::from_slice::<WireErrorBody>(body) else {
        return generic_error_details(status, headers, body);
    };
    let reason = error.errors.first().and_then(|e| e.reason.clone());
    let mut details = ErrorDetails::default();
    details.throttled = error.status.as_deref() == Some("RESOURCE_EXHAUSTED")
        || matches!(
            reason.as_deref(),
            Some("rateLimitExceeded" | "userRateLimitExceeded")
        );
    details.quota_exhausted = reason.as_deref() == Some("dailyLimitExceeded");
    details.code = non_empty(error.status).or(reason);
    details.message = non_empty(error.message);
    if details.message.is_none() {
        return generic_error_details(status, headers, body);
    }
    details
}

#[async_trait]
impl UserDirectory for GoogleCloud {
    fn integration(&self) -> &Integration {
        &INTEGRATION
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        if !matches!(request.position, Position::Start) {
            return Err(Error::cannot_resume(
                "a Google Cloud listing, which is one response,",
                request.position,
            ));
        }
        let options: &ListUsers = request.options;
        let project = required(options.lookup(WORKSPACE_ID), WORKSPACE_ID, Operation::List)?;
        let kind = given(options.filter_value(Filter::UserType), "user_type")?
            .map(Kind::from_user_type)
            .transpose()?;
        let email = given(options.filter_value(Filter::Email), "email")?;
        let role = given(options.filter_value(Filter::RoleId), "role_id")?;
        let principals = self
            .principals(project, &options.common().remote_query, Operation::List)
            .await?;
        let users = principals
            .iter()
            .filter(|p| kind.is_none_or(|k| p.kind == k))
            .filter(|p| email.is_none_or(|e| p.email.eq_ignore_ascii_case(e)))
            .filter(|p| role.is_none_or(|r| p.roles().any(|x| x == r)))
            .map(|p| {
                let mut user = listed_user(p, project);
                user.remote_data = Some(RemoteData::from_value(&p.record()));
                user
            })
            .collect();
        Ok(Page::new(users, None))
    }

    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        let project = required(
            options.get_param(WORKSPACE_ID),
            WORKSPACE_ID,
            Operation::Get,
        )?;
        let kind = Kind::from_user_type(required(
            options.get_param(USER_TYPE),
            USER_TYPE,
            Operation::Get,
        )?)?;
        let email = id.trim();
        if email.is_empty() {
            return Err(Error::invalid_input("a Google Cloud user id is an address"));
        }
        let principals = self
            .principals(project, &options.common().remote_query, Operation::Get)
            .await?;
        let Some(principal) = principals
            .iter()
            .find(|p| p.kind == kind && p.email.eq_ignore_ascii_case(email))
        else {
            return Err(Error::new(
                ErrorKind::NotFound,
                format!(
                    "`{email}` holds no role in project `{project}` as a {}",
                    kind.user_type()
                ),
            )
            .with_provider(INTEGRATION.slug)
            .with_operation(Operation::Get));
        };
        let profile = self.profile(kind, &principal.email, options).await?;
        let mut user = listed_user(principal, project);
        match kind {
            Kind::ServiceAccount => add_profile_of_service_account(&mut user, &profile)?,
            Kind::User => add_profile_of_person(&mut user, &profile)?,
        }
        let mut record = principal.record();
        record["profile"] = profile;
        user.remote_data = Some(RemoteData::from_value(&record));
        Ok(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn binding(role: &str, members: &[&str], condition: Option<Value>) -> WireBinding {
        WireBinding {
            role: Some(role.to_owned()),
            members: Some(members.iter().map(|m| (*m).to_owned()).collect()),
            condition,
        }
    }

    #[test]
    fn principals_are_merged_across_bindings() {
        let principals = group_bindings(vec![
            binding(
                "roles/owner",
                &[
                    "user:Ada@example.com",
                    "group:admins@example.com",
                    "domain:example.com",
                ],
                None,
            ),
            binding(
                "roles/viewer",
                &[
                    "serviceAccount:app@p.iam.gserviceaccount.com",
                    "user:ada@example.com",
                    "user:ada@example.com",
                    "allUsers",
                    "deleted:user:gone@example.com?uid=123",
                    "serviceAccount:p.svc.id.goog[ns/ksa]",
                    "principal://iam.googleapis.com/locations/global/workforcePools/x/subject/y",
                ],
                Some(json!({"title": "t", "expression": "true"})),
            ),
        ]);
        let seen: Vec<(&str, Kind, usize)> = principals
            .iter()
            .map(|p| (p.email.as_str(), p.kind, p.bindings.len()))
            .collect();
        assert_eq!(
            seen,
            [
                ("Ada@example.com", Kind::User, 2),
                ("app@p.iam.gserviceaccount.com", Kind::ServiceAccount, 1),
            ]
        );
        assert_eq!(
            principals[0].record(),
            json!({"member": "user:Ada@example.com", "bindings": [
                {"role": "roles/owner"},
                {"role": "roles/viewer", "condition": {"title": "t", "expression": "true"}}
            ]})
        );
    }

    #[test]
    fn user_types_are_checked() {
        assert_eq!(Kind::from_user_type("user").unwrap(), Kind::User);
        assert_eq!(
            Kind::from_user_type(" service-account ").unwrap(),
            Kind::ServiceAccount
        );
        let err = Kind::from_user_type("serviceAccount").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
    }

    #[test]
    fn google_errors_are_read() {
        let d = google_error(
            StatusCode::TOO_MANY_REQUESTS,
            &HeaderMap::new(),
            br#"{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}}"#,
        );
        assert!(d.throttled);
        assert_eq!(d.code.as_deref(), Some("RESOURCE_EXHAUSTED"));
        let d = google_error(
            StatusCode::FORBIDDEN,
            &HeaderMap::new(),
            br#"{"error":{"code":403,"message":"Rate Limit Exceeded","errors":[{"reason":"userRateLimitExceeded"}]}}"#,
        );
        assert!(d.throttled);
        let d = google_error(
            StatusCode::FORBIDDEN,
            &HeaderMap::new(),
            br#"{"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}}"#,
        );
        assert!(!d.throttled);
        assert_eq!(
            d.message.as_deref(),
            Some("The caller does not have permission")
        );
        let d = google_error(
            StatusCode::BAD_GATEWAY,
            &HeaderMap::new(),
            b"<html>502</html>",
        );
        assert_eq!(d.message.as_deref(), Some("<html>502</html>"));
    }
}
