//! Starts a fakehub in-process on a free port and talks real HTTP to it.

#![allow(dead_code)]

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

pub fn header<'a>(r: &'a Response, name: &str) -> Option<&'a str> {
    r.headers().get(name).and_then(|v| v.to_str().ok())
}

pub fn seats_len(v: &serde_json::Value) -> usize {
    v["seats"].as_array().expect("seats array").len()
}
