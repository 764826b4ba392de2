//! Importing packs and reading the live one (`src/store/`).

use std::fs;
use std::path::Path;

use pavilion::data_dir::Scratch;
use pavilion::model::{Booth, ImportOutcome, ImportPhase, LinkKind, Media, Slide, SlideLink, Text};
use pavilion::pack::manifest::sha256_hex;
use pavilion::store::{import_with_progress, open_for_kiosk, rollback, KEPT_BESIDES_LIVE};
use pavilion::{import, status, Catalog, DataDir, Error};
use serde_json::json;

use crate::{problem_lines, snapshot, TestPack};

fn text(pairs: &[(&str, &str)]) -> Text {
    Text(
        pairs
            .iter()
            .map(|(language, text)| (language.to_string(), text.to_string()))
            .collect(),
    )
}

#[test]
fn catalog_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Catalog>();
}

/// The kiosk keeps the news list while its pack is live; an item that will
/// expire says when, so that the list is read again then.
#[test]
fn a_news_item_that_expires_says_when() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let mut pack = TestPack::small();
    pack.json_mut("content/news.json", |news| {
        news.as_array_mut().unwrap().push(json!(
            {"id": "later", "title": "Later", "published": "2021-07-09", "expires": "2999-01-01T08:00:00+08:00"}
        ));
    });
    import(&data, &pack.write_in(work.path(), "expo")).unwrap();
    let expiries: Vec<_> = Catalog::open_live(&data)
        .unwrap()
        .news()
        .unwrap()
        .into_iter()
        .map(|news| (news.id, news.expires_at))
        .collect();
    assert!(
        expiries.contains(&("later".to_owned(), Some(32_472_144_000))),
        "{expiries:?}"
    );
    assert!(
        expiries.contains(&("welcome".to_owned(), None)),
        "{expiries:?}"
    );
}

#[test]
fn an_imported_pack_is_live_and_queryable() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let info = import(&data, &TestPack::small().write_in(work.path(), "expo")).unwrap();
    assert_eq!((info.pack.as_str(), info.version), ("expo", 1));
    assert_eq!(info.title, text(&[("en", "Expo"), ("zh", "博览会")]));

    let catalog = Catalog::open_live(&data).unwrap();
    assert_eq!(catalog.pack_info(), info);
    let home = catalog.home().unwrap();
    assert_eq!(
        home.event.name,
        text(&[("en", "World AI Conference"), ("zh", "世界人工智能大会")])
    );
    assert_eq!(
        (home.counts.news, home.counts.parks, home.counts.exhibitors),
        (3, 2, 3)
    );

    let news: Vec<_> = catalog
        .news()
        .unwrap()
        .into_iter()
        .map(|news| news.id)
        .collect();
    assert_eq!(
        news,
        ["welcome", "opening", "old"],
        "pinned first, then newest first, expired hidden"
    );
    let welcome = catalog.news_item("welcome").unwrap();
    assert_eq!(
        welcome.body.unwrap().0["zh"],
        "<p>See <span class=\"link\">the site (https://waic.cn)</span>.</p>\n"
    );
    assert!(matches!(
        catalog.news_item("gone"),
        Err(Error::NotFound {
            kind: "news item",
            ..
        })
    ));

    let parks: Vec<_> = catalog
        .parks()
        .unwrap()
        .into_iter()
        .map(|park| park.id)
        .collect();
    assert_eq!(parks, ["zhangjiang-ai-island", "jinqiao"]);
    let island = catalog.park("zhangjiang-ai-island", "en").unwrap();
    assert_eq!(
        island
            .exhibitors
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>(),
        ["baidu", "merck"]
    );
    assert_eq!(island.gallery.len(), 2);
    assert_eq!(island.location.map(|l| (l.lat, l.lon)), Some((31.2, 121.6)));

    let exhibitors: Vec<_> = catalog
        .exhibitors()
        .unwrap()
        .into_iter()
        .map(|e| (e.id, e.sort_key))
        .collect();
    assert_eq!(
        exhibitors,
        [
            ("baidu".into(), "baidu".into()),
            ("ibm".into(), "ibm".into()),
            ("merck".into(), "merck".into())
        ]
    );
    let merck = catalog.exhibitor("merck").unwrap();
    assert_eq!(
        merck
            .categories
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        ["robots", "ai"]
    );
    assert_eq!(
        merck.categories[0].name,
        text(&[("en", "Robots"), ("zh", "机器人")])
    );
    assert_eq!(
        merck.booth,
        Some(Booth {
            hall: "H1".into(),
            stand: "A01".into()
        })
    );
    assert_eq!(
        merck.park.unwrap().name,
        text(&[("en", "Zhangjiang AI Island"), ("zh", "张江人工智能岛")])
    );
    let ibm = catalog.exhibitor("ibm").unwrap();
    assert_eq!(
        ibm.description.unwrap().0["en"],
        "<p>&lt;b&gt;Big&lt;/b&gt; blue</p>\n"
    );
    assert_eq!(ibm.website.as_deref(), Some("https://ibm.com"));
    assert!(matches!(
        catalog.exhibitor("nobody"),
        Err(Error::NotFound {
            kind: "exhibitor",
            ..
        })
    ));
    assert!(matches!(
        catalog.park("nowhere", "zh"),
        Err(Error::NotFound { kind: "park", .. })
    ));

    // Media are in the store under their content hash.
    let logo = home.event.logo.unwrap().0;
    assert_eq!(fs::read(data.media_dir().join(&logo)).unwrap(), crate::PNG);
}

