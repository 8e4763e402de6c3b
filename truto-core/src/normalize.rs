//! Response options applied to every user after mapping, and the `normalized` format.
//!
//! The normalized form is the unified user made canonical, so users of different
//! providers compare equal when they describe the same person:
//!
//! - every text field is trimmed, and an empty text is absent;
//! - email addresses are trimmed and lower-cased, duplicates removed, the primary one first,
//!   and exactly one is marked primary (the first, when the provider marked none);
//! - `name` is filled from `first_name` and `last_name` when the provider gave none;
//! - a status whose text is a unified status in another case (`Active`, `SUSPENDED` is not)
//!   becomes that status; other raw values stay as they are;
//! - `languages` are trimmed and de-duplicated; roles, groups, organizations, workspaces and
//!   licenses are de-duplicated by id (or name when there is no id), keeping their order.

use crate::query::{CommonOptions, ResponseFormat};
use crate::user::{User, UserStatus};

/// Applies the response format, excluded fields and `ignore_remote_data` to a mapped user.
pub(crate) fn apply_options(mut user: User, options: &CommonOptions) -> User {
    apply_options_in_place(&mut user, options);
    user
}

/// [`apply_options`] to each user of a page where it lies: a `User` is some 600 bytes,
/// which a `map(..).collect()` would move twice.
pub(crate) fn apply_options_to_page(users: &mut [User], options: &CommonOptions) {
    for user in users {
        apply_options_in_place(user, options);
    }
}

fn apply_options_in_place(user: &mut User, options: &CommonOptions) {
    match options.response_format {
        ResponseFormat::Raw => {
            let mut raw = User::new(std::mem::take(&mut user.id));
            raw.remote_data = user.remote_data.take();
            *user = raw;
            return;
        }
        ResponseFormat::Normalized => normalize(user),
        ResponseFormat::Unified | ResponseFormat::Stream => {}
    }
    for field in &options.exclude_fields {
        field.clear(user);
    }
    if options.ignore_remote_data {
        user.remote_data = None;
    }
}

/// Puts a user in the canonical form described in the module docs.
pub fn normalize(user: &mut User) {
    for text in [
        &mut user.external_id,
        &mut user.first_name,
        &mut user.last_name,
        &mut user.name,
        &mut user.title,
        &mut user.username,
        &mut user.user_type,
        &mut user.avatar,
        &mut user.timezone,
        &mut user.bio,
    ] {
        tidy(text);
    }
    if user.name.is_none() {
        let parts: Vec<&str> = [user.first_name.as_deref(), user.last_name.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !parts.is_empty() {
            user.name = Some(parts.join(" "));
        }
    }

    let mut emails = std::mem::take(&mut user.emails);
    for e in &mut emails {
        e.email = e.email.trim().to_lowercase();
    }
    emails.retain(|e| !e.email.is_empty());
    // Primary first, then the provider's order; stable sort keeps the rest in place.
    emails.sort_by_key(|e| e.is_primary != Some(true));
    let mut seen = std::collections::HashSet::new();
    emails.retain(|e| seen.insert(e.email.clone()));
    for (i, e) in emails.iter_mut().enumerate() {
        e.is_primary = Some(i == 0);
    }
    user.emails = emails;

    for p in &mut user.phones {
        p.number = p.number.trim().to_owned();
    }
    user.phones.retain(|p| !p.number.is_empty());

    if let Some(UserStatus::Other(raw)) = &user.status {
        let canonical = UserStatus::from_unified(&raw.trim().to_ascii_lowercase());
        if !matches!(canonical, UserStatus::Other(_)) {
            user.status = Some(canonical);
        }
    }

    for l in &mut user.languages {
        *l = l.trim().to_owned();
    }
    user.languages.retain(|l| !l.is_empty());
    dedup_by_key(&mut user.languages, |l| Some(l.clone()));
    dedup_by_key(&mut user.roles, |r| r.id.clone().or_else(|| r.name.clone()));
    dedup_by_key(&mut user.groups, |g| {
        g.id.clone().or_else(|| g.name.clone())
    });
    dedup_by_key(&mut user.organizations, |o| {
        o.id.clone().or_else(|| o.name.clone())
    });
    dedup_by_key(&mut user.workspaces, |w| {
        w.id.clone().or_else(|| w.name.clone())
    });
    dedup_by_key(&mut user.licenses, |l| {
        l.id.clone().or_else(|| l.name.clone())
    });
}

fn tidy(text: &mut Option<String>) {
    if let Some(t) = text {
        let trimmed = t.trim();
        if trimmed.is_empty() {
            *text = None;
        } else if trimmed.len() != t.len() {
            *t = trimmed.to_owned();
        }
    }
}

fn dedup_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> Option<String>) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|item| match key(item) {
        Some(k) => seen.insert(k),
        None => true,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::user::{Email, Group, UserField};

    #[test]
    fn normalizes_emails_names_and_status() {
        let mut user = User::new("1");
        user.first_name = Some(" Ada ".into());
        user.last_name = Some("Lovelace".into());
        user.title = Some("   ".into());
        user.emails = vec![
            Email::new("ADA@Example.com "),
            Email::new("ada@work.example").primary(true),
            Email::new("ada@example.com"),
        ];
        user.status = Some(UserStatus::Other("Active".into()));
        user.groups = vec![
            Group::new(Some("g1".into()), None),
            Group::new(Some("g1".into()), Some("dup".into())),
        ];
        normalize(&mut user);
        assert_eq!(user.name.as_deref(), Some("Ada Lovelace"));
        assert_eq!(user.first_name.as_deref(), Some("Ada"));
        assert_eq!(user.title, None);
        let emails: Vec<_> = user
            .emails
            .iter()
            .map(|e| (e.email.as_str(), e.is_primary))
            .collect();
        assert_eq!(
            emails,
            vec![
                ("ada@work.example", Some(true)),
                ("ada@example.com", Some(false))
            ]
        );
        assert_eq!(user.status, Some(UserStatus::Active));
        assert_eq!(user.groups.len(), 1);
    }

    #[test]
    fn unknown_status_stays_raw() {
        let mut user = User::new("1");
        user.status = Some(UserStatus::Other("SUSPENDED".into()));
        normalize(&mut user);
        assert_eq!(user.status, Some(UserStatus::Other("SUSPENDED".into())));
    }

    #[test]
    fn raw_format_keeps_only_id_and_remote_data() {
        let mut user = User::new("7");
        user.name = Some("x".into());
        user.remote_data = Some(serde_json::json!({"id": "7", "n": "x"}).into());
        let options = CommonOptions {
            response_format: ResponseFormat::Raw,
            ..CommonOptions::default()
        };
        let raw = apply_options(user.clone(), &options);
        assert_eq!(raw.name, None);
        assert_eq!(raw.remote_data, user.remote_data);
    }

    #[test]
    fn exclude_and_ignore_remote_data() {
        let mut user = User::new("7");
        user.name = Some("x".into());
        user.title = Some("t".into());
        user.remote_data = Some(serde_json::json!({}).into());
        let options = CommonOptions {
            exclude_fields: vec![UserField::Title],
            ignore_remote_data: true,
            ..CommonOptions::default()
        };
        let out = apply_options(user, &options);
        assert_eq!(out.title, None);
        assert_eq!(out.name.as_deref(), Some("x"));
        assert!(out.remote_data.is_none());
    }
}
