//! `pack init` and `pack export` (`src/workbook/init.rs`, `export.rs`,
//! `writer.rs`): the workbooks they write, read back with calamine (cells)
//! and as their XML (notes, drop-downs), and the CLI's exit codes.

use std::fs;
use std::io::Read;
use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use pavilion::workbook::layout::{Cell, SHEETS};
use serde_json::json;

use crate::cli::pavilion;
use crate::TestPack;

/// Every cell of `sheet` as text, row by row (numbers as Rust writes them,
/// booleans TRUE/FALSE, empty cells "").
fn cells(workbook: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(workbook).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::String(text) => text.clone(),
                    Data::Float(number) => number.to_string(),
                    Data::Int(number) => number.to_string(),
                    Data::Bool(true) => "TRUE".into(),
                    Data::Bool(false) => "FALSE".into(),
                    Data::Empty => String::new(),
                    other => panic!("unexpected cell {other:?}"),
                })
                .collect()
        })
        .collect()
}

/// The rows of `sheet` as maps from header to non-empty value.
fn records(workbook: &Path, sheet: &str) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let rows = cells(workbook, sheet);
    let (headers, rows) = rows.split_first().unwrap();
    rows.iter()
        .map(|row| {
            headers
                .iter()
                .zip(row)
                .filter(|(_, value)| !value.is_empty())
                .map(|(header, value)| (header.clone(), json!(value)))
                .collect()
        })
        .collect()
}

