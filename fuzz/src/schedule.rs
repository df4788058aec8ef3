//! The `schedule` target: business hours against a naive minute walk.
//!
//! The model here knows only the documented rules: a range belongs to the
//! date it starts on (a range whose end is at or before its start runs
//! past midnight), a dated exception replaces the ranges of its dates,
//! time no range covers is "Non-working time", and a boundary (a local
//! time on a local date) is the earliest instant whose wall-clock time
//! in the zone (read from chrono-tz directly) is at or after it. It walks
//! every minute of a few days and compares what it sees with `at`,
//! `next_change`, `next_begin`, `next_allowed`, `calendar` and
//! `calendar_dates`.

use std::collections::HashMap;

use business_hours::{
    Exception, Mode, Schedule, ScheduleConfig, Source, TimeRange,
};
use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime,
    TimeZone, Utc, Weekday,
};
use chrono_tz::Tz;

const WORKING: &str = "Working time";
const NON_WORKING: &str = "Non-working time";

/// Zones with the awkward cases: 30-minute and 45-minute offsets and
/// shifts, transitions at midnight, a skipped day, negative DST.
const ZONES: [&str; 12] = [
    "UTC",
    "Europe/Warsaw",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Africa/Cairo",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "America/New_York",
    "Pacific/Apia",
    "Europe/Dublin",
    "America/St_Johns",
    "Asia/Tehran",
];

/// Local times around the usual transition hours and midnight.
const CLOCKS: [u16; 12] =
    [0, 60, 90, 120, 150, 180, 210, 720, 1380, 1410, 1439, 1440];

/// Range lengths in minutes: around the transitions and whole days.
const LENGTHS: [u16; 10] = [1, 30, 60, 90, 120, 180, 480, 720, 1380, 1439];

/// Days of the year a few days before zones change their clocks
/// (March, April, September, October, November, the year's end).
const DST_DAYS: [u32; 9] = [63, 82, 91, 245, 266, 294, 302, 1, 358];

const EXTRA: [&str; 3] = ["Lunch break", "Night", "Ünïcode"];

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// Bytes read one at a time; zeros once used up.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn next(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    fn minutes(&mut self) -> u16 {
        let b = self.next();
        if b & 0x80 == 0 {
            CLOCKS[usize::from(b) % CLOCKS.len()]
        } else {
            (u16::from(b & 0x7F) * 12).min(1440)
        }
    }

    fn length(&mut self) -> u16 {
        let b = self.next();
        if b & 0x80 == 0 {
            LENGTHS[usize::from(b) % LENGTHS.len()]
        } else {
            u16::from(b & 0x7F) * 11 + 1
        }
    }

    fn name<'n>(&mut self, names: &[&'n str]) -> &'n str {
        names[usize::from(self.next()) % names.len()]
    }

    /// Up to three ranges of a day that do not overlap, starting at or
    /// after `floor` minutes; the last may run past midnight (when
    /// `spill_cap` allows) up to `spill_cap` minutes into the next day.
    /// Returns the ranges and how far into the next day the last runs.
    fn day(
        &mut self,
        names: &[&str],
        floor: u16,
        spill_cap: u16,
    ) -> (Vec<TimeRange>, u16) {
        let mut out = Vec::new();
        let mut floor = floor;
        for _ in 0..self.next() % 4 {
            let start = self.minutes().max(floor);
            if start >= 1440 {
                break;
            }
            let end = (start + self.length().min(1439)).min(1440 + spill_cap);
            if end <= start {
                break;
            }
            let name = self.name(names);
            let to = if end > 1440 { end - 1440 } else { end };
            out.push(range(start, to, name));
            if end > 1440 {
                return (out, end - 1440);
            }
            floor = end;
        }
        (out, 0)
    }
}

fn clock(minutes: u16) -> business_hours::Clock {
    match business_hours::Clock::new(
        (minutes / 60) as u8,
        (minutes % 60) as u8,
    ) {
        Ok(c) => c,
        Err(e) => panic!("{minutes} minutes refused: {e}"),
    }
}

fn range(from: u16, to: u16, name: &str) -> TimeRange {
    if name == WORKING {
        TimeRange::working(clock(from), clock(to))
    } else {
        TimeRange::new(clock(from), clock(to), name)
    }
}

