//! Synthetic packs for benchmarks and tests (`pavilion pack synth`): a valid
//! pack of any size up to the format's limit, shaped like a real fair's —
//! Chinese and English names (half with their pinyin as the Chinese sort
//! name, as `pack build` writes it, half filed by the pinyin the import
//! derives), summaries, categories,
//! parks, booths on hall plans, news, an agenda with speakers, an attract
//! loop and real images — so import and search are measured on what a
//! kiosk meets, not on toy rows.
//!
//! The same N always gives the same bytes (a seeded generator, no clock, no
//! hash-map order), so two runs can be compared file for file. Images come
//! from a small fixed pool reused across entities: a million-exhibitor pack
//! must not carry a million logos. JSON is written compactly and streamed
//! through the hash, because at a million exhibitors `exhibitors.json`
//! nears the format's 256 MiB limit for one file.
//!
//! Tests are in `tests/core/synth.rs`.

use std::fs;
use std::io;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::LinkKind;
use crate::pack::content::TextInput;
use crate::pack::kind::Kind;
use crate::pack::kinds::event::{CategoryInput, EventInput};
use crate::pack::kinds::exhibitor::{BoothInput, ExhibitorInput};
use crate::pack::kinds::news::NewsInput;
use crate::pack::kinds::park::{FigureInput, LocationInput, ParkInput};
use crate::pack::kinds::session::SessionInput;
use crate::pack::kinds::slide::{LinkInput, SlideInput};
use crate::pack::kinds::speaker::SpeakerInput;
use crate::pack::kinds::venue::{HallInput, SpotInput, StandInput, VenueInput};
use crate::pack::limits::MAX_ENTITIES;
use crate::pack::writer::{ManifestHeader, PackWriter};

/// Distinct PNG logos and photos, and SVG pictures, shared by all entities.
const PNGS: usize = 48;
const SVGS: usize = 12;
const STANDS_PER_HALL: usize = 100;
/// Stands per row of a hall plan.
const STANDS_PER_ROW: usize = 10;

/// How many of each entity a synthetic pack of `exhibitors` exhibitors has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub exhibitors: usize,
    pub parks: usize,
    pub news: usize,
    pub sessions: usize,
    pub speakers: usize,
    pub slides: usize,
    pub halls: usize,
}

impl Counts {
    /// Companions in proportion to the exhibitors, scaled down together when
    /// the pack would otherwise exceed the format's limit on entities.
    /// `None` when the exhibitors alone exceed it.
    pub fn for_exhibitors(exhibitors: usize) -> Option<Counts> {
        let budget = MAX_ENTITIES.checked_sub(exhibitors)?;
        let wanted = [
            (exhibitors / 500).max(3),
            (exhibitors / 50).max(5),
            (exhibitors / 100).max(3),
            (exhibitors / 100).max(3),
            (exhibitors / 1_000).clamp(3, 40),
        ];
        let total: usize = wanted.iter().sum();
        let [parks, news, sessions, speakers, slides] = wanted.map(|count| {
            if total <= budget {
                count
            } else {
                count * budget / total
            }
        });
        Some(Counts {
            exhibitors,
            parks,
            news,
            sessions,
            speakers,
            slides,
            halls: exhibitors.div_ceil(STANDS_PER_HALL).max(1),
        })
    }
}

