//! Paginators and waiters: the loops generated methods hand their
//! operation-specific parts to.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;

use super::credentials::BoxFuture;
use crate::error::ResponseError;

type Fetch<'a, I, T> = Box<dyn Fn(I) -> BoxFuture<'a, T> + Send + Sync + 'a>;

/// The pages of a paginated operation, as a [`Stream`] (or one at a time
/// with [`Pages::next_page`]). Each page's token goes into the next input;
/// paging stops when there is no token or when the service says the
/// results are complete. A token the page before gave too ends paging with
/// an error ([`ResponseErrorKind::RepeatedToken`](crate::error::ResponseErrorKind::RepeatedToken)),
/// not silently with part of the results. The token `K` is a string, or a
/// tuple for operations that page by several markers at once.
pub struct Pages<'a, I, O, E, K = String> {
    fetch: Fetch<'a, I, Result<O, E>>,
    next_input: Option<I>,
    pending: Option<(I, BoxFuture<'a, Result<O, E>>)>,
    next_token: fn(&O) -> Option<K>,
    set_token: fn(&mut I, K),
    last_token: Option<K>,
}

impl<'a, I: Clone + Send + 'a, O, E: From<ResponseError>, K: Clone + PartialEq + fmt::Debug> Pages<'a, I, O, E, K> {
    /// Pages starting from `input`.
    pub fn new(
        input: I,
        fetch: impl Fn(I) -> BoxFuture<'a, Result<O, E>> + Send + Sync + 'a,
        next_token: fn(&O) -> Option<K>,
        set_token: fn(&mut I, K),
    ) -> Self {
        Pages {
            fetch: Box::new(fetch),
            next_input: Some(input),
            pending: None,
            next_token,
            set_token,
            last_token: None,
        }
    }

    /// The next page, or `None` after the last.
    pub async fn next_page(&mut self) -> Option<Result<O, E>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Every page (stops at the first error).
    pub async fn collect_pages(mut self) -> Result<Vec<O>, E> {
        let mut pages = Vec::new();
        while let Some(page) = self.next_page().await {
            pages.push(page?);
        }
        Ok(pages)
    }
}

// No field is pinned structurally (the pending future is boxed), so
// moving a `Pages` is always fine.
impl<'a, I, O, E, K> Unpin for Pages<'a, I, O, E, K> {}

impl<'a, I: Clone + Send + 'a, O, E: From<ResponseError>, K: Clone + PartialEq + fmt::Debug> Stream
    for Pages<'a, I, O, E, K>
{
    type Item = Result<O, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.pending.is_none() {
            let Some(input) = this.next_input.take() else { return Poll::Ready(None) };
            let future = (this.fetch)(input.clone());
            this.pending = Some((input, future));
        }
        let Some((_, future)) = this.pending.as_mut() else { return Poll::Ready(None) };
        let result = match future.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(result) => result,
        };
        let Some((mut input, _)) = this.pending.take() else { return Poll::Ready(None) };
        if let Ok(page) = &result
            && let Some(token) = (this.next_token)(page)
        {
            if this.last_token.as_ref() == Some(&token) {
                // This page repeats the last one's request: yield the error
                // instead of the page, and stop.
                return Poll::Ready(Some(Err(ResponseError::repeated_token(200, format!("{token:?}")).into())));
            }
            this.last_token = Some(token.clone());
            (this.set_token)(&mut input, token);
            this.next_input = Some(input);
        }
        Poll::Ready(Some(result))
    }
}

/// The items of every page, as a [`Stream`] (or with [`Items::next_item`]).
pub struct Items<'a, I, O, E, T, K = String> {
    pages: Pages<'a, I, O, E, K>,
    items_of: fn(O) -> Vec<T>,
    buffer: VecDeque<T>,
}

impl<'a, I: Clone + Send + 'a, O, E: From<ResponseError>, T, K: Clone + PartialEq + fmt::Debug>
    Items<'a, I, O, E, T, K>
{
    /// The items of `pages`, taken from each page by `items_of`.
    pub fn new(pages: Pages<'a, I, O, E, K>, items_of: fn(O) -> Vec<T>) -> Self {
        Items { pages, items_of, buffer: VecDeque::new() }
    }

    /// The next item, or `None` after the last.
    pub async fn next_item(&mut self) -> Option<Result<T, E>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Every item (stops at the first error).
    pub async fn collect_items(mut self) -> Result<Vec<T>, E> {
        let mut items = Vec::new();
        while let Some(item) = self.next_item().await {
            items.push(item?);
        }
        Ok(items)
    }
}

