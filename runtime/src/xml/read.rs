//! A scoped pull reader over quick-xml.
//!
//! [`Document`] reads a response body; [`Element`] is one element being
//! read. Generated readers walk children with [`Element::next_child`] and
//! ignore the ones they do not know: an unread child is skipped when the
//! next one is asked for, so unknown elements (a newer service) cost a scan
//! and nothing else. Text is borrowed from the input unless it holds escapes.
//! Depth is bounded; errors are values naming what was expected and where.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};

use super::error::{XmlError, XmlErrorKind};

/// The default bound on element nesting.
pub const DEFAULT_MAX_DEPTH: usize = 64;

/// A document being read.
pub struct Document<'a> {
    input: &'a str,
    reader: quick_xml::Reader<&'a [u8]>,
    /// Number of elements open at the reader's position.
    depth: usize,
    max_depth: usize,
}

/// An element being read. Borrows its document, so one element (and its
/// children) is read at a time.
pub struct Element<'d, 'a> {
    doc: &'d mut Document<'a>,
    start: BytesStart<'a>,
    /// The document depth with this element open.
    depth: usize,
    /// Byte offset just after the start tag, for error paths.
    position: u64,
    /// Self-closing (`<a/>`) or already read to its end.
    done: bool,
}

impl<'a> Document<'a> {
    /// Starts reading `body`, which must be UTF-8.
    pub fn new(body: &'a [u8]) -> Result<Self, XmlError> {
        let input = std::str::from_utf8(body)
            .map_err(|err| XmlError::new(XmlErrorKind::InvalidUtf8, String::new(), err.valid_up_to() as u64))?;
        Ok(Self::from_str(input))
    }

    /// Starts reading a string.
    #[allow(clippy::should_implement_trait)] // infallible and borrowing: not FromStr
    pub fn from_str(input: &'a str) -> Self {
        let mut reader = quick_xml::Reader::from_str(input);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text_start = false;
        config.trim_text_end = false;
        Document { input, reader, depth: 0, max_depth: DEFAULT_MAX_DEPTH }
    }

    /// Sets the nesting bound (default [`DEFAULT_MAX_DEPTH`]).
    pub fn with_max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// The root element, skipping the declaration, comments and whitespace.
    pub fn root(&mut self) -> Result<Element<'_, 'a>, XmlError> {
        loop {
            match self.next_event()? {
                Event::Start(start) => {
                    self.depth += 1;
                    let position = self.reader.buffer_position();
                    return Ok(Element { doc: self, start, depth: 1, position, done: false });
                }
                Event::Empty(start) => {
                    let position = self.reader.buffer_position();
                    return Ok(Element { doc: self, start, depth: 1, position, done: true });
                }
                Event::Eof => return Err(self.error_at(XmlErrorKind::NoRoot, self.reader.buffer_position())),
                Event::Text(text) if text.xml10_content().trim().is_empty() => {}
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                    return Err(self.error_at(
                        XmlErrorKind::Syntax("text before the root element".into()),
                        self.reader.buffer_position(),
                    ));
                }
                _ => {}
            }
        }
    }

    /// The root element, which must be named `expected` (local name).
    pub fn root_named(&mut self, expected: &'static str) -> Result<Element<'_, 'a>, XmlError> {
        self.root_among(&[expected])
    }

    /// The root element, which must have one of `names` (the first is named
    /// in the error).
    pub fn root_among(&mut self, names: &[&'static str]) -> Result<Element<'_, 'a>, XmlError> {
        let root = self.root()?;
        if !names.contains(&root.local_name()) {
            let expected = names.first().copied().unwrap_or("");
            let found = root.local_name().to_string();
            return Err(root.error(XmlErrorKind::WrongRoot { expected, found }));
        }
        Ok(root)
    }

    /// The root element of an output document, whatever it is called (as
    /// botocore reads it), unless it shows the body is not an output at
    /// all: `<Error>` and `<ErrorResponse>` (an error document) and
    /// `<html>` (an HTML page) are refused with
    /// [`XmlErrorKind::NotOutput`], except when listed in `expected` (the
    /// names the model gives the root).
    pub fn output_root(&mut self, expected: &[&str]) -> Result<Element<'_, 'a>, XmlError> {
        let root = self.root()?;
        let name = root.local_name();
        let refused = matches!(name, "Error" | "ErrorResponse") || name.eq_ignore_ascii_case("html");
        if refused && !expected.contains(&name) {
            let found = name.to_string();
            return Err(root.error(XmlErrorKind::NotOutput { found }));
        }
        Ok(root)
    }

    /// The root element's local name, after reading the whole document:
    /// an error if it is not well-formed (cut off, mismatched tags).
    pub fn well_formed_root(&mut self) -> Result<String, XmlError> {
        let mut root = self.root()?;
        let name = root.local_name().to_string();
        while root.next_child()?.is_some() {}
        Ok(name)
    }

    fn next_event(&mut self) -> Result<Event<'a>, XmlError> {
        self.reader.read_event().map_err(|err| {
            let position = self.reader.error_position();
            self.error_at(XmlErrorKind::Syntax(err.to_string()), position)
        })
    }

    fn error_at(&self, kind: XmlErrorKind, position: u64) -> XmlError {
        XmlError::new(kind, element_path(self.input, position), position)
    }
}

