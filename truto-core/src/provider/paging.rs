//! Where the next page starts, for each shape providers page in: helpers a provider's
//! `fetch_page` uses to turn what a response says into the next [`Position`].

use http::HeaderMap;

use crate::cursor::Position;

/// Next position from an offset/limit page: `None` when the page was short or the total
/// is reached.
pub fn offset_next(
    offset: u64,
    returned: usize,
    page_size: Option<u32>,
    total: Option<u64>,
) -> Option<Position> {
    let next = offset + returned as u64;
    more_after(next, returned, page_size, total).then_some(Position::Offset(next))
}

/// Next position from a SCIM page (`startIndex` is one-based).
pub fn start_index_next(start_index: u64, returned: usize, total: Option<u64>) -> Option<Position> {
    let next = start_index.max(1) + returned as u64;
    // SCIM servers may return fewer than `count` and still have more, so only the total
    // (or an empty page) ends a SCIM listing.
    match total {
        Some(total) => (returned > 0 && next - 1 < total).then_some(Position::StartIndex(next)),
        None => (returned > 0).then_some(Position::StartIndex(next)),
    }
}

/// Next position from a page-number page.
pub fn page_number_next(
    page: u64,
    returned: usize,
    page_size: Option<u32>,
    has_more: Option<bool>,
) -> Option<Position> {
    let more = match has_more {
        Some(more) => more && returned > 0,
        None => more_after(0, returned, page_size, None),
    };
    more.then_some(Position::Page(page + 1))
}

fn more_after(next: u64, returned: usize, page_size: Option<u32>, total: Option<u64>) -> bool {
    if returned == 0 {
        return false;
    }
    if let Some(total) = total {
        return next < total;
    }
    match page_size {
        Some(size) => returned >= size as usize,
        None => true,
    }
}

/// Next position from a cursor field: `None` when the provider sent none or an empty one.
pub fn token_next(token: Option<String>) -> Option<Position> {
    token.filter(|t| !t.is_empty()).map(Position::Token)
}

/// Next position from a next-page URL in the body (`@odata.nextLink`, `nextRecordsUrl`).
pub fn url_next(url: Option<String>) -> Option<Position> {
    url.filter(|u| !u.is_empty()).map(Position::Url)
}

/// Next position from an RFC 8288 `Link` header's `rel="next"`.
pub fn link_header_next(headers: &HeaderMap) -> Option<Position> {
    headers
        .get_all(http::header::LINK)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(next_link)
        .map(Position::Url)
}

/// The `rel="next"` target of one `Link` header value.
pub fn next_link(value: &str) -> Option<String> {
    // Split on commas that separate link-values, not those inside `<...>` or quotes.
    let mut parts = Vec::new();
    let (mut depth, mut quoted, mut start) = (false, false, 0);
    for (i, c) in value.char_indices() {
        match c {
            '<' if !quoted => depth = true,
            '>' if !quoted => depth = false,
            '"' if !depth => quoted = !quoted,
            ',' if !depth && !quoted => {
                parts.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&value[start..]);
    parts.into_iter().find_map(|part| {
        let part = part.trim();
        let end = part.find('>')?;
        let target = part.strip_prefix('<')?.get(..end - 1)?;
        let params = || {
            part[end + 1..].split(';').map(|param| {
                let mut kv = param.splitn(2, '=');
                let key = kv.next().unwrap_or("").trim();
                let val = kv.next().unwrap_or("").trim().trim_matches('"');
                (key, val)
            })
        };
        let is_next = params().any(|(key, val)| {
            key.eq_ignore_ascii_case("rel")
                && val
                    .split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("next"))
        });
        // Sentry always sends a next link and says with `results="false"` that it is empty.
        let empty =
            params().any(|(key, val)| key.eq_ignore_ascii_case("results") && val == "false");
        (is_next && !empty).then(|| target.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_header_parsing() {
        let v = r#"<https://api.example.com/users?page=2>; rel="next", <https://api.example.com/users?page=9>; rel="last""#;
        assert_eq!(
            next_link(v).as_deref(),
            Some("https://api.example.com/users?page=2")
        );
        let v =
            r#"<https://x.test/a?after=1,2>; rel="prev", <https://x.test/a?after=3,4>; rel=next"#;
        assert_eq!(next_link(v).as_deref(), Some("https://x.test/a?after=3,4"));
        assert_eq!(next_link(r#"<https://x.test/a>; rel="self""#), None);
        assert_eq!(next_link("garbage"), None);
        let sentry = r#"<https://sentry.io/api/0/x/?&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", <https://sentry.io/api/0/x/?&cursor=0:100:0>; rel="next"; results="false"; cursor="0:100:0""#;
        assert_eq!(next_link(sentry), None);
        assert_eq!(next_link(""), None);
        assert_eq!(next_link("<"), None);
    }

    #[test]
    fn offset_and_start_index_arithmetic() {
        assert_eq!(
            offset_next(0, 100, Some(100), Some(250)),
            Some(Position::Offset(100))
        );
        assert_eq!(offset_next(200, 50, Some(100), Some(250)), None);
        assert_eq!(
            offset_next(0, 100, Some(100), None),
            Some(Position::Offset(100))
        );
        assert_eq!(offset_next(0, 99, Some(100), None), None);
        assert_eq!(
            start_index_next(1, 100, Some(250)),
            Some(Position::StartIndex(101))
        );
        assert_eq!(start_index_next(201, 50, Some(250)), None);
        assert_eq!(start_index_next(1, 0, None), None);
        assert_eq!(
            page_number_next(1, 10, Some(10), None),
            Some(Position::Page(2))
        );
        assert_eq!(page_number_next(1, 10, Some(10), Some(false)), None);
    }
}
