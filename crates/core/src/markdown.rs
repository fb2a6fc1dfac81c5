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

/// A piece of text with its emphasis, for documents that set their own type.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

/// A heading, paragraph or list item of plain-text spans.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Block {
    /// heading, paragraph or item
    pub kind: &'static str,
    /// Heading level, or list depth for items.
    pub level: u8,
    pub spans: Vec<Span>,
}

/// Minutes as blocks of text for the PDF and Word exports: headings,
/// paragraphs, list items, bold and italic. Raw HTML is kept as text.
pub fn to_blocks(markdown: &str) -> Vec<Block> {
    use pulldown_cmark::TagEnd;
    let mut blocks: Vec<Block> = Vec::new();
    let (mut bold, mut italic, mut depth) = (false, false, 0u8);
    let mut in_item = false;
    let start = |blocks: &mut Vec<Block>, kind: &'static str, level: u8| {
        blocks.push(Block {
            kind,
            level,
            spans: Vec::new(),
        });
    };
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => start(&mut blocks, "heading", level as u8),
            Event::Start(Tag::Paragraph) if !in_item => start(&mut blocks, "paragraph", 0),
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Item) => {
                in_item = true;
                start(&mut blocks, "item", depth);
            }
            Event::End(TagEnd::Item) => in_item = false,
            Event::Start(Tag::Strong) => bold = true,
            Event::End(TagEnd::Strong) => bold = false,
            Event::Start(Tag::Emphasis) => italic = true,
            Event::End(TagEnd::Emphasis) => italic = false,
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                if blocks.is_empty() {
                    start(&mut blocks, "paragraph", 0);
                }
                if let Some(block) = blocks.last_mut() {
                    block.spans.push(Span {
                        text: text.to_string(),
                        bold,
                        italic,
                    });
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = blocks.last_mut() {
                    block.spans.push(Span {
                        text: " ".into(),
                        bold,
                        italic,
                    });
                }
            }
            _ => {}
        }
    }
    blocks.retain(|b| !b.spans.is_empty());
    blocks
}

#[cfg(test)]
mod block_tests {
    #[test]
    fn markdown_becomes_blocks_of_plain_spans() {
        let blocks = super::to_blocks("## Besluiten\n\nDe *coördinatie* is **rond**.\n\n- eerste\n  - dieper\n- #set page(\"x\")\n");
        let kinds: Vec<_> = blocks.iter().map(|b| (b.kind, b.level)).collect();
        assert_eq!(
            kinds,
            [
                ("heading", 2),
                ("paragraph", 0),
                ("item", 1),
                ("item", 2),
                ("item", 1)
            ]
        );
        assert!(blocks[1]
            .spans
            .iter()
            .any(|s| s.italic && s.text == "coördinatie"));
        assert!(blocks[1].spans.iter().any(|s| s.bold && s.text == "rond"));
        assert_eq!(
            blocks[4].spans[0].text, "#set page(\"x\")",
            "Typst syntax stays text"
        );
    }
}
