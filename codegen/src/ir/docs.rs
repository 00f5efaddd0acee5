//! Documentation: botocore's HTML turned into Markdown that rustdoc renders
//! cleanly (no broken intra-doc links, no bare URLs, no doctests made of
//! prose).

/// Converts one model documentation string (HTML) to rustdoc Markdown.
///
/// Returns an empty string for empty input. Conversion never fails: HTML
/// the converter cannot read is kept as escaped plain text.
pub fn html_to_markdown(html: &str) -> String {
    let html = html.trim();
    if html.is_empty() {
        return String::new();
    }
    let html = html
        .replace("<note>", "<blockquote><p><b>Note:</b></p>")
        .replace("</note>", "</blockquote>")
        .replace("<important>", "<blockquote><p><b>Important:</b></p>")
        .replace("</important>", "</blockquote>");
    let converter = htmd::HtmlToMarkdown::builder()
        .options(htmd::options::Options {
            bullet_list_marker: htmd::options::BulletListMarker::Dash,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            ..Default::default()
        })
        .build();
    let markdown = converter.convert(&html).unwrap_or_else(|_| strip_tags(&html));
    sanitize(&markdown)
}

/// Makes Markdown safe for rustdoc: fenced blocks become `text` blocks (not
/// doctests), square brackets outside code are escaped (rustdoc would read
/// them as intra-doc links), bare URLs are wrapped in `<...>`.
fn sanitize(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut in_fence = false;
    for line in markdown.trim().lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            if !in_fence && trimmed.trim() == "```" {
                out.push_str(&line.replacen("```", "```text", 1));
            } else {
                out.push_str(line);
            }
            in_fence = !in_fence;
        } else if in_fence {
            out.push_str(line);
        } else {
            out.push_str(&sanitize_line(line));
        }
        out.push('\n');
    }
    // Lines indented by four spaces outside lists would be code blocks
    // (doctests); rustdoc's Markdown is CommonMark, so trim such indents.
    // Inside a list, indentation is the list's and stays.
    let mut result = String::with_capacity(out.len());
    let mut prev_blank = true;
    let mut in_list = false;
    for line in out.trim_end().lines() {
        let indent = line.len() - line.trim_start().len();
        if indent == 0 && !line.trim().is_empty() {
            in_list = in_list_item(line);
        }
        let indented_code = indent >= 4 && prev_blank && !in_list;
        if indented_code {
            result.push_str(line.trim_start());
        } else {
            result.push_str(line);
        }
        prev_blank = line.trim().is_empty();
        result.push('\n');
    }
    result.trim_end().to_string()
}

fn in_list_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ") || t.starts_with("* ") || t.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Escapes brackets and wraps bare URLs, leaving inline code and Markdown
/// links (`[text](url)`) alone.
fn sanitize_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        if rest.starts_with('\\') {
            // An escape the converter already made (`\[`): keep it whole.
            let len = rest.chars().nth(1).map_or(1, |c| 1 + c.len_utf8());
            out.push_str(&rest[..len]);
            i += len;
            continue;
        }
        if rest.starts_with('`') {
            // Inline code: copy through to the closing backtick run.
            let run = rest.bytes().take_while(|&b| b == b'`').count();
            let fence = &rest[..run];
            match rest[run..].find(fence) {
                Some(end) => {
                    let len = run + end + run;
                    out.push_str(&rest[..len]);
                    i += len;
                }
                None => {
                    out.push_str(fence);
                    i += run;
                }
            }
            continue;
        }
        if rest.starts_with('[') {
            if let Some(len) = markdown_link_len(rest) {
                out.push_str(&rest[..len]);
                i += len;
                continue;
            }
            out.push_str("\\[");
            i += 1;
            continue;
        }
        if rest.starts_with(']') {
            out.push_str("\\]");
            i += 1;
            continue;
        }
        if (rest.starts_with("http://") || rest.starts_with("https://"))
            && (i == 0 || !matches!(bytes[i - 1], b'<' | b'(' | b'"'))
        {
            let len = rest.find(|c: char| c.is_whitespace() || c == '>' || c == ')' || c == '"').unwrap_or(rest.len());
            let url = rest[..len].trim_end_matches(['.', ',', ';', ':']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            i += url.len();
            continue;
        }
        let ch = rest.chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// The length of a `[text](target)` link at the start of `s`, if there is one.
fn markdown_link_len(s: &str) -> Option<usize> {
    let close = s.find("](")?;
    if s[1..close].contains('[') {
        return None;
    }
    let end = s[close + 2..].find(')')?;
    Some(close + 2 + end + 1)
}

/// A last-resort plain-text rendering of HTML.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::html_to_markdown;

    #[test]
    fn paragraphs_code_and_links() {
        let md = html_to_markdown(
            "<p>Update a <code>StreamingDistribution</code>. See <a href=\"https://docs.aws.amazon.com/x\">the guide</a>.</p><p>Second.</p>",
        );
        assert_eq!(md, "Update a `StreamingDistribution`. See [the guide](https://docs.aws.amazon.com/x).\n\nSecond.");
    }

    #[test]
    fn brackets_are_escaped_outside_code() {
        let md = html_to_markdown("<p>Use [a-z] or <code>[x]</code>.</p>");
        assert_eq!(md, "Use \\[a-z\\] or `[x]`.");
    }

    #[test]
    fn bare_urls_are_wrapped() {
        let md = html_to_markdown("<p>Go to https://example.com/a. Done</p>");
        assert_eq!(md, "Go to <https://example.com/a>. Done");
    }

    #[test]
    fn notes_and_lists() {
        let md = html_to_markdown("<note><p>Careful.</p></note><ul><li><p>one</p></li><li><p>two</p></li></ul>");
        assert!(md.contains("**Note:**"), "{md}");
        assert!(md.contains("- one"), "{md}");
        assert!(md.contains("- two"), "{md}");
    }

    #[test]
    fn code_blocks_are_not_doctests() {
        let md = html_to_markdown("<pre><code>aws cloudfront get</code></pre>");
        assert!(md.starts_with("```text"), "{md}");
    }

    #[test]
    fn empty_input() {
        assert_eq!(html_to_markdown("  "), "");
    }
}
