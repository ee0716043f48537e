//! Thank-yous in team chat, against local stand-ins for each platform that check the request
//! against the platform's documented payload, answer with its documented success and errors
//! (Slack's `invalid_payload`, Discord's 429 with `retry_after`, Matrix's `M_LIMIT_EXCEEDED`
//! with `retry_after_ms`, Matrix's transaction-id idempotency) and count deliveries.
//!
//! Hostile text (OWASP XSS vectors, each platform's mention and link syntax, Markdown, Adaptive
//! Card functions, right-to-left marks, 10,000 characters) must arrive inert: the exact bytes
//! are checked for a short sample, and every note is checked to read back as exactly what was
//! written once the platform's own escaping is undone.

use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use unsung_app::dto::NewThankYou;
use unsung_app::{App, Clock, Config, Lang, NewChannel};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap()
}

async fn app_in(dir: &tempfile::TempDir) -> App {
    App::start(Config {
        db: dir.path().join("unsung.db").to_string_lossy().into_owned(),
        team_db: None,
        clock: Clock::Fixed(now()),
        tz: Some(chrono_tz::UTC),
    })
    .await
    .unwrap()
}

fn note(message: &str) -> NewThankYou {
    NewThankYou {
        author: "Ana".into(),
        recipients: vec!["Ben".into()],
        incident_id: None,
        period_from: None,
        period_to: None,
        message: message.into(),
    }
}

/// Which platform a stand-in plays.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Slack,
    Mattermost,
    Discord,
    Teams,
    Matrix,
}

/// What a stand-in saw: every request body, and the notes it took (by text; Matrix by
/// transaction id, as a homeserver keeps them).
#[derive(Default)]
struct Seen {
    requests: usize,
    delivered: Vec<String>,
    matrix_events: BTreeMap<String, String>,
    rate_limited_once: bool,
}

#[derive(Clone)]
struct StandIn {
    kind: Kind,
    seen: Arc<Mutex<Seen>>,
}

