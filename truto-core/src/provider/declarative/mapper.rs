//! Rules compiled against a reading plan, applied to one record at a time.

use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde_json::Value;
use serde_json::value::RawValue;

use super::path::Path;
use super::reader::{Captured, Leaf, ListSlot, Plan, ROOT, Slot, Want};
use super::rules::{Flag, Refs, Rule, Text, TextFn, Time, TimeFormat};
use crate::error::{Error, Result};
use crate::provider::decode::{parse_datetime, trimmed};
use crate::query::{CommonOptions, ResponseFormat};
use crate::user::{
    Email, Group, License, Organization, Phone, RemoteData, Role, User, UserStatus, UserUrl,
    Workspace,
};
use crate::wire::Status;

#[derive(Debug)]
enum Compiled {
    Id(Slot),
    Text {
        field: Text,
        at: Slot,
        table: &'static [(&'static str, &'static str)],
        via: Option<TextFn>,
    },
    NameFromParts,
    SplitName(Slot),
    Email {
        at: Slot,
        kind: Option<&'static str>,
        primary: Option<bool>,
    },
    Emails {
        list: ListSlot,
        value: Slot,
        kind: Option<Slot>,
        primary: Option<Slot>,
    },
    Phone {
        at: Slot,
        kind: Option<&'static str>,
    },
    Phones {
        list: ListSlot,
        value: Slot,
        kind: Option<Slot>,
    },
    Status {
        at: Slot,
        table: &'static [(&'static str, Status)],
    },
    StatusFlag {
        at: Slot,
        when_true: Status,
        when_false: Option<Status>,
    },
    Flag {
        field: Flag,
        at: Slot,
        invert: bool,
    },
    Refs {
        field: Refs,
        list: ListSlot,
        id: Option<Slot>,
        name: Option<Slot>,
    },
    Ref {
        field: Refs,
        id: Option<Slot>,
        name: Option<Slot>,
    },
    RefIf {
        field: Refs,
        at: Slot,
        name: &'static str,
    },
    Time {
        field: Time,
        at: Slot,
        format: TimeFormat,
    },
    Languages(Slot),
    Url {
        at: Slot,
        kind: Option<&'static str>,
    },
    Identifier {
        name: &'static str,
        at: Slot,
    },
    UserTypeFlag {
        at: Slot,
        when_true: &'static str,
        when_false: Option<&'static str>,
    },
}

impl Compiled {
    /// The unified fields (JSON names) this rule writes, twice the same name for a rule
    /// that writes one; `None` for the id, which is always mapped.
    fn writes(&self) -> Option<[&'static str; 2]> {
        let one = |name| Some([name, name]);
        match self {
            Compiled::Id(_) => None,
            Compiled::Text { field, .. } => one(field.field()),
            Compiled::NameFromParts => one("name"),
            Compiled::SplitName(_) => Some(["first_name", "last_name"]),
            Compiled::Email { .. } | Compiled::Emails { .. } => one("emails"),
            Compiled::Phone { .. } | Compiled::Phones { .. } => one("phones"),
            Compiled::Status { .. } | Compiled::StatusFlag { .. } => one("status"),
            Compiled::Flag { field, .. } => one(field.field()),
            Compiled::Refs { field, .. }
            | Compiled::Ref { field, .. }
            | Compiled::RefIf { field, .. } => one(field.field()),
            Compiled::Time { field, .. } => one(field.field()),
            Compiled::Languages(_) => one("languages"),
            Compiled::Url { .. } => one("urls"),
            Compiled::Identifier { .. } => one("identifiers"),
            Compiled::UserTypeFlag { .. } => one("user_type"),
        }
    }
}

/// What of each record a listing's caller will see, worked out once per page from its
/// options: the rules to apply (those writing only fields the caller excluded, or anything
/// but the id for the raw format, are not) and whether to keep `remote_data`.
#[derive(Debug, Clone)]
pub(crate) struct Wanted {
    /// One flag per rule of the mapper, in order: apply it.
    apply: Vec<bool>,
    remote_data: bool,
}

/// Rules ready to map records: compiled once, at connect.
#[derive(Debug)]
pub(crate) struct Mapper {
    plan: Plan,
    rules: Vec<Compiled>,
    /// The location of every slot, for messages.
    labels: Vec<(Slot, bool, String)>,
    post_map: Option<fn(&mut User, &str) -> Result<()>>,
}

fn parse(text: &str) -> std::result::Result<Path, String> {
    Path::parse(text).map_err(|e| e.to_string())
}

