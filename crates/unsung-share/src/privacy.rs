//! The privacy pass: what it takes out of a story before anything leaves the machine.
//!
//! - web addresses become "a web page", email addresses "an email address";
//! - IP addresses (v4 and v6, with or without a port) and host names become "a server", or the
//!   service's friendly name when the host is named after a known service;
//! - internal service names become their friendly names ("api-gw-prod" → "the checkout page"),
//!   and names that only look internal (`db-01`, `redis_cache`, `payments-svc`) "a system";
//! - customer names from the user's list become "a customer";
//! - teammates' names become "a teammate" unless the user allows them ("Ana and Ben" → "two
//!   teammates").
//!
//! Replacements go through placeholders, so one rule never rewrites another's words, and a
//! replacement that starts a sentence starts with a capital letter.

use regex::Regex;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::OnceLock;

/// Tokens that mark a hyphenated or underscored word as a machine's name rather than English.
const MACHINE_WORDS: [&str; 33] = [
    "prod",
    "production",
    "prd",
    "staging",
    "stg",
    "dev",
    "qa",
    "uat",
    "preprod",
    "sandbox",
    "internal",
    "svc",
    "srv",
    "api",
    "db",
    "k8s",
    "kube",
    "cluster",
    "cdn",
    "gw",
    "lb",
    "vm",
    "redis",
    "postgres",
    "pg",
    "mysql",
    "kafka",
    "rabbitmq",
    "etcd",
    "nginx",
    "haproxy",
    "canary",
    "mq",
];

/// Last labels that make a name with capitals a host name all the same.
const HOST_SUFFIXES: [&str; 16] = [
    "com",
    "net",
    "org",
    "io",
    "internal",
    "local",
    "lan",
    "corp",
    "cloud",
    "dev",
    "app",
    "aws",
    "intra",
    "home",
    "localdomain",
    "cluster",
];

/// What goes in place of what is taken out, in the story's language (the app takes these
/// from the locale files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivacyWords {
    /// "a server": for host names and IP addresses.
    pub server: String,
    /// "a system": for names that only look internal.
    pub system: String,
    /// "a web page".
    pub web_page: String,
    /// "an email address".
    pub email: String,
    /// "a customer".
    pub customer: String,
    /// "a teammate".
    pub teammate: String,
    /// The word that joins the last two of a list: "and".
    pub and: String,
    /// `teammates[n - 2]` says "n teammates", from two up.
    pub teammates: Vec<String>,
}

// Private-use characters mark where a replacement goes until every rule has run.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("a valid pattern"))
}

fn url_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // Up to the next space, leaving a sentence's closing punctuation outside.
    regex(
        &RE,
        r#"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>"'`]*[^\s<>"'`.,;:!?)\]]"#,
    )
}

fn email_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"(?i)\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+")
}

fn ipv6_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"\[?[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(?:%[0-9A-Za-z]+)?\]?(?::\d{1,5})?",
    )
}

fn ipv4_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"\b(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?(?::\d{1,5})?\b",
    )
}

fn host_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(
        &RE,
        r"(?i)\b(?:[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?\.)+[a-z](?:[a-z0-9-]*[a-z0-9])?(?::\d{1,5})?\b",
    )
}

fn machine_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    regex(&RE, r"[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)+")
}

/// "a teammate, a teammate and a teammate", in the story's words.
fn teammates_list_re(words: &PrivacyWords) -> Option<Regex> {
    let one = regex::escape(&words.teammate);
    let and = regex::escape(&words.and);
    Regex::new(&format!(r"(?i)\b{one}((?:, {one})*),? {and} {one}\b")).ok()
}

/// What to take out, and what to put in instead.
#[derive(Debug, Clone)]
pub struct PrivacyRules {
    words: PrivacyWords,
    teammates_list_re: Option<Regex>,
    /// Technical service name → friendly name.
    services: Vec<(String, String)>,
    services_re: Option<Regex>,
    customers_re: Option<(Regex, Vec<String>)>,
    teammates_re: Option<(Regex, Vec<String>)>,
}

fn names_regex(names: &[String]) -> Option<(Regex, Vec<String>)> {
    let mut names: Vec<String> = names
        .iter()
        .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|n| n.chars().count() >= 2)
        .collect();
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    names.dedup();
    if names.is_empty() {
        return None;
    }
    let pattern = names
        .iter()
        .map(|n| regex::escape(n).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!("(?i)(?:{pattern})"))
        .ok()
        .map(|re| (re, names))
}

