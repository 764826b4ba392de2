//! Search (`src/store/content/search.rs`, `Catalog::search`, `pavilion search`):
//! what a visitor typing on the kiosk's keyboard finds, and in what order.

use std::process::Command;

use pavilion::model::{HitKind, SearchHit};
use pavilion::{import, Catalog, DataDir, Error};
use serde_json::{json, Value};
use tempfile::TempDir;

use crate::TestPack;

/// The small pack with exhibitors that make search interesting, imported.
fn catalog() -> (TempDir, Catalog) {
    imported(
        json!([
            {"id": "sensetime", "name": {"zh": "商汤科技", "en": "SenseTime"}, "sort_name": "shangtang keji",
             "summary": {"zh": "人工智能平台", "en": "An AI platform"}},
            {"id": "pudong-ai", "name": {"zh": "浦东人工智能研究院", "en": "Pudong AI Institute"},
             "sort_name": "pudong rengong zhineng yanjiuyuan"},
            {"id": "microsoft", "name": {"zh": "微软", "en": "Microsoft"}, "sort_name": "weiruan"},
            {"id": "micro-x", "name": "Micro-X Robotics"},
            {"id": "cloudwalk", "name": {"zh": "云从科技", "en": "CloudWalk"}, "sort_name": "yuncong keji",
             "summary": {"zh": "浦东的视觉公司", "en": "Microscopic vision"}}
        ]),
        |_| {},
    )
}

/// The small pack with `more` exhibitors and `edit`ed, imported.
fn imported(more: Value, edit: impl FnOnce(&mut Value)) -> (TempDir, Catalog) {
    let mut pack = TestPack::small();
    pack.json_mut("content/exhibitors.json", |exhibitors| {
        exhibitors
            .as_array_mut()
            .unwrap()
            .extend(more.as_array().unwrap().iter().cloned());
        edit(exhibitors);
    });
    imported_pack(&pack)
}

fn imported_pack(pack: &TestPack) -> (TempDir, Catalog) {
    let work = tempfile::tempdir().unwrap();
    let dir = pack.write_in(work.path(), "pack");
    let data = DataDir::at(work.path().join("data"));
    import(&data, &dir).unwrap();
    let catalog = Catalog::open_live(&data).unwrap();
    (work, catalog)
}

fn ids(hits: Vec<SearchHit>) -> Vec<String> {
    hits.into_iter().map(|hit| hit.id).collect()
}

fn find(catalog: &Catalog, query: &str) -> Vec<String> {
    ids(catalog.search(query, None, 20).unwrap())
}

#[test]
fn one_and_two_chinese_characters_find_substrings() {
    let (_work, catalog) = catalog();
    // 科 is in 商汤科技 and 云从科技; A–Z by sort name.
    assert_eq!(find(&catalog, "科"), ["sensetime", "cloudwalk"]);
    // 浦东 is a name in one and a summary in another: names first.
    assert_eq!(find(&catalog, "浦东"), ["pudong-ai", "cloudwalk"]);
    // Two characters that are both present but not adjacent do not match.
    assert_eq!(find(&catalog, "浦院"), Vec::<String>::new());
    // Parks come before exhibitors, summary-only matches last.
    assert_eq!(
        find(&catalog, "人工智能"),
        ["zhangjiang-ai-island", "pudong-ai", "sensetime"]
    );
}

#[test]
fn pinyin_sort_names_match_as_prefixes() {
    let (_work, catalog) = catalog();
    assert_eq!(find(&catalog, "shang"), ["sensetime"]);
    assert_eq!(find(&catalog, "yunc"), ["cloudwalk"]);
    assert_eq!(find(&catalog, "pudong ren"), ["pudong-ai"]);
    let hits = catalog.search("bai", None, 20).unwrap();
    assert_eq!(hits[0].kind, HitKind::Exhibitor);
    assert_eq!(hits[0].title.0["zh"], "百度");
}

