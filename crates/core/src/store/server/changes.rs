//! Other windows learn that the record changed: every change on the server
//! is announced on one channel (`audited::CHANGES_CHANNEL`, from the audit
//! log's append, so a change made past the app is announced too), delivered
//! when it commits. A window listens on a connection of its own and
//! refreshes what it shows; its own changes are left out by the id of the
//! connection that made them.
//!
//! Blocking, like every store call: the window waits on a thread of its
//! own, never on the async runtime.

use super::{connect, unreachable, Login};
use crate::error::Result;
use crate::store::audited::CHANGES_CHANNEL;
use std::time::{Duration, Instant};

/// A connection that hears of changes.
pub struct Changes {
    client: postgres::Client,
    /// The server process of this app's own connection: its changes are
    /// already on screen.
    own: i32,
}

impl Changes {
    pub(crate) fn listen(login: &Login, own: i32) -> Result<Changes> {
        let mut client = connect(login, "listening for changes")?;
        client
            .batch_execute(&format!("LISTEN {CHANGES_CHANNEL}"))
            .map_err(|e| unreachable("listening for changes", e))?;
        Ok(Changes { client, own })
    }

    /// Waits up to `patience` for a change made by another connection:
    /// `true` when one came (and any more that came with it are taken too),
    /// `false` when none did. A lost connection is an error; the caller
    /// listens again.
    pub fn wait(&mut self, patience: Duration) -> Result<bool> {
        let deadline = Instant::now() + patience;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(false);
            }
            let next = {
                let mut notifications = self.client.notifications();
                let mut waiting = notifications.timeout_iter(left);
                postgres::fallible_iterator::FallibleIterator::next(&mut waiting)
                    .map_err(|e| unreachable("listening for changes", e))?
            };
            match next {
                None => return Ok(false),
                Some(note) if note.process_id() == self.own => continue,
                Some(_) => {
                    let mut notifications = self.client.notifications();
                    let mut pending = notifications.iter();
                    while postgres::fallible_iterator::FallibleIterator::next(&mut pending)
                        .map_err(|e| unreachable("listening for changes", e))?
                        .is_some()
                    {}
                    return Ok(true);
                }
            }
        }
    }
}