impl PrivacyRules {
    /// `services`: (technical name, friendly name) pairs; `customers`: the user's list;
    /// `teammates`: the names to hide (empty when the user allows names).
    pub fn new(
        words: PrivacyWords,
        services: impl IntoIterator<Item = (String, String)>,
        customers: &[String],
        teammates: &[String],
    ) -> PrivacyRules {
        let mut services: Vec<(String, String)> = services
            .into_iter()
            .map(|(t, f)| (t.trim().to_string(), f.trim().to_string()))
            .filter(|(t, f)| t.chars().count() >= 2 && !t.eq_ignore_ascii_case(f))
            .collect();
        services.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        services.dedup_by(|a, b| a.0.eq_ignore_ascii_case(&b.0));
        let services_re = (!services.is_empty())
            .then(|| {
                let pattern = services
                    .iter()
                    .map(|(t, _)| regex::escape(t))
                    .collect::<Vec<_>>()
                    .join("|");
                Regex::new(&format!("(?i)(?:{pattern})")).ok()
            })
            .flatten();
        PrivacyRules {
            teammates_list_re: teammates_list_re(&words),
            words,
            services,
            services_re,
            customers_re: names_regex(customers),
            teammates_re: names_regex(teammates),
        }
    }

    fn friendly(&self, technical: &str) -> Option<&str> {
        self.services
            .iter()
            .find(|(t, _)| t.eq_ignore_ascii_case(technical))
            .map(|(_, f)| f.as_str())
    }

    /// `text` with everything private taken out.
    pub fn clean(&self, text: &str) -> String {
        let mut pass = Pass {
            text: text
                .chars()
                .filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c))
                .collect(),
            replacements: Vec::new(),
        };
        pass.replace(url_re(), |_| Some(self.words.web_page.clone()), false);
        pass.replace(email_re(), |_| Some(self.words.email.clone()), false);
        pass.replace(
            ipv6_re(),
            |m| is_ipv6(m).then(|| self.words.server.clone()),
            false,
        );
        pass.replace(
            ipv4_re(),
            |m| is_ipv4(m).then(|| self.words.server.clone()),
            false,
        );
        pass.replace(
            host_re(),
            |m| {
                is_host(m).then(|| {
                    let first = m.split('.').next().unwrap_or(m);
                    self.friendly(first)
                        .unwrap_or(&self.words.server)
                        .to_string()
                })
            },
            true,
        );
        if let Some(re) = &self.services_re {
            pass.replace(re, |m| self.friendly(m).map(str::to_string), true);
        }
        pass.replace(
            machine_re(),
            |m| looks_internal(m).then(|| self.words.system.clone()),
            true,
        );
        if let Some((re, names)) = &self.customers_re {
            pass.replace(
                re,
                |m| is_name(m, names).then(|| self.words.customer.clone()),
                true,
            );
        }
        if let Some((re, names)) = &self.teammates_re {
            pass.replace(
                re,
                |m| is_name(m, names).then(|| self.words.teammate.clone()),
                true,
            );
        }
        let text = pass.finish();
        self.collapse_teammates(&text)
    }
}

struct Pass {
    text: String,
    replacements: Vec<String>,
}

impl Pass {
    /// Replaces each match of `re` for which `f` gives a replacement. With `whole_word`, a
    /// match touching a letter, digit, `_` or `-` is part of a longer word and stays.
    fn replace(&mut self, re: &Regex, f: impl Fn(&str) -> Option<String>, whole_word: bool) {
        let mut out = String::with_capacity(self.text.len());
        let mut last = 0;
        for m in re.find_iter(&self.text) {
            let before = self.text[..m.start()].chars().next_back();
            let after = self.text[m.end()..].chars().next();
            let joined =
                |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-');
            if whole_word && (joined(before) || joined(after)) {
                continue;
            }
            let Some(replacement) = f(m.as_str()) else {
                continue;
            };
            out.push_str(&self.text[last..m.start()]);
            out.push(OPEN);
            out.push_str(&self.replacements.len().to_string());
            out.push(CLOSE);
            self.replacements.push(replacement);
            last = m.end();
        }
        out.push_str(&self.text[last..]);
        self.text = out;
    }

