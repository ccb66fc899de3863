//! Native micro-benchmarks of the hot paths at 100,000 seats: decode, sort, filter, reclaim,
//! charts, CSV.
//! Run with `cargo bench -p seat-core` (or `./dev bench`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use seat_core::charts;
use seat_core::filter::Filter;
use seat_core::generate::{self, OrgSpec, Plan};
use seat_core::models::{decode_seats_page, Seat};
use seat_core::money::Cents;
use seat_core::table::{filter_rows, sorted_order, Column, Direction, SeatIndex};

const SEATS: usize = 100_000;

/// Counts live heap bytes, to report what 100,000 decoded seats keep.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn spec() -> OrgSpec {
    OrgSpec {
        name: "bench".into(),
        seats: SEATS,
        seed: 7,
        plan: Plan::Business,
        null_assignee: None,
        now: Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap(),
    }
}

/// 100,000 seats as GitHub sends them: 1,000 pages of 100.
fn pages() -> Vec<String> {
    let spec = spec();
    (1..=SEATS / 100)
        .map(|p| generate::seats_page_json(&spec, p, 100).to_string())
        .collect()
}

fn decode_all(pages: &[String]) -> Vec<Seat> {
    pages
        .iter()
        .flat_map(|p| decode_seats_page(p).unwrap().seats)
        .collect()
}

fn benches(c: &mut Criterion) {
    let pages = pages();
    let bytes: usize = pages.iter().map(String::len).sum();
    eprintln!("100,000 seats = {:.1} MB of JSON", bytes as f64 / 1e6);
    let mut group = c.benchmark_group("100k");
    group.sample_size(10);
    group.bench_function("decode", |b| b.iter(|| decode_all(&pages)));
    let before = LIVE.load(Ordering::Relaxed);
    let seats = decode_all(&pages);
    let held = LIVE.load(Ordering::Relaxed) - before;
    eprintln!("100,000 decoded seats hold {:.1} MB", held as f64 / 1e6);
    let _ = std::fs::create_dir_all("../target/criterion");
    let _ = std::fs::write(
        "../target/criterion/seats-memory-bytes.txt",
        held.to_string(),
    );
    group.bench_function("index", |b| b.iter(|| SeatIndex::new(&seats)));
    let index = SeatIndex::new(&seats);
    for column in [
        Column::User,
        Column::LastActivity,
        Column::Editor,
        Column::Team,
    ] {
        group.bench_function(format!("sort {}", column.key()), |b| {
            b.iter(|| sorted_order(&seats, &index, column, Direction::Asc))
        });
    }
    let order = sorted_order(&seats, &index, Column::LastActivity, Direction::Asc);
    let now = spec().now;
    group.bench_function("filter search", |b| {
        b.iter(|| filter_rows(&seats, &index, &order, "an", Filter::All, now))
    });
    let rules = seat_core::reclaim::ReclaimRules::default();
    group.bench_function("reclaim summary", |b| {
        b.iter(|| seat_core::reclaim::summarize(&seats, rules, Cents(1900), now))
    });
    group.bench_function("reclaim rows", |b| {
        b.iter(|| seat_core::reclaim::reclaimable_rows(&seats, &order, rules, now))
    });
    group.bench_function("filter reclaimable", |b| {
        b.iter(|| filter_rows(&seats, &index, &order, "", Filter::Reclaimable(rules), now))
    });
    group.bench_function("chart activity", |b| {
        b.iter(|| charts::activity_buckets(&seats, now))
    });
    group.bench_function("chart editors", |b| {
        b.iter(|| charts::editor_buckets(&seats))
    });
    group.bench_function("chart teams", |b| b.iter(|| charts::team_buckets(&seats)));
    group.bench_function("csv", |b| {
        b.iter_batched(
            || (),
            |()| seat_core::report::write_report(&seats, &order, now).unwrap(),
            BatchSize::LargeInput,
        )
    });
    // Reports read back (issue 15): a 100,000-row report, and comparing two of them.
    let report = seat_core::report::write_report(&seats, &order, now).unwrap();
    group.bench_function("report read", |b| {
        b.iter(|| seat_core::report_read::read_report(&report, usize::MAX).unwrap())
    });
    let earlier_time = now - chrono::Duration::days(30);
    group.bench_function("report compare", |b| {
        b.iter(|| seat_core::compare::compare(&seats, now, &seats[5_000..], earlier_time))
    });
    group.finish();
}

/// An enterprise of 100,000 people listed as 130,000 seat objects (issue 14): one row per person.
fn enterprise(c: &mut Criterion) {
    use seat_core::generate::enterprise::{enterprise_seat_json, EnterpriseSpec, Pattern};
    let spec = EnterpriseSpec {
        name: "bench-enterprise".into(),
        people: SEATS,
        organizations: (0..8)
            .map(|i| {
                let plan = if i % 4 == 3 {
                    Plan::Enterprise
                } else {
                    Plan::Business
                };
                (format!("bench-org-{i}"), plan)
            })
            .collect(),
        pattern: Pattern {
            direct: 10,
            second_org: 2,
            enterprise_team: 1,
        },
        null_assignee: Some(7),
        now: spec().now,
    };
    let objects: Vec<Seat> = (0..spec.objects())
        .map(|k| serde_json::from_value(enterprise_seat_json(&spec, k)).unwrap())
        .collect();
    eprintln!("{} seat objects for {} people", objects.len(), spec.people);
    let before = LIVE.load(Ordering::Relaxed);
    let people = seat_core::enterprise::people(objects.clone());
    let held = LIVE.load(Ordering::Relaxed) - before;
    assert_eq!(people.len(), SEATS);
    eprintln!("100,000 people hold {:.1} MB", held as f64 / 1e6);
    let mut group = c.benchmark_group("enterprise 130k");
    group.sample_size(10);
    group.bench_function("people", |b| {
        b.iter_batched(
            || objects.clone(),
            seat_core::enterprise::people,
            BatchSize::LargeInput,
        )
    });
    let rules = seat_core::reclaim::ReclaimRules::default();
    group.bench_function("summary", |b| {
        b.iter(|| {
            seat_core::enterprise::summarize(
                people.seats(),
                rules,
                spec.now,
                seat_core::overview::default_price,
            )
        })
    });
    group.finish();
}

criterion_group!(core, benches, enterprise);
criterion_main!(core);
