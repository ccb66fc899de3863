//! The removal confirmation: what will be sent, what will not and why, and what it saves.

use chrono::NaiveDate;
use leptos::prelude::*;
use seat_core::money::Cents;
use seat_core::overview::format_count;
use seat_core::writes::{texts, RemovalPlan};

use crate::components::confirm_dialog::ConfirmDialog;

/// Logins listed by name in the dialog; beyond this, "and N more".
const LISTED: usize = 200;

/// What removing the selected seats will send, what it will not and why, what it saves and
/// what the token needs; "Remove N seats" sends exactly `plan.send`.
#[component]
pub(crate) fn RemoveDialog(
    /// The organization.
    org: String,
    /// What will be sent and what not.
    plan: RemovalPlan,
    /// The price per seat in force (the saving is an estimate at this price).
    price: Cents,
    /// When removed seats end: the start of the next billing cycle.
    cycle_end: NaiveDate,
    /// Demo data: nothing is sent anywhere.
    simulated: bool,
    /// Send.
    on_confirm: Callback<()>,
    /// Send nothing.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let n = plan.send.len();
    let count = format_count(n as u64);
    let how = if simulated {
        texts::DEMO_REMOVAL.to_string()
    } else {
        texts::removal_request(&org, plan.batches())
    };
    let saving = price * n as u64;
    let skipped = plan.skipped_groups();
    let skipped_total = plan.skipped.len();
    view! {
        <ConfirmDialog title=texts::removal_title(n) confirm=texts::removal_confirm(n) nothing_to_send=n == 0
            on_confirm=on_confirm on_cancel=on_cancel>
            <p>{how}</p>
            <dl class="figures dialog-figures">
                <div class="figure"><dt>"Seats to remove"</dt><dd>{count.clone()}</dd></div>
                <div class="figure"><dt>"Monthly saving from the next billing cycle (estimate)"</dt>
                    <dd>{saving.format(false)}</dd></div>
            </dl>
            <p class="hint-text">{texts::removal_saving(n, price, cycle_end)}</p>
            {(n > 0).then(|| view! {
                <details>
                    <summary>{format!("The {count} logins that will be sent")}</summary>
                    <p class="login-list">{texts::listed(&plan.send, LISTED)}</p>
                </details>
            })}
            {(skipped_total > 0).then(|| view! {
                <h3>{format!("Not sent: {}", format_count(skipped_total as u64))}</h3>
                <ul class="skipped">
                    {skipped.into_iter().map(|(why, logins)| view! {
                        <li>{format!("{why} ({})", format_count(logins.len() as u64))}
                            <details><summary>"Who"</summary><p class="login-list">{texts::listed(&logins, LISTED)}</p></details>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(!simulated).then(|| view! {
                <p class="hint-text">{texts::removal_permission()}</p>
            })}
        </ConfirmDialog>
    }
}