#[test]
fn the_same_version_is_refused_and_the_live_pack_kept() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let path = TestPack::small().write_in(work.path(), "expo");
    import(&data, &path).unwrap();
    let before = snapshot(&data.packs_dir());
    let pointer = fs::read(data.live_pointer()).unwrap();
    match import(&data, &path) {
        Err(Error::VersionNotNewer {
            pack,
            version: 1,
            live_version: 1,
        }) => assert_eq!(pack, "expo"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(snapshot(&data.packs_dir()), before);
    assert_eq!(fs::read(data.live_pointer()).unwrap(), pointer);
    let history = status(&data).unwrap().history;
    assert_eq!(
        history
            .iter()
            .map(|entry| entry.outcome)
            .collect::<Vec<_>>(),
        [ImportOutcome::Refused, ImportOutcome::Live]
    );
    assert_eq!(history[0].errors, ["pack \"expo\" version 1 is not newer than the live version 1: raise \"version\" in manifest.json"]);
}

#[test]
fn a_newer_version_replaces_the_live_one_and_old_ones_are_pruned() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let mut pack = TestPack::small();
    for version in 1..=6 {
        pack.version(version);
        // Each version has its own logo, so pruning the store shows.
        pack.files.insert(
            "media/logo.png".into(),
            [crate::PNG, format!("v{version}").as_bytes()].concat(),
        );
        let info = import(&data, &pack.write_in(work.path(), &format!("v{version}"))).unwrap();
        assert_eq!(info.version, version);
        assert_eq!(
            Catalog::open_live(&data).unwrap().pack_info().version,
            version
        );
    }
    let status = status(&data).unwrap();
    assert_eq!(
        (status.pack.as_deref(), status.version),
        (Some("expo"), Some(6))
    );
    assert_eq!(
        status
            .kept
            .iter()
            .map(|kept| kept.version)
            .collect::<Vec<_>>(),
        [5, 4, 3]
    );
    assert_eq!(status.kept.len(), KEPT_BESIDES_LIVE);
    assert_eq!(fs::read_dir(data.packs_dir()).unwrap().count(), 4);
    // 4 kept packs × their own logo + the shared SVG.
    assert_eq!(fs::read_dir(data.media_dir()).unwrap().count(), 5);
}

