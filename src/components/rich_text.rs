//! Renders core's marked-up sentences ([`seat_core::text::Span`]).

use leptos::prelude::*;
use seat_core::text::Span;

/// `spans` inline; a [`Span::Link`] goes to `href`.
#[component]
pub(crate) fn RichText(
    /// The sentence.
    spans: &'static [Span],
    /// Where a link in it goes.
    #[prop(optional, into)]
    href: String,
) -> impl IntoView {
    spans
        .iter()
        .map(|span| match *span {
            Span::Text(t) => t.into_any(),
            Span::Code(t) => view! { <code>{t}</code> }.into_any(),
            Span::Strong(t) => view! { <strong>{t}</strong> }.into_any(),
            Span::Link(t) => view! { <a href=href.clone()>{t}</a> }.into_any(),
        })
        .collect_view()
}
