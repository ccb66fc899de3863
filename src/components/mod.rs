//! Presentational components: data comes in through props; none of them fetch.

pub mod access_list;
pub mod bar_chart;
pub mod changes_section;
pub mod confirm_dialog;
pub mod connect_form;
pub mod enterprise_overview;
pub mod error_alert;
pub mod load_status;
pub mod overview_card;
pub mod reclaim_section;
pub mod remove_dialog;
pub mod report_picker;
pub mod restore_access;
pub mod seat_table;
pub mod spend_card;
pub mod usage_charts;
pub mod user_usage;