    /// The text with every placeholder filled in, capitalised where a sentence starts.
    fn finish(self) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut rest = self.text.as_str();
        while let Some(open) = rest.find(OPEN) {
            out.push_str(&rest[..open]);
            let after = &rest[open + OPEN.len_utf8()..];
            let close = after.find(CLOSE).unwrap_or(after.len());
            let index: usize = after[..close].parse().unwrap_or(usize::MAX);
            let replacement = self
                .replacements
                .get(index)
                .map(String::as_str)
                .unwrap_or("");
            if starts_sentence(&out) {
                out.push_str(&capitalised(replacement));
            } else {
                out.push_str(replacement);
            }
            rest = after.get(close + CLOSE.len_utf8()..).unwrap_or("");
        }
        out.push_str(rest);
        out
    }
}

fn starts_sentence(before: &str) -> bool {
    let trimmed = before.trim_end();
    trimmed.is_empty() || trimmed.ends_with(['.', '!', '?']) || before.ends_with('\n')
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn is_ipv4(candidate: &str) -> bool {
    let core = candidate.split(['/', ':']).next().unwrap_or("");
    core.parse::<Ipv4Addr>().is_ok()
}

fn is_ipv6(candidate: &str) -> bool {
    let core = match candidate.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => candidate.trim_end_matches(['.', ':']),
    };
    let core = core.split('%').next().unwrap_or("");
    // "10:30:00" is a time, not an address; std agrees, since it has neither 8 groups nor "::".
    core.parse::<Ipv6Addr>().is_ok()
}

fn is_host(candidate: &str) -> bool {
    let name = candidate.split(':').next().unwrap_or(candidate);
    let labels: Vec<&str> = name.split('.').collect();
    let Some(last) = labels.last() else {
        return false;
    };
    if labels.len() < 2 || last.len() < 2 || !last.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return false;
    }
    // Written in lower case like a host name, or ending like one ("DB-01.PROD.INTERNAL");
    // "fixed.The" (a missing space) is neither.
    !name.chars().any(|c| c.is_ascii_uppercase())
        || HOST_SUFFIXES.contains(&last.to_ascii_lowercase().as_str())
}

fn looks_internal(token: &str) -> bool {
    let parts: Vec<&str> = token.split(['-', '_']).collect();
    if !parts
        .iter()
        .any(|p| p.chars().any(|c| c.is_ascii_alphabetic()))
    {
        return false; // "2001-2003", "24-7"
    }
    token.contains('_')
        || parts
            .iter()
            .skip(1)
            .any(|p| p.chars().any(|c| c.is_ascii_digit()))
        || parts
            .iter()
            .any(|p| MACHINE_WORDS.contains(&p.to_ascii_lowercase().as_str()))
}

/// A listed name matches when written as listed, or starting with a capital as names are:
/// "Will" is a name, "will" is not.
fn is_name(found: &str, names: &[String]) -> bool {
    names.iter().any(|n| n == found) || found.chars().next().is_some_and(|c| !c.is_lowercase())
}

