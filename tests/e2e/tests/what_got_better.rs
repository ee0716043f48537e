//! "What got better", end to end in the real window: an engineer writes what changed after a
//! demo incident, the story tells it, and the PDF and the PNG card made from the same data
//! have it; hostile text (the OWASP vectors, right-to-left marks, 10,000 characters) written
//! the same way is shown as text in the window and in the web page.
//!
//! Ignored by a plain `cargo test`, like `window.rs`; `scripts/test` runs it under Xvfb.
//! With `UNSUNG_BETTER_SCREENSHOT=path.png` it also saves a picture of the window.

mod support;

use std::time::Duration;

use support::webdriver::{Client, Locator};
use support::{
    Driver, MARKUP, XSS_VECTORS, displayed, past_the_welcome, path_from_env, save_screenshot,
    testid, wait_for, with_text,
};
use unsung_app::{
    App, Audience, CardSize, Clock, Lang, PeriodKind, Reader, ShareFormat, ShareOptions,
};

const BETTER: &str =
    "We added an early warning. Now we hear of a full disk before it stops the shop.";

/// Shows the last 90 days, where every demo incident is.
async fn ninety_days(client: &Client) {
    let picker = displayed(client, &testid("period-picker"), "the period picker").await;
    picker
        .select_by_value("last_90_days")
        .await
        .expect("choose the last 90 days");
    with_text(
        client,
        &testid("period-label"),
        "",
        "the period label after choosing 90 days",
    )
    .await;
}

/// The "What got better?" editors of the incidents someone already explained: the demo
/// team's most important fixes, the ones the family story tells.
const EXPLAINED_EDITORS: &str = "[...document.querySelectorAll('[data-testid=\"better\"]')]\
     .filter((e) => e.querySelector('[data-testid=\"better-by\"]'))";

/// Rewrites the text of the `index`th explained incident as typing would, and saves it.
async fn write_and_save(client: &Client, index: usize, text: &str) {
    wait_for(
        client,
        "the editors of the explained incidents",
        support::UI_WAIT,
        || async {
            let found = client
                .execute(&format!("return {EXPLAINED_EDITORS}.length;"), vec![])
                .await?;
            Ok((found.as_u64().unwrap_or(0) as usize > index).then_some(()))
        },
    )
    .await;
    client
        .execute(
            &format!(
                "const editor = {EXPLAINED_EDITORS}[arguments[0]]; \
                 const area = editor.querySelector('[data-testid=\"better-text\"]'); \
                 area.scrollIntoView(); area.focus(); area.value = arguments[1]; \
                 area.dispatchEvent(new Event('input', {{ bubbles: true }})); \
                 editor.querySelector('[data-testid=\"better-save\"]').click();"
            ),
            vec![index.into(), text.into()],
        )
        .await
        .expect("type into the editor and press Save");
    with_text(
        client,
        &testid("better-notice"),
        "Saved",
        "the saved line under the editor ([data-testid=better-notice])",
    )
    .await;
}

/// How many elements a text could become if parsed as markup are inside `data-testid=id`.
async fn markup_in(client: &Client, id: &str) -> usize {
    client
        .find_all(Locator::Css(&format!("{} :is({MARKUP})", testid(id))))
        .await
        .expect("look for elements made from the text")
        .len()
}

/// The app on the window's database, after the window closed.
async fn same_data(data: &std::path::Path) -> App {
    let db = data.join("unsung.db");
    App::open(db.to_str().expect("utf-8 path"), Clock::System)
        .await
        .expect("open the window's database")
}

async fn shared(app: &App, format: ShareFormat) -> Vec<u8> {
    let tz = app.reader_tz();
    let reader = Reader {
        tz,
        lang: Lang::En,
        audience: Audience::Family,
    };
    let options = ShareOptions {
        format,
        size: CardSize::Landscape,
        customer_names: Vec::new(),
        show_teammates: false,
    };
    app.share_period(PeriodKind::Last90Days, reader, &options)
        .await
        .unwrap_or_else(|e| panic!("share as {format:?}: {}", e.message))
        .bytes
}

