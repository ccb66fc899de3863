//! The one cancellable task of the app: a load, a write or a file read runs as a [`Task`],
//! and ends when its owner drops it (Forget token, another Load, the demo, leaving a page).

use futures::future::{abortable, AbortHandle};

/// A running task. Dropping it stops the task where it is and drops its requests, which
/// aborts them.
#[derive(Debug)]
pub(crate) struct Task(AbortHandle);

impl Task {
    /// Runs `task` until it ends or the returned handle is dropped.
    pub(crate) fn spawn(task: impl std::future::Future<Output = ()> + 'static) -> Self {
        let (task, handle) = abortable(task);
        leptos::task::spawn_local(async move {
            let _ = task.await;
        });
        Self(handle)
    }
}

impl Drop for Task {
    fn drop(&mut self) {
        self.0.abort();
    }
}
