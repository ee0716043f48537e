//! Adding the six later kinds of source (incident.io, Better Stack, UptimeRobot, Grafana
//! OnCall, Gatus, GitHub) through the app, as Settings → Sources and `unsung source add` do:
//! what each needs is asked for by name (both faces word it), and what is given is kept
//! and listed. Adding only checks and saves settings: nothing here reaches a network.

mod support;

use support::demo_app;
use unsung_app::dto::NewSource;
use unsung_app::{App, AppError, ErrorCode, ErrorDetail, SourceSetting};

/// A source of `kind` called `name` (unusual names: a token given here may reach this
/// computer's keychain, and must not replace one of the user's own).
fn source(kind: &str, name: &str) -> NewSource {
    NewSource {
        name: name.into(),
        kind: kind.into(),
        ..NewSource::default()
    }
}

fn with_token(new: NewSource) -> NewSource {
    NewSource {
        token: Some("use-case-token-never-shown".into()),
        ..new
    }
}

async fn refused(app: &App, new: NewSource) -> AppError {
    let error = app.add_source(new).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput, "{error:?}");
    error
}

fn setting_needed(kind: &str, setting: SourceSetting) -> Option<ErrorDetail> {
    Some(ErrorDetail::SettingNeeded {
        kind: kind.into(),
        setting,
    })
}

fn token_needed(kind: &str) -> Option<ErrorDetail> {
    Some(ErrorDetail::TokenNeeded { kind: kind.into() })
}

#[tokio::test]
async fn each_new_kind_asks_for_what_it_needs_by_name() {
    let (_dir, app) = demo_app().await;
    // A token and the public API are all the hosted services need.
    for kind in ["incident-io", "better-stack", "uptimerobot"] {
        let error = refused(&app, source(kind, "usecase-hosted")).await;
        assert_eq!(error.detail, token_needed(kind));
        assert_eq!(
            error.message,
            format!("A {kind} source needs a read-only API token")
        );
    }
    // Grafana OnCall has no public address: the OnCall API's address comes first, then its token.
    let oncall = refused(&app, source("grafana-oncall", "usecase-oncall")).await;
    assert_eq!(
        oncall.detail,
        setting_needed("grafana-oncall", SourceSetting::Url)
    );
    assert_eq!(
        oncall.message,
        "A grafana-oncall source needs its web address"
    );
    let oncall = NewSource {
        url: Some("https://oncall.example.net".into()),
        ..source("grafana-oncall", "usecase-oncall")
    };
    assert_eq!(
        refused(&app, oncall).await.detail,
        token_needed("grafana-oncall")
    );
    // Gatus is a page anyone can read: an address, and no token.
    let gatus = refused(&app, source("gatus", "usecase-gatus")).await;
    assert_eq!(gatus.detail, setting_needed("gatus", SourceSetting::Url));
    let gatus = NewSource {
        url: Some("https://status.example.net".into()),
        ..with_token(source("gatus", "usecase-gatus"))
    };
    assert_eq!(
        refused(&app, gatus).await.detail,
        Some(ErrorDetail::TokenNotTaken {
            kind: "gatus".into()
        })
    );
    // GitHub reads the repositories it is given: none (or only blanks) is asked for first.
    let github = NewSource {
        repos: vec![" ".into(), String::new()],
        ..with_token(source("github", "usecase-github"))
    };
    let error = refused(&app, github).await;
    assert_eq!(error.detail, setting_needed("github", SourceSetting::Repos));
    assert_eq!(
        error.message,
        "A github source needs at least one repository, such as owner/name"
    );
    let github = NewSource {
        repos: vec!["octo-org/web".into()],
        ..source("github", "usecase-github")
    };
    assert_eq!(refused(&app, github).await.detail, token_needed("github"));
    assert!(
        app.sources().await.unwrap().is_empty(),
        "nothing refused is saved"
    );
}

#[tokio::test]
async fn a_kind_not_known_is_answered_with_every_kind() {
    let (_dir, app) = demo_app().await;
    let error = refused(&app, source("opsgenie", "usecase-other")).await;
    assert_eq!(
        error.message,
        "The kind of source is one of: pagerduty, statuspage, uptime-kuma, prometheus, csv, \
         incident-io, better-stack, uptimerobot, grafana-oncall, gatus, github"
    );
}

#[tokio::test]
async fn a_repository_or_stack_that_cannot_be_read_is_refused_plainly() {
    let (_dir, app) = demo_app().await;
    for typed in ["octo-org", "octo-org/web/issues", "../web", "octo org/web"] {
        let github = NewSource {
            repos: vec![typed.into()],
            ..with_token(source("github", "usecase-github"))
        };
        let error = refused(&app, github).await;
        assert!(
            error
                .message
                .starts_with(&format!("\"{typed}\" is not a GitHub repository")),
            "{}",
            error.message
        );
    }
    let oncall = NewSource {
        url: Some("https://oncall.example.net".into()),
        stack_url: Some("team.grafana.net".into()),
        ..with_token(source("grafana-oncall", "usecase-oncall"))
    };
    let error = refused(&app, oncall).await;
    assert!(
        error.message.contains("https://yourteam.grafana.net"),
        "{}",
        error.message
    );
    assert!(app.sources().await.unwrap().is_empty());
}

#[tokio::test]
async fn github_keeps_its_repositories_and_grafana_its_stack() {
    let (_dir, app) = demo_app().await;
    let github = NewSource {
        repos: vec![
            " octo-org/web ".into(),
            "https://github.com/octo-org/api.git".into(),
            "octo-org/web".into(),
            String::new(),
        ],
        // Settings another kind reads are not kept.
        stack_url: Some("https://team.grafana.net".into()),
        ..with_token(source("github", "usecase-github"))
    };
    let added = app.add_source(github).await.unwrap();
    assert_eq!(added.repos, ["octo-org/web", "octo-org/api"]);
    assert_eq!(added.url, None, "the public API, unless another is given");
    assert_eq!(added.stack_url, None);
    assert!(added.takes_token && added.token_set);
    let oncall = NewSource {
        url: Some("https://oncall-prod-eu-west-0.grafana.net/oncall/".into()),
        stack_url: Some(" https://team.grafana.net/ ".into()),
        repos: vec!["octo-org/web".into()],
        ..with_token(source("grafana-oncall", "usecase-oncall"))
    };
    app.add_source(oncall).await.unwrap();
    let gatus = NewSource {
        url: Some("https://status.example.net".into()),
        ..source("gatus", "usecase-gatus")
    };
    let gatus = app.add_source(gatus).await.unwrap();
    assert!(!gatus.takes_token && !gatus.token_set);

    let listed = app.sources().await.unwrap();
    let names: Vec<&str> = listed.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["usecase-gatus", "usecase-github", "usecase-oncall"]);
    assert_eq!(listed[1].repos, ["octo-org/web", "octo-org/api"]);
    let oncall = &listed[2];
    assert_eq!(
        oncall.stack_url.as_deref(),
        Some("https://team.grafana.net")
    );
    assert_eq!(
        oncall.url.as_deref(),
        Some("https://oncall-prod-eu-west-0.grafana.net/oncall/")
    );
    assert!(oncall.repos.is_empty());

    // Changing the repositories replaces them; the token already kept is not asked again.
    let fewer = NewSource {
        repos: vec!["octo-org/api".into()],
        ..source("github", "usecase-github")
    };
    assert_eq!(app.add_source(fewer).await.unwrap().repos, ["octo-org/api"]);

    for name in names {
        app.remove_source(name).await.unwrap();
    }
}
