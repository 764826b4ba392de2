//! `pack build` (`src/workbook/`): real `.xlsx` files written here with
//! rust_xlsxwriter (merged ranges, date and date-time cells, numbers in id
//! columns), a hand-zipped `.ods`, CSV folders in GB18030, UTF-8 with a
//! byte-order mark and `;`, and tab; every problem at its cell; the built
//! pack validated, imported and ordered A–Z by pinyin; exit codes and
//! "nothing written" through the real binary.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pavilion::workbook::build::{build, Options, Outcome};
use pavilion::workbook::schedule::{Conference, Placed, Schedule};
use pavilion::workbook::SourceProblem;
use pavilion::{import, Catalog, DataDir};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::{json, Value};

use crate::PNG;

/// A cell as a test writes it into a workbook.
#[derive(Clone)]
enum C {
    S(&'static str),
    N(f64),
    B(bool),
    /// A date cell.
    D(u16, u8, u8),
    /// A date-time cell.
    T(u16, u8, u8, u8, u8),
    E,
}

use C::*;

type Sheet = (&'static str, Vec<Vec<C>>);

fn pack_sheet() -> Sheet {
    (
        "pack",
        vec![
            vec![
                S("pack"),
                S("version"),
                S("languages"),
                S("title.zh"),
                S("title.en"),
            ],
            vec![S("expo"), N(2.0), S("zh;en"), S("博览会"), S("Expo")],
        ],
    )
}

fn event_sheet() -> Sheet {
    (
        "event",
        vec![
            vec![
                S("name.zh"),
                S("name.en"),
                S("starts_on"),
                S("ends_on"),
                S("timezone"),
            ],
            vec![
                S("大会"),
                S("Expo"),
                D(2021, 7, 8),
                D(2021, 7, 10),
                S("Asia/Shanghai"),
            ],
        ],
    )
}

/// Writes `sheets` as a real .xlsx at `path`; `merges` are (sheet, first
/// row, first column, last row, last column), zero-based, each holding its
/// top-left text.
fn xlsx(path: &Path, sheets: &[Sheet], merges: &[(&str, u32, u16, u32, u16, &str)]) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    S(text) => drop(sheet.write_string(r, c, *text).unwrap()),
                    N(number) => drop(sheet.write_number(r, c, *number).unwrap()),
                    B(value) => drop(sheet.write_boolean(r, c, *value).unwrap()),
                    D(y, m, d) => {
                        let day = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        sheet.write_datetime_with_format(r, c, &day, &date).unwrap();
                    }
                    T(y, m, d, h, min) => {
                        let stamp = ExcelDateTime::from_ymd(*y, *m, *d)
                            .unwrap()
                            .and_hms(*h as u16, *min, 0_u8)
                            .unwrap();
                        sheet
                            .write_datetime_with_format(r, c, &stamp, &time)
                            .unwrap();
                    }
                    E => {}
                }
            }
        }
        for (_, r1, c1, r2, c2, text) in merges.iter().filter(|merge| merge.0 == *name) {
            sheet
                .merge_range(*r1, *c1, *r2, *c2, text, &Format::new())
                .unwrap();
        }
    }
    book.save(path).unwrap();
}

/// A folder with `media/logos/ibm.png` and `media/plan.png`.
fn workshop() -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    fs::create_dir_all(work.path().join("media/logos")).unwrap();
    fs::write(work.path().join("media/logos/ibm.png"), PNG).unwrap();
    fs::write(work.path().join("media/plan.png"), PNG).unwrap();
    work
}

fn no_schedules(_: Option<&str>) -> Result<Vec<Schedule>, Vec<SourceProblem>> {
    Ok(Vec::new())
}

/// Builds `source` into `out` at a fixed time, with `schedules`.
fn build_with(source: &Path, out: &Path, schedules: Vec<Schedule>) -> Outcome {
    let mut schedules = Some(schedules);
    build(
        source,
        Options {
            out: out.to_path_buf(),
            media: None,
            version: None,
            sign: None,
            now: "2026-07-01T02:00:00Z".parse().unwrap(),
        },
        &mut |_| Ok(schedules.take().unwrap_or_default()),
    )
    .unwrap()
}

fn built(source: &Path, out: &Path) -> PathBuf {
    match build_with(source, out, Vec::new()) {
        Outcome::Built(_) => out.to_path_buf(),
        Outcome::Problems(problems) => panic!("{problems:#?}"),
    }
}

fn problems(source: &Path, out: &Path) -> Vec<String> {
    match build_with(source, out, Vec::new()) {
        Outcome::Problems(problems) => problems.iter().map(ToString::to_string).collect(),
        Outcome::Built(built) => panic!("built {built:?}"),
    }
}

