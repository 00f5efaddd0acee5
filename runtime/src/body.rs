//! [`ByteStream`]: a body that is bytes in memory, a file read as it is
//! sent, or a stream of chunks: the type of streaming payloads (S3's
//! PutObject and UploadPart `body`, GetObject's output `body`).

use std::fmt;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};

/// Any error a body's source gives.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A one-shot body: boxed, and shared so that a [`ByteStream`] can be
/// cloned (the clones share it: whichever is read first gets the bytes).
type SharedBody = Arc<Mutex<Option<Pin<Box<dyn Body<Data = Bytes, Error = BoxError> + Send>>>>>;

/// A request or response body, read a chunk at a time.
///
/// - [`ByteStream::new`] (also `From<Vec<u8>>`, `From<&'static [u8]>`,
///   `From<String>`, `From<Bytes>`): bytes in memory. Sent as they are,
///   again on every retry.
/// - [`ByteStream::from_path`] and [`ByteStream::from_file_range`] (the
///   `client` feature): a file, opened and read as the request is sent, a
///   64 KiB chunk at a time, never held whole in memory; read again from
///   its start on a retry. Its length is known, so it is sent with a
///   `Content-Length`.
/// - [`ByteStream::from_body`] and [`ByteStream::from_stream`]: chunks from
///   an `http_body::Body` or a `Stream`, read once: a request with such a
///   body is not retried once it has been sent. Give its length with
///   [`with_content_length`](Self::with_content_length) when the service
///   needs one (S3's PutObject and UploadPart do).
///
/// A response body (GetObject's) is a stream of what the connection
/// delivers: read it with [`next`](Self::next), or [`collect`](Self::collect)
/// it. An error while reading (a reset, a stall past the attempt's time
/// limit, fewer bytes than `Content-Length`) is a [`ByteStreamError`].
///
/// Clones of bytes and files are independent; clones of a one-shot stream
/// share it. Two byte streams are equal when they hold equal bytes, the
/// same range of the same file, or the same one-shot stream.
pub struct ByteStream {
    kind: Kind,
    /// The length given for a one-shot stream.
    length: Option<u64>,
}

enum Kind {
    Bytes(Bytes),
    #[cfg(feature = "client")]
    File(file::FileBody),
    Shared(SharedBody),
}