/// A schedule built through the public constructors, an instant and the
/// date it is near.
fn build(b: &mut Bytes<'_>) -> (ScheduleConfig, DateTime<Utc>) {
    let flags = b.next();
    let zone = ZONES[usize::from(b.next()) % ZONES.len()];
    let mut config = ScheduleConfig::new(zone);
    if flags & 0x0F == 0x0F {
        config = config.mode(Mode::RoundTheClock);
    }
    let extras = usize::from(flags >> 4) % 4;
    let mut names = vec![WORKING, NON_WORKING];
    for name in &EXTRA[..extras] {
        config = config.interval(*name);
        names.push(name);
    }
    // An unknown interval name, now and then, to exercise refusals.
    if flags & 0xC0 == 0xC0 {
        names.push("Nobody's");
    }
    let mut days = Vec::new();
    let mut spill = 0;
    let mut most = 0;
    for (k, _) in WEEKDAYS.iter().enumerate() {
        // Sunday's last range may not run into Monday's first.
        let cap = if k == 6 {
            days.first()
                .and_then(|d: &Vec<TimeRange>| d.first())
                .map_or(1440, |r| r.from.minutes())
        } else {
            1440
        };
        let (ranges, s) = b.day(&names, spill, cap);
        days.push(ranges);
        spill = s;
        most = most.max(s);
    }
    for (wd, ranges) in WEEKDAYS.into_iter().zip(days) {
        for r in ranges {
            config = config.range(wd, r);
        }
    }
    let year = 2020 + i32::from(b.next() % 12);
    let d = b.next();
    let day = if d & 0x80 == 0 {
        u32::from(d) * 3 % 365 + 1
    } else {
        // Near the days zones change their clocks.
        DST_DAYS[usize::from(d) % DST_DAYS.len()] + u32::from(d >> 4 & 7)
    };
    let base = NaiveDate::from_yo_opt(year, day).unwrap_or_default();
    let mut from = base + Duration::days(i64::from(b.next() as i8 % 8));
    for _ in 0..b.next() % 4 {
        let mut e = Exception::closed(from);
        let len = b.next();
        let last = from + Duration::days(i64::from(len % 3));
        if last > from {
            e = e.until(last);
        }
        if len & 0x80 != 0 {
            e = e.name("Holiday");
        }
        // No range runs past midnight, and none starts before the
        // weekly plan's latest spill into the next day.
        for r in b.day(&names, most, 0).0 {
            e = e.range(r);
        }
        config = config.exception(e);
        from = last + Duration::days(1 + i64::from(len >> 6));
    }
    let minutes = i64::from(u16::from_le_bytes([b.next(), b.next()])) % 5760;
    let t = base.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
        + Duration::minutes(minutes - 1440)
        + Duration::seconds(i64::from(b.next() % 4) * 20);
    (config, t)
}

/// A resolved range: `[start, end)`, its interval and its source.
#[derive(Clone, Copy, Debug)]
struct Piece<'c> {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    interval: &'c str,
    source: Source,
}

/// The naive model of one schedule in its zone.
struct Model<'c> {
    config: &'c ScheduleConfig,
    tz: Tz,
    pieces: HashMap<NaiveDate, Vec<Piece<'c>>>,
}

impl<'c> Model<'c> {
    fn new(config: &'c ScheduleConfig, tz: Tz) -> Model<'c> {
        Model { config, tz, pieces: HashMap::new() }
    }

    fn local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        t.with_timezone(&self.tz).naive_local()
    }

    /// The earliest instant whose local wall-clock time is at or after
    /// `l`.
    fn resolve(&self, l: NaiveDateTime) -> DateTime<Utc> {
        match self.tz.from_local_datetime(&l) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(a, b) => {
                a.with_timezone(&Utc).min(b.with_timezone(&Utc))
            }
            LocalResult::None => {
                // In a gap: the first instant whose local time passes
                // `l`, by bisection over seconds (offsets are within
                // ±26 hours).
                let at = |s: i64| {
                    DateTime::<Utc>::from_timestamp(s, 0).unwrap_or_default()
                };
                let mut lo = l.and_utc().timestamp() - 27 * 3600;
                let mut hi = l.and_utc().timestamp() + 27 * 3600;
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if self.local(at(mid)) >= l {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                at(hi)
            }
        }
    }