fn error(status: u16, body: Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

impl StandIn {
    /// The documented payload's shape; `Err` with the platform's own error answer otherwise.
    fn check(&self, request: &Request) -> Result<String, Box<ResponseTemplate>> {
        let content_type = request
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let body: Value = serde_json::from_slice(&request.body)
            .map_err(|_| ResponseTemplate::new(400).set_body_string("invalid_payload"))?;
        let bad = |why: &str| {
            Box::new(match self.kind {
                Kind::Slack => ResponseTemplate::new(400).set_body_string("invalid_payload"),
                Kind::Mattermost => error(
                    400,
                    json!({"id": "web.incoming_webhook.parse.app_error", "message": why, "status_code": 400}),
                ),
                Kind::Discord => error(
                    400,
                    json!({"code": 50035, "message": "Invalid Form Body", "errors": why}),
                ),
                Kind::Teams => error(
                    400,
                    json!({"error": {"code": "InvalidRequestContent", "message": why}}),
                ),
                Kind::Matrix => error(400, json!({"errcode": "M_BAD_JSON", "error": why})),
            })
        };
        if !content_type.starts_with("application/json") {
            return Err(bad("not JSON"));
        }
        match self.kind {
            Kind::Slack | Kind::Mattermost => {
                if request.method.as_str() != "POST" {
                    return Err(bad("POST only"));
                }
                let allowed = ["text", "mrkdwn"];
                let object = body.as_object().ok_or_else(|| bad("not an object"))?;
                if object.keys().any(|k| !allowed.contains(&k.as_str())) {
                    return Err(bad("unexpected field"));
                }
                body["text"]
                    .as_str()
                    .map(str::to_string)
                    .ok_or_else(|| bad("no text"))
            }
            Kind::Discord => {
                if request.url.query() != Some("wait=true") {
                    return Err(bad("expected ?wait=true"));
                }
                let content = body["content"].as_str().ok_or_else(|| bad("no content"))?;
                if content.chars().count() > 2000 {
                    return Err(bad("content: Must be 2000 or fewer in length."));
                }
                if body["allowed_mentions"] != json!({"parse": []}) {
                    return Err(bad("allowed_mentions must be {\"parse\": []} here"));
                }
                Ok(content.to_string())
            }
            Kind::Teams => {
                let attachment = &body["attachments"][0];
                let card = &attachment["content"];
                if body["type"] != "message"
                    || attachment["contentType"] != "application/vnd.microsoft.card.adaptive"
                    || card["type"] != "AdaptiveCard"
                    || card["version"] != "1.4"
                {
                    return Err(bad("not a message with an Adaptive Card"));
                }
                let blocks = card["body"].as_array().ok_or_else(|| bad("no body"))?;
                let texts: Option<Vec<&str>> = blocks
                    .iter()
                    .map(|b| {
                        (b["type"] == "TextBlock")
                            .then(|| b["text"].as_str())
                            .flatten()
                    })
                    .collect();
                Ok(texts.ok_or_else(|| bad("only TextBlocks"))?.join("\n"))
            }
            Kind::Matrix => {
                let auth = request
                    .headers
                    .get("authorization")
                    .and_then(|v| v.to_str().ok());
                if auth != Some("Bearer syt_matrix_token") {
                    return Err(Box::new(error(
                        401,
                        json!({"errcode": "M_UNKNOWN_TOKEN", "error": "Unknown access token"}),
                    )));
                }
                if request.method.as_str() != "PUT"
                    || body["msgtype"] != "m.text"
                    || body.get("formatted_body").is_some()
                    || body["m.mentions"] != json!({})
                {
                    return Err(bad("expected a plain m.text with no mentions"));
                }
                body["body"]
                    .as_str()
                    .map(str::to_string)
                    .ok_or_else(|| bad("no body"))
            }
        }
    }
}

impl Respond for StandIn {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut seen = self.seen.lock().unwrap();
        seen.requests += 1;
        let text = match self.check(request) {
            Ok(text) => text,
            Err(answer) => return *answer,
        };
        // Each platform's rate limit, once, before the first note.
        if !seen.rate_limited_once {
            seen.rate_limited_once = true;
            match self.kind {
                Kind::Discord => {
                    return error(
                        429,
                        json!({"message": "You are being rate limited.", "retry_after": 0.25, "global": false}),
                    );
                }
                Kind::Matrix => {
                    return error(
                        429,
                        json!({"errcode": "M_LIMIT_EXCEEDED", "error": "Too many requests", "retry_after_ms": 250}),
                    );
                }
                Kind::Slack => {
                    return ResponseTemplate::new(429)
                        .insert_header("retry-after", "1")
                        .set_body_string("rate_limited");
                }
                _ => {}
            }
        }
        match self.kind {
            Kind::Matrix => {
                let path = request.url.path();
                let prefix = "/_matrix/client/v3/rooms/%21team%3Aexample.org/send/m.room.message/";
                let Some(txn) = path.strip_prefix(prefix) else {
                    return error(404, json!({"errcode": "M_UNRECOGNIZED", "error": path}));
                };
                // A homeserver answers a repeated transaction id with the same event.
                let count = seen.matrix_events.len();
                let event = seen
                    .matrix_events
                    .entry(txn.to_string())
                    .or_insert_with(|| format!("$event{count}"))
                    .clone();
                if !seen.delivered.contains(&text) {
                    seen.delivered.push(text);
                }
                error(200, json!({"event_id": event}))
            }
            Kind::Discord => {
                seen.delivered.push(text.clone());
                error(200, json!({"id": "1", "content": text}))
            }
            Kind::Teams => {
                seen.delivered.push(text);
                ResponseTemplate::new(202)
            }
            Kind::Slack | Kind::Mattermost => {
                seen.delivered.push(text);
                ResponseTemplate::new(200).set_body_string("ok")
            }
        }
    }
}

struct Platform {
    kind: Kind,
    server: MockServer,
    seen: Arc<Mutex<Seen>>,
}

async fn stand_in(kind: Kind, listener: Option<std::net::TcpListener>) -> Platform {
    let mut builder = MockServer::builder();
    if let Some(listener) = listener {
        builder = builder.listener(listener);
    }
    let server = builder.start().await;
    let seen = Arc::new(Mutex::new(Seen::default()));
    Mock::given(any())
        .respond_with(StandIn {
            kind,
            seen: seen.clone(),
        })
        .mount(&server)
        .await;
    Platform { kind, server, seen }
}

