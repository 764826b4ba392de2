//! The exhibitor directory a window at a time (`src/store/content/directory.rs`,
//! `Catalog::directory_outline` and `directory_window`): the outline's
//! letter groups are where the window's rows are, with and without the
//! category and hall filters, in each language's A–Z (Chinese by pinyin,
//! `src/store/content/sort_key.rs`), with the pack's `sort_name` plain or
//! per language, and in a pack of the schema before the keys per language.

use pavilion::model::{DirectoryFilter, DirectoryOutline, ExhibitorSummary, LetterGroup, SortName};
use pavilion::store::rollback;
use pavilion::synth::synth;
use pavilion::{import, Catalog, DataDir, Error};
use serde_json::{json, Value};

use crate::{live_catalog, problem_lines, TestPack};

/// Eleven exhibitors whose sort keys start with a digit, punctuation either
/// side of the letters, letters in both cases, a Latin letter with a
/// diacritic, Chinese and Japanese; two halls, three categories.
fn directory_pack() -> TestPack {
    let mut pack = TestPack::small();
    pack.json_mut("content/event.json", |event| {
        event["categories"]
            .as_array_mut()
            .unwrap()
            .push(json!({"id": "misc", "name": "Misc"}));
    });
    pack.set_json(
        "content/venue.json",
        json!({"halls": [
            {"id": "H1", "name": "Hall 1", "width": 100, "height": 50,
             "stands": [{"id": "A01", "x": 1, "y": 1, "w": 5, "h": 5}, {"id": "A02", "x": 10, "y": 1, "w": 5, "h": 5}]},
            {"id": "H2", "name": "Hall 2", "width": 100, "height": 50,
             "stands": [{"id": "C01", "x": 1, "y": 1, "w": 5, "h": 5}]}
        ]}),
    );
    pack.json_mut("content/speakers.json", |speakers| {
        speakers[0].as_object_mut().unwrap().remove("exhibitor");
    });
    let h1 = |stand: &str| json!({"hall": "H1", "stand": stand});
    let h2 = json!({"hall": "H2", "stand": "C01"});
    pack.set_json(
        "content/exhibitors.json",
        json!([
            {"id": "zeta", "name": "zeta", "categories": ["ai"], "booth": h2},
            {"id": "baidu", "name": {"zh": "百度", "en": "Baidu"}, "categories": ["ai"], "booth": h1("A01")},
            {"id": "mango", "name": "Mango"},
            {"id": "3m", "name": "3M", "categories": ["ai", "misc"], "booth": h1("A01")},
            {"id": "apricot", "name": "Apricot", "categories": ["robots", "ai"], "booth": h1("A02")},
            {"id": "brace", "name": "Brace", "sort_name": "{brace}", "categories": ["ai", "misc"]},
            {"id": "apple", "name": "apple", "categories": ["ai"], "booth": h2},
            {"id": "underscore", "name": "Underscore", "sort_name": "_underscore", "categories": ["robots"]},
            {"id": "banana", "name": "Banana", "categories": ["robots"], "booth": h1("A01")},
            {"id": "aegypten", "name": "Ägypten", "categories": ["robots"], "booth": h1("A02")},
            {"id": "sony", "name": "ソニー"}
        ]),
    );
    pack
}

fn filter(category: Option<&str>, hall: Option<&str>) -> DirectoryFilter {
    DirectoryFilter {
        category: category.map(str::to_owned),
        hall: hall.map(str::to_owned),
    }
}

fn group(letter: &str, offset: u32, count: u32) -> LetterGroup {
    LetterGroup {
        letter: letter.to_owned(),
        offset,
        count,
    }
}

/// Every row the filter lets through, A–Z in the pack's default language.
fn all_rows(catalog: &Catalog, filter: &DirectoryFilter) -> Vec<ExhibitorSummary> {
    all_rows_in(catalog, filter, "zh")
}

fn all_rows_in(catalog: &Catalog, filter: &DirectoryFilter, lang: &str) -> Vec<ExhibitorSummary> {
    catalog.directory_window(filter, lang, 0, u32::MAX).unwrap()
}

fn ids(rows: &[ExhibitorSummary]) -> Vec<&str> {
    rows.iter().map(|row| row.id.as_str()).collect()
}