    /// The ranges that start on `date`, and where they come from.
    fn ranges(
        &self,
        date: NaiveDate,
    ) -> (Vec<(usize, &'c TimeRange)>, Option<usize>) {
        for (k, e) in self.config.exceptions.iter().enumerate() {
            let last = e.to.unwrap_or(e.from);
            if e.from <= date && date <= last {
                return (e.ranges.iter().enumerate().collect(), Some(k));
            }
        }
        let week = self.config.week.day(date.weekday());
        (week.iter().enumerate().collect(), None)
    }

    fn pieces(&mut self, date: NaiveDate) -> &[Piece<'c>] {
        if !self.pieces.contains_key(&date) {
            let (ranges, exception) = self.ranges(date);
            let mut out = Vec::new();
            for (i, r) in ranges {
                let from = r.from.minutes();
                let mut to = r.to.minutes();
                if to <= from {
                    to += 1440;
                }
                let at = |m: u16| {
                    date.and_hms_opt(0, 0, 0).unwrap_or_default()
                        + Duration::minutes(i64::from(m))
                };
                let source = match exception {
                    Some(k) => {
                        Source::Exception { exception: k, date, range: i }
                    }
                    None => {
                        Source::Weekly { weekday: date.weekday(), range: i }
                    }
                };
                out.push(Piece {
                    start: self.resolve(at(from)),
                    end: self.resolve(at(to)),
                    interval: r.interval.as_str(),
                    source,
                });
            }
            self.pieces.insert(date, out);
        }
        self.pieces.get(&date).map_or(&[], |v| v.as_slice())
    }

    /// The interval at `t` and, when a range covers it, the range.
    fn at(&mut self, t: DateTime<Utc>) -> (&'c str, Option<Source>) {
        if self.config.mode == Mode::RoundTheClock {
            return (WORKING, Some(Source::RoundTheClock));
        }
        let day = self.local(t).date();
        let mut found = None;
        for d in -2..=1 {
            let date = day + Duration::days(d);
            for p in self.pieces(date) {
                if p.start <= t && t < p.end {
                    assert!(
                        found.is_none(),
                        "two ranges at {t}: {found:?}, {p:?}"
                    );
                    found = Some(*p);
                }
            }
        }
        match found {
            Some(p) => (p.interval, Some(p.source)),
            None => (NON_WORKING, None),
        }
    }
}

/// The model's view of a window of minutes: the interval at each minute
/// from `start`, on the minute.
struct Walk<'c> {
    start: DateTime<Utc>,
    minutes: Vec<&'c str>,
}

impl<'c> Walk<'c> {
    fn end(&self) -> DateTime<Utc> {
        self.start + Duration::minutes(self.minutes.len() as i64)
    }

    fn minute(&self, t: DateTime<Utc>) -> usize {
        ((t - self.start).num_seconds() / 60) as usize
    }

    /// The first minute at or after `from` (an index) where `pred` holds.
    fn find(&self, from: usize, pred: impl Fn(&str) -> bool) -> Option<usize> {
        (from..self.minutes.len()).find(|&i| pred(self.minutes[i]))
    }

    fn at(&self, i: usize) -> DateTime<Utc> {
        self.start + Duration::minutes(i as i64)
    }

    /// Asserts `got` is the instant of minute `want`, or, when the walk
    /// found nothing, beyond the window (or never).
    fn same(
        &self,
        got: Option<DateTime<Utc>>,
        want: Option<usize>,
        what: &str,
    ) {
        match want {
            Some(i) => assert_eq!(got, Some(self.at(i)), "{what}"),
            None => {
                assert!(got.is_none_or(|g| g >= self.end()), "{what}: {got:?}")
            }
        }
    }
}