#[test]
fn a_broken_pack_is_refused_and_the_live_pack_stays_byte_for_byte() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    import(&data, &TestPack::small().write_in(work.path(), "good")).unwrap();
    let before = snapshot(&data.packs_dir());
    let media_before = snapshot(&data.media_dir());
    let pointer = fs::read(data.live_pointer()).unwrap();

    let mut broken = TestPack::small();
    broken
        .version(2)
        .json_mut("content/exhibitors.json", |exhibitors| {
            exhibitors[0]["park"] = json!("zhangjiang-ai-iland")
        });
    broken
        .files
        .insert("media/new.png".into(), [crate::PNG, b"new"].concat());
    let path = broken.write_in(work.path(), "broken");
    fs::write(path.join("content/news.json"), "[").unwrap();
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(path.join("manifest.json")).unwrap()).unwrap();
    let listed = &manifest["files"]["content/news.json"];
    assert_eq!(
        problem_lines(import(&data, &path)),
        [
            format!("content/news.json: : the file is 1 bytes, manifest.json says {}", listed["bytes"]),
            format!("content/news.json: : sha256 is {}, manifest.json says {}", sha256_hex(b"["), listed["sha256"].as_str().unwrap()),
            "content/news.json: : not valid JSON: EOF while parsing a list at line 1 column 1".to_owned(),
            "content/exhibitors.json: /0/park: unknown park \"zhangjiang-ai-iland\" (did you mean \"zhangjiang-ai-island\"?)".to_owned(),
        ]
    );
    assert_eq!(snapshot(&data.packs_dir()), before);
    assert_eq!(snapshot(&data.media_dir()), media_before);
    assert_eq!(fs::read(data.live_pointer()).unwrap(), pointer);
    let catalog = Catalog::open_live(&data).unwrap();
    assert_eq!(catalog.pack_info().version, 1);
    assert_eq!(catalog.exhibitors().unwrap().len(), 3);
    let last = &status(&data).unwrap().history[0];
    assert_eq!(
        (last.outcome, last.pack.as_deref(), last.errors.len()),
        (ImportOutcome::Refused, None, 4)
    );
}

#[test]
fn no_live_pack_and_a_broken_live_pack_are_told_apart() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path());
    assert!(matches!(
        Catalog::open_live(&data),
        Err(Error::NoLivePack { .. })
    ));
    let empty = status(&data).unwrap();
    assert_eq!(
        (empty.pack, empty.version, empty.history.len()),
        (None, None, 0)
    );
    assert!(!data.kiosk_db().exists(), "status creates nothing");

    import(&data, &TestPack::small().write_in(work.path(), "expo")).unwrap();
    let folder = fs::read_to_string(data.live_pointer()).unwrap();
    fs::write(
        data.pack_dir(folder.trim()).join("content.db"),
        "not a database",
    )
    .unwrap();
    assert!(matches!(
        Catalog::open_live(&data),
        Err(Error::Database { .. })
    ));
    fs::remove_dir_all(data.pack_dir(folder.trim())).unwrap();
    assert!(matches!(
        Catalog::open_live(&data),
        Err(Error::NoDatabase { .. })
    ));

    // A broken live pack does not block its replacement, even at the same version.
    import(&data, &TestPack::small().write_in(work.path(), "again")).unwrap();
    assert_eq!(
        Catalog::open_live(&data)
            .unwrap()
            .exhibitors()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn leftovers_of_an_interrupted_import_are_removed() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    fs::create_dir_all(data.packs_dir().join(".tmp-expo-1-crashed")).unwrap();
    fs::create_dir_all(data.media_dir()).unwrap();
    fs::write(data.media_dir().join(".tmp-abc.png"), "partial").unwrap();
    import(&data, &TestPack::small().write_in(work.path(), "expo")).unwrap();
    let names = |dir| {
        fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect::<Vec<_>>()
    };
    assert!(names(data.packs_dir())
        .iter()
        .all(|name| !name.starts_with(".tmp-")));
    assert!(names(data.media_dir())
        .iter()
        .all(|name| !name.starts_with(".tmp-")));
}

