//! Which crates the release binary's bytes come from, read from the linker's map (mold's or
//! GNU ld's `-Map` file: src-tauri/build.rs asks for one in release). Growth shows the day it
//! happens, by crate, instead of as one number in the size row.

use std::collections::HashMap;

/// Output sections that `strip --strip-all` removes (or that are not loaded): not counted, as
/// the size row measures the stripped binary.
fn stripped_away(section: &str) -> bool {
    section.starts_with(".debug")
        || matches!(section, ".comment" | ".symtab" | ".strtab" | ".shstrtab")
}

/// The crate an input file belongs to: `…/libtokio-1a2b.rlib(tokio-1a2b.tokio.9f8e-cgu.3.rcgu.o)`
/// → `tokio`; an object rustc made for the binary itself after LTO
/// (`unsung_desktop-1a2b.tokio-9f8e.tokio.77aa-cgu.3.rcgu.o.rcgu.o`) → the crate its code unit
/// came from; C code inside a crate's archive (`liblibsqlite3_sys-1a2b.rlib(sqlite3.o)`) → that
/// crate; anything else (the C library, the linker's own sections) → its file name.
pub fn crate_of(file: &str) -> String {
    let (archive, member) = match file.strip_suffix(')').and_then(|f| f.split_once('(')) {
        Some((archive, member)) => (Some(archive), member),
        None => (None, file),
    };
    let mut unit = member.rsplit('/').next().unwrap_or(member);
    while let Some(shorter) = unit.strip_suffix(".rcgu.o") {
        unit = shorter;
    }
    // `….<crate>.<hash>-cgu.<n>`: the crate is third from the end.
    let parts: Vec<&str> = unit.split('.').collect();
    if parts.len() >= 4 && parts[parts.len() - 2].ends_with("-cgu") {
        return parts[parts.len() - 3].to_string();
    }
    if let Some(archive) = archive {
        let name = archive.rsplit('/').next().unwrap_or(archive);
        if let Some(stem) = name
            .strip_suffix(".rlib")
            .and_then(|n| n.strip_prefix("lib"))
        {
            return stem.split('-').next().unwrap_or(stem).to_string();
        }
        return name.to_string();
    }
    unit.to_string()
}

/// The crate a mangled symbol is defined in: the first crate root of a v0 name
/// (`_RNvCs1a2b_5tokio4main` → `tokio`) or the first segment of a legacy one
/// (`_ZN5tokio4main17h…E` → `tokio`). Generic code is charged to the crate that defines it
/// (`core::ptr::drop_in_place::<T>` to `core`), not to the one that asked for it.
pub fn crate_of_symbol(symbol: &str) -> Option<&str> {
    let (rest, v0) = match (symbol.strip_prefix("_R"), symbol.strip_prefix("_ZN")) {
        (Some(rest), _) => (rest, true),
        (None, Some(rest)) => (rest, false),
        _ => return None,
    };
    let mut at = 0;
    if v0 {
        // A crate root: `C`, an optional disambiguator `s<base-62>_`, then `<length><name>`.
        let bytes = rest.as_bytes();
        at = (0..bytes.len()).find(|&i| {
            bytes[i] == b'C' && {
                let mut j = i + 1;
                if bytes.get(j) == Some(&b's') {
                    while j < bytes.len() && bytes[j] != b'_' {
                        j += 1;
                    }
                    j += 1;
                }
                bytes.get(j).is_some_and(u8::is_ascii_digit)
            }
        })? + 1;
        if rest[at..].starts_with('s') {
            at += rest[at..].find('_')? + 1;
        }
    }
    let digits = rest[at..].bytes().take_while(u8::is_ascii_digit).count();
    let length: usize = rest[at..at + digits].parse().ok()?;
    let mut start = at + digits;
    // v0 puts `_` between the length and a name that starts with a digit or `_`.
    if v0 && rest[start..].starts_with('_') {
        start += 1;
    }
    rest.get(start..start + length)
}