impl ByteStream {
    /// A body of these bytes.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        ByteStream { kind: Kind::Bytes(bytes.into()), length: None }
    }

    /// An empty body.
    pub fn empty() -> Self {
        ByteStream::new(Bytes::new())
    }

    /// A one-shot body read from `body`'s data frames (trailers are
    /// dropped). Its length is the body's exact size hint, if it has one.
    pub fn from_body<B>(body: B) -> Self
    where
        B: Body<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        let length = body.size_hint().exact();
        let boxed: Pin<Box<dyn Body<Data = Bytes, Error = BoxError> + Send>> = Box::pin(MapError(Box::pin(body)));
        ByteStream { kind: Kind::Shared(Arc::new(Mutex::new(Some(boxed)))), length }
    }

    /// A one-shot body of the chunks `stream` yields. Its length is unknown
    /// unless given with [`with_content_length`](Self::with_content_length).
    pub fn from_stream<S, E>(stream: S) -> Self
    where
        S: futures_core::Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<BoxError>,
    {
        ByteStream::from_body(StreamBody(Box::pin(stream)))
    }

    /// Says how many bytes a one-shot stream holds (sent as
    /// `Content-Length`). A stream that ends with another count fails the
    /// request. Bytes and files know their length: this changes nothing
    /// for them.
    pub fn with_content_length(mut self, length: u64) -> Self {
        if matches!(self.kind, Kind::Shared(_)) {
            self.length = Some(length);
        }
        self
    }

    /// The body's length in bytes, when known before reading it.
    pub fn content_length(&self) -> Option<u64> {
        match &self.kind {
            Kind::Bytes(bytes) => Some(bytes.len() as u64),
            #[cfg(feature = "client")]
            Kind::File(file) => Some(file.length),
            Kind::Shared(_) => self.length,
        }
    }

    /// The bytes, when the body is held in memory (not a file or a stream).
    pub fn bytes(&self) -> Option<&Bytes> {
        match &self.kind {
            Kind::Bytes(bytes) => Some(bytes),
            _ => None,
        }
    }

    /// The bytes, when the body is held in memory; `None` for a file or a
    /// stream (read those with [`collect`](Self::collect)).
    pub fn into_bytes(self) -> Option<Bytes> {
        match self.kind {
            Kind::Bytes(bytes) => Some(bytes),
            _ => None,
        }
    }

    /// Whether the body can be sent again from its start (bytes and files;
    /// a one-shot stream cannot): a request whose body cannot is not
    /// retried once sent.
    pub fn is_replayable(&self) -> bool {
        !matches!(self.kind, Kind::Shared(_))
    }

    /// A body that sends the same bytes again, from its start; `None` for a
    /// one-shot stream.
    pub fn try_clone(&self) -> Option<ByteStream> {
        self.is_replayable().then(|| self.clone())
    }

    /// The next chunk; `None` at the end.
    ///
    /// # Errors
    ///
    /// What the source failed with (a connection reset or cut short, a
    /// file that could not be read), or [`ByteStreamError::Consumed`] for
    /// a one-shot stream a clone already read.
    pub async fn next(&mut self) -> Option<Result<Bytes, ByteStreamError>> {
        std::future::poll_fn(|cx| self.poll_chunk(cx)).await
    }

    /// Reads the whole body into memory.
    ///
    /// # Errors
    ///
    /// As [`next`](Self::next).
    pub async fn collect(self) -> Result<Bytes, ByteStreamError> {
        self.collect_at_most(usize::MAX).await
    }

    /// [`collect`](Self::collect), failing with
    /// [`ByteStreamError::TooLarge`] as soon as more than `max` bytes
    /// arrive.
    ///
    /// # Errors
    ///
    /// As [`next`](Self::next), and `TooLarge`.
    pub async fn collect_at_most(mut self, max: usize) -> Result<Bytes, ByteStreamError> {
        if let Kind::Bytes(bytes) = &self.kind {
            return if bytes.len() > max { Err(ByteStreamError::TooLarge { max }) } else { Ok(bytes.clone()) };
        }
        if self.content_length().is_some_and(|length| length > max as u64) {
            return Err(ByteStreamError::TooLarge { max });
        }
        let mut all = bytes::BytesMut::new();
        while let Some(chunk) = self.next().await {
            let chunk = chunk?;
            if chunk.len() > max - all.len() {
                return Err(ByteStreamError::TooLarge { max });
            }
            all.extend_from_slice(&chunk);
        }
        Ok(all.freeze())
    }

    fn poll_chunk(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, ByteStreamError>>> {
        match &mut self.kind {
            Kind::Bytes(bytes) => {
                let chunk = std::mem::take(bytes);
                Poll::Ready((!chunk.is_empty()).then_some(Ok(chunk)))
            }
            #[cfg(feature = "client")]
            Kind::File(file) => {
                file.poll_chunk(cx).map(|chunk| chunk.map(|r| r.map_err(|e| ByteStreamError::Io(Arc::new(e)))))
            }
            Kind::Shared(shared) => {
                let mut guard = shared.lock().unwrap_or_else(|e| e.into_inner());
                let Some(body) = guard.as_mut() else {
                    return Poll::Ready(Some(Err(ByteStreamError::Consumed)));
                };
                loop {
                    match body.as_mut().poll_frame(cx) {
                        Poll::Ready(Some(Ok(frame))) => match frame.into_data() {
                            Ok(data) if data.is_empty() => continue,
                            Ok(data) => return Poll::Ready(Some(Ok(data))),
                            // Trailers are not part of the bytes.
                            Err(_) => continue,
                        },
                        Poll::Ready(Some(Err(error))) => {
                            return Poll::Ready(Some(Err(ByteStreamError::Source(Arc::from(error)))));
                        }
                        Poll::Ready(None) => {
                            // Read to the end: no clone may read it again.
                            *guard = None;
                            return Poll::Ready(None);
                        }
                        Poll::Pending => return Poll::Pending,
                    }
                }
            }
        }
    }
}

impl Default for ByteStream {
    fn default() -> Self {
        ByteStream::empty()
    }
}

impl Clone for ByteStream {
    fn clone(&self) -> Self {
        let kind = match &self.kind {
            Kind::Bytes(bytes) => Kind::Bytes(bytes.clone()),
            #[cfg(feature = "client")]
            Kind::File(file) => Kind::File(file.restarted()),
            Kind::Shared(shared) => Kind::Shared(Arc::clone(shared)),
        };
        ByteStream { kind, length: self.length }
    }
}

