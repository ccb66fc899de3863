//! Presentational components: data comes in through props; none of them fetch.

pub(crate) mod access_list;
pub(crate) mod bar_chart;
pub(crate) mod changes_section;
pub(crate) mod confirm_dialog;
pub(crate) mod connect_form;
pub(crate) mod enterprise_overview;
pub(crate) mod error_alert;
pub(crate) mod load_status;
pub(crate) mod members_section;
pub(crate) mod overview_card;
pub(crate) mod reclaim_section;
pub(crate) mod report_picker;
pub(crate) mod restore_access;
pub(crate) mod rich_text;
pub mod seat_table;
pub(crate) mod spend_card;
pub(crate) mod usage_charts;
pub(crate) mod user_usage;
pub(crate) mod when;