/// Writes a synthetic pack of `exhibitors` exhibitors into `out`, which must
/// not exist or be empty. Returns what it holds.
pub fn synth(exhibitors: usize, out: &Path) -> Result<Counts> {
    let counts = Counts::for_exhibitors(exhibitors).ok_or_else(|| Error::OverLimit {
        what: format!("{exhibitors} exhibitors (with their news, sessions and the rest)"),
        limit: MAX_ENTITIES,
    })?;
    if fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(Error::io(
            out,
            io::Error::new(
                io::ErrorKind::AlreadyExists,
                "not empty: synth writes a new pack into an empty or new folder",
            ),
        ));
    }
    let mut writer = PackWriter::new(out, "synth");
    let generator = Generator { counts };
    for index in 0..PNGS {
        writer.file(&png_path(index), &png(index))?;
    }
    for index in 0..SVGS {
        writer.file(&svg_path(index), svg(index).as_bytes())?;
    }
    writer.json(Kind::Event.file(), 1, |w| w.value(&generator.event()))?;
    writer.json(Kind::Park.file(), counts.parks, |w| {
        w.array((0..counts.parks).map(|i| generator.park(i)))
    })?;
    writer.json(Kind::Exhibitor.file(), counts.exhibitors, |w| {
        w.array((0..counts.exhibitors).map(|i| generator.exhibitor(i)))
    })?;
    writer.json(Kind::News.file(), counts.news, |w| {
        w.array((0..counts.news).map(|i| generator.news(i)))
    })?;
    writer.json(Kind::Speaker.file(), counts.speakers, |w| {
        w.array((0..counts.speakers).map(|i| generator.speaker(i)))
    })?;
    writer.json(Kind::Session.file(), counts.sessions, |w| {
        w.array((0..counts.sessions).map(|i| generator.session(i)))
    })?;
    writer.json(Kind::Venue.file(), counts.halls, |w| {
        w.value(&generator.venue())
    })?;
    writer.json(Kind::Slide.file(), counts.slides, |w| {
        w.array((0..counts.slides).map(|i| generator.slide(i)))
    })?;
    writer.seal(&ManifestHeader {
        pack: format!("synth-{exhibitors}"),
        version: 1,
        title: loc(
            format!("合成展会（{exhibitors} 家展商）"),
            format!("Synthetic fair ({exhibitors} exhibitors)"),
        ),
        created: "2026-07-01T09:00:00+08:00".into(),
        languages: vec!["zh".into(), "en".into()],
    })?;
    Ok(counts)
}

/// Text in the pack's two languages.
fn loc(zh: impl Into<String>, en: impl Into<String>) -> TextInput {
    TextInput::PerLanguage([("zh".into(), zh.into()), ("en".into(), en.into())].into())
}

/// Text the same in every language.
fn same(text: impl Into<String>) -> TextInput {
    TextInput::Same(text.into())
}

/// The syllables company and park names are made of: (Han, pinyin).
const SYLLABLES: [(&str, &str); 48] = [
    ("星", "xing"),
    ("辰", "chen"),
    ("华", "hua"),
    ("云", "yun"),
    ("智", "zhi"),
    ("恒", "heng"),
    ("创", "chuang"),
    ("新", "xin"),
    ("达", "da"),
    ("博", "bo"),
    ("远", "yuan"),
    ("海", "hai"),
    ("天", "tian"),
    ("信", "xin"),
    ("安", "an"),
    ("联", "lian"),
    ("鼎", "ding"),
    ("泰", "tai"),
    ("明", "ming"),
    ("德", "de"),
    ("瑞", "rui"),
    ("盛", "sheng"),
    ("宇", "yu"),
    ("航", "hang"),
    ("光", "guang"),
    ("启", "qi"),
    ("源", "yuan"),
    ("睿", "rui"),
    ("腾", "teng"),
    ("飞", "fei"),
    ("晶", "jing"),
    ("微", "wei"),
    ("芯", "xin"),
    ("数", "shu"),
    ("图", "tu"),
    ("灵", "ling"),
    ("深", "shen"),
    ("蓝", "lan"),
    ("思", "si"),
    ("维", "wei"),
    ("商", "shang"),
    ("汤", "tang"),
    ("百", "bai"),
    ("东", "dong"),
    ("方", "fang"),
    ("中", "zhong"),
    ("金", "jin"),
    ("易", "yi"),
];

/// Cities a company name may start with: (Han, pinyin, English).
const CITIES: [(&str, &str, &str); 8] = [
    ("上海", "shanghai", "Shanghai"),
    ("北京", "beijing", "Beijing"),
    ("深圳", "shenzhen", "Shenzhen"),
    ("杭州", "hangzhou", "Hangzhou"),
    ("苏州", "suzhou", "Suzhou"),
    ("南京", "nanjing", "Nanjing"),
    ("广州", "guangzhou", "Guangzhou"),
    ("成都", "chengdu", "Chengdu"),
];

