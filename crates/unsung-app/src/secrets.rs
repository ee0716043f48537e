//! Where source tokens live: the OS keychain (Secret Service on Linux, through `keyring`), or,
//! where no keychain runs, a file beside the local database that only the user can read. The
//! app says which one is in use; tokens never go to the database, logs, messages or the UI,
//! which learns only "token set: yes/no".

use crate::{AppError, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The keychain's service name for Unsung's entries; each source is one account.
const KEYCHAIN_SERVICE: &str = "unsung";

/// Setting `UNSUNG_KEYCHAIN=off` skips the keychain (tests, and machines where asking it
/// hangs or prompts); the file is used instead.
const KEYCHAIN_SWITCH: &str = "UNSUNG_KEYCHAIN";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenHome {
    Keychain,
    /// A file readable only by this user: no keychain was available.
    File,
}

impl TokenHome {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenHome::Keychain => "keychain",
            TokenHome::File => "file",
        }
    }
}

pub(crate) struct Secrets {
    file: PathBuf,
}

impl Secrets {
    /// Tokens kept beside the local database at `db` (a path or `sqlite:` URL).
    pub fn beside(db: &str) -> Secrets {
        let path = db
            .strip_prefix("sqlite://")
            .or_else(|| db.strip_prefix("sqlite:"))
            .unwrap_or(db);
        let path = path.split('?').next().unwrap_or(path);
        let dir = Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Secrets {
            file: dir.join("unsung-tokens.json"),
        }
    }

    /// Where tokens go on this machine now.
    pub async fn home(&self) -> TokenHome {
        if keychain_allowed() && keychain_works().await {
            TokenHome::Keychain
        } else {
            TokenHome::File
        }
    }

    pub async fn set(&self, source: &str, token: &str) -> Result<TokenHome> {
        let token = token.trim();
        if token.is_empty() {
            return Err(AppError::invalid("The token is empty"));
        }
        if self.home().await == TokenHome::Keychain {
            let (name, secret) = (source.to_string(), token.to_string());
            let saved = tokio::task::spawn_blocking(move || {
                keyring::Entry::new(KEYCHAIN_SERVICE, &name)?.set_password(&secret)
            })
            .await
            .map_err(|e| AppError::internal(e.to_string()))?;
            if saved.is_ok() {
                // A token kept in the file before a keychain was available goes away.
                self.remove_from_file(source)?;
                return Ok(TokenHome::Keychain);
            }
        }
        let mut tokens = self.read_file()?;
        tokens.insert(source.to_string(), token.to_string());
        self.write_file(&tokens)?;
        Ok(TokenHome::File)
    }

    pub async fn get(&self, source: &str) -> Result<Option<String>> {
        if keychain_allowed() && keychain_works().await {
            let name = source.to_string();
            let found = tokio::task::spawn_blocking(move || {
                keyring::Entry::new(KEYCHAIN_SERVICE, &name)?.get_password()
            })
            .await
            .map_err(|e| AppError::internal(e.to_string()))?;
            if let Ok(token) = found {
                return Ok(Some(token));
            }
        }
        Ok(self.read_file()?.get(source).cloned())
    }

    pub async fn remove(&self, source: &str) -> Result<()> {
        if keychain_allowed() && keychain_works().await {
            let name = source.to_string();
            let _ = tokio::task::spawn_blocking(move || {
                keyring::Entry::new(KEYCHAIN_SERVICE, &name)?.delete_credential()
            })
            .await;
        }
        self.remove_from_file(source)
    }

    fn remove_from_file(&self, source: &str) -> Result<()> {
        let mut tokens = self.read_file()?;
        if tokens.remove(source).is_some() {
            self.write_file(&tokens)?;
        }
        Ok(())
    }

    fn read_file(&self) -> Result<BTreeMap<String, String>> {
        match std::fs::read(&self.file) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|_| {
                AppError::internal(format!(
                    "The token file {} is damaged; remove it and set the tokens again",
                    self.file.display()
                ))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(e) => Err(AppError::internal(format!(
                "Could not read the token file {}: {e}",
                self.file.display()
            ))),
        }
    }

    /// Written to a fresh file created with mode 0600, then renamed over the old one, so the
    /// tokens are never readable by others, even for a moment.
    fn write_file(&self, tokens: &BTreeMap<String, String>) -> Result<()> {
        use std::io::Write;
        let failed = |e: std::io::Error| {
            AppError::internal(format!(
                "Could not save the token file {}: {e}",
                self.file.display()
            ))
        };
        let fresh = self.file.with_extension("json.new");
        let _ = std::fs::remove_file(&fresh);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&fresh).map_err(failed)?;
        let body =
            serde_json::to_vec_pretty(tokens).map_err(|e| AppError::internal(e.to_string()))?;
        file.write_all(&body).map_err(failed)?;
        file.sync_all().map_err(failed)?;
        std::fs::rename(&fresh, &self.file).map_err(failed)
    }
}

fn keychain_allowed() -> bool {
    !matches!(
        std::env::var(KEYCHAIN_SWITCH).as_deref(),
        Ok("off" | "0" | "false" | "no")
    )
}

/// Whether a keychain answers here. Without a session bus (a server, CI, Xvfb) the Secret
/// Service cannot run, and asking it would only fail slowly.
async fn keychain_works() -> bool {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        return false;
    }
    tokio::task::spawn_blocking(|| keyring::Entry::store_status().is_ok())
        .await
        .unwrap_or(false)
}
