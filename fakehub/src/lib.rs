//! fakehub: a GitHub-faithful fake of GitHub's Copilot seat REST endpoints.
//!
//! It speaks what the app reads from api.github.com (billing, seats with `Link` paging, one
//! member's seat, enterprise seats, the organization's members and teams, assigning, removing and
//! giving back seats for users and teams, remembered per organization) with GitHub's CORS
//! rules, rate-limit
//! headers, tokens and error bodies, and it serves named organizations that each stage one
//! situation: GitHub's official examples, a realistic 3,000-seat organization, `big-N` for
//! benchmarks, and fault scenarios (rate limits, 502s, truncated or dropped bodies, hangs,
//! foreign `Link` URLs). Seats are generated page by page from `seat_core::generate`, so a
//! 2,000,000-seat organization costs no memory.
//!
//! Start it in-process with [`start`] (tests do), or run the `fakehub` binary:
//! `fakehub [--port 8787] [--host 127.0.0.1] [--latency-ms 0] [--points-per-minute N] [--app-dir DIR --app-port 8080 --app-base /]`.
//!
//! GitHub's secondary rate limits (points a minute and concurrent requests per token, answered
//! 403/429 with `retry-after`) are enforced only when asked: `PUT /_fakehub/limits` or
//! `--points-per-minute` (see the `limits` module).

mod admin;
mod api;
mod billing;
mod edge;
mod enterprise;
mod github;
mod limits;
mod orgs;
mod people;
mod state;
mod writes;

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tower_http::services::{ServeDir, ServeFile};

pub use limits::Limits;
pub use state::LoggedRequest;
use state::{AppState, Shared};

/// How to run fakehub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Address to bind both listeners to.
    pub host: String,
    /// Port of the API listener; 0 picks a free port.
    pub port: u16,
    /// Latency added to every API request (changeable at run time through `/_fakehub/latency`).
    pub latency_ms: u64,
    /// A built app (`dist/`) to serve on a second listener, with `index.html` for unknown paths.
    pub app_dir: Option<PathBuf>,
    /// Port of the app listener; 0 picks a free port.
    pub app_port: u16,
    /// The path the app is served under: `/` (unknown paths get `index.html`), or a sub-path such
    /// as `/repo/` served the way GitHub Pages does (unknown paths get `404.html`, status 404).
    pub app_base: String,
    /// GitHub's secondary limits, enforced from the start (changeable at run time through
    /// `/_fakehub/limits`); `None`: not enforced.
    pub limits: Option<Limits>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 8787,
            latency_ms: 0,
            app_dir: None,
            app_port: 8080,
            app_base: "/".into(),
            limits: None,
        }
    }
}

/// Command-line usage.
pub const USAGE: &str =
    "usage: fakehub [--port 8787] [--host 127.0.0.1] [--latency-ms 0] [--points-per-minute N]
  [--app-dir DIR --app-port 8080 --app-base /]

A fake of GitHub's Copilot seat REST endpoints. Port 0 picks a free port.
Organizations: octo-examples, acme, big-N (N <= 2000000), empty, enterprise-co, assign-all,
  unconfigured, overspend, legacy-billing, rate-limited, secondary-limited, flaky, truncated,
  missing, billing-problem, slow, timeout, dropped, foreign-link, repeat, persistent-502.
Enterprises: octo-enterprise, big-enterprise, acme-enterprise, huge-enterprise,
  drifting-enterprise (total_seats one more than the people listed).
Tokens: good-token, noscope-token, sso-token, nonowner-token, nobilling-token, readonly-token,
  fine-grained-token (the enterprise seat list answers classic tokens only);
  anything else is bad credentials.
Members and teams: GET /orgs/ORG/members, /orgs/ORG/teams, /orgs/ORG/teams/SLUG/members
  (paged, 30 a page by default; the seat holders, then spec.seats/20+3 members without a seat;
  read:org or the fine-grained Members permission; nobilling-token has not it).
Writes: POST|DELETE /orgs/ORG/copilot/billing/selected_users (POST adds a seat to a member
  without one) and .../selected_teams (every member of the team) change seats until a reset.
Secondary limits (off unless asked): per token, N points in any window (GET/HEAD 1, writes 5;
  preflights free), over them 403 with retry-after; over the concurrent requests 429 with
  retry-after: 1. --points-per-minute N turns them on (window 60 s, 100 concurrent).
Admin: GET /_fakehub/requests (the log, with bodies and statuses); DELETE /_fakehub/requests
  (reset: log, faults, rate windows and seat writes); PUT /_fakehub/latency?ms=N;
  PUT /_fakehub/limits?points=900&window_ms=60000&concurrent=100, GET and DELETE (off)
  /_fakehub/limits; GET /_fakehub/health.";

/// What the command line asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Run with this configuration.
    Run(Config),
    /// Print [`USAGE`] and exit.
    Help,
}

/// Parses the arguments after the program name (`--flag value` or `--flag=value`).
pub fn parse_args<I, S>(args: I) -> Result<Command, String>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut config = Config::default();
    let mut args = args.into_iter().map(Into::into);
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = || -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        let number = |v: String| -> Result<u64, String> {
            v.parse::<u64>()
                .map_err(|_| format!("{flag}: {v:?} is not a non-negative number"))
        };
        match flag.as_str() {
            "--port" => config.port = port(number(value()?)?, &flag)?,
            "--app-port" => config.app_port = port(number(value()?)?, &flag)?,
            "--host" => config.host = value()?,
            "--latency-ms" => config.latency_ms = number(value()?)?,
            "--points-per-minute" => {
                let points = number(value()?)?;
                if points == 0 {
                    return Err(format!("{flag}: must be at least 1"));
                }
                config.limits = Some(Limits {
                    points,
                    ..Limits::default()
                });
            }
            "--app-dir" => config.app_dir = Some(PathBuf::from(value()?)),
            "--app-base" => {
                let base = value()?;
                if !base.starts_with('/') || !base.ends_with('/') {
                    return Err(format!("{flag}: {base:?} must start and end with /"));
                }
                config.app_base = base;
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Command::Run(config))
}