fn pdf_words(data: &std::path::Path, pdf: &[u8]) -> String {
    let file = data.join("story.pdf");
    std::fs::write(&file, pdf).expect("write the PDF");
    let out = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("run pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::test]
#[ignore = "end to end: run by scripts/test under Xvfb"]
async fn what_got_better_written_in_the_window_reaches_the_story_the_pdf_and_the_card() {
    let data = support::data_dir("unsung-e2e-better-");
    let hostile: String = XSS_VECTORS
        .join(" ")
        .chars()
        .chain(" We made it better. ".chars().cycle())
        .take(10_000)
        .collect();
    {
        let driver = Driver::spawn(data.path());
        let client = driver.connect().await;
        past_the_welcome(&client).await;
        support::watch_for_scripts(&client).await;
        ninety_days(&client).await;

        // The cards run newest first; the story tells the most serious first: the third card
        // (the checkout outage) leads it, so what is written there is told whatever follows.
        write_and_save(&client, 2, BETTER).await;
        with_text(
            &client,
            &testid("story"),
            BETTER,
            "the story telling what got better, as written",
        )
        .await;
        if let Some(path) = path_from_env("UNSUNG_BETTER_SCREENSHOT") {
            save_screenshot(&client, &path).await;
        }

        // What markup the story has of its own (term buttons, icons), before the hostile text.
        let own_markup = markup_in(&client, "story").await;
        write_and_save(&client, 1, &hostile).await;
        // Let any handler the text could have made fire, were there one.
        tokio::time::sleep(Duration::from_secs(1)).await;
        let shown = client
            .execute(
                &format!(
                    "return [document.querySelector('[data-testid=\"story\"]').textContent, \
                     {EXPLAINED_EDITORS}[1].querySelector('[data-testid=\"better-text\"]').value];"
                ),
                vec![],
            )
            .await
            .expect("read the story and the editor");
        let story = shown[0].as_str().unwrap_or_default();
        assert!(
            story.contains(&hostile[..2_000]),
            "the story shows the hostile text as the text it is"
        );
        assert_eq!(shown[1].as_str(), Some(hostile.as_str()));
        assert_eq!(
            markup_in(&client, "story").await,
            own_markup,
            "the text became elements in the story"
        );
        assert_eq!(
            markup_in(&client, "better-marked").await,
            0,
            "the text became elements in the coaching"
        );
        let ran = client
            .execute("return window.__ran;", vec![])
            .await
            .expect("read the watchers");
        assert_eq!(ran, serde_json::json!([]), "something in the text ran");
        client.close().await.expect("end the WebDriver session");
    }

    let app = same_data(data.path()).await;
    let words = pdf_words(data.path(), &shared(&app, ShareFormat::Pdf).await);
    assert!(words.contains(BETTER), "the PDF tells it: {words}");

    let page = String::from_utf8(shared(&app, ShareFormat::Html).await).expect("utf-8 page");
    // Told as escaped text (the privacy pass takes out the addresses in it).
    assert!(page.contains("We made it better.") && page.contains("&lt;IMG SRC="));
    for raw in ["<SCRIPT", "<IMG", "<svg/onload", "<IFRAME", "<BODY onload"] {
        assert!(!page.contains(raw), "{raw} as markup in the page");
    }

    // The card: drawn with what got better, and without it once it is taken back.
    let with_it = shared(&app, ShareFormat::Png).await;
    let explained = app
        .overview(
            PeriodKind::Last90Days,
            app.reader_tz(),
            Lang::En,
            Audience::Team,
        )
        .await
        .expect("read the incidents")
        .incidents
        .into_iter()
        .filter(|i| i.explanation.is_some())
        .collect::<Vec<_>>();
    let texts: Vec<&str> = explained
        .iter()
        .filter_map(|i| i.explanation.as_ref())
        .map(|e| e.text.as_str())
        .collect();
    assert!(
        texts.contains(&BETTER) && texts.contains(&hostile.as_str()),
        "the window kept both texts"
    );
    for incident in &explained {
        app.explain_incident(&incident.id, "", false, Lang::En)
            .await
            .expect("take the text back");
    }
    assert_ne!(
        shared(&app, ShareFormat::Png).await,
        with_it,
        "the card shows what got better"
    );
}
