//! Pictures at the size they are shown (`src/pack/picture.rs`): large
//! photos stored scaled, small ones as they are, the pack's own files
//! untouched, and decompression bombs refused before they are decoded.

use std::fs;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::codecs::webp::WebPEncoder;
use image::{ExtendedColorType, GenericImageView, ImageEncoder, ImageFormat, RgbImage, RgbaImage};
use pavilion::model::Media;
use pavilion::pack;
use pavilion::pack::manifest::sha256_hex;
use pavilion::pack::media::ImageKind;
use pavilion::pack::picture::{self, Header, Size};
use pavilion::{import, DataDir};
use serde_json::json;

use crate::memory::pavilion_limited;
use crate::{problem_lines, snapshot, TestPack, PNG};

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    // One colour: a test build is too slow to compute 24 million pixels.
    let photo = RgbImage::from_pixel(width, height, image::Rgb([30, 90, 160]));
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, 60)
        .write_image(&photo, width, height, ExtendedColorType::Rgb8)
        .unwrap();
    bytes
}

fn png_with_alpha(width: u32, height: u32) -> Vec<u8> {
    let logo = RgbaImage::from_fn(width, height, |x, y| {
        image::Rgba([
            200,
            (x % 256) as u8,
            40,
            if y < height / 2 { 0 } else { 255 },
        ])
    });
    let mut bytes = Vec::new();
    PngEncoder::new_with_quality(&mut bytes, CompressionType::Fast, FilterType::NoFilter)
        .write_image(&logo, width, height, ExtendedColorType::Rgba8)
        .unwrap();
    bytes
}

/// A PNG whose header claims `width`×`height` pixels of 8-bit RGBA, or of
/// 16-bit RGBA when `deep`, with a few bytes of pixel data behind it.
fn png_header_only(width: u32, height: u32, deep: bool) -> Vec<u8> {
    let mut header = Vec::new();
    header.extend(width.to_be_bytes());
    header.extend(height.to_be_bytes());
    header.extend([if deep { 16 } else { 8 }, 6, 0, 0, 0]);
    pavilion::synth::png_of_chunks(&[(b"IHDR", &header), (b"IDAT", b"x\x9c"), (b"IEND", b"")])
}

/// A real decompression bomb: 10000×10000 grey pixels (100 megapixels,
/// 100 MB decoded) in a PNG of about a hundred kilobytes.
fn png_bomb() -> Vec<u8> {
    let side = 10_000;
    let pixels = vec![0u8; side * side];
    let mut bytes = Vec::new();
    PngEncoder::new_with_quality(&mut bytes, CompressionType::Fast, FilterType::NoFilter)
        .write_image(&pixels, side as u32, side as u32, ExtendedColorType::L8)
        .unwrap();
    bytes
}

/// The small pack with a 6000×4000 photo as a news item's picture and a
/// 3000×2000 logo with alpha as an exhibitor's.
fn pack_with_large_pictures() -> TestPack {
    let mut pack = TestPack::small();
    pack.files
        .insert("media/photo.jpg".into(), jpeg(6000, 4000));
    pack.files
        .insert("media/big-logo.png".into(), png_with_alpha(3000, 2000));
    pack.json_mut("content/news.json", |news| {
        news[0]["image"] = json!("media/photo.jpg")
    });
    pack.json_mut("content/exhibitors.json", |exhibitors| {
        exhibitors[2]["logo"] = json!("media/big-logo.png")
    });
    pack
}

fn stored(data: &DataDir, media: &Media) -> Vec<u8> {
    fs::read(data.media_dir().join(&media.0)).unwrap()
}

