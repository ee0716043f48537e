//! One person's story as a real multipart message: the story as plain text, the same story as
//! the self-contained web page (no script, no outside address) showing the card inline, the
//! card itself as an inline PNG, and the PDF attached; with the subject, `Message-ID`, `Date`
//! and `Content-Language` set. One message per person, so no one sees another's address.

use lettre::Message;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, MultiPart, SinglePart};

pub use lettre::message::Mailbox;
use std::time::SystemTime;

/// Everything one person's message is made of.
#[derive(Debug, Clone)]
pub struct StoryMail {
    pub from: Mailbox,
    pub to: Mailbox,
    pub subject: String,
    /// The plain-text part: a greeting, the story and a closing line.
    pub text: String,
    /// The self-contained web page of the story.
    pub page: String,
    /// The card, shown at the top of the page through its `cid:` address.
    pub card_png: Vec<u8>,
    /// The card's words for readers that show no pictures.
    pub card_alt: String,
    pub pdf: Vec<u8>,
    pub pdf_name: String,
    /// `en` or `es`: the language the words are in.
    pub lang: String,
    /// `<…@…>`, unique to this message.
    pub message_id: String,
    pub date: SystemTime,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("{0:?} is not an email address: {1}")]
    Address(String, String),
    #[error("the message could not be built: {0}")]
    Build(String),
}

/// A person's name and address as a mailbox; the name may hold any text (it is encoded).
pub fn mailbox(name: &str, address: &str) -> Result<Mailbox, MailError> {
    let parsed = address
        .trim()
        .parse()
        .map_err(|e: lettre::address::AddressError| {
            MailError::Address(address.to_string(), e.to_string())
        })?;
    let name = name.trim();
    Ok(Mailbox::new(
        (!name.is_empty()).then(|| name.to_string()),
        parsed,
    ))
}

/// The content id the page uses for the card (without the angle brackets).
fn card_content_id(message_id: &str) -> String {
    let id = message_id.trim_matches(['<', '>']);
    format!("card.{id}")
}

/// The web page with the card at the top through `cid:`, and the page's own policy allowing
/// exactly that one kind of picture besides its inline ones. Fails if the page is not the one
/// Unsung draws (so a change there cannot silently drop the card).
pub fn page_with_card(page: &str, content_id: &str, alt: &str) -> Result<String, MailError> {
    const POLICY: &str = "img-src data:";
    const MAIN: &str = "<main>\n";
    if !page.contains(POLICY) || !page.contains(MAIN) {
        return Err(MailError::Build(
            "the story's web page does not have the expected layout".into(),
        ));
    }
    let card = format!(
        "<p><img src=\"cid:{}\" alt=\"{}\" width=\"600\" style=\"display:block;max-width:100%;height:auto;border-radius:12px\"></p>\n",
        unsung_share::escape(content_id),
        unsung_share::escape(alt)
    );
    Ok(page
        .replacen(POLICY, "img-src data: cid:", 1)
        .replacen(MAIN, &format!("{MAIN}{card}"), 1))
}

/// The message, ready for [`crate::Mailer::send`].
pub fn build_message(mail: StoryMail) -> Result<Message, MailError> {
    let content_id = card_content_id(&mail.message_id);
    let page = page_with_card(&mail.page, &content_id, &mail.card_alt)?;
    let png = ContentType::parse("image/png").map_err(|e| MailError::Build(e.to_string()))?;
    let pdf = ContentType::parse("application/pdf").map_err(|e| MailError::Build(e.to_string()))?;
    let body = MultiPart::mixed()
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::plain(mail.text))
                .multipart(
                    MultiPart::related()
                        .singlepart(SinglePart::html(page))
                        .singlepart(Attachment::new_inline(content_id).body(mail.card_png, png)),
                ),
        )
        .singlepart(Attachment::new(mail.pdf_name).body(mail.pdf, pdf));
    let mut message = Message::builder()
        .from(mail.from)
        .to(mail.to)
        .subject(mail.subject)
        .message_id(Some(mail.message_id))
        .date(mail.date)
        .multipart(body)
        .map_err(|e| MailError::Build(e.to_string()))?;
    message.headers_mut().insert_raw(HeaderValue::new(
        HeaderName::new_from_ascii_str("Content-Language"),
        mail.lang,
    ));
    Ok(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n</head>\n<body>\n<main>\n<h1>x</h1>";

    #[test]
    fn the_card_goes_at_the_top_of_the_page_and_only_cid_pictures_are_added_to_its_policy() {
        let page = page_with_card(PAGE, "card.1@x", "Ana's \"week\" <ok>").unwrap();
        assert!(page.contains("img-src data: cid:\""));
        assert!(page.contains(
            "<main>\n<p><img src=\"cid:card.1@x\" alt=\"Ana&#39;s &quot;week&quot; &lt;ok&gt;\""
        ));
    }

    #[test]
    fn a_content_id_with_markup_cannot_break_out_of_the_picture_address() {
        let page = page_with_card(PAGE, "card.\"><script>x</script>@x", "a").unwrap();
        assert!(!page.contains("<script>"));
        assert!(page.contains("src=\"cid:card.&quot;&gt;&lt;script&gt;"));
    }

    #[test]
    fn a_page_of_another_layout_is_refused_rather_than_sent_without_its_card() {
        assert!(page_with_card("<html><body>hi</body></html>", "c", "a").is_err());
    }

    #[test]
    fn addresses_are_checked_and_names_may_hold_anything() {
        assert!(mailbox("Ana", "not an address").is_err());
        let mb = mailbox("Ana \"<b>\" García", "ana@example.org").unwrap();
        assert_eq!(mb.email.to_string(), "ana@example.org");
    }
}
