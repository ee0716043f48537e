//! Sending a message over SMTP: STARTTLS (`smtp://`, required, never downgraded) or implicit
//! TLS (`smtps://`), the server's certificate verified by the platform's verifier, or against
//! exactly one certificate the user chose to trust (a self-signed server). The password is
//! given at send time and kept nowhere here.
//!
//! Failures are sorted by what they mean for at-most-once delivery: the server refused or
//! could not be reached (nothing was delivered, so trying again is safe), or the connection
//! broke while the message was on its way (it may have arrived: never retried silently).

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, CertificateStore, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `smtp://`: plain connection upgraded with STARTTLS before anything else is said.
    StartTls,
    /// `smtps://`: TLS from the first byte.
    Tls,
}

/// Where and how to send mail (no password: that lives in the keychain).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub security: Security,
    pub host: String,
    pub port: u16,
    pub user: String,
    /// The address messages come from.
    pub sender: String,
    /// A PEM certificate (a self-signed server's, or its private CA's) trusted instead of the
    /// platform's roots, because the user said so.
    pub trusted_certificate: Option<String>,
}

impl SmtpSettings {
    /// Reads `smtp://USER@HOST:PORT` or `smtps://USER@HOST:PORT` (the port defaults to 587 and
    /// 465). A password in the URL is refused: it would end up in shell history and settings.
    pub fn parse(smtp_url: &str, sender: &str) -> Result<SmtpSettings, String> {
        let url = url::Url::parse(smtp_url.trim()).map_err(|e| {
            format!(
                "{smtp_url:?} is not an SMTP address such as smtp://you@mail.example.org:587 ({e})"
            )
        })?;
        let security = match url.scheme() {
            "smtp" => Security::StartTls,
            "smtps" => Security::Tls,
            other => {
                return Err(format!(
                    "the SMTP address starts with {other}://; use smtp:// (STARTTLS) or smtps:// (TLS)"
                ));
            }
        };
        if url.password().is_some() {
            return Err(
                "put the password in an environment variable (--password-env), not in the address"
                    .into(),
            );
        }
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or("the SMTP address has no server name")?
            .trim_matches(['[', ']'])
            .to_string();
        let user = percent_encoding::percent_decode_str(url.username())
            .decode_utf8_lossy()
            .into_owned();
        if user.is_empty() {
            return Err("the SMTP address has no user name: smtp://USER@HOST:PORT".into());
        }
        let sender = sender.trim();
        crate::mail::mailbox("", sender).map_err(|e| e.to_string())?;
        Ok(SmtpSettings {
            security,
            port: url.port().unwrap_or(match security {
                Security::StartTls => 587,
                Security::Tls => 465,
            }),
            host,
            user,
            sender: sender.to_string(),
            trusted_certificate: None,
        })
    }

    /// The address as the user wrote it, without any secret.
    pub fn url(&self) -> String {
        let scheme = match self.security {
            Security::StartTls => "smtp",
            Security::Tls => "smtps",
        };
        let user: String =
            percent_encoding::utf8_percent_encode(&self.user, percent_encoding::NON_ALPHANUMERIC)
                .collect();
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        format!("{scheme}://{user}@{host}:{}", self.port)
    }
}

/// Why a message was not (or may not have been) delivered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The server's certificate is not trusted: nothing was sent.
    #[error("{0}")]
    Untrusted(String),
    /// The server could not be reached or refused the message: nothing was delivered.
    #[error("{0}")]
    NotDelivered(String),
    /// The connection broke while the message was on its way: it may have arrived.
    #[error("{0}")]
    Unknown(String),
}

impl SendError {
    /// True when nothing reached the server, so sending again cannot make a duplicate.
    pub fn nothing_delivered(&self) -> bool {
        !matches!(self, SendError::Unknown(_))
    }
}

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    host: String,
}

/// How long one step of the conversation with the server may take.
const STEP_TIMEOUT: Duration = Duration::from_secs(30);