fn channel_for(kind: Kind, base: &str) -> NewChannel {
    let (name, kind_name, secret) = match kind {
        Kind::Slack => (
            "team-slack",
            "slack",
            format!("{base}/services/T000/B000/XXXX"),
        ),
        Kind::Mattermost => ("team-mattermost", "mattermost", format!("{base}/hooks/xxx")),
        Kind::Discord => (
            "team-discord",
            "discord",
            format!("{base}/api/webhooks/1/tok"),
        ),
        Kind::Teams => (
            "team-teams",
            "teams",
            format!("{base}/workflows/abc/triggers/manual/paths/invoke?sig=s"),
        ),
        Kind::Matrix => ("team-matrix", "matrix", "syt_matrix_token".to_string()),
    };
    NewChannel {
        kind: kind_name.into(),
        name: name.into(),
        secret,
        homeserver: (kind == Kind::Matrix).then(|| base.to_string()),
        room: (kind == Kind::Matrix).then(|| "!team:example.org".to_string()),
        lang: Lang::En,
    }
}

/// An app with one channel to a stand-in of each of the five platforms.
async fn app_with_every_platform(dir: &tempfile::TempDir) -> (App, Vec<Platform>) {
    let app = app_in(dir).await;
    let mut platforms = Vec::new();
    for kind in ALL {
        let platform = stand_in(kind, None).await;
        app.add_channel(channel_for(kind, &platform.server.uri()))
            .await
            .unwrap();
        platforms.push(platform);
    }
    (app, platforms)
}

const ALL: [Kind; 5] = [
    Kind::Slack,
    Kind::Mattermost,
    Kind::Discord,
    Kind::Teams,
    Kind::Matrix,
];

/// Undoes a platform's escaping, to compare with what was written.
fn read_back(kind: Kind, text: &str) -> String {
    let unescape_backslashes = |t: &str| {
        let mut out = String::new();
        let mut chars = t.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                out.extend(chars.next());
            } else {
                out.push(c);
            }
        }
        out
    };
    let entities = |t: &str| {
        t.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    match kind {
        Kind::Slack => entities(text),
        Kind::Mattermost => entities(&unescape_backslashes(&text.replace('\u{2060}', ""))),
        Kind::Discord => unescape_backslashes(text),
        Kind::Teams => unescape_backslashes(&text.replace('\u{2060}', "")),
        Kind::Matrix => text.to_string(),
    }
}

/// Text that would do something in some platform's markup if it were not escaped.
fn hostile_notes() -> Vec<String> {
    let vectors = [
        "<script>alert('XSS')</script>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<img src=x onerror=alert(1)>",
        "\"><svg/onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<!channel> <!here> <!everyone> <@U024BE7LH> <#C024BE7LR> <https://evil.example|your bank>",
        "@everyone @here @channel @all @room <@123456789012345678> <@&123456789012345678>",
        "[click me](https://evil.example) ![x](https://evil.example/x.png) <https://evil.example>",
        "*bold* _italic_ ~strike~ `code` ```block``` # heading > quote - item 1. item || spoiler ||",
        "{{DATE(2017-02-14T06:08:39Z, SHORT)}} {{TIME(2017-02-14T06:08:39Z)}}",
        "\u{202E}evil.exe\u{202C} \u{200F}\u{05E9}\u{05DC}\u{05D5}\u{05DD}\u{200E} \u{2066}isolated\u{2069}",
        "& &amp; &lt; \\ \\*",
    ];
    let mut notes: Vec<String> = vectors.iter().map(|s| s.to_string()).collect();
    let mut long = String::new();
    while long.chars().count() < 10_000 {
        long.push_str(vectors[(long.len() / 7) % vectors.len()]);
        long.push(' ');
    }
    notes.push(long.chars().take(10_000).collect());
    notes
}

