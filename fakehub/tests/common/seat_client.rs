//! seat-core's client over real HTTP and the wall clock, the way the app drives it.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use seat_core::error::{ApiError, RawResponse};
use seat_core::loader::{Clock, Transport, WriteMethod};

/// seat-core's transport over reqwest.
pub struct Http(pub reqwest::Client);

impl Http {
    async fn run(&self, rb: reqwest::RequestBuilder, token: &str) -> Result<RawResponse, ApiError> {
        let resp = rb
            .header("accept", "application/vnd.github+json")
            .header("authorization", format!("Bearer {token}"))
            .send()
            .await
            .map_err(|e| ApiError::Network {
                detail: e.to_string(),
            })?;
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let body = resp.text().await.map_err(|e| ApiError::Network {
            detail: e.to_string(),
        })?;
        Ok(RawResponse {
            status,
            headers,
            body,
        })
    }
}

impl Transport for &Http {
    async fn get(&self, url: &str, token: &str) -> Result<RawResponse, ApiError> {
        self.run(self.0.get(url), token).await
    }

    async fn send(
        &self,
        method: WriteMethod,
        url: &str,
        token: &str,
        body: &str,
    ) -> Result<RawResponse, ApiError> {
        let rb = match method {
            WriteMethod::Delete => self.0.delete(url),
            WriteMethod::Post => self.0.post(url),
        };
        self.run(
            rb.header("content-type", "application/json")
                .body(body.to_string()),
            token,
        )
        .await
    }
}

/// Wall-clock time and tokio sleeps.
pub struct Wall;

impl Clock for Wall {
    fn now_ms(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64)
    }
    async fn sleep(&self, ms: u64) {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
}
