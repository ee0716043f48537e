//! The few WebDriver commands the end-to-end tests send to tauri-driver, over the HTTP client
//! the workspace already builds (reqwest). A WebDriver library brought a second ICU, an old
//! `http` and its own HTTP stack into every test build for about fifteen commands; each one
//! here is one request of the W3C protocol (https://www.w3.org/TR/webdriver2/).

use base64::Engine;
use serde_json::{Map, Value, json};
use std::fmt;

/// The key under which WebDriver names an element in JSON.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A failed command: what WebDriver answered (its error code and message), or why no answer.
#[derive(Debug)]
pub struct CmdError(String);

impl fmt::Display for CmdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CmdError {}

/// How an element is found: the tests use CSS selectors only.
pub enum Locator<'a> {
    Css(&'a str),
}

impl Locator<'_> {
    fn body(&self) -> Value {
        match self {
            Locator::Css(css) => json!({ "using": "css selector", "value": css }),
        }
    }
}

/// A WebDriver session (one app window).
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    /// `http://127.0.0.1:PORT/session/ID`
    session: String,
}

/// An element of the page, as WebDriver refers to it.
#[derive(Clone)]
pub struct Element {
    client: Client,
    id: String,
}

impl Client {
    /// Opens a session at the WebDriver server `url` with these capabilities (which, for
    /// tauri-driver, start the app).
    pub async fn connect(url: &str, capabilities: Map<String, Value>) -> Result<Client, CmdError> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::new();
        let body = json!({ "capabilities": { "alwaysMatch": capabilities } });
        let value = send(with_json(http.post(format!("{url}/session")), &body)).await?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| CmdError(format!("no session id in {value}")))?;
        Ok(Client {
            session: format!("{url}/session/{id}"),
            http,
        })
    }

    async fn get(&self, path: &str) -> Result<Value, CmdError> {
        send(self.http.get(format!("{}{path}", self.session))).await
    }

    async fn post(&self, path: &str, body: Value) -> Result<Value, CmdError> {
        send(with_json(
            self.http.post(format!("{}{path}", self.session)),
            &body,
        ))
        .await
    }

    fn element(&self, value: &Value) -> Result<Element, CmdError> {
        let id = value[ELEMENT_KEY]
            .as_str()
            .ok_or_else(|| CmdError(format!("not an element: {value}")))?;
        Ok(Element {
            client: self.clone(),
            id: id.to_string(),
        })
    }

    fn elements(&self, value: &Value) -> Result<Vec<Element>, CmdError> {
        value
            .as_array()
            .ok_or_else(|| CmdError(format!("not a list of elements: {value}")))?
            .iter()
            .map(|v| self.element(v))
            .collect()
    }

    /// The first element the locator matches (an error when none does).
    pub async fn find(&self, locator: Locator<'_>) -> Result<Element, CmdError> {
        let value = self.post("/element", locator.body()).await?;
        self.element(&value)
    }

    /// Every element the locator matches, in document order.
    pub async fn find_all(&self, locator: Locator<'_>) -> Result<Vec<Element>, CmdError> {
        let value = self.post("/elements", locator.body()).await?;
        self.elements(&value)
    }

    /// Runs `script` in the page as a function body with `args` as `arguments`; its result.
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value, CmdError> {
        self.post("/execute/sync", json!({ "script": script, "args": args }))
            .await
    }

    /// A PNG of the window.
    pub async fn screenshot(&self) -> Result<Vec<u8>, CmdError> {
        let value = self.get("/screenshot").await?;
        let text = value
            .as_str()
            .ok_or_else(|| CmdError(format!("no screenshot in {value}")))?;
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|e| CmdError(format!("the screenshot is not base64: {e}")))
    }

    /// Ends the session, which closes the app.
    pub async fn close(self) -> Result<(), CmdError> {
        send(self.http.delete(&self.session)).await.map(|_| ())
    }
}