/// The outline as the rows say it should be: runs of rows whose sort keys
/// start with the same Latin letter (either case), or with anything else
/// (`#`).
fn outline_of(rows: &[ExhibitorSummary]) -> DirectoryOutline {
    let mut groups: Vec<LetterGroup> = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let letter = match row.sort_key.chars().next() {
            Some(first) if first.is_ascii_alphabetic() => first.to_ascii_uppercase().to_string(),
            _ => "#".to_owned(),
        };
        match groups.last_mut() {
            Some(last) if last.letter == letter => last.count += 1,
            _ => groups.push(group(&letter, index as u32, 1)),
        }
    }
    DirectoryOutline {
        total: rows.len() as u32,
        groups,
    }
}

#[test]
fn the_outline_says_where_each_letter_starts_in_the_window_order() {
    let (_work, catalog) = live_catalog(&directory_pack());
    let everyone = DirectoryFilter::default();
    let rows = all_rows(&catalog, &everyone);
    assert_eq!(
        ids(&rows),
        [
            "3m",
            "underscore",
            "aegypten",
            "apple",
            "apricot",
            "baidu",
            "banana",
            "mango",
            "zeta",
            "brace",
            "sony"
        ],
        "A–Z ignoring case and accents, Chinese by pinyin (百度 bai du); digits and punctuation \
         before the letters, other scripts after"
    );
    let outline = catalog.directory_outline(&everyone, "zh").unwrap();
    assert_eq!(
        outline,
        DirectoryOutline {
            total: 11,
            groups: vec![
                group("#", 0, 2),
                group("A", 2, 3),
                group("B", 5, 2),
                group("M", 7, 1),
                group("Z", 8, 1),
                group("#", 9, 2),
            ],
        }
    );
    for group in &outline.groups {
        let first = &catalog
            .directory_window(&everyone, "zh", group.offset, 1)
            .unwrap()[0];
        assert_eq!(first.id, rows[group.offset as usize].id);
    }
}

#[test]
fn windows_cut_the_same_order_into_pieces() {
    let (_work, catalog) = live_catalog(&directory_pack());
    let everyone = DirectoryFilter::default();
    let rows = all_rows(&catalog, &everyone);
    let pieces: Vec<_> = (0..4)
        .flat_map(|page| {
            catalog
                .directory_window(&everyone, "zh", page * 3, 3)
                .unwrap()
        })
        .collect();
    assert_eq!(pieces, rows);
    assert_eq!(
        ids(&catalog.directory_window(&everyone, "zh", 8, 5).unwrap()),
        ["zeta", "brace", "sony"],
        "fewer at the end"
    );
    assert!(catalog
        .directory_window(&everyone, "zh", 11, 5)
        .unwrap()
        .is_empty());
    assert!(catalog
        .directory_window(&everyone, "zh", u32::MAX, u32::MAX)
        .unwrap()
        .is_empty());
    assert!(catalog
        .directory_window(&everyone, "zh", 0, 0)
        .unwrap()
        .is_empty());
    let apricot = &catalog.directory_window(&everyone, "zh", 4, 1).unwrap()[0];
    assert_eq!(
        apricot.categories,
        ["robots", "ai"],
        "a window's rows are whole summaries"
    );
}

#[test]
fn filters_narrow_both_the_outline_and_the_windows() {
    let (_work, catalog) = live_catalog(&directory_pack());
    let cases = [
        (
            filter(Some("ai"), None),
            vec!["3m", "apple", "apricot", "baidu", "zeta", "brace"],
        ),
        (
            filter(None, Some("H1")),
            vec!["3m", "aegypten", "apricot", "baidu", "banana"],
        ),
        (
            filter(Some("ai"), Some("H1")),
            vec!["3m", "apricot", "baidu"],
        ),
        (
            filter(Some("robots"), None),
            vec!["underscore", "aegypten", "apricot", "banana"],
        ),
    ];
    for (filter, expected) in cases {
        let rows = all_rows(&catalog, &filter);
        assert_eq!(ids(&rows), expected, "{filter:?}");
        assert_eq!(
            catalog.directory_outline(&filter, "zh").unwrap(),
            outline_of(&rows),
            "{filter:?}"
        );
        assert_eq!(
            ids(&catalog.directory_window(&filter, "zh", 1, 2).unwrap()),
            expected[1..3],
            "{filter:?}"
        );
    }
    // With no letter between them, the `#` before and after are one group.
    assert_eq!(
        catalog
            .directory_outline(&filter(Some("misc"), None), "zh")
            .unwrap(),
        DirectoryOutline {
            total: 2,
            groups: vec![group("#", 0, 2)],
        }
    );
}

