//! Rich text (`body`, `description`, `bio`, `about`) is CommonMark written by
//! people outside the project, shown in a kiosk that must never run a script
//! or leave its pages. Two independent lines of defence: the renderer emits
//! raw HTML as escaped text and links as plain text, then ammonia keeps only
//! a short allow-list of tags, so a bug in one is caught by the other.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// Block quotes and lists nest at most this deep; deeper ones are flattened.
/// HTML parsing (in ammonia) is quadratic in nesting depth, and one 64 KiB
/// string of `>` would otherwise take a minute to import.
const MAX_NESTING: usize = 8;

/// Renders CommonMark to HTML that is safe to assign to `innerHTML`.
pub fn render(markdown: &str) -> String {
    let mut link_urls: Vec<Option<CowStr>> = Vec::new();
    // For every open tag: whether it was kept (its end is dropped if not).
    let mut open_tags: Vec<bool> = Vec::new();
    let mut nesting = 0;
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let events = Parser::new_ext(markdown, options).flat_map(|event| {
        match &event {
            Event::Start(tag) => {
                let is_container = matches!(tag, Tag::BlockQuote(_) | Tag::List(_) | Tag::Item);
                let kept = !is_container || nesting < MAX_NESTING;
                nesting += usize::from(is_container && kept);
                open_tags.push(kept);
                if !kept {
                    return vec![];
                }
            }
            Event::End(end) => {
                let is_container =
                    matches!(end, TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item);
                let kept = open_tags.pop().unwrap_or(true);
                nesting = nesting.saturating_sub(usize::from(is_container && kept));
                if !kept {
                    return vec![];
                }
            }
            _ => {}
        }
        match event {
            // Raw HTML is the author's text, not markup: show it.
            Event::Html(html) | Event::InlineHtml(html) => vec![Event::Text(html)],
            Event::Start(Tag::HtmlBlock) => vec![Event::Start(Tag::Paragraph)],
            Event::End(TagEnd::HtmlBlock) => vec![Event::End(TagEnd::Paragraph)],
            // A kiosk never navigates: a link is its label followed by its
            // address (an autolink is its address already).
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let shown_after = !matches!(link_type, LinkType::Autolink | LinkType::Email);
                link_urls.push(shown_after.then_some(dest_url));
                vec![Event::Html(CowStr::Borrowed("<span class=\"link\">"))]
            }
            Event::End(TagEnd::Link) => match link_urls.pop().flatten() {
                Some(url) => vec![
                    Event::Text(format!(" ({url})").into()),
                    Event::Html(CowStr::Borrowed("</span>")),
                ],
                None => vec![Event::Html(CowStr::Borrowed("</span>"))],
            },
            // An image inside text is dropped; its alt text (the events
            // between start and end) stays.
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => vec![],
            other => vec![other],
        }
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    sanitizer().clean(&html).to_string()
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = ammonia::Builder::empty();
        builder
            .add_tags([
                "p",
                "br",
                "hr",
                "em",
                "strong",
                "del",
                "code",
                "pre",
                "blockquote",
                "ul",
                "ol",
                "li",
                "h1",
                "h2",
                "h3",
                "h4",
                "h5",
                "h6",
                "span",
                "table",
                "thead",
                "tbody",
                "tr",
                "th",
                "td",
            ])
            .generic_attributes(HashSet::new())
            .add_tag_attributes("ol", ["start"])
            .add_allowed_classes("span", ["link"])
            .url_schemes(HashSet::new())
            .link_rel(None)
            .strip_comments(true);
        builder
    })
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn renders_commonmark() {
        assert_eq!(
            render("Hello *world*\n\n- a\n- b"),
            "<p>Hello <em>world</em></p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
        );
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        assert_eq!(
            render("<script>alert(1)</script>"),
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
        );
        assert_eq!(
            render("a <img src=x onerror=alert(1)> b"),
            "<p>a &lt;img src=x onerror=alert(1)&gt; b</p>\n"
        );
    }

    #[test]
    fn links_do_not_navigate() {
        assert_eq!(
            render("[WAIC](https://waic.cn)"),
            "<p><span class=\"link\">WAIC (https://waic.cn)</span></p>\n"
        );
        assert_eq!(
            render("<https://waic.cn>"),
            "<p><span class=\"link\">https://waic.cn</span></p>\n"
        );
        assert_eq!(
            render("[x](javascript:alert(1))"),
            "<p><span class=\"link\">x (javascript:alert(1))</span></p>\n"
        );
    }

    #[test]
    fn images_become_their_alt_text() {
        assert_eq!(render("![a logo](javascript:alert(1))"), "<p>a logo</p>\n");
    }

    #[test]
    fn hostile_inputs_come_out_inert() {
        let hostile = [
            "<a href=\"javascript:alert(1)\">x</a>",
            "[x](javascript:alert(1) \"t\" onmouseover=alert(1))",
            "<iframe src=//evil></iframe>\n\n<style>body{}</style>",
            "<svg onload=alert(1)>",
            "```html\n<script>alert(1)</script>\n```",
            "<div\nonclick=alert(1)>x</div>",
            "[a]: javascript:alert(1)\n\n[a]",
            "![x\" onerror=\"alert(1)](x.png)",
            "<!-- <script>alert(1)</script> -->",
        ];
        for input in hostile {
            let html = render(input);
            // Text is escaped, so every literal `<` opens a tag: each must be
            // a harmless one, with no attribute but the link class.
            for tag in html
                .split('<')
                .skip(1)
                .map(|rest| rest.split('>').next().unwrap_or(rest))
            {
                let name = tag.trim_start_matches('/').split(' ').next().unwrap_or("");
                let harmless =
                    ["p", "ul", "ol", "li", "pre", "code", "span", "em", "strong"].contains(&name);
                let attributes_ok = !tag.contains(' ') || tag == "span class=\"link\"";
                assert!(
                    harmless && attributes_ok,
                    "{input:?} rendered as {html:?}: tag <{tag}>"
                );
            }
        }
    }

    #[test]
    fn nesting_beyond_the_limit_is_flattened() {
        assert_eq!(render(&">".repeat(10)).matches("<blockquote>").count(), 8);
        assert_eq!(
            render("> > a\n\nb"),
            "<blockquote>\n<blockquote>\n<p>a</p>\n</blockquote>\n</blockquote>\n<p>b</p>\n"
        );
    }

    #[test]
    fn deep_nesting_within_the_string_limit_is_flattened_and_quick() {
        for input in [
            ">".repeat(60_000),
            "* ".repeat(30_000),
            "[".repeat(60_000),
            "<div>".repeat(12_000),
            "*a ".repeat(20_000),
        ] {
            let started = std::time::Instant::now();
            let html = render(&input);
            assert!(
                started.elapsed() < std::time::Duration::from_secs(2),
                "{:?}… took {:?}",
                &input[..4],
                started.elapsed()
            );
            assert!(
                html.matches("<blockquote>").count() <= 8,
                "{}",
                &html[..200.min(html.len())]
            );
        }
    }
}
