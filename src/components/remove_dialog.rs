//! The removal confirmation: what will be sent, what will not and why, and what it saves.

use chrono::NaiveDate;
use leptos::prelude::*;
use seat_core::money::Cents;
use seat_core::overview::format_count;
use seat_core::time::ymd;
use seat_core::writes::{RemovalPlan, BATCH_SIZE, WRITE_PERMISSION};

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
    let confirm = if n == 1 {
        "Remove 1 seat".to_string()
    } else {
        format!("Remove {count} seats")
    };
    let title = if n == 1 {
        "Remove 1 Copilot seat?".to_string()
    } else {
        format!("Remove {count} Copilot seats?")
    };
    let requests = plan.batches();
    let how = if simulated {
        "Demo data: the removal is simulated in this page, as GitHub would do it. Nothing is sent anywhere.".to_string()
    } else {
        format!(
            "GitHub is sent DELETE /orgs/{org}/copilot/billing/selected_users with these logins: {} of at most {BATCH_SIZE} logins, one at a time, at least a second apart. It stops at the first refusal.",
            if requests == 1 { "1 request".to_string() } else { format!("{requests} requests") }
        )
    };
    let saving = price * n as u64;
    let skipped = skipped_groups(&plan);
    let skipped_total = plan.skipped.len();
    view! {
        <ConfirmDialog title=title confirm=confirm nothing_to_send=n == 0
            on_confirm=on_confirm on_cancel=on_cancel>
            <p>{how}</p>
            <dl class="figures dialog-figures">
                <div class="figure"><dt>"Seats to remove"</dt><dd>{count.clone()}</dd></div>
                <div class="figure"><dt>"Monthly saving from the next billing cycle (estimate)"</dt>
                    <dd>{saving.format(false)}</dd></div>
            </dl>
            <p class="hint-text">{format!(
                "{count} × {} per seat, the price in the overview. Removed seats stay billed and usable until the end of the current billing cycle: GitHub marks them pending cancellation and they end on {}.",
                price.format(true), ymd(cycle_end)
            )}</p>
            {(n > 0).then(|| view! {
                <details>
                    <summary>{format!("The {count} logins that will be sent")}</summary>
                    <p class="login-list">{listed(&plan.send)}</p>
                </details>
            })}
            {(skipped_total > 0).then(|| view! {
                <h3>{format!("Not sent: {}", format_count(skipped_total as u64))}</h3>
                <ul class="skipped">
                    {skipped.into_iter().map(|(why, logins)| view! {
                        <li>{format!("{why} ({})", format_count(logins.len() as u64))}
                            <details><summary>"Who"</summary><p class="login-list">{listed(&logins)}</p></details>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(!simulated).then(|| view! {
                <p class="hint-text">{format!("Removing seats needs {WRITE_PERMISSION}. A read-only token is refused and nothing changes.")}</p>
            })}
        </ConfirmDialog>
    }
}

/// Selected seats not sent, grouped by reason (each team its own group), in order of first
/// appearance.
fn skipped_groups(plan: &RemovalPlan) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for s in &plan.skipped {
        let why = s.reason.group_text();
        let login = if s.login.is_empty() {
            "(no user)".to_string()
        } else {
            s.login.clone()
        };
        match groups.iter_mut().find(|(w, _)| *w == why) {
            Some((_, logins)) => logins.push(login),
            None => groups.push((why, vec![login])),
        }
    }
    groups
}

/// "a, b, c and 12 more".
fn listed(logins: &[String]) -> String {
    let shown = logins[..logins.len().min(LISTED)].join(", ");
    match logins.len().saturating_sub(LISTED) {
        0 => shown,
        more => format!("{shown} and {} more", format_count(more as u64)),
    }
}