impl PrivacyRules {
    /// "a teammate, a teammate and a teammate" → "three teammates".
    fn collapse_teammates(&self, text: &str) -> String {
        let Some(re) = &self.teammates_list_re else {
            return text.to_string();
        };
        let separator = format!(", {}", self.words.teammate);
        re.replace_all(text, |caps: &regex::Captures| {
            let count = 2 + caps[1].matches(&separator).count();
            let phrase = self
                .words
                .teammates
                .get(count - 2)
                .cloned()
                .unwrap_or_else(|| caps[0].to_string());
            if caps[0].starts_with(|c: char| c.is_uppercase()) {
                capitalised(&phrase)
            } else {
                phrase
            }
        })
        .into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> PrivacyWords {
        PrivacyWords {
            server: "a server".into(),
            system: "a system".into(),
            web_page: "a web page".into(),
            email: "an email address".into(),
            customer: "a customer".into(),
            teammate: "a teammate".into(),
            and: "and".into(),
            teammates: ["two", "three", "four"]
                .map(|n| format!("{n} teammates"))
                .to_vec(),
        }
    }

    fn rules() -> PrivacyRules {
        PrivacyRules::new(
            english(),
            [
                ("api-gw-prod".to_string(), "the checkout page".to_string()),
                ("payments-svc".to_string(), "card payments".to_string()),
                ("mailer-01".to_string(), "order emails".to_string()),
            ],
            &["Globex Corporation".to_string(), "Initech".to_string()],
            &[
                "Ana".to_string(),
                "Ben".to_string(),
                "Chloe".to_string(),
                "Will".to_string(),
            ],
        )
    }

    #[test]
    fn host_names_become_a_server_or_the_services_friendly_name() {
        let r = rules();
        assert_eq!(
            r.clean("db-01.prod.internal ran out of disk space."),
            "A server ran out of disk space."
        );
        assert_eq!(
            r.clean("Timeouts from api-gw-prod.eu-west-1.compute.amazonaws.com:443 at night."),
            "Timeouts from the checkout page at night."
        );
        assert_eq!(
            r.clean("Restarted ip-10-0-3-17.ec2.internal and DB-02.PROD.INTERNAL."),
            "Restarted a server and a server."
        );
    }

    #[test]
    fn ip_addresses_v4_and_v6_are_taken_out_but_times_and_percentages_stay() {
        let r = rules();
        assert_eq!(
            r.clean("10.0.3.17 stopped answering; 10.0.3.0/24 and 192.168.1.5:5432 too."),
            "A server stopped answering; a server and a server too."
        );
        assert_eq!(
            r.clean("Traffic to 2001:db8::1 and [2001:db8:0:1::42]:8443 and fe80::1%eth0 failed."),
            "Traffic to a server and a server and a server failed."
        );
        assert_eq!(
            r.clean("At 10:30:00 it worked 99.97% of the time, version 2.4 shipped."),
            "At 10:30:00 it worked 99.97% of the time, version 2.4 shipped."
        );
    }

    #[test]
    fn web_and_email_addresses_are_taken_out() {
        let r = rules();
        assert_eq!(
            r.clean("See https://grafana.corp.example.com/d/abc?x=1 or email oncall@example.com."),
            "See a web page or email an email address."
        );
        assert_eq!(
            r.clean("Status at www.example.org/status."),
            "Status at a web page."
        );
    }

    #[test]
    fn internal_service_names_become_friendly_names() {
        let r = rules();
        assert_eq!(
            r.clean("api-gw-prod returned errors while payments-svc was slow."),
            "The checkout page returned errors while card payments was slow."
        );
        assert_eq!(
            r.clean(
                "MAILER-01 queue stuck; redis_cache and db-01 and search-es-cluster restarted."
            ),
            "Order emails queue stuck; a system and a system and a system restarted."
        );
    }

    #[test]
    fn everyday_hyphenated_words_stay() {
        let r = rules();
        let text =
            "A follow-up on the sign-in page after a 24-hour, well-known thank-you in 2025-2026.";
        assert_eq!(r.clean(text), text);
    }

    #[test]
    fn customer_names_from_the_list_are_taken_out() {
        let r = rules();
        assert_eq!(
            r.clean("Globex  Corporation and INITECH could not pay."),
            "A customer and a customer could not pay."
        );
    }

    #[test]
    fn teammates_names_become_teammates_and_lists_read_naturally() {
        let r = rules();
        assert_eq!(
            r.clean("Ana fixed it in about 20 minutes."),
            "A teammate fixed it in about 20 minutes."
        );
        assert_eq!(
            r.clean("Ana, Ben and Chloe gave up free time."),
            "Three teammates gave up free time."
        );
        assert_eq!(
            r.clean("Teammates wrote two notes to Ana and Ben. Thanks to Ben's quick work."),
            "Teammates wrote two notes to two teammates. Thanks to a teammate's quick work."
        );
        assert_eq!(
            r.clean("It will be fixed; Banana and Anabel are not names on the list."),
            "It will be fixed; Banana and Anabel are not names on the list."
        );
    }

    #[test]
    fn allowed_names_stay() {
        let r = PrivacyRules::new(english(), Vec::new(), &[], &[]);
        assert_eq!(r.clean("Ana fixed it."), "Ana fixed it.");
    }

    #[test]
    fn the_replacements_speak_the_storys_language() {
        let words = PrivacyWords {
            server: "un servidor".into(),
            system: "un sistema".into(),
            web_page: "una página web".into(),
            email: "una dirección de correo".into(),
            customer: "un cliente".into(),
            teammate: "alguien del equipo".into(),
            and: "y".into(),
            teammates: vec![
                "dos personas del equipo".into(),
                "tres personas del equipo".into(),
            ],
        };
        let r = PrivacyRules::new(
            words,
            Vec::new(),
            &["Globex".into()],
            &["Ana".into(), "Ben".into()],
        );
        assert_eq!(
            r.clean("Ana y Ben arreglaron db-01.prod.internal para Globex."),
            "Dos personas del equipo arreglaron un servidor para un cliente."
        );
    }

    #[test]
    fn placeholder_characters_in_the_input_cannot_smuggle_text() {
        let r = rules();
        assert_eq!(r.clean("x\u{E000}0\u{E001} Ana"), "x0 a teammate");
    }
}
