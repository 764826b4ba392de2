//! How WebKitGTK draws the kiosk on a machine without a GPU.
//!
//! WebKit composites the page with OpenGL. With no GPU (no DRM render node,
//! as in a VM, a bare mini-PC driver, or Xvfb) that GL is Mesa's software
//! renderer, and compositing costs more than it saves: measured on the
//! benchmark machine, the UI's share of a cold start was 1.16 s with it and
//! 0.50 s without (bench/README.md). Without a render node the kiosk
//! therefore turns compositing off, unless the operator decided either way
//! by setting `WEBKIT_DISABLE_COMPOSITING_MODE` themselves.

use std::path::Path;

const COMPOSITING_SWITCH: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Chooses the drawing mode; must run before any thread starts, as it sets
/// an environment variable that WebKit's processes inherit.
pub fn choose() {
    if std::env::var_os(COMPOSITING_SWITCH).is_none() && !has_render_node(Path::new("/dev/dri")) {
        std::env::set_var(COMPOSITING_SWITCH, "1");
    }
}

/// Whether WebKit composites (the operator panel's health screen): it
/// does unless the switch is set to anything but `0`.
pub fn compositing() -> bool {
    std::env::var_os(COMPOSITING_SWITCH).is_none_or(|value| value == "0")
}

/// Whether `dri` holds a GPU render node (`renderD128`, …).
fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
    })
}

#[cfg(test)]
mod tests {
    use super::has_render_node;

    #[test]
    fn a_render_node_is_a_gpu_and_anything_else_is_not() {
        let dri = tempfile::tempdir().unwrap();
        assert!(!has_render_node(&dri.path().join("missing")));
        std::fs::write(dri.path().join("card0"), "").unwrap();
        assert!(!has_render_node(dri.path()), "a card without a render node");
        std::fs::write(dri.path().join("renderD128"), "").unwrap();
        assert!(has_render_node(dri.path()));
    }
}