/// The catalog with names no sort name spells: heteronyms and a Latin
/// name that reads like pinyin.
fn catalog_with_unsorted_names() -> (TempDir, Catalog) {
    imported(
        json!([
            {"id": "chongqing-bank", "name": {"zh": "重庆银行", "en": "Bank of Chongqing"}},
            {"id": "cmb", "name": {"zh": "招商银行", "en": "China Merchants Bank"}},
            {"id": "yinhe", "name": "Yinhe Robotics"}
        ]),
        // 百度 without its sort name: only the index's own pinyin finds it.
        |exhibitors| {
            exhibitors[1].as_object_mut().unwrap().remove("sort_name");
        },
    )
}

#[test]
fn chinese_names_are_found_by_their_pinyin_spaced_or_not_and_initials() {
    let (_work, catalog) = catalog_with_unsorted_names();
    for query in ["baidu", "bai du", "BaiDu", "bd", "baid"] {
        assert_eq!(find(&catalog, query), ["baidu"], "{query:?}");
    }
    // Parks and news too; a park has no sort name at all.
    assert_eq!(find(&catalog, "zjrgzn"), ["zhangjiang-ai-island"]);
    assert_eq!(
        find(&catalog, "zhangjiangrengong"),
        ["zhangjiang-ai-island"]
    );
    assert_eq!(find(&catalog, "kaimu"), ["opening"]);
    assert_eq!(find(&catalog, "km"), ["opening"]);
    // Chinese and pinyin in one query: the Chinese is a phrase, which the
    // pinyin table (no positions) cannot search, so only names match.
    assert_eq!(find(&catalog, "百度 baidu"), ["baidu"]);
    // Pinyin belongs to every language, as sort names do.
    assert_eq!(
        ids(catalog.search("bd", Some("en"), 20).unwrap()),
        ["baidu"]
    );
}

/// The pinyin table is built in a scratch database and copied in
/// (`search::write`): the copy must be a sound index, and the scratch file
/// must not stay in the pack's folder.
#[test]
fn the_search_index_is_sound_and_its_scratch_file_is_gone() {
    // The entity tables' indexes are built beside the search index's
    // second thread; they are there all the same.
    let work = tempfile::tempdir().unwrap();
    let dir = TestPack::small().write_in(work.path(), "pack");
    let data = DataDir::at(work.path().join("data"));
    import(&data, &dir).unwrap();
    let live = std::fs::read_to_string(data.live_pointer()).unwrap();
    let folder = data.pack_dir(live.trim());
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".db"))
        .collect();
    files.sort();
    assert_eq!(files, ["content.db"]);
    let db = rusqlite::Connection::open(folder.join("content.db")).unwrap();
    for table in ["search_names", "search_pinyin", "search_summaries"] {
        db.execute(
            &format!("INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)"),
            [],
        )
        .unwrap_or_else(|error| panic!("{table}: {error}"));
    }
    let mut indexes: Vec<String> = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    indexes.sort();
    assert_eq!(
        indexes,
        [
            "exhibitor_sort_keys_by_exhibitor",
            "exhibitors_a_to_z",
            "exhibitors_by_booth",
            "exhibitors_by_category",
            "exhibitors_by_park",
            "session_speakers_by_speaker",
            "sessions_by_time",
        ]
    );
    let pinyin_words: i64 = db
        .query_row("SELECT count(*) FROM search_pinyin_terms", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert!(pinyin_words > 0, "the copied pinyin table has words");
}

#[test]
fn a_heteronym_is_found_by_its_other_reading() {
    let (_work, catalog) = catalog_with_unsorted_names();
    // 重 is first zhong, 行 first xing: the crate's first readings.
    assert_eq!(find(&catalog, "chongqing"), ["chongqing-bank"]);
    assert_eq!(find(&catalog, "zhongqing"), ["chongqing-bank"]);
    assert_eq!(find(&catalog, "cqyh"), ["chongqing-bank"]);
    // A name as written ranks above a name it is the pinyin of.
    assert_eq!(find(&catalog, "yinh"), ["yinhe", "cmb", "chongqing-bank"]);
    assert_eq!(find(&catalog, "zsyh"), ["cmb"]);
    // From any character on, as a Chinese query matches anywhere.
    assert_eq!(find(&catalog, "yh"), ["cmb", "chongqing-bank"]);
}