#[test]
fn large_pictures_are_stored_at_twice_the_size_they_are_shown_and_small_ones_as_they_are() {
    let work = tempfile::tempdir().unwrap();
    let test_pack = pack_with_large_pictures();
    let dir = test_pack.write_in(work.path(), "pack");
    let before = snapshot(&dir);
    let data = DataDir::at(work.path().join("data"));
    import(&data, &dir).unwrap();

    let read = pack::read_path(&dir).unwrap();
    let photo = read
        .news
        .iter()
        .find(|news| news.item.id == "opening")
        .unwrap();
    let photo = photo.item.image.as_ref().unwrap();
    let photo_sha = sha256_hex(&test_pack.files["media/photo.jpg"]);
    assert_eq!(photo.0, format!("{photo_sha}.picture.jpg"));
    let scaled = image::load_from_memory(&stored(&data, photo)).unwrap();
    assert_eq!(
        image::guess_format(&stored(&data, photo)).unwrap(),
        ImageFormat::Jpeg
    );
    // A news picture covers at most 1080×810 CSS pixels: twice that down,
    // the aspect kept, the sides cropped.
    assert_eq!(scaled.dimensions(), (2430, 1620));

    let logo = read.exhibitors.iter().find(|e| e.id == "ibm").unwrap();
    let logo = logo.logo.as_ref().unwrap();
    let bytes = stored(&data, logo);
    assert_eq!(image::guess_format(&bytes).unwrap(), ImageFormat::Png);
    let scaled = image::load_from_memory(&bytes).unwrap();
    // A logo is contained in at most 350×350: twice that, aspect kept.
    assert_eq!(scaled.dimensions(), (700, 467));
    assert!(scaled.color().has_alpha());
    assert_eq!(
        scaled.get_pixel(350, 10).0[3],
        0,
        "the top half stays transparent"
    );
    assert_eq!(scaled.get_pixel(350, 400).0[3], 255);

    // The 1×1 logo is stored byte for byte, under its hash alone.
    let small = read.event.logo.as_ref().unwrap();
    assert_eq!(small.0, format!("{}.png", sha256_hex(PNG)));
    assert_eq!(stored(&data, small), PNG);

    // The pack itself is untouched and still verifies.
    assert_eq!(snapshot(&dir), before);
    pack::read_path(&dir).unwrap();

    // The live pack kept for `pack export` holds the pictures as they
    // came, not the scaled copies, and still verifies.
    let kept = pavilion::store::live_pack(&data).unwrap();
    assert_eq!(
        fs::read(kept.join("media/photo.jpg")).unwrap(),
        test_pack.files["media/photo.jpg"]
    );
    assert_eq!(
        fs::read(kept.join("media/big-logo.png")).unwrap(),
        test_pack.files["media/big-logo.png"]
    );
    pack::read_path(&kept).unwrap();
}

/// A lossless WebP of one colour: opaque (RGB), or RGBA with a
/// transparent top half.
fn webp(width: u32, height: u32, alpha: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let encoder = WebPEncoder::new_lossless(&mut bytes);
    if alpha {
        let picture = RgbaImage::from_fn(width, height, |_, y| {
            image::Rgba([30, 90, 160, if y < height / 2 { 0 } else { 255 }])
        });
        encoder.write_image(&picture, width, height, ExtendedColorType::Rgba8)
    } else {
        let picture = RgbImage::from_pixel(width, height, image::Rgb([30, 90, 160]));
        encoder.write_image(&picture, width, height, ExtendedColorType::Rgb8)
    }
    .unwrap();
    bytes
}

/// An animated WebP of two frames, each `webp(width, height, false)`'s
/// bitstream (the `image` crate writes no animations): a `VP8X` chunk
/// with the animation flag, `ANIM`, and an `ANMF` per frame.
fn animated_webp(width: u32, height: u32) -> Vec<u8> {
    let still = webp(width, height, false);
    // RIFF, size, WEBP, then the one VP8L chunk (fourcc, size, data).
    let frame_chunk = &still[12..];
    let chunk = |fourcc: &[u8], data: &[u8]| {
        let mut chunk = fourcc.to_vec();
        chunk.extend((data.len() as u32).to_le_bytes());
        chunk.extend(data);
        if data.len() % 2 == 1 {
            chunk.push(0);
        }
        chunk
    };
    let u24 = |value: u32| value.to_le_bytes()[..3].to_vec();
    let mut vp8x = vec![0x02, 0, 0, 0];
    vp8x.extend(u24(width - 1));
    vp8x.extend(u24(height - 1));
    let mut body = b"WEBP".to_vec();
    body.extend(chunk(b"VP8X", &vp8x));
    body.extend(chunk(b"ANIM", &[0, 0, 0, 0, 0, 0]));
    for _ in 0..2 {
        let mut frame = [u24(0), u24(0), u24(width - 1), u24(height - 1), u24(100)].concat();
        frame.push(0);
        frame.extend(frame_chunk);
        body.extend(chunk(b"ANMF", &frame));
    }
    let mut bytes = b"RIFF".to_vec();
    bytes.extend((body.len() as u32).to_le_bytes());
    bytes.extend(body);
    bytes
}

