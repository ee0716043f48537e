//! Taking Unsung's words to where people already are: the week's story as one email message
//! per person (over SMTP with verified TLS), and thank-you notes as each team chat's own
//! payload (Slack, Mattermost, Discord, Microsoft Teams, Matrix), with outside text kept inert
//! in every platform's markup.
//!
//! Nothing here stores anything: the app decides what to send and records what was sent; this
//! crate builds the bytes, sends them once, and says plainly what happened.

pub mod chat;
pub mod mail;
pub mod smtp;

pub use chat::{ChatKind, ChatNote, ChatTarget, Outcome};
pub use mail::{StoryMail, build_message};
pub use smtp::{Mailer, Security, SendError, SmtpSettings};