impl PartialEq for ByteStream {
    fn eq(&self, other: &Self) -> bool {
        match (&self.kind, &other.kind) {
            (Kind::Bytes(a), Kind::Bytes(b)) => a == b,
            #[cfg(feature = "client")]
            (Kind::File(a), Kind::File(b)) => a.same_range(b),
            (Kind::Shared(a), Kind::Shared(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Bytes(bytes) => f.debug_struct("ByteStream").field("bytes", &bytes.len()).finish(),
            #[cfg(feature = "client")]
            Kind::File(file) => f
                .debug_struct("ByteStream")
                .field("path", &file.path)
                .field("offset", &file.offset)
                .field("length", &file.length)
                .finish(),
            Kind::Shared(_) => {
                f.debug_struct("ByteStream").field("stream", &true).field("length", &self.length).finish()
            }
        }
    }
}

impl From<Bytes> for ByteStream {
    fn from(bytes: Bytes) -> Self {
        ByteStream::new(bytes)
    }
}

impl From<Vec<u8>> for ByteStream {
    fn from(bytes: Vec<u8>) -> Self {
        ByteStream::new(bytes)
    }
}

impl From<&'static [u8]> for ByteStream {
    fn from(bytes: &'static [u8]) -> Self {
        ByteStream::new(Bytes::from_static(bytes))
    }
}

impl From<&'static str> for ByteStream {
    fn from(text: &'static str) -> Self {
        ByteStream::new(Bytes::from_static(text.as_bytes()))
    }
}

impl From<String> for ByteStream {
    fn from(text: String) -> Self {
        ByteStream::new(text)
    }
}

impl From<crate::Blob> for ByteStream {
    fn from(blob: crate::Blob) -> Self {
        ByteStream::new(blob.into_inner())
    }
}

/// The `http_body::Body` transports send: data frames of the chunks.
impl Body for ByteStream {
    type Data = Bytes;
    type Error = ByteStreamError;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        self.get_mut().poll_chunk(cx).map(|chunk| chunk.map(|r| r.map(Frame::data)))
    }

    fn is_end_stream(&self) -> bool {
        match &self.kind {
            Kind::Bytes(bytes) => bytes.is_empty(),
            #[cfg(feature = "client")]
            Kind::File(file) => file.remaining() == 0,
            Kind::Shared(_) => false,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.kind {
            Kind::Bytes(bytes) => SizeHint::with_exact(bytes.len() as u64),
            #[cfg(feature = "client")]
            Kind::File(file) => SizeHint::with_exact(file.remaining()),
            Kind::Shared(_) => self.length.map(SizeHint::with_exact).unwrap_or_default(),
        }
    }
}

/// Why a [`ByteStream`] could not be read.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum ByteStreamError {
    /// The source failed: for a response, the connection (reset, closed
    /// before `Content-Length` bytes, stalled past a time limit); for a
    /// caller's stream, its own error.
    Source(Arc<dyn std::error::Error + Send + Sync>),
    /// A file body could not be opened or read.
    Io(Arc<std::io::Error>),
    /// A one-shot stream was already read (by a clone, or an earlier
    /// attempt of the same request).
    Consumed,
    /// More than the limit (bytes) arrived.
    TooLarge {
        /// The limit.
        max: usize,
    },
}

impl fmt::Display for ByteStreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ByteStreamError::Source(error) => write!(f, "reading the body: {error}"),
            ByteStreamError::Io(error) => write!(f, "reading the body's file: {error}"),
            ByteStreamError::Consumed => f.write_str("the body is a one-shot stream that was already read"),
            ByteStreamError::TooLarge { max } => write!(f, "the body is larger than {max} bytes"),
        }
    }
}

impl std::error::Error for ByteStreamError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ByteStreamError::Source(error) => Some(&**error as &(dyn std::error::Error + 'static)),
            ByteStreamError::Io(error) => Some(&**error),
            _ => None,
        }
    }
}

/// A body whose errors are boxed.
struct MapError<B>(Pin<Box<B>>);

impl<B> Body for MapError<B>
where
    B: Body<Data = Bytes>,
    B::Error: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        self.get_mut().0.as_mut().poll_frame(cx).map(|frame| frame.map(|r| r.map_err(Into::into)))
    }

    fn size_hint(&self) -> SizeHint {
        self.0.size_hint()
    }
}

/// A `Stream` of chunks as a body.
struct StreamBody<S>(Pin<Box<S>>);

impl<S, E> Body for StreamBody<S>
where
    S: futures_core::Stream<Item = Result<Bytes, E>>,
{
    type Data = Bytes;
    type Error = E;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, E>>> {
        self.get_mut().0.as_mut().poll_next(cx).map(|item| item.map(|r| r.map(Frame::data)))
    }
}

#[cfg(feature = "client")]
mod file {
    //! Files read as they are sent.

    use std::io::{Read as _, Seek as _, SeekFrom};
    use std::path::PathBuf;
    use std::task::{Context, Poll};

    use bytes::Bytes;

