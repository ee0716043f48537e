//! Friendly names suggested from the internal names services come with ("checkout-api-prod"
//! becomes "Checkout"), so Settings can offer one after the first sync instead of an empty box.
//! A family story never shows an internal name; a good suggestion is what gets most services a
//! friendly name at all.

use crate::locale::Lang;
use crate::story::capitalised as capitalise;

/// Words that say where or how a service runs, never what it is for: environments, regions,
/// and the machinery (`api`, `svc`, `k8s`, `pg`, `replica`...).
const TECHNICAL: &[&str] = &[
    // environments
    "prod",
    "production",
    "prd",
    "staging",
    "stage",
    "stg",
    "dev",
    "devel",
    "test",
    "testing",
    "qa",
    "uat",
    "sandbox",
    "live",
    "preprod",
    "canary",
    "blue",
    "green",
    "internal",
    "int",
    "ext",
    "external",
    "local",
    "private",
    "public",
    "main",
    "default", // regions
    "eu",
    "us",
    "uk",
    "ap",
    "apac",
    "emea",
    "amer",
    "latam",
    "asia",
    "east",
    "west",
    "north",
    "south",
    "central",
    "global",
    "region",
    "zone", // machinery
    "api",
    "apis",
    "svc",
    "srv",
    "service",
    "services",
    "server",
    "servers",
    "backend",
    "frontend",
    "k8s",
    "kube",
    "kubernetes",
    "ingress",
    "egress",
    "pg",
    "postgres",
    "postgresql",
    "psql",
    "mysql",
    "mariadb",
    "mongo",
    "mongodb",
    "db",
    "database",
    "rds",
    "redis",
    "memcached",
    "cache",
    "replica",
    "replicas",
    "primary",
    "secondary",
    "master",
    "slave",
    "leader",
    "follower",
    "shard",
    "worker",
    "workers",
    "queue",
    "consumer",
    "producer",
    "cron",
    "job",
    "jobs",
    "lb",
    "elb",
    "alb",
    "nlb",
    "nginx",
    "haproxy",
    "envoy",
    "proxy",
    "gw",
    "gateway",
    "cluster",
    "node",
    "nodes",
    "pod",
    "pods",
    "es",
    "elasticsearch",
    "opensearch",
    "kafka",
    "rabbitmq",
    "mq",
    "sqs",
    "sns",
    "cdn",
    "edge",
    "dns",
    "tls",
    "ssl",
    "http",
    "https",
    "grpc",
    "rpc",
    "rest",
    "lambda",
    "fn",
    "func",
    "ec2",
    "vm",
    "host",
    "instance",
    "daemon",
    "agent",
    "sidecar",
    "exporter",
    "indexer",
    "ingest",
    "ingestor",
    "pipeline",
    "etl",
    "infra",
    "ops",
    "core",
    "platform",
    "stack",
    "www",
    "web",
    "app",
    "ms",
    "micro",
    "microservice",
];

/// Internal words with a plain name people already use, in English and in Spanish.
const PLAIN: &[(&[&str], &str, &str)] = &[
    (&["checkout"], "Checkout", "Pago del pedido"),
    (
        &["payments", "payment", "pay", "billing"],
        "Payments",
        "Pagos",
    ),
    (
        &["auth", "login", "signin", "sso", "oauth", "identity"],
        "Signing in",
        "Inicio de sesión",
    ),
    (&["search"], "Search", "Búsqueda"),
    (&["cart", "basket"], "Shopping cart", "Carrito"),
    (&["orders"], "Orders", "Pedidos"),
    (&["mail", "email", "mailer", "smtp"], "Email", "Correo"),
    (
        &["notifications", "notification", "notify", "push"],
        "Notifications",
        "Avisos",
    ),
    (&["inventory", "stock"], "Stock", "Existencias"),
    (
        &["img", "images", "image", "photos", "media"],
        "Pictures",
        "Imágenes",
    ),
    (&["shop", "store", "storefront"], "Shop", "Tienda"),
    (&["site", "website"], "Website", "Sitio web"),
    (
        &["accounts", "account", "users", "user", "profile"],
        "Accounts",
        "Cuentas",
    ),
    (&["uploads", "upload"], "Uploads", "Subidas"),
    (&["reports", "reporting"], "Reports", "Informes"),
    (&["mobile"], "Mobile app", "App del móvil"),
];

