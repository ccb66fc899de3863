//! The app's URL codec: which page a path names under the served base, and the query's pairs.
//! Pure, so it is tested natively; the browser half (History API, link interception) is
//! `src/browser/router.rs`.

use percent_encoding::percent_decode_str;

/// Which page the URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`: connect, overview, the access list.
    Home,
    /// `/seats/LOGIN`.
    Seat(String),
    /// Anything else.
    NotFound,
}

/// `%XX` decoded as UTF-8 (invalid sequences become U+FFFD, never an error).
fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// The route of `path` under `base` (`""` at the root, else `/repo`).
pub fn route_of(path: &str, base: &str) -> Route {
    let rest = path.strip_prefix(base).unwrap_or(path);
    let rest = rest.trim_start_matches('/');
    if rest.is_empty() || rest == "index.html" {
        return Route::Home;
    }
    match rest.strip_prefix("seats/") {
        Some(login) if !login.is_empty() && !login.contains('/') => Route::Seat(decode(login)),
        _ => Route::NotFound,
    }
}

/// `?a=1&b=x%20y` → pairs, in order (`+` is a space, as in forms).
pub fn parse_query(search: &str) -> Vec<(String, String)> {
    let form = |s: &str| decode(&s.replace('+', " "));
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (form(k), form(v))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_their_page_under_the_base() {
        assert_eq!(route_of("/", ""), Route::Home);
        assert_eq!(route_of("/index.html", ""), Route::Home);
        assert_eq!(route_of("/repo/", "/repo"), Route::Home);
        assert_eq!(route_of("/repo", "/repo"), Route::Home);
        assert_eq!(
            route_of("/repo/seats/octocat", "/repo"),
            Route::Seat("octocat".into())
        );
        assert_eq!(
            route_of("/seats/a%20b%C3%BC", ""),
            Route::Seat("a bü".into())
        );
        assert_eq!(route_of("/seats/", ""), Route::NotFound);
        assert_eq!(route_of("/seats/a/b", ""), Route::NotFound);
        assert_eq!(route_of("/elsewhere", ""), Route::NotFound);
        // A broken escape is kept readable, not an error.
        assert_eq!(
            route_of("/seats/%E0%A4%A", ""),
            Route::Seat("\u{fffd}%A".into())
        );
    }

    #[test]
    fn queries_decode_like_forms() {
        assert_eq!(
            parse_query("?org=acme&q=a+b%2Bc&filter=team%3AInfra%20%26%20Ops&empty=&flag"),
            vec![
                ("org".to_string(), "acme".to_string()),
                ("q".into(), "a b+c".into()),
                ("filter".into(), "team:Infra & Ops".into()),
                ("empty".into(), String::new()),
                ("flag".into(), String::new()),
            ]
        );
        assert_eq!(parse_query(""), Vec::new());
        assert_eq!(parse_query("?&&"), Vec::new());
    }
}
