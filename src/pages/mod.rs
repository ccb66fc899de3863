//! Routed containers: they own URL state and compose components. The URL is read and written
//! here only, through [`TableQuery`] for the access list's view.

pub(crate) mod actions;
pub(crate) mod assign;
pub(crate) mod figures;
pub(crate) mod home_page;
pub(crate) mod removal;
pub(crate) mod seat_page;

use leptos::prelude::*;
use seat_core::query::TableQuery;

use crate::browser::router::use_location;

/// Reads one query parameter from the current URL (reactive).
pub(crate) fn use_query_param(name: &'static str) -> Memo<Option<String>> {
    let location = use_location();
    Memo::new(move |_| {
        location
            .query
            .with(|q| q.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    })
}

/// The access list's view from the current URL (reactive).
pub(crate) fn use_table_query() -> Memo<TableQuery> {
    let location = use_location();
    Memo::new(move |_| location.query.with(|q| TableQuery::from_pairs(q)))
}

/// The current URL's query parameters, untracked.
pub(crate) fn current_query() -> Vec<(String, String)> {
    use_location().query.get_untracked()
}

/// `pairs` with `updates` applied: each updated key removed, then added back when it has a
/// non-empty value.
fn updated(
    mut pairs: Vec<(String, String)>,
    updates: &[(&str, Option<String>)],
) -> Vec<(String, String)> {
    for (key, value) in updates {
        pairs.retain(|(k, _)| k != key);
        if let Some(v) = value.as_ref().filter(|v| !v.is_empty()) {
            pairs.push((key.to_string(), v.clone()));
        }
    }
    pairs
}

/// Returns a function that rewrites some query parameters of the current URL (replacing the
/// history entry), keeping the others. `None` removes a parameter.
pub(crate) fn use_set_query() -> impl Fn(&[(&str, Option<String>)]) + Clone + 'static {
    let location = use_location();
    move |updates: &[(&str, Option<String>)]| {
        let pairs = updated(location.query.get_untracked(), updates);
        let path = location.pathname.get_untracked();
        location.navigate(&format!("{path}{}", query_string(&pairs)), true, false);
    }
}

/// Builds links to the start page showing a given view of the access list, keeping the rest of
/// the current URL (organization, API URL, knobs).
pub(crate) fn use_view_href() -> Callback<TableQuery, String> {
    let location = use_location();
    Callback::new(move |view: TableQuery| {
        let pairs = updated(location.query.get_untracked(), &view.to_pairs());
        format!("./{}#seats", query_string(&pairs))
    })
}

/// `?a=1&b=x%20y`, or "" when empty.
pub(crate) fn query_string(pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                js_sys::encode_uri_component(k),
                js_sys::encode_uri_component(v)
            )
        })
        .collect();
    format!("?{}", encoded.join("&"))
}