impl Mapper {
    /// Compiles `rules`; an error names the rule's location that does not parse.
    pub(crate) fn new(
        rules: &'static [Rule],
        post_map: Option<fn(&mut User, &str) -> Result<()>>,
    ) -> std::result::Result<Self, String> {
        let mut plan = Plan::new();
        let mut compiled = Vec::with_capacity(rules.len());
        let mut labels = Vec::new();
        let mut value =
            |plan: &mut Plan, at: u32, text: &str| -> std::result::Result<Slot, String> {
                let slot = plan.add(at, &parse(text)?, Want::Value)?;
                labels.push((slot, at == ROOT, text.to_owned()));
                Ok(slot)
            };
        for rule in rules {
            let c = match *rule {
                Rule::Id { at } => Compiled::Id(value(&mut plan, ROOT, at)?),
                Rule::Text {
                    field,
                    at,
                    table,
                    via,
                } => Compiled::Text {
                    field,
                    at: value(&mut plan, ROOT, at)?,
                    table,
                    via,
                },
                Rule::NameFromParts => Compiled::NameFromParts,
                Rule::SplitName { at } => Compiled::SplitName(value(&mut plan, ROOT, at)?),
                Rule::Email { at, kind, primary } => Compiled::Email {
                    at: value(&mut plan, ROOT, at)?,
                    kind,
                    primary,
                },
                Rule::Emails {
                    list,
                    value: v,
                    kind,
                    primary,
                } => {
                    let list = plan.add_list(ROOT, &parse(list)?)?;
                    Compiled::Emails {
                        list,
                        value: value(&mut plan, list.element, v)?,
                        kind: kind
                            .map(|k| value(&mut plan, list.element, k))
                            .transpose()?,
                        primary: primary
                            .map(|p| value(&mut plan, list.element, p))
                            .transpose()?,
                    }
                }
                Rule::Phone { at, kind } => Compiled::Phone {
                    at: value(&mut plan, ROOT, at)?,
                    kind,
                },
                Rule::Phones {
                    list,
                    value: v,
                    kind,
                } => {
                    let list = plan.add_list(ROOT, &parse(list)?)?;
                    Compiled::Phones {
                        list,
                        value: value(&mut plan, list.element, v)?,
                        kind: kind
                            .map(|k| value(&mut plan, list.element, k))
                            .transpose()?,
                    }
                }
                Rule::Status { at, table } => Compiled::Status {
                    at: value(&mut plan, ROOT, at)?,
                    table,
                },
                Rule::StatusFlag {
                    at,
                    when_true,
                    when_false,
                } => Compiled::StatusFlag {
                    at: value(&mut plan, ROOT, at)?,
                    when_true,
                    when_false,
                },
                Rule::Flag { field, at, invert } => Compiled::Flag {
                    field,
                    at: value(&mut plan, ROOT, at)?,
                    invert,
                },
                Rule::Refs {
                    field,
                    list,
                    id,
                    name,
                } => {
                    let list = plan.add_list(ROOT, &parse(list)?)?;
                    Compiled::Refs {
                        field,
                        list,
                        id: id.map(|i| value(&mut plan, list.element, i)).transpose()?,
                        name: name
                            .map(|n| value(&mut plan, list.element, n))
                            .transpose()?,
                    }
                }
                Rule::Ref { field, id, name } => Compiled::Ref {
                    field,
                    id: id.map(|i| value(&mut plan, ROOT, i)).transpose()?,
                    name: name.map(|n| value(&mut plan, ROOT, n)).transpose()?,
                },
                Rule::RefIf { field, at, name } => Compiled::RefIf {
                    field,
                    at: value(&mut plan, ROOT, at)?,
                    name,
                },
                Rule::Time { field, at, format } => Compiled::Time {
                    field,
                    at: value(&mut plan, ROOT, at)?,
                    format,
                },
                Rule::Languages { at } => Compiled::Languages(value(&mut plan, ROOT, at)?),
                Rule::Url { at, kind } => Compiled::Url {
                    at: value(&mut plan, ROOT, at)?,
                    kind,
                },
                Rule::Identifier { name, at } => Compiled::Identifier {
                    name,
                    at: value(&mut plan, ROOT, at)?,
                },
                Rule::UserTypeFlag {
                    at,
                    when_true,
                    when_false,
                } => Compiled::UserTypeFlag {
                    at: value(&mut plan, ROOT, at)?,
                    when_true,
                    when_false,
                },
            };
            compiled.push(c);
        }
        if !compiled.iter().any(|c| matches!(c, Compiled::Id(_))) {
            return Err("the rules map no `id`".to_owned());
        }
        Ok(Mapper {
            plan,
            rules: compiled,
            labels,
            post_map,
        })
    }