#[test]
fn a_filter_nobody_matches_is_an_empty_directory() {
    let (_work, catalog) = live_catalog(&directory_pack());
    let empty = DirectoryOutline {
        total: 0,
        groups: Vec::new(),
    };
    for filter in [
        filter(Some("robots"), Some("H2")),
        filter(Some("no-such-category"), None),
        filter(None, Some("no-such-hall")),
    ] {
        assert_eq!(
            catalog.directory_outline(&filter, "zh").unwrap(),
            empty,
            "{filter:?}"
        );
        assert!(catalog
            .directory_window(&filter, "zh", 0, 100)
            .unwrap()
            .is_empty());
    }
}

#[test]
fn a_synthetic_fair_pages_through_the_same_directory_with_every_filter() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("synth");
    synth(1_500, &dir).unwrap();
    let data = DataDir::at(work.path().join("data"));
    import(&data, &dir).unwrap();
    let catalog = Catalog::open_live(&data).unwrap();
    let category = catalog.home().unwrap().categories[0].id.clone();
    let hall = catalog.halls().unwrap()[1].id.clone();
    for filter in [
        DirectoryFilter::default(),
        filter(Some(&category), None),
        filter(None, Some(&hall)),
        filter(Some(&category), Some(&hall)),
    ] {
        for lang in ["zh", "en"] {
            let rows = all_rows_in(&catalog, &filter, lang);
            assert!(!rows.is_empty(), "{filter:?}");
            let outline = catalog.directory_outline(&filter, lang).unwrap();
            assert_eq!(outline, outline_of(&rows), "{filter:?} {lang}");
            let pages: Vec<_> = (0..outline.total.div_ceil(100))
                .flat_map(|page| {
                    catalog
                        .directory_window(&filter, lang, page * 100, 100)
                        .unwrap()
                })
                .collect();
            assert_eq!(pages, rows, "{filter:?} {lang}");
        }
    }
    // The two languages file the fair differently: by pinyin, by English.
    assert_ne!(
        ids(&all_rows_in(&catalog, &DirectoryFilter::default(), "zh")),
        ids(&all_rows_in(&catalog, &DirectoryFilter::default(), "en"))
    );
}

/// The demo pack's exhibitors, with a park and a shared stand.
fn bilingual_pack(sort_names: &[(&str, Value)]) -> TestPack {
    let mut pack = TestPack::small();
    pack.json_mut("content/speakers.json", |speakers| {
        speakers[0].as_object_mut().unwrap().remove("exhibitor");
    });
    let booth = json!({"hall": "H1", "stand": "A01"});
    let park = "zhangjiang-ai-island";
    let mut exhibitors = json!([
        {"id": "ibm", "name": "IBM", "park": park, "booth": booth},
        {"id": "microsoft", "name": {"zh": "微软", "en": "Microsoft"}, "park": park, "booth": booth},
        {"id": "paddlepaddle", "name": {"zh": "飞桨", "en": "PaddlePaddle"}, "park": park, "booth": booth},
        {"id": "merck", "name": {"zh": "默克", "en": "Merck"}},
        {"id": "sequoia-capital", "name": {"zh": "红杉资本", "en": "Sequoia Capital"}, "park": park}
    ]);
    for (id, sort_name) in sort_names {
        let exhibitor = exhibitors
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|e| e["id"] == *id)
            .unwrap();
        exhibitor["sort_name"] = sort_name.clone();
    }
    pack.set_json("content/exhibitors.json", exhibitors);
    pack
}

