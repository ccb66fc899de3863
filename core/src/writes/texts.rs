//! What the app says about its writes, beside the rules that produce them: the words for a
//! removal under way and its re-read, the demo's simulated writes, and a restore's answer.
//! [`super::RemovalReport::summary`] says what GitHub did with the batches.

use chrono::NaiveDate;

use super::{BATCH_SIZE, WRITE_PERMISSION};
use crate::money::Cents;
use crate::overview::{format_count, seats};
use crate::time::ymd;

/// The demo's removal dialog: what happens instead of a request.
pub const DEMO_REMOVAL: &str =
    "Demo data: the removal is simulated in this page, as GitHub would do it. Nothing is sent anywhere.";

/// The demo's restore dialog.
pub const DEMO_RESTORE: &str =
    "Demo data: this is simulated in the page, as GitHub would do it. Nothing is sent anywhere.";

/// "`verb` 1 `one`" or "`verb` N `many`", N with thousands separated: the dialogs' titles and
/// buttons.
fn counted(verb: &str, n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{verb} 1 {one}")
    } else {
        format!("{verb} {} {many}", format_count(n as u64))
    }
}

/// The removal dialog's title for `n` seats.
pub fn removal_title(n: usize) -> String {
    counted("Remove", n, "Copilot seat?", "Copilot seats?")
}

/// The removal dialog's confirm button for `n` seats.
pub fn removal_confirm(n: usize) -> String {
    counted("Remove", n, "seat", "seats")
}

/// Exactly what a removal sends to `org`, in `batches` requests.
pub fn removal_request(org: &str, batches: usize) -> String {
    format!(
        "GitHub is sent DELETE /orgs/{org}/copilot/billing/selected_users with these logins: {} of at most {BATCH_SIZE} logins, one at a time, at least a second apart. It stops at the first refusal.",
        if batches == 1 { "1 request".to_string() } else { format!("{batches} requests") }
    )
}

/// How the saving of removing `n` seats at `price` is reckoned, and when they end.
pub fn removal_saving(n: usize, price: Cents, cycle_end: NaiveDate) -> String {
    format!(
        "{} × {} per seat, the price in the overview. Removed seats stay billed and usable until the end of the current billing cycle: GitHub marks them pending cancellation and they end on {}.",
        format_count(n as u64),
        price.format(true),
        ymd(cycle_end)
    )
}

/// What a removal needs of the token.
pub fn removal_permission() -> String {
    format!("Removing seats needs {WRITE_PERMISSION}. A read-only token is refused and nothing changes.")
}

/// Exactly what giving `login` access back sends to `org`.
pub fn restore_request(org: &str, login: &str) -> String {
    format!(
        "GitHub is sent POST /orgs/{org}/copilot/billing/selected_users with {{\"selected_usernames\": [\"{login}\"]}}. The pending cancellation is cleared: the seat stays, and stays billed, after this billing cycle."
    )
}

/// What giving access back needs of the token.
pub fn restore_permission() -> String {
    format!("Giving access back needs {WRITE_PERMISSION}.")
}

/// "a, b, c and 12 more": at most `max` logins by name.
pub fn listed(logins: &[String], max: usize) -> String {
    let shown = logins[..logins.len().min(max)].join(", ");
    match logins.len().saturating_sub(max) {
        0 => shown,
        more => format!("{shown} and {} more", format_count(more as u64)),
    }
}

/// A confirmation outlived the organization it was for: nothing is sent.
pub const STALE_CONFIRMATION: &str = "Nothing was sent: the organization shown changed while the confirmation was open. Select the seats again.";

/// The seats GitHub changed are being read again.
pub const REREADING: &str = "Reading the changed seats again from GitHub…";

/// Too many seats changed to read one by one: the whole list is read again.
pub const REREAD_WHOLE_LIST: &str = "The list below is read again from GitHub.";

/// A seat of a report file: there is no organization to write to.
pub const FROM_REPORT_FILE: &str =
    "This seat comes from a report file: there is nothing to change at GitHub.";

/// The progress line while the `DELETE`s of `people` logins are sent.
pub fn removing(people: usize) -> String {
    format!(
        "Removing the seats of {} people…",
        format_count(people as u64)
    )
}

/// After the changed seats were read again one by one: `failed` names the seats that could not
/// be read ("login (reason)"); `billing_read` says whether the overview's figures were.
pub fn reread_outcome(failed: &[String], billing_read: bool) -> String {
    match (failed.is_empty(), billing_read) {
        (true, true) => "The list below shows what GitHub says now.".into(),
        (true, false) => "The seats below show what GitHub says now; the overview's figures could not be read again: press Load to refresh them.".into(),
        (false, _) => format!(
            "These seats could not be read again, so their rows may be out of date: {}. Press Load to read the list again.",
            failed.join(", ")
        ),
    }
}

/// The demo's removal of `cancelled` seats, ending on `end`: what GitHub would do, labelled.
pub fn simulated_removal(cancelled: u64, end: NaiveDate) -> String {
    format!(
        "Simulated (demo data, nothing was sent to GitHub): {} set to pending cancellation, ending on {}, as GitHub would do. They would stay billed and usable until then.",
        seats(cancelled),
        ymd(end)
    )
}

