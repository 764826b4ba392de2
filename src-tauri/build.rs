//! Declares the app's commands to Tauri, which makes one permission per
//! command; the capability file then grants them, and nothing else is
//! callable from the webview.
//!
//! The list is read from the capability file rather than kept here: a build
//! script cannot link the crate whose command table it would need, so the
//! alternative were a second list by hand or Rust source parsed as text. The
//! capability is the list that matters (it is what the webview may call), it
//! is JSON with a schema, and `contract.rs` tests that it grants exactly the
//! commands `commands.rs` declares, naming any missing or extra one.

#[path = "src/grants.rs"]
mod grants;

const CAPABILITY: &str = "capabilities/kiosk.json";

fn main() {
    println!("cargo:rerun-if-changed={CAPABILITY}");
    let capability = std::fs::read_to_string(CAPABILITY)
        .unwrap_or_else(|error| panic!("cannot read {CAPABILITY}: {error}"));
    let commands = grants::granted_commands(&capability)
        .unwrap_or_else(|error| panic!("{CAPABILITY}: {error}"));
    // `AppManifest` keeps `'static` names; a build script ends right after.
    let commands: Vec<&'static str> = commands.into_iter().map(|c| &*c.leak()).collect();
    let manifest = tauri_build::AppManifest::new().commands(commands.leak());
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed");
}