/// The crate a section's bytes belong to: the symbol it holds when the section is named after
/// one (`.text.<symbol>`: functions inlined after LTO stay named), else its file's crate.
fn owner(file: &str, section: &str) -> String {
    const NAMED: [&str; 5] = [
        ".text.",
        ".rodata.",
        ".data.rel.ro.",
        ".data.",
        ".gcc_except_table.",
    ];
    NAMED
        .iter()
        .find_map(|prefix| section.strip_prefix(prefix))
        .and_then(crate_of_symbol)
        .map(str::to_string)
        .unwrap_or_else(|| crate_of(file))
}

/// Bytes per crate in the loaded part of the binary, largest first.
pub fn bytes_by_crate(map: &str) -> Vec<(String, u64)> {
    let mut totals: HashMap<String, u64> = HashMap::new();
    let mut counted = false;
    for line in map.lines() {
        let mut fields = line.split_whitespace();
        let (Some(_address), Some(size), Some(_align), Some(what)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Some(size) = parse_number(size) else {
            continue;
        };
        // mold: an output section's line starts its name in the fourth column; an input
        // section's line names `file:(section)` there, indented one column further.
        match what.rsplit_once(":(") {
            None if what.starts_with('.') => counted = !stripped_away(what),
            Some((file, section)) if counted && size > 0 => {
                *totals
                    .entry(owner(file, section.trim_end_matches(')')))
                    .or_default() += size;
            }
            _ => {}
        }
    }
    let mut sorted: Vec<(String, u64)> = totals.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    sorted
}

fn parse_number(text: &str) -> Option<u64> {
    match text.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => text.parse().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = "\
               VMA       Size Align Out     In      Symbol
             0x2e0         28     1 .interp
             0x2e0         28     1         <internal>:(.interp)
           0x1d000    3000000    16 .text
           0x1d000       1000    16         /t/deps/unsung_desktop-1a2b.unsung_desktop.9f8e-cgu.3.rcgu.o:(.text._RNvCs1a2b_5tokio4main)
           0x1d400       5000    16         /t/deps/unsung_desktop-1a2b.tokio-77aa.tokio.9f8e-cgu.4.rcgu.o.rcgu.o:(.rodata..Lanon.1)
           0x1d400          0     1                 _ZN5tokio3run17h1E
           0x1e000      40000    16         /t/deps/liblibsqlite3_sys-77aa.rlib(sqlite3.o):(.text)
           0x2e000       2000    16         /rust/lib/libstd-d123.rlib(std-d123.std.e282-cgu.0.rcgu.o):(.text._ZN3std2rt17h2E)
           0x2f000        300    16         /usr/lib/x86_64-linux-gnu/libc_nonshared.a(atexit.oS):(.text)
                 0    9000000     1 .debug_info
                 0    8000000     1         /t/deps/unsung_desktop-1a2b.tokio.9f8e-cgu.3.rcgu.o:(.debug_info)
";

    #[test]
    fn a_symbol_is_charged_to_the_crate_that_defines_it() {
        assert_eq!(crate_of_symbol("_RNvCs1a2b_5tokio4main"), Some("tokio"));
        assert_eq!(
            crate_of_symbol("_RNvCsfLfy6EI15iL_7___rustc12___rust_alloc"),
            Some("__rustc")
        );
        assert_eq!(
            crate_of_symbol("_RINvNtCsgEmf_4core3ptr13drop_in_placeNtCs77_5tokio7RuntimeE"),
            Some("core")
        );
        assert_eq!(crate_of_symbol("_ZN5serde2de5Error17h0123E"), Some("serde"));
        assert_eq!(crate_of_symbol(".Lanon.1"), None);
    }

    #[test]
    fn bytes_are_charged_to_the_crate_each_code_unit_came_from_and_debug_sections_are_not_counted()
    {
        assert_eq!(
            bytes_by_crate(MAP),
            vec![
                ("libsqlite3_sys".to_string(), 40_000),
                ("tokio".to_string(), 6_000),
                ("std".to_string(), 2_000),
                ("libc_nonshared.a".to_string(), 300),
                ("<internal>".to_string(), 28),
            ]
        );
    }
}