impl<'a, I, O, E, T, K> Unpin for Items<'a, I, O, E, T, K> {}

impl<'a, I: Clone + Send + 'a, O, E: From<ResponseError>, T, K: Clone + PartialEq + fmt::Debug> Stream
    for Items<'a, I, O, E, T, K>
{
    type Item = Result<T, E>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut self.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(page))) => {
                    let items = (self.items_of)(page);
                    self.buffer.extend(items);
                }
            }
        }
    }
}

/// A paginated call ready to run: its [`pages`](Paginator::pages), or the
/// [`items`](Paginator::items) of its result key across every page.
/// Generated fluent builders of paginated operations give one from
/// `into_paginator()`.
pub struct Paginator<'a, I, O, E, T, K = String> {
    pages: Pages<'a, I, O, E, K>,
    items_of: fn(O) -> Vec<T>,
}

impl<'a, I: Clone + Send + 'a, O, E: From<ResponseError>, T, K: Clone + PartialEq + fmt::Debug>
    Paginator<'a, I, O, E, T, K>
{
    /// A paginator over `pages` whose items `items_of` takes from each page.
    pub fn new(pages: Pages<'a, I, O, E, K>, items_of: fn(O) -> Vec<T>) -> Self {
        Paginator { pages, items_of }
    }

    /// Every page, as a [`Stream`] (or one at a time with [`Pages::next_page`]).
    pub fn pages(self) -> Pages<'a, I, O, E, K> {
        self.pages
    }

    /// Every item of every page, as a [`Stream`] (or one at a time with
    /// [`Items::next_item`]).
    pub fn items(self) -> Items<'a, I, O, E, T, K> {
        Items::new(self.pages, self.items_of)
    }
}

/// How a waiter polls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaiterConfig {
    /// The pause between attempts.
    pub delay: Duration,
    /// Attempts in all.
    pub max_attempts: u32,
}

/// What one poll of a waiter came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acceptance {
    /// Done: the resource is in the wanted state.
    Success,
    /// Done: the resource can never reach the wanted state.
    Failure,
    /// Not yet: poll again.
    Retry,
}

/// A waiter that did not see its success state.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaiterError<E> {
    /// Every attempt was made without a final state.
    MaxAttemptsExceeded {
        /// The attempts made.
        attempts: u32,
    },
    /// A failure acceptor matched.
    FailureState,
    /// The operation failed in a way no acceptor expects.
    Operation(E),
}

impl<E: fmt::Display> fmt::Display for WaiterError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaiterError::MaxAttemptsExceeded { attempts } => write!(f, "waiter gave up after {attempts} attempts"),
            WaiterError::FailureState => f.write_str("waiter reached a failure state"),
            WaiterError::Operation(e) => write!(f, "waiter's operation failed: {e}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for WaiterError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaiterError::Operation(e) => Some(e),
            _ => None,
        }
    }
}

/// What a waiter's acceptors make of one poll's result.
pub type Acceptors<O, E> = fn(&Result<O, E>) -> Option<Acceptance>;

/// A waiter ready to run: `.await` it (it is [`IntoFuture`]),
/// after changing its [`delay`](Waiter::delay) or
/// [`max_attempts`](Waiter::max_attempts) if the model's defaults do not
/// suit. Generated fluent builders give one from `wait_until_<name>()`.
pub struct Waiter<O, E> {
    config: WaiterConfig,
    attempt: Box<dyn FnMut() -> BoxFuture<'static, Result<O, E>> + Send>,
    accept: Acceptors<O, E>,
}

impl<O, E> fmt::Debug for Waiter<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Waiter").field("config", &self.config).finish_non_exhaustive()
    }
}

impl<O: Send + 'static, E: Send + 'static> Waiter<O, E> {
    /// A waiter that polls with `attempt` as `config` says, until `accept`
    /// says success or failure.
    pub fn new(
        config: WaiterConfig,
        attempt: impl FnMut() -> BoxFuture<'static, Result<O, E>> + Send + 'static,
        accept: Acceptors<O, E>,
    ) -> Self {
        Waiter { config, attempt: Box::new(attempt), accept }
    }

    /// The pause between attempts (the model's default otherwise).
    pub fn delay(mut self, delay: Duration) -> Self {
        self.config.delay = delay;
        self
    }

