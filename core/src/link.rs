//! GitHub's `Link` header: `<url>; rel="next", <url>; rel="last"`.

/// The relations GitHub sends for paging.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// The next page.
    pub next: Option<String>,
    /// The previous page.
    pub prev: Option<String>,
    /// The first page.
    pub first: Option<String>,
    /// The last page.
    pub last: Option<String>,
}

/// Parses a `Link` header. Unknown relations and malformed parts are skipped, never a panic.
pub fn parse_link_header(header: &str) -> Links {
    let mut links = Links::default();
    for part in header.split(',') {
        let mut pieces = part.split(';');
        let Some(target) = pieces.next().map(str::trim) else {
            continue;
        };
        let Some(url) = target.strip_prefix('<').and_then(|t| t.strip_suffix('>')) else {
            continue;
        };
        for param in pieces {
            let Some((key, value)) = param.split_once('=') else {
                continue;
            };
            if !key.trim().eq_ignore_ascii_case("rel") {
                continue;
            }
            for rel in value.trim().trim_matches('"').split_ascii_whitespace() {
                let slot = match rel {
                    "next" => &mut links.next,
                    "prev" => &mut links.prev,
                    "first" => &mut links.first,
                    "last" => &mut links.last,
                    _ => continue,
                };
                *slot = Some(url.to_string());
            }
        }
    }
    links
}

/// The `page` query parameter of a URL.
pub fn page_of(url: &str) -> Option<u32> {
    query_param(url, "page")?.parse().ok()
}

/// The value of `name` in a URL's query.
pub fn query_param<'a>(url: &'a str, name: &str) -> Option<&'a str> {
    let query = url.split_once('?')?.1.split('#').next()?;
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then_some(v)
    })
}

/// `url` with its `page` parameter set to `page`: the URL GitHub gave, changed in that one place.
pub fn with_page(url: &str, page: u32) -> String {
    let (base, rest) = url.split_once('?').unwrap_or((url, ""));
    let (query, fragment) = rest
        .split_once('#')
        .map_or((rest, None), |(q, f)| (q, Some(f)));
    let mut params: Vec<String> = query
        .split('&')
        .filter(|kv| !kv.is_empty() && kv.split('=').next() != Some("page"))
        .map(str::to_string)
        .collect();
    params.push(format!("page={page}"));
    let mut out = format!("{base}?{}", params.join("&"));
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_documented_examples() {
        let l = parse_link_header(include_str!(
            "../../fixtures/github-api/link-header-example-docs-4rels.txt"
        ));
        assert_eq!(
            l.prev.as_deref(),
            Some("https://api.github.com/repositories/1300192/issues?page=2")
        );
        assert_eq!(
            l.next.as_deref(),
            Some("https://api.github.com/repositories/1300192/issues?page=4")
        );
        assert_eq!(page_of(l.last.as_deref().unwrap()), Some(515));
        assert_eq!(page_of(l.first.as_deref().unwrap()), Some(1));
        let l = parse_link_header(include_str!(
            "../../fixtures/github-api/link-header-example-docs-per-page.txt"
        ));
        assert_eq!(page_of(l.last.as_deref().unwrap()), Some(7715));
        assert_eq!(l.prev, None);
        let l = parse_link_header(include_str!(
            "../../fixtures/github-api/link-header-example.txt"
        ));
        assert_eq!(page_of(l.next.as_deref().unwrap()), Some(2));
        assert_eq!(page_of(l.last.as_deref().unwrap()), Some(5));
    }

    #[test]
    fn malformed_headers_yield_nothing() {
        assert_eq!(parse_link_header(""), Links::default());
        assert_eq!(parse_link_header("garbage; rel=next"), Links::default());
        assert_eq!(parse_link_header("<x>; rel"), Links::default());
        assert_eq!(
            parse_link_header("<a>; REL=\"next last\"").last.as_deref(),
            Some("a")
        );
    }

    #[test]
    fn page_rewriting_keeps_everything_else() {
        let u = "https://api.github.com/orgs/a/copilot/billing/seats?per_page=100&page=27";
        assert_eq!(
            with_page(u, 3),
            "https://api.github.com/orgs/a/copilot/billing/seats?per_page=100&page=3"
        );
        assert_eq!(with_page("http://h/x", 2), "http://h/x?page=2");
        assert_eq!(page_of("http://h/x?pages=3&page=x"), None);
    }
}
