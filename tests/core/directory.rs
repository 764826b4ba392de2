//! The exhibitor directory a window at a time (`src/store/content/directory.rs`,
//! `Catalog::directory_outline` and `directory_window`): the outline's
//! letter groups are where the window's rows are, with and without the
//! category and hall filters.

use pavilion::model::{DirectoryFilter, DirectoryOutline, ExhibitorSummary, LetterGroup};
use pavilion::synth::synth;
use pavilion::{import, Catalog, DataDir};
use serde_json::json;

use crate::{live_catalog, TestPack};

/// Ten exhibitors whose sort keys start with a digit, punctuation either
/// side of the letters, letters in both cases, a Latin letter with a
/// diacritic and Chinese; two halls, three categories.
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
            {"id": "baidu", "name": {"zh": "百度", "en": "Baidu"}, "categories": ["ai", "misc"], "booth": h1("A01")},
            {"id": "mango", "name": "Mango"},
            {"id": "3m", "name": "3M", "categories": ["ai", "misc"], "booth": h1("A01")},
            {"id": "apricot", "name": "Apricot", "categories": ["robots", "ai"], "booth": h1("A02")},
            {"id": "brace", "name": "Brace", "sort_name": "{brace}", "categories": ["ai"]},
            {"id": "apple", "name": "apple", "categories": ["ai"], "booth": h2},
            {"id": "underscore", "name": "Underscore", "sort_name": "_underscore", "categories": ["robots"]},
            {"id": "banana", "name": "Banana", "categories": ["robots"], "booth": h1("A01")},
            {"id": "aegypten", "name": "Ägypten", "categories": ["robots"], "booth": h1("A02")}
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

/// Every row the filter lets through, A–Z.
fn all_rows(catalog: &Catalog, filter: &DirectoryFilter) -> Vec<ExhibitorSummary> {
    catalog.directory_window(filter, 0, u32::MAX).unwrap()
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
            "apple",
            "apricot",
            "banana",
            "mango",
            "zeta",
            "brace",
            "aegypten",
            "baidu"
        ],
        "A–Z ignoring case; digits and punctuation before the letters, other scripts after"
    );
    let outline = catalog.directory_outline(&everyone).unwrap();
    assert_eq!(
        outline,
        DirectoryOutline {
            total: 10,
            groups: vec![
                group("#", 0, 2),
                group("A", 2, 2),
                group("B", 4, 1),
                group("M", 5, 1),
                group("Z", 6, 1),
                group("#", 7, 3),
            ],
        }
    );
    for group in &outline.groups {
        let first = &catalog
            .directory_window(&everyone, group.offset, 1)
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
        .flat_map(|page| catalog.directory_window(&everyone, page * 3, 3).unwrap())
        .collect();
    assert_eq!(pieces, rows);
    assert_eq!(
        ids(&catalog.directory_window(&everyone, 8, 5).unwrap()),
        ["aegypten", "baidu"],
        "fewer at the end"
    );
    assert!(catalog
        .directory_window(&everyone, 10, 5)
        .unwrap()
        .is_empty());
    assert!(catalog
        .directory_window(&everyone, u32::MAX, u32::MAX)
        .unwrap()
        .is_empty());
    assert!(catalog
        .directory_window(&everyone, 0, 0)
        .unwrap()
        .is_empty());
    let apricot = &catalog.directory_window(&everyone, 3, 1).unwrap()[0];
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
            vec!["3m", "apple", "apricot", "zeta", "brace", "baidu"],
        ),
        (
            filter(None, Some("H1")),
            vec!["3m", "apricot", "banana", "aegypten", "baidu"],
        ),
        (
            filter(Some("ai"), Some("H1")),
            vec!["3m", "apricot", "baidu"],
        ),
        (
            filter(Some("robots"), None),
            vec!["underscore", "apricot", "banana", "aegypten"],
        ),
    ];
    for (filter, expected) in cases {
        let rows = all_rows(&catalog, &filter);
        assert_eq!(ids(&rows), expected, "{filter:?}");
        assert_eq!(
            catalog.directory_outline(&filter).unwrap(),
            outline_of(&rows),
            "{filter:?}"
        );
        assert_eq!(
            ids(&catalog.directory_window(&filter, 1, 2).unwrap()),
            expected[1..3],
            "{filter:?}"
        );
    }
    // With no letter between them, the `#` before and after are one group.
    assert_eq!(
        catalog
            .directory_outline(&filter(Some("misc"), None))
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
            catalog.directory_outline(&filter).unwrap(),
            empty,
            "{filter:?}"
        );
        assert!(catalog
            .directory_window(&filter, 0, 100)
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
        let rows = all_rows(&catalog, &filter);
        assert!(!rows.is_empty(), "{filter:?}");
        let outline = catalog.directory_outline(&filter).unwrap();
        assert_eq!(outline, outline_of(&rows), "{filter:?}");
        let pages: Vec<_> = (0..outline.total.div_ceil(100))
            .flat_map(|page| catalog.directory_window(&filter, page * 100, 100).unwrap())
            .collect();
        assert_eq!(pages, rows, "{filter:?}");
    }
}