/// The XML of a file inside the workbook.
fn part(workbook: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(fs::File::open(workbook).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The headers the layout gives a sheet in a zh/en pack.
fn layout_headers(sheet: &str) -> Vec<String> {
    let sheet = SHEETS.iter().find(|known| known.name == sheet).unwrap();
    sheet
        .columns
        .iter()
        .flat_map(|column| match column.cell {
            Cell::Localised | Cell::Markdown | Cell::LocalisedList => {
                vec![format!("{}.zh", column.name), format!("{}.en", column.name)]
            }
            _ => vec![column.name.to_owned()],
        })
        .collect()
}

#[test]
fn init_writes_every_sheet_column_note_and_drop_down_with_one_example_row() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("fair");
    let output = pavilion(work.path(), &["pack", "init", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let workbook = dir.join("pavilion.xlsx");

    let book: Xlsx<_> = open_workbook(&workbook).unwrap();
    let mut expected = vec!["README".to_owned()];
    expected.extend(SHEETS.iter().map(|sheet| sheet.name.to_owned()));
    assert_eq!(book.sheet_names(), expected);

    let readme = cells(&workbook, "README");
    for sheet in SHEETS {
        assert!(
            readme
                .iter()
                .any(|row| row[0] == sheet.name && row[1] == sheet.note),
            "README lacks {}",
            sheet.name
        );
    }
    for (index, sheet) in SHEETS.iter().enumerate() {
        let rows = cells(&workbook, sheet.name);
        assert_eq!(rows[0], layout_headers(sheet.name), "{}", sheet.name);
        assert_eq!(rows.len(), 2, "{} has one example row", sheet.name);
        // The README has no notes: the sheets' notes are numbered from 1.
        let comments = part(&workbook, &format!("xl/comments{}.xml", index + 1));
        for column in sheet.columns {
            let note = column.note.replace('\'', "&apos;").replace('"', "&quot;");
            assert!(
                comments.contains(&note) || comments.contains(column.note),
                "{}!{}: no note",
                sheet.name,
                column.name
            );
        }
        assert_eq!(
            comments.matches("<comment ").count(),
            rows[0].len(),
            "{}: a note on every header",
            sheet.name
        );
        let xml = part(&workbook, &format!("xl/worksheets/sheet{}.xml", index + 2));
        assert!(
            xml.contains("<pane ySplit=\"1\""),
            "{}: header frozen",
            sheet.name
        );
    }

    // Drop-downs over the other sheet's id column; a list of ids takes any text.
    let exhibitors = part(&workbook, "xl/worksheets/sheet8.xml");
    assert!(exhibitors
        .contains("sqref=\"K2:K1048576\"><formula1>categories!$A$2:$A$1048576</formula1>"));
    assert!(exhibitors.contains(
        "showErrorMessage=\"1\" sqref=\"L2:L1048576\"><formula1>halls!$A$2:$A$1048576</formula1>"
    ));
    assert!(exhibitors.contains("sqref=\"N2:N1048576\"><formula1>parks!$A$2:$A$1048576</formula1>"));
    assert!(!exhibitors.contains("showErrorMessage=\"1\" sqref=\"K2"));
    let stands = part(&workbook, "xl/worksheets/sheet12.xml");
    assert!(stands.contains("sqref=\"A2:A1048576\"><formula1>halls!$A$2:$A$1048576</formula1>"));
    let slides = part(&workbook, "xl/worksheets/sheet14.xml");
    assert!(slides.contains("<formula1>\"news,park,exhibitor,session\"</formula1>"));

    // The examples refer to each other, and every picture they name is in media/.
    let exhibitor = &records(&workbook, "exhibitors")[0];
    assert_eq!(exhibitor["id"], json!("ibm"));
    assert_eq!(
        exhibitor["categories"],
        records(&workbook, "categories")[0]["id"]
    );
    assert_eq!(exhibitor["park"], records(&workbook, "parks")[0]["id"]);
    assert_eq!(
        exhibitor["booth.hall"],
        records(&workbook, "halls")[0]["id"]
    );
    assert_eq!(
        exhibitor["booth.stand"],
        records(&workbook, "stands")[0]["id"]
    );
    assert_eq!(
        records(&workbook, "sessions")[0]["speakers"],
        records(&workbook, "speakers")[0]["id"]
    );
    assert_eq!(
        records(&workbook, "sessions")[0]["starts"],
        json!("2021-07-08 09:30")
    );
    for (sheet, column) in [
        ("event", "logo"),
        ("news", "image"),
        ("parks", "image"),
        ("exhibitors", "logo"),
        ("slides", "image"),
    ] {
        let path = records(&workbook, sheet)[0][column]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            dir.join("media").join(&path).is_file(),
            "{sheet}!{column}: {path}"
        );
    }
}

#[test]
fn init_refuses_a_folder_that_holds_a_workbook() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("fair");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("pavilion.xlsx"), b"the operator's").unwrap();
    let output = pavilion(work.path(), &["pack", "init", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("pavilion.xlsx: a workbook is already there"),
        "{stderr}"
    );
    assert_eq!(
        fs::read(dir.join("pavilion.xlsx")).unwrap(),
        b"the operator's"
    );
    assert!(!dir.join("media").exists());
}

#[test]
fn export_of_the_demo_pack_has_its_rows_and_media() {
    let work = tempfile::tempdir().unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/waic-2021");
    let out = work.path().join("out/waic.xlsx");
    let output = pavilion(
        work.path(),
        &[
            "pack",
            "export",
            demo.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");

    let pack = &records(&out, "pack")[0];
    assert_eq!(pack["pack"], json!("waic-2021"));
    assert_eq!(pack["languages"], json!("zh;en"));
    assert!(pack.get("version").is_none(), "numbered by the rebuild");
    let event = &records(&out, "event")[0];
    assert_eq!(
        (&event["starts_on"], &event["timezone"], &event["logo"]),
        (
            &json!("2021-07-08"),
            &json!("Asia/Shanghai"),
            &json!("logos/waic-2021.svg")
        )
    );
    let exhibitors = records(&out, "exhibitors");
    let ids: Vec<&str> = exhibitors
        .iter()
        .map(|row| row["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "ibm",
            "microsoft",
            "paddlepaddle",
            "merck",
            "sequoia-capital"
        ]
    );
    let microsoft = &exhibitors[1];
    assert_eq!(microsoft["name.zh"], json!("微软"));
    assert_eq!(microsoft["name.en"], json!("Microsoft"));
    assert_eq!(microsoft["logo"], json!("logos/microsoft.svg"));
    assert_eq!(microsoft["categories"], json!("technology-companies"));
    // A plain name is written in every language's column.
    assert_eq!(
        (&exhibitors[0]["name.zh"], &exhibitors[0]["name.en"]),
        (&json!("IBM"), &json!("IBM"))
    );
    let news = &records(&out, "news")[0];
    assert_eq!(news["pinned"], json!("TRUE"));
    assert_eq!(
        news["tags.en"],
        json!("WAIC;Pudong;Artificial intelligence;Digital transformation")
    );
    assert_eq!(records(&out, "park_figures").len(), 3);
    assert_eq!(records(&out, "slides")[0]["seconds"], json!("10"));
    for file in [
        "logos/ibm.svg",
        "slides/waic-2021.svg",
        "images/jinqiao.svg",
    ] {
        assert_eq!(
            fs::read(out.with_file_name("media").join(file)).unwrap(),
            fs::read(demo.join("media").join(file)).unwrap()
        );
    }

    // Never over an operator's workbook.
    let again = pavilion(
        work.path(),
        &[
            "pack",
            "export",
            demo.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn export_writes_times_in_the_event_zone_and_the_venue_and_reads_the_live_pack() {
    let work = tempfile::tempdir().unwrap();
    let mut pack = TestPack::small();
    pack.json_mut("content/sessions.json", |sessions| {
        let array = sessions.as_array_mut().unwrap();
        array.push(json!({"id": "utc", "title": "In UTC", "starts": "2021-07-08T01:00:00Z", "ends": "2021-07-08T01:30:45Z"}));
        array.push(json!({"id": "fraction", "title": "Odd", "starts": "2021-07-08T01:00:00.5Z", "ends": "2021-07-08T02:00:00Z"}));
    });
    let pack = pack.write_in(work.path(), "pack");
    let data = work.path().join("data");
    assert_eq!(
        pavilion(&data, &["pack", "import", pack.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let from_file = work.path().join("file/expo.xlsx");
    let from_live = work.path().join("live/expo.xlsx");
    let output = pavilion(
        &data,
        &[
            "pack",
            "export",
            pack.to_str().unwrap(),
            "--out",
            from_file.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let output = pavilion(
        &data,
        &["pack", "export", "--out", from_live.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");

    let sessions = records(&from_file, "sessions");
    let times: Vec<(&str, &str)> = sessions
        .iter()
        .map(|row| {
            (
                row["starts"].as_str().unwrap(),
                row["ends"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        times,
        [
            ("2021-07-08 09:00", "2021-07-08 10:00"),
            ("2021-07-08 09:00", "2021-07-08 09:30:45"),
            // Local time cannot say half a second: kept as the pack says it.
            ("2021-07-08T01:00:00.5Z", "2021-07-08 10:00"),
        ]
    );
    assert_eq!(records(&from_file, "sessions")[0]["speakers"], json!("lv"));
    assert_eq!(
        records(&from_file, "stands")[0],
        json!({"hall": "H1", "id": "A01", "x": "1", "y": "1", "w": "5", "h": "5"})
            .as_object()
            .unwrap()
            .clone()
    );
    assert_eq!(
        records(&from_file, "spots")[0]["name.en"],
        json!("Entrance")
    );
    let news = records(&from_file, "news");
    assert_eq!(news[0]["published"], json!("2021-07-08 09:00"));
    assert_eq!(news[3]["expires"], json!("2001-01-01"));

    // The live pack is exported from the copy its import kept.
    for sheet in SHEETS {
        assert_eq!(
            cells(&from_live, sheet.name),
            cells(&from_file, sheet.name),
            "{}",
            sheet.name
        );
    }
}

/// Exports `pack`, builds the export, and returns `pack diff`'s verdict
/// of the rebuilt pack against `pack`.
fn round_trip(work: &Path, pack: &Path) -> String {
    let workbook = work.join("export/fair.xlsx");
    let built = work.join("built");
    let run = |args: &[&str]| {
        let output = pavilion(work, args);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let (pack, workbook, built) = (
        pack.to_str().unwrap(),
        workbook.to_str().unwrap(),
        built.to_str().unwrap(),
    );
    run(&["pack", "export", pack, "--out", workbook]);
    run(&["pack", "build", workbook, "--out", built]);
    run(&["pack", "diff", pack, built])
}

#[test]
fn the_demo_pack_exported_and_built_again_is_unchanged() {
    let work = tempfile::tempdir().unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/waic-2021");
    let verdict = round_trip(work.path(), &demo);
    assert!(
        verdict.ends_with("no change: visitors see the same content\n"),
        "{verdict}"
    );
}

#[test]
fn a_synthetic_fair_with_agenda_and_venue_exported_and_built_again_is_unchanged() {
    let work = tempfile::tempdir().unwrap();
    let synth = work.path().join("synth");
    let output = pavilion(
        work.path(),
        &[
            "pack",
            "synth",
            "--exhibitors",
            "200",
            "--out",
            synth.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0));
    let verdict = round_trip(work.path(), &synth);
    assert!(
        verdict.ends_with("no change: visitors see the same content\n"),
        "{verdict}"
    );
    // What it compared: the agenda and the venue were there.
    let diff = pavilion(
        work.path(),
        &[
            "pack",
            "diff",
            synth.to_str().unwrap(),
            work.path().join("built").to_str().unwrap(),
            "--json",
        ],
    );
    let diff: serde_json::Value = serde_json::from_slice(&diff.stdout).unwrap();
    for part in diff["parts"].as_array().unwrap() {
        assert!(part["unchanged"].as_u64().unwrap() > 0, "{part}");
    }
}

#[test]
fn the_starter_builds_as_it_is_into_a_valid_pack() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("fair");
    let built = work.path().join("built");
    let run = |args: &[&str]| pavilion(work.path(), args).status.code();
    assert_eq!(run(&["pack", "init", dir.to_str().unwrap()]), Some(0));
    let workbook = dir.join("pavilion.xlsx");
    assert_eq!(
        run(&[
            "pack",
            "build",
            workbook.to_str().unwrap(),
            "--out",
            built.to_str().unwrap()
        ]),
        Some(0)
    );
    assert_eq!(run(&["pack", "validate", built.to_str().unwrap()]), Some(0));
    // The pack against itself counts what it holds: one of everything.
    let built = pavilion::pack::snapshot(&built).unwrap();
    let diff = pavilion::pack::diff::diff(&built, &built);
    for part in &diff.parts {
        assert_eq!(part.unchanged, 1, "one example of {:?}", part.part);
    }
}
