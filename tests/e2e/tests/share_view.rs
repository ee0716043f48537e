//! The real Share view, end to end: the card preview the backend draws in Rust shows in the
//! window under the app's Content-Security-Policy, at its real size, with teammates' names
//! taken out of the words; Copy puts the story on the clipboard.
//!
//! Ignored by a plain `cargo test`, like `window.rs`; `scripts/test` runs it under Xvfb.
//! With `UNSUNG_SHARE_SCREENSHOT=path.png` it also saves a picture of the Share view.
//! (The save dialog is the system's own and is not driven here.)

mod support;

use std::time::Duration;

use support::{
    Driver, click, past_the_welcome, path_from_env, save_screenshot, testid, wait_for, with_text,
};

#[tokio::test]
#[ignore = "end to end: run by scripts/test under Xvfb"]
async fn the_share_view_shows_the_real_card_and_copies_the_story() {
    let data = support::data_dir("unsung-e2e-share-");
    let driver = Driver::spawn(data.path());
    let client = driver.connect().await;
    // A first start greets the reader first (tests/first_run.rs checks the welcome).
    // It waits for the story on the first screen too.
    past_the_welcome(&client).await;
    click(&client, "nav-share").await;

    // The card: a PNG data URL drawn by the backend, decoded by the webview at 1200×630.
    let size = wait_for(
        &client,
        "the card preview ([data-testid=share-image]) to load as a PNG",
        Duration::from_secs(60),
        || async {
            let answer = client
                .execute(
                    r#"const img = document.querySelector('[data-testid="share-image"]');
                       if (!img || !img.complete || img.naturalWidth === 0) return null;
                       return [img.src.slice(0, 22), img.naturalWidth, img.naturalHeight];"#,
                    vec![],
                )
                .await?;
            Ok((!answer.is_null()).then_some(answer))
        },
    )
    .await;
    assert_eq!(
        size,
        serde_json::json!(["data:image/png;base64,", 1200, 630])
    );

    // The words that go with it name nobody from the team.
    let words = client
        .execute(
            r#"return document.querySelector('[data-testid="share-preview"] .text').textContent;"#,
            vec![],
        )
        .await
        .expect("read the preview's words");
    let words = words.as_str().unwrap_or_default().to_owned();
    assert!(words.contains("Everything worked"), "{words}");
    for name in ["Ana", "Ben", "Chloe", "Dev", "Emma"] {
        assert!(
            !words
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == name),
            "{name} in the shared words: {words}"
        );
    }

    if let Some(path) = path_from_env("UNSUNG_SHARE_SCREENSHOT") {
        tokio::time::sleep(Duration::from_secs(3)).await;
        save_screenshot(&client, &path).await;
    }

    click(&client, "share-copy").await;
    with_text(
        &client,
        &testid("share-status"),
        "Copied",
        "the confirmation that the story was copied ([data-testid=share-status])",
    )
    .await;

    client.close().await.expect("end the WebDriver session");
}
