//! [`When`]: Leptos's `Show` without a fallback, and not generic.

use leptos::prelude::*;

/// Shows `children` while `when` holds, rebuilding them only when it turns true again.
///
/// Leptos's `Show` is generic over its condition and its children, so each use carried its own
/// copy of the memo and of the view switching; this one is compiled once for the whole app.
#[component]
pub(crate) fn When(
    /// Whether the children are shown.
    #[prop(into)]
    when: Signal<bool>,
    /// What is shown.
    children: ChildrenFn,
) -> impl IntoView {
    let when = Memo::new(move |_| when.get());
    move || when.get().then(|| children())
}
