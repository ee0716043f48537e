//! The standalone `unsung` binary, for development and the CLI's tests; the .deb runs the same
//! code from the desktop binary (`unsung-desktop --cli`, see scripts/stage-cli).

use std::process::ExitCode;

fn main() -> ExitCode {
    unsung_cli::main_with(std::env::args_os())
}
