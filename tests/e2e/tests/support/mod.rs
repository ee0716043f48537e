//! Helpers for the end-to-end tests: the real `unsung-desktop` window, driven through
//! `tauri-driver` (which starts Debian's `WebKitWebDriver`, which starts the app).
//!
//! Every wait is bounded and panics with what it was waiting for, so a broken UI fails the
//! test in seconds with a reason instead of hanging CI.

#![allow(dead_code)] // each test file uses its own subset

use std::fs::{self, File};
use std::future::Future;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub mod webdriver;

use serde_json::json;
use webdriver::{Client, CmdError, Element, Locator};

/// How long tauri-driver and WebKitWebDriver may take to listen on their ports.
pub const DRIVER_START: Duration = Duration::from_secs(20);
/// How long a new WebDriver session (which launches the app) may take.
pub const SESSION_START: Duration = Duration::from_secs(60);
/// How long the UI may take to show something we wait for.
pub const UI_WAIT: Duration = Duration::from_secs(30);

const POLL: Duration = Duration::from_millis(200);

/// CSS selector for a `data-testid` (see docs/ipc.md for the stable ones).
pub fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// The desktop binary under test: `UNSUNG_APP_BIN` (a relative path is taken from the
/// workspace root), made absolute for tauri-driver.
pub fn app_binary() -> PathBuf {
    let path = path_from_env("UNSUNG_APP_BIN").unwrap_or_else(|| {
        panic!(
            "UNSUNG_APP_BIN is not set. Run scripts/test, or build the app \
             (npm --prefix ui run build && cargo build --workspace) and set UNSUNG_APP_BIN \
             to the path of target/debug/unsung-desktop"
        )
    });
    fs::canonicalize(&path).unwrap_or_else(|e| panic!("UNSUNG_APP_BIN={}: {e}", path.display()))
}

/// A path given in an environment variable; a relative one is taken from the workspace root
/// (cargo runs tests from the package's own folder, which nobody would guess).
pub fn path_from_env(var: &str) -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var_os(var)?);
    Some(if path.is_absolute() {
        path
    } else {
        workspace_root().join(path)
    })
}

/// The workspace's root folder (this package is `tests/e2e`).
fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("tests/e2e sits two folders below the workspace root")
}

fn tauri_driver() -> PathBuf {
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join("tauri-driver"));
    let in_cargo_home =
        std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo/bin/tauri-driver"));
    on_path
        .chain(in_cargo_home)
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "tauri-driver not found on PATH or in ~/.cargo/bin: run scripts/setup \
                 (cargo install tauri-driver --locked)"
            )
        })
}

/// Two distinct free TCP ports on the loopback interface.
fn free_ports() -> (u16, u16) {
    let a = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let b = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    (
        a.local_addr().expect("local address").port(),
        b.local_addr().expect("local address").port(),
    )
}

/// A running tauri-driver, in a process group of its own; dropping it ends the whole group
/// (tauri-driver, WebKitWebDriver, the app and its WebKit processes), even when a test panics,
/// and then prints the end of their output.
pub struct Driver {
    child: Child,
    port: u16,
    native_port: u16,
    log: PathBuf,
}

impl Driver {
    /// Starts tauri-driver for an app whose every file lives under `data`: the database
    /// (`UNSUNG_DB`), and the XDG folders where window-state and WebKit keep theirs.
    /// Starting again with the same `data` is starting the same installation again.
    pub fn spawn(data: &Path) -> Driver {
        Driver::spawn_with(data, &[])
    }

