//! The venue as the catalog reads it: halls, their stands and spots, who is
//! at a stand (`Catalog::halls`, `hall`, `spot`, `stand_exhibitors`), and
//! the directory's filter data (`ExhibitorSummary::categories`, `Home`).

use pavilion::Error;
use serde_json::json;

use crate::{live_catalog as catalog, TestPack};

/// Two halls; H1 has two stands (one shared by two exhibitors) and two spots.
fn venue_pack() -> TestPack {
    let mut pack = TestPack::small();
    pack.set_json(
        "content/venue.json",
        json!({"halls": [
            {"id": "H2", "name": {"zh": "二号馆", "en": "Hall 2"}, "width": 40, "height": 30, "plan": "media/park.svg",
             "stands": [{"id": "C01", "x": 2, "y": 3, "w": 4.5, "h": 5}], "spots": []},
            {"id": "H1", "name": "Hall 1", "width": 100, "height": 50,
             "stands": [{"id": "B02", "x": 20, "y": 1, "w": 5, "h": 5}, {"id": "A01", "x": 1, "y": 1, "w": 5, "h": 5}],
             "spots": [{"id": "entrance", "name": "Entrance", "x": 0, "y": 0}, {"id": "atrium", "name": {"zh": "中庭", "en": "Atrium"}, "x": 50.5, "y": 25}]}
        ]}),
    );
    pack.json_mut("content/exhibitors.json", |exhibitors| {
        exhibitors[2]["booth"] = json!({"hall": "H1", "stand": "A01"});
        exhibitors[1]["booth"] = json!({"hall": "H2", "stand": "C01"});
    });
    pack
}

#[test]
fn halls_in_the_pack_order_each_with_its_own_stands_and_spots() {
    let (_work, catalog) = catalog(&venue_pack());
    let halls: Vec<_> = catalog
        .halls()
        .unwrap()
        .into_iter()
        .map(|hall| hall.id)
        .collect();
    assert_eq!(halls, ["H2", "H1"]);
    assert_eq!(catalog.home().unwrap().counts.halls, 2);

    let h1 = catalog.hall("H1").unwrap();
    assert_eq!((h1.width, h1.height, h1.plan.clone()), (100.0, 50.0, None));
    let stands: Vec<_> = h1.stands.iter().map(|stand| stand.id.as_str()).collect();
    assert_eq!(stands, ["A01", "B02"]);
    let spots: Vec<_> = h1
        .spots
        .iter()
        .map(|spot| (spot.id.as_str(), spot.x, spot.y))
        .collect();
    assert_eq!(spots, [("atrium", 50.5, 25.0), ("entrance", 0.0, 0.0)]);
    assert!(h1.spots.iter().all(|spot| spot.hall == "H1"));

    let h2 = catalog.hall("H2").unwrap();
    assert_eq!(h2.name.0["zh"], "二号馆");
    assert!(
        h2.plan.unwrap().0.ends_with(".svg"),
        "the plan is a media-store file"
    );
    assert_eq!(h2.stands.len(), 1);
    assert_eq!((h2.stands[0].w, h2.stands[0].h), (4.5, 5.0));
    assert!(h2.spots.is_empty());
}

#[test]
fn a_spot_names_its_hall() {
    let (_work, catalog) = catalog(&venue_pack());
    let atrium = catalog.spot("atrium").unwrap();
    assert_eq!(
        (atrium.hall.as_str(), atrium.name.0["en"].as_str()),
        ("H1", "Atrium")
    );
}

#[test]
fn unknown_halls_and_spots_are_not_found() {
    let (_work, catalog) = catalog(&venue_pack());
    assert!(matches!(
        catalog.hall("H9"),
        Err(Error::NotFound { kind: "hall", .. })
    ));
    assert!(matches!(
        catalog.spot("H1"),
        Err(Error::NotFound { kind: "spot", .. })
    ));
}

#[test]
fn a_stand_lists_everyone_at_it_a_to_z() {
    let (_work, catalog) = catalog(&venue_pack());
    let at = |hall, stand| -> Vec<String> {
        catalog
            .stand_exhibitors(hall, stand, "en")
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect()
    };
    assert_eq!(at("H1", "A01"), ["ibm", "merck"]);
    assert_eq!(at("H2", "C01"), ["baidu"]);
    assert!(at("H1", "B02").is_empty(), "a free stand");
    assert!(at("H2", "A01").is_empty(), "stand ids belong to their hall");
}

#[test]
fn the_directory_carries_each_exhibitors_categories_and_home_the_events() {
    let (_work, catalog) = catalog(&venue_pack());
    let home = catalog.home().unwrap();
    let categories: Vec<_> = home
        .categories
        .iter()
        .map(|category| category.id.as_str())
        .collect();
    assert_eq!(categories, ["ai", "robots"]);
    let exhibitors = catalog.exhibitors().unwrap();
    let merck = exhibitors.iter().find(|e| e.id == "merck").unwrap();
    assert_eq!(
        merck.categories,
        ["robots", "ai"],
        "the exhibitor's own order"
    );
    let ibm = exhibitors.iter().find(|e| e.id == "ibm").unwrap();
    assert!(ibm.categories.is_empty());
}

#[test]
fn a_big_directory_reads_its_categories_in_bulk_with_the_same_answer() {
    let work = tempfile::tempdir().unwrap();
    let pack = work.path().join("synth");
    // Beyond the catalog's threshold for looking categories up one by one.
    pavilion::synth::synth(1_500, &pack).unwrap();
    let data = pavilion::DataDir::at(work.path().join("data"));
    pavilion::import(&data, &pack).unwrap();
    let catalog = pavilion::Catalog::open_live(&data).unwrap();
    let exhibitors = catalog.exhibitors().unwrap();
    assert_eq!(exhibitors.len(), 1_500);
    for summary in exhibitors.iter().step_by(97) {
        let detail = catalog.exhibitor(&summary.id).unwrap();
        let ids: Vec<_> = detail
            .categories
            .into_iter()
            .map(|category| category.id)
            .collect();
        assert!(!ids.is_empty());
        assert_eq!(summary.categories, ids, "{}", summary.id);
    }
}