impl Mailer {
    pub fn new(settings: &SmtpSettings, password: &str) -> Result<Mailer, SendError> {
        let mut tls = TlsParameters::builder(settings.host.clone());
        if let Some(pem) = &settings.trusted_certificate {
            let certificate = Certificate::from_pem(pem.as_bytes()).map_err(|e| {
                SendError::Untrusted(format!("the trusted certificate cannot be read: {e}"))
            })?;
            tls = tls
                .certificate_store(CertificateStore::None)
                .add_root_certificate(certificate);
        }
        let tls = tls
            .build_rustls()
            .map_err(|e| SendError::NotDelivered(format!("TLS could not be set up: {e}")))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host)
            .port(settings.port)
            .tls(match settings.security {
                Security::StartTls => Tls::Required(tls),
                Security::Tls => Tls::Wrapper(tls),
            })
            .credentials(Credentials::new(
                settings.user.clone(),
                password.to_string(),
            ))
            .timeout(Some(STEP_TIMEOUT))
            .build();
        Ok(Mailer {
            transport,
            host: settings.host.clone(),
        })
    }

    /// Sends `message` once; never retries.
    pub async fn send(&self, message: &Message) -> Result<(), SendError> {
        match self.transport.send(message.clone()).await {
            Ok(_) => Ok(()),
            Err(error) => Err(self.explain(&error)),
        }
    }

    fn explain(&self, error: &lettre::transport::smtp::Error) -> SendError {
        let host = &self.host;
        let detail = error_chain(error);
        // lettre reports everything before the message is handed over (connecting, TLS,
        // greeting, authentication) as a connection error; it exposes no predicate for it.
        let connecting = error.is_tls() || error.to_string().starts_with("Connection error");
        if connecting && detail.to_lowercase().contains("certificate") {
            return SendError::Untrusted(format!(
                "The mail server {host} did not prove who it is: its certificate is not \
                 trusted ({detail}). Nothing was sent. If it is your own server with a \
                 self-signed certificate, trust that certificate explicitly (unsung email \
                 set … --trust-cert FILE, or Settings → Family and friends)."
            ));
        }
        if let Some(code) = error.status() {
            let what_to_do = if error.is_permanent() {
                "check the address, the user name and the password"
            } else {
                "try again later"
            };
            return SendError::NotDelivered(format!(
                "The mail server {host} refused the message ({code}: {detail}); {what_to_do}"
            ));
        }
        if connecting {
            return SendError::NotDelivered(format!(
                "The mail server {host} could not be reached ({detail}); nothing was sent"
            ));
        }
        // Found wrong on this side before anything was sent (no login method in common).
        if error.is_client() {
            return SendError::NotDelivered(format!(
                "The mail server {host} could not be used ({detail}); nothing was sent"
            ));
        }
        SendError::Unknown(format!(
            "The connection to the mail server {host} broke while sending ({detail}); the \
             message may have arrived"
        ))
    }
}

/// The error and its causes on one line (lettre keeps the useful part in the sources).
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut line = error
        .to_string()
        .replace("Connection error: Connection error: ", "Connection error: ");
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !line.contains(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
        source = cause.source();
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_means_starttls_and_smtps_means_tls_from_the_start() {
        let s = SmtpSettings::parse("smtp://ana%40home@mail.example.org:2525", "ana@example.org")
            .unwrap();
        assert_eq!(s.security, Security::StartTls);
        assert_eq!(
            (s.host.as_str(), s.port, s.user.as_str()),
            ("mail.example.org", 2525, "ana@home")
        );
        assert_eq!(s.url(), "smtp://ana%40home@mail.example.org:2525");
        let s = SmtpSettings::parse("smtps://ana@mail.example.org", "ana@example.org").unwrap();
        assert_eq!((s.security, s.port), (Security::Tls, 465));
    }

    #[test]
    fn passwords_in_the_address_and_other_schemes_are_refused() {
        assert!(
            SmtpSettings::parse("smtp://ana:secret@mail.example.org", "a@example.org")
                .unwrap_err()
                .contains("--password-env")
        );
        assert!(SmtpSettings::parse("http://ana@mail.example.org", "a@example.org").is_err());
        assert!(SmtpSettings::parse("smtp://mail.example.org", "a@example.org").is_err());
        assert!(SmtpSettings::parse("smtp://ana@mail.example.org", "not-an-address").is_err());
    }
}