    /// As `spawn`, with more environment for the app (such as `UNSUNG_NOW`, which pins its
    /// clock): tauri-driver passes its environment on to WebKitWebDriver, which passes it on
    /// to the app.
    pub fn spawn_with(data: &Path, extra_env: &[(&str, &str)]) -> Driver {
        assert!(
            std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty()),
            "no DISPLAY: the app needs an X server; run under xvfb-run -a (scripts/test does)"
        );
        let (port, native_port) = free_ports();
        let mut env = vec![
            (
                "UNSUNG_DB".to_owned(),
                data.join("unsung.db").into_os_string(),
            ),
            // No D-Bus session bus: the single-instance plugin and GTK's GApplication find
            // other instances over D-Bus, so an Unsung the user has open must not see this one
            // (nor this one hand over to it). A socket path that does not exist fails at once,
            // without trying to autolaunch a bus. NO_AT_BRIDGE: no accessibility bus either.
            (
                "DBUS_SESSION_BUS_ADDRESS".to_owned(),
                format!("unix:path={}", data.join("no-session-bus").display()).into(),
            ),
            ("NO_AT_BRIDGE".to_owned(), "1".into()),
            // The X display the test was given (Xvfb), even from a Wayland desktop session.
            ("GDK_BACKEND".to_owned(), "x11".into()),
        ];
        env.extend(
            extra_env
                .iter()
                .map(|(var, value)| ((*var).to_owned(), (*value).into())),
        );
        for (var, dir) in [
            ("XDG_DATA_HOME", "xdg/data"),
            ("XDG_CONFIG_HOME", "xdg/config"),
            ("XDG_CACHE_HOME", "xdg/cache"),
            ("XDG_STATE_HOME", "xdg/state"),
        ] {
            let dir = data.join(dir);
            fs::create_dir_all(&dir).expect("create an XDG folder in the temp dir");
            env.push((var.to_owned(), dir.into_os_string()));
        }

