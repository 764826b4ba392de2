//! Pictures at the size they are shown: a 6000×4000 photo in a pack must
//! cost the kiosk neither memory nor painting time, and a decompression
//! bomb must be refused, never decoded.
//!
//! Validation reads each raster image's header (its size, never its
//! pixels) and refuses one over [`limits::MAX_PIXELS`] or
//! [`limits::MAX_DECODED_BYTES`]; import stores a PNG, JPEG or still WebP
//! larger than twice the largest frame a screen shows it in scaled down to
//! that (a WebP as a JPEG, or a PNG when it has alpha: see
//! [`stored_kind`]). The
//! pack's own files and hashes are never changed: only the media store's
//! copy is scaled, under a name of its own (see [`Shown::store_name`]).
//!
//! Tests are in `tests/core/picture.rs`.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::codecs::webp::WebPDecoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageFormat, ImageReader, Limits};

use crate::pack::limits;
use crate::pack::media::ImageKind;

/// JPEG quality of a scaled photo: no visible loss at the size it is shown.
const JPEG_QUALITY: u8 = 85;

/// A media file to put into the media store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFile {
    /// Its path in the pack.
    pub path: String,
    /// `<sha256>.<ext>`, the extension from the content; see
    /// [`Shown::store_name`].
    pub store_name: String,
    pub sha256: String,
    /// Its size, which copying it may not exceed.
    pub bytes: u64,
    pub scaled: Option<Scaled>,
}

/// How a media file is stored scaled down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scaled {
    pub kind: ImageKind,
    /// As validation read it: decoding may not allocate more.
    pub header: Header,
    pub size: Size,
}

/// A picture's size in pixels, as a screen shows it (EXIF rotation applied).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

/// How a picture fills its frame on screen (CSS `object-fit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// Whole inside the frame (logos).
    Contain,
    /// Covering the frame, cropped (photos, slides).
    Cover,
}

/// Where the UI shows a picture. Each frame is the largest one it is shown
/// in, in CSS pixels on a booth screen (1080×1920 or 1920×1080, the root
/// font at its "larger text" size of 3.25vmin = 35 px): the components
/// that show it are named beside each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// An event's or exhibitor's logo: at most 10rem square, contained
    /// (`AttractLoop`; `ExhibitorPage` 7rem, `HomeScreen` 7rem).
    Logo,
    /// A speaker's photo: a square thumbnail of at most 6.5rem
    /// (`SpeakerCard`, `SearchHitCard`).
    Portrait,
    /// A news item's or park's picture: at most a portrait screen's
    /// width, 16:9 or 4:3 (`NewsArticle`, `ParkPage`; cards show less).
    Picture,
    /// A park's gallery and the attract loop's slides: the whole screen,
    /// in either orientation (`AttractLoop`).
    FullScreen,
    /// A hall's plan: zoomed on the map well past the screen's size, so it
    /// is stored as it is (within the limits).
    Plan,
}

impl Shown {
    /// The largest frame it is shown in and how it fills it; `None`: never
    /// scaled.
    fn frame(self) -> Option<(Size, Fit)> {
        let frame = |width, height, fit| Some((Size { width, height }, fit));
        match self {
            Shown::Logo => frame(350, 350, Fit::Contain),
            Shown::Portrait => frame(228, 228, Fit::Cover),
            Shown::Picture => frame(1080, 810, Fit::Cover),
            Shown::FullScreen => frame(1920, 1920, Fit::Contain),
            Shown::Plan => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Shown::Logo => "logo",
            Shown::Portrait => "portrait",
            Shown::Picture => "picture",
            Shown::FullScreen => "screen",
            Shown::Plan => "plan",
        }
    }

    /// The size a picture of `kind` with `header` is stored at when shown
    /// here: at most twice the frame, aspect kept, never enlarged. `None`
    /// when it is stored as it is: small enough, an SVG, an animated WebP
    /// or a GIF (which may be animated, and whose frames a header does not
    /// count): scaling would keep one frame.
    pub fn scaled_size(self, kind: ImageKind, header: &Header) -> Option<Size> {
        let (frame, fit) = self.frame()?;
        let still = match kind {
            ImageKind::Png | ImageKind::Jpeg => true,
            ImageKind::WebP => !header.animated,
            ImageKind::Gif | ImageKind::Svg => false,
        };
        if !still {
            return None;
        }
        let size = header.size;
        let across = 2.0 * f64::from(frame.width) / f64::from(size.width);
        let down = 2.0 * f64::from(frame.height) / f64::from(size.height);
        let factor = match fit {
            Fit::Contain => across.min(down),
            Fit::Cover => across.max(down),
        };
        if factor >= 1.0 {
            return None;
        }
        let scale = |side: u32| ((f64::from(side) * factor).round() as u32).max(1);
        Some(Size {
            width: scale(size.width),
            height: scale(size.height),
        })
    }