/// What a company does: (Han, pinyin, English), also the categories.
const TRADES: [(&str, &str, &str); 12] = [
    ("智能", "zhineng", "Intelligence"),
    ("科技", "keji", "Technology"),
    ("机器人", "jiqiren", "Robotics"),
    ("数据", "shuju", "Data"),
    ("医疗", "yiliao", "Medical"),
    ("芯片", "xinpian", "Semiconductor"),
    ("视觉", "shijue", "Vision"),
    ("云计算", "yunjisuan", "Cloud"),
    ("汽车", "qiche", "Automotive"),
    ("金融", "jinrong", "Finance"),
    ("语音", "yuyin", "Voice"),
    ("制造", "zhizao", "Manufacturing"),
];

/// Fields for summaries: (Han, English).
const FIELDS: [(&str, &str); 10] = [
    ("计算机视觉", "computer vision"),
    ("自然语言处理", "language models"),
    ("智能制造", "smart factories"),
    ("自动驾驶", "self-driving"),
    ("医疗影像", "medical imaging"),
    ("智慧城市", "smart cities"),
    ("工业互联网", "industrial IoT"),
    ("语音识别", "speech"),
    ("芯片设计", "chip design"),
    ("金融科技", "fintech"),
];

const SURNAMES: [(&str, &str); 12] = [
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("赵", "Zhao"),
    ("黄", "Huang"),
    ("周", "Zhou"),
    ("吴", "Wu"),
    ("徐", "Xu"),
    ("孙", "Sun"),
];

const PARK_KINDS: [(&str, &str); 4] = [
    ("科技园", "Science Park"),
    ("产业园", "Industrial Park"),
    ("创新港", "Innovation Harbour"),
    ("智造谷", "Smart Valley"),
];

/// A SplitMix64 generator: tiny, fast and the same on every platform.
/// Each entity seeds its own from its kind and index, so entities do not
/// depend on each other and any one can be generated alone.
struct Random(u64);