/// A friendly name suggested from an internal service name: "checkout-api-prod" -> "Checkout",
/// "order-history-svc" -> "Order History". Environment, region and number parts and the
/// machinery's words are dropped; known words get their plain name in `lang`; what is left is
/// title-cased (English) or capitalised (Spanish). `None` when nothing friendly remains
/// ("pg-replica-03", "k8s-ingress-eu").
pub fn suggest_friendly_name(internal: &str, lang: Lang) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    for word in split_words(internal) {
        let word = word.to_lowercase();
        let plain = PLAIN
            .iter()
            .find(|(keys, ..)| keys.contains(&word.as_str()));
        let word = match (plain, lang) {
            (Some((_, en, _)), Lang::En) => en.to_string(),
            (Some((_, _, es)), Lang::Es) => es.to_string(),
            // English names are title-cased; Spanish ones only start with a capital.
            (None, Lang::En) if is_friendly(&word) => capitalise(&word),
            (None, Lang::Es) if is_friendly(&word) => word,
            (None, _) => continue,
        };
        if !words.contains(&word) {
            words.push(word);
        }
    }
    (!words.is_empty()).then(|| capitalise(&words.join(" ")))
}

/// The parts of an internal name: split at separators and where camelCase turns upper.
fn split_words(internal: &str) -> Vec<String> {
    let mut words = Vec::new();
    for part in internal.split(|c: char| !c.is_alphanumeric()) {
        let mut word = String::new();
        let mut previous_lower = false;
        for c in part.chars() {
            if c.is_uppercase() && previous_lower && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            previous_lower = c.is_lowercase();
            word.push(c);
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    words
}

/// A lower-case word a person might use: no digits, three letters or more, and not one of
/// the machinery's words.
fn is_friendly(word: &str) -> bool {
    word.chars().count() >= 3 && word.chars().all(char::is_alphabetic) && !TECHNICAL.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(internal: &str) -> Option<String> {
        suggest_friendly_name(internal, Lang::En)
    }

    fn es(internal: &str) -> Option<String> {
        suggest_friendly_name(internal, Lang::Es)
    }

    #[test]
    fn environment_region_and_number_parts_are_dropped() {
        assert_eq!(en("checkout-api-prod").as_deref(), Some("Checkout"));
        assert_eq!(en("payments-gateway-prod").as_deref(), Some("Payments"));
        assert_eq!(
            en("order-history-svc-eu-west-1").as_deref(),
            Some("Order History")
        );
        assert_eq!(en("search_indexer_02").as_deref(), Some("Search"));
        assert_eq!(
            en("recommendations.prod.internal").as_deref(),
            Some("Recommendations")
        );
    }

    #[test]
    fn nothing_is_suggested_when_only_machinery_is_left() {
        for internal in [
            "pg-replica-03",
            "k8s-ingress-eu",
            "redis-cache-01",
            "api-gw-001.prod.internal",
            "",
            "---",
            "x1-db",
        ] {
            assert_eq!(en(internal), None, "{internal:?}");
            assert_eq!(es(internal), None, "{internal:?}");
        }
    }

    #[test]
    fn known_words_get_their_plain_name_in_the_readers_language() {
        assert_eq!(en("auth-svc-prod").as_deref(), Some("Signing in"));
        assert_eq!(es("auth-svc-prod").as_deref(), Some("Inicio de sesión"));
        assert_eq!(es("checkout-api-prod").as_deref(), Some("Pago del pedido"));
        assert_eq!(es("notifications-worker-prod").as_deref(), Some("Avisos"));
        assert_eq!(en("mailer-01").as_deref(), Some("Email"));
        assert_eq!(es("img-cdn-edge").as_deref(), Some("Imágenes"));
    }

    #[test]
    fn unknown_words_are_kept_and_capitalised_and_camel_case_is_split() {
        assert_eq!(en("loyalty-points-api").as_deref(), Some("Loyalty Points"));
        assert_eq!(es("loyalty-points-api").as_deref(), Some("Loyalty points"));
        assert_eq!(en("GiftCardsService").as_deref(), Some("Gift Cards"));
        assert_eq!(en("checkout-checkout-prod").as_deref(), Some("Checkout"));
    }
}
