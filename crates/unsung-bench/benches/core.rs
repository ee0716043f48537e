//! The domain alone, in memory: the year's figures and its story from data already read, so
//! the store's share of the time (benches/store.rs) can be told apart from the core's.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;
use unsung_bench::year;
use unsung_core::locale::Lang;
use unsung_core::period::PeriodUnit;
use unsung_core::story::{self, Audience, PeriodData, StoryRequest};
use unsung_core::working_hours::WorkingHours;

fn core(c: &mut Criterion) {
    let mut data = year::dataset();
    data.thanks = year::notes();
    let tz = chrono_tz::UTC;
    let hours = WorkingHours::default();
    let request = StoryRequest {
        lang: Lang::En,
        audience: Audience::Family,
        range: year::range(),
        unit: PeriodUnit::of(year::range(), tz),
        tz,
        now: year::end(),
        working_hours: &hours,
    };
    let current = PeriodData::from_dataset(&data, request.told_range());
    let previous = PeriodData::from_dataset(&data, request.previous_range());

    let mut group = c.benchmark_group("core");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    group.bench_function("stats_year", |b| {
        b.iter(|| black_box(current.report(year::range(), tz, &hours, year::end())))
    });
    group.bench_function("story_year", |b| {
        b.iter(|| black_box(story::tell(&current, Some(&previous), &request)))
    });
    group.finish();
}

criterion_group!(benches, core);
criterion_main!(benches);