#[test]
fn each_kind_of_broken_pack_is_refused_without_touching_the_live_pack() {
    type Edit = fn(&mut TestPack);
    type Damage = fn(&Path);
    let cases: [(Edit, Damage, &str); 4] = [
        (
            |pack| {
                pack.json_mut("content/parks.json", |parks| parks[1]["nmae"] = json!("x"));
            },
            |_| {},
            "content/parks.json: /1/nmae: unknown field \"nmae\" (did you mean \"name\"?)",
        ),
        (
            |pack| {
                pack.json_mut("content/exhibitors.json", |exhibitors| exhibitors[2]["park"] = json!("jinqia"));
            },
            |_| {},
            "content/exhibitors.json: /2/park: unknown park \"jinqia\" (did you mean \"jinqiao\"?)",
        ),
        (
            |_| {},
            |root| fs::remove_file(root.join("content/slides.json")).unwrap(),
            "manifest.json: /files/content~1slides.json: \"content/slides.json\" is listed but not in the pack",
        ),
        (
            |_| {},
            |root| fs::write(root.join("media/new.svg"), crate::SVG).unwrap(),
            "media/new.svg: : not listed in manifest.json \"files\" (after editing a pack, run `pavilion pack manifest DIR`)",
        ),
    ];
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    import(&data, &TestPack::small().write_in(work.path(), "good")).unwrap();
    let state = || {
        (
            snapshot(&data.packs_dir()),
            snapshot(&data.media_dir()),
            fs::read(data.live_pointer()).unwrap(),
        )
    };
    let before = state();
    for (index, (edit, damage, expected)) in cases.into_iter().enumerate() {
        let mut broken = TestPack::small();
        edit(broken.version(2));
        let root = broken.write_in(work.path(), &format!("broken-{index}"));
        damage(&root);
        assert_eq!(problem_lines(import(&data, &root)), [expected]);
        assert!(state() == before, "{expected}: the data folder changed");
        assert_eq!(
            Catalog::open_live(&data)
                .unwrap()
                .exhibitors()
                .unwrap()
                .len(),
            3
        );
    }
}

/// The kept packs as (version, rollback step), in `status` order.
fn kept(data: &DataDir) -> Vec<(u32, Option<u32>)> {
    status(data)
        .unwrap()
        .kept
        .iter()
        .map(|kept| (kept.version, kept.rollback_step))
        .collect()
}

fn live_version(data: &DataDir) -> u32 {
    Catalog::open_live(data).unwrap().pack_info().version
}

#[test]
fn rollback_steps_back_through_the_packs_that_were_live_never_forward() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let mut pack = TestPack::small();
    let mut path_of = |version| {
        pack.version(version)
            .write_in(work.path(), &format!("v{version}"))
    };
    for version in 1..=5 {
        import(&data, &path_of(version)).unwrap();
    }
    assert_eq!(kept(&data), [(4, Some(1)), (3, Some(2)), (2, Some(3))]);

    // From 5 to 4: 5 stays on disk and is listed, but rollback goes on back.
    assert_eq!(rollback(&data).unwrap().version, 4);
    assert_eq!(live_version(&data), 4);
    assert_eq!(kept(&data), [(3, Some(1)), (2, Some(2)), (5, None)]);
    assert_eq!(rollback(&data).unwrap().version, 3);
    assert_eq!(kept(&data), [(2, Some(1)), (5, None), (4, None)]);

    // A new import is compared with the live version, 3: 3 is refused, 5
    // (rolled back from) is accepted again, and it steps back to 3, the pack
    // live before it, not to 4.
    assert!(matches!(
        import(&data, &path_of(3)),
        Err(Error::VersionNotNewer {
            live_version: 3,
            ..
        })
    ));
    assert_eq!(import(&data, &path_of(5)).unwrap().version, 5);
    assert_eq!(kept(&data), [(3, Some(1)), (2, Some(2)), (5, None)]);
    assert_eq!(
        fs::read_dir(data.packs_dir()).unwrap().count(),
        1 + KEPT_BESIDES_LIVE
    );
    assert_eq!(rollback(&data).unwrap().version, 3);
    assert_eq!(rollback(&data).unwrap().version, 2);

    // Version 1 was pruned long ago: nothing further back.
    let pointer = fs::read(data.live_pointer()).unwrap();
    assert!(matches!(rollback(&data), Err(Error::NoPreviousPack { .. })));
    assert_eq!(fs::read(data.live_pointer()).unwrap(), pointer);

    // The history survived every switch and prune, newest first.
    let history = status(&data).unwrap().history;
    let outcomes: Vec<_> = history
        .iter()
        .map(|entry| (entry.outcome, entry.version))
        .collect();
    use ImportOutcome::{Live, Refused, RolledBack};
    assert_eq!(
        outcomes,
        [
            (RolledBack, Some(2)),
            (RolledBack, Some(3)),
            (Live, Some(5)),
            (Refused, Some(3)),
            (RolledBack, Some(3)),
            (RolledBack, Some(4)),
            (Live, Some(5)),
            (Live, Some(4)),
            (Live, Some(3)),
            (Live, Some(2)),
        ]
    );
    assert_eq!(history[3].errors, ["pack \"expo\" version 3 is not newer than the live version 3: raise \"version\" in manifest.json"]);
    assert!(history[0]
        .source
        .starts_with(data.packs_dir().to_str().unwrap()));
}