    /// The size of the chunks a file is read in.
    const CHUNK: usize = 64 * 1024;

    /// A range of a file, opened when first read.
    pub(super) struct FileBody {
        pub(super) path: PathBuf,
        pub(super) offset: u64,
        pub(super) length: u64,
        /// Bytes sent so far.
        sent: u64,
        /// The file, once opened (and a read in flight on the blocking pool).
        state: State,
    }

    enum State {
        Unopened,
        Idle(std::fs::File),
        Reading(tokio::task::JoinHandle<std::io::Result<(std::fs::File, Vec<u8>)>>),
        Done,
    }

    impl FileBody {
        pub(super) fn new(path: PathBuf, offset: u64, length: u64) -> Self {
            FileBody { path, offset, length, sent: 0, state: State::Unopened }
        }

        /// The same range, to be read from its start.
        pub(super) fn restarted(&self) -> Self {
            FileBody::new(self.path.clone(), self.offset, self.length)
        }

        pub(super) fn same_range(&self, other: &FileBody) -> bool {
            (&self.path, self.offset, self.length) == (&other.path, other.offset, other.length)
        }

        pub(super) fn remaining(&self) -> u64 {
            self.length - self.sent
        }

        /// The next chunk, read on tokio's blocking pool (as tokio's own
        /// file type does).
        pub(super) fn poll_chunk(&mut self, cx: &mut Context<'_>) -> Poll<Option<std::io::Result<Bytes>>> {
            loop {
                let remaining = self.remaining();
                match &mut self.state {
                    State::Done => return Poll::Ready(None),
                    State::Unopened => {
                        let opened = std::fs::File::open(&self.path).and_then(|mut file| {
                            file.seek(SeekFrom::Start(self.offset))?;
                            Ok(file)
                        });
                        match opened {
                            Ok(file) => self.state = State::Idle(file),
                            Err(error) => {
                                self.state = State::Done;
                                return Poll::Ready(Some(Err(error)));
                            }
                        }
                    }
                    State::Idle(_) if remaining == 0 => {
                        self.state = State::Done;
                        return Poll::Ready(None);
                    }
                    State::Idle(_) => {
                        let State::Idle(mut file) = std::mem::replace(&mut self.state, State::Done) else {
                            unreachable!("matched Idle")
                        };
                        let want = CHUNK.min(usize::try_from(remaining).unwrap_or(CHUNK));
                        self.state = State::Reading(tokio::task::spawn_blocking(move || {
                            let mut buffer = vec![0; want];
                            let mut filled = 0;
                            while filled < want {
                                match file.read(&mut buffer[filled..])? {
                                    0 => break,
                                    n => filled += n,
                                }
                            }
                            buffer.truncate(filled);
                            Ok((file, buffer))
                        }));
                    }
                    State::Reading(handle) => {
                        let result = match std::pin::Pin::new(handle).poll(cx) {
                            Poll::Pending => return Poll::Pending,
                            Poll::Ready(result) => result,
                        };
                        self.state = State::Done;
                        let (file, buffer) = match result {
                            Ok(Ok(read)) => read,
                            Ok(Err(error)) => return Poll::Ready(Some(Err(error))),
                            Err(join) => return Poll::Ready(Some(Err(std::io::Error::other(join)))),
                        };
                        if buffer.is_empty() {
                            let error = std::io::Error::new(
                                std::io::ErrorKind::UnexpectedEof,
                                format!(
                                    "{} ended {} bytes before the {} bytes the body was to hold",
                                    self.path.display(),
                                    self.remaining(),
                                    self.length
                                ),
                            );
                            return Poll::Ready(Some(Err(error)));
                        }
                        self.sent += buffer.len() as u64;
                        self.state = State::Idle(file);
                        return Poll::Ready(Some(Ok(Bytes::from(buffer))));
                    }
                }
            }
        }
    }

    use std::future::Future as _;
}

#[cfg(feature = "client")]
impl ByteStream {
    /// The whole file at `path`, read as it is sent (never held in memory
    /// whole); its length is the file's size now.
    ///
    /// # Errors
    ///
    /// The file's metadata cannot be read (it does not exist, no
    /// permission).
    pub fn from_path(path: impl Into<std::path::PathBuf>) -> std::io::Result<ByteStream> {
        let path = path.into();
        let length = std::fs::metadata(&path)?.len();
        Ok(ByteStream { kind: Kind::File(file::FileBody::new(path, 0, length)), length: None })
    }

