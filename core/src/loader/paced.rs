//! A request waits for room in the token's points budget ([`crate::pacing::Pacer`]) and holds
//! a [`Permit`] until its answer arrives.

use crate::pacing::{pacing_message, Gate, Pacer, ANNOUNCE_MS};

use super::{Client, Clock, Event, Transport};

/// Points granted to a request in flight; dropping it (the answer arrived, or the request was
/// abandoned) starts their last window.
pub(crate) struct Permit<'a, C: Clock> {
    pacer: &'a Pacer,
    clock: &'a C,
    id: u64,
    sent_at: i64,
}

impl<C: Clock> Drop for Permit<'_, C> {
    fn drop(&mut self) {
        let now = self.clock.now_ms();
        let took = (now - self.sent_at).max(0) as u64;
        self.pacer.release(self.id, now, took);
    }
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Waits until the budget has room for `points`, and announces a wait longer than a second
    /// through `on_event`. Hold the permit until the answer arrives.
    pub(crate) async fn pace(&self, points: u32, on_event: &dyn Fn(Event)) -> Permit<'_, C> {
        loop {
            let now = self.clock.now_ms();
            let wait = match self.pacer.try_acquire(now, points) {
                Gate::Go(id) => {
                    return Permit {
                        pacer: &self.pacer,
                        clock: &self.clock,
                        id,
                        sent_at: now,
                    }
                }
                Gate::Held(ms) => ms,
                Gate::Pacing(ms) => {
                    if ms >= ANNOUNCE_MS && self.pacer.announce(now + ms as i64) {
                        on_event(Event::Waiting {
                            seconds: ms.div_ceil(1000),
                            message: pacing_message(&self.pacer, ms),
                        });
                    }
                    ms
                }
            };
            self.clock.sleep(wait).await;
        }
    }
}