    /// The media store's name of the pack file with `sha256` shown here:
    /// `<sha256>.<ext>` as it is, `<sha256>.<shown>.<ext>` scaled, so the
    /// same file shown as a logo and as a slide is stored once for each.
    pub fn store_name(self, sha256: &str, kind: ImageKind, scaled: bool) -> String {
        if scaled {
            format!("{sha256}.{}.{}", self.name(), kind.extension())
        } else {
            format!("{sha256}.{}", kind.extension())
        }
    }
}

/// What a header tells without decoding: the size as shown, and the bytes
/// the decoded pixels would take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub size: Size,
    pub decoded_bytes: u64,
    /// Whether its pixels may be transparent.
    pub alpha: bool,
    /// A WebP of several frames (a GIF's frames are not counted).
    pub animated: bool,
}

/// The format a scaled copy of a `kind` picture with `header` is written
/// in: its own for a PNG or JPEG; for a still WebP, which the `image` crate
/// writes only losslessly (larger than the pack's), a JPEG, or a PNG when
/// it has alpha.
pub fn stored_kind(kind: ImageKind, header: &Header) -> ImageKind {
    match kind {
        ImageKind::WebP if header.alpha => ImageKind::Png,
        ImageKind::WebP => ImageKind::Jpeg,
        kind => kind,
    }
}

/// Reads the header at the start of a raster image (`None` for an SVG,
/// which has no pixels to count). Reads only `head`: an `Err` may mean the
/// header runs past it.
pub fn read_header(kind: ImageKind, head: &[u8]) -> Option<Result<Header, String>> {
    let format = format(kind)?;
    let header = || -> image::ImageResult<Header> {
        // Default limits: the dimensions are read, not checked, so that
        // the problem can name them.
        let mut decoder = reader(format, head, Limits::default()).into_decoder()?;
        let (width, height) = decoder.dimensions();
        let decoded_bytes = decoder.total_bytes();
        let size = oriented(Size { width, height }, decoder.orientation()?);
        let alpha = decoder.color_type().has_alpha();
        let animated =
            kind == ImageKind::WebP && WebPDecoder::new(Cursor::new(head))?.has_animation();
        Ok(Header {
            size,
            decoded_bytes,
            alpha,
            animated,
        })
    };
    Some(header().map_err(|error| error.to_string()))
}

/// Why a picture of this header is refused, naming the limit and the fix.
pub fn over_limits(header: &Header) -> Option<String> {
    let Size { width, height } = header.size;
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits::MAX_PIXELS {
        Some(format!(
            "{width}×{height} pixels is over the limit of {} megapixels: scale it down before packing",
            limits::MAX_PIXELS / 1_000_000
        ))
    } else if header.decoded_bytes > limits::MAX_DECODED_BYTES {
        Some(format!(
            "{width}×{height} pixels take {} MiB decoded (16 bits a channel?), over the limit of {} MiB: save it with 8 bits a channel or scale it down before packing",
            header.decoded_bytes.div_ceil(1024 * 1024),
            limits::MAX_DECODED_BYTES / (1024 * 1024)
        ))
    } else {
        None
    }
}

/// Decodes the PNG, JPEG or still WebP in `bytes`, whose header validation
/// read as `header`, and encodes it again at `size` in its
/// [`stored_kind`]: a PNG keeps its alpha, a JPEG is written at
/// [`JPEG_QUALITY`]; both keep the colour profile, and an EXIF rotation is
/// applied (the copy has no EXIF).
///
/// Decoding allocates no more than the header validated, whatever the
/// bytes claim now: a header that lies, or a file changed since, is
/// refused by the decoder instead of allocating more.
pub fn scale(
    kind: ImageKind,
    bytes: &[u8],
    header: &Header,
    size: Size,
) -> Result<Vec<u8>, String> {
    let format = format(kind).ok_or_else(|| format!("a {} image is not scaled", kind.name()))?;
    let mut bounds = Limits::default();
    // Either way round: the header's size is as shown, rotated.
    let side = header.size.width.max(header.size.height);
    bounds.max_image_width = Some(side);
    bounds.max_image_height = Some(side);
    bounds.max_alloc = Some(header.decoded_bytes.min(limits::MAX_DECODED_BYTES));
    let scaled = || -> image::ImageResult<Vec<u8>> {
        let mut decoder = reader(format, bytes, bounds).into_decoder()?;
        let icc = decoder.icc_profile()?;
        let orientation = decoder.orientation()?;
        let mut picture = DynamicImage::from_decoder(decoder)?;
        picture.apply_orientation(orientation);
        let mut picture = picture.resize_exact(size.width, size.height, FilterType::Triangle);
        let mut out = Vec::new();
        match stored_kind(kind, header) {
            ImageKind::Jpeg => {
                // JPEG has no alpha: a picture stored as one has none in
                // use (`stored_kind`), though it may decode with a channel.
                if picture.color().has_alpha() {
                    picture = DynamicImage::ImageRgb8(picture.to_rgb8());
                }
                let mut encoder = JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
                if let Some(icc) = icc {
                    // Only a format without profiles refuses one.
                    let _ = encoder.set_icc_profile(icc);
                }
                picture.write_with_encoder(encoder)?;
            }
            _ => {
                let mut encoder = PngEncoder::new_with_quality(
                    &mut out,
                    CompressionType::Default,
                    PngFilter::Adaptive,
                );
                if let Some(icc) = icc {
                    let _ = encoder.set_icc_profile(icc);
                }
                picture.write_with_encoder(encoder)?;
            }
        }
        Ok(out)
    };
    scaled().map_err(|error| error.to_string())
}

