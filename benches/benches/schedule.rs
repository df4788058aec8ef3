//! Schedule queries: `schedule` against `opening-hours` 2.1.4 (the OSM
//! `opening_hours` evaluator, given the same chrono-tz zone through its
//! `TzLocation`) and a floor that only converts each instant to Berlin
//! local time with chrono-tz.
//!
//! Schedules, all in Europe/Berlin, each with its OSM equivalent:
//! - `weekdays`: Mo–Fr 09:00–17:00 (`Mo-Fr 09:00-17:00`).
//! - `lunch_sat`: Mo–Fr 08:00–12:00 and 13:00–17:00, Sa 10:00–14:00.
//! - `nights`: every day 22:00–06:00, past midnight.
//! - `holidays`: `weekdays` plus 20 dated exceptions over 2026–2027
//!   (public holidays closed, a few early closes), one of each kind in the
//!   benchmark week.
//!
//! The 16 instants lie in the week of Monday 2026-11-16 (working hours,
//! boundaries, lunch, nights, the weekend); every function runs all 16,
//! and the throughput is queries/s. Groups: `at` (ours: `Schedule::at`;
//! peer: `is_open`), `next_change`, and `week` (the intervals of the 7
//! days from the instant: ours `Schedule::calendar`, peer `iter_range`,
//! each collected into a `Vec`). The peer takes a `DateTime<Tz>`, so its
//! timings include converting each UTC instant to the zone: `tz_only` is
//! that cost alone.
//!
//! Before timing, the two crates are checked against each other: open or
//! closed at every instant, the next change, and the week's intervals.
//!
//! Two more groups time the questions hosts ask most, each against the
//! loop a host writes over `next_change` without them (checked to agree
//! first): `next_begin` (when does "Working time" next begin, and until
//! when: `Schedule::next_begin`) and `send_window` (is sending allowed in
//! "Working time" now, and if not from when; until when:
//! `Schedule::next_allowed`).

use std::hint::black_box;
use std::time::Duration;

use business_hours::{Entry, Schedule, WORKING_TIME};
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, TimeZone, Utc};
use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion,
    Throughput,
};
use opening_hours::localization::TzLocation;
use opening_hours::{Context, OpeningHours, RuleKind};

/// The instants, UTC (Berlin is UTC+1 in November): (day, hour, minute)
/// in November 2026, with the local time.
const INSTANTS: [(u32, u32, u32); 16] = [
    (15, 23, 30), // Mon 00:30, night
    (16, 7, 30),  // Mon 08:30, before 09:00
    (16, 11, 30), // Mon 12:30, lunch
    (16, 16, 0),  // Mon 17:00, closing time
    (17, 8, 0),   // Tue 09:00, opening time
    (17, 11, 0),  // Tue 12:00, lunch starts
    (17, 22, 0),  // Tue 23:00, night
    (18, 9, 0),   // Wed 10:00, holiday in `holidays`
    (18, 12, 15), // Wed 13:15
    (19, 4, 59),  // Thu 05:59, end of the night
    (19, 5, 0),   // Thu 06:00
    (20, 12, 30), // Fri 13:30, after the early close in `holidays`
    (20, 20, 59), // Fri 21:59
    (21, 10, 0),  // Sat 11:00
    (21, 21, 30), // Sat 22:30
    (22, 11, 0),  // Sun 12:00
];

const ZONE: &str = "Europe/Berlin";

/// A local range, `from` and `to` (`HH:MM`).
type Hours = (&'static str, &'static str);

/// Weekdays (lowercase names) and their ranges.
type Days<'a> = (&'a [&'a str], &'a [Hours]);

/// The dated exceptions of `holidays`: first and last date, and the
/// early close's hours (closed all day when `None`).
const EXCEPTIONS: [(&str, &str, Option<Hours>); 20] = [
    ("2026-01-01", "2026-01-01", None),
    ("2026-04-03", "2026-04-03", None),
    ("2026-04-06", "2026-04-06", None),
    ("2026-05-01", "2026-05-01", None),
    ("2026-05-14", "2026-05-14", None),
    ("2026-05-25", "2026-05-25", None),
    ("2026-10-03", "2026-10-03", None),
    ("2026-11-18", "2026-11-18", None),
    ("2026-11-20", "2026-11-20", Some(("09:00", "13:00"))),
    ("2026-12-24", "2026-12-24", Some(("09:00", "12:00"))),
    ("2026-12-25", "2026-12-26", None),
    ("2026-12-31", "2026-12-31", Some(("09:00", "12:00"))),
    ("2027-01-01", "2027-01-01", None),
    ("2027-03-26", "2027-03-26", None),
    ("2027-03-29", "2027-03-29", None),
    ("2027-05-06", "2027-05-06", None),
    ("2027-05-17", "2027-05-17", None),
    ("2027-12-24", "2027-12-24", Some(("09:00", "12:00"))),
    ("2027-12-25", "2027-12-26", None),
    ("2027-12-31", "2027-12-31", Some(("09:00", "12:00"))),
];