#[tokio::test]
async fn a_thank_you_reaches_each_platform_once_with_hostile_text_inert() {
    let dir = tempfile::tempdir().unwrap();
    let (app, platforms) = app_with_every_platform(&dir).await;
    // The UI learns only that a secret is set, never the URL or token.
    let views = app.channels().await.unwrap();
    assert_eq!(views.len(), 5);
    let shown = serde_json::to_string(&views).unwrap();
    assert!(views.iter().all(|v| v.secret_set));
    assert!(!shown.contains("/services/") && !shown.contains("syt_matrix_token"));

    let notes = hostile_notes();
    for message in &notes {
        app.post_thanks(note(message)).await.unwrap();
    }
    // Anything a rate limit held back goes now.
    app.send_waiting().await.unwrap();

    let mut counts = Vec::new();
    for platform in &platforms {
        let seen = platform.seen.lock().unwrap();
        assert_eq!(
            seen.delivered.len(),
            notes.len(),
            "{:?} deliveries",
            platform.kind
        );
        for (got, wrote) in seen.delivered.iter().zip(&notes) {
            let back = read_back(platform.kind, got);
            let expected = format!("Ana thanked Ben\n{wrote}");
            if platform.kind == Kind::Discord && wrote.chars().count() > 1900 {
                // Cut to Discord's 2000 characters, never inside an escape, with an ellipsis.
                assert!(got.chars().count() <= 2000 && got.ends_with('…'));
                let shown = back.trim_end_matches('…');
                assert!(expected.starts_with(shown), "{:?}", platform.kind);
            } else {
                assert_eq!(back, expected, "{:?}", platform.kind);
            }
            // Nothing left that the platform would act on.
            match platform.kind {
                Kind::Slack => assert!(!got.contains('<') && !got.contains('>')),
                Kind::Mattermost => {
                    assert!(!got.contains('<') && !got.contains('>'));
                    assert!(
                        !got.contains("@everyone")
                            && !got.contains("@here")
                            && !got.contains("@channel")
                    );
                }
                Kind::Discord | Kind::Teams => assert!(!got.contains("]("), "{got}"),
                Kind::Matrix => {}
            }
            if platform.kind == Kind::Teams {
                assert!(!got.contains("{{"));
            }
        }
        counts.push(format!(
            "{:?}: {} notes, {} requests, {} delivered",
            platform.kind,
            notes.len(),
            seen.requests,
            seen.delivered.len()
        ));
        if platform.kind == Kind::Matrix {
            assert_eq!(seen.matrix_events.len(), notes.len(), "one event per note");
        }
    }
    println!("chat: {}", counts.join("; "));
    let views = app.channels().await.unwrap();
    assert!(
        views
            .iter()
            .all(|v| v.waiting == 0 && v.refused == 0 && v.maybe_twice == 0),
        "{views:?}"
    );
}

