//! An XML writer with scopes: [`StartTag`] takes attributes, then becomes
//! [`Content`], which closes its element when dropped, so generated code
//! cannot leave an element open. Text is escaped on the way in; a character
//! XML 1.0 cannot carry is refused with an error instead of producing a
//! document the service would reject.

use crate::error::BuildError;

/// An XML document being written into a `String`.
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: String,
}

/// An element's start tag, still open for attributes.
pub struct StartTag<'w> {
    out: &'w mut String,
    name: &'w str,
}

/// An element's content. The end tag is written when this is dropped.
pub struct Content<'w> {
    out: &'w mut String,
    name: &'w str,
}

impl XmlWriter {
    /// An empty writer. No XML declaration is written (as botocore).
    pub fn new() -> Self {
        XmlWriter { out: String::with_capacity(512) }
    }

    /// Starts the document's root element.
    pub fn root<'w>(&'w mut self, name: &'w str) -> StartTag<'w> {
        StartTag::open(&mut self.out, name)
    }

    /// The document written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The document as bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.out.into_bytes()
    }
}

impl<'w> StartTag<'w> {
    fn open(out: &'w mut String, name: &'w str) -> Self {
        out.push('<');
        out.push_str(name);
        StartTag { out, name }
    }

    /// Adds an attribute; `value` is escaped.
    pub fn attr(&mut self, name: &str, value: &str) -> Result<(), BuildError> {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_into(self.out, value, true).map_err(|c| BuildError::invalid_xml_char(name, c))?;
        self.out.push('"');
        Ok(())
    }

    /// Adds an attribute (builder style), for constant values like `xmlns`.
    pub fn with_attr(mut self, name: &str, value: &str) -> Result<Self, BuildError> {
        self.attr(name, value)?;
        Ok(self)
    }

    /// Ends the start tag; children and text go into the returned content.
    pub fn content(self) -> Content<'w> {
        self.out.push('>');
        Content { out: self.out, name: self.name }
    }

    /// Writes `text` as the whole content and closes the element.
    pub fn text(self, text: &str) -> Result<(), BuildError> {
        let name = self.name;
        let content = self.content();
        escape_into(content.out, text, false).map_err(|c| BuildError::invalid_xml_char(name, c))
    }
}

impl<'w> Content<'w> {
    /// Starts a child element.
    pub fn start<'c>(&'c mut self, name: &'c str) -> StartTag<'c> {
        StartTag::open(self.out, name)
    }

    /// Writes a child element holding `value`.
    pub fn element<T: WriteXml + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), BuildError> {
        value.write_xml(self.start(name))
    }

    /// Writes a child element holding `value` if it is set.
    pub fn optional<T: WriteXml>(&mut self, name: &str, value: &Option<T>) -> Result<(), BuildError> {
        match value {
            Some(v) => v.write_xml(self.start(name)),
            None => Ok(()),
        }
    }

    /// Writes a wrapped list: `<name><member>..</member>...</name>`.
    pub fn list<T: WriteXml>(&mut self, name: &str, member: &str, items: &[T]) -> Result<(), BuildError> {
        let mut wrapper = self.start(name).content();
        wrapper.flat_list(member, items)
    }

    /// Writes a flattened list: one `<member>` element per item, directly here.
    pub fn flat_list<T: WriteXml>(&mut self, member: &str, items: &[T]) -> Result<(), BuildError> {
        for item in items {
            item.write_xml(self.start(member))?;
        }
        Ok(())
    }

    /// Writes text into the content (escaped).
    pub fn text(&mut self, text: &str) -> Result<(), BuildError> {
        escape_into(self.out, text, false).map_err(|c| BuildError::invalid_xml_char(self.name, c))
    }
}

impl Drop for Content<'_> {
    fn drop(&mut self) {
        self.out.push_str("</");
        self.out.push_str(self.name);
        self.out.push('>');
    }
}

