//! What each write's confirmation says, block by block: the exact request, the figures, the
//! logins sent and not sent, the permission. The app draws every confirmation from one of
//! these with one component, so a dialog's words and order are decided (and tested) here.

use chrono::NaiveDate;

use super::{texts, users_body, RemovalPlan, BATCH_SIZE};
use crate::members::{AssignPlan, TEAM_SEATS};
use crate::money::Cents;
use crate::overview::format_count;

/// Logins listed by name in a dialog; beyond this, "and N more".
pub const LISTED: usize = 200;

/// A confirmation dialog: its title (which names it), its confirm button, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    /// The heading.
    pub title: String,
    /// The confirm button's text ("Remove 3 seats").
    pub confirm: String,
    /// Whether anything would be sent (the confirm button is disabled otherwise).
    pub sends: bool,
    /// What it says, in order.
    pub blocks: Vec<Block>,
}

/// One part of a confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Text(String),
    /// A paragraph in the smaller hint style.
    Hint(String),
    /// Figures: (label, value).
    Figures(Vec<(String, String)>),
    /// Logins behind a disclosure: (summary, the logins listed).
    Logins(String, String),
    /// A heading, then groups of logins: (what the group is, the logins listed).
    Groups(String, Vec<(String, String)>),
}

/// The figure of `n` seats or people.
fn count(n: usize) -> String {
    format_count(n as u64)
}

/// Removing `plan.send` from `org`: the request (or the demo's simulation), the seats and the
/// saving, the logins sent, those not sent and why, and the permission.
pub fn removal(
    org: &str,
    plan: &RemovalPlan,
    price: Cents,
    cycle_end: NaiveDate,
    simulated: bool,
) -> Confirmation {
    let n = plan.send.len();
    let mut blocks = vec![
        Block::Text(if simulated {
            texts::DEMO_REMOVAL.to_string()
        } else {
            texts::removal_request(org, plan.batches())
        }),
        Block::Figures(vec![
            ("Seats to remove".into(), count(n)),
            (
                "Monthly saving from the next billing cycle (estimate)".into(),
                (price * n as u64).format(false),
            ),
        ]),
        Block::Hint(texts::removal_saving(n, price, cycle_end)),
    ];
    if n > 0 {
        blocks.push(sent(&plan.send));
    }
    if !plan.skipped.is_empty() {
        let groups = plan
            .skipped_groups()
            .into_iter()
            .map(|(why, logins)| {
                (
                    format!("{why} ({})", count(logins.len())),
                    texts::listed(&logins, LISTED),
                )
            })
            .collect();
        blocks.push(Block::Groups(
            format!("Not sent: {}", count(plan.skipped.len())),
            groups,
        ));
    }
    permission(&mut blocks, simulated, texts::removal_permission);
    Confirmation {
        title: texts::removal_title(n),
        confirm: texts::removal_confirm(n),
        sends: n > 0,
        blocks,
    }
}

/// Giving `login` of `org` access back.
pub fn restore(org: &str, login: &str, simulated: bool) -> Confirmation {
    let mut blocks = vec![Block::Text(if simulated {
        texts::DEMO_RESTORE.to_string()
    } else {
        texts::restore_request(org, login)
    })];
    permission(&mut blocks, simulated, texts::restore_permission);
    Confirmation {
        title: format!("Give {login} access back?"),
        confirm: "Give access back".into(),
        sends: true,
        blocks,
    }
}

/// Assigning seats to `plan.send` in `org`: the request with its first body (or the demo's
/// simulation), the seats and the monthly cost at `price` (an estimate), what the seats add
/// to the AI credit pool (`pool`, when the bill is known), the logins sent, those not sent
/// (they hold a seat by now), and the permission.
pub fn assign(
    org: &str,
    plan: &AssignPlan,
    price: Cents,
    pool: Option<String>,
    simulated: bool,
) -> Confirmation {
    let n = plan.send.len();
    let mut blocks = vec![
        Block::Text(if simulated {
            texts::DEMO_ASSIGN.to_string()
        } else {
            let first = &plan.send[..n.min(BATCH_SIZE)];
            texts::assign_request(org, plan.batches(), &users_body(first))
        }),
        Block::Figures(vec![
            ("Seats to assign".into(), count(n)),
            (
                "Monthly cost added (estimate)".into(),
                (price * n as u64).format(false),
            ),
        ]),
        Block::Hint(texts::assign_cost(n, price)),
    ];
    blocks.extend(pool.map(Block::Hint));
    if n > 1 {
        blocks.push(sent(&plan.send));
    }
    if !plan.has_seat.is_empty() {
        blocks.push(Block::Text(format!(
            "Not sent, they hold a seat already: {}",
            texts::listed(&plan.has_seat, LISTED)
        )));
    }
    permission(&mut blocks, simulated, texts::assign_permission);
    Confirmation {
        title: texts::assign_title(n),
        confirm: texts::assign_confirm(n),
        sends: n > 0,
        blocks,
    }
}

