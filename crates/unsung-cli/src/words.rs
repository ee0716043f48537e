//! How the `unsung` command says what went wrong: in its own terms, the flags and variables a
//! person types. The app gives the facts ([`ErrorDetail`], [`SyncProblem`]); the window says
//! the same things in its own words.

use unsung_app::dto::{SourceSyncResult, SyncProblem};
use unsung_app::{AppError, ErrorDetail, SourceSetting};

/// The flag that gives a source setting, with what to put there for this kind.
fn flag(kind: &str, setting: SourceSetting) -> &'static str {
    match (setting, kind) {
        (SourceSetting::Url, "grafana-oncall") => {
            "--url URL (the OnCall API's address: Grafana Cloud shows it under IRM → Settings → \
             Admin & API, and there also give --stack-url https://yourteam.grafana.net)"
        }
        (SourceSetting::Url, "gatus") => "--url URL (the address of the Gatus page)",
        (SourceSetting::Url, _) => "--url URL",
        (SourceSetting::File, _) => "--file PATH",
        (SourceSetting::Slug, _) => "--slug SLUG (the status page's name in its address)",
        (SourceSetting::Query, _) => "--query PROMQL (a 0/1 series such as probe_success or up)",
        (SourceSetting::Repos, _) => "--repo OWNER/NAME (once for each repository)",
    }
}

/// Which token a kind wants, where that is not plain from "a read-only API token".
fn which_token(kind: &str) -> &'static str {
    match kind {
        "github" => " (a fine-grained token with read access to Contents and Deployments)",
        "uptimerobot" => " (the account's read-only API key)",
        _ => "",
    }
}

/// One line for an error, naming the flags that fix it.
pub fn error_line(error: &AppError) -> String {
    let Some(detail) = &error.detail else {
        return error.message.clone();
    };
    match detail {
        ErrorDetail::SettingNeeded { kind, setting } => {
            format!("A {kind} source needs {}", flag(kind, *setting))
        }
        ErrorDetail::TokenNeeded { kind } => format!(
            "A {kind} source needs a read-only API token{}: pass --token-env VAR (the name of an \
             environment variable holding it)",
            which_token(kind)
        ),
        ErrorDetail::TokenNotTaken { kind } => {
            format!("A {kind} source takes no token: leave out --token-env")
        }
        ErrorDetail::NoTokenSet { source } => no_token(source),
        ErrorDetail::NoSettings { source } => no_settings(source),
        ErrorDetail::NoSuchSource { source } => {
            format!("There is no source called \"{source}\"; `unsung source list` shows them")
        }
        ErrorDetail::LocalDbIsPostgres => "--db (UNSUNG_DB) is the local SQLite database; give \
             a PostgreSQL team database with --team-db (UNSUNG_TEAM_DB) instead"
            .into(),
        ErrorDetail::TeamDbSetAtStart => "The team database was given at start (--team-db or \
             UNSUNG_TEAM_DB); Settings cannot change it while that is set"
            .into(),
        ErrorDetail::NoHomeFolder => {
            "cannot find a home folder for the database; pass --db or set UNSUNG_DB".into()
        }
    }
}

fn no_token(source: &str) -> String {
    format!("No token is set for \"{source}\": add the source again with --token-env VAR")
}

fn no_settings(source: &str) -> String {
    format!("\"{source}\" has no settings: add it again with `unsung source add`")
}

/// Why a source did not sync, in the command's terms where they differ from the source's own
/// account; `None` when the source's message says it all.
pub fn sync_problem(result: &SourceSyncResult) -> Option<String> {
    match result.problem? {
        SyncProblem::NoToken => Some(no_token(&result.name)),
        SyncProblem::NoSettings => Some(no_settings(&result.name)),
        _ => result.message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unsung_app::ErrorCode;

    fn line(detail: ErrorDetail) -> String {
        error_line(&AppError::detailed(ErrorCode::InvalidInput, detail))
    }

    #[test]
    fn errors_name_the_flags_that_fix_them() {
        let needs = |setting| {
            line(ErrorDetail::SettingNeeded {
                kind: "statuspage".into(),
                setting,
            })
        };
        assert_eq!(
            needs(SourceSetting::Url),
            "A statuspage source needs --url URL"
        );
        assert!(needs(SourceSetting::File).contains("--file PATH"));
        assert!(needs(SourceSetting::Slug).contains("--slug SLUG"));
        assert!(needs(SourceSetting::Query).contains("--query PROMQL"));
        let token = line(ErrorDetail::TokenNeeded {
            kind: "pagerduty".into(),
        });
        assert!(token.contains("--token-env VAR"), "{token}");
        assert!(line(ErrorDetail::LocalDbIsPostgres).contains("--team-db"));
        assert!(line(ErrorDetail::TeamDbSetAtStart).contains("UNSUNG_TEAM_DB"));
        assert!(line(ErrorDetail::NoHomeFolder).contains("--db"));
        assert!(
            line(ErrorDetail::NoSuchSource {
                source: "pd".into()
            })
            .contains("unsung source list")
        );
    }

    #[test]
    fn the_new_kinds_are_told_what_to_pass_in_their_own_terms() {
        let needs = |kind: &str, setting| {
            line(ErrorDetail::SettingNeeded {
                kind: kind.into(),
                setting,
            })
        };
        assert_eq!(
            needs("github", SourceSetting::Repos),
            "A github source needs --repo OWNER/NAME (once for each repository)"
        );
        let oncall = needs("grafana-oncall", SourceSetting::Url);
        assert!(oncall.starts_with("A grafana-oncall source needs --url URL (the OnCall API"));
        assert!(oncall.contains("--stack-url"), "{oncall}");
        assert!(needs("gatus", SourceSetting::Url).contains("the address of the Gatus page"));
        let token = |kind: &str| line(ErrorDetail::TokenNeeded { kind: kind.into() });
        assert!(token("github").contains("Contents and Deployments"));
        assert!(token("uptimerobot").contains("read-only API key"));
        for kind in ["incident-io", "better-stack", "grafana-oncall"] {
            assert_eq!(
                token(kind),
                format!(
                    "A {kind} source needs a read-only API token: pass --token-env VAR (the name \
                     of an environment variable holding it)"
                )
            );
        }
    }

    #[test]
    fn the_apps_own_message_names_no_flag() {
        for detail in [
            ErrorDetail::SettingNeeded {
                kind: "csv".into(),
                setting: SourceSetting::File,
            },
            ErrorDetail::TokenNeeded {
                kind: "pagerduty".into(),
            },
            ErrorDetail::SettingNeeded {
                kind: "github".into(),
                setting: SourceSetting::Repos,
            },
            ErrorDetail::LocalDbIsPostgres,
            ErrorDetail::TeamDbSetAtStart,
            ErrorDetail::NoHomeFolder,
        ] {
            let error = AppError::detailed(ErrorCode::InvalidInput, detail);
            assert!(!error.message.contains("--"), "{}", error.message);
            assert!(!error.message.contains("UNSUNG_"), "{}", error.message);
        }
    }
}
