//! The example pack in `docs/pack-format.md` is valid: each `#### example/PATH`
//! heading there is followed by the file's content in a fenced block.

use std::fs;
use std::path::Path;

use pavilion::{import, pack, Catalog, DataDir};

#[test]
fn the_documented_example_pack_is_valid() {
    let guide =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/pack-format.md"))
            .unwrap();
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("example");
    let mut written = 0;
    for section in guide.split("#### example/").skip(1) {
        let (path, rest) = section.split_once('\n').unwrap();
        let block = rest
            .split_once("```")
            .unwrap()
            .1
            .split_once('\n')
            .unwrap()
            .1;
        let content = &block[..block.find("```").unwrap()];
        let file = root.join(path.trim());
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, content).unwrap();
        written += 1;
    }
    assert_eq!(written, 7);
    let pack = pack::read_path(&root).unwrap_or_else(|error| panic!("{error:?}"));
    assert_eq!(
        (pack.manifest.pack.as_str(), pack.manifest.version),
        ("waic-2021", 1)
    );

    let data = DataDir::at(work.path().join("data"));
    import(&data, &root).unwrap();
    let catalog = Catalog::open_live(&data).unwrap();
    let ibm = catalog.exhibitor("ibm").unwrap();
    assert_eq!(ibm.park.unwrap().name.0["en"], "Zhangjiang AI Island");
    // The example's news item has expired by now: it is in the pack, not shown.
    assert_eq!(pack.news[0].item.body.as_ref().unwrap().0["zh"], "<p>Read more at <span class=\"link\">en.pd-italent.com (https://en.pd-italent.com)</span>.</p>\n");
    assert!(catalog.news().unwrap().is_empty());
}