fn content(pack: &Path, kind: &str) -> Value {
    serde_json::from_slice(&fs::read(pack.join("content").join(format!("{kind}.json"))).unwrap())
        .unwrap()
}

#[test]
fn xlsx_cells_are_read_as_excel_stores_them() {
    let work = workshop();
    let book = work.path().join("fair.xlsx");
    xlsx(
        &book,
        &[
            pack_sheet(),
            event_sheet(),
            ("README", vec![vec![S("anything at all")]]),
            ("_scratch", vec![vec![S("nmae"), S("?")]]),
            (
                "parks",
                vec![vec![S("id"), S("name")], vec![S("zj"), S("Zhangjiang")]],
            ),
            (
                "halls",
                vec![
                    vec![S("id"), S("name"), S("plan"), S("width"), S("height")],
                    vec![S("H1"), S("Hall 1"), S("plan.png"), N(100.0), N(50.0)],
                ],
            ),
            (
                "stands",
                vec![
                    vec![S("hall"), S("id"), S("x"), S("y"), S("w"), S("h")],
                    vec![S("H1"), N(7.0), N(1.0), N(1.0), N(5.0), N(5.0)],
                    vec![S("H1"), N(8.0), N(10.0), N(1.0), N(5.0), N(5.0)],
                ],
            ),
            (
                " Exhibitors ",
                vec![
                    vec![
                        S("id"),
                        S("name.zh"),
                        S("name.en"),
                        S("park"),
                        S("booth.hall"),
                        S("booth.stand"),
                        S("#phone"),
                        S("logo"),
                        S("tags.zh"),
                        S("tags.en"),
                    ],
                    vec![
                        N(101.0),
                        S(" 百度\u{3000}"),
                        S("Baidu\u{a0}"),
                        S("zj"),
                        S("H1"),
                        N(7.0),
                        N(13800138000.0),
                        S("logos/ibm.png"),
                        S("搜索；地图"),
                        S("search; maps"),
                    ],
                    vec![N(102.0), S("科大讯飞"), S("iFlytek"), E, S("H1"), N(8.0)],
                    vec![],
                    vec![S("ibm"), S("IBM")],
                ],
            ),
            (
                "news",
                vec![
                    vec![
                        S("id"),
                        S("title"),
                        S("published"),
                        S("pinned"),
                        S("expires"),
                    ],
                    vec![
                        S("n1"),
                        S("Hi"),
                        D(2021, 7, 8),
                        B(true),
                        T(2021, 7, 9, 18, 0),
                    ],
                    vec![S("n2"), S("Yo"), S("2021-07-08 09:30"), S("是"), E],
                    vec![S("n3"), S("Ho"), S("2021-07-08T09:30:00Z"), N(0.0), E],
                ],
            ),
            (
                "sessions",
                vec![
                    vec![S("id"), S("title"), S("starts"), S("ends")],
                    vec![
                        S("s1"),
                        S("Keynote"),
                        T(2021, 7, 8, 9, 30),
                        T(2021, 7, 8, 10, 15),
                    ],
                ],
            ),
            (
                "slides",
                vec![
                    vec![
                        S("id"),
                        S("image"),
                        S("link.kind"),
                        S("link.id"),
                        S("seconds"),
                    ],
                    vec![
                        S("sl1"),
                        S("logos/ibm.png"),
                        S("Exhibitor"),
                        N(101.0),
                        N(8.0),
                    ],
                ],
            ),
        ],
        // The park cell merged down over the second exhibitor.
        &[(" Exhibitors ", 1, 3, 2, 3, "zj")],
    );
    let pack = built(&book, &work.path().join("out"));
    assert_eq!(
        content(&pack, "exhibitors"),
        json!([
            {"id": "101", "name": {"en": "Baidu", "zh": "百度"}, "sort_name": {"zh": "bai du"}, "logo": "media/logos/ibm.png",
             "booth": {"hall": "H1", "stand": "7"}, "park": "zj",
             "tags": [{"zh": "搜索", "en": "search"}, {"zh": "地图", "en": "maps"}]},
            {"id": "102", "name": {"en": "iFlytek", "zh": "科大讯飞"}, "sort_name": {"zh": "ke da xun fei"},
             "booth": {"hall": "H1", "stand": "8"}, "park": "zj"},
            {"id": "ibm", "name": {"zh": "IBM"}}
        ])
    );
    assert_eq!(
        content(&pack, "news"),
        json!([
            {"id": "n1", "title": "Hi", "published": "2021-07-08", "pinned": true, "expires": "2021-07-09T18:00:00+08:00"},
            {"id": "n2", "title": "Yo", "published": "2021-07-08T09:30:00+08:00", "pinned": true},
            {"id": "n3", "title": "Ho", "published": "2021-07-08T09:30:00Z"}
        ])
    );
    assert_eq!(
        content(&pack, "sessions"),
        json!([{"id": "s1", "title": "Keynote", "starts": "2021-07-08T09:30:00+08:00", "ends": "2021-07-08T10:15:00+08:00"}])
    );
    assert_eq!(content(&pack, "event")["starts_on"], json!("2021-07-08"));
    assert_eq!(
        content(&pack, "slides"),
        json!([{"id": "sl1", "image": "media/logos/ibm.png", "link": {"kind": "exhibitor", "id": "101"}, "seconds": 8.0}])
    );
    assert_eq!(
        content(&pack, "venue")["halls"][0]["stands"][1],
        json!({"id": "8", "x": 10.0, "y": 1.0, "w": 5.0, "h": 5.0})
    );
    let manifest: Value =
        serde_json::from_slice(&fs::read(pack.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["pack"], json!("expo"));
    assert_eq!(manifest["version"], json!(2));
    assert_eq!(manifest["languages"], json!(["zh", "en"]));
    assert!(manifest["files"]["media/logos/ibm.png"].is_object());
    assert!(manifest["files"]["media/plan.png"].is_object());
    pavilion::pack::validate_path(&pack).unwrap();
}

/// A minimal real OpenDocument spreadsheet: `sheets` of (name, rows of
/// cell XML), zipped as LibreOffice would (mimetype first, stored).
fn ods(path: &Path, sheets: &[(&str, Vec<Vec<String>>)]) {
    let mut tables = String::new();
    for (name, rows) in sheets {
        tables.push_str(&format!("<table:table table:name=\"{name}\">"));
        for row in rows {
            tables.push_str("<table:table-row>");
            for cell in row {
                tables.push_str(cell);
            }
            tables.push_str("</table:table-row>");
        }
        tables.push_str("</table:table>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
}

fn text(text: &str) -> String {
    format!(
        "<table:table-cell office:value-type=\"string\"><text:p>{text}</text:p></table:table-cell>"
    )
}

fn float(value: f64) -> String {
    format!("<table:table-cell office:value-type=\"float\" office:value=\"{value}\"><text:p>{value}</text:p></table:table-cell>")
}

fn date(value: &str) -> String {
    format!("<table:table-cell office:value-type=\"date\" office:date-value=\"{value}\"><text:p>{value}</text:p></table:table-cell>")
}

fn texts(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|cell| text(cell)).collect()
}

#[test]
fn an_ods_workbook_builds_with_its_dates_numbers_and_merged_cells() {
    let work = workshop();
    let book = work.path().join("fair.ods");
    ods(
        &book,
        &[
            (
                "pack",
                vec![
                    texts(&["pack", "version", "languages", "title"]),
                    vec![text("expo"), float(4.0), text("zh;en"), text("博览会")],
                ],
            ),
            (
                "event",
                vec![
                    texts(&["name", "starts_on", "ends_on", "timezone"]),
                    vec![
                        text("Expo"),
                        date("2021-07-08"),
                        date("2021-07-10"),
                        text("Asia/Shanghai"),
                    ],
                ],
            ),
            ("parks", vec![texts(&["id", "name"]), texts(&["zj", "ZJ"])]),
            (
                "exhibitors",
                vec![
                    texts(&["id", "name", "park"]),
                    // The park cell merged down over the next row.
                    vec![
                        float(101.0),
                        text("商汤科技"),
                        "<table:table-cell table:number-rows-spanned=\"2\" office:value-type=\"string\"><text:p>zj</text:p></table:table-cell>".to_owned(),
                    ],
                    vec![
                        text("b"),
                        text("B"),
                        "<table:covered-table-cell/>".to_owned(),
                    ],
                ],
            ),
            (
                "sessions",
                vec![
                    texts(&["id", "title", "starts", "ends"]),
                    vec![
                        text("s1"),
                        text("Keynote"),
                        date("2021-07-08T09:30:00"),
                        date("2021-07-08T10:00:00"),
                    ],
                ],
            ),
        ],
    );
    let pack = built(&book, &work.path().join("out"));
    assert_eq!(
        content(&pack, "exhibitors"),
        json!([
            {"id": "101", "name": "商汤科技", "sort_name": {"zh": "shang tang ke ji"}, "park": "zj"},
            {"id": "b", "name": "B", "park": "zj"}
        ])
    );
    assert_eq!(content(&pack, "event")["ends_on"], json!("2021-07-10"));
    assert_eq!(
        content(&pack, "sessions")[0]["starts"],
        json!("2021-07-08T09:30:00+08:00")
    );
}

/// A CSV folder: `pack` and `event` as every test needs them, plus `files`.
fn csv_folder(parent: &Path, files: &[(&str, Vec<u8>)]) -> PathBuf {
    let folder = parent.join("sheets");
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("pack.csv"),
        "pack,version,languages,title.zh,title.en\nexpo,2,zh;en,博览会,Expo\n",
    )
    .unwrap();
    fs::write(
        folder.join("event.csv"),
        "name,starts_on,ends_on,timezone\nExpo,2021-07-08,2021-07-10,Asia/Shanghai\n",
    )
    .unwrap();
    for (name, bytes) in files {
        fs::write(folder.join(name), bytes).unwrap();
    }
    folder
}

#[test]
fn csv_files_in_gb18030_utf8_with_a_bom_and_any_delimiter() {
    let work = workshop();
    let exhibitors = "id,name.zh,name.en,sort_name\n1,百度,Baidu,\n2,国际商业机器,IBM,IBM\n";
    let (gb18030, _, lossy) = encoding_rs::GB18030.encode(exhibitors);
    assert!(!lossy && std::str::from_utf8(&gb18030).is_err());
    let mut news = "\u{feff}id;title.zh;title.en;published;tags\n"
        .as_bytes()
        .to_vec();
    news.extend("n1;开幕;Opening;2021-07-08 09:30;a；b\n\n;;;;\nn2;\"Two; lines\nof title\";T;2021-07-09;\n".as_bytes());
    let parks = "id\tname\tlocation.lat\tlocation.lon\nzj\tZhangjiang\t31.2\t121.6\n";
    let folder = csv_folder(
        work.path(),
        &[
            ("exhibitors.csv", gb18030.into_owned()),
            ("news.csv", news),
            ("parks.csv", parks.as_bytes().to_vec()),
        ],
    );
    let pack = built(&folder, &work.path().join("out"));
    assert_eq!(
        content(&pack, "exhibitors"),
        json!([
            {"id": "1", "name": {"en": "Baidu", "zh": "百度"}, "sort_name": {"zh": "bai du"}},
            {"id": "2", "name": {"en": "IBM", "zh": "国际商业机器"}, "sort_name": "IBM"}
        ])
    );
    assert_eq!(
        content(&pack, "news"),
        json!([
            {"id": "n1", "title": {"en": "Opening", "zh": "开幕"}, "published": "2021-07-08T09:30:00+08:00", "tags": ["a", "b"]},
            {"id": "n2", "title": {"en": "T", "zh": "Two; lines\nof title"}, "published": "2021-07-09"}
        ])
    );
    assert_eq!(
        content(&pack, "parks"),
        json!([{"id": "zj", "name": "Zhangjiang", "location": {"lat": 31.2, "lon": 121.6}}])
    );
}

/// Excel on a Chinese Windows saves date cells in a CSV as it shows them:
/// `2021/7/8`, `2021/7/8 9:30`. Year first, they are not ambiguous; a
/// day-or-month-first date is.
#[test]
fn csv_dates_as_a_chinese_excel_writes_them() {
    let work = workshop();
    let news =
        "id,title,published,expires\nn1,开幕,2021/7/8 9:30,2021/7/10\nn2,闭幕,2021-7-9 18:05:30,\n";
    let (news, _, _) = encoding_rs::GB18030.encode(news);
    let folder = csv_folder(
        work.path(),
        &[
            (
                "event.csv",
                b"name,starts_on,ends_on,timezone\nExpo,2021/7/8,2021/07/10,Asia/Shanghai\n"
                    .to_vec(),
            ),
            ("news.csv", news.into_owned()),
        ],
    );
    let pack = built(&folder, &work.path().join("out"));
    assert_eq!(
        content(&pack, "news"),
        json!([
            {"id": "n1", "title": "开幕", "published": "2021-07-08T09:30:00+08:00", "expires": "2021-07-10"},
            {"id": "n2", "title": "闭幕", "published": "2021-07-09T18:05:30+08:00"}
        ])
    );
    let event = content(&pack, "event");
    assert_eq!(
        (&event["starts_on"], &event["ends_on"]),
        (&json!("2021-07-08"), &json!("2021-07-10"))
    );
    // Month or day first cannot be told apart: refused, with the form.
    fs::write(
        folder.join("news.csv"),
        "id,title,published\nn1,开幕,7/8/2021\n",
    )
    .unwrap();
    assert_eq!(
        problems(&folder, &work.path().join("out2")),
        ["csv: news!C2: \"7/8/2021\" is not a date (YYYY-MM-DD)"]
    );
}

#[test]
fn every_problem_is_told_at_its_cell_with_a_fix() {
    let work = workshop();
    let folder = csv_folder(
        work.path(),
        &[
            ("parcs.csv", b"id\n".to_vec()),
            ("parks.csv", b"id,name\nzhangjiang-ai-island,ZJ\n".to_vec()),
            (
                "exhibitors.csv",
                "id,name,summmary,park,logo,booth.hall,booth.stand\n\
                 a,A,,zhangjiang-ai-iland,,,\n\
                 b,,,,logos/IBM.png,,\n\
                 \n\
                 c,C,,,,H1,\n"
                    .as_bytes()
                    .to_vec(),
            ),
            (
                "news.csv",
                "id,title,summary,body,published,pinned\nn1,N,,,2021-13-01,maybe\n"
                    .as_bytes()
                    .to_vec(),
            ),
            (
                "slides.csv",
                b"id,image,link.kind,link.id,seconds\ns1,logos/ibm.png,exhibtor,a,ten\n".to_vec(),
            ),
        ],
    );
    let out = work.path().join("out");
    assert_eq!(
        problems(&folder, &out),
        [
            "csv: parcs: unknown sheet \"parcs\" (did you mean \"parks\"?); a sheet of notes is named README, 说明 or starts with _",
            "csv: exhibitors!C1: unknown column \"summmary\" (did you mean \"summary\"?); a note's header starts with # or _",
            "csv: exhibitors!B3: empty: \"name\" is required",
            "csv: exhibitors!E3: no file \"logos/IBM.png\" in the media folder (did you mean \"logos/ibm.png\"?)",
            "csv: exhibitors!G5: \"booth.hall\" is given without \"booth.stand\": give both, or neither",
            "csv: news!E2: \"2021-13-01\" is not a date (YYYY-MM-DD)",
            "csv: news!F2: \"maybe\" is not TRUE or FALSE (yes/no, 是/否 and 1/0 work too)",
            "csv: slides!C2: \"exhibtor\" is not a link kind (did you mean \"exhibitor\"?): news, park, exhibitor or session",
            "csv: slides!E2: \"ten\" is not a number",
            "csv: exhibitors!D2: unknown park \"zhangjiang-ai-iland\" (did you mean \"zhangjiang-ai-island\"?)",
        ]
    );
    assert!(!out.exists(), "nothing is written at OUT");
    let leftovers: Vec<_> = fs::read_dir(work.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .filter(|name| name.to_string_lossy().starts_with(".pavilion-build"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_pack_and_event_sheets_headers_and_time_zones_are_checked() {
    let work = workshop();
    let folder = csv_folder(
        work.path(),
        &[
            (
                "pack.csv",
                b"pack,version,languages,title.zh,title.fr\nexpo,0,zh;en,X,Y\nexpo2,,zh,Z,\n".to_vec(),
            ),
            (
                "event.csv",
                b"name,name,starts_on,ends_on,timezone\nExpo,Expo,2021-07-08,10/07/2021,Asia/Shangai\n"
                    .to_vec(),
            ),
            (
                // A quoted cell over two lines is one row: the next is row 4.
                "sessions.csv",
                b"id,title,starts,ends\ns1,\"Two\nlines\",2021-07-08 09:00,2021-07-08 10:00\ns2,T,2021-07-08 25:00,\n"
                    .to_vec(),
            ),
        ],
    );
    let out = work.path().join("out");
    assert_eq!(
        problems(&folder, &out),
        [
            "csv: pack!E1: \"title.fr\": \"fr\" is not one of the pack's languages (zh, en)",
            "csv: pack!A3: the pack sheet takes exactly one row under its header: remove this one",
            "csv: pack!B2: \"0\" is not a version: a whole number from 1 up, or empty to number it by the build time",
            "csv: event!B1: a second \"name\" column: keep one",
            "csv: event!E2: unknown time zone \"Asia/Shangai\" (did you mean \"Asia/Shanghai\"?): an IANA name such as Asia/Shanghai",
            "csv: event!D2: \"10/07/2021\" is not a date (YYYY-MM-DD)",
            // Without the zone, no time is read; the rows are still checked.
            "csv: sessions!C2: a time without an offset needs the event's timezone (the event sheet's timezone column, or a schedule's)",
            "csv: sessions!D2: a time without an offset needs the event's timezone (the event sheet's timezone column, or a schedule's)",
            "csv: sessions!C3: \"2021-07-08 25:00\" is not a date and time (YYYY-MM-DD HH:MM)",
            "csv: sessions!D3: empty: \"ends\" is required (no schedule file has this id)",
        ]
    );
}

#[test]
fn the_validators_problems_are_told_at_their_cells() {
    let work = workshop();
    let book = work.path().join("fair.xlsx");
    xlsx(
        &book,
        &[
            pack_sheet(),
            event_sheet(),
            (
                "categories",
                vec![
                    vec![S("id"), S("name")],
                    vec![S("ai"), S("AI")],
                    vec![S("bad id!"), S("X")],
                ],
            ),
            (
                "halls",
                vec![
                    vec![S("id"), S("name"), S("width"), S("height")],
                    vec![S("H1"), S("Hall"), N(10.0), N(10.0)],
                ],
            ),
            (
                "stands",
                vec![
                    vec![S("hall"), S("id"), S("x"), S("y"), S("w"), S("h")],
                    vec![S("H1"), S("A1"), N(0.0), N(0.0), N(1.0), N(1.0)],
                ],
            ),
            (
                "parks",
                vec![vec![S("id"), S("name")], vec![S("zj"), S("ZJ")]],
            ),
            (
                "park_figures",
                vec![
                    vec![S("park"), S("label"), S("value")],
                    vec![S("zj"), S("Firms"), S("600")],
                    vec![S("jz"), S("Firms"), S("1")],
                ],
            ),
            (
                "exhibitors",
                vec![
                    vec![
                        S("id"),
                        S("name.zh"),
                        S("name.en"),
                        S("categories"),
                        S("booth.hall"),
                        S("booth.stand"),
                        S("website"),
                    ],
                    vec![
                        S("a"),
                        S("甲"),
                        S("A"),
                        S("ai; robots"),
                        S("H1"),
                        S("A2"),
                        S("ftp://a"),
                    ],
                    vec![S("a"), E, S("B")],
                ],
            ),
            (
                "sessions",
                vec![
                    vec![S("id"), S("title"), S("starts"), S("ends"), S("speakers")],
                    vec![
                        S("s1"),
                        S("Talk"),
                        T(2021, 7, 8, 9, 0),
                        T(2021, 7, 8, 8, 0),
                        S("lv"),
                    ],
                ],
            ),
        ],
        &[],
    );
    let lines = problems(&book, &work.path().join("out"));
    assert_eq!(
        lines,
        [
            "fair.xlsx: park_figures!A3: unknown park \"jz\" (did you mean \"zj\"?)",
            "fair.xlsx: categories!A3: \"bad id!\" is not an id: 1 to 64 of A-Z, a-z, 0-9, '_' and '-'",
            "fair.xlsx: exhibitors!A3: duplicate id \"a\" (first used at exhibitors!A2)",
            "fair.xlsx: exhibitors!D2: unknown category \"robots\"",
            "fair.xlsx: exhibitors!F2: unknown stand in hall \"H1\" \"A2\" (did you mean \"A1\"?)",
            // The default language's column, empty.
            "fair.xlsx: exhibitors!B3: missing the default language \"zh\"",
            "fair.xlsx: sessions!D2: the session ends before it starts",
            "fair.xlsx: sessions!E2: unknown speaker \"lv\"",
        ]
    );
}

fn placed<T>(value: T, place: &str) -> Placed<T> {
    Placed {
        value,
        source: "schedule.xml".to_owned(),
        place: place.to_owned(),
    }
}

/// A schedule of one talk by `speakers`, with the speaker `lv`.
fn schedule(speakers: &[&str]) -> Schedule {
    use pavilion::pack::content::TextInput;
    use pavilion::pack::kinds::session::SessionInput;
    use pavilion::pack::kinds::speaker::SpeakerInput;
    Schedule {
        conference: Some(Conference {
            title: "Expo".to_owned(),
            starts_on: "2021-07-08".to_owned(),
            ends_on: "2021-07-09".to_owned(),
            timezone: Some("Asia/Shanghai".to_owned()),
        }),
        sessions: vec![placed(
            SessionInput {
                id: "talk-1".to_owned(),
                title: TextInput::Same("Talk".to_owned()),
                starts: "2021-07-08T09:00:00+08:00".to_owned(),
                ends: "2021-07-08T11:00:00+08:00".to_owned(),
                room: Some(TextInput::Same("Room 1".to_owned())),
                track: None,
                speakers: speakers.iter().map(|id| id.to_string()).collect(),
                description: None,
            },
            "/schedule/day[1]/room[1]/event[1]",
        )],
        speakers: vec![placed(
            SpeakerInput {
                id: "lv".to_owned(),
                name: TextInput::Same("Lv".to_owned()),
                title: None,
                organization: None,
                photo: None,
                bio: None,
                exhibitor: None,
            },
            "/schedule/day[1]/room[1]/event[1]/persons/person[1]",
        )],
    }
}

#[test]
fn schedules_are_merged_with_the_sheets_rows() {
    let work = workshop();
    let book = work.path().join("fair.xlsx");
    let sheets = |speakers: Vec<Vec<C>>| {
        let mut rows = vec![vec![S("id"), S("photo"), S("name")]];
        rows.extend(speakers);
        [
            pack_sheet(),
            ("speakers", rows),
            (
                "sessions",
                vec![
                    vec![S("id"), S("room"), S("starts")],
                    vec![S("talk-1"), S("Hall A"), S("2021-07-08 10:00")],
                ],
            ),
        ]
    };
    xlsx(
        &book,
        &sheets(vec![
            vec![S("lv"), S("logos/ibm.png"), E],
            vec![S("solo"), E, E],
        ]),
        &[],
    );
    let out = work.path().join("out");
    let Outcome::Problems(problems) = build_with(&book, &out, vec![schedule(&["lv", "ghost"])])
    else {
        panic!("built with an unknown speaker");
    };
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            // A row of its own must give what the schedule would have.
            "fair.xlsx: speakers!C3: empty: \"name\" is required (no schedule file has this id)",
            // A field only the schedule gives is told at its place there.
            "schedule.xml: /schedule/day[1]/room[1]/event[1]: speakers: unknown speaker \"ghost\"",
        ]
    );

    // Fixed, the row adds to the schedule's entity and wins where both give a field.
    xlsx(
        &book,
        &sheets(vec![vec![S("lv"), S("logos/ibm.png"), E]]),
        &[],
    );
    let Outcome::Built(_) = build_with(&book, &out, vec![schedule(&["lv"])]) else {
        panic!("not built");
    };
    assert_eq!(
        content(&out, "sessions"),
        json!([{"id": "talk-1", "title": "Talk", "starts": "2021-07-08T10:00:00+08:00",
                "ends": "2021-07-08T11:00:00+08:00", "room": "Hall A", "speakers": ["lv"]}])
    );
    assert_eq!(
        content(&out, "speakers"),
        json!([{"id": "lv", "name": "Lv", "photo": "media/logos/ibm.png"}])
    );
    // No event sheet: the event is the schedule's conference.
    assert_eq!(
        content(&out, "event"),
        json!({"name": "Expo", "starts_on": "2021-07-08", "ends_on": "2021-07-09", "timezone": "Asia/Shanghai"})
    );
}

#[test]
fn chinese_names_file_under_their_pinyin_from_a_to_z() {
    let work = workshop();
    let folder = csv_folder(
        work.path(),
        &[(
            "exhibitors.csv",
            "id,name.zh,name.en\nsense,商汤科技,SenseTime\nbaidu,百度,Baidu\niflytek,科大讯飞,iFlytek\nabb,ABB,ABB\n"
                .as_bytes()
                .to_vec(),
        )],
    );
    let pack = built(&folder, &work.path().join("out"));
    // The pinyin is the Chinese sort name; English files by the English name.
    let exhibitors = content(&pack, "exhibitors");
    assert_eq!(exhibitors[1]["sort_name"], json!({"zh": "bai du"}));
    assert_eq!(exhibitors[3].get("sort_name"), None, "ABB has no Chinese");
    let data = DataDir::at(work.path().join("data"));
    import(&data, &pack).unwrap();
    let order: Vec<String> = Catalog::open_live(&data)
        .unwrap()
        .exhibitors()
        .unwrap()
        .into_iter()
        .map(|exhibitor| exhibitor.id)
        .collect();
    assert_eq!(order, ["abb", "baidu", "iflytek", "sense"]);
}

#[test]
fn schedule_files_given_to_the_command_become_the_agenda() {
    let work = workshop();
    let folder = csv_folder(work.path(), &[]);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/core/fixtures/schedule");
    let out = work.path().join("out");
    let output = pavilion(&[
        Path::new("pack"),
        Path::new("build"),
        &folder,
        Path::new("--out"),
        &out,
        Path::new("--schedule"),
        &fixtures.join("openfair.xml"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let sessions = content(&out, "sessions");
    assert!(sessions.as_array().unwrap().len() > 2, "{sessions}");
    assert!(!content(&out, "speakers").as_array().unwrap().is_empty());
    // A schedule that is not one is told at its file, and nothing is built.
    let not_a_schedule = work.path().join("notes.txt");
    fs::write(&not_a_schedule, "agenda to follow").unwrap();
    let out = work.path().join("out2");
    let output = pavilion(&[
        Path::new("pack"),
        Path::new("build"),
        &folder,
        Path::new("--out"),
        &out,
        Path::new("--schedule"),
        &not_a_schedule,
    ]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("notes.txt: /:"),
        "{output:?}"
    );
    assert!(!out.exists());
}

#[test]
fn an_empty_version_is_the_build_time_and_every_build_is_newer() {
    let work = workshop();
    let folder = csv_folder(work.path(), &[]);
    fs::write(
        folder.join("pack.csv"),
        "pack,version,languages,title\nexpo,,en,Expo\n",
    )
    .unwrap();
    let version_at = |now: &str, version: Option<u64>| {
        let out = work.path().join("out");
        let outcome = build(
            &folder,
            Options {
                out: out.clone(),
                media: None,
                version,
                sign: None,
                now: now.parse().unwrap(),
            },
            &mut no_schedules,
        )
        .unwrap();
        match outcome {
            Outcome::Built(built) => built.version,
            Outcome::Problems(problems) => panic!("{problems:?}"),
        }
    };
    let first = version_at("2026-07-01T02:00:00Z", None);
    let second = version_at("2026-07-01T02:00:01Z", None);
    assert!(
        second > first && first > 1_000_000_000,
        "{first} then {second}"
    );
    assert_eq!(version_at("2026-07-01T02:00:02Z", Some(7)), 7);
}

/// Runs the real `pavilion` binary.
fn pavilion(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pavilion"))
        .args(args)
        .env("PAVILION_DATA_DIR", "/nonexistent")
        .output()
        .unwrap()
}

#[test]
fn the_command_exits_0_built_1_problems_2_usage_and_writes_nothing_on_problems() {
    let work = workshop();
    let folder = csv_folder(
        work.path(),
        &[("exhibitors.csv", b"id,name\nibm,IBM\n".to_vec())],
    );
    let pack_build = |source: &Path, out: &Path, more: &[&str]| {
        let mut args: Vec<&Path> = vec![
            Path::new("pack"),
            Path::new("build"),
            source,
            Path::new("--out"),
            out,
        ];
        args.extend(more.iter().map(Path::new));
        pavilion(&args)
    };

    let zipped = work.path().join("expo.zip");
    let output = pack_build(&folder, &zipped, &["--version", "5"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("built: expo version 5"));
    assert_eq!(output.stderr, b"");
    let validated = pavilion(&[Path::new("pack"), Path::new("validate"), &zipped]);
    assert_eq!(
        String::from_utf8_lossy(&validated.stdout),
        "valid: expo version 5\n"
    );

    // Built again over the earlier pack: replaced.
    let out = work.path().join("expo");
    assert_eq!(pack_build(&folder, &out, &[]).status.code(), Some(0));
    assert_eq!(
        pack_build(&folder, &out, &["--version", "9"]).status.code(),
        Some(0)
    );
    let manifest: Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["version"], json!(9));

    // Problems: exit 1, each on stderr, and the earlier pack untouched.
    fs::write(
        folder.join("news.csv"),
        "id,title,published\nn1,N,2021-13-01\n",
    )
    .unwrap();
    let before = crate::snapshot(&out);
    let output = pack_build(&folder, &out, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "csv: news!C2: \"2021-13-01\" is not a date (YYYY-MM-DD)\n"
    );
    assert_eq!(output.stdout, b"");
    assert_eq!(crate::snapshot(&out), before);
    let fresh = work.path().join("fresh");
    assert_eq!(pack_build(&folder, &fresh, &[]).status.code(), Some(1));
    assert!(!fresh.exists());

    // Usage: no such source, a file that is no workbook, an OUT that is
    // not a pack.
    let missing = work.path().join("missing.xlsx");
    assert_eq!(pack_build(&missing, &fresh, &[]).status.code(), Some(2));
    let notes = work.path().join("notes.txt");
    fs::write(&notes, "hello").unwrap();
    assert_eq!(pack_build(&notes, &fresh, &[]).status.code(), Some(2));
    fs::remove_file(folder.join("news.csv")).unwrap();
    let output = pack_build(&folder, work.path(), &[]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a pack"));
}

#[test]
fn a_built_pack_is_signed_with_sign() {
    let work = workshop();
    let folder = csv_folder(work.path(), &[]);
    let keys = work.path().join("keys");
    pavilion::signing::generate(&keys, None).unwrap();
    let out = work.path().join("expo.zip");
    let output = pavilion(&[
        Path::new("pack"),
        Path::new("build"),
        &folder,
        Path::new("--out"),
        &out,
        Path::new("--sign"),
        &keys.join(pavilion::signing::SECRET_KEY_FILE),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains(", signed"));
    let mut archive = zip::ZipArchive::new(fs::File::open(&out).unwrap()).unwrap();
    assert!(archive.by_name("manifest.json.minisig").is_ok());
}