/// Assigning (`assign`) or removing the seats of the team `slug` (shown as `label`) in `org`:
/// the request (or the demo's simulation), its effect, that team seats follow membership, and
/// the permission.
pub fn team(
    org: &str,
    assign: bool,
    slug: &str,
    label: &str,
    effect: String,
    simulated: bool,
) -> Confirmation {
    let mut blocks = vec![
        Block::Text(if simulated {
            texts::DEMO_ASSIGN.to_string()
        } else {
            texts::team_request(assign, org, &super::teams_body(&[slug.to_string()]))
        }),
        Block::Text(effect),
        Block::Hint(TEAM_SEATS.into()),
    ];
    permission(&mut blocks, simulated, texts::assign_permission);
    Confirmation {
        title: texts::team_title(assign, label),
        confirm: texts::team_button(assign, label),
        sends: true,
        blocks,
    }
}

/// "The N logins that will be sent", listed.
fn sent(logins: &[String]) -> Block {
    Block::Logins(
        format!("The {} logins that will be sent", count(logins.len())),
        texts::listed(logins, LISTED),
    )
}

/// The permission the token needs; the demo sends nothing, so it needs none.
fn permission(blocks: &mut Vec<Block>, simulated: bool, text: fn() -> String) {
    if !simulated {
        blocks.push(Block::Hint(text()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::writes::plan_removal;

    fn texts_of(c: &Confirmation) -> Vec<String> {
        c.blocks
            .iter()
            .flat_map(|b| match b {
                Block::Text(t) | Block::Hint(t) => vec![t.clone()],
                Block::Figures(f) => f.iter().map(|(l, v)| format!("{l}: {v}")).collect(),
                Block::Logins(s, l) => vec![format!("{s}: {l}")],
                Block::Groups(h, g) => std::iter::once(h.clone())
                    .chain(g.iter().map(|(w, l)| format!("{w}: {l}")))
                    .collect(),
            })
            .collect()
    }

    #[test]
    fn assign_says_the_exact_request_cost_and_permission() {
        let plan = AssignPlan {
            send: vec!["ana".into(), "bo".into(), "cy".into()],
            has_seat: vec!["dee".into()],
        };
        let c = assign("acme", &plan, Cents(1950), Some("pool".into()), false);
        assert_eq!(c.title, "Assign 3 Copilot seats?");
        assert_eq!(c.confirm, "Assign 3 seats");
        assert!(c.sends);
        let t = texts_of(&c);
        assert!(
            t[0].contains("POST /orgs/acme/copilot/billing/selected_users")
                && t[0].contains(r#"{"selected_usernames":["ana","bo","cy"]}"#),
            "{}",
            t[0]
        );
        assert_eq!(t[1], "Seats to assign: 3");
        assert_eq!(t[2], "Monthly cost added (estimate): $58.50");
        assert_eq!(t[4], "pool");
        assert_eq!(t[5], "The 3 logins that will be sent: ana, bo, cy");
        assert_eq!(t[6], "Not sent, they hold a seat already: dee");
        assert_eq!(t.last(), Some(&texts::assign_permission()));
    }

    #[test]
    fn the_demo_sends_nothing_and_needs_no_permission() {
        let plan = AssignPlan {
            send: vec!["ana".into()],
            has_seat: vec![],
        };
        let c = assign("acme", &plan, Cents(1900), None, true);
        let t = texts_of(&c);
        assert_eq!(t[0], texts::DEMO_ASSIGN);
        assert!(!t.contains(&texts::assign_permission()));
        // One login: no list of one.
        assert!(!t.iter().any(|l| l.starts_with("The 1 logins")));
        let nothing = assign("acme", &AssignPlan::default(), Cents(1900), None, true);
        assert!(!nothing.sends);
    }

    #[test]
    fn removal_lists_what_is_sent_and_what_is_not() {
        use crate::models::Seat;
        let seat = |json: &str| serde_json::from_str::<Seat>(json).unwrap();
        let seats = [
            seat(r#"{"created_at":"2024-01-01T00:00:00Z","assignee":{"login":"ana"}}"#),
            seat(
                r#"{"created_at":"2024-01-01T00:00:00Z","assignee":{"login":"bo"},"pending_cancellation_date":"2024-02-01"}"#,
            ),
        ];
        let plan = plan_removal(&seats);
        let c = removal(
            "acme",
            &plan,
            Cents(1900),
            NaiveDate::from_ymd_opt(2024, 2, 1).unwrap(),
            false,
        );
        assert_eq!(c.title, "Remove 1 Copilot seat?");
        let t = texts_of(&c);
        assert!(t[0].contains("DELETE"), "{}", t[0]);
        assert_eq!(t[1], "Seats to remove: 1");
        assert_eq!(
            t[2],
            "Monthly saving from the next billing cycle (estimate): $19"
        );
        assert_eq!(t[4], "The 1 logins that will be sent: ana");
        assert_eq!(t[5], "Not sent: 1");
        assert!(t[6].ends_with("(1): bo"), "{}", t[6]);
    }

    #[test]
    fn team_says_its_request_and_that_seats_follow_membership() {
        let c = team(
            "acme",
            false,
            "research",
            "Research",
            "effect".into(),
            false,
        );
        assert_eq!(c.title, texts::team_title(false, "Research"));
        let t = texts_of(&c);
        assert!(
            t[0].contains("DELETE /orgs/acme/copilot/billing/selected_teams")
                && t[0].contains(r#"{"selected_teams":["research"]}"#),
            "{}",
            t[0]
        );
        assert_eq!(t[1], "effect");
        assert_eq!(t[2], TEAM_SEATS);
        let r = restore("acme", "ana", true);
        assert_eq!(texts_of(&r), vec![texts::DEMO_RESTORE.to_string()]);
    }
}