#[test]
fn rollback_to_a_chosen_kept_pack_goes_straight_there_and_only_back() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let mut pack = TestPack::small();
    for version in 1..=4 {
        let path = pack
            .version(version)
            .write_in(work.path(), &format!("v{version}"));
        import(&data, &path).unwrap();
    }
    let folder_of = |version| {
        status(&data)
            .unwrap()
            .kept
            .into_iter()
            .find(|kept| kept.version == version)
            .unwrap()
            .folder
    };
    let two = folder_of(2);
    assert_eq!(
        pavilion::store::rollback_to(&data, &two).unwrap().version,
        2
    );
    assert_eq!(live_version(&data), 2);
    // Two steps at once; 3 and 4 were rolled back from: not reachable by a
    // rollback any more, while 1, before 2, is its next step.
    assert_eq!(kept(&data), [(1, Some(1)), (4, None), (3, None)]);
    let pointer = fs::read(data.live_pointer()).unwrap();
    for folder in [folder_of(4), "no-such-folder".to_owned()] {
        assert!(matches!(
            pavilion::store::rollback_to(&data, &folder),
            Err(Error::NoPreviousPack { .. })
        ));
    }
    assert_eq!(fs::read(data.live_pointer()).unwrap(), pointer);
    let last = &status(&data).unwrap().history[0];
    assert_eq!(
        (last.outcome, last.version),
        (ImportOutcome::RolledBack, Some(2))
    );
}

#[test]
fn rollback_needs_a_live_pack_and_one_before_it() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    assert!(matches!(rollback(&data), Err(Error::NoLivePack { .. })));
    assert!(!data.root().exists(), "rollback creates nothing");
    import(&data, &TestPack::small().write_in(work.path(), "expo")).unwrap();
    assert!(matches!(rollback(&data), Err(Error::NoPreviousPack { .. })));
    assert_eq!(live_version(&data), 1);

    // A previous pack that no longer opens is skipped.
    import(
        &data,
        &TestPack::small().version(2).write_in(work.path(), "v2"),
    )
    .unwrap();
    import(
        &data,
        &TestPack::small().version(3).write_in(work.path(), "v3"),
    )
    .unwrap();
    let v2 = status(&data).unwrap().kept[0].folder.clone();
    fs::write(data.pack_dir(&v2).join("content.db"), "not a database").unwrap();
    assert_eq!(kept(&data), [(1, Some(1))]);
    assert_eq!(rollback(&data).unwrap().version, 1);
}

#[test]
fn one_import_or_rollback_at_a_time() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    import(&data, &TestPack::small().write_in(work.path(), "v1")).unwrap();
    import(
        &data,
        &TestPack::small().version(2).write_in(work.path(), "v2"),
    )
    .unwrap();
    let history = status(&data).unwrap().history.len();

    // Another process importing holds the lock as this does.
    let holder = fs::File::open(data.lock_file()).unwrap();
    holder.lock().unwrap();
    let v3 = TestPack::small().version(3).write_in(work.path(), "v3");
    assert!(matches!(import(&data, &v3), Err(Error::Busy { .. })));
    assert!(matches!(rollback(&data), Err(Error::Busy { .. })));
    // Readers never wait for it.
    assert_eq!(live_version(&data), 2);
    assert_eq!(
        status(&data).unwrap().history.len(),
        history,
        "a busy attempt is not recorded"
    );

    drop(holder);
    assert_eq!(import(&data, &v3).unwrap().version, 3);
}