impl<'d, 'a> Element<'d, 'a> {
    /// The element's local name (without a namespace prefix).
    pub fn local_name(&self) -> &str {
        local_name(&self.start)
    }

    /// The value of the attribute `name` (qualified name as written, e.g.
    /// `xsi:type`), unescaped.
    pub fn attribute(&self, name: &str) -> Result<Option<Cow<'a, str>>, XmlError> {
        for attr in self.start.attributes() {
            let attr = attr.map_err(|err| self.error(XmlErrorKind::Syntax(err.to_string())))?;
            if attr.key.as_ref() == name {
                // Values borrowed from a `BytesStart<'a>` live for `'a`
                // only when the start tag itself is borrowed, which it is
                // for a slice reader; owned copies are made otherwise.
                let value = attr
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(|err| self.error(XmlErrorKind::Syntax(err.to_string())))?;
                return Ok(Some(Cow::Owned(value.into_owned())));
            }
        }
        Ok(None)
    }

    /// An attribute parsed as a scalar; `None` when absent.
    pub fn attribute_value<T: crate::scalar::FromText>(&self, name: &str) -> Result<Option<T>, XmlError> {
        self.parse_attribute(name, T::EXPECTED, T::from_text)
    }

    /// An attribute parsed as a timestamp in `format`; `None` when absent.
    pub fn attribute_timestamp(
        &self,
        name: &str,
        format: crate::TimestampFormat,
    ) -> Result<Option<crate::DateTime>, XmlError> {
        self.parse_attribute(name, format.expected(), |text| crate::DateTime::parse(text, format))
    }

    fn parse_attribute<T>(
        &self,
        name: &str,
        expected: &'static str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Option<T>, XmlError> {
        let Some(text) = self.attribute(name)? else { return Ok(None) };
        match parse(&text) {
            Some(value) => Ok(Some(value)),
            None => Err(self.error(XmlErrorKind::InvalidValue { expected, found: text.into_owned() })),
        }
    }

    /// The next child element, skipping text, comments and whatever is left
    /// of the previous child. `None` at this element's end.
    pub fn next_child(&mut self) -> Result<Option<Element<'_, 'a>>, XmlError> {
        if self.done {
            return Ok(None);
        }
        let doc = &mut *self.doc;
        loop {
            match doc.next_event()? {
                Event::Start(start) => {
                    doc.depth += 1;
                    if doc.depth > doc.max_depth {
                        let position = doc.reader.buffer_position();
                        return Err(doc.error_at(XmlErrorKind::TooDeep { limit: doc.max_depth }, position));
                    }
                    if doc.depth == self.depth + 1 {
                        let position = doc.reader.buffer_position();
                        let depth = doc.depth;
                        return Ok(Some(Element { doc, start, depth, position, done: false }));
                    }
                }
                Event::Empty(start) if doc.depth == self.depth => {
                    let position = doc.reader.buffer_position();
                    let depth = doc.depth + 1;
                    return Ok(Some(Element { doc, start, depth, position, done: true }));
                }
                Event::End(_) => {
                    doc.depth -= 1;
                    if doc.depth < self.depth {
                        self.done = true;
                        return Ok(None);
                    }
                }
                Event::Eof => {
                    let position = doc.reader.buffer_position();
                    let inside = local_name(&self.start).to_string();
                    return Err(doc.error_at(XmlErrorKind::UnexpectedEof { inside }, position));
                }
                _ => {}
            }
        }
    }

    /// The element's text: character data, CDATA sections and references,
    /// joined. Borrowed from the input unless it had to be unescaped.
    /// An element with child elements is an error.
    pub fn text(&mut self) -> Result<Cow<'a, str>, XmlError> {
        if self.done {
            return Ok(Cow::Borrowed(""));
        }
        let mut text: Option<Cow<'a, str>> = None;
        loop {
            let piece: Cow<'a, str> = match self.doc.next_event()? {
                Event::Text(t) => t.xml10_content(),
                Event::CData(c) => c.xml10_content(),
                Event::GeneralRef(r) => match r.resolve_char_ref() {
                    Ok(Some(c)) => Cow::Owned(c.to_string()),
                    Ok(None) => match quick_xml::escape::resolve_predefined_entity(&r.xml10_content()) {
                        Some(s) => Cow::Borrowed(s),
                        None => {
                            let entity = r.xml10_content().into_owned();
                            return Err(self.error(XmlErrorKind::UnknownEntity(entity)));
                        }
                    },
                    Err(err) => return Err(self.error(XmlErrorKind::Syntax(err.to_string()))),
                },
                Event::End(_) => {
                    self.doc.depth -= 1;
                    self.done = true;
                    return Ok(text.unwrap_or(Cow::Borrowed("")));
                }
                Event::Start(start) | Event::Empty(start) => {
                    let found = local_name(&start).to_string();
                    return Err(self.error(XmlErrorKind::UnexpectedElement { found }));
                }
                Event::Eof => {
                    let name = self.local_name().to_string();
                    return Err(self.error(XmlErrorKind::UnexpectedEof { inside: name }));
                }
                _ => continue,
            };
            match &mut text {
                None => text = Some(piece),
                Some(acc) => acc.to_mut().push_str(&piece),
            }
        }
    }

    /// An error located at this element.
    pub fn error(&self, kind: XmlErrorKind) -> XmlError {
        self.doc.error_at(kind, self.position)
    }

    /// Reads a scalar by parsing this element's text; `expected` names the
    /// type in the error.
    pub fn parse_text<T>(
        &mut self,
        expected: &'static str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<T, XmlError> {
        let text = self.text()?;
        match parse(&text) {
            Some(value) => Ok(value),
            None => Err(self.error(XmlErrorKind::InvalidValue { expected, found: text.into_owned() })),
        }
    }

    /// Reads a wrapped list: every child named `member` is an item (others
    /// are skipped).
    pub fn read_list<T>(
        &mut self,
        member: &str,
        mut read_item: impl FnMut(&mut Element<'_, 'a>) -> Result<T, XmlError>,
    ) -> Result<Vec<T>, XmlError> {
        let mut items = Vec::new();
        while let Some(mut child) = self.next_child()? {
            if child.local_name() == member {
                items.push(read_item(&mut child)?);
            }
        }
        Ok(items)
    }

    /// Reads a wrapped map: children named `entry` hold a key element and a
    /// value element. A flattened map's entries are read one at a time with
    /// [`Element::read_map_entry`].
    pub fn read_map<K, V>(
        &mut self,
        entry: &str,
        key: &str,
        value: &str,
        mut read_key: impl FnMut(&mut Element<'_, 'a>) -> Result<K, XmlError>,
        mut read_value: impl FnMut(&mut Element<'_, 'a>) -> Result<V, XmlError>,
    ) -> Result<Vec<(K, V)>, XmlError> {
        let mut entries = Vec::new();
        while let Some(mut child) = self.next_child()? {
            if child.local_name() == entry {
                entries.push(child.read_map_entry(key, value, &mut read_key, &mut read_value)?);
            }
        }
        Ok(entries)
    }

    /// Reads one map entry (this element) with its key and value children.
    pub fn read_map_entry<K, V>(
        &mut self,
        key: &str,
        value: &str,
        read_key: impl FnOnce(&mut Element<'_, 'a>) -> Result<K, XmlError>,
        read_value: impl FnOnce(&mut Element<'_, 'a>) -> Result<V, XmlError>,
    ) -> Result<(K, V), XmlError> {
        let mut read_key = Some(read_key);
        let mut read_value = Some(read_value);
        let mut k = None;
        let mut v = None;
        while let Some(mut child) = self.next_child()? {
            if child.local_name() == key {
                if let Some(f) = read_key.take() {
                    k = Some(f(&mut child)?);
                }
            } else if child.local_name() == value
                && let Some(f) = read_value.take()
            {
                v = Some(f(&mut child)?);
            }
        }
        match (k, v) {
            (Some(k), Some(v)) => Ok((k, v)),
            (None, _) => Err(self.error(XmlErrorKind::MissingElement {
                element: key.to_string(),
                parent: self.local_name().to_string(),
            })),
            (_, None) => Err(self.error(XmlErrorKind::MissingElement {
                element: value.to_string(),
                parent: self.local_name().to_string(),
            })),
        }
    }
}

/// The local part of a start tag's name (`ns:Name` gives `Name`).
fn local_name<'s>(start: &'s BytesStart<'_>) -> &'s str {
    let qualified = start.name().0;
    match qualified.find(':') {
        Some(colon) => &qualified[colon + 1..],
        None => qualified,
    }
}

/// The slash-separated path of elements open at byte `position` of `input`
/// (`StreamingDistribution/ActiveTrustedSigners/Enabled`). Computed only
/// when an error is made, by reading the input again up to that point, so
/// the happy path keeps no stack of names.
fn element_path(input: &str, position: u64) -> String {
    let mut reader = quick_xml::Reader::from_str(input);
    reader.config_mut().check_end_names = false;
    let mut stack: Vec<String> = Vec::new();
    while reader.buffer_position() < position {
        match reader.read_event() {
            Ok(Event::Start(start)) => {
                stack.push(local_name(&start).to_string());
            }
            Ok(Event::Empty(start)) if reader.buffer_position() >= position => {
                stack.push(local_name(&start).to_string());
            }
            Ok(Event::End(_)) => {
                stack.pop();
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    stack.join("/")
}
