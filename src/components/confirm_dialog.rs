//! A modal confirmation dialog that says exactly what a write will send; only its confirm button sends.

use leptos::prelude::*;

/// A modal confirmation (`<dialog>` opened with `showModal`, so `role="dialog"`, the page
/// behind inert and focus inside): the content says exactly what will be sent. Escape and
/// "Cancel" call `on_cancel`; only the confirm button calls `on_confirm`. Focus starts on
/// "Cancel", so a stray Enter sends nothing.
#[component]
pub(crate) fn ConfirmDialog(
    /// The heading, which names the dialog.
    #[prop(into)]
    title: String,
    /// The confirm button's text ("Remove 3 seats").
    #[prop(into)]
    confirm: String,
    /// Whether there is anything to confirm (the button is disabled otherwise).
    #[prop(optional)]
    nothing_to_send: bool,
    /// Confirmed.
    on_confirm: Callback<()>,
    /// Cancelled (button or Escape).
    on_cancel: Callback<()>,
    /// What will be sent, what will not, and why.
    children: Children,
) -> impl IntoView {
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
            {children()}
            <div class="dialog-actions">
                <button type="button" class="danger" disabled=nothing_to_send
                    on:click=move |_| { close(); on_confirm.run(()) }>{confirm}</button>
                <button type="button" class="secondary" node_ref=cancel_button
                    on:click=move |_| { close(); on_cancel.run(()) }>"Cancel"</button>
            </div>
        </dialog>
    }
}
