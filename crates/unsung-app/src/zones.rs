//! The time zones a reader chooses from: each place once, under its current IANA name
//! (Asia/Kolkata, never also Asia/Calcutta), grouped by region, with the machine's zone first.
//!
//! chrono-tz knows every name, old ones included, and cannot tell which are old. The tz
//! database's `backward` file (copied in `assets/tz/backward` from the same release chrono-tz
//! is built from) does: its links are the old and alternate names. One of its sections keeps a
//! different kind of link, "a Zone per zone.tab line" (Europe/Oslo, Europe/Amsterdam): those are
//! cities of their own that only share a clock with another, and people look for them by name,
//! so they stay.

use crate::dto::{TimeZones, ZoneRegion};
use chrono_tz::{TZ_VARIANTS, Tz};
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// tzdb 2025b, the release chrono-tz 0.10.4 is built from.
const BACKWARD: &str = include_str!("../../../assets/tz/backward");

/// The section of `backward` whose links are places of their own, not other names for one.
const PLACES_SECTION: &str = "Pre-2013 practice";

/// The one zone outside the regions that readers look for: UTC, under its current name
/// (plain "UTC" is one of its old names). It is listed under the region "UTC".
const UTC: &str = "Etc/UTC";

/// Old or alternate name -> the current name of the same place.
fn aliases() -> &'static HashMap<&'static str, &'static str> {
    static ALIASES: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    ALIASES.get_or_init(|| {
        let mut aliases = HashMap::new();
        let mut section = "";
        let mut after_blank = true;
        for line in BACKWARD.lines() {
            let line = line.trim_end();
            if line.is_empty() {
                after_blank = true;
                continue;
            }
            if let Some(comment) = line.strip_prefix("# ") {
                // A section's title follows a blank line; its "# Link TARGET …" header does not count.
                if after_blank && !comment.starts_with("Link") {
                    section = comment;
                }
            } else if let Some(link) = line.strip_prefix("Link") {
                let mut fields = link.split_whitespace();
                if let (Some(target), Some(name)) = (fields.next(), fields.next())
                    && !section.starts_with(PLACES_SECTION)
                {
                    aliases.insert(name, target);
                }
            }
            after_blank = false;
        }
        aliases
    })
}

/// The current name for `zone` (itself when it is current).
pub fn canonical_zone(zone: &str) -> &str {
    aliases().get(zone).copied().unwrap_or(zone)
}

/// Whether a reader should see `zone` in the list: a current name in a region, or UTC.
fn listed(zone: &str) -> bool {
    if zone == UTC {
        return true;
    }
    let Some((region, _)) = zone.split_once('/') else {
        return false; // CET, EST5EDT, Factory: clocks, not places.
    };
    region != "Etc" && !aliases().contains_key(zone)
}

/// Every zone once, grouped by region (regions and zones in name order), and the machine's own
/// zone under its current name.
pub fn time_zones(machine: Tz) -> TimeZones {
    let mut regions: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for zone in TZ_VARIANTS.iter().map(|tz| tz.name()).filter(|z| listed(z)) {
        let region = match zone.split_once('/') {
            _ if zone == UTC => "UTC",
            Some((region, _)) => region,
            None => zone,
        };
        regions.entry(region).or_default().push(zone.to_string());
    }
    TimeZones {
        machine: canonical_zone(machine.name()).to_string(),
        regions: regions
            .into_iter()
            .map(|(region, mut zones)| {
                zones.sort();
                ZoneRegion {
                    region: region.to_string(),
                    zones,
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn all(zones: &TimeZones) -> Vec<&str> {
        zones
            .regions
            .iter()
            .flat_map(|r| r.zones.iter().map(String::as_str))
            .collect()
    }

    #[test]
    fn each_place_is_listed_once_under_its_current_name() {
        let zones = time_zones(chrono_tz::Europe::Madrid);
        let names = all(&zones);
        let unique: HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len(), "a zone is listed twice");
        for current in ["Asia/Kolkata", "Europe/Kyiv", "Asia/Ho_Chi_Minh", "Etc/UTC"] {
            assert!(names.contains(&current), "{current} is missing");
        }
        for old in [
            "Asia/Calcutta",
            "Europe/Kiev",
            "Asia/Saigon",
            "US/Eastern",
            "America/Buenos_Aires",
            "Etc/GMT+5",
            "EST5EDT",
            "UTC",
        ] {
            assert!(!names.contains(&old), "{old} is an old or alternate name");
        }
        // A city that shares a clock with another is still a place of its own.
        assert!(names.contains(&"Europe/Oslo"));
    }

    #[test]
    fn no_listed_zone_is_a_backward_alias() {
        let zones = time_zones(chrono_tz::UTC);
        let names = all(&zones);
        let alias_count = names.iter().filter(|z| aliases().contains_key(*z)).count();
        assert_eq!(alias_count, 0);
        assert!(aliases().len() > 100, "the backward file was read");
    }

    #[test]
    fn every_listed_zone_is_known_to_chrono_tz_and_in_its_region() {
        for region in time_zones(chrono_tz::UTC).regions {
            for zone in &region.zones {
                assert!(zone.parse::<Tz>().is_ok(), "{zone}");
                assert!(
                    zone == UTC || zone.starts_with(&format!("{}/", region.region)),
                    "{zone}"
                );
            }
        }
    }

    #[test]
    fn the_machine_zone_is_given_under_its_current_name() {
        assert_eq!(
            time_zones(chrono_tz::Asia::Calcutta).machine,
            "Asia/Kolkata"
        );
        assert_eq!(
            time_zones(chrono_tz::Europe::Madrid).machine,
            "Europe/Madrid"
        );
        assert_eq!(time_zones(chrono_tz::UTC).machine, "Etc/UTC");
    }
}
