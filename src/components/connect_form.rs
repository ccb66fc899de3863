//! The connect form: account type, organization or enterprise, token, API URL, Load, demo, Forget token.

use leptos::prelude::*;

use seat_core::session::{Account, ConnectRequest};
use seat_core::text::{token_needs, OPEN_REPORT_HINT, SENT_ONLY_TO};

use crate::components::report_picker::ReportPicker;
use crate::components::rich_text::RichText;

/// The connect form of the UI contract: Account type, Organization (or Enterprise), Token (with
/// show/hide), API URL, "Remember on this device", Load, Try demo data, Forget token.
#[component]
pub(crate) fn ConnectForm(
    /// Initial account type.
    account: Account,
    /// Initial organization or enterprise.
    #[prop(into)]
    org: String,
    /// Initial API URL.
    #[prop(into)]
    api: String,
    /// Initial token (from sessionStorage when the user chose to be remembered).
    #[prop(into)]
    token: String,
    /// Called on Load.
    on_load: Callback<ConnectRequest>,
    /// Called on "Try demo data", with the account type chosen.
    on_demo: Callback<Account>,
    /// Called on "Forget token", after the field is cleared.
    on_forget: Callback<()>,
    /// Called with the report files the user opened.
    on_open: Callback<Vec<crate::browser::PickedFile>>,
    /// A problem with what was typed, shown in an alert under the form.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let remember_initial = !token.is_empty();
    let account = RwSignal::new(account);
    let org = RwSignal::new(org);
    let api = RwSignal::new(api);
    let token = RwSignal::new(token);
    let remember = RwSignal::new(remember_initial);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_load.run(ConnectRequest {
            account: account.get_untracked(),
            org: org.get_untracked(),
            token: token.get_untracked(),
            api: api.get_untracked(),
            remember: remember.get_untracked(),
        });
    };
    view! {
        <form class="connect" on:submit=submit autocomplete="off">
            <div class="fields">
                <div class="field">
                    <label for="connect-account">"Account type"</label>
                    <select id="connect-account" name="account" prop:value=move || account.get().param()
                        on:change=move |ev| account.set(Account::from_value(&event_target_value(&ev)))>
                        <option value="org" selected=account.get_untracked() == Account::Organization>"Organization"</option>
                        <option value="enterprise" selected=account.get_untracked() == Account::Enterprise>"Enterprise"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="connect-org">{move || account.get().label()}</label>
                    <input id="connect-org" type="text" name="org" spellcheck="false" autocapitalize="off"
                        placeholder=move || if account.get() == Account::Enterprise { "your-enterprise" } else { "your-org" }
                        prop:value=move || org.get() on:input=move |ev| org.set(event_target_value(&ev)) />
                </div>
                <TokenField token=token />
                <div class="field">
                    <label for="connect-api">"API URL"</label>
                    <input id="connect-api" type="url" name="api" spellcheck="false"
                        prop:value=move || api.get() on:input=move |ev| api.set(event_target_value(&ev)) />
                </div>
            </div>
            <div class="check">
                <input id="connect-remember" type="checkbox" aria-describedby="connect-remember-note"
                    prop:checked=move || remember.get()
                    on:change=move |ev| remember.set(event_target_checked(&ev)) />
                <label for="connect-remember">" Remember on this device"</label>
                <small id="connect-remember-note" class="muted">" (keeps it in this tab's sessionStorage until the tab closes)"</small>
            </div>
            <TokenHint account=account api=api />
            <div class="actions">
                // Never disabled: Load in the middle of a load replaces it (the old one stops).
                <button type="submit">"Load"</button>
                <button type="button" class="secondary" on:click=move |_| on_demo.run(account.get_untracked())>"Try demo data"</button>
                <button type="button" class="link" on:click=move |_| { token.set(String::new()); remember.set(false); on_forget.run(()); }>
                    "Forget token"
                </button>
            </div>
            <ReportPicker id="open-report" label="Open a report" on_open=on_open
                hint=OPEN_REPORT_HINT />
            {move || error.get().map(|e| view! { <div role="alert" class="alert">{e}</div> })}
        </form>
    }
}

/// The Token field, hidden as a password until "Show token".
#[component]
fn TokenField(token: RwSignal<String>) -> impl IntoView {
    let show_token = RwSignal::new(false);
    view! {
                <div class="field">
                    <label for="connect-token">"Token"</label>
                    <span class="token-field">
                        <input id="connect-token" type=move || if show_token.get() { "text" } else { "password" } name="token"
                            placeholder="ghp_… or github_pat_…" spellcheck="false" autocomplete="off"
                            prop:value=move || token.get() on:input=move |ev| token.set(event_target_value(&ev)) />
                        <button type="button" class="secondary"
                            on:click=move |_| show_token.update(|s| *s = !*s)>
                            {move || if show_token.get() { "Hide token" } else { "Show token" }}
                        </button>
                    </span>
                </div>
    }
}

/// What the token needs for this account type, and where it goes.
#[component]
fn TokenHint(account: RwSignal<Account>, api: RwSignal<String>) -> impl IntoView {
    let api_host = move || {
        let a = api.get();
        let a = a.trim();
        if a.is_empty() {
            "the API URL".to_string()
        } else {
            a.to_string()
        }
    };

    view! {
            <p class="hint-text">
                {move || view! { <RichText spans=token_needs(account.get()) /> }}
                {SENT_ONLY_TO.0} <strong>{api_host}</strong> {SENT_ONLY_TO.1}
            </p>
    }
}
