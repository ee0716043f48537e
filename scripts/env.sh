# shellcheck shell=bash
# Shared settings for the scripts in this folder. Source it, don't run it:
#   . "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# The repository root, whatever the caller's working directory.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Build output lives outside the checkout (a debug + release target/ is several GB);
# callers may point it elsewhere.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/unsung/target}"

# cargo, rustup and `cargo install`ed tools such as tauri-driver.
case ":$PATH:" in
  *":$HOME/.cargo/bin:"*) ;;
  *) export PATH="$HOME/.cargo/bin:$PATH" ;;
esac

# The desktop binary that `cargo build --workspace` produces and the end-to-end test drives.
UNSUNG_DESKTOP_BIN="$CARGO_TARGET_DIR/debug/unsung-desktop"

# Print a short progress line.
say() { printf '==> %s\n' "$*"; }

# Build the UI into ui/dist unless it is newer than everything it is built from. The desktop
# binary embeds ui/dist, so rewriting it (even with the same bytes) makes cargo link the app
# again: minutes in release.
build_ui_if_changed() {
  local built="$ROOT/ui/dist/index.html"
  if [ -f "$built" ] && [ -z "$(find "$ROOT/ui/src" "$ROOT/ui/index.html" "$ROOT/ui/public" \
      "$ROOT/assets/locales" "$ROOT/ui/package-lock.json" "$ROOT/ui/vite.config.ts" \
      -newer "$built" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  npm --prefix "$ROOT/ui" run build >/dev/null
}

# Run the end-to-end tests (the `#[ignore]`d tests in tests/e2e: the only ignored tests in the
# workspace) against $UNSUNG_DESKTOP_BIN under a fresh virtual X server on a free display
# (xvfb-run ends it afterwards). Build the UI and the workspace first: the binary embeds ui/dist
# at compile time. `--workspace` as `cargo test` ran it, so nothing is rebuilt with other
# features; every other test binary has no ignored test and ends at once. Extra arguments go to
# the test harness. The X server is 24-bit so a screenshot looks like the real thing.
run_end_to_end() {
  UNSUNG_APP_BIN="$UNSUNG_DESKTOP_BIN" \
    xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
    cargo test --workspace -- --ignored --test-threads=1 "$@"
}
