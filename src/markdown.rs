//! Minutes are written in Markdown; this turns them into HTML that is safe to
//! show in the webview: raw HTML in the text is escaped, not passed through,
//! and links only keep `http`, `https` and `mailto` targets.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

pub fn to_safe_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        // Whatever HTML a user typed is shown as text.
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            // No images from anywhere: the CSP forbids remote content anyway.
            let _ = (link_type, title, id);
            Event::Text(dest_url)
        }
        Event::End(pulldown_cmark::TagEnd::Image) => Event::Text(CowStr::Borrowed("")),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
    {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn headings_lists_and_emphasis_render() {
        let html = to_safe_html("## Besluiten\n\n- *eerste*\n- **tweede**\n");
        assert!(html.contains("<h2>Besluiten</h2>"), "{html}");
        assert!(
            html.contains("<em>eerste</em>") && html.contains("<strong>tweede</strong>"),
            "{html}"
        );
    }

    #[test]
    fn raw_html_and_script_links_are_neutralised() {
        let html = to_safe_html(
            "<img src=x onerror=alert(1)>\n\n[klik](javascript:alert(1)) <script>x</script>",
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("&lt;img"), "shown as text: {html}");
    }
}
