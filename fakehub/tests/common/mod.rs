//! Starts a fakehub in-process on a free port and talks real HTTP to it.

#![allow(dead_code)]

pub mod seat_client;

use std::time::Duration;

use fakehub::{start, Config, Running};
use reqwest::{Client, Method, RequestBuilder, Response};

pub struct Hub {
    pub running: Running,
    pub url: String,
    pub client: Client,
}

pub async fn hub() -> Hub {
    let running = start(Config {
        port: 0,
        ..Config::default()
    })
    .await
    .expect("fakehub starts");
    let url = running.api_url();
    let client = Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    Hub {
        running,
        url,
        client,
    }
}

impl Hub {
    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let rb = self.client.request(method, format!("{}{path}", self.url));
        match token {
            Some(t) => rb.header("authorization", format!("Bearer {t}")),
            None => rb,
        }
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(Method::GET, path, Some("good-token"))
            .send()
            .await
            .expect("response")
    }

    pub async fn get_as(&self, path: &str, token: Option<&str>) -> Response {
        self.request(Method::GET, path, token)
            .send()
            .await
            .expect("response")
    }

    pub async fn json(&self, path: &str) -> serde_json::Value {
        let r = self.get(path).await;
        assert_eq!(r.status(), 200, "{path}");
        r.json().await.unwrap()
    }

    /// `GET /_fakehub/requests`: the request log.
    pub async fn log(&self) -> Vec<serde_json::Value> {
        self.admin(Method::GET, "/_fakehub/requests")
            .await
            .json()
            .await
            .unwrap()
    }

    /// An admin request (`/_fakehub/...`, with its query).
    pub async fn admin(&self, method: Method, path: &str) -> Response {
        self.client
            .request(method, format!("{}{path}", self.url))
            .send()
            .await
            .unwrap()
    }

    pub async fn reset(&self) {
        let r = self
            .client
            .delete(format!("{}/_fakehub/requests", self.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 204);
    }
}

impl Hub {
    /// Every page of a list from `path` (with its query), following `next` links as a client
    /// must (never stopping by count), as `good-token`; each page must answer 200.
    pub async fn all_pages(&self, path: &str) -> Vec<serde_json::Value> {
        let mut pages = Vec::new();
        let mut next = Some(format!("{}{path}", self.url));
        while let Some(url) = next {
            let r = self
                .client
                .get(&url)
                .header("authorization", "Bearer good-token")
                .send()
                .await
                .expect("response");
            assert_eq!(r.status(), 200, "{url}");
            next = header(&r, "link").and_then(|l| {
                l.split(", ")
                    .find(|p| p.ends_with("rel=\"next\""))
                    .map(|p| p[1..p.find('>').unwrap()].to_string())
            });
            pages.push(r.json().await.expect("JSON"));
        }
        pages
    }
}

/// The first day of next month (`YYYY-MM-DD`): the pending cancellation date a removal sets.
pub fn next_month() -> String {
    use chrono::Datelike;
    let now = chrono::Utc::now();
    let (y, m) = if now.month() == 12 {
        (now.year() + 1, 1)
    } else {
        (now.year(), now.month() + 1)
    };
    format!("{y:04}-{m:02}-01")
}

/// Asserts GitHub's answer to a write with `readonly-token` (`read:org` only): 403 with the
/// scope headers and an error body pointing at the call's documentation (which contains `docs`).
pub async fn assert_read_only_refusal(r: Response, docs: &str) {
    assert_eq!(r.status(), 403);
    assert_eq!(header(&r, "x-oauth-scopes"), Some("read:org"));
    assert_eq!(
        header(&r, "x-accepted-oauth-scopes"),
        Some("admin:org, manage_billing:copilot")
    );
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["status"], "403");
    let url = v["documentation_url"].as_str().unwrap();
    assert!(url.contains(docs), "{url}");
}

pub fn header<'a>(r: &'a Response, name: &str) -> Option<&'a str> {
    r.headers().get(name).and_then(|v| v.to_str().ok())
}

pub fn seats_len(v: &serde_json::Value) -> usize {
    v["seats"].as_array().expect("seats array").len()
}

/// GitHub's OpenAPI excerpt of one operation (`fixtures/github-api/openapi/{operation}.json`,
/// copied from `shared/github-api/openapi/` with its README so that a clone anywhere has it), or
/// from `$GITHUB_OPENAPI_DIR`.
pub fn openapi(operation: &str) -> serde_json::Value {
    let file = format!("{operation}.json");
    let dir = std::env::var_os("GITHUB_OPENAPI_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/github-api/openapi")
        });
    let path = dir.join(&file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("an OpenAPI excerpt is JSON")
}

/// Asserts that `body` matches GitHub's schema of `operation`'s `status` answer.
pub fn assert_schema(operation: &str, status: u16, body: &serde_json::Value) {
    let schema = openapi(operation)["responses"][status.to_string()]["schema"].clone();
    assert!(schema.is_object(), "{operation} has no {status} schema");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator.iter_errors(body).map(|e| e.to_string()).collect();
    assert!(
        errors.is_empty(),
        "{operation} {status}: {errors:?}\n{body}"
    );
}