#[test]
fn import_reports_its_phases() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let path = TestPack::small().write_in(work.path(), "expo");
    let mut phases = Vec::new();
    import_with_progress(&data, &path, &mut |phase| phases.push(phase)).unwrap();
    use ImportPhase::{Building, Switching, Verifying};
    assert_eq!(phases, [Verifying, Building, Switching]);
    phases.clear();
    import_with_progress(&data, &path, &mut |phase| phases.push(phase)).unwrap_err();
    assert_eq!(phases, [Verifying], "a refused pack stops after verifying");
}

#[test]
fn slides_agenda_speakers_and_venue_are_stored() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let mut pack = TestPack::small();
    pack.json_mut("content/slides.json", |slides| {
        slides
            .as_array_mut()
            .unwrap()
            .push(json!({"id": "s2", "image": "media/logo.png", "caption": {"zh": "欢迎", "en": "Welcome"}, "seconds": 2.5}));
        slides
            .as_array_mut()
            .unwrap()
            .push(json!({"id": "s0", "image": "media/park.svg"}));
    });
    import(&data, &pack.write_in(work.path(), "expo")).unwrap();
    let catalog = Catalog::open_live(&data).unwrap();
    let svg = Media(format!("{}.svg", sha256_hex(crate::SVG)));
    let png = Media(format!("{}.png", sha256_hex(crate::PNG)));
    assert_eq!(
        catalog.slides().unwrap(),
        [
            Slide {
                id: "s1".into(),
                image: svg.clone(),
                caption: None,
                link: Some(SlideLink {
                    kind: LinkKind::Park,
                    id: "jinqiao".into()
                }),
                seconds: 8
            },
            Slide {
                id: "s2".into(),
                image: png,
                caption: Some(text(&[("en", "Welcome"), ("zh", "欢迎")])),
                link: None,
                seconds: 3
            },
            Slide {
                id: "s0".into(),
                image: svg,
                caption: None,
                link: None,
                seconds: 8
            },
        ],
        "pack order; whole seconds, rounded up; 8 when not given"
    );

    // No queries read the rest yet; what is stored is checked in place.
    let folder = fs::read_to_string(data.live_pointer()).unwrap();
    let db = rusqlite::Connection::open(data.pack_dir(folder.trim()).join("content.db")).unwrap();
    let rows = |sql: &str| -> Vec<String> {
        let mut statement = db.prepare(sql).unwrap();
        let rows = statement.query_map([], |row| row.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    assert_eq!(
        rows("SELECT id || ' ' || starts || ' ' || ends_at || ' ' || title FROM sessions"),
        ["plenary 2021-07-08T09:00:00+08:00 1625709600 {\"en\":\"Connect Cities with AI\",\"zh\":\"Connect Cities with AI\"}"]
    );
    assert_eq!(
        rows("SELECT session_id || ' ' || speaker_id FROM session_speakers"),
        ["plenary lv"]
    );
    assert_eq!(
        rows("SELECT id || ' ' || exhibitor_id || ' ' || bio FROM speakers"),
        ["lv ibm {\"en\":\"<p>Deputy director</p>\\n\",\"zh\":\"<p>Deputy director</p>\\n\"}"]
    );
    assert_eq!(
        rows("SELECT id || ' ' || width || 'x' || height FROM halls"),
        ["H1 100.0x50.0"]
    );
    assert_eq!(
        rows("SELECT hall_id || ' ' || id || ' ' || w FROM stands"),
        ["H1 A01 5.0"]
    );
    assert_eq!(
        rows("SELECT hall_id || ' ' || id || ' ' || name FROM spots"),
        ["H1 entrance {\"en\":\"Entrance\",\"zh\":\"Entrance\"}"]
    );
}

#[test]
fn a_starting_kiosk_shows_the_live_pack_else_the_demo_pack() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let scratch = Scratch::InPrivate(work.path().join("run"));
    let demo = TestPack::small().write_in(work.path(), "demo");

    let first = open_for_kiosk(&data, &demo, &scratch).unwrap();
    assert_eq!(
        first.content, data,
        "the demo pack goes into the data folder"
    );
    assert!(matches!(
        first.passed_over.as_slice(),
        [Error::NoLivePack { .. }]
    ));
    assert_eq!(first.catalog.pack_info().pack, "expo");

    let again = open_for_kiosk(&data, &demo, &scratch).unwrap();
    assert_eq!(again.content, data);
    assert!(again.passed_over.is_empty(), "the live pack opens as it is");
    assert!(!work.path().join("run").exists());
}

