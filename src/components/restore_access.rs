//! "Restore access" for a seat pending cancellation, with its confirmation.

use leptos::prelude::*;
use seat_core::writes::confirm;

use crate::components::confirm_dialog::ConfirmDialog;

/// "Restore access" for a seat pending cancellation, and its confirmation, which says exactly
/// what will be sent.
#[component]
pub(crate) fn RestoreAccess(
    /// The seat's login.
    login: String,
    /// Its organization.
    org: String,
    /// Demo data: nothing is sent anywhere.
    simulated: bool,
    /// A restore is under way.
    #[prop(into)]
    busy: Signal<bool>,
    /// Confirmed: give `login` access back.
    on_confirm: Callback<String>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let close = move || {
        asking.set(false);
        crate::browser::focus_id("restore-access");
    };
    let content = confirm::restore(&org, &login, simulated);
    view! {
        <div class="restore">
            <button type="button" id="restore-access" disabled=move || busy.get()
                on:click=move |_| asking.set(true)>"Restore access"</button>
            {move || busy.get().then(|| view! { <span class="muted" aria-live="polite">" Giving access back…"</span> })}
            {move || asking.get().then(|| {
                let login = login.clone();
                view! {
                    <ConfirmDialog content=content.clone() on_cancel=Callback::new(move |()| close())
                        on_confirm=Callback::new(move |()| { close(); on_confirm.run(login.clone()); }) />
                }
            })}
        </div>
    }
}
