//! Teams: names people really type, including CSV and formula-injection bait.
//!
//! Teams `0..TEAMS.len()` grant seats in generation; [`EXTRA_TEAMS`] follow them and grant none.

use super::*;

/// The teams that grant seats in generation (a seat's `assigning_team`).
pub(super) const TEAMS: [(&str, Option<&str>); 18] = [
    ("Engineering", Some("Everyone who ships code.")),
    (
        "Platform, Infra & SRE",
        Some("Keeps the lights on, mostly."),
    ),
    ("The \"A\" Team", None),
    ("Data\nScience", Some("Notebooks, \"models\", dashboards.")),
    ("🚀 Launch Crew", Some("Go-to-market 🚀")),
    (
        "=HYPERLINK(\"https://evil.example.com\",\"Click me\")",
        Some("=1+1"),
    ),
    ("+Contractors", None),
    ("-Interns", Some("Summer cohort")),
    ("@frontend", Some("@here for UI")),
    ("Équipe Données", Some("Équipe basée à Montréal")),
    ("開発チーム", Some("東京オフィス")),
    ("Mobile", Some("iOS & Android")),
    ("QA; Release", None),
    ("\tTabbed Team", None),
    (
        "Security",
        Some("AppSec, red team, <script>alert(1)</script>"),
    ),
    ("Design,UX", None),
    ("Ünïcödé Ops", None),
    ("backend", Some("")),
];

/// Teams that exist in every generated organization but grant no seat as generated: their members
/// are the seat holders who joined them and members without a seat.
pub(super) const EXTRA_TEAMS: [(&str, Option<&str>); 3] = [
    ("Research", Some("Labs, prototypes & \"experiments\"")),
    ("Support Rotation", None),
    ("Alumni, Advisors", Some("")),
];

/// How many teams a generated organization has: [`TEAMS`], then [`EXTRA_TEAMS`].
pub fn team_count() -> usize {
    TEAMS.len() + EXTRA_TEAMS.len()
}

/// Name and description of `team`, `None` past [`team_count`].
fn entry(team: usize) -> Option<(&'static str, Option<&'static str>)> {
    TEAMS
        .get(team)
        .or_else(|| EXTRA_TEAMS.get(team.checked_sub(TEAMS.len())?))
        .copied()
}

/// The team's name as GitHub shows it (`""` past [`team_count`]).
pub fn team_name(team: usize) -> &'static str {
    entry(team).map_or("", |(name, _)| name)
}

/// The team's slug, unique within the organization (`team-N` past [`team_count`]).
pub fn team_slug(team: usize) -> String {
    slug(team_name(team), team)
}

pub(super) fn slug(name: &str, index: usize) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        format!("team-{index}")
    } else {
        out
    }
}

/// The team as GitHub's "Team" object (a seat's `assigning_team`, an item of `GET /orgs/{org}/teams`),
/// with every field the schema requires, `type` included. Any index yields a team.
pub fn team_json(spec: &OrgSpec, team: usize) -> Value {
    let (name, description) = entry(team).unwrap_or(("", None));
    let id = 100_000 + spec.seed % 9_000_000 + team as u64;
    let slug = slug(name, team);
    let mut m = Map::new();
    m.insert("id".into(), id.into());
    m.insert(
        "node_id".into(),
        base64(format!("04:Team{id}").as_bytes()).into(),
    );
    m.insert(
        "url".into(),
        format!("https://api.github.com/teams/{id}").into(),
    );
    m.insert(
        "html_url".into(),
        format!("https://github.com/orgs/{}/teams/{slug}", spec.name).into(),
    );
    m.insert("name".into(), name.into());
    m.insert("slug".into(), slug.into());
    m.insert(
        "description".into(),
        description.map_or(Value::Null, Value::from),
    );
    m.insert(
        "privacy".into(),
        if team.is_multiple_of(3) {
            "secret"
        } else {
            "closed"
        }
        .into(),
    );
    m.insert(
        "notification_setting".into(),
        "notifications_enabled".into(),
    );
    m.insert("permission".into(), "pull".into());
    m.insert(
        "members_url".into(),
        format!("https://api.github.com/teams/{id}/members{{/member}}").into(),
    );
    m.insert(
        "repositories_url".into(),
        format!("https://api.github.com/teams/{id}/repos").into(),
    );
    m.insert("parent".into(), Value::Null);
    // GitHub's schema requires it (its seat examples predate it).
    m.insert("type".into(), "organization".into());
    Value::Object(m)
}