/// A still WebP is scaled like a PNG or JPEG, into a JPEG when it is
/// opaque and a PNG when it has alpha (the `image` crate writes WebP only
/// losslessly); an animated one is stored as it is, as scaling would keep
/// one frame.
#[test]
fn a_large_still_webp_is_stored_scaled_and_an_animated_one_as_it_is() {
    let work = tempfile::tempdir().unwrap();
    let mut test_pack = TestPack::small();
    let photo = webp(3000, 2000, false);
    let logo = webp(3000, 2000, true);
    let animation = animated_webp(3000, 2000);
    assert_eq!(image::guess_format(&animation).unwrap(), ImageFormat::WebP);
    for (path, bytes) in [
        ("media/photo.webp", &photo),
        ("media/logo.webp", &logo),
        ("media/animation.webp", &animation),
    ] {
        test_pack.files.insert(path.into(), bytes.clone());
    }
    test_pack.json_mut("content/news.json", |news| {
        news[0]["image"] = json!("media/photo.webp")
    });
    let mut animated_id = String::new();
    test_pack.json_mut("content/exhibitors.json", |exhibitors| {
        exhibitors[1]["logo"] = json!("media/animation.webp");
        exhibitors[2]["logo"] = json!("media/logo.webp");
        animated_id = exhibitors[1]["id"].as_str().unwrap().to_owned();
    });
    let dir = test_pack.write_in(work.path(), "pack");
    let data = DataDir::at(work.path().join("data"));
    import(&data, &dir).unwrap();
    let read = pack::read_path(&dir).unwrap();

    let news = read
        .news
        .iter()
        .find(|news| news.item.id == "opening")
        .unwrap();
    let stored_photo = news.item.image.as_ref().unwrap();
    assert_eq!(
        stored_photo.0,
        format!("{}.picture.jpg", sha256_hex(&photo))
    );
    let bytes = stored(&data, stored_photo);
    assert_eq!(image::guess_format(&bytes).unwrap(), ImageFormat::Jpeg);
    assert_eq!(
        image::load_from_memory(&bytes).unwrap().dimensions(),
        (2430, 1620)
    );

    let logo_of = |id: &str| {
        let exhibitor = read.exhibitors.iter().find(|e| e.id == id).unwrap();
        exhibitor.logo.clone().unwrap()
    };
    let stored_logo = logo_of("ibm");
    assert_eq!(stored_logo.0, format!("{}.logo.png", sha256_hex(&logo)));
    let scaled = image::load_from_memory(&stored(&data, &stored_logo)).unwrap();
    assert_eq!(scaled.dimensions(), (700, 467));
    assert_eq!(
        scaled.get_pixel(350, 10).0[3],
        0,
        "the top half stays transparent"
    );

    let stored_animation = logo_of(&animated_id);
    assert_eq!(
        stored_animation.0,
        format!("{}.webp", sha256_hex(&animation))
    );
    assert_eq!(stored(&data, &stored_animation), animation);
}

#[test]
fn one_file_shown_as_a_logo_and_as_a_slide_is_stored_once_for_each() {
    let mut test_pack = pack_with_large_pictures();
    test_pack.json_mut("content/slides.json", |slides| {
        slides[0]["image"] = json!("media/big-logo.png")
    });
    let work = tempfile::tempdir().unwrap();
    let dir = test_pack.write_in(work.path(), "pack");
    let data = DataDir::at(work.path().join("data"));
    import(&data, &dir).unwrap();
    let read = pack::read_path(&dir).unwrap();
    let slide = read.slides[0].image.clone();
    let logo = read.exhibitors.iter().find(|e| e.id == "ibm").unwrap();
    let logo = logo.logo.clone().unwrap();
    assert_ne!(slide, logo);
    // A slide is the whole screen: 3000×2000 is under twice 1920×1920.
    let slide = image::load_from_memory(&stored(&data, &slide)).unwrap();
    assert_eq!(slide.dimensions(), (3000, 2000));
    let logo = image::load_from_memory(&stored(&data, &logo)).unwrap();
    assert_eq!(logo.dimensions(), (700, 467));
}

