//! The `handbook` command; everything else lives in the library.

fn main() -> std::process::ExitCode {
    handbook::cli::main()
}