    /// `length` bytes of the file at `path` from byte `offset` (a part of a
    /// multipart upload), read as they are sent.
    ///
    /// # Errors
    ///
    /// The file's metadata cannot be read, or the range goes past its end.
    pub fn from_file_range(
        path: impl Into<std::path::PathBuf>,
        offset: u64,
        length: u64,
    ) -> std::io::Result<ByteStream> {
        let path = path.into();
        let size = std::fs::metadata(&path)?.len();
        if offset.checked_add(length).is_none_or(|end| end > size) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("{} has {size} bytes: {length} bytes from {offset} go past its end", path.display()),
            ));
        }
        Ok(ByteStream { kind: Kind::File(file::FileBody::new(path, offset, length)), length: None })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
    }

    fn chunks(
        stream: Vec<Result<Bytes, std::io::Error>>,
    ) -> impl futures_core::Stream<Item = Result<Bytes, std::io::Error>> {
        struct Iter(std::vec::IntoIter<Result<Bytes, std::io::Error>>);
        impl futures_core::Stream for Iter {
            type Item = Result<Bytes, std::io::Error>;
            fn poll_next(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
                Poll::Ready(self.get_mut().0.next())
            }
        }
        Iter(stream.into_iter())
    }

    #[test]
    fn bytes_are_replayable_and_compare_by_content() {
        let body = ByteStream::from("hello");
        assert_eq!((body.content_length(), body.is_replayable()), (Some(5), true));
        let copy = body.try_clone().unwrap();
        assert_eq!(copy, ByteStream::from(b"hello".to_vec()));
        assert_eq!(block_on(body.collect()).unwrap(), "hello");
        assert_eq!(block_on(copy.collect()).unwrap(), "hello");
        assert_eq!(block_on(ByteStream::empty().collect()).unwrap().len(), 0);
        let error = block_on(ByteStream::from("hello").collect_at_most(4)).unwrap_err();
        assert!(matches!(error, ByteStreamError::TooLarge { max: 4 }), "{error}");
    }

    #[test]
    fn a_one_shot_stream_is_read_once_whichever_clone_reads_it() {
        let stream = chunks(vec![Ok(Bytes::from_static(b"ab")), Ok(Bytes::new()), Ok(Bytes::from_static(b"cd"))]);
        let body = ByteStream::from_stream(stream).with_content_length(4);
        assert_eq!((body.content_length(), body.is_replayable()), (Some(4), false));
        assert!(body.try_clone().is_none());
        let clone = body.clone();
        assert_eq!(body, clone);
        assert_eq!(block_on(body.collect()).unwrap(), "abcd");
        assert!(matches!(block_on(clone.collect()), Err(ByteStreamError::Consumed)));
        // A source's error is the stream's.
        let failing = chunks(vec![Ok(Bytes::from_static(b"ab")), Err(std::io::Error::other("disk on fire"))]);
        let error = block_on(ByteStream::from_stream(failing).collect()).unwrap_err();
        assert!(error.to_string().contains("disk on fire"), "{error}");
    }

    #[cfg(feature = "client")]
    #[test]
    fn files_are_read_in_chunks_from_their_range_and_again_from_the_start() {
        let path = std::env::temp_dir().join(format!("bytestream-test-{}", std::process::id()));
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &data).unwrap();
        let whole = ByteStream::from_path(&path).unwrap();
        assert_eq!((whole.content_length(), whole.is_replayable(), whole.bytes()), (Some(200_000), true, None));
        let again = whole.try_clone().unwrap();
        let mut reading = whole;
        let mut count = 0;
        let mut read = Vec::new();
        block_on(async {
            while let Some(chunk) = reading.next().await {
                let chunk = chunk.unwrap();
                assert!(chunk.len() <= 64 * 1024);
                read.extend_from_slice(&chunk);
                count += 1;
            }
        });
        assert_eq!((read == data, count), (true, 4));
        // A clone starts over.
        assert_eq!(block_on(again.collect()).unwrap(), &data[..]);
        let part = ByteStream::from_file_range(&path, 70_000, 100_000).unwrap();
        assert_eq!(part.content_length(), Some(100_000));
        assert_eq!(block_on(part.collect()).unwrap(), &data[70_000..170_000]);
        // Past the end, or a file gone: errors.
        assert!(ByteStream::from_file_range(&path, 150_000, 60_000).is_err());
        let shrinking = ByteStream::from_path(&path).unwrap();
        std::fs::write(&path, &data[..10]).unwrap();
        let error = block_on(shrinking.collect()).unwrap_err();
        assert!(matches!(&error, ByteStreamError::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof), "{error}");
        std::fs::remove_file(&path).unwrap();
        assert!(ByteStream::from_path(&path).is_err());
    }
}
