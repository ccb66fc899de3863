//! A modal confirmation dialog that says exactly what a write will send; only its confirm button sends.

use leptos::prelude::*;
use seat_core::writes::confirm::{Block, Confirmation};

/// A modal confirmation (`<dialog>` opened with `showModal`, so `role="dialog"`, the page
/// behind inert and focus inside): the content says exactly what will be sent. Escape and
/// "Cancel" call `on_cancel`; only the confirm button calls `on_confirm`. Focus starts on
/// "Cancel", so a stray Enter sends nothing. Every write's dialog is this one, drawn from the
/// [`Confirmation`] core makes for it.
#[component]
pub(crate) fn ConfirmDialog(
    /// The title, the confirm button and what the dialog says.
    content: Confirmation,
    /// Confirmed.
    on_confirm: Callback<()>,
    /// Cancelled (button or Escape).
    on_cancel: Callback<()>,
) -> impl IntoView {
    let Confirmation {
        title,
        confirm,
        sends,
        blocks,
    } = content;
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let cancel_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
            if let Some(b) = cancel_button.get_untracked() {
                let _ = b.focus();
            }
            // Focus on Cancel (at the bottom) must not scroll past what the dialog says first.
            d.set_scroll_top(0);
        }
    });
    // Closed before the page hears of it: the page behind is no longer inert, and the browser
    // gives the focus back to the button that opened the dialog.
    let close = move || {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    view! {
        <dialog node_ref=dialog class="confirm" aria-labelledby="confirm-title"
            // Escape: heard as Cancel.
            on:cancel=move |ev: leptos::ev::Event| { ev.prevent_default(); close(); on_cancel.run(()) }>
            <h2 id="confirm-title">{title}</h2>
            {blocks.into_iter().map(block).collect_view()}
            <div class="dialog-actions">
                <button type="button" class="danger" disabled=!sends
                    on:click=move |_| { close(); on_confirm.run(()) }>{confirm}</button>
                <button type="button" class="secondary" node_ref=cancel_button
                    on:click=move |_| { close(); on_cancel.run(()) }>"Cancel"</button>
            </div>
        </dialog>
    }
}

/// One part of what a confirmation says.
fn block(b: Block) -> AnyView {
    let logins = |summary: String, logins: String| {
        view! { <details><summary>{summary}</summary><p class="login-list">{logins}</p></details> }
    };
    match b {
        Block::Text(t) => view! { <p>{t}</p> }.into_any(),
        Block::Hint(t) => view! { <p class="hint-text">{t}</p> }.into_any(),
        Block::Figures(f) => view! {
            <dl class="figures dialog-figures">
                {f.into_iter().map(|(label, value)| view! { <div class="figure"><dt>{label}</dt><dd>{value}</dd></div> }).collect_view()}
            </dl>
        }.into_any(),
        Block::Logins(summary, l) => logins(summary, l).into_any(),
        Block::Groups(heading, groups) => view! {
            <h3>{heading}</h3>
            <ul class="skipped">
                {groups.into_iter().map(|(why, l)| view! { <li>{why} {logins("Who".into(), l)}</li> }).collect_view()}
            </ul>
        }.into_any(),
    }
}