/// One schedule in both forms.
struct Case {
    name: &'static str,
    ours: Schedule,
    osm: String,
}

/// The JSON of a weekly schedule: `days` (lowercase names) get `ranges`.
fn week_json(days: &[Days<'_>], exceptions: &str) -> String {
    let mut week = Vec::new();
    for (names, ranges) in days {
        let ranges: Vec<String> = ranges
            .iter()
            .map(|(f, t)| format!(r#"{{ "from": "{f}", "to": "{t}" }}"#))
            .collect();
        for name in *names {
            week.push(format!(r#""{name}": [{}]"#, ranges.join(", ")));
        }
    }
    format!(
        r#"{{ "time_zone": "{ZONE}", "week": {{ {} }}, "exceptions": [{}] }}"#,
        week.join(", "),
        exceptions
    )
}

const WEEKDAYS: &[&str] =
    &["monday", "tuesday", "wednesday", "thursday", "friday"];
const ALL_DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn date(s: &str) -> NaiveDate {
    s.parse().expect("valid date")
}

/// The exceptions as JSON and as OSM rules (`; 2026 Dec 25-26 off`).
fn exceptions() -> (String, String) {
    let mut json = Vec::new();
    let mut osm = String::new();
    for (from, to, hours) in EXCEPTIONS {
        let ranges = match hours {
            Some((f, t)) => format!(r#"{{ "from": "{f}", "to": "{t}" }}"#),
            None => String::new(),
        };
        json.push(format!(
            r#"{{ "from": "{from}", "to": "{to}", "ranges": [{ranges}] }}"#
        ));
        let (first, last) = (date(from), date(to));
        assert_eq!(first.month(), last.month(), "one month per exception");
        osm.push_str(&format!("; {}", first.format("%Y %b %d")));
        if last != first {
            osm.push_str(&format!("-{:02}", last.day()));
        }
        match hours {
            Some((f, t)) => osm.push_str(&format!(" {f}-{t}")),
            None => osm.push_str(" off"),
        }
    }
    (json.join(", "), osm)
}

fn cases() -> Vec<Case> {
    let nine_five: &[Hours] = &[("09:00", "17:00")];
    let (exc_json, exc_osm) = exceptions();
    let build = |name: &'static str, json: String, osm: &str| {
        let ours = Schedule::from_json(&json)
            .unwrap_or_else(|e| panic!("setup: schedule {name}: {e}\n{json}"));
        Case { name, ours, osm: osm.to_string() }
    };
    vec![
        build(
            "weekdays",
            week_json(&[(WEEKDAYS, nine_five)], ""),
            "Mo-Fr 09:00-17:00",
        ),
        build(
            "lunch_sat",
            week_json(
                &[
                    (WEEKDAYS, &[("08:00", "12:00"), ("13:00", "17:00")]),
                    (&["saturday"], &[("10:00", "14:00")]),
                ],
                "",
            ),
            "Mo-Fr 08:00-12:00,13:00-17:00; Sa 10:00-14:00",
        ),
        build(
            "nights",
            week_json(&[(ALL_DAYS, &[("22:00", "06:00")])], ""),
            "Mo-Su 22:00-06:00",
        ),
        build(
            "holidays",
            week_json(&[(WEEKDAYS, nine_five)], &exc_json),
            &format!("Mo-Fr 09:00-17:00{exc_osm}"),
        ),
    ]
}

/// The peer's expression, evaluated in `tz`.
fn peer<Z>(case: &Case, tz: Z) -> OpeningHours<TzLocation<Z>>
where
    Z: TimeZone + Send + Sync,
    Z::Offset: Send + Sync,
{
    let oh: OpeningHours = case.osm.parse().unwrap_or_else(|e| {
        panic!("setup: opening_hours {}: {e}: {}", case.name, case.osm)
    });
    oh.with_context(Context::default().with_locale(TzLocation::new(tz)))
}

/// One interval of a week, as both crates can give it: start, end, open.
type Interval = (DateTime<Utc>, DateTime<Utc>, bool);

/// Our calendar of the 7 days from `t`, collected. (`extend` takes the
/// entries whether `calendar` returns them as an iterator or a `Vec`.)
fn ours_calendar(s: &Schedule, t: DateTime<Utc>) -> Vec<Entry<'_>> {
    let mut entries = Vec::new();
    entries.extend(s.calendar(t, t + TimeDelta::days(7)));
    entries
}

fn ours_week(s: &Schedule, t: DateTime<Utc>) -> Vec<Interval> {
    ours_calendar(s, t)
        .iter()
        .map(|e| (e.start(), e.end(), e.interval() == WORKING_TIME))
        .collect()
}

fn peer_week<Z>(
    oh: &OpeningHours<TzLocation<Z>>,
    tz: &Z,
    t: DateTime<Utc>,
) -> Vec<Interval>
where
    Z: TimeZone + Send + Sync,
    Z::Offset: Send + Sync,
{
    let local = t.with_timezone(tz);
    oh.iter_range(local.clone(), local + TimeDelta::days(7))
        .map(|r| {
            (
                r.range.start.with_timezone(&Utc),
                r.range.end.with_timezone(&Utc),
                r.kind == RuleKind::Open,
            )
        })
        .collect()
}

/// Counts and prints where the two crates disagree on one schedule.
fn check_agreement<Z>(
    case: &Case,
    oh: &OpeningHours<TzLocation<Z>>,
    tz: &Z,
    instants: &[DateTime<Utc>],
) where
    Z: TimeZone + Send + Sync,
    Z::Offset: Send + Sync,
{
    let s = &case.ours;
    let (mut open, mut at, mut next, mut week) = (0, 0, 0, 0);
    let mut examples = Vec::new();
    for &t in instants {
        let local = t.with_timezone(tz);
        let ours_open = s.at(t).interval() == WORKING_TIME;
        let peer_open = oh.is_open(local.clone());
        open += usize::from(ours_open);
        if ours_open != peer_open {
            at += 1;
            examples.push(format!(
                "at {t}: ours open={ours_open}, opening_hours \
                 open={peer_open}"
            ));
        }
        let ours_next = s.next_change(t).map(|c| c.at());
        let peer_next = oh.next_change(local).map(|d| d.with_timezone(&Utc));
        if ours_next != peer_next {
            next += 1;
            examples.push(format!(
                "next_change {t}: ours {ours_next:?}, opening_hours \
                 {peer_next:?}"
            ));
        }
        let (ours_w, peer_w) = (ours_week(s, t), peer_week(oh, tz, t));
        if ours_w != peer_w {
            week += 1;
            examples.push(format!(
                "week {t}: ours {} intervals, opening_hours {}; first \
                 difference {:?}",
                ours_w.len(),
                peer_w.len(),
                ours_w.iter().zip(&peer_w).find(|(a, b)| a != b)
            ));
        }
    }
    let n = instants.len();
    eprintln!(
        "{}: open at {open} of {n} instants; disagreements: at {at}, \
         next_change {next}, week {week} (of {n})",
        case.name
    );
    for e in examples.iter().take(3) {
        eprintln!("  {e}");
    }
}

fn configure(group: &mut BenchmarkGroup<'_, WallTime>, n: usize) {
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .throughput(Throughput::Elements(n as u64));
}

fn benches(c: &mut Criterion) {
    let instants: Vec<DateTime<Utc>> = INSTANTS
        .iter()
        .map(|&(d, h, m)| {
            Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).single().expect("UTC")
        })
        .collect();
    let cases = cases();
    // The chrono-tz zone, as our schedule resolved it.
    let tz = cases[0].ours.time_zone();
    assert_eq!(tz.to_string(), ZONE);
    let peers: Vec<_> = cases.iter().map(|case| peer(case, tz)).collect();
    for (case, oh) in cases.iter().zip(&peers) {
        check_agreement(case, oh, &tz, &instants);
    }
    let n = instants.len();
    let instants = instants.as_slice();

    let mut group = c.benchmark_group("at");
    configure(&mut group, n);
    for (case, oh) in cases.iter().zip(&peers) {
        let s = &case.ours;
        group.bench_function(BenchmarkId::new("ours", case.name), |b| {
            b.iter(|| {
                for &t in black_box(instants) {
                    black_box(s.at(t));
                }
            });
        });
        group.bench_function(
            BenchmarkId::new("opening_hours", case.name),
            |b| {
                b.iter(|| {
                    for &t in black_box(instants) {
                        black_box(oh.is_open(t.with_timezone(&tz)));
                    }
                });
            },
        );
    }
    bench_tz_only(&mut group, &tz, instants);
    group.finish();

    let mut group = c.benchmark_group("next_change");
    configure(&mut group, n);
    for (case, oh) in cases.iter().zip(&peers) {
        let s = &case.ours;
        group.bench_function(BenchmarkId::new("ours", case.name), |b| {
            b.iter(|| {
                for &t in black_box(instants) {
                    black_box(s.next_change(t));
                }
            });
        });
        group.bench_function(
            BenchmarkId::new("opening_hours", case.name),
            |b| {
                b.iter(|| {
                    for &t in black_box(instants) {
                        black_box(oh.next_change(t.with_timezone(&tz)));
                    }
                });
            },
        );
    }
    bench_tz_only(&mut group, &tz, instants);
    group.finish();

    let mut group = c.benchmark_group("week");
    configure(&mut group, n);
    let week = TimeDelta::days(7);
    for (case, oh) in cases.iter().zip(&peers) {
        let s = &case.ours;
        group.bench_function(BenchmarkId::new("ours", case.name), |b| {
            b.iter(|| {
                for &t in black_box(instants) {
                    black_box(ours_calendar(s, t));
                }
            });
        });
        group.bench_function(
            BenchmarkId::new("opening_hours", case.name),
            |b| {
                b.iter(|| {
                    for &t in black_box(instants) {
                        let local = t.with_timezone(&tz);
                        let v: Vec<_> =
                            oh.iter_range(local, local + week).collect();
                        black_box(v);
                    }
                });
            },
        );
    }
    bench_tz_only(&mut group, &tz, instants);
    group.finish();

    for case in &cases {
        check_host_queries(case, instants);
    }
    bench_host_queries(c, &cases, instants);
}

/// When `name` next begins after `t` and until when, by the loop a host
/// writes over `next_change` (at most 2000 changes).
fn host_next_begin(
    s: &Schedule,
    name: &str,
    t: DateTime<Utc>,
) -> Option<(DateTime<Utc>, Option<DateTime<Utc>>)> {
    let mut at = t;
    for _ in 0..2_000 {
        let c = s.next_change(at)?;
        if c.to() == name {
            return Some((c.at(), s.next_change(c.at()).map(|c| c.at())));
        }
        at = c.at();
    }
    None
}

/// Sending allowed in `name`: from when (`t` if now) and until when, by
/// the host's loop.
fn host_send_window(
    s: &Schedule,
    name: &str,
    t: DateTime<Utc>,
) -> Option<(DateTime<Utc>, Option<DateTime<Utc>>)> {
    let state = s.at(t);
    if state.interval() == name {
        return Some((t, state.until()));
    }
    host_next_begin(s, name, t)
}

/// The host's loops and the crate's queries agree on every instant.
fn check_host_queries(case: &Case, instants: &[DateTime<Utc>]) {
    let s = &case.ours;
    for &t in instants {
        let ours = s.next_begin(WORKING_TIME, t).map(|p| (p.start(), p.end()));
        assert_eq!(
            ours,
            host_next_begin(s, WORKING_TIME, t),
            "{} {t}",
            case.name
        );
        let ours =
            s.next_allowed(&[WORKING_TIME], t).map(|p| (p.start(), p.end()));
        assert_eq!(
            ours,
            host_send_window(s, WORKING_TIME, t),
            "{} {t}",
            case.name
        );
    }
}

fn bench_host_queries(
    c: &mut Criterion,
    cases: &[Case],
    instants: &[DateTime<Utc>],
) {
    let n = instants.len();
    let mut group = c.benchmark_group("next_begin");
    configure(&mut group, n);
    for case in cases {
        let s = &case.ours;
        group.bench_function(BenchmarkId::new("ours", case.name), |b| {
            b.iter(|| {
                for &t in black_box(instants) {
                    black_box(s.next_begin(WORKING_TIME, t));
                }
            });
        });
        group.bench_function(BenchmarkId::new("host_loop", case.name), |b| {
            b.iter(|| {
                for &t in black_box(instants) {
                    black_box(host_next_begin(s, WORKING_TIME, t));
                }
            });
        });
    }
    group.finish();
    let mut group = c.benchmark_group("send_window");
    configure(&mut group, n);
    for case in cases {
        let s = &case.ours;
        group.bench_function(BenchmarkId::new("ours", case.name), |b| {
            b.iter(|| {
                for &t in black_box(instants) {
                    black_box(s.next_allowed(&[WORKING_TIME], t));
                }
            });
        });
        group.bench_function(BenchmarkId::new("host_loop", case.name), |b| {
            b.iter(|| {
                for &t in black_box(instants) {
                    black_box(host_send_window(s, WORKING_TIME, t));
                }
            });
        });
    }
    group.finish();
}

/// The floor: each instant to Berlin local time, nothing else.
fn bench_tz_only<Z: TimeZone>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    tz: &Z,
    instants: &[DateTime<Utc>],
) {
    group.bench_function("tz_only", |b| {
        b.iter(|| {
            for &t in black_box(instants) {
                black_box(t.with_timezone(tz).naive_local());
            }
        });
    });
}

criterion_group!(schedule_benches, benches);
criterion_main!(schedule_benches);
