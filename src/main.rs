//! The `handbook` command; everything else lives in the library.

/// Rendering allocates many short-lived strings on several threads at once, where
/// mimalloc is markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    handbook::cli::main()
}