#[test]
fn typed_pinyin_offers_the_packs_own_chinese_words_and_names() {
    let (_work, catalog) = catalog_with_unsorted_names();
    assert_eq!(catalog.chinese_candidates("baidu", 8).unwrap(), ["百度"]);
    assert_eq!(catalog.chinese_candidates("bd", 8).unwrap(), ["百度"]);
    // A word inside names comes first, then each name that has it.
    assert_eq!(
        catalog.chinese_candidates("yinhang", 8).unwrap(),
        ["银行", "招商银行", "重庆银行"]
    );
    assert_eq!(
        catalog.chinese_candidates("yinhang", 2).unwrap(),
        ["银行", "招商银行"]
    );
    // A Latin name matched as written is not a Chinese candidate.
    assert!(catalog.chinese_candidates("yinhe", 8).unwrap().is_empty());
    assert!(catalog.chinese_candidates("", 8).unwrap().is_empty());
    assert!(catalog.chinese_candidates("百度", 8).unwrap().is_empty());
}

/// ü (绿 lü, 女 nü) is typed as v on a Chinese keyboard, and as u by
/// whoever does not know that: both find the name, and both are offered
/// in the candidate strip.
#[test]
fn a_name_with_u_umlaut_is_found_by_v_and_by_u() {
    let (_work, catalog) = imported(
        json!([
            {"id": "greenland", "name": {"zh": "绿地集团", "en": "Greenland Group"}},
            {"id": "women-in-ai", "name": {"zh": "女性人工智能论坛", "en": "Women in AI"}}
        ]),
        |_| {},
    );
    for query in ["lvdi", "ludi", "lv di", "ldjt", "jituan"] {
        assert_eq!(find(&catalog, query), ["greenland"], "{query:?}");
    }
    for query in ["nvxing", "nuxing", "nx"] {
        assert_eq!(find(&catalog, query), ["women-in-ai"], "{query:?}");
    }
    for typed in ["lvdi", "ludi"] {
        assert_eq!(
            catalog.chinese_candidates(typed, 8).unwrap(),
            ["绿地", "绿地集团"],
            "{typed:?}"
        );
    }
    for typed in ["nvx", "nux"] {
        assert_eq!(
            catalog.chinese_candidates(typed, 8).unwrap(),
            ["女性", "女性人工智能论坛"],
            "{typed:?}"
        );
    }
}

#[test]
fn a_latin_name_is_not_given_pinyin() {
    let (_work, catalog) = catalog_with_unsorted_names();
    // Merck's letters are not initials: "mk" finds nothing.
    assert_eq!(find(&catalog, "mk"), Vec::<String>::new());
    assert_eq!(find(&catalog, "merck"), ["merck"]);
    // One letter is not searched as pinyin (it begins a syllable of most
    // Chinese names): "m" finds words that begin with it, not 开幕 (kai mu).
    assert_eq!(find(&catalog, "m"), ["merck", "cmb"]);
}

/// The small pack with an agenda worth searching: Chinese and Latin
/// titles and names, organisations, and a description naming exhibitors.
fn catalog_with_agenda() -> (TempDir, Catalog) {
    let mut pack = TestPack::small();
    pack.set_json(
        "content/speakers.json",
        json!([
            {"id": "lv", "name": "Lv Xuecheng", "organization": "IBM Research", "exhibitor": "ibm"},
            {"id": "zhang", "name": {"zh": "张亚勤", "en": "Zhang Yaqin"},
             "organization": {"zh": "清华大学", "en": "Tsinghua University"}},
            {"id": "li", "name": "Fei-Fei Li", "organization": "Stanford University"}
        ]),
    );
    pack.set_json(
        "content/sessions.json",
        json!([
            {"id": "robots-forum", "title": {"zh": "机器人论坛", "en": "Robotics Forum"},
             "track": {"zh": "机器人", "en": "Robots"},
             "starts": "2021-07-09T14:00:00+08:00", "ends": "2021-07-09T15:00:00+08:00", "speakers": ["zhang", "li"]},
            {"id": "plenary", "title": "Connect Cities with AI",
             "description": "With Baidu, Merck and IBM on stage, and IBM's robots.",
             "starts": "2021-07-08T09:00:00+08:00", "ends": "2021-07-08T10:00:00+08:00", "speakers": ["lv", "zhang"]},
            {"id": "baidu-day", "title": {"zh": "百度开放日", "en": "Baidu Open Day"},
             "starts": "2021-07-10T09:00:00+08:00", "ends": "2021-07-10T12:00:00+08:00", "speakers": []}
        ]),
    );
    imported_pack(&pack)
}