impl Random {
    fn new(kind: u64, index: usize) -> Random {
        Random(
            kind.wrapping_mul(0x9E37_79B9_7F4A_7C15)
                ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03),
        )
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// True one time in `n`.
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

/// A company or park name: optional city, two syllables, a trade.
struct Name {
    zh: String,
    pinyin: String,
    en: String,
    /// Index into [`TRADES`], which are also the categories.
    trade: usize,
}

impl Name {
    fn new(random: &mut Random, with_city: bool) -> Name {
        let (first, second) = (random.pick(&SYLLABLES), random.pick(&SYLLABLES));
        let trade_index = random.below(TRADES.len());
        let trade = TRADES[trade_index];
        let brand = format!("{}{}", capitalised(first.1), second.1);
        let mut name = Name {
            zh: format!("{}{}{}", first.0, second.0, trade.0),
            pinyin: format!("{}{} {}", first.1, second.1, trade.1),
            en: format!("{brand} {}", trade.2),
            trade: trade_index,
        };
        if with_city {
            let city = random.pick(&CITIES);
            name = Name {
                zh: format!("{}{}", city.0, name.zh),
                pinyin: format!("{} {}", city.1, name.pinyin),
                en: format!("{} {}", city.2, name.en),
                trade: name.trade,
            };
        }
        name
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

const EVENT_DAYS: [&str; 3] = ["2026-07-08", "2026-07-09", "2026-07-10"];

/// Entity kinds, to seed each kind's generator differently.
const EXHIBITOR: u64 = 1;
const PARK: u64 = 2;
const NEWS_ITEM: u64 = 3;
const SPEAKER: u64 = 4;
const SESSION: u64 = 5;

struct Generator {
    counts: Counts,
}

impl Generator {
    fn event(&self) -> EventInput {
        EventInput {
            name: loc("合成人工智能博览会", "Synthetic AI Fair"),
            short_name: Some(same("SAIF")),
            theme: Some(loc("智联世界", "Intelligent Connectivity")),
            starts_on: EVENT_DAYS[0].to_owned(),
            ends_on: EVENT_DAYS[2].to_owned(),
            timezone: "Asia/Shanghai".to_owned(),
            venue: Some(loc("上海世博中心", "Shanghai Expo Centre")),
            logo: Some(svg_path(0)),
            about: Some(loc(
                "**合成博览会**：用于基准测试的展会数据。",
                "The **synthetic fair**: data for benchmarks and tests.",
            )),
            categories: TRADES
                .iter()
                .enumerate()
                .map(|(index, trade)| CategoryInput {
                    id: category_id(index),
                    name: loc(trade.0, trade.2),
                })
                .collect(),
        }
    }

    fn park(&self, index: usize) -> ParkInput {
        let mut random = Random::new(PARK, index);
        let name = Name::new(&mut random, false);
        let kind = random.pick(&PARK_KINDS);
        let city = random.pick(&CITIES);
        let field = random.pick(&FIELDS);
        ParkInput {
            id: park_id(index),
            name: loc(
                format!("{}{}", name.zh, kind.0),
                format!("{} {}", name.en, kind.1),
            ),
            district: Some(loc(city.0, city.2)),
            summary: Some(loc(
                format!("聚焦{}的产业园区", field.0),
                format!("A park for {}", field.1),
            )),
            body: Some(loc(
                format!("## 概况\n\n{}汇聚了众多**{}**企业。", name.zh, field.0),
                format!(
                    "## Overview\n\n{} gathers **{}** companies.",
                    name.en, field.1
                ),
            )),
            focus: vec![loc(field.0, field.1)],
            figures: vec![FigureInput {
                label: loc("企业", "Companies"),
                value: same(format!("{}+", 50 + random.below(900))),
            }],
            image: Some(svg_path(random.below(SVGS))),
            gallery: vec![svg_path(random.below(SVGS)), png_path(random.below(PNGS))],
            location: Some(LocationInput {
                lat: 31.0 + random.below(1_000) as f64 / 1_000.0,
                lon: 121.0 + random.below(1_000) as f64 / 1_000.0,
            }),
        }
    }

    fn exhibitor(&self, index: usize) -> ExhibitorInput {
        let mut random = Random::new(EXHIBITOR, index);
        let with_city = random.one_in(3);
        let name = Name::new(&mut random, with_city);
        // Real fairs are uneven: many exhibitors have no summary, a few a
        // long description, about a quarter belong to a park.
        let summary = random.one_in(2).then(|| {
            let field = random.pick(&FIELDS);
            loc(
                format!("{}解决方案", field.0),
                format!("Solutions for {}", field.1),
            )
        });
        let description = random.one_in(16).then(|| {
            let field = random.pick(&FIELDS);
            loc(
                format!(
                    "{}成立于{}年，专注**{}**。",
                    name.zh,
                    2000 + random.below(25),
                    field.0
                ),
                format!("{} builds **{}** products.", name.en, field.1),
            )
        });
        let park = (self.counts.parks > 0 && random.one_in(4))
            .then(|| park_id(random.below(self.counts.parks)));
        ExhibitorInput {
            id: format!("e{index}"),
            name: loc(name.zh, name.en),
            sort_name: index
                .is_multiple_of(2)
                .then(|| TextInput::PerLanguage([("zh".into(), name.pinyin)].into())),
            logo: Some(png_path(random.below(PNGS))),
            summary,
            description,
            categories: vec![category_id(name.trade)],
            booth: Some(BoothInput {
                hall: hall_id(index / STANDS_PER_HALL),
                stand: stand_id(index % STANDS_PER_HALL),
            }),
            park,
            website: None,
            tags: Vec::new(),
        }
    }

    fn news(&self, index: usize) -> NewsInput {
        let mut random = Random::new(NEWS_ITEM, index);
        let company = Name::new(&mut random, false);
        let field = random.pick(&FIELDS);
        let day = random.pick(&EVENT_DAYS);
        NewsInput {
            id: format!("n{index}"),
            title: loc(
                format!("{}发布{}新品", company.zh, field.0),
                format!("{} launches a {} product", company.en, field.1),
            ),
            summary: Some(loc(
                format!("{}领域的新进展", field.0),
                format!("News in {}", field.1),
            )),
            body: Some(loc(
                format!("{}今天在展会上发布了新的**{}**产品。", company.zh, field.0),
                format!(
                    "{} showed a new **{}** product at the fair today.",
                    company.en, field.1
                ),
            )),
            published: format!(
                "{day}T{:02}:{:02}:00+08:00",
                9 + random.below(9),
                random.below(60)
            ),
            source: Some(same("SAIF")),
            source_url: None,
            image: random.one_in(2).then(|| svg_path(random.below(SVGS))),
            tags: Vec::new(),
            pinned: index < 2,
            expires: None,
        }
    }

    fn speaker(&self, index: usize) -> SpeakerInput {
        let mut random = Random::new(SPEAKER, index);
        let surname = random.pick(&SURNAMES);
        let given = (random.pick(&SYLLABLES), random.pick(&SYLLABLES));
        let company = Name::new(&mut random, false);
        SpeakerInput {
            id: format!("sp{index}"),
            name: loc(
                format!("{}{}{}", surname.0, given.0 .0, given.1 .0),
                format!("{}{} {}", capitalised(given.0 .1), given.1 .1, surname.1),
            ),
            title: Some(loc("首席科学家", "Chief Scientist")),
            organization: Some(loc(company.zh, company.en)),
            photo: Some(png_path(random.below(PNGS))),
            bio: None,
            exhibitor: (self.counts.exhibitors > 0 && random.one_in(2))
                .then(|| format!("e{}", random.below(self.counts.exhibitors))),
        }
    }

    fn session(&self, index: usize) -> SessionInput {
        let mut random = Random::new(SESSION, index);
        let field = random.pick(&FIELDS);
        let day = random.pick(&EVENT_DAYS);
        let hour = 9 + random.below(8);
        let mut speakers = Vec::new();
        if self.counts.speakers > 0 {
            speakers.push(format!("sp{}", random.below(self.counts.speakers)));
            // A panel of two now and then: another speaker, if there is one.
            let second = format!("sp{}", random.below(self.counts.speakers));
            if random.one_in(3) && !speakers.contains(&second) {
                speakers.push(second);
            }
        }
        // One room, named in both languages.
        let room = 1 + random.below(20);
        SessionInput {
            id: format!("t{index}"),
            title: loc(format!("{}论坛", field.0), format!("Forum on {}", field.1)),
            starts: format!("{day}T{hour:02}:00:00+08:00"),
            ends: format!("{day}T{hour:02}:45:00+08:00"),
            room: Some(loc(format!("{room}号会议室"), format!("Room {room}"))),
            track: Some(loc(field.0, field.1)),
            speakers,
            description: None,
        }
    }

    fn venue(&self) -> VenueInput {
        let halls = (0..self.counts.halls)
            .map(|hall| {
                let stands = STANDS_PER_HALL.min(
                    self.counts
                        .exhibitors
                        .saturating_sub(hall * STANDS_PER_HALL),
                );
                HallInput {
                    id: hall_id(hall),
                    name: loc(format!("{}号馆", hall + 1), format!("Hall {}", hall + 1)),
                    plan: Some(svg_path(hall % SVGS)),
                    width: (STANDS_PER_ROW * 12) as f64,
                    height: (STANDS_PER_HALL / STANDS_PER_ROW * 12 + 40) as f64,
                    stands: (0..stands)
                        .map(|stand| StandInput {
                            id: stand_id(stand),
                            x: (stand % STANDS_PER_ROW * 12) as f64,
                            y: (stand / STANDS_PER_ROW * 12 + 20) as f64,
                            w: 10.0,
                            h: 10.0,
                        })
                        .collect(),
                    spots: vec![
                        SpotInput {
                            // Spot ids are unique across the venue.
                            id: format!("{}-entrance", hall_id(hall)),
                            name: loc("入口", "Entrance"),
                            x: 0.0,
                            y: 0.0,
                        },
                        SpotInput {
                            id: format!("{}-atrium", hall_id(hall)),
                            name: loc("中庭", "Atrium"),
                            x: (STANDS_PER_ROW * 6) as f64,
                            y: 10.0,
                        },
                    ],
                }
            })
            .collect();
        VenueInput { halls }
    }

    fn slide(&self, index: usize) -> SlideInput {
        let counts = &self.counts;
        let link = match index % 3 {
            0 if counts.news > 0 => Some((LinkKind::News, format!("n{}", index % counts.news))),
            1 if counts.parks > 0 => Some((LinkKind::Park, park_id(index % counts.parks))),
            _ if counts.exhibitors > 0 => Some((
                LinkKind::Exhibitor,
                format!("e{}", index % counts.exhibitors),
            )),
            _ => None,
        };
        SlideInput {
            id: format!("s{index}"),
            image: svg_path(index % SVGS),
            caption: Some(loc(
                format!("欢迎 {}", index + 1),
                format!("Welcome {}", index + 1),
            )),
            link: link.map(|(kind, id)| LinkInput { kind, id }),
            seconds: Some(8.0),
        }
    }
}

fn category_id(index: usize) -> String {
    format!("c{index}")
}

fn park_id(index: usize) -> String {
    format!("p{index}")
}

fn hall_id(index: usize) -> String {
    format!("h{}", index + 1)
}

/// Stands are named by row letter and number, `A01`…`J10`.
fn stand_id(index: usize) -> String {
    let row = (b'A' + (index / STANDS_PER_ROW) as u8) as char;
    format!("{row}{:02}", index % STANDS_PER_ROW + 1)
}

fn png_path(index: usize) -> String {
    format!("media/logos/{index}.png")
}

fn svg_path(index: usize) -> String {
    format!("media/images/{index}.svg")
}

/// A distinct colour for pool image `index`.
fn colour(index: usize) -> [u8; 3] {
    let mut random = Random::new(0, index);
    [
        random.next() as u8,
        random.next() as u8,
        random.next() as u8,
    ]
}

/// A 16×16 PNG: a square of `index`'s colour on white. Stored (level 0)
/// deflate keeps the encoder to a few lines; at this size it costs nothing.
fn png(index: usize) -> Vec<u8> {
    const SIZE: usize = 16;
    let [r, g, b] = colour(index);
    let mut raw = Vec::with_capacity(SIZE * (1 + 3 * SIZE));
    for y in 0..SIZE {
        raw.push(0); // filter: none
        for x in 0..SIZE {
            let inside = (4..12).contains(&x) && (4..12).contains(&y);
            raw.extend(if inside { [r, g, b] } else { [255, 255, 255] });
        }
    }
    // zlib: header, one final stored block, Adler-32.
    let mut zlib = vec![0x78, 0x01, 0x01];
    zlib.extend((raw.len() as u16).to_le_bytes());
    zlib.extend((!(raw.len() as u16)).to_le_bytes());
    zlib.extend(&raw);
    let (mut a, mut b) = (1u32, 0u32);
    for byte in &raw {
        a = (a + u32::from(*byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend(((b << 16) | a).to_be_bytes());

    let mut header = Vec::new();
    header.extend((SIZE as u32).to_be_bytes());
    header.extend((SIZE as u32).to_be_bytes());
    header.extend([8, 2, 0, 0, 0]); // 8-bit RGB, no interlace
    png_of_chunks(&[(b"IHDR", &header), (b"IDAT", &zlib), (b"IEND", &[])])
}

/// A PNG file of `chunks` (type, data), each with its length and CRC.
/// Public for tests that write a header with no picture behind it.
pub fn png_of_chunks(chunks: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in chunks {
        png.extend((data.len() as u32).to_be_bytes());
        let start = png.len();
        png.extend(*kind);
        png.extend(*data);
        let crc = crc32(&png[start..]);
        png.extend(crc.to_be_bytes());
    }
    png
}

/// CRC-32 (ISO-HDLC), as PNG chunks need.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn svg(index: usize) -> String {
    let [r, g, b] = colour(index);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"180\" viewBox=\"0 0 320 180\">\
         <rect width=\"320\" height=\"180\" fill=\"#{r:02x}{g:02x}{b:02x}\"/>\
         <circle cx=\"160\" cy=\"90\" r=\"{}\" fill=\"#fff\" opacity=\"0.6\"/></svg>\n",
        30 + index * 4
    )
}