impl Element {
    async fn get(&self, what: &str) -> Result<Value, CmdError> {
        self.client
            .get(&format!("/element/{}/{what}", self.id))
            .await
    }

    async fn post(&self, what: &str, body: Value) -> Result<Value, CmdError> {
        self.client
            .post(&format!("/element/{}/{what}", self.id), body)
            .await
    }

    /// Every element inside this one the locator matches.
    pub async fn find_all(&self, locator: Locator<'_>) -> Result<Vec<Element>, CmdError> {
        let value = self.post("elements", locator.body()).await?;
        self.client.elements(&value)
    }

    /// Its rendered text.
    pub async fn text(&self) -> Result<String, CmdError> {
        Ok(self
            .get("text")
            .await?
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    /// Its tag name, lower case.
    pub async fn tag_name(&self) -> Result<String, CmdError> {
        Ok(self
            .get("name")
            .await?
            .as_str()
            .unwrap_or_default()
            .to_lowercase())
    }

    /// An attribute as written in the markup, if it is there.
    pub async fn attr(&self, name: &str) -> Result<Option<String>, CmdError> {
        Ok(as_text(self.get(&format!("attribute/{name}")).await?))
    }

    /// A DOM property (such as a field's current `value`), as text, if it is set.
    pub async fn prop(&self, name: &str) -> Result<Option<String>, CmdError> {
        Ok(as_text(self.get(&format!("property/{name}")).await?))
    }

    pub async fn is_displayed(&self) -> Result<bool, CmdError> {
        Ok(self.get("displayed").await?.as_bool().unwrap_or(false))
    }

    pub async fn is_enabled(&self) -> Result<bool, CmdError> {
        Ok(self.get("enabled").await?.as_bool().unwrap_or(false))
    }

    pub async fn click(&self) -> Result<(), CmdError> {
        self.post("click", json!({})).await.map(|_| ())
    }

    /// Empties a text field.
    pub async fn clear(&self) -> Result<(), CmdError> {
        self.post("clear", json!({})).await.map(|_| ())
    }

    /// Types `text` into the element, as a person would.
    pub async fn send_keys(&self, text: &str) -> Result<(), CmdError> {
        self.post("value", json!({ "text": text }))
            .await
            .map(|_| ())
    }

    /// Picks the option of this `<select>` whose value is `value`, by clicking it.
    pub async fn select_by_value(&self, value: &str) -> Result<(), CmdError> {
        let quoted = serde_json::to_string(value).expect("a string serialises");
        let option = self
            .post(
                "element",
                Locator::Css(&format!("option[value={quoted}]")).body(),
            )
            .await?;
        self.client.element(&option)?.click().await
    }
}

/// A string or number answer as text; `null` as none.
fn as_text(value: Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text),
        other => Some(other.to_string()),
    }
}

fn with_json(request: reqwest::RequestBuilder, body: &Value) -> reqwest::RequestBuilder {
    request
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body.to_string())
}

/// Sends one command and returns the `value` of a successful answer; an error answer becomes
/// a `CmdError` saying WebDriver's error code and message.
async fn send(request: reqwest::RequestBuilder) -> Result<Value, CmdError> {
    let response = request
        .send()
        .await
        .map_err(|e| CmdError(format!("WebDriver did not answer: {e}")))?;
    let status = response.status();
    let bytes = response
        .bytes()
        .await
        .map_err(|e| CmdError(format!("WebDriver's answer ({status}) broke off: {e}")))?;
    let body: Value = serde_json::from_slice(&bytes)
        .map_err(|e| CmdError(format!("WebDriver's answer ({status}) is not JSON: {e}")))?;
    let value = body.get("value").cloned().unwrap_or(Value::Null);
    if status.is_success() {
        return Ok(value);
    }
    Err(CmdError(format!(
        "{}: {}",
        value["error"].as_str().unwrap_or(status.as_str()),
        value["message"].as_str().unwrap_or_default()
    )))
}
