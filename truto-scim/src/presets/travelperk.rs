//! # TravelPerk
//!
//! TravelPerk (now Perk) manages its users through its SCIM API; this preset lists them.
//!
//! | | |
//! |---|---|
//! | slug / feature | `travelperk` |
//! | operations | list |
//! | base URL | `https://app.travelperk.com/api/v2/scim` |
//! | auth | `Authorization: ApiKey <key>`; config key `token` (env `TRUTO_TRAVELPERK_TOKEN`) |
//! | extra header | `Api-Version: 1` |
//! | page size | at most 50 (`count`) |
//! | filters | none declared (`find_by_email` lists and matches locally) |
//!
//! The key is a TravelPerk API key, sent with the `ApiKey` scheme; every request also
//! carries `Api-Version: 1`.
//!
//! Quirks: user ids are numeric strings (e.g. `"29"`). TravelPerk extends the user with
//! `urn:ietf:params:scim:schemas:extension:travelperk:2.0:User`, which stays in
//! `remote_data`. `meta.location` may use `http://`; the client never follows it.
//!
//! Unconfirmed: the base URL, the `ApiKey` scheme and the `Api-Version` header come from a
//! public SDK, not TravelPerk's reference. A third party documents `/api/scim/v2` instead,
//! and since the rebrand `https://app.perk.com/api/v2/scim` is also seen; set `base_url`
//! to use either. Whether the SCIM API accepts OAuth Bearer tokens (as TravelPerk's REST
//! API does) is unknown. The page size of 50 is the `filter.maxResults` of Perk's service
//! provider config, as reported by a third party. Filters, rate limits (429s are
//! returned, numbers are not published) and updates (`PUT` exists; `PATCH` is reported)
//! are not declared; the reference integration covers listing only.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let dir = truto_scim::presets::travelperk::connect(&Config::from_env("travelperk"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     println!("{}", user?.id);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::ConfigKey;
use truto_core::provider::Credential;
use truto_core::{Config, Result, UserDirectory};

use crate::client::{HeaderValueFrom, Preset, Quirks, ScimDirectory};

/// The TravelPerk preset.
pub static PRESET: Preset = Preset::new(
    super::scim_list_only("travelperk", "TravelPerk")
        .note("`Authorization: ApiKey`, `Api-Version: 1`")
        .base_url("https://app.travelperk.com/api/v2/scim")
        .credentials(&[Credential::custom("ApiKey", "token")])
        .config(&[ConfigKey::secret("token", "TravelPerk API key")])
        .page_size(50, 50),
    Quirks::STANDARD.headers(&[("Api-Version", HeaderValueFrom::Static("1"))]),
);

/// Connects to TravelPerk's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
