//! The words of the app in each language, from the Fluent files in `assets/locales/` that the
//! UI loads too. Rust reads them at compile time (`include_str!`), so a story never depends on
//! files being present at run time.
//!
//! Fluent in Rust formats numbers without grouping and has no `DATETIME()`; both come from ICU
//! here (`icu.rs`), with the same option names the UI's `@fluent/bundle` understands.

mod icu;

pub use icu::{Dates, format_decimal, format_list};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code.trim())
    }
}

/// The Fluent files of each language, in the order they are loaded.
pub const FILES: [&str; 7] = [
    "story", "glossary", "counted", "demo", "ui", "deliver", "jargon",
];

macro_rules! sources {
    ($lang:literal) => {
        [
            include_str!(concat!("../../../../assets/locales/", $lang, "/story.ftl")),
            include_str!(concat!(
                "../../../../assets/locales/",
                $lang,
                "/glossary.ftl"
            )),
            include_str!(concat!(
                "../../../../assets/locales/",
                $lang,
                "/counted.ftl"
            )),
            include_str!(concat!("../../../../assets/locales/", $lang, "/demo.ftl")),
            include_str!(concat!("../../../../assets/locales/", $lang, "/ui.ftl")),
            include_str!(concat!(
                "../../../../assets/locales/",
                $lang,
                "/deliver.ftl"
            )),
            include_str!(concat!("../../../../assets/locales/", $lang, "/jargon.ftl")),
        ]
    };
}

const EN_SOURCES: [&str; 7] = sources!("en");
const ES_SOURCES: [&str; 7] = sources!("es");

/// The source text of one Fluent file, for tests that read the files as files.
pub fn source(lang: Lang, file: &str) -> Option<&'static str> {
    let sources = match lang {
        Lang::En => &EN_SOURCES,
        Lang::Es => &ES_SOURCES,
    };
    FILES.iter().position(|f| *f == file).map(|i| sources[i])
}

/// One argument of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_arg!(i64, u64, usize, u32, i32, f64);

pub type Args = Vec<(&'static str, Arg)>;

pub struct Locale {
    pub lang: Lang,
    bundle: FluentBundle<FluentResource>,
    pub dates: Dates,
}

fn number_en(
    value: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    icu::format_fluent_number(Lang::En, value)
}

fn number_es(
    value: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    icu::format_fluent_number(Lang::Es, value)
}

impl Locale {
    fn load(lang: Lang) -> Locale {
        let id: unic_langid::LanguageIdentifier = lang.code().parse().expect("valid language id");
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Plain text goes to files, terminals and messages: no invisible bidi marks in it.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(match lang {
            Lang::En => number_en,
            Lang::Es => number_es,
        }));
        bundle
            .add_function("DATETIME", move |positional, named| {
                icu::datetime_function(lang, positional, named)
            })
            .expect("DATETIME is added once");
        let sources = match lang {
            Lang::En => &EN_SOURCES,
            Lang::Es => &ES_SOURCES,
        };
        for (file, source) in FILES.iter().zip(sources) {
            let resource = FluentResource::try_new(source.to_string())
                .unwrap_or_else(|(_, errors)| panic!("{}/{file}.ftl: {errors:?}", lang.code()));
            bundle
                .add_resource(resource)
                .unwrap_or_else(|errors| panic!("{}/{file}.ftl: {errors:?}", lang.code()));
        }
        Locale {
            lang,
            bundle,
            dates: Dates::new(lang),
        }
    }

    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// A message with its arguments. A missing message or argument is a bug the locale tests
    /// catch; at run time it shows the message id rather than failing the whole story.
    pub fn message(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        self.format(pattern, args)
    }

    /// An attribute of a message (`.definition`, `.terms`), if it has one.
    pub fn attribute(&self, id: &str, attribute: &str, args: &[(&str, Arg)]) -> Option<String> {
        let message = self.bundle.get_message(id)?;
        let pattern = message.get_attribute(attribute)?.value();
        Some(self.format(pattern, args))
    }

    fn format(&self, pattern: &fluent_syntax::ast::Pattern<&str>, args: &[(&str, Arg)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, arg) in args {
            match arg {
                Arg::Text(text) => fluent_args.set(*name, FluentValue::from(text.as_str())),
                Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned();
        debug_assert!(errors.is_empty(), "{}: {errors:?}", self.lang.code());
        text
    }

    /// Every message id in `file`, in the order the file lists them.
    pub fn message_ids(lang: Lang, file: &str) -> Vec<String> {
        let Some(source) = source(lang, file) else {
            return Vec::new();
        };
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
        resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }

    /// Names and numbers joined as a person would: "Ana, Ben and Chloe", "Ana, Ben e Ignacio".
    pub fn list(&self, items: &[&str]) -> String {
        format_list(self.lang, items)
    }

    pub fn number(&self, n: f64, fraction_digits: usize) -> String {
        format_decimal(self.lang, n, fraction_digits)
    }
}

static EN: LazyLock<Locale> = LazyLock::new(|| Locale::load(Lang::En));
static ES: LazyLock<Locale> = LazyLock::new(|| Locale::load(Lang::Es));

pub fn locale(lang: Lang) -> &'static Locale {
    match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    }
}

#[cfg(test)]
mod tests;
