//! Rebuilds the binary when the embedded default theme or example handbook changes
//! (`include_dir!` alone does not notice new files).

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=handbook.yaml");
}