        let log = data.join(format!("tauri-driver-{port}.log"));
        let out = File::create(&log).expect("create the driver log");
        let err = out.try_clone().expect("clone the driver log handle");
        let child = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .envs(env)
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            // Its own process group, so that Drop can end everything it started.
            .process_group(0)
            .spawn()
            .expect("start tauri-driver");
        let mut driver = Driver {
            child,
            port,
            native_port,
            log,
        };
        driver.wait_until_listening();
        driver
    }

    /// Waits for tauri-driver's port and for WebKitWebDriver's: tauri-driver listens at once
    /// and forwards to WebKitWebDriver, so a session asked for before WebKitWebDriver listens
    /// fails straight away (it happened here once in five runs while another app started).
    fn wait_until_listening(&mut self) {
        let deadline = Instant::now() + DRIVER_START;
        loop {
            let listening = |port| TcpStream::connect(("127.0.0.1", port)).is_ok();
            if listening(self.port) && listening(self.native_port) {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "tauri-driver exited ({status}) before listening on ports {} and {}",
                    self.port, self.native_port
                );
            }
            if Instant::now() > deadline {
                panic!(
                    "tauri-driver and WebKitWebDriver did not listen on ports {} and {} within \
                     {DRIVER_START:?}",
                    self.port, self.native_port
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Opens a WebDriver session, which launches the app.
    pub async fn connect(&self) -> Client {
        let app = app_binary();
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert("tauri:options".into(), json!({ "application": app }));
        let url = format!("http://127.0.0.1:{}", self.port);
        match tokio::time::timeout(SESSION_START, Client::connect(&url, caps)).await {
            Ok(Ok(client)) => client,
            Ok(Err(e)) => panic!(
                "could not open a WebDriver session on {}: {e}",
                app.display()
            ),
            Err(_) => panic!(
                "the app {} did not start within {SESSION_START:?}",
                app.display()
            ),
        }
    }

    /// The end of what tauri-driver, WebKitWebDriver and the app printed (shown by Drop when
    /// a test fails).
    pub fn log_tail(&self) -> String {
        let text = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines[lines.len().saturating_sub(40)..].join("\n");
        format!("--- last lines of {} ---\n{tail}", self.log.display())
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let pgid = self.child.id();
        kill_group(pgid);
        let _ = self.child.wait();
        wait_for_group_to_end(pgid, Duration::from_secs(10));
        if std::thread::panicking() {
            eprintln!("{}", self.log_tail());
        }
    }
}

/// Sends SIGKILL to every process in group `pgid`.
///
/// The workspace denies unsafe code, so rather than an `unsafe` `libc::kill(-pgid, SIGKILL)`
/// this runs `/bin/kill`. The `--` is essential: Debian 12's procps `kill -KILL -1234` means
/// kill(-1, SIGKILL), every process we may signal. And never a group id of 0 or 1.
fn kill_group(pgid: u32) {
    if pgid <= 1 {
        return; // a child's pid is never 0 or 1; no panic here, Drop may be unwinding already
    }
    let _ = Command::new("/bin/kill")
        .args(["-KILL", "--", &format!("-{pgid}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// Waits (bounded) until no live process is left in group `pgid`, so the next start of the
/// app never overlaps the previous one. Zombies are dead: they are not waited for.
fn wait_for_group_to_end(pgid: u32, at_most: Duration) {
    let deadline = Instant::now() + at_most;
    while live_members(pgid) > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn live_members(pgid: u32) -> usize {
    let Ok(entries) = fs::read_dir("/proc") else {
        return 0;
    };
    entries
        .flatten()
        .filter_map(|e| fs::read_to_string(e.path().join("stat")).ok())
        .filter(|stat| {
            // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
            let Some((_, rest)) = stat.rsplit_once(')') else {
                return false;
            };
            let mut fields = rest.split_whitespace();
            let state = fields.next();
            let pgrp = fields.nth(1);
            state != Some("Z") && state != Some("X") && pgrp == Some(&pgid.to_string())
        })
        .count()
}

/// Polls `probe` until it gives `Some`, for at most `timeout`. On timeout it panics saying
/// `what` was not seen, with the last WebDriver error and any error banner the UI shows.
pub async fn wait_for<T, F, Fut>(client: &Client, what: &str, timeout: Duration, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Option<T>, CmdError>>,
{
    let deadline = Instant::now() + timeout;
    let mut last_error = None;
    loop {
        match probe().await {
            Ok(Some(found)) => return found,
            Ok(None) => {}
            Err(e) => last_error = Some(e.to_string()),
        }
        if Instant::now() > deadline {
            let banner = visible_texts(client, &testid("error-banner"))
                .await
                .unwrap_or_default()
                .join(" | ");
            panic!(
                "timed out after {timeout:?} waiting for {what}\n  last WebDriver error: {}\n  error banner: {}",
                last_error.as_deref().unwrap_or("none"),
                if banner.is_empty() {
                    "none shown"
                } else {
                    &banner
                },
            );
        }
        tokio::time::sleep(POLL).await;
    }
}

/// The texts of the displayed elements matching `css`.
pub async fn visible_texts(client: &Client, css: &str) -> Result<Vec<String>, CmdError> {
    let mut texts = Vec::new();
    for element in client.find_all(Locator::Css(css)).await? {
        if element.is_displayed().await? {
            texts.push(element.text().await?);
        }
    }
    Ok(texts)
}

/// Waits for a displayed element matching `css`.
pub async fn displayed(client: &Client, css: &str, what: &str) -> Element {
    wait_for(client, what, UI_WAIT, move || async move {
        for element in client.find_all(Locator::Css(css)).await? {
            if element.is_displayed().await? {
                return Ok(Some(element));
            }
        }
        Ok(None)
    })
    .await
}

/// Waits for a displayed element matching `css` whose text contains `needle`
/// (or has any text at all, when `needle` is empty).
pub async fn with_text(client: &Client, css: &str, needle: &str, what: &str) -> Element {
    wait_for(client, what, UI_WAIT, move || async move {
        for element in client.find_all(Locator::Css(css)).await? {
            let text = element.text().await?;
            let matches = if needle.is_empty() {
                !text.trim().is_empty()
            } else {
                text.contains(needle)
            };
            if matches && element.is_displayed().await? {
                return Ok(Some(element));
            }
        }
        Ok(None)
    })
    .await
}

/// Clicks the element with `data-testid=id`, once it is displayed (retrying while something
/// covers it or it is re-rendered).
pub async fn click(client: &Client, id: &str) {
    let selector = testid(id);
    let css = selector.as_str();
    wait_for(
        client,
        &format!("{css} to be clickable"),
        UI_WAIT,
        move || async move {
            for element in client.find_all(Locator::Css(css)).await? {
                if element.is_displayed().await? {
                    element.click().await?;
                    return Ok(Some(()));
                }
            }
            Ok(None)
        },
    )
    .await
}

/// Replaces the value of the text field with `data-testid=id`.
pub async fn fill(client: &Client, id: &str, value: &str) {
    let field = displayed(client, &testid(id), &format!("the {id} field")).await;
    field
        .clear()
        .await
        .unwrap_or_else(|e| panic!("clear {id}: {e}"));
    field
        .send_keys(value)
        .await
        .unwrap_or_else(|e| panic!("type into {id}: {e}"));
}

/// Saves a PNG of the window to `path`, creating its folder.
pub async fn save_screenshot(client: &Client, path: &Path) {
    let png = client.screenshot().await.expect("take a screenshot");
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).expect("create the screenshot's folder");
    }
    fs::write(path, png).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    eprintln!("screenshot saved to {}", path.display());
}

/// On a first start the welcome stands in for This week: goes past it with "Look around with
/// the demo team" (which keeps the defaults), and waits for the story. Does nothing when the
/// story shows already (the welcome was done before).
pub async fn past_the_welcome(client: &Client) {
    let welcome = testid("welcome");
    let story = testid("story");
    let first = wait_for(
        client,
        "the welcome ([data-testid=welcome]) or the story ([data-testid=story])",
        UI_WAIT,
        || async {
            for (css, is_welcome) in [(welcome.as_str(), true), (story.as_str(), false)] {
                for element in client.find_all(Locator::Css(css)).await? {
                    if element.is_displayed().await? {
                        return Ok(Some(is_welcome));
                    }
                }
            }
            Ok(None)
        },
    )
    .await;
    if first {
        click(client, "welcome-demo").await;
    }
    with_text(
        client,
        &story,
        "",
        "the story ([data-testid=story]) after the welcome",
    )
    .await;
}

/// A fresh folder for the app's data, named `prefix…`, removed when dropped.
pub fn data_dir(prefix: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .expect("create a temp dir")
}

/// Vectors from the OWASP XSS Filter Evasion Cheat Sheet (and a few of the same families),
/// as a teammate could paste them into a note or a "what got better" text. Each must be shown as the exact text it is.
pub const XSS_VECTORS: &[&str] = &[
    r#"javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/"/+/onmouseover=1/+/[*/[]/+alert(1)//'>"#,
    r#"<SCRIPT SRC=https://cdn.jsdelivr.net/gh/Moksh45/host-xss.rocks/index.js></SCRIPT>"#,
    r#"<IMG SRC="javascript:alert('XSS');">"#,
    r#"<IMG SRC=JaVaScRiPt:alert('XSS')>"#,
    r#"<IMG SRC=`javascript:alert("RSnake says, 'XSS'")`>"#,
    r#"\<a onmouseover="alert(document.cookie)"\>xxs link\</a\>"#,
    r#"<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\>"#,
    r#"<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>"#,
    r#"<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>"#,
    r#"<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">"#,
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    r#"<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>"#,
    r#"<BODY onload!#$%&()*~+-_.,:;?@[/|\]^`=alert("XSS")>"#,
    r#"<<SCRIPT>alert("XSS");//\<</SCRIPT>"#,
    r#"</TITLE><SCRIPT>alert("XSS");</SCRIPT>"#,
    r#"<INPUT TYPE="IMAGE" SRC="javascript:alert('XSS');">"#,
    r#"<svg/onload=alert('XSS')>"#,
    r#"<IFRAME SRC="javascript:alert('XSS');"></IFRAME>"#,
    r#"<DIV STYLE="background-image: url(javascript:alert('XSS'))">"#,
    r#"<STYLE>@im\port'\ja\vasc\ript:alert("XSS")';</STYLE>"#,
    r#"<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert('XSS');">"#,
    r#"<a href="jav&#x09;ascript:alert('XSS');">Click Me</a>"#,
    r#"<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>"#,
    r#"<details open ontoggle=alert(1)>"#,
    r#"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"#,
    r#"{{constructor.constructor('alert(1)')()}} ${alert(1)} {@html '<img src=x onerror=alert(1)>'}"#,
    // Right-to-left and invisible marks: shown as they are, never reordering the page around.
    "Thanks for the fix \u{202E}gnp.exe\u{202C} and \u{200F}תודה\u{200E} \u{2067}isolated\u{2069} \u{200B}zero\u{FEFF}width",
];

/// The elements a teammate's text could become if it were parsed as markup.
pub const MARKUP: &str = "script, img, svg, iframe, object, embed, a, style, link, meta, math, input, \
                      form, details, body, table, marquee, video, audio, base";

/// Replaces what anything a teammate's text could make run would call (alert, confirm, prompt,
/// print, open) with a recorder; `window.__ran` lists the calls.
pub async fn watch_for_scripts(client: &Client) {
    client
        .execute(
            "window.__ran = []; \
             for (const f of ['alert', 'confirm', 'prompt', 'print', 'open']) \
               window[f] = (...a) => { window.__ran.push(f + ':' + a.join(',')); };",
            vec![],
        )
        .await
        .expect("install the watchers");
}
