//! Declares the app's commands to Tauri, which makes one permission per
//! command; the capability file then grants them, and nothing else is
//! callable from the webview.
//!
//! The list is read from the capability file rather than kept here: a build
//! script cannot link the crate whose command table it would need, so the
//! alternative were a second list by hand or Rust source parsed as text. The
//! capabilities are the lists that matter (it is what the webview may call), it
//! is JSON with a schema, and `contract.rs` tests that it grants exactly the
//! commands `commands.rs` declares, naming any missing or extra one.

#[path = "src/grants.rs"]
mod grants;

/// The visitor's window's and the operator panel's.
const CAPABILITIES: [&str; 2] = ["capabilities/kiosk.json", "capabilities/operator.json"];

fn main() {
    let mut commands: Vec<&'static str> = Vec::new();
    for capability in CAPABILITIES {
        println!("cargo:rerun-if-changed={capability}");
        let text = std::fs::read_to_string(capability)
            .unwrap_or_else(|error| panic!("cannot read {capability}: {error}"));
        let granted =
            grants::granted_commands(&text).unwrap_or_else(|error| panic!("{capability}: {error}"));
        // `AppManifest` keeps `'static` names; a build script ends right after.
        commands.extend(granted.into_iter().map(|c| &*c.leak()));
    }
    let manifest = tauri_build::AppManifest::new().commands(commands.leak());
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed");
}
