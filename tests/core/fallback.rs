//! What a starting kiosk shows when its live pack is broken, and where its
//! scratch folder is (`src/store/fallback.rs`, `src/data_dir.rs`).

use std::fs;
use std::path::Path;

use pavilion::data_dir::Scratch;
use pavilion::store::open_for_kiosk;
use pavilion::{import, DataDir, Error};

use crate::TestPack;

/// A data folder with versions 1 to `versions` of the test pack imported in
/// turn, and the demo pack (another pack id) beside it.
fn kiosk_with_versions(work: &Path, versions: u32) -> (DataDir, std::path::PathBuf) {
    let data = DataDir::at(work.join("data"));
    for version in 1..=versions {
        let pack = TestPack::small()
            .version(version)
            .write_in(work, &format!("v{version}"));
        import(&data, &pack).unwrap();
    }
    let mut demo = TestPack::small();
    demo.manifest["pack"] = "demo".into();
    (data, demo.write_in(work, "demo"))
}

/// The content database of every pack folder, newest import first.
fn content_dbs(data: &DataDir) -> Vec<std::path::PathBuf> {
    let mut folders: Vec<_> = fs::read_dir(data.packs_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    folders.sort();
    folders.reverse();
    folders
        .into_iter()
        .map(|folder| folder.join("content.db"))
        .collect()
}

fn truncate(db: &Path) {
    let length = fs::metadata(db).unwrap().len();
    let file = fs::OpenOptions::new().write(true).open(db).unwrap();
    file.set_len(length / 2).unwrap();
}

fn garble(db: &Path) {
    let length = fs::metadata(db).unwrap().len() as usize;
    fs::write(db, vec![0x5a; length]).unwrap();
}

fn folder_name(db: &Path) -> String {
    db.parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn a_live_pack_that_does_not_open_falls_back_to_the_kept_pack_before_it() {
    for (how, breaks) in [("truncated", truncate as fn(&Path)), ("garbage", garble)] {
        let work = tempfile::tempdir().unwrap();
        let (data, demo) = kiosk_with_versions(work.path(), 3);
        let dbs = content_dbs(&data);
        breaks(&dbs[0]);
        let live_pointer = fs::read(data.live_pointer()).unwrap();

        let scratch = Scratch::InPrivate(work.path().join("run"));
        let showing = open_for_kiosk(&data, &demo, &scratch).unwrap();
        let info = showing.catalog.pack_info();
        assert_eq!((info.pack.as_str(), info.version), ("expo", 2), "{how}");
        assert_eq!(showing.content, data, "{how}");
        assert!(!showing.catalog.exhibitors().unwrap().is_empty(), "{how}");
        // The operator is told which pack is broken.
        let reasons: Vec<String> = showing.passed_over.iter().map(Error::to_string).collect();
        assert_eq!(reasons.len(), 1, "{how}: {reasons:?}");
        assert!(
            reasons[0].contains(&folder_name(&dbs[0])),
            "{how}: {reasons:?}"
        );
        // Shown, not made live: the data folder is left for the operator.
        assert_eq!(
            fs::read(data.live_pointer()).unwrap(),
            live_pointer,
            "{how}"
        );
        assert!(!work.path().join("run").exists(), "{how}");
    }
}

#[test]
fn the_newest_kept_pack_that_opens_is_shown() {
    let work = tempfile::tempdir().unwrap();
    let (data, demo) = kiosk_with_versions(work.path(), 3);
    let dbs = content_dbs(&data);
    garble(&dbs[0]);
    truncate(&dbs[1]);

    let showing = open_for_kiosk(&data, &demo, &Scratch::InPrivate(work.path().into())).unwrap();
    assert_eq!(showing.catalog.pack_info().version, 1);
    assert_eq!(showing.passed_over.len(), 2);
    for (reason, db) in showing.passed_over.iter().zip(&dbs) {
        assert!(reason.to_string().contains(&folder_name(db)), "{reason}");
    }
}

#[test]
fn with_every_kept_pack_broken_the_demo_pack_is_shown() {
    let work = tempfile::tempdir().unwrap();
    let (data, demo) = kiosk_with_versions(work.path(), 2);
    let dbs = content_dbs(&data);
    garble(&dbs[0]);
    fs::remove_file(&dbs[1]).unwrap();

    let showing = open_for_kiosk(&data, &demo, &Scratch::InPrivate(work.path().into())).unwrap();
    assert_eq!(showing.catalog.pack_info().pack, "demo");
    assert_eq!(showing.content, data);
    assert!(matches!(
        showing.passed_over.as_slice(),
        [Error::Database { .. }, Error::NoDatabase { .. }]
    ));
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
#[test]
fn a_scratch_folder_in_a_private_folder_is_rebuilt_private() {
    let work = tempfile::tempdir().unwrap();
    let scratch = Scratch::InPrivate(work.path().to_path_buf());
    let first = scratch.create().unwrap();
    assert_eq!(first.root(), work.path().join("pavilion-demo"));
    assert_eq!(mode(first.root()), 0o700);
    fs::write(first.root().join("left-over"), "x").unwrap();
    // Loosened by someone: made private again, and emptied.
    fs::set_permissions(
        first.root(),
        std::os::unix::fs::PermissionsExt::from_mode(0o777),
    )
    .unwrap();
    let again = scratch.create().unwrap();
    assert_eq!(again, first);
    assert_eq!(mode(again.root()), 0o700);
    assert_eq!(fs::read_dir(again.root()).unwrap().count(), 0);
}

#[cfg(unix)]
#[test]
fn a_scratch_folder_in_a_shared_folder_has_a_new_random_name_and_is_private() {
    let work = tempfile::tempdir().unwrap();
    // What another user could have made in advance under the old fixed name.
    fs::create_dir(work.path().join("pavilion-demo")).unwrap();
    let scratch = Scratch::InShared(work.path().to_path_buf());
    let first = scratch.create().unwrap();
    let second = scratch.create().unwrap();
    for made in [&first, &second] {
        assert_eq!(made.root().parent(), Some(work.path()));
        assert_ne!(made.root(), work.path().join("pavilion-demo"));
        assert_eq!(mode(made.root()), 0o700);
    }
    assert_ne!(first, second);
}

#[cfg(unix)]
#[test]
fn a_kiosk_that_cannot_write_its_data_folder_shows_the_demo_pack_from_a_private_folder() {
    let work = tempfile::tempdir().unwrap();
    fs::write(work.path().join("not-a-folder"), "operator's file").unwrap();
    let data = DataDir::at(work.path().join("not-a-folder/pavilion"));
    let demo = TestPack::small().write_in(work.path(), "demo");
    let shared = work.path().join("tmp");
    fs::create_dir(&shared).unwrap();

    let showing = open_for_kiosk(&data, &demo, &Scratch::InShared(shared.clone())).unwrap();
    assert_eq!(showing.content.root().parent(), Some(shared.as_path()));
    assert_eq!(mode(showing.content.root()), 0o700);
    assert_eq!(showing.catalog.pack_info().pack, "expo");
}
