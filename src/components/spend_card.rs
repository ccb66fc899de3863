//! "Spend this month": billed seats and AI credits, the credit pool, and the month's projection.

use leptos::prelude::*;
use seat_core::money::Cents;
use seat_core::spend::{credits, pace, Spend};

use seat_core::status::SpendState;

/// "Spend this month": what GitHub billed so far (seats and AI credits), the credits used
/// against the pool, and where the month is heading. Billed money and estimates are labelled
/// as such; when GitHub cannot tell, one sentence says why instead of any figure.
#[component]
pub(crate) fn SpendCard(
    /// Whether the bill was asked, answered or refused.
    #[prop(into)]
    state: Signal<SpendState>,
    /// The month's figures, once the bill and the seat count are known.
    #[prop(into)]
    spend: Signal<Option<Spend>>,
    /// Seats × price per seat (the seat estimate).
    #[prop(into)]
    seat_estimate: Signal<Option<Cents>>,
) -> impl IntoView {
    let figures = move |s: Spend| {
        let with_usage = seat_estimate.get().map(|e| e + s.projected_overage);
        let mut split = format!("seats {} · AI credits {}", s.billed_seats, s.billed_credits);
        if s.billed_other > Cents::ZERO {
            split.push_str(&format!(" · other {}", s.billed_other));
        }
        let pace = pace(&s);
        view! {
            <dl class="figures">
                <div class="figure big"><dt>"Billed so far"</dt>
                    <dd>{s.billed.format(true)}<small class="muted">{format!("billed by GitHub: {split}")}</small></dd></div>
                <div class="figure"><dt>"AI credits used"</dt><dd>{credits(s.credits_used)}</dd></div>
                <div class="figure"><dt>"Included AI credits"</dt>
                    <dd>{credits(s.included_credits)}<small class="muted">"seats × the plan's monthly pool"</small></dd></div>
                <div class="figure"><dt>"Estimated monthly cost with usage"</dt>
                    <dd>{with_usage.map_or_else(|| "—".to_string(), |c| c.to_string())}
                        <small class="muted">{format!("estimate: seats × price + {} projected AI credit overage", s.projected_overage)}</small></dd></div>
            </dl>
            <p class="hint-text">{pace}</p>
        }
    };
    view! {
        <section class="card spend" aria-labelledby="spend-heading">
            <h2 id="spend-heading">"Spend this month"</h2>
            {move || match (state.get(), spend.get()) {
                (SpendState::Unavailable(why), _) => view! { <p class="note-box" role="note">{why}</p> }.into_any(),
                (SpendState::Ready(_), Some(s)) => figures(s).into_any(),
                _ => view! { <p class="muted" aria-busy="true">"Reading this month's bill from GitHub…"</p> }.into_any(),
            }}
        </section>
    }
}