/// A value that can be written as an element. Implemented here for
/// scalars and by generated code for structures and enums.
pub trait WriteXml {
    /// Writes attributes (if any) into `tag`, then its content, and closes it.
    fn write_xml(&self, tag: StartTag<'_>) -> Result<(), BuildError>;
}

impl<T: WriteXml + ?Sized> WriteXml for &T {
    fn write_xml(&self, tag: StartTag<'_>) -> Result<(), BuildError> {
        (**self).write_xml(tag)
    }
}

impl<T: WriteXml + ?Sized> WriteXml for Box<T> {
    fn write_xml(&self, tag: StartTag<'_>) -> Result<(), BuildError> {
        (**self).write_xml(tag)
    }
}

impl WriteXml for str {
    fn write_xml(&self, tag: StartTag<'_>) -> Result<(), BuildError> {
        tag.text(self)
    }
}

impl WriteXml for String {
    fn write_xml(&self, tag: StartTag<'_>) -> Result<(), BuildError> {
        tag.text(self)
    }
}

macro_rules! write_via_text {
    ($($ty:ty),*) => {$(
        impl WriteXml for $ty {
            fn write_xml(&self, tag: StartTag<'_>) -> Result<(), BuildError> {
                tag.text(crate::scalar::ToText::to_text(self).as_ref())
            }
        }
    )*};
}
write_via_text!(bool, i32, i64, f32, f64, crate::Blob, crate::DateTime);

/// Appends `text` escaped for element content (`attr = false`) or a
/// double-quoted attribute value (`attr = true`). `&`, `<` and `>` are
/// always escaped; `"` and the white-space controls in attributes; a
/// carriage return everywhere (parsers turn a raw one into `\n`). Returns
/// the first character XML 1.0 cannot represent.
pub fn escape_into(out: &mut String, text: &str, attr: bool) -> Result<(), char> {
    let mut last = 0;
    for (i, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '\r' => "&#xD;",
            '"' if attr => "&quot;",
            '\n' if attr => "&#xA;",
            '\t' if attr => "&#x9;",
            '\t' | '\n' => continue,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => return Err(c),
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(replacement);
        last = i + c.len_utf8();
    }
    out.push_str(&text[last..]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str, attr: bool) -> Result<String, char> {
        let mut out = String::new();
        escape_into(&mut out, text, attr).map(|()| out)
    }

    #[test]
    fn escapes_markup_and_carriage_returns() {
        assert_eq!(escaped("a & b < c > d ]]> \"q\" 'a'", false).unwrap(), "a &amp; b &lt; c &gt; d ]]&gt; \"q\" 'a'");
        assert_eq!(escaped("x\r\ny\tz", false).unwrap(), "x&#xD;\ny\tz");
        assert_eq!(escaped("\"a\"\n\t", true).unwrap(), "&quot;a&quot;&#xA;&#x9;");
        assert_eq!(escaped("é中🚀𝄞", false).unwrap(), "é中🚀𝄞");
    }

    #[test]
    fn refuses_characters_xml_cannot_carry() {
        assert_eq!(escaped("a\u{0}b", false), Err('\u{0}'));
        assert_eq!(escaped("\u{1b}[0m", true), Err('\u{1b}'));
        assert_eq!(escaped("\u{FFFF}", false), Err('\u{FFFF}'));
    }

    #[test]
    fn scopes_close_elements() {
        let mut w = XmlWriter::new();
        {
            let mut root = w.root("Root").with_attr("xmlns", "urn:x").unwrap().content();
            root.element("A", "1 < 2").unwrap();
            root.list("Items", "Item", &[true, false]).unwrap();
            root.optional::<i32>("Missing", &None).unwrap();
            let mut child = root.start("Child").content();
            child.element("N", &7i64).unwrap();
        }
        assert_eq!(
            w.as_str(),
            "<Root xmlns=\"urn:x\"><A>1 &lt; 2</A><Items><Item>true</Item><Item>false</Item></Items><Child><N>7</N></Child></Root>"
        );
    }
}