#[test]
fn a_session_is_found_by_a_word_of_its_title_and_its_chinese_title_s_pinyin() {
    let (_work, catalog) = catalog_with_agenda();
    for query in ["connect", "CITIES ai"] {
        assert_eq!(find(&catalog, query), ["plenary"], "{query:?}");
    }
    for query in ["forum", "论坛", "jiqiren luntan", "jiqirenlun", "jqrlt"] {
        assert_eq!(find(&catalog, query), ["robots-forum"], "{query:?}");
    }
    let hit = &catalog.search("forum", None, 1).unwrap()[0];
    assert_eq!(hit.kind, HitKind::Session);
    assert_eq!(hit.title.0["zh"], "机器人论坛");
    // Its track is what its hit says of it, and is searched ("Robotics"
    // is no "robots").
    assert_eq!(hit.summary.as_ref().unwrap().0["en"], "Robots");
    assert_eq!(find(&catalog, "robots"), ["robots-forum"]);
}

#[test]
fn a_speaker_is_found_by_name_pinyin_and_organisation() {
    let (_work, catalog) = catalog_with_agenda();
    assert_eq!(find(&catalog, "xuecheng"), ["lv"]);
    assert_eq!(find(&catalog, "fei li"), ["li"]);
    assert_eq!(find(&catalog, "亚勤"), ["zhang"]);
    assert_eq!(find(&catalog, "yaqin"), ["zhang"]);
    assert_eq!(find(&catalog, "zyq"), ["zhang"]);
    assert_eq!(find(&catalog, "stanford"), ["li"]);
    assert_eq!(find(&catalog, "清华"), ["zhang"]);
    let hit = &catalog.search("tsinghua", None, 1).unwrap()[0];
    assert_eq!(
        (hit.kind, hit.id.as_str(), hit.title.0["en"].as_str()),
        (HitKind::Speaker, "zhang", "Zhang Yaqin")
    );
    assert_eq!(hit.summary.as_ref().unwrap().0["zh"], "清华大学");
}

#[test]
fn an_exhibitor_s_name_comes_before_the_agenda_that_mentions_it() {
    let (_work, catalog) = catalog_with_agenda();
    // IBM is an exhibitor's name and a speaker's organisation; the
    // session's description that names it twice is not searched.
    assert_eq!(find(&catalog, "ibm"), ["ibm", "lv"]);
    assert_eq!(find(&catalog, "merck"), ["merck"]);
    // A session's title matching alike comes after an exhibitor's name.
    assert_eq!(find(&catalog, "baidu"), ["baidu", "baidu-day"]);
    assert_eq!(find(&catalog, "百度"), ["baidu", "baidu-day"]);
}

#[test]
fn a_speaker_hit_opens_the_speaker_with_their_sessions_in_time_order() {
    let (_work, catalog) = catalog_with_agenda();
    let profile = catalog.speaker("zhang").unwrap();
    assert_eq!(profile.speaker.name.0["zh"], "张亚勤");
    assert_eq!(
        profile
            .sessions
            .iter()
            .map(|session| session.id.as_str())
            .collect::<Vec<_>>(),
        ["plenary", "robots-forum"]
    );
    assert_eq!(catalog.speaker("li").unwrap().sessions.len(), 1);
    assert!(matches!(
        catalog.speaker("nobody"),
        Err(Error::NotFound {
            kind: "speaker",
            ..
        })
    ));
}

