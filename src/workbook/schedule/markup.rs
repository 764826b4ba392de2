//! Texts as schedule systems write them: pretalx's abstracts are Markdown,
//! which may hold HTML as CommonMark allows, and frab's are often HTML
//! fragments (`<h2>…</h2><ul><li>…`). A pack's rich text is CommonMark whose
//! HTML is shown as text (pack format), so a text with HTML is rendered as
//! its source system renders it, Markdown and HTML together, and that is
//! turned back into plain Markdown: a visitor sees a list, not `<ul><li>`.
//! A text without HTML is kept as written.

use std::sync::OnceLock;

use htmd::options::{BulletListMarker, Options as Written};
use htmd::HtmlToMarkdown;
use pulldown_cmark::{html, Event, Options, Parser, Tag};

/// `text` as Markdown without HTML: itself when it has none.
pub fn markdown(text: String) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let has_html = Parser::new_ext(&text, options).any(|event| {
        matches!(
            event,
            Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock)
        )
    });
    if !has_html {
        return text;
    }
    let mut rendered = String::new();
    html::push_html(&mut rendered, Parser::new_ext(&text, options));
    // The converter walks the document recursively, and html5ever builds
    // a deep one in quadratic time: a text of thousands of nested tags
    // (no abstract has them; a hostile file may) would take minutes or
    // overflow the stack. It is kept as written, HTML shown as text.
    // Every tag begins with a `<`: their count bounds the tags'.
    if rendered.matches('<').count() > MAX_TAGS {
        return text;
    }
    // html5ever never fails on bad markup; should the converter fail all
    // the same, the text is kept as written.
    converter().convert(&rendered).unwrap_or(text)
}

/// Tags, open and close, a text may have for its HTML to be converted:
/// the longest real abstracts have a few hundred.
const MAX_TAGS: usize = 1_000;

/// Scripts and styles are dropped with their content; lists as `-`, the
/// way the pack's own texts are written.
fn converter() -> &'static HtmlToMarkdown {
    static CONVERTER: OnceLock<HtmlToMarkdown> = OnceLock::new();
    CONVERTER.get_or_init(|| {
        HtmlToMarkdown::builder()
            .skip_tags(vec!["script", "style"])
            .options(Written {
                bullet_list_marker: BulletListMarker::Dash,
                ul_bullet_spacing: 1,
                ol_number_spacing: 1,
                ..Written::default()
            })
            .build()
    })
}
