// Keeps a console window from opening next to the kiosk on Windows.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    pavilion_kiosk::run();
}