#[tokio::test]
async fn the_exact_bytes_of_a_hostile_note_on_each_platform() {
    let dir = tempfile::tempdir().unwrap();
    let (app, platforms) = app_with_every_platform(&dir).await;
    let posted = app
        .post_thanks(note(
            "<!here> @everyone [x](https://e.example) *b* {{DATE(x)}} & \u{202E}",
        ))
        .await
        .unwrap();
    app.send_waiting().await.unwrap();
    let expected: [(Kind, String); 5] = [
        (Kind::Slack, json!({"mrkdwn": false, "text": "Ana thanked Ben\n&lt;!here&gt; @everyone [x](https://e.example) *b* {{DATE(x)}} &amp; \u{202E}"}).to_string()),
        (Kind::Mattermost, json!({"text": "Ana thanked Ben\n&lt;\\!here&gt; @\u{2060}everyone \\[x\\]\\(https\\://e\\.example\\) \\*b\\* \\{\\{DATE\\(x\\)\\}\\} &amp; \u{202E}"}).to_string()),
        (Kind::Discord, json!({"allowed_mentions": {"parse": []}, "content": "Ana thanked Ben\n\\<!here\\> @everyone \\[x\\]\\(https\\://e.example\\) \\*b\\* {{DATE\\(x\\)}} & \u{202E}"}).to_string()),
        (Kind::Teams, json!({"attachments": [{"content": {"$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "body": [{"text": "Ana thanked Ben", "type": "TextBlock", "weight": "Bolder", "wrap": true}, {"text": "<\\!here\\> @everyone \\[x\\]\\(https://e.example\\) \\*b\\* {\u{2060}{DATE\\(x\\)}} & \u{202E}", "type": "TextBlock", "wrap": true}], "type": "AdaptiveCard", "version": "1.4"}, "contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": null}], "type": "message"}).to_string()),
        (Kind::Matrix, json!({"body": "Ana thanked Ben\n<!here> @everyone [x](https://e.example) *b* {{DATE(x)}} & \u{202E}", "m.mentions": {}, "msgtype": "m.text"}).to_string()),
    ];
    for (platform, (kind, body)) in platforms.iter().zip(expected) {
        assert_eq!(platform.kind, kind);
        let requests = platform.server.received_requests().await.unwrap();
        let last = requests.last().unwrap();
        assert_eq!(String::from_utf8_lossy(&last.body), body, "{kind:?}");
        if kind == Kind::Matrix {
            assert_eq!(
                last.url.path(),
                format!(
                    "/_matrix/client/v3/rooms/%21team%3Aexample.org/send/m.room.message/{}",
                    posted.id
                )
            );
        }
    }
}

#[tokio::test]
async fn a_note_written_offline_is_delivered_once_when_the_network_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(&dir).await;
    // Ports with nothing listening yet: the platforms are unreachable.
    let mut listeners = Vec::new();
    for kind in ALL {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        app.add_channel(channel_for(kind, &base)).await.unwrap();
        // Dropping the listener leaves the port refusing connections.
        listeners.push((kind, listener.local_addr().unwrap()));
    }
    app.post_thanks(note("Thanks for the night shift <!channel>"))
        .await
        .unwrap();
    app.post_thanks(note("And for the quiet week"))
        .await
        .unwrap();
    app.send_waiting().await.unwrap();
    let views = app.channels().await.unwrap();
    assert!(views.iter().all(|v| v.waiting == 2), "{views:?}");
    assert!(views.iter().all(|v| {
        v.problem
            .as_deref()
            .is_some_and(|p| p.contains("could not be reached"))
    }));

    // The network is back: each platform gets both notes, once, in order.
    let mut platforms = Vec::new();
    for (kind, addr) in &listeners {
        let listener = std::net::TcpListener::bind(addr).unwrap();
        platforms.push(stand_in(*kind, Some(listener)).await);
    }
    app.send_waiting().await.unwrap();
    app.send_waiting().await.unwrap();
    let mut counts = Vec::new();
    for platform in &platforms {
        let seen = platform.seen.lock().unwrap();
        assert_eq!(
            seen.delivered
                .iter()
                .map(|t| read_back(platform.kind, t))
                .collect::<Vec<_>>(),
            [
                "Ana thanked Ben\nThanks for the night shift <!channel>",
                "Ana thanked Ben\nAnd for the quiet week"
            ],
            "{:?}",
            platform.kind
        );
        counts.push(format!("{:?} {}", platform.kind, seen.delivered.len()));
    }
    println!(
        "outage: 2 notes written offline; delivered after: {}",
        counts.join(", ")
    );
    let views = app.channels().await.unwrap();
    assert!(
        views.iter().all(|v| v.waiting == 0 && v.refused == 0),
        "{views:?}"
    );
}

#[tokio::test]
async fn a_refusal_is_shown_and_not_retried_and_an_unclear_answer_is_retried_visibly() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(&dir).await;
    // A Slack webhook that says invalid_payload to everything (as for a revoked or broken one),
    // and a Discord one whose first answer is a server error (the note may have been posted).
    let slack = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(400).set_body_string("invalid_payload"))
        .mount(&slack)
        .await;
    let discord = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(502).set_body_string("Bad Gateway"))
        .up_to_n_times(1)
        .mount(&discord)
        .await;
    Mock::given(any())
        .respond_with(error(200, json!({"id": "1"})))
        .mount(&discord)
        .await;
    app.add_channel(channel_for(Kind::Slack, &slack.uri()))
        .await
        .unwrap();
    app.add_channel(channel_for(Kind::Discord, &discord.uri()))
        .await
        .unwrap();
    app.post_thanks(note("Thank you")).await.unwrap();

    let named = |views: &[unsung_app::ChannelView], name: &str| {
        views.iter().find(|v| v.name == name).unwrap().clone()
    };
    let views = app.channels().await.unwrap();
    let slack_view = named(&views, "team-slack");
    assert_eq!((slack_view.waiting, slack_view.refused), (0, 1));
    assert!(
        slack_view
            .problem
            .as_deref()
            .unwrap()
            .contains("invalid_payload")
    );
    let discord_view = named(&views, "team-discord");
    assert_eq!(discord_view.waiting, 1);
    assert!(
        discord_view
            .problem
            .as_deref()
            .unwrap()
            .contains("may show it twice")
    );

    app.send_waiting().await.unwrap();
    let views = app.channels().await.unwrap();
    let discord_view = named(&views, "team-discord");
    assert_eq!(discord_view.waiting, 0);
    assert_eq!(
        discord_view.maybe_twice, 1,
        "the retry after an unclear answer is visible"
    );
    assert_eq!(
        slack.received_requests().await.unwrap().len(),
        1,
        "a refusal is not retried"
    );
    assert_eq!(discord.received_requests().await.unwrap().len(), 2);
}