/// The letter each exhibitor files under in `lang`, in the directory's
/// order, as the outline says.
fn filed(catalog: &Catalog, lang: &str) -> Vec<(String, String)> {
    let everyone = DirectoryFilter::default();
    let rows = all_rows_in(catalog, &everyone, lang);
    let outline = catalog.directory_outline(&everyone, lang).unwrap();
    assert_eq!(outline, outline_of(&rows), "{lang}");
    let mut filed = Vec::new();
    for group in outline.groups {
        for row in &rows[group.offset as usize..(group.offset + group.count) as usize] {
            filed.push((group.letter.clone(), row.id.clone()));
        }
    }
    filed
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(letter, id)| (letter.to_string(), id.to_string()))
        .collect()
}

#[test]
fn in_chinese_names_file_by_pinyin_and_in_english_by_the_english_name() {
    let (_work, catalog) = live_catalog(&bilingual_pack(&[]));
    assert_eq!(
        filed(&catalog, "zh"),
        pairs(&[
            ("F", "paddlepaddle"),
            ("H", "sequoia-capital"),
            ("I", "ibm"),
            ("M", "merck"),
            ("W", "microsoft"),
        ]),
        "飞桨 fei jiang, 红杉资本 hong shan, IBM, 默克 mo ke, 微软 wei ruan"
    );
    assert_eq!(
        filed(&catalog, "en"),
        pairs(&[
            ("I", "ibm"),
            ("M", "merck"),
            ("M", "microsoft"),
            ("P", "paddlepaddle"),
            ("S", "sequoia-capital"),
        ])
    );
    let everyone = DirectoryFilter::default();
    let microsoft = |lang| {
        all_rows_in(&catalog, &everyone, lang)
            .into_iter()
            .find(|row| row.id == "microsoft")
            .unwrap()
            .sort_key
    };
    assert_eq!(
        (microsoft("zh"), microsoft("en")),
        ("wei ruan".into(), "microsoft".into())
    );
    // A park's exhibitors and a stand's follow the language too.
    let park = |lang| {
        ids(&catalog
            .park("zhangjiang-ai-island", lang)
            .unwrap()
            .exhibitors)
        .join(" ")
    };
    assert_eq!(park("zh"), "paddlepaddle sequoia-capital ibm microsoft");
    assert_eq!(park("en"), "ibm microsoft paddlepaddle sequoia-capital");
    let stand = |lang| ids(&catalog.stand_exhibitors("H1", "A01", lang).unwrap()).join(" ");
    assert_eq!(stand("zh"), "paddlepaddle ibm microsoft");
    assert_eq!(stand("en"), "ibm microsoft paddlepaddle");
    // A language the pack has not is not found, not a guess.
    assert!(matches!(
        catalog.directory_outline(&everyone, "fr"),
        Err(Error::NotFound {
            kind: "language",
            ..
        })
    ));
    assert!(catalog.directory_window(&everyone, "fr", 0, 10).is_err());
}

#[test]
fn a_localised_sort_name_overrides_the_key_in_the_languages_it_names() {
    let (_work, catalog) = live_catalog(&bilingual_pack(&[
        // 国际商业机器 in Chinese, filed under I as Chinese readers know it.
        ("ibm", json!({"zh": "IBM"})),
        // English readers look for Sequoia; Chinese ones for 红杉 (H).
        ("sequoia-capital", json!({"en": "Capital, Sequoia"})),
        ("merck", json!({"zh": "Merck", "en": "E. Merck KGaA"})),
    ]));
    assert_eq!(
        filed(&catalog, "zh"),
        pairs(&[
            ("F", "paddlepaddle"),
            ("H", "sequoia-capital"),
            ("I", "ibm"),
            ("M", "merck"),
            ("W", "microsoft"),
        ])
    );
    assert_eq!(
        filed(&catalog, "en"),
        pairs(&[
            ("C", "sequoia-capital"),
            ("E", "merck"),
            ("I", "ibm"),
            ("M", "microsoft"),
            ("P", "paddlepaddle"),
        ])
    );
    // The page gives the sort name back as the pack gave it.
    assert_eq!(
        catalog.exhibitor("sequoia-capital").unwrap().sort_name,
        Some(SortName([("en".into(), "Capital, Sequoia".into())].into()))
    );
    assert_eq!(catalog.exhibitor("microsoft").unwrap().sort_name, None);
    // A sort name is searched as a name is.
    let found: Vec<_> = catalog
        .search("kgaa", None, 10)
        .unwrap()
        .into_iter()
        .map(|hit| hit.id)
        .collect();
    assert_eq!(found, ["merck"]);
}