    /// Maps one record; its text becomes the user's `remote_data` (moved, not copied).
    /// `which` names the record in messages ("record 3").
    pub(crate) fn map(&self, raw: Box<RawValue>, which: &str) -> Result<User> {
        let mut user = self
            .map_rules(raw.get(), None)
            .map_err(|e| Error::decode(format!("{which} is invalid: {e}")))?;
        if let Some(post) = self.post_map {
            post(&mut user, raw.get())?;
        }
        user.remote_data = Some(RemoteData::from_raw(raw));
        Ok(user)
    }

    /// What a listing with `options` needs of each record (see [`Wanted`]). Rules feeding a
    /// field made from others stay while it is kept: `first_name` and `last_name` for a
    /// `name` made from them (by a rule, or by the normalized format). With a `post_map`
    /// hook, which may read any field, every rule is applied.
    pub(crate) fn wanted(&self, options: &CommonOptions) -> Wanted {
        let all = Wanted {
            apply: vec![true; self.rules.len()],
            remote_data: !options.ignore_remote_data,
        };
        if self.post_map.is_some() {
            return all;
        }
        let excluded = |name: &str| match options.response_format {
            ResponseFormat::Raw => true,
            _ => options.exclude_fields.iter().any(|f| f.as_str() == name),
        };
        let mut apply: Vec<bool> = self
            .rules
            .iter()
            .map(|rule| {
                rule.writes()
                    .is_none_or(|names| !names.iter().all(|n| excluded(n)))
            })
            .collect();
        // `name` made from the parts (by a rule, or by the normalized format) needs them.
        let name_from_parts = options.response_format == ResponseFormat::Normalized
            || self
                .rules
                .iter()
                .zip(&apply)
                .any(|(rule, on)| *on && matches!(rule, Compiled::NameFromParts));
        if name_from_parts && !excluded("name") {
            for (rule, on) in self.rules.iter().zip(apply.iter_mut()) {
                if rule.writes().is_some_and(|names| {
                    names
                        .iter()
                        .any(|n| *n == "first_name" || *n == "last_name")
                }) {
                    *on = true;
                }
            }
        }
        Wanted { apply, ..all }
    }

    /// Maps record `index` of `page`, from its text, as `wanted` says: the rules it leaves
    /// out are not applied (a bad value there does not fail the record), and the record's
    /// text is kept as `remote_data` (shared with the page) only when it is wanted.
    pub(crate) fn map_wanted(
        &self,
        page: &Arc<str>,
        raw: &RawValue,
        index: usize,
        wanted: &Wanted,
    ) -> Result<User> {
        let captured = self
            .plan
            .read(raw.get())
            .map_err(|e| Error::decode(format!("record {index} is invalid: {e}")))?;
        self.map_read(&captured, page, raw.get(), index, wanted)
    }

    /// Maps record `index` of `page`, already read with [`Mapper::plan`]'s layout (the
    /// page's plan grafted it, see [`Plan::graft_record`]); `text` is the record's JSON
    /// text, a part of `page` read whole and valid with it.
    pub(crate) fn map_read(
        &self,
        captured: &Captured<'_>,
        page: &Arc<str>,
        text: &str,
        index: usize,
        wanted: &Wanted,
    ) -> Result<User> {
        let mut user = self
            .apply_rules(captured, Some(&wanted.apply))
            .map_err(|e| Error::decode(format!("record {index} is invalid: {e}")))?;
        if let Some(post) = self.post_map {
            post(&mut user, text)?;
        }
        if wanted.remote_data {
            user.remote_data = Some(RemoteData::in_page(page, text));
        }
        Ok(user)
    }

    /// The locations a record is read at, to graft into a page's plan.
    pub(crate) fn plan(&self) -> &Plan {
        &self.plan
    }

    fn label(&self, slot: Slot, root: bool) -> &str {
        self.labels
            .iter()
            .find(|(s, r, _)| *s == slot && *r == root)
            .map(|(_, _, l)| l.as_str())
            .unwrap_or("?")
    }

    /// Reads `text` and applies the rules `apply` flags (all without it); no `remote_data`.
    fn map_rules(&self, text: &str, apply: Option<&[bool]>) -> std::result::Result<User, String> {
        self.apply_rules(&self.plan.read(text)?, apply)
    }