fn format(kind: ImageKind) -> Option<ImageFormat> {
    match kind {
        ImageKind::Png => Some(ImageFormat::Png),
        ImageKind::Jpeg => Some(ImageFormat::Jpeg),
        ImageKind::WebP => Some(ImageFormat::WebP),
        ImageKind::Gif => Some(ImageFormat::Gif),
        ImageKind::Svg => None,
    }
}

fn reader(format: ImageFormat, bytes: &[u8], bounds: Limits) -> ImageReader<Cursor<&[u8]>> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(bounds);
    reader
}

fn oriented(size: Size, orientation: Orientation) -> Size {
    match orientation {
        Orientation::Rotate90
        | Orientation::Rotate270
        | Orientation::Rotate90FlipH
        | Orientation::Rotate270FlipH => Size {
            width: size.height,
            height: size.width,
        },
        _ => size,
    }
}

#[cfg(test)]
mod tests {
    use image::codecs::gif::GifEncoder;
    use image::codecs::webp::WebPEncoder;
    use image::{ExtendedColorType, ImageEncoder, RgbaImage};

    use super::{read_header, Header, ImageKind, Shown, Size};

    const LARGE: Size = Size {
        width: 6000,
        height: 4000,
    };

    fn still(size: Size) -> Header {
        Header {
            size,
            decoded_bytes: 0,
            alpha: false,
            animated: false,
        }
    }

    #[test]
    fn gif_and_webp_headers_are_read_and_gifs_and_animations_never_scaled() {
        let picture = RgbaImage::from_pixel(300, 200, image::Rgba([10, 20, 30, 255]));
        let mut webp = Vec::new();
        WebPEncoder::new_lossless(&mut webp)
            .write_image(&picture, 300, 200, ExtendedColorType::Rgba8)
            .unwrap();
        let mut gif = Vec::new();
        GifEncoder::new(&mut gif)
            .encode(&picture, 300, 200, ExtendedColorType::Rgba8)
            .unwrap();
        for (kind, bytes) in [(ImageKind::WebP, webp), (ImageKind::Gif, gif)] {
            let header = read_header(kind, &bytes).unwrap().unwrap();
            assert_eq!(
                header.size,
                Size {
                    width: 300,
                    height: 200
                },
                "{kind:?}"
            );
            assert!(!header.animated, "{kind:?}");
        }
        // A GIF may be animated, and its header does not say: never
        // scaled, however large; a WebP is, unless it is animated.
        assert_eq!(Shown::Logo.scaled_size(ImageKind::Gif, &still(LARGE)), None);
        assert!(Shown::Logo
            .scaled_size(ImageKind::WebP, &still(LARGE))
            .is_some());
        let animated = Header {
            animated: true,
            ..still(LARGE)
        };
        assert_eq!(Shown::Logo.scaled_size(ImageKind::WebP, &animated), None);
        assert!(read_header(ImageKind::Svg, b"<svg/>").is_none());
        assert_eq!(Shown::Logo.scaled_size(ImageKind::Svg, &still(LARGE)), None);
    }

    #[test]
    fn pictures_are_scaled_to_twice_their_frame_never_enlarged_and_plans_never() {
        let scaled = |shown: Shown, size| shown.scaled_size(ImageKind::Jpeg, &still(size));
        let size = |width, height| Size { width, height };
        assert_eq!(scaled(Shown::Logo, LARGE), Some(size(700, 467)));
        // Cover: the shorter side fills twice the frame.
        assert_eq!(scaled(Shown::Portrait, LARGE), Some(size(684, 456)));
        assert_eq!(scaled(Shown::FullScreen, LARGE), Some(size(3840, 2560)));
        assert_eq!(scaled(Shown::Plan, LARGE), None);
        assert_eq!(scaled(Shown::Logo, size(700, 300)), None);
        // A strip thinner than the frame already covers it: not enlarged.
        assert_eq!(scaled(Shown::Portrait, size(20, 5000)), None);
    }
}