#[test]
fn a_kiosk_whose_data_folder_cannot_be_written_still_shows_the_demo_pack() {
    let work = tempfile::tempdir().unwrap();
    // A path through a regular file cannot be created, even by root (who
    // writes to read-only permissions): like a read-only or full disk, the
    // import into it fails.
    fs::write(work.path().join("not-a-folder"), "operator's file").unwrap();
    let data = DataDir::at(work.path().join("not-a-folder/pavilion"));
    let scratch = Scratch::InPrivate(work.path().to_path_buf());
    let demo = TestPack::small().write_in(work.path(), "demo");

    for start in 0..2 {
        // The second start finds the first one's scratch folder, holding the
        // same pack version, and rebuilds it rather than refusing it.
        let showing = open_for_kiosk(&data, &demo, &scratch).unwrap();
        assert_eq!(
            showing.content.root(),
            work.path().join("pavilion-demo"),
            "start {start}"
        );
        assert_eq!(showing.passed_over.len(), 2, "start {start}");
        assert!(matches!(showing.passed_over[0], Error::Io { .. }));
        assert_eq!(showing.catalog.pack_info().pack, "expo");
        assert!(!showing.catalog.exhibitors().unwrap().is_empty());
    }
    assert_eq!(
        fs::read_to_string(work.path().join("not-a-folder")).unwrap(),
        "operator's file"
    );
}

/// `data` with `"go_live": "confirm"` in its settings.
fn confirm_first(data: &DataDir) {
    fs::create_dir_all(data.root()).unwrap();
    fs::write(data.settings_file(), r#"{"go_live": "confirm"}"#).unwrap();
}

/// The small pack at `version`, with a logo whose bytes are the version's.
fn pack_with_logo(version: u32) -> (TestPack, Vec<u8>) {
    let mut pack = TestPack::small();
    pack.version(version);
    let logo = [crate::PNG, format!("logo of version {version}").as_bytes()].concat();
    pack.files.insert("media/logo.png".into(), logo.clone());
    (pack, logo)
}

fn media_present(data: &DataDir, bytes: &[u8]) -> bool {
    data.media_dir()
        .join(format!("{}.png", sha256_hex(bytes)))
        .exists()
}

#[test]
fn with_confirm_an_import_is_staged_unseen_until_made_live() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    import(&data, &TestPack::small().write_in(work.path(), "v1")).unwrap();
    confirm_first(&data);

    let (v2, logo2) = pack_with_logo(2);
    let info = import(&data, &v2.write_in(work.path(), "v2")).unwrap();
    assert_eq!(info.version, 2);
    // Visitors still see version 1; version 2 is listed as staged only.
    assert_eq!(live_version(&data), 1);
    let shown = status(&data).unwrap();
    assert_eq!(shown.version, Some(1));
    let staged = shown.staged.clone().unwrap();
    assert_eq!(staged.info, info);
    assert_eq!(staged.counts.exhibitors, 3);
    assert!(shown.kept.iter().all(|kept| kept.version != 2));
    assert_eq!(shown.history[0].outcome, ImportOutcome::Staged);
    // Its media are kept while it waits, though no live pack uses them.
    assert!(media_present(&data, &logo2));
    // The panel can browse it as visitors would.
    let browsed = Catalog::open(&data.pack_dir(&staged.folder)).unwrap();
    assert_eq!(browsed.pack_info().version, 2);

    // A newer staged pack replaces it, folder and all.
    let (v3, logo3) = pack_with_logo(3);
    import(&data, &v3.write_in(work.path(), "v3")).unwrap();
    let shown = status(&data).unwrap();
    assert_eq!(shown.staged.as_ref().unwrap().info.version, 3);
    assert!(!data.pack_dir(&staged.folder).exists());
    assert!(!media_present(&data, &logo2));
    assert_eq!(live_version(&data), 1);

    let made = pavilion::store::make_live(&data).unwrap();
    assert_eq!(made.version, 3);
    assert_eq!(live_version(&data), 3);
    assert!(media_present(&data, &logo3));
    let shown = status(&data).unwrap();
    assert_eq!(shown.staged, None);
    assert_eq!(shown.history[0].outcome, ImportOutcome::MadeLive);
    assert!(matches!(
        pavilion::store::make_live(&data),
        Err(Error::NothingStaged { .. })
    ));
    // Rollback returns to the pack live when it was staged.
    assert_eq!(rollback(&data).unwrap().version, 1);
}