    /// Applies the rules `apply` flags (all without it) to a record's read values.
    fn apply_rules(
        &self,
        captured: &Captured<'_>,
        apply: Option<&[bool]>,
    ) -> std::result::Result<User, String> {
        let mut user = User::default();
        let mut id = None;
        for (i, rule) in self.rules.iter().enumerate() {
            if apply.is_some_and(|apply| apply.get(i) == Some(&false)) {
                continue;
            }
            self.apply(rule, captured, &mut user, &mut id)?;
        }
        user.id = id.ok_or_else(|| {
            let at = self
                .rules
                .iter()
                .find_map(|r| match r {
                    Compiled::Id(slot) => Some(self.label(*slot, true)),
                    _ => None,
                })
                .unwrap_or("?");
            format!("it has no id (at `{at}`)")
        })?;
        Ok(user)
    }

    fn text(
        &self,
        leaf: &Leaf<'_>,
        slot: Slot,
        root: bool,
    ) -> std::result::Result<Option<String>, String> {
        let text = match leaf {
            Leaf::Absent | Leaf::Null => return Ok(None),
            Leaf::Str(s) => trimmed(s).to_owned(),
            Leaf::Int(n) => n.to_string(),
            Leaf::UInt(n) => n.to_string(),
            Leaf::Float(f) => f.to_string(),
            Leaf::Bool(b) => b.to_string(),
            Leaf::Json(_) => {
                return Err(format!(
                    "`{}` is {}, expected text",
                    self.label(slot, root),
                    leaf.kind()
                ));
            }
        };
        Ok((!text.is_empty()).then_some(text))
    }

    fn flag(
        &self,
        leaf: &Leaf<'_>,
        slot: Slot,
        root: bool,
    ) -> std::result::Result<Option<bool>, String> {
        let bad = || {
            format!(
                "`{}` is {}, expected a boolean",
                self.label(slot, root),
                leaf.kind()
            )
        };
        Ok(match leaf {
            Leaf::Absent | Leaf::Null => None,
            Leaf::Bool(b) => Some(*b),
            Leaf::UInt(n) => Some(*n != 0),
            Leaf::Int(n) => Some(*n != 0),
            Leaf::Str(s) => {
                let s = trimmed(s);
                let is = |words: [&str; 3]| words.iter().any(|w| s.eq_ignore_ascii_case(w));
                if is(["true", "1", "yes"]) {
                    Some(true)
                } else if is(["false", "0", "no"]) {
                    Some(false)
                } else if s.is_empty() {
                    None
                } else {
                    return Err(bad());
                }
            }
            Leaf::Float(_) | Leaf::Json(_) => return Err(bad()),
        })
    }

    fn time(
        &self,
        leaf: &Leaf<'_>,
        format: TimeFormat,
        slot: Slot,
    ) -> std::result::Result<Option<DateTime<Utc>>, String> {
        let number = |n: i64, format: TimeFormat| match format {
            TimeFormat::EpochMillis => Utc.timestamp_millis_opt(n).single(),
            TimeFormat::EpochSeconds => Utc.timestamp_opt(n, 0).single(),
            _ => crate::provider::decode::epoch(n),
        };
        Ok(match leaf {
            Leaf::Absent | Leaf::Null => None,
            Leaf::UInt(n) => i64::try_from(*n).ok().and_then(|n| number(n, format)),
            Leaf::Int(n) => number(*n, format),
            // Unix times in seconds with a fraction (Slack's `updated`, Okta's `*.001`).
            Leaf::Float(f) => match format {
                TimeFormat::EpochMillis => Utc.timestamp_millis_opt(*f as i64).single(),
                _ => Utc
                    .timestamp_opt(f.trunc() as i64, (f.fract() * 1e9) as u32)
                    .single(),
            },
            Leaf::Str(s) => match format {
                TimeFormat::Custom(pattern) => {
                    let s = s.trim();
                    DateTime::parse_from_str(s, pattern)
                        .map(|d| d.with_timezone(&Utc))
                        .ok()
                        .or_else(|| {
                            NaiveDateTime::parse_from_str(s, pattern)
                                .ok()
                                .map(|n| Utc.from_utc_datetime(&n))
                        })
                        .or_else(|| {
                            chrono::NaiveDate::parse_from_str(s, pattern)
                                .ok()
                                .and_then(|d| d.and_hms_opt(0, 0, 0))
                                .map(|n| Utc.from_utc_datetime(&n))
                        })
                }
                TimeFormat::EpochSeconds | TimeFormat::EpochMillis => match s.trim().parse::<i64>()
                {
                    Ok(n) => number(n, format),
                    Err(_) => parse_datetime(s),
                },
                TimeFormat::Auto => parse_datetime(s),
            },
            Leaf::Bool(_) | Leaf::Json(_) => {
                return Err(format!(
                    "`{}` is {}, expected a time",
                    self.label(slot, true),
                    leaf.kind()
                ));
            }
        })
    }

