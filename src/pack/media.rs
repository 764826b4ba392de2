//! Recognising images by their content, never by their name: a kiosk must not
//! be handed an HTML page called `logo.png`.

/// How much of a media file is read to recognise it: the rest is only
/// hashed, so images are never held in memory whole. An SVG's root element
/// must start within it.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// An image format the kiosk shows, with the extension its media-store file
/// gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    WebP,
    Gif,
    Svg,
}

impl ImageKind {
    /// Its name in messages.
    pub fn name(self) -> &'static str {
        match self {
            ImageKind::Png => "PNG",
            ImageKind::Jpeg => "JPEG",
            ImageKind::WebP => "WebP",
            ImageKind::Gif => "GIF",
            ImageKind::Svg => "SVG",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::WebP => "webp",
            ImageKind::Gif => "gif",
            ImageKind::Svg => "svg",
        }
    }

    /// The format of a file that starts with `bytes` (its first
    /// [`SNIFF_BYTES`] or all of it), or `None` if it is not one the kiosk
    /// shows.
    pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageKind::Png)
        } else if bytes.starts_with(b"\xff\xd8\xff") {
            Some(ImageKind::Jpeg)
        } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
            Some(ImageKind::WebP)
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Some(ImageKind::Gif)
        } else if is_svg(bytes) {
            Some(ImageKind::Svg)
        } else {
            None
        }
    }
}

/// SVG is XML text whose root element is `<svg>`: skip the BOM, the XML
/// declaration, comments, processing instructions and a doctype, then look
/// at the first element's name.
fn is_svg(bytes: &[u8]) -> bool {
    // The head may end inside a character: only a bad byte before that end
    // means it is not text.
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(error) if error.error_len().is_none() => error.valid_up_to(),
        Err(_) => return false,
    };
    let Ok(text) = std::str::from_utf8(&bytes[..valid]) else {
        return false;
    };
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    loop {
        rest = rest.trim_start();
        let skipped = if rest.starts_with("<?") {
            rest.find("?>").map(|end| end + 2)
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|end| end + 3)
        } else if rest.starts_with("<!DOCTYPE") || rest.starts_with("<!doctype") {
            doctype_end(rest)
        } else {
            break;
        };
        match skipped {
            Some(end) => rest = &rest[end..],
            None => return false,
        }
    }
    rest.strip_prefix("<svg")
        .and_then(|after| after.chars().next())
        .is_some_and(|next| next.is_whitespace() || next == '>' || next == '/')
}

/// The end of a doctype, which may hold an internal subset in brackets.
fn doctype_end(text: &str) -> Option<usize> {
    let mut in_subset = false;
    for (index, character) in text.char_indices() {
        match character {
            '[' => in_subset = true,
            ']' => in_subset = false,
            '>' if !in_subset => return Some(index + 1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::ImageKind;

    #[test]
    fn recognises_images_by_content() {
        assert_eq!(
            ImageKind::sniff(b"\x89PNG\r\n\x1a\n...."),
            Some(ImageKind::Png)
        );
        assert_eq!(ImageKind::sniff(b"\xff\xd8\xff\xe0"), Some(ImageKind::Jpeg));
        assert_eq!(
            ImageKind::sniff(b"RIFF\0\0\0\0WEBPVP8 "),
            Some(ImageKind::WebP)
        );
        assert_eq!(ImageKind::sniff(b"GIF89a"), Some(ImageKind::Gif));
        let svg = "\u{feff}<?xml version=\"1.0\"?>\n<!-- logo -->\n<!DOCTYPE svg [<!ENTITY a \"b\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        assert_eq!(ImageKind::sniff(svg.as_bytes()), Some(ImageKind::Svg));
        assert_eq!(ImageKind::sniff(b"<svg>"), Some(ImageKind::Svg));
        assert_eq!(ImageKind::sniff(b"<svgx>"), None);
        assert_eq!(ImageKind::sniff(b"<html><svg></svg></html>"), None);
        assert_eq!(ImageKind::sniff(b"<!-- unterminated <svg>"), None);
        assert_eq!(ImageKind::sniff(b""), None);
        assert_eq!(ImageKind::sniff(b"RIFF"), None);
        // A head cut inside a character is still text; a bad byte is not.
        assert_eq!(
            ImageKind::sniff("<svg><text>张".as_bytes().split_last().unwrap().1),
            Some(ImageKind::Svg)
        );
        assert_eq!(ImageKind::sniff(b"<svg>\xff</svg>"), None);
    }
}
