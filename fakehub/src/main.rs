//! `fakehub [--port 8787] [--host 127.0.0.1] [--latency-ms 0] [--points-per-minute N] [--app-dir DIR --app-port 8080 --app-base /]`

use std::process::ExitCode;

use fakehub::{parse_args, start, Command, USAGE};

#[tokio::main]
async fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Run(config)) => config,
        Ok(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("fakehub: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let running = match start(config.clone()).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("fakehub: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("fakehub API listening on {}", running.api_url());
    if let (Some(dir), Some(addr)) = (&config.app_dir, running.app_addr) {
        println!(
            "app served from {} on http://{addr}{}",
            dir.display(),
            config.app_base
        );
    }
    wait_for_signal().await;
    running.shutdown().await;
    ExitCode::SUCCESS
}

/// SIGINT (Ctrl-C) or SIGTERM.
async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