    fn apply(
        &self,
        rule: &Compiled,
        c: &Captured<'_>,
        user: &mut User,
        id: &mut Option<String>,
    ) -> std::result::Result<(), String> {
        match rule {
            Compiled::Id(at) => {
                if id.is_none() {
                    *id = self.text(c.value(*at), *at, true)?;
                }
            }
            Compiled::Text {
                field,
                at,
                table,
                via,
            } => {
                let slot = text_slot(user, *field);
                if slot.is_none() {
                    let mut value = self.text(c.value(*at), *at, true)?;
                    if let Some(v) = &value
                        && let Some((_, to)) =
                            table.iter().find(|(from, _)| from.eq_ignore_ascii_case(v))
                    {
                        value = Some((*to).to_owned());
                    }
                    if let (Some(f), Some(v)) = (via, &value) {
                        value = f(v);
                    }
                    *text_slot(user, *field) = value;
                }
            }
            Compiled::NameFromParts => {
                if user.name.is_none() {
                    let parts: Vec<&str> = [user.first_name.as_deref(), user.last_name.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect();
                    if !parts.is_empty() {
                        user.name = Some(parts.join(" "));
                    }
                }
            }
            Compiled::SplitName(at) => {
                if let Some(full) = self.text(c.value(*at), *at, true)? {
                    let (first, last) = match full.split_once(char::is_whitespace) {
                        Some((f, l)) => (f.to_owned(), Some(l.trim().to_owned())),
                        None => (full, None),
                    };
                    if user.first_name.is_none() {
                        user.first_name = Some(first);
                    }
                    if user.last_name.is_none() {
                        user.last_name = last.filter(|l| !l.is_empty());
                    }
                }
            }
            Compiled::Email { at, kind, primary } => {
                if let Some(address) = self.text(c.value(*at), *at, true)? {
                    // The primary address is the first one marked; another rule finding
                    // one later cannot be primary as well.
                    let primary = match primary {
                        Some(true) if user.emails.iter().any(|e| e.is_primary == Some(true)) => {
                            None
                        }
                        other => *other,
                    };
                    push_email(user, address, kind.map(str::to_owned), primary);
                }
            }
            Compiled::Emails {
                list,
                value,
                kind,
                primary,
            } => {
                for item in c.list(*list).unwrap_or_default() {
                    let Some(address) = self.text(item.value(*value), *value, false)? else {
                        continue;
                    };
                    let kind = match kind {
                        Some(k) => self.text(item.value(*k), *k, false)?,
                        None => None,
                    };
                    let primary = match primary {
                        Some(p) => self.flag(item.value(*p), *p, false)?,
                        None => None,
                    };
                    push_email(user, address, kind, primary);
                }
            }
            Compiled::Phone { at, kind } => {
                if let Some(number) = self.text(c.value(*at), *at, true)? {
                    push_phone(user, number, kind.map(str::to_owned));
                }
            }
            Compiled::Phones { list, value, kind } => {
                for item in c.list(*list).unwrap_or_default() {
                    let Some(number) = self.text(item.value(*value), *value, false)? else {
                        continue;
                    };
                    let kind = match kind {
                        Some(k) => self.text(item.value(*k), *k, false)?,
                        None => None,
                    };
                    push_phone(user, number, kind);
                }
            }
            Compiled::Status { at, table } => {
                if user.status.is_none()
                    && let Some(raw) = self.text(c.value(*at), *at, true)?
                {
                    user.status = Some(
                        table
                            .iter()
                            .find(|(from, _)| from.eq_ignore_ascii_case(&raw))
                            .map(|(_, to)| to.user_status())
                            .unwrap_or(UserStatus::Other(raw)),
                    );
                }
            }
            Compiled::StatusFlag {
                at,
                when_true,
                when_false,
            } => {
                if user.status.is_none() {
                    user.status = match self.flag(c.value(*at), *at, true)? {
                        Some(true) => Some(when_true.user_status()),
                        Some(false) => when_false.map(Status::user_status),
                        None => None,
                    };
                }
            }
            Compiled::Flag { field, at, invert } => {
                let value = self.flag(c.value(*at), *at, true)?.map(|b| b != *invert);
                let slot = match field {
                    Flag::EmailVerified => &mut user.is_email_verified,
                    Flag::TwoFactor => &mut user.is_2fa_enabled,
                };
                if slot.is_none() {
                    *slot = value;
                }
            }
            Compiled::Refs {
                field,
                list,
                id,
                name,
            } => {
                for item in c.list(*list).unwrap_or_default() {
                    let id = match id {
                        Some(s) => self.text(item.value(*s), *s, false)?,
                        None => None,
                    };
                    let name = match name {
                        Some(s) => self.text(item.value(*s), *s, false)?,
                        None => None,
                    };
                    push_ref(user, *field, id, name);
                }
            }
            Compiled::Ref { field, id, name } => {
                let id = match id {
                    Some(s) => self.text(c.value(*s), *s, true)?,
                    None => None,
                };
                let name = match name {
                    Some(s) => self.text(c.value(*s), *s, true)?,
                    None => None,
                };
                push_ref(user, *field, id, name);
            }
            Compiled::RefIf { field, at, name } => {
                if self.flag(c.value(*at), *at, true)? == Some(true) {
                    push_ref(user, *field, None, Some((*name).to_owned()));
                }
            }
            Compiled::Time { field, at, format } => {
                let slot = match field {
                    Time::CreatedAt => &mut user.created_at,
                    Time::UpdatedAt => &mut user.updated_at,
                    Time::LastActiveAt => &mut user.last_active_at,
                    Time::LastLoginAt => &mut user.last_login_at,
                    Time::StatusChangedAt => &mut user.status_changed_at,
                    Time::ActivatedAt => &mut user.activated_at,
                };
                if slot.is_none() {
                    *slot = self.time(c.value(*at), *format, *at)?;
                }
            }
            Compiled::Languages(at) => match c.value(*at) {
                Leaf::Json(Value::Array(items)) => {
                    for item in items {
                        if let Some(text) = item.as_str().map(str::trim).filter(|t| !t.is_empty())
                            && !user.languages.iter().any(|l| l == text)
                        {
                            user.languages.push(text.to_owned());
                        }
                    }
                }
                leaf => {
                    if let Some(text) = self.text(leaf, *at, true)?
                        && !user.languages.contains(&text)
                    {
                        user.languages.push(text);
                    }
                }
            },
            Compiled::Url { at, kind } => {
                if let Some(url) = self.text(c.value(*at), *at, true)?
                    && !user.urls.iter().any(|u| u.url == url)
                {
                    user.urls.push(UserUrl::new(url, kind.map(str::to_owned)));
                }
            }
            Compiled::Identifier { name, at } => {
                let value = match c.value(*at) {
                    Leaf::Absent | Leaf::Null => None,
                    Leaf::Json(v) => Some(v.clone()),
                    Leaf::Bool(b) => Some(Value::Bool(*b)),
                    leaf => self.text(leaf, *at, true)?.map(Value::String),
                };
                if let Some(value) = value {
                    user.identifiers
                        .get_or_insert_with(Default::default)
                        .entry((*name).to_owned())
                        .or_insert(value);
                }
            }
            Compiled::UserTypeFlag {
                at,
                when_true,
                when_false,
            } => {
                if user.user_type.is_none() {
                    user.user_type = match self.flag(c.value(*at), *at, true)? {
                        Some(true) => Some((*when_true).to_owned()),
                        Some(false) => when_false.map(str::to_owned),
                        None => None,
                    };
                }
            }
        }
        Ok(())
    }
}

fn text_slot(user: &mut User, field: Text) -> &mut Option<String> {
    match field {
        Text::ExternalId => &mut user.external_id,
        Text::FirstName => &mut user.first_name,
        Text::LastName => &mut user.last_name,
        Text::Name => &mut user.name,
        Text::Title => &mut user.title,
        Text::Username => &mut user.username,
        Text::UserType => &mut user.user_type,
        Text::Avatar => &mut user.avatar,
        Text::Timezone => &mut user.timezone,
        Text::Bio => &mut user.bio,
    }
}

fn push_email(user: &mut User, address: String, kind: Option<String>, primary: Option<bool>) {
    if let Some(existing) = user
        .emails
        .iter_mut()
        .find(|e| e.email.eq_ignore_ascii_case(&address))
    {
        if existing.is_primary.is_none() {
            existing.is_primary = primary;
        }
        if existing.kind.is_none() {
            existing.kind = kind;
        }
        return;
    }
    let mut email = Email::new(address);
    email.kind = kind;
    email.is_primary = primary;
    user.emails.push(email);
}

fn push_phone(user: &mut User, number: String, kind: Option<String>) {
    if user.phones.iter().any(|p| p.number == number) {
        return;
    }
    let mut phone = Phone::new(number);
    phone.kind = kind;
    user.phones.push(phone);
}

fn push_ref(user: &mut User, field: Refs, id: Option<String>, name: Option<String>) {
    if id.is_none() && name.is_none() {
        return;
    }
    let same = |other_id: &Option<String>, other_name: &Option<String>| match (&id, other_id) {
        (Some(a), Some(b)) => a == b,
        (None, None) => name == *other_name,
        _ => false,
    };
    match field {
        Refs::Roles => {
            if !user.roles.iter().any(|r| same(&r.id, &r.name)) {
                user.roles.push(Role::new(id, name));
            }
        }
        Refs::Groups => {
            if !user.groups.iter().any(|g| same(&g.id, &g.name)) {
                user.groups.push(Group::new(id, name));
            }
        }
        Refs::Organizations => {
            if !user.organizations.iter().any(|o| same(&o.id, &o.name)) {
                user.organizations.push(Organization::new(id, name));
            }
        }
        Refs::Workspaces => {
            if !user.workspaces.iter().any(|w| same(&w.id, &w.name)) {
                user.workspaces.push(Workspace::new(id, name));
            }
        }
        Refs::Licenses => {
            if !user.licenses.iter().any(|l| same(&l.id, &l.name)) {
                user.licenses.push(License::new(id, name));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::declarative::rules::*;

    const RULES: &[Rule] = &[
        id("id"),
        text(Text::FirstName, "profile.first_name"),
        text(Text::LastName, "profile.last_name"),
        text(Text::Name, "profile.real_name"),
        name_from_parts(),
        email("profile.email"),
        emails("extra_emails[]", "value")
            .kind("type")
            .primary("primary"),
        phone("profile.phone").kind("work"),
        status_flag("deleted", Status::Inactive, None),
        status("state", &[("ACTIVE", Status::Active)]),
        flag(Flag::TwoFactor, "has_2fa"),
        refs(Refs::Roles, "roles[]").id("id").name("label"),
        refs(Refs::Licenses, "seats[]").name(""),
        reference(Refs::Groups).id("team_id"),
        ref_if(Refs::Roles, "is_admin", "admin"),
        time(Time::UpdatedAt, "updated", TimeFormat::EpochSeconds),
        time(Time::CreatedAt, "created", TimeFormat::Auto),
        languages("locale"),
        text(Text::UserType, "kind").table(&[("app", "machine")]),
        identifier("employee_number", "profile.employee_no"),
        url("links.html", Some("profile")),
        user_type_flag("is_bot", "bot", None),
    ];

    #[test]
    fn wanted_leaves_out_rules_of_excluded_fields_only() {
        const PARTS: &[Rule] = &[
            id("id"),
            text(Text::FirstName, "first"),
            text(Text::LastName, "last"),
            split_name("full"),
            email("email"),
        ];
        let m = Mapper::new(PARTS, None).unwrap();
        let apply = |options: CommonOptions| m.wanted(&options).apply;
        let excluding = |fields: &[crate::user::UserField], format| CommonOptions {
            exclude_fields: fields.to_vec(),
            response_format: format,
            ..CommonOptions::default()
        };
        use crate::user::UserField::{Emails, FirstName, LastName, Name};
        use ResponseFormat::{Normalized, Raw, Unified};
        assert_eq!(apply(excluding(&[], Unified)), [true; 5]);
        // A split name writes both parts: left out only with both excluded.
        assert_eq!(
            apply(excluding(&[FirstName, Emails], Unified)),
            [true, false, true, true, false]
        );
        assert_eq!(
            apply(excluding(&[FirstName, LastName], Unified)),
            [true, false, false, false, true]
        );
        // The normalized format makes `name` from the parts: they stay while it is kept.
        assert_eq!(
            apply(excluding(&[FirstName, LastName], Normalized)),
            [true; 5]
        );
        assert_eq!(
            apply(excluding(&[FirstName, LastName, Name], Normalized)),
            [true, false, false, false, true]
        );
        assert_eq!(
            apply(excluding(&[], Raw)),
            [true, false, false, false, false]
        );
        // A post_map hook may read any field: nothing is left out.
        fn hook(_: &mut User, _: &str) -> Result<()> {
            Ok(())
        }
        let hooked = Mapper::new(PARTS, Some(hook)).unwrap();
        assert!(
            hooked
                .wanted(&excluding(&[FirstName], Raw))
                .apply
                .iter()
                .all(|on| *on)
        );
        let ignored = CommonOptions {
            ignore_remote_data: true,
            ..CommonOptions::default()
        };
        assert!(!m.wanted(&ignored).remote_data);
    }

    #[test]
    fn maps_every_kind_of_rule() {
        let m = Mapper::new(RULES, None).unwrap();
        let raw = RawValue::from_string(
            r#"{"id": 42, "profile": {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com",
                "phone": "+1 555", "employee_no": 7},
                "extra_emails": [{"value": "ADA@example.com", "type": "work"}, {"value": "a@home.test", "type": "home", "primary": false}],
                "deleted": false, "state": "SUSPENDED", "has_2fa": "true",
                "roles": [{"id": "r1", "label": "Owner"}, {"id": "r1", "label": "dup"}], "seats": ["Full", "Dev"],
                "team_id": 9, "is_admin": true, "updated": 1700000000, "created": "2020-01-02T03:04:05Z",
                "locale": "en-US", "kind": "app", "links": {"html": "https://x.test/ada"}}"#
                .to_owned(),
        )
        .unwrap();
        let user = m.map(raw, "record 0").unwrap();
        assert_eq!(user.id, "42");
        assert_eq!(user.name.as_deref(), Some("Ada Lovelace"));
        assert_eq!(user.emails.len(), 2);
        assert_eq!(user.emails[0].is_primary, Some(true));
        assert_eq!(user.emails[0].kind.as_deref(), Some("work"));
        assert_eq!(user.emails[1].is_primary, Some(false));
        assert_eq!(user.phones[0].kind.as_deref(), Some("work"));
        // `deleted: false` says nothing (no status for false): the state decides, raw.
        assert_eq!(user.status, Some(UserStatus::Other("SUSPENDED".into())));
        assert_eq!(user.is_2fa_enabled, Some(true));
        assert_eq!(user.roles.len(), 2, "{:?}", user.roles);
        assert_eq!(user.roles[1].name.as_deref(), Some("admin"));
        assert_eq!(user.licenses.len(), 2);
        assert_eq!(user.groups[0].id.as_deref(), Some("9"));
        assert_eq!(user.updated_at.unwrap().timestamp(), 1_700_000_000);
        assert_eq!(user.created_at.unwrap().timestamp(), 1_577_934_245);
        assert_eq!(user.languages, ["en-US"]);
        assert_eq!(user.user_type.as_deref(), Some("machine"));
        assert_eq!(user.identifiers.unwrap()["employee_number"], "7");
        assert_eq!(user.urls[0].url, "https://x.test/ada");
        assert!(user.remote_data.is_some());
    }

    #[test]
    fn flags_read_from_text_in_any_case_and_refuse_other_words() {
        let m = Mapper::new(RULES, None).unwrap();
        let read = |has_2fa: &str| {
            let record = format!(r#"{{"id": 1, "has_2fa": {has_2fa}}}"#);
            m.map(RawValue::from_string(record).unwrap(), "record 0")
                .map(|user| user.is_2fa_enabled)
        };
        for (text, want) in [
            (r#"" YES ""#, Some(true)),
            (r#""True""#, Some(true)),
            (r#""1""#, Some(true)),
            (r#""No""#, Some(false)),
            (r#""FALSE""#, Some(false)),
            (r#""0 ""#, Some(false)),
            (r#""  ""#, None),
        ] {
            assert_eq!(read(text).unwrap(), want, "{text}");
        }
        let err = read(r#""maybe""#).unwrap_err();
        assert!(err.to_string().contains("expected a boolean"), "{err}");
    }

    #[test]
    fn records_without_ids_or_with_wrong_shapes_are_typed_errors() {
        let m = Mapper::new(RULES, None).unwrap();
        let err = m
            .map(
                RawValue::from_string(r#"{"name": "x"}"#.into()).unwrap(),
                "record 3",
            )
            .unwrap_err();
        assert!(
            err.to_string().contains("record 3") && err.to_string().contains("no id"),
            "{err}"
        );
        let err = m
            .map(
                RawValue::from_string(r#"{"id": "1", "has_2fa": "maybe"}"#.into()).unwrap(),
                "record 0",
            )
            .unwrap_err();
        assert!(err.to_string().contains("`has_2fa`"), "{err}");
        let err = m
            .map(
                RawValue::from_string(r#"{"id": {"x": 1}}"#.into()).unwrap(),
                "record 0",
            )
            .unwrap_err();
        assert!(err.to_string().contains("`id` is an object"), "{err}");
        const NO_ID: &[Rule] = &[text(Text::Name, "name")];
        const BAD_PATH: &[Rule] = &[id("a..b")];
        assert!(Mapper::new(NO_ID, None).is_err());
        assert!(Mapper::new(BAD_PATH, None).is_err());
    }
}
