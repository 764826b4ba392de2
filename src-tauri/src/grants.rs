//! Which of the app's own commands a capability file grants. `build.rs`
//! declares exactly these to Tauri (it cannot link this crate, so it cannot
//! read the command table), and `contract.rs` tests that they are exactly
//! the commands `commands.rs` declares.

/// The commands granted by `allow-<command>` in a capability file, in its
/// order, as their Rust names (`allow-get-home` → `get_home`). Permissions
/// of Tauri's core and plugins (`core:event:allow-listen`) are not the
/// app's and are passed over; any other app permission is an error, since
/// the kiosk's UI is only ever allowed things.
pub fn granted_commands(capability: &str) -> Result<Vec<String>, String> {
    let capability: serde_json::Value =
        serde_json::from_str(capability).map_err(|error| format!("not JSON: {error}"))?;
    let permissions = capability["permissions"]
        .as_array()
        .ok_or("no \"permissions\" array")?;
    let mut commands = Vec::new();
    for permission in permissions {
        let identifier = permission
            .as_str()
            .or_else(|| permission["identifier"].as_str())
            .ok_or_else(|| format!("/permissions: {permission} names no permission"))?;
        if identifier.contains(':') {
            continue;
        }
        let command = identifier.strip_prefix("allow-").ok_or_else(|| {
            format!("/permissions: \"{identifier}\": the kiosk grants commands with \"allow-<command>\" only")
        })?;
        commands.push(command.replace('-', "_"));
    }
    Ok(commands)
}