/// Compares the schedule with the model over three days of minutes
/// around `t` (which should be in 1973..2100, where every zone's offsets
/// are whole minutes).
fn check_model(s: &Schedule, tz: Tz, t: DateTime<Utc>) {
    let config = s.config();
    let mut model = Model::new(config, tz);
    let t0 =
        t - Duration::seconds(i64::from(t.timestamp().rem_euclid(60) as i32));
    let start = t0 - Duration::days(1);
    let n: usize = 3 * 1440;
    let walk = Walk {
        start,
        minutes: (0..n)
            .map(|i| model.at(start + Duration::minutes(i as i64)).0)
            .collect(),
    };
    // A few instants in the middle day: `t` itself and every 97 minutes.
    let mut probes = vec![t];
    probes.extend(
        (0..15).map(|k| t0 + Duration::minutes(97 * k) - Duration::hours(12)),
    );
    let mut names: Vec<&str> = s.intervals().collect();
    names.push("Nobody's");
    for &p in &probes {
        let i = walk.minute(p);
        let here = walk.minutes[i];
        let state = s.at(p);
        assert_eq!(state.interval(), here, "at {p}");
        let (_, source) = model.at(p);
        match (source, state.source()) {
            (Some(want), got) => assert_eq!(got, want, "source at {p}"),
            (None, Source::Uncovered { .. }) => {}
            (None, got) => panic!("at {p}: {got} but no range covers it"),
        }
        // Round trips of the source's spelling.
        let spelled = state.source().to_string();
        assert_eq!(spelled.parse::<Source>().ok(), Some(state.source()));
        // Until: the next minute with another interval.
        let change = walk.find(i + 1, |x| x != here);
        walk.same(state.until(), change, &format!("until at {p}"));
        let next = s.next_change(p);
        assert_eq!(next.map(|c| c.at()), state.until());
        if let (Some(c), Some(k)) = (next, change) {
            assert_eq!(c.from(), here);
            assert_eq!(c.to(), walk.minutes[k]);
        }
        // Since: the minute the current stretch began.
        let began = (1..=i).rev().find(|&k| walk.minutes[k - 1] != here);
        match (began, state.since()) {
            (Some(k), got) => {
                assert_eq!(got, Some(walk.at(k)), "since at {p}")
            }
            (None, got) => {
                assert!(
                    got.is_none_or(|g| g <= start),
                    "since at {p}: {got:?}"
                )
            }
        }
        for name in &names {
            // The next beginning after `p` of a stretch of `name`.
            let begin = (i + 1..n).find(|&k| {
                walk.minutes[k] == *name && walk.minutes[k - 1] != *name
            });
            let got = s.next_begin(name, p);
            walk.same(
                got.map(|g| g.start()),
                begin,
                &format!("next_begin {name} at {p}"),
            );
            if let (Some(k), Some(g)) = (begin, got) {
                let end = walk.find(k, |x| x != *name);
                walk.same(g.end(), end, &format!("end of {name} from {p}"));
            }
        }
        // Allowed: pairs of names from the list, and the empty list.
        for pair in names.windows(2).chain([&names[..0]]) {
            let allowed = |x: &str| pair.contains(&x);
            let got = s.next_allowed(pair, p);
            let first = if allowed(here) {
                Some(i)
            } else {
                walk.find(i + 1, allowed)
            };
            match (first, got) {
                (Some(k), Some(g)) => {
                    let want = if k == i { p } else { walk.at(k) };
                    assert_eq!(
                        g.start(),
                        want,
                        "next_allowed {pair:?} at {p}"
                    );
                    assert!(g.contains(want));
                    let end = walk.find(k, |x| !allowed(x));
                    walk.same(
                        g.end(),
                        end,
                        &format!("allowed {pair:?} until"),
                    );
                }
                (Some(_), None) => {
                    panic!("next_allowed {pair:?} at {p}: never")
                }
                (None, g) => assert!(
                    g.is_none_or(|g| g.start() >= walk.end()),
                    "next_allowed {pair:?} at {p}: {g:?}"
                ),
            }
        }
    }
    // Calendars over ranges inside the window: the model's runs, merged
    // and clipped.
    let spans = [(0, n), (1440 + 7, 1440 + 600), (100, 101), (3000, 4000)];
    for (a, z) in spans {
        check_calendar(s, &walk, walk.at(a), walk.at(z), a, z);
    }
    // `calendar_dates` of the middle local day.
    let day = model.local(t0).date();
    let (a, z) = (
        model.resolve(day.and_hms_opt(0, 0, 0).unwrap_or_default()),
        model.resolve(
            day.succ_opt()
                .unwrap_or(day)
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default(),
        ),
    );
    if a >= walk.start && z <= walk.end() {
        let got: Vec<_> = s
            .calendar_dates(day, day)
            .map(|e| (e.interval(), e.start(), e.end()))
            .collect();
        assert_eq!(
            got,
            runs(&walk, walk.minute(a), walk.minute(z)),
            "calendar_dates {day}"
        );
    }
}

