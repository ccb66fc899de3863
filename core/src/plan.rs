//! Copilot plans as GitHub names them in `plan_type`: their labels and list prices, in one
//! place for every view.

use crate::money::Cents;

/// Copilot Business list price per seat per month.
pub const BUSINESS_PRICE: Cents = Cents::dollars(19);
/// Copilot Enterprise list price per seat per month.
pub const ENTERPRISE_PRICE: Cents = Cents::dollars(39);

/// A seat's or an organization's `plan_type`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PlanType {
    /// `business`.
    Business,
    /// `enterprise`.
    Enterprise,
    /// Anything else GitHub may add, as sent.
    Other(Box<str>),
}

impl PlanType {
    /// Decodes GitHub's value (case-insensitively); `None` for a missing or empty one.
    pub fn parse(raw: Option<&str>) -> Option<Self> {
        match raw? {
            "" => None,
            p if p.eq_ignore_ascii_case("business") => Some(Self::Business),
            p if p.eq_ignore_ascii_case("enterprise") => Some(Self::Enterprise),
            p => Some(Self::Other(p.into())),
        }
    }

    /// GitHub's value: `business`, `enterprise`, or the unknown one as sent.
    pub fn github_name(&self) -> &str {
        match self {
            Self::Business => "business",
            Self::Enterprise => "enterprise",
            Self::Other(p) => p,
        }
    }

    /// The plan most of `plans` are on (a report file's seats, which carry no billing object):
    /// Enterprise when more seats are on it than on Business, else Business; `None` when no
    /// seat names either.
    pub fn majority<'a>(plans: impl IntoIterator<Item = Option<&'a str>>) -> Option<Self> {
        let (mut business, mut enterprise) = (0usize, 0usize);
        for plan in plans {
            match Self::parse(plan) {
                Some(Self::Business) => business += 1,
                Some(Self::Enterprise) => enterprise += 1,
                _ => {}
            }
        }
        match (business, enterprise) {
            (0, 0) => None,
            (b, e) if e > b => Some(Self::Enterprise),
            _ => Some(Self::Business),
        }
    }

    /// The list price per seat per month (Business's for a plan this app does not know).
    pub fn list_price(&self) -> Cents {
        match self {
            Self::Enterprise => ENTERPRISE_PRICE,
            Self::Business | Self::Other(_) => BUSINESS_PRICE,
        }
    }

    /// "Business", "Enterprise", or the raw value cut to `max` characters.
    pub fn short_label(&self, max: usize) -> String {
        match self {
            Self::Business => "Business".into(),
            Self::Enterprise => "Enterprise".into(),
            Self::Other(p) => p.chars().take(max).collect(),
        }
    }

    /// "Copilot Business", "Copilot Enterprise", or the raw value (at most 40 characters).
    pub fn label(&self) -> String {
        match self {
            Self::Business | Self::Enterprise => format!("Copilot {}", self.short_label(0)),
            Self::Other(_) => self.short_label(40),
        }
    }
}

/// The list prices in words: "Business $19, Enterprise $39".
pub fn list_prices() -> String {
    format!("Business {BUSINESS_PRICE}, Enterprise {ENTERPRISE_PRICE}")
}

/// Beside the editable price: the list prices, and why GitHub's bill can differ.
pub fn price_note() -> String {
    format!(
        "List prices: {}. GitHub prorates added seats, so its bill can differ.",
        list_prices()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_files_plan_is_the_one_most_seats_are_on() {
        let seats = [
            Some("business"),
            Some("Enterprise"),
            Some("ENTERPRISE"),
            None,
            Some("x"),
        ];
        assert_eq!(PlanType::majority(seats), Some(PlanType::Enterprise));
        assert_eq!(
            PlanType::majority([Some("enterprise"), Some("business")]),
            Some(PlanType::Business),
            "a tie is Business"
        );
        assert_eq!(PlanType::majority([None, Some(""), Some("x")]), None);
        assert_eq!(PlanType::Enterprise.github_name(), "enterprise");
    }

    #[test]
    fn plans_decode_case_insensitively_and_keep_what_they_do_not_know() {
        assert_eq!(PlanType::parse(Some("Business")), Some(PlanType::Business));
        assert_eq!(
            PlanType::parse(Some("ENTERPRISE")),
            Some(PlanType::Enterprise)
        );
        assert_eq!(PlanType::parse(Some("")), None);
        assert_eq!(PlanType::parse(None), None);
        let other = PlanType::parse(Some("unknown-future-plan-with-a-long-name")).unwrap();
        assert_eq!(other.list_price(), BUSINESS_PRICE);
        assert_eq!(other.short_label(7), "unknown");
        assert_eq!(PlanType::Enterprise.label(), "Copilot Enterprise");
        assert_eq!(PlanType::Business.short_label(20), "Business");
    }

    #[test]
    fn the_price_note_names_the_constants() {
        assert_eq!(
            price_note(),
            "List prices: Business $19, Enterprise $39. GitHub prorates added seats, so its bill can differ."
        );
    }
}