#[test]
fn a_pack_made_live_by_an_import_drops_the_staged_one() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    import(&data, &TestPack::small().write_in(work.path(), "v1")).unwrap();
    confirm_first(&data);
    import(&data, &pack_with_logo(2).0.write_in(work.path(), "v2")).unwrap();
    fs::write(data.settings_file(), r#"{"go_live": "auto"}"#).unwrap();
    import(&data, &pack_with_logo(3).0.write_in(work.path(), "v3")).unwrap();
    assert_eq!(live_version(&data), 3);
    assert_eq!(status(&data).unwrap().staged, None);
    assert!(matches!(
        pavilion::store::make_live(&data),
        Err(Error::NothingStaged { .. })
    ));
}

#[test]
fn a_crash_at_any_step_of_staging_or_making_live_leaves_a_whole_pack_live() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    import(&data, &TestPack::small().write_in(work.path(), "v1")).unwrap();
    confirm_first(&data);
    let v2 = pack_with_logo(2).0.write_in(work.path(), "v2");

    // Cut before `staged` was written: the built folder is there, named by
    // nothing; version 1 stays live and nothing is staged.
    import(&data, &v2).unwrap();
    let folder = status(&data).unwrap().staged.unwrap().folder;
    fs::remove_file(data.staged_pointer()).unwrap();
    assert_eq!(live_version(&data), 1);
    assert_eq!(status(&data).unwrap().staged, None);
    assert!(matches!(
        pavilion::store::make_live(&data),
        Err(Error::NothingStaged { .. })
    ));
    // Staging again works (a version is built anew).
    import(&data, &v2).unwrap();
    let folder_again = status(&data).unwrap().staged.unwrap().folder;
    assert_ne!(folder_again, folder);

    // Cut after the switch of `live`, before `staged` was cleared: what
    // `live` names is live, and nothing is listed as staged.
    fs::write(data.live_pointer(), format!("{folder_again}\n")).unwrap();
    assert_eq!(live_version(&data), 2);
    assert_eq!(status(&data).unwrap().staged, None);
    assert!(matches!(
        pavilion::store::make_live(&data),
        Err(Error::NothingStaged { .. })
    ));
    assert!(!data.staged_pointer().exists());
}

#[test]
fn a_staged_pack_older_than_the_live_one_is_not_made_live() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    import(&data, &TestPack::small().write_in(work.path(), "v1")).unwrap();
    confirm_first(&data);
    import(&data, &pack_with_logo(2).0.write_in(work.path(), "v2")).unwrap();
    // Version 3 goes live by hand meanwhile, leaving `staged` behind (as
    // an older build would).
    fs::write(data.settings_file(), "{}").unwrap();
    let staged = fs::read(data.staged_pointer()).unwrap();
    import(&data, &pack_with_logo(3).0.write_in(work.path(), "v3")).unwrap();
    fs::write(data.staged_pointer(), staged).unwrap();
    assert!(matches!(
        pavilion::store::make_live(&data),
        Err(Error::VersionNotNewer {
            version: 2,
            live_version: 3,
            ..
        })
    ));
    assert_eq!(live_version(&data), 3);
}