/// The model's merged runs over minutes `a..z` of the walk.
fn runs<'c>(
    walk: &Walk<'c>,
    a: usize,
    z: usize,
) -> Vec<(&'c str, DateTime<Utc>, DateTime<Utc>)> {
    let mut out: Vec<(&str, DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    for k in a..z {
        let x = walk.minutes[k];
        match out.last_mut() {
            Some(last) if last.0 == x => last.2 = walk.at(k + 1),
            _ => out.push((x, walk.at(k), walk.at(k + 1))),
        }
    }
    out
}

fn check_calendar(
    s: &Schedule,
    walk: &Walk<'_>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    a: usize,
    z: usize,
) {
    let got: Vec<_> = s
        .calendar(from, to)
        .map(|e| (e.interval(), e.start(), e.end()))
        .collect();
    assert_eq!(got, runs(walk, a, z), "calendar {from}..{to}");
}

/// Reading, spelling and construction round trips of a valid schedule.
fn round_trips(s: &Schedule, json: Option<&str>) {
    let Ok(back) = Schedule::from_json(&s.to_json()) else {
        panic!("a valid schedule's JSON does not read back");
    };
    assert_eq!(&back, s);
    if let Some(json) = json {
        assert_eq!(json.parse::<Schedule>().as_ref(), Ok(s));
    }
    assert_eq!(Schedule::try_from(s.config().clone()).as_ref(), Ok(s));
    let mode = s.config().mode;
    assert_eq!(mode.to_string().parse::<Mode>().ok(), Some(mode));
    for wd in WEEKDAYS {
        for r in s.config().week.day(wd) {
            for c in [r.from, r.to] {
                assert_eq!(c.to_string().parse().ok(), Some(c));
            }
        }
    }
}

/// The checks of the JSON mode that need no model: `since <= t < until`,
/// the next change brings another interval with nothing different before
/// it, and the calendar around `t` holds `t` in an entry of the same
/// interval.
fn check_consistency(s: &Schedule, t: DateTime<Utc>) {
    let state = s.at(t);
    if let Some(since) = state.since() {
        assert!(since <= t, "since {since} after {t}");
    }
    let change = s.next_change(t);
    assert_eq!(change.map(|c| c.at()), state.until());
    if let Some(c) = change {
        assert!(c.at() > t);
        assert_ne!(c.from(), c.to());
        assert_eq!(s.at(c.at()).interval(), c.to());
        let mid = t + (c.at() - t) / 2;
        assert_eq!(s.at(mid).interval(), state.interval());
    }
    let from = t - Duration::days(2);
    let mut last_end = from;
    let mut holds = None;
    for e in s.calendar(from, t + Duration::days(2)) {
        assert_eq!(e.start(), last_end);
        assert!(e.start() < e.end());
        if e.start() <= t && t < e.end() {
            holds = Some(e.interval());
        }
        last_end = e.end();
    }
    assert_eq!(holds, Some(state.interval()));
}

/// Business hours against the model. First byte `S`: a schedule built
/// from the bytes through the public constructors (zones with awkward
/// daylight saving, overnight ranges, exceptions near the instant), and
/// `Schedule::new`'s verdict compared with `TryFrom`. Otherwise: 8 bytes
/// seed the instants and the rest is a schedule document (reading never
/// panics; `from_json` and `FromStr` agree). Either way a valid schedule
/// reads back equal from its JSON and answers `at`, `next_change`,
/// `next_begin`, `next_allowed`, `calendar` and `calendar_dates` as the
/// naive minute walk over three days does.
pub fn check_schedule(data: &[u8]) {
    if let Some((b'S', rest)) = data.split_first() {
        let mut b = Bytes(rest);
        let (config, t) = build(&mut b);
        let made = Schedule::new(config.clone());
        assert_eq!(made, Schedule::try_from(config));
        let Ok(s) = made else { return };
        round_trips(&s, None);
        let tz = match s.config().time_zone.parse::<Tz>() {
            Ok(tz) => tz,
            Err(e) => panic!("{e}"),
        };
        check_consistency(&s, t);
        check_model(&s, tz, t);
        return;
    }
    let Some((seed, json)) = data.split_first_chunk::<8>() else { return };
    let Ok(json) = std::str::from_utf8(json) else { return };
    let parsed = Schedule::from_json(json);
    assert_eq!(parsed, json.parse::<Schedule>());
    let Ok(s) = parsed else { return };
    round_trips(&s, Some(json));
    // Instants in 1973..2100 from the seed, a few hours apart.
    let lo = 94_694_400; // 1973-01-01
    let base = lo
        + i64::from_le_bytes(*seed)
            .wrapping_sub(lo)
            .rem_euclid(4_102_444_800 - lo);
    for k in 0..4i64 {
        if let Some(t) = DateTime::<Utc>::from_timestamp(base + k * 11_111, 0)
        {
            check_consistency(&s, t);
        }
    }
    if let (Ok(tz), Some(t)) = (
        s.config().time_zone.parse::<Tz>(),
        DateTime::<Utc>::from_timestamp(base, 0),
    ) {
        check_model(&s, tz, t);
    }
}