/// The demo's restore of `login`'s seat.
pub fn simulated_restore(login: &str) -> String {
    format!(
        "Simulated (demo data, nothing was sent to GitHub): {login} keeps the seat, as GitHub would do."
    )
}

/// GitHub's answer to giving `login` access back: `seats_created` as it said.
pub fn restored(login: &str, seats_created: u64) -> String {
    if seats_created == 0 {
        format!("GitHub accepted the request but created no seat (seats_created: 0): {login} may already have had access. The details below show what GitHub says now.")
    } else {
        format!("GitHub gave {login} access back (seats_created: {seats_created}). The details below show what GitHub says now.")
    }
}

/// The demo's assign dialogs: what happens instead of a request.
pub const DEMO_ASSIGN: &str =
    "Demo data: the assignment is simulated in this page, as GitHub would do it. Nothing is sent anywhere.";

/// The assign dialog's title for `n` seats.
pub fn assign_title(n: usize) -> String {
    counted("Assign", n, "Copilot seat?", "Copilot seats?")
}

/// The assign dialog's confirm button for `n` seats.
pub fn assign_confirm(n: usize) -> String {
    counted("Assign", n, "seat", "seats")
}

/// Exactly what assigning seats sends to `org`: `first_body` is the first request's body.
pub fn assign_request(org: &str, batches: usize, first_body: &str) -> String {
    match batches {
        0 => "Nothing will be sent.".to_string(),
        1 => format!(
            "GitHub is sent POST /orgs/{org}/copilot/billing/selected_users with {first_body}"
        ),
        n => format!(
            "GitHub is sent POST /orgs/{org}/copilot/billing/selected_users with these logins: {} requests of at most {BATCH_SIZE} logins, one at a time, at least a second apart, the first with {first_body} It stops at the first refusal.",
            format_count(n as u64)
        ),
    }
}

/// How the monthly cost of `n` new seats at `price` is reckoned.
pub fn assign_cost(n: usize, price: Cents) -> String {
    format!(
        "{} × {} per seat, the price in the overview: an estimate. GitHub bills each new seat at the organization's plan from when it is assigned.",
        format_count(n as u64),
        price.format(true)
    )
}

/// What `n` new seats of `plan_type` add to the shared AI credit pool.
pub fn assign_pool(n: usize, plan_type: Option<&str>) -> String {
    let each = crate::spend::pool_per_seat(plan_type);
    format!(
        "They add {} × {} = {} a month to the organization's shared AI credit pool.",
        format_count(n as u64),
        crate::spend::credits(each),
        crate::spend::credits(each.saturating_mul(n as u64))
    )
}

/// What assigning needs of the token.
pub fn assign_permission() -> String {
    format!("Assigning seats needs {WRITE_PERMISSION}. A read-only token is refused and nothing changes.")
}

/// The progress line while the `POST`s of `people` logins are sent.
pub fn assigning(people: usize) -> String {
    format!("Assigning seats to {} people…", format_count(people as u64))
}

/// The demo's assignment of `created` seats.
pub fn simulated_assign(created: u64) -> String {
    format!(
        "Simulated (demo data, nothing was sent to GitHub): {} created, as GitHub would do. New seats show no activity yet.",
        seats(created)
    )
}

/// The dialog's title for a team write.
pub fn team_title(assign: bool, team: &str) -> String {
    if assign {
        format!("Assign Copilot seats to team {team}?")
    } else {
        format!("Remove the Copilot seats of team {team}?")
    }
}

/// The button that opens (and confirms) a team write.
pub fn team_button(assign: bool, team: &str) -> String {
    if assign {
        format!("Assign team {team}")
    } else {
        format!("Remove team {team}")
    }
}

/// Exactly what a team write sends.
pub fn team_request(assign: bool, org: &str, body: &str) -> String {
    format!(
        "GitHub is sent {} /orgs/{org}/copilot/billing/selected_teams with {body}",
        if assign { "POST" } else { "DELETE" }
    )
}

/// What assigning a team does: `new` of its `members` get a seat, at `price` each.
pub fn team_assign_effect(new: usize, members: usize, price: Cents) -> String {
    format!(
        "{} of its {} members have no seat and get one: {} a month more at {} per seat (an estimate). Whoever joins the team later gets a seat too.",
        format_count(new as u64),
        format_count(members as u64),
        (price * new as u64).format(true),
        price.format(true)
    )
}

/// What removing a team does: its `granted` team seats end at `cycle_end`.
pub fn team_remove_effect(granted: usize, price: Cents, cycle_end: NaiveDate) -> String {
    format!(
        "The {} it granted go to pending cancellation: they stay billed and usable until {}, then save {} a month at {} per seat (an estimate). Seats its members hold on their own stay.",
        seats(granted as u64),
        ymd(cycle_end),
        (price * granted as u64).format(true),
        price.format(true)
    )
}