fn port(n: u64, flag: &str) -> Result<u16, String> {
    u16::try_from(n).map_err(|_| format!("{flag}: {n} is not a port"))
}

/// A running fakehub: its addresses, and the handle that stops it.
pub struct Running {
    /// Where the API listens.
    pub api_addr: SocketAddr,
    /// Where the app is served, when an app directory was given.
    pub app_addr: Option<SocketAddr>,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl Running {
    /// `http://HOST:PORT` of the API.
    pub fn api_url(&self) -> String {
        format!("http://{}", self.api_addr)
    }

    /// Stops accepting, lets requests in flight end (hanging scenarios give up at once), and
    /// waits at most two seconds for that.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(2), task)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
    }
}

/// The API router (GitHub's endpoints plus `/_fakehub` admin), without a listener.
pub fn api_router(shared: AppState) -> Router {
    Router::new()
        .route(
            "/_fakehub/requests",
            get(admin::list_requests).delete(admin::clear_requests),
        )
        .route(
            "/_fakehub/latency",
            get(admin::get_latency).put(admin::set_latency),
        )
        .route(
            "/_fakehub/limits",
            get(admin::get_limits)
                .put(admin::set_limits)
                .delete(admin::clear_limits),
        )
        .route("/_fakehub/health", get(admin::health))
        .fallback(api::handle)
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            edge::edge,
        ))
        .with_state(shared)
}

/// The static app router. At `/`: files from `dir`, `index.html` for any path that is not a
/// file, so a deep link of the single-page app survives a reload. Under a sub-path: like GitHub
/// Pages, files under that path and `404.html` (with status 404) for anything else.
pub fn app_router(dir: PathBuf, base: &str) -> Router {
    if base == "/" {
        let index = ServeFile::new(dir.join("index.html"));
        return Router::new().fallback_service(ServeDir::new(dir).fallback(index));
    }
    let not_found = ServeFile::new(dir.join("404.html"));
    Router::new().nest_service(
        base.trim_end_matches('/'),
        ServeDir::new(dir).not_found_service(not_found),
    )
}

/// Binds the listeners and serves until [`Running::shutdown`].
pub async fn start(config: Config) -> io::Result<Running> {
    let (stop, stopped) = watch::channel(false);
    let shared = Shared::new(config.latency_ms, stopped.clone());
    state::lock(&shared.secondary).setting = config.limits;
    let listener = TcpListener::bind((config.host.as_str(), config.port)).await?;
    let api_addr = listener.local_addr()?;
    let mut tasks = vec![serve(listener, api_router(shared), stopped.clone())];
    let mut app_addr = None;
    if let Some(dir) = &config.app_dir {
        if !dir.join("index.html").is_file() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("{} has no index.html", dir.display()),
            ));
        }
        let listener = TcpListener::bind((config.host.as_str(), config.app_port)).await?;
        app_addr = Some(listener.local_addr()?);
        tasks.push(serve(
            listener,
            app_router(dir.clone(), &config.app_base),
            stopped,
        ));
    }
    Ok(Running {
        api_addr,
        app_addr,
        stop,
        tasks,
    })
}

fn serve(
    listener: TcpListener,
    router: Router,
    mut stopped: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let shutdown = async move {
            let _ = stopped.wait_for(|s| *s).await;
        };
        if let Err(e) = axum::serve(listener, router)
            .with_graceful_shutdown(shutdown)
            .await
        {
            eprintln!("fakehub: server error: {e}");
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_flags() {
        assert_eq!(
            parse_args(Vec::<String>::new()),
            Ok(Command::Run(Config::default()))
        );
        let c = parse_args([
            "--port",
            "0",
            "--host=0.0.0.0",
            "--latency-ms",
            "25",
            "--app-dir",
            "dist",
            "--app-port=0",
            "--app-base",
            "/repo/",
        ])
        .unwrap();
        assert_eq!(
            c,
            Command::Run(Config {
                host: "0.0.0.0".into(),
                port: 0,
                latency_ms: 25,
                app_dir: Some(PathBuf::from("dist")),
                app_port: 0,
                app_base: "/repo/".into(),
                limits: None,
            })
        );
        assert_eq!(
            parse_args(["--points-per-minute", "90"]),
            Ok(Command::Run(Config {
                limits: Some(Limits {
                    points: 90,
                    window_ms: 60_000,
                    concurrent: 100
                }),
                ..Config::default()
            }))
        );
        assert!(parse_args(["--points-per-minute", "0"]).is_err());
        assert!(parse_args(["--app-base", "repo"])
            .unwrap_err()
            .contains("start and end with /"));
        assert_eq!(parse_args(["--help"]), Ok(Command::Help));
        assert!(parse_args(["--port"])
            .unwrap_err()
            .contains("needs a value"));
        assert!(parse_args(["--port", "70000"]).is_err());
        assert!(parse_args(["--latency-ms", "-1"]).is_err());
        assert!(parse_args(["--nope"]).unwrap_err().contains("unknown"));
    }
}