#[test]
fn a_jpeg_whose_header_comes_after_64_kib_of_metadata_is_read() {
    let photo = jpeg(3000, 2000);
    // Two 64 KiB comments right after the start of image, before the frame
    // header that holds the size.
    let mut padded = photo[..2].to_vec();
    for _ in 0..2 {
        padded.extend([0xff, 0xfe, 0xff, 0xff]);
        padded.extend(vec![b' '; 0xffff - 2]);
    }
    padded.extend(&photo[2..]);
    let mut test_pack = TestPack::small();
    test_pack.files.insert("media/photo.jpg".into(), padded);
    test_pack.json_mut("content/news.json", |news| {
        news[0]["image"] = json!("media/photo.jpg")
    });
    let work = tempfile::tempdir().unwrap();
    let data = DataDir::at(work.path().join("data"));
    import(&data, &test_pack.write_in(work.path(), "pack")).unwrap();
    let read = pack::read_path(&work.path().join("pack")).unwrap();
    let photo = read.news[0].item.image.as_ref().unwrap();
    let scaled = image::load_from_memory(&stored(&data, photo)).unwrap();
    assert_eq!(scaled.dimensions(), (2430, 1620));
}

/// The small pack with `bytes` as the event's logo at `media/bomb.png`.
fn pack_with_logo(bytes: Vec<u8>) -> TestPack {
    let mut pack = TestPack::small();
    pack.files.insert("media/bomb.png".into(), bytes);
    pack.json_mut("content/event.json", |event| {
        event["logo"] = json!("media/bomb.png")
    });
    pack
}

const CLAIMED: &str = "media/bomb.png: : 100000×100000 pixels is over the limit of 64 megapixels: scale it down before packing";
const REAL: &str = "media/bomb.png: : 10000×10000 pixels is over the limit of 64 megapixels: scale it down before packing";
const DEEP: &str = "media/bomb.png: : 6000×6000 pixels take 275 MiB decoded (16 bits a channel?), over the limit of 256 MiB: save it with 8 bits a channel or scale it down before packing";

#[test]
fn images_over_the_limits_are_refused_by_validation_and_import_naming_file_and_fix() {
    for (bytes, message) in [
        (png_header_only(100_000, 100_000, false), CLAIMED),
        (png_bomb(), REAL),
        (png_header_only(6000, 6000, true), DEEP),
    ] {
        let work = tempfile::tempdir().unwrap();
        let dir = pack_with_logo(bytes).write_in(work.path(), "pack");
        assert_eq!(problem_lines(pack::read_path(&dir)), [message]);
        let data = DataDir::at(work.path().join("data"));
        assert_eq!(problem_lines(import(&data, &dir)), [message]);
    }
}

/// The address space `pavilion` gets: a tenth of what the real bomb takes
/// decoded.
const ADDRESS_SPACE: u64 = 128 * 1024 * 1024;

#[test]
fn decompression_bombs_are_refused_in_bounded_memory() {
    for (bytes, message) in [
        (png_header_only(100_000, 100_000, false), CLAIMED),
        (png_bomb(), REAL),
    ] {
        let work = tempfile::tempdir().unwrap();
        let dir = pack_with_logo(bytes).write_in(work.path(), "pack");
        let data = work.path().join("data");
        let validate = ["pack".as_ref(), "validate".as_ref(), dir.as_os_str()];
        let (code, printed) = pavilion_limited(&validate, Some(&data), ADDRESS_SPACE);
        assert_eq!(code, Some(1), "{printed}");
        assert_eq!(printed, format!("{message}\n"));
        let import = ["pack".as_ref(), "import".as_ref(), dir.as_os_str()];
        let (code, printed) = pavilion_limited(&import, Some(&data), ADDRESS_SPACE);
        assert_eq!(code, Some(1), "{printed}");
        assert!(printed.contains(message), "{printed}");
        assert!(!data.join("live").exists());
    }
}

#[test]
fn decoding_allocates_no_more_than_the_header_validation_read() {
    let bytes = png_with_alpha(3000, 2000);
    let honest = picture::read_header(ImageKind::Png, &bytes)
        .unwrap()
        .unwrap();
    assert_eq!(
        honest.size,
        Size {
            width: 3000,
            height: 2000
        }
    );
    let small = Size {
        width: 30,
        height: 20,
    };
    assert!(picture::scale(ImageKind::Png, &bytes, &honest, small).is_ok());
    // A file that grew since validation read a 300×200 header.
    let lied = Header {
        size: Size {
            width: 300,
            height: 200,
        },
        decoded_bytes: 300 * 200 * 4,
        ..honest
    };
    let refused = picture::scale(ImageKind::Png, &bytes, &lied, small).unwrap_err();
    assert!(refused.contains("limit"), "{refused}");
}