#[test]
fn latin_words_match_as_prefixes_ignoring_case() {
    let (_work, catalog) = catalog();
    // "Microscopic" is only in CloudWalk's summary, so it comes last.
    assert_eq!(find(&catalog, "mic"), ["micro-x", "microsoft", "cloudwalk"]);
    assert_eq!(find(&catalog, "MICRO x"), ["micro-x"]);
    assert_eq!(
        find(&catalog, "m"),
        ["merck", "micro-x", "microsoft", "cloudwalk"]
    );
    // Parks and news are searched too; expired news is not.
    assert_eq!(find(&catalog, "zhangjiang"), ["zhangjiang-ai-island"]);
    assert_eq!(find(&catalog, "open"), ["opening"]);
    assert_eq!(find(&catalog, "expired"), Vec::<String>::new());
}

#[test]
fn summaries_match_after_names() {
    let (_work, catalog) = catalog();
    assert_eq!(find(&catalog, "platform"), ["sensetime"]);
    assert_eq!(find(&catalog, "平台"), ["sensetime"]);
    let hit = &catalog.search("平台", None, 1).unwrap()[0];
    assert_eq!(hit.summary.as_ref().unwrap().0["en"], "An AI platform");
}

#[test]
fn a_language_limits_search_to_its_text() {
    let (_work, catalog) = catalog();
    assert_eq!(
        ids(catalog.search("微软", Some("zh"), 20).unwrap()),
        ["microsoft"]
    );
    assert_eq!(
        ids(catalog.search("微软", Some("en"), 20).unwrap()),
        Vec::<String>::new()
    );
    // Sort names belong to every language.
    assert_eq!(
        ids(catalog.search("weiruan", Some("en"), 20).unwrap()),
        ["microsoft"]
    );
    assert!(matches!(
        catalog.search("x", Some("fr"), 20),
        Err(Error::NotFound {
            kind: "language",
            ..
        })
    ));
}

#[test]
fn fts_syntax_in_a_query_is_plain_text() {
    let (_work, catalog) = catalog();
    for query in [
        "\"",
        "\"mic",
        "mic\"",
        "*",
        "mic*",
        "-",
        "-mic",
        "micro-x",
        "(",
        "(mic",
        "mic)",
        "NEAR",
        "NEAR(mic)",
        "mic NEAR/2 x",
        "^",
        "^mic",
        "AND",
        "mic OR",
        "NOT mic",
        "sort:mic",
        "{name_0}: mic",
        "'",
        ";",
        "\\",
    ] {
        assert!(catalog.search(query, None, 20).is_ok(), "{query:?} failed");
    }
    assert_eq!(find(&catalog, "\"mic"), find(&catalog, "mic"));
    assert_eq!(find(&catalog, "(micro-x)"), ["micro-x"]);
    assert_eq!(find(&catalog, "^baidu*"), ["baidu"]);
}

#[test]
fn an_empty_query_finds_nothing() {
    let (_work, catalog) = catalog();
    for query in ["", " ", "*", "\"\"", "-()"] {
        assert_eq!(find(&catalog, query), Vec::<String>::new(), "{query:?}");
    }
}

#[test]
fn limit_caps_the_hits_in_order() {
    let (_work, catalog) = catalog();
    assert_eq!(
        ids(catalog.search("m", None, 2).unwrap()),
        ["merck", "micro-x"]
    );
    // The cut may fall between name and summary matches.
    assert_eq!(ids(catalog.search("mic", None, 3).unwrap()).len(), 3);
    assert_eq!(catalog.search("m", None, 0).unwrap(), Vec::new());
}

#[test]
fn the_cli_prints_hits_with_kind_and_id() {
    let (work, _catalog) = catalog();
    let pavilion = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_pavilion"))
            .env("PAVILION_DATA_DIR", work.path().join("data"))
            .args(args)
            .output()
            .unwrap()
    };
    let output = pavilion(&["search", "浦东", "--json", "--limit", "1"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8(output.stderr).unwrap(), "");
    let hits: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(
        (&hits[0]["kind"], &hits[0]["id"]),
        (&json!("exhibitor"), &json!("pudong-ai"))
    );

    let output = pavilion(&["search", "mic", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "exhibitor\tmicro-x\tMicro-X Robotics\nexhibitor\tmicrosoft\tMicrosoft\nexhibitor\tcloudwalk\tCloudWalk\n"
    );

    let output = pavilion(&["search", "x", "--lang", "fr"]);
    assert_eq!(output.status.code(), Some(1));

    let output = pavilion(&["search", "Micorsoft", "--json"]);
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "showing results for \"microsoft\"\n"
    );
    let hits: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(hits[0]["id"], json!("microsoft"));
    let output = pavilion(&["search", "Micorsoft", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "showing results for \"microsoft\"\n"
    );
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "exhibitor\tmicrosoft\tMicrosoft\n"
    );
}

