//! Entry point: install the panic hook, mount the app. Everything else lives in the library so
//! tests can reach it.

fn main() {
    copilot_seat_review::browser::install_panic_hook();
    leptos::mount::mount_to_body(copilot_seat_review::app::App);
}