#[test]
fn a_plain_sort_name_still_files_every_language() {
    // As packs gave it before keys per language: pinyin for everyone.
    let (_work, catalog) = live_catalog(&bilingual_pack(&[("microsoft", json!("weiruan"))]));
    for lang in ["zh", "en"] {
        let filed = filed(&catalog, lang);
        assert!(
            filed.contains(&("W".into(), "microsoft".into())),
            "{lang}: {filed:?}"
        );
    }
    assert_eq!(
        catalog.exhibitor("microsoft").unwrap().sort_name,
        Some(SortName(
            [
                ("en".into(), "weiruan".into()),
                ("zh".into(), "weiruan".into())
            ]
            .into()
        ))
    );
}

#[test]
fn a_sort_name_in_a_language_the_pack_has_not_is_refused() {
    let pack = bilingual_pack(&[("ibm", json!({"zh": "IBM", "fr": "IBM"}))]);
    let work = tempfile::tempdir().unwrap();
    let lines = problem_lines(pavilion::pack::validate_path(
        &pack.write_in(work.path(), "pack"),
    ));
    assert_eq!(
        lines,
        [
            "content/exhibitors.json: /0/sort_name/fr: language \"fr\" is not in the manifest's languages (zh, en)"
        ]
    );
}

/// A pack imported by the build before keys per language (schema 3), kept
/// for rollback: rolled back to, it opens and shows its directory in every
/// language, by its one key per exhibitor, as that build did.
#[test]
fn a_kept_pack_of_schema_3_rolls_back_and_shows_its_directory() {
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    let old = bilingual_pack(&[("microsoft", json!("Microsoft"))]);
    import(&data, &old.write_in(work.path(), "old")).unwrap();
    let folder = std::fs::read_dir(work.path().join("data/packs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.join("content.db").is_file())
        .unwrap();
    // Its exhibitors as schema 3 had them: one `sort_key` column (the
    // pack's sort_name, else the default-language name), no keys table.
    let db = rusqlite::Connection::open(folder.join("content.db")).unwrap();
    db.execute_batch(
        "ALTER TABLE exhibitors ADD COLUMN sort_key TEXT;
         UPDATE exhibitors SET sort_key = coalesce(
             (SELECT sort_name FROM exhibitor_sort_keys WHERE exhibitor_id = exhibitors.id AND language = 'zh'),
             json_extract(name, '$.zh'));
         DROP TABLE exhibitor_sort_keys;
         CREATE INDEX exhibitors_a_to_z ON exhibitors (sort_key COLLATE NOCASE, id);
         PRAGMA user_version = 3;",
    )
    .unwrap();
    drop(db);
    let mut new = old;
    new.manifest["version"] = json!(2);
    import(&data, &new.write_in(work.path(), "new")).unwrap();
    assert_eq!(rollback(&data).unwrap().version, 1);

    let catalog = Catalog::open_live(&data).unwrap();
    // 微软 files by "Microsoft", the others by their Chinese names, which
    // sort after the Latin letters: as the old build showed them.
    let expected = pairs(&[
        ("I", "ibm"),
        ("M", "microsoft"),
        ("#", "sequoia-capital"),
        ("#", "paddlepaddle"),
        ("#", "merck"),
    ]);
    assert_eq!(filed(&catalog, "zh"), expected);
    assert_eq!(filed(&catalog, "en"), expected);
    let h1 = filter(None, Some("H1"));
    assert_eq!(
        ids(&all_rows_in(&catalog, &h1, "en")),
        ["ibm", "microsoft", "paddlepaddle"]
    );
    assert_eq!(
        ids(&catalog
            .park("zhangjiang-ai-island", "en")
            .unwrap()
            .exhibitors),
        ["ibm", "microsoft", "sequoia-capital", "paddlepaddle"]
    );
    assert_eq!(catalog.exhibitor("ibm").unwrap().name.0["en"], "IBM");
}
