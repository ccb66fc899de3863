//! The access list's view as it lives in the URL: sort, direction, search, filter and the
//! reclaim thresholds. Parsed from and written to query pairs in one place, so links,
//! Back/Forward and the views agree.

use crate::filter::Filter;
use crate::reclaim::ReclaimRules;
use crate::table::{Column, Direction};

/// The default sort: least recent use first, the seats to review.
pub const DEFAULT_SORT: Column = Column::LastActivity;

/// What the access list shows and in which order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TableQuery {
    /// The sorted column.
    pub sort: Column,
    /// Its direction.
    pub direction: Direction,
    /// Text searched in logins ("" = everything).
    pub search: String,
    /// The overview's (or a chart's, or the reclaim section's) subset.
    pub filter: Filter,
    /// The reclaim thresholds (`idle`, `grace`), kept in the URL so a link shows the same
    /// figures to whoever opens it.
    pub rules: ReclaimRules,
}

impl Default for TableQuery {
    fn default() -> Self {
        Self {
            sort: DEFAULT_SORT,
            direction: Direction::Asc,
            search: String::new(),
            filter: Filter::All,
            rules: ReclaimRules::default(),
        }
    }
}

impl TableQuery {
    /// The query keys this type owns; every other key of the URL is left alone.
    pub const KEYS: [&'static str; 6] = ["sort", "dir", "q", "filter", "idle", "grace"];

    /// Reads the view from URL query pairs. Unknown or malformed values fall back to the
    /// default, so a hand-edited link never breaks the page.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> Self {
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k.as_ref() == name)
                .map(|(_, v)| v.as_ref())
        };
        Self {
            sort: get("sort")
                .and_then(Column::from_key)
                .unwrap_or(DEFAULT_SORT),
            direction: get("dir").and_then(Direction::from_key).unwrap_or_default(),
            search: get("q").unwrap_or_default().to_string(),
            filter: get("filter")
                .map(|f| Filter::from_query(f, get("idle"), get("grace")))
                .unwrap_or_default(),
            rules: ReclaimRules::from_params(get("idle"), get("grace")),
        }
    }

    /// The pairs that write this view into a URL, each key of [`TableQuery::KEYS`] once: the
    /// sort and its direction always (a shared link sorts the same even if the default changes),
    /// search, filter and thresholds only when set (`None` removes the key).
    pub fn to_pairs(&self) -> Vec<(&'static str, Option<String>)> {
        let sort = Some(self.sort.key().to_string());
        let dir = Some(self.direction.key().to_string());
        let search = (!self.search.is_empty()).then(|| self.search.clone());
        let filter = (self.filter != Filter::All).then(|| self.filter.key());
        let rules = match &self.filter {
            Filter::Reclaimable(r) => *r,
            _ => self.rules,
        };
        let custom =
            rules != ReclaimRules::default() || matches!(self.filter, Filter::Reclaimable(_));
        vec![
            ("sort", sort),
            ("dir", dir),
            ("q", search),
            ("filter", filter),
            ("idle", custom.then(|| rules.idle_days.to_string())),
            ("grace", custom.then(|| rules.grace_days.to_string())),
        ]
    }

    /// The view after a click on `column`'s header: the same column flips direction, another
    /// column sorts ascending.
    pub fn sorted_by(&self, column: Column) -> Self {
        let direction = if column == self.sort {
            self.direction.flip()
        } else {
            Direction::Asc
        };
        Self {
            sort: column,
            direction,
            ..self.clone()
        }
    }

    /// The same view with another search text.
    pub fn searching(&self, search: &str) -> Self {
        Self {
            search: search.to_string(),
            ..self.clone()
        }
    }

    /// The same view with other reclaim thresholds; a list filtered to the reclaimable seats
    /// follows them.
    pub fn with_rules(&self, rules: ReclaimRules) -> Self {
        let filter = match self.filter {
            Filter::Reclaimable(_) => Filter::Reclaimable(rules),
            ref other => other.clone(),
        };
        Self {
            rules,
            filter,
            ..self.clone()
        }
    }

    /// The same view with another filter.
    pub fn filtered(&self, filter: Filter) -> Self {
        Self {
            filter,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(q: &TableQuery) -> TableQuery {
        let pairs: Vec<(&str, String)> = q
            .to_pairs()
            .into_iter()
            .filter_map(|(k, v)| Some((k, v?)))
            .collect();
        TableQuery::from_pairs(&pairs)
    }

    #[test]
    fn every_view_round_trips_through_the_url() {
        for column in Column::ENTERPRISE {
            for direction in [Direction::Asc, Direction::Desc] {
                for filter in [
                    Filter::All,
                    Filter::IdleDays(30),
                    Filter::NeverAuthenticated,
                    Filter::PendingCancellation,
                    Filter::Reclaimable(ReclaimRules::new(45, 10)),
                    Filter::Team("Platform, \\ team".into()),
                    Filter::Organization("acme-west".into()),
                ] {
                    let rules = match &filter {
                        Filter::Reclaimable(r) => *r,
                        _ => ReclaimRules::new(90, 0),
                    };
                    let q = TableQuery {
                        sort: column,
                        direction,
                        search: "a b&c=d".into(),
                        filter,
                        rules,
                    };
                    assert_eq!(round_trip(&q), q);
                }
            }
        }
    }

    #[test]
    fn defaults_write_only_the_sort_and_junk_falls_back() {
        let pairs = TableQuery::default().to_pairs();
        assert_eq!(pairs[0], ("sort", Some("last_activity".to_string())));
        assert_eq!(pairs[1], ("dir", Some("asc".to_string())));
        assert!(pairs[2..].iter().all(|(_, v)| v.is_none()));
        let q = TableQuery::from_pairs(&[("sort", "nonsense"), ("dir", "up"), ("filter", "x")]);
        assert_eq!(q, TableQuery::default());
    }

    #[test]
    fn new_thresholds_carry_a_reclaimable_filter_with_them() {
        let q = TableQuery::default().filtered(Filter::Reclaimable(ReclaimRules::default()));
        let r = ReclaimRules::new(120, 7);
        let moved = q.with_rules(r);
        assert_eq!(moved.filter, Filter::Reclaimable(r));
        assert_eq!(round_trip(&moved), moved);
        let other = TableQuery::default().with_rules(r);
        assert_eq!(other.filter, Filter::All);
        assert_eq!(round_trip(&other).rules, r);
    }

    #[test]
    fn header_clicks_flip_or_reset_direction() {
        let q = TableQuery::default();
        let again = q.sorted_by(DEFAULT_SORT);
        assert_eq!(again.direction, Direction::Desc);
        assert_eq!(again.sorted_by(DEFAULT_SORT).direction, Direction::Asc);
        let other = again.sorted_by(Column::User);
        assert_eq!(
            (other.sort, other.direction),
            (Column::User, Direction::Asc)
        );
    }
}