fn corrected(catalog: &Catalog, query: &str) -> (Vec<String>, Option<String>) {
    let result = catalog.search_with_correction(query, None, 20).unwrap();
    (ids(result.hits), result.searched_for)
}

#[test]
fn a_latin_query_with_no_hit_is_retried_one_edit_away() {
    let (_work, catalog) = catalog();
    // A transposition, a deletion, an insertion, a substitution.
    for typo in ["Micorsoft", "Microsft", "Microosoft", "Micrisoft"] {
        assert_eq!(
            corrected(&catalog, typo),
            (vec!["microsoft".to_owned()], Some("microsoft".to_owned())),
            "{typo:?}"
        );
    }
    // The rest of the query is kept as typed; pinyin is corrected too.
    assert_eq!(
        corrected(&catalog, "微软 weirun"),
        (
            vec!["microsoft".to_owned()],
            Some("微软 weiruan".to_owned())
        )
    );
    assert_eq!(
        corrected(&catalog, "shangtnag"),
        (vec!["sensetime".to_owned()], Some("shangtang".to_owned()))
    );
}

#[test]
fn a_query_with_hits_or_beyond_one_edit_is_not_corrected() {
    let (_work, catalog) = catalog();
    // "micr" has hits of its own, though "mice" would be one edit away.
    assert_eq!(
        corrected(&catalog, "micr"),
        (
            vec!["micro-x".into(), "microsoft".into(), "cloudwalk".into()],
            None
        )
    );
    // Two edits away, or too short to guess, or not Latin: nothing.
    for query in ["Mcirosfot", "zq", "微硬"] {
        assert_eq!(corrected(&catalog, query), (vec![], None), "{query:?}");
    }
    assert!(catalog
        .search_with_correction("Micorsoft", Some("fr"), 20)
        .is_err());
}

/// A kiosk upgraded in place keeps showing its packs: a `content.db` of
/// schema 2, as the build before pinyin wrote it (the same tables, without
/// the pinyin table and the vocabularies), still opens and searches, and
/// corrects a typo; its Chinese names are found as typed, not by pinyin,
/// until the pack is imported again.
#[test]
fn a_content_db_of_schema_2_still_opens_and_searches() {
    let (work, catalog) = catalog();
    assert_eq!(find(&catalog, "wr"), ["microsoft"]);
    let path = work.path().join("data/packs");
    let folder = std::fs::read_dir(&path)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.join("content.db").is_file())
        .unwrap();
    drop(catalog);
    let db = rusqlite::Connection::open(folder.join("content.db")).unwrap();
    db.execute_batch(
        "DROP TABLE search_pinyin_terms; DROP TABLE search_names_terms;
         DROP TABLE search_summaries_terms; DROP TABLE search_pinyin;
         PRAGMA user_version = 2;",
    )
    .unwrap();
    drop(db);

    let catalog = Catalog::open(&folder).unwrap();
    assert_eq!(find(&catalog, "微软"), ["microsoft"]);
    assert_eq!(find(&catalog, "Microsoft"), ["microsoft"]);
    // 微软's initials find it by pinyin in a pack imported by this build only.
    assert_eq!(find(&catalog, "wr"), Vec::<String>::new());
    let result = catalog
        .search_with_correction("Micorsoft", None, 20)
        .unwrap();
    assert_eq!(
        (ids(result.hits), result.searched_for.as_deref()),
        (vec!["microsoft".to_owned()], Some("microsoft"))
    );
}