    /// Attempts in all (the model's default otherwise).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.config.max_attempts = attempts;
        self
    }

    /// How this waiter polls.
    pub fn config(&self) -> WaiterConfig {
        self.config
    }

    /// Polls until a final state; the same as `.await`.
    pub async fn wait(self) -> Result<O, WaiterError<E>> {
        let Waiter { config, mut attempt, accept } = self;
        wait(config, &mut attempt, accept).await
    }
}

impl<O: Send + 'static, E: Send + 'static> std::future::IntoFuture for Waiter<O, E> {
    type Output = Result<O, WaiterError<E>>;
    type IntoFuture = BoxFuture<'static, Result<O, WaiterError<E>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.wait())
    }
}

/// Polls `attempt` until `accept` says success or failure, pausing
/// `config.delay` between attempts, at most `config.max_attempts` times. A
/// result `accept` leaves undecided (`None`) is retried if it is an output,
/// and ends the wait if it is an error.
pub async fn wait<O, E, F, Fut>(
    config: WaiterConfig,
    mut attempt: F,
    accept: impl Fn(&Result<O, E>) -> Option<Acceptance>,
) -> Result<O, WaiterError<E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<O, E>>,
{
    for n in 1..=config.max_attempts.max(1) {
        let result = attempt().await;
        match (accept(&result), result) {
            (Some(Acceptance::Success), Ok(output)) => return Ok(output),
            (Some(Acceptance::Success), Err(_)) => return Err(WaiterError::FailureState),
            (Some(Acceptance::Failure), _) => return Err(WaiterError::FailureState),
            (None, Err(e)) => return Err(WaiterError::Operation(e)),
            (Some(Acceptance::Retry) | None, _) => {}
        }
        if n < config.max_attempts {
            tokio::time::sleep(config.delay).await;
        }
    }
    Err(WaiterError::MaxAttemptsExceeded { attempts: config.max_attempts })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// An input with two markers, as S3's ListObjectVersions has.
    #[derive(Debug, Clone, Default, PartialEq)]
    struct Input {
        key: Option<String>,
        version: Option<String>,
    }

    type Token = (Option<String>, Option<String>);

    /// An operation error that a paging error converts into.
    #[derive(Debug)]
    struct Failure(ResponseError);

    impl From<ResponseError> for Failure {
        fn from(err: ResponseError) -> Self {
            Failure(err)
        }
    }

    #[tokio::test]
    async fn several_markers_page_together_and_stop_when_none_is_set() {
        // Each page: its items and the markers it returns.
        let pages: Vec<(Vec<u32>, Token)> = vec![
            (vec![1, 2], (Some("k1".into()), Some("v1".into()))),
            (vec![3], (Some("k2".into()), None)),
            (vec![4], (None, None)),
            (vec![99], (None, None)),
        ];
        let seen = Mutex::new(Vec::new());
        let fetch = |input: Input| {
            let mut seen = seen.lock().unwrap();
            let page = pages[seen.len()].clone();
            seen.push(input);
            Box::pin(async move { Ok::<_, Failure>(page) }) as BoxFuture<'_, _>
        };
        let pages = Pages::new(
            Input::default(),
            fetch,
            |page: &(Vec<u32>, Token)| {
                let token = page.1.clone();
                (token.0.is_some() || token.1.is_some()).then_some(token)
            },
            |input: &mut Input, token: Token| {
                input.key = token.0;
                input.version = token.1;
            },
        );
        let items = Items::new(pages, |page| page.0).collect_items().await.unwrap();
        assert_eq!(items, [1, 2, 3, 4]);
        // A marker the last page did not return is unset in the next input.
        let inputs = seen.lock().unwrap().clone();
        assert_eq!(
            inputs,
            [
                Input::default(),
                Input { key: Some("k1".into()), version: Some("v1".into()) },
                Input { key: Some("k2".into()), version: None },
            ]
        );
    }

    #[tokio::test]
    async fn a_repeated_token_is_an_error_not_a_silent_end() {
        let calls = Mutex::new(0);
        let fetch = |_: ()| {
            *calls.lock().unwrap() += 1;
            Box::pin(async { Ok::<_, Failure>("same".to_string()) }) as BoxFuture<'_, _>
        };
        let mut pages = Pages::new((), fetch, |page: &String| Some(page.clone()), |_, _: String| {});
        assert_eq!(pages.next_page().await.unwrap().unwrap(), "same");
        let Failure(err) = pages.next_page().await.unwrap().unwrap_err();
        assert_eq!(err.kind(), &crate::error::ResponseErrorKind::RepeatedToken { token: "\"same\"".into() });
        assert!(pages.next_page().await.is_none());
        assert_eq!(*calls.lock().unwrap(), 2);
    }
}