/// GitHub's answer to a team write, as it said it.
pub fn team_outcome(assign: bool, team: &str, n: u64) -> String {
    if assign {
        format!(
            "GitHub assigned team {team}: {} created (seats_created: {n}).",
            seats(n)
        )
    } else {
        format!(
            "GitHub removed team {team}: {} set to pending cancellation (seats_cancelled: {n}); they stay billed and usable until the end of the billing cycle.",
            seats(n)
        )
    }
}

/// The demo's team write: `n` seats created or set to pending cancellation.
pub fn simulated_team(assign: bool, team: &str, n: u64) -> String {
    if assign {
        format!("Simulated (demo data, nothing was sent to GitHub): team {team} assigned, {} created, as GitHub would do.", seats(n))
    } else {
        format!("Simulated (demo data, nothing was sent to GitHub): team {team} removed, {} set to pending cancellation, as GitHub would do.", seats(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_written_as_people_read_them() {
        assert_eq!(seats(1), "1 seat");
        assert_eq!(seats(0), "0 seats");
        assert_eq!(seats(1_200), "1,200 seats");
        assert_eq!(removing(12_345), "Removing the seats of 12,345 people…");
    }

    #[test]
    fn a_reread_says_which_seats_could_not_be_read() {
        assert_eq!(
            reread_outcome(&[], true),
            "The list below shows what GitHub says now."
        );
        assert!(reread_outcome(&[], false).contains("press Load to refresh them"));
        let text = reread_outcome(&["mona (404)".into(), "hubot (timed out)".into()], true);
        assert!(
            text.contains(": mona (404), hubot (timed out). Press Load"),
            "{text}"
        );
    }

    #[test]
    fn simulated_writes_say_so_and_give_the_date() {
        let end = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        let text = simulated_removal(2, end);
        assert!(text.starts_with("Simulated (demo data, nothing was sent to GitHub): 2 seats set to pending cancellation, ending on 2027-01-01"), "{text}");
        assert!(simulated_restore("mona").contains("mona keeps the seat"));
    }

    #[test]
    fn the_removal_dialog_says_what_is_sent() {
        assert_eq!(removal_title(1), "Remove 1 Copilot seat?");
        assert_eq!(removal_confirm(2_500), "Remove 2,500 seats");
        let how = removal_request("acme", 25);
        assert!(how.starts_with("GitHub is sent DELETE /orgs/acme/copilot/billing/selected_users with these logins: 25 requests of at most 100 logins"), "{how}");
        assert!(removal_request("acme", 1).contains(": 1 request of"));
        let saving = removal_saving(
            3,
            Cents(1_900),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        );
        assert!(saving.starts_with("3 × $19.00 per seat"), "{saving}");
        assert!(saving.ends_with("they end on 2027-01-01."), "{saving}");
        assert!(
            restore_request("acme", "mona").contains(r#"with {"selected_usernames": ["mona"]}."#)
        );
    }

    #[test]
    fn long_login_lists_are_cut_with_a_count() {
        let logins: Vec<String> = (0..5).map(|i| format!("u{i}")).collect();
        assert_eq!(listed(&logins, 5), "u0, u1, u2, u3, u4");
        assert_eq!(listed(&logins, 2), "u0, u1 and 3 more");
        assert_eq!(listed(&[], 2), "");
    }

    #[test]
    fn the_assign_dialogs_say_what_is_sent() {
        assert_eq!(assign_title(1), "Assign 1 Copilot seat?");
        assert_eq!(assign_confirm(3), "Assign 3 seats");
        let body = r#"{"selected_usernames":["a","b"]}"#;
        assert_eq!(
            assign_request("acme", 1, body),
            r#"GitHub is sent POST /orgs/acme/copilot/billing/selected_users with {"selected_usernames":["a","b"]}"#
        );
        assert!(assign_request("acme", 3, body).contains("3 requests of at most 100 logins"));
        assert_eq!(assign_request("acme", 0, body), "Nothing will be sent.");
        assert!(assign_cost(3, Cents(1_900)).starts_with("3 × $19.00 per seat"));
        assert_eq!(
            assign_pool(3, Some("business")),
            "They add 3 × 1,900 credits = 5,700 credits a month to the organization's shared AI credit pool."
        );
        assert_eq!(team_button(true, "Mobile"), "Assign team Mobile");
        assert!(
            team_request(false, "acme", r#"{"selected_teams":["mobile"]}"#)
                .starts_with("GitHub is sent DELETE /orgs/acme/copilot/billing/selected_teams")
        );
        assert!(team_assign_effect(2, 5, Cents(1_900))
            .starts_with("2 of its 5 members have no seat and get one: $38.00 a month more"));
        assert!(team_outcome(true, "Mobile", 2).contains("(seats_created: 2)"));
        assert!(simulated_team(false, "Mobile", 1).starts_with("Simulated"));
    }

    #[test]
    fn a_restore_reports_githubs_count() {
        assert!(restored("mona", 1).contains("(seats_created: 1)"));
        assert!(restored("mona", 0).contains("created no seat (seats_created: 0)"));
    }
}
