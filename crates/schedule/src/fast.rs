//! The fast path for the common query: an instant whose surrounding run of
//! one interval lies wholly in the weekly plan (no exception near it) and
//! wholly between two daylight-saving transitions. Then the answer is
//! arithmetic on a precompiled weekly cycle and one offset, with no
//! calendar walk and no tz database call. Every other case, and every
//! instant outside the offset table's window, takes the general path in
//! `schedule.rs`, which the property tests compare this one against.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::compile::{Compiled, Slot, NON_WORKING};
use crate::config::WEEKDAYS;
use crate::schedule::Source;

const WEEK_MINUTES: u32 = 7 * 1440;

/// The weekly plan as one cycle of pieces over the minutes of a week
/// (Monday 00:00 = 0), with, for each piece, how far back its run of the
/// same interval starts and how far forward it ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cycle {
    pieces: Vec<CyclePiece>,
    /// The runs of one interval, in cycle order.
    runs: Vec<CycleRun>,
    /// For each hour of the week, the index of the piece holding its
    /// first minute: where the search for a minute of that hour starts.
    hours: Vec<u16>,
}

/// The pieces of the weekly cycle, covering the week in order, before the
/// runs are worked out.
fn cycle_pieces(week: &[Vec<Slot>; 7]) -> Vec<CyclePiece> {
    let mut raw: Vec<(u32, u32, u8, Source)> = Vec::new();
    for (d, slots) in week.iter().enumerate() {
        let base = d as u32 * 1440;
        for s in slots {
            let source = Source::Weekly {
                weekday: WEEKDAYS[d],
                range: usize::from(s.range),
            };
            let (start, end) =
                (base + u32::from(s.start), base + u32::from(s.end));
            if end > WEEK_MINUTES {
                // Sunday night into Monday morning.
                raw.push((start, WEEK_MINUTES, s.interval, source));
                raw.push((0, end - WEEK_MINUTES, s.interval, source));
            } else {
                raw.push((start, end, s.interval, source));
            }
        }
    }
    raw.sort_by_key(|r| r.0);
    let uncovered = Source::Uncovered { exception: None };
    let mut pieces: Vec<CyclePiece> = Vec::with_capacity(raw.len() * 2 + 1);
    let mut at = 0;
    let push = |pieces: &mut Vec<CyclePiece>, start, end, interval, source| {
        pieces.push(CyclePiece {
            start,
            end,
            interval,
            source,
            back: 0,
            forward: 0,
            next_interval: interval,
            next_source: source,
            run: 0,
        })
    };
    for (start, end, interval, source) in raw {
        if start > at {
            push(&mut pieces, at, start, NON_WORKING, uncovered);
        }
        push(&mut pieces, start, end, interval, source);
        at = end;
    }
    if at < WEEK_MINUTES {
        push(&mut pieces, at, WEEK_MINUTES, NON_WORKING, uncovered);
    }
    pieces
}

/// The interval of a week that is one interval throughout, if it is.
pub(crate) fn uniform_interval(week: &[Vec<Slot>; 7]) -> Option<u8> {
    let pieces = cycle_pieces(week);
    let first = pieces.first()?.interval;
    pieces.iter().all(|p| p.interval == first).then_some(first)
}

/// A run of one interval in the weekly cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CycleRun {
    /// Length in minutes.
    pub(crate) len: u32,
    pub(crate) interval: u8,
    /// The source at the run's start.
    pub(crate) source: Source,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct CyclePiece {
    start: u32,
    end: u32,
    interval: u8,
    source: Source,
    /// Minutes from the run's start to this piece's start.
    back: u32,
    /// Minutes from this piece's start to the run's end.
    forward: u32,
    /// The interval of the run after this one.
    next_interval: u8,
    /// The source at the start of the run after this one.
    next_source: Source,
    /// Index of this piece's run in `Cycle::runs`.
    run: usize,
}

impl Cycle {
    /// The cycle of `week`, or `None` if the week is one interval
    /// throughout (then every answer depends on exceptions).
    pub(crate) fn new(week: &[Vec<Slot>; 7]) -> Option<Cycle> {
        let mut pieces = cycle_pieces(week);
        let n = pieces.len();
        let first_change = (0..n)
            .find(|&i| pieces[i].interval != pieces[(i + 1) % n].interval)?;
        // Walk the cycle once, starting where a run starts, with positions
        // counted on from there (so a run that wraps past Sunday keeps
        // growing), and give each piece its distances to its run's ends.
        let first = (first_change + 1) % n;
        let mut run: Vec<(usize, u32)> = Vec::new();
        let mut runs = Vec::new();
        let mut wrapped = 0;
        for k in 0..n {
            let i = (first + k) % n;
            if k > 0 && i == 0 {
                wrapped = WEEK_MINUTES;
            }
            run.push((i, pieces[i].start + wrapped));
            let j = (i + 1) % n;
            if pieces[j].interval == pieces[i].interval {
                continue;
            }
            let run_start = run[0].1;
            let run_end = pieces[i].end + wrapped;
            let (next_interval, next_source) =
                (pieces[j].interval, pieces[j].source);
            for &(r, start) in &run {
                let p = &mut pieces[r];
                p.back = start - run_start;
                p.forward = run_end - start;
                p.next_interval = next_interval;
                p.next_source = next_source;
                p.run = runs.len();
            }
            runs.push(CycleRun {
                len: run_end - run_start,
                interval: pieces[i].interval,
                source: pieces[run[0].0].source,
            });
            run.clear();
        }
        let hours = (0..WEEK_MINUTES / 60)
            .map(|h| {
                let k = pieces.partition_point(|p| p.start <= h * 60) - 1;
                // At most 7 × 48 ranges: about 700 pieces.
                k as u16
            })
            .collect();
        Some(Cycle { pieces, runs, hours })
    }
}

/// The weekly cycle with the exception dates as day numbers (days since
/// 1970-01-01), for the fast path's checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Plan {
    cycle: Cycle,
    /// (first, last) day of each exception, sorted, inclusive.
    exception_days: Vec<(i64, i64)>,
}

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01.
const UNIX_EPOCH_DAY_CE: i64 = 719_163;

impl Plan {
    /// The plan, or `None` if the week is one interval throughout.
    pub(crate) fn new(compiled: &Compiled) -> Option<Plan> {
        let day =
            |d: NaiveDate| i64::from(d.num_days_from_ce()) - UNIX_EPOCH_DAY_CE;
        Some(Plan {
            cycle: Cycle::new(&compiled.week)?,
            exception_days: compiled
                .exceptions
                .iter()
                .map(|e| (day(e.from), day(e.last)))
                .collect(),
        })
    }

    /// Whether no exception falls on the local days `first..=last`.
    fn weekly_only(&self, first: i64, last: i64) -> bool {
        let e = self.exception_days.partition_point(|e| e.1 < first);
        self.exception_days.get(e).is_none_or(|e| e.0 > last)
    }

    /// The offset of `around` if the local span `local_start..local_end`
    /// (the end computed from that offset) maps into that offset's span
    /// uniquely (after any gap or fold at the previous transition, before
    /// the next one) and no exception touches its days, nor the day
    /// before, whose range could run past midnight into it.
    fn window(
        &self,
        around: Around,
        local_start: i64,
        local_end_of: impl Fn(i32) -> i64,
    ) -> Option<i32> {
        let o = fits(around, local_start, local_end_of(around.0))?;
        let first = local_start.div_euclid(86_400) - 1;
        let last = local_end_of(o).div_euclid(86_400);
        self.weekly_only(first, last).then_some(o)
    }
}

/// The offset of `around` if the local span `local_start..local_end`
/// maps into that offset's span uniquely: after any gap or fold at the
/// previous transition, before the next one.
fn fits(
    (o, (prev_at, prev_o), (next_at, _)): Around,
    local_start: i64,
    local_end: i64,
) -> Option<i32> {
    let lowest = prev_at + i64::from(o.max(prev_o));
    // Strictly after `lowest`: a run starting right at a gap's end may
    // follow a piece that lies wholly in the gap and never happens.
    if local_start <= lowest || local_end - i64::from(o) >= next_at {
        return None;
    }
    Some(o)
}

/// The local timeline around the exceptions: every piece of every local
/// date from a week before the first exception to a week after the last,
/// exceptions and weekly days alike, merged into runs of one interval.
/// The fast path answers from it as from the weekly cycle: by arithmetic
/// on a run and one offset. Times are local minutes since 1970-01-01.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Timeline {
    /// Start of each piece, sorted; the last piece ends at `end`.
    starts: Vec<i64>,
    pieces: Vec<TimelinePiece>,
    runs: Vec<TimelineRun>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TimelinePiece {
    interval: u8,
    source: Source,
    /// Index of its run in `Timeline::runs`.
    run: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TimelineRun {
    start: i64,
    end: i64,
    interval: u8,
    /// The source at the run's start.
    source: Source,
}

/// Days the timeline may span (about five years); a schedule whose
/// exceptions spread wider goes without one.
pub(crate) const TIMELINE_DAYS: i64 = 5 * 366;

impl Timeline {
    /// The timeline of the local dates `first..=last` whose pieces (start
    /// and end in minutes of the date, interval, source) `pieces` gives,
    /// in order and covering each date.
    pub(crate) fn new(
        first: NaiveDate,
        last: NaiveDate,
        mut pieces: impl FnMut(NaiveDate, &mut Vec<(u16, u16, u8, Source)>),
    ) -> Option<Timeline> {
        let mut t = Timeline {
            starts: Vec::new(),
            pieces: Vec::new(),
            runs: Vec::new(),
        };
        let mut day = Vec::new();
        let mut date = first;
        loop {
            let base = (i64::from(date.num_days_from_ce())
                - UNIX_EPOCH_DAY_CE)
                * 1440;
            pieces(date, &mut day);
            for &(start, end, interval, source) in &day {
                let (start, end) =
                    (base + i64::from(start), base + i64::from(end));
                match t.runs.last_mut() {
                    Some(r) if r.interval == interval => r.end = end,
                    _ => t.runs.push(TimelineRun {
                        start,
                        end,
                        interval,
                        source,
                    }),
                }
                t.starts.push(start);
                t.pieces.push(TimelinePiece {
                    interval,
                    source,
                    run: u32::try_from(t.runs.len() - 1).ok()?,
                });
            }
            if date >= last {
                break;
            }
            date = date.succ_opt()?;
        }
        Some(t)
    }

    /// The run around local second `local`, by index, if it lies inside
    /// the timeline and is not one of its two clipped end runs.
    fn run_at(&self, local: i64) -> Option<(usize, &TimelinePiece)> {
        let minute = local.div_euclid(60);
        let k =
            self.starts.partition_point(|&s| s <= minute).checked_sub(1)?;
        let p = self.pieces.get(k)?;
        let run = p.run as usize;
        (run > 0 && run + 1 < self.runs.len()).then_some((run, p))
    }

    /// Whether local second `local` lies inside the timeline's runs
    /// (its end runs included).
    pub(crate) fn holds(&self, local: i64) -> bool {
        let minute = local.div_euclid(60);
        match (self.runs.first(), self.runs.last()) {
            (Some(a), Some(b)) => a.start <= minute && minute < b.end,
            _ => false,
        }
    }
}

/// Local seconds of the Monday 00:00 that starts the week of local second
/// `local` (1970-01-05, day 4, was a Monday).
fn week_start(local: i64) -> i64 {
    let day = local.div_euclid(86_400);
    (day - (day - 4).rem_euclid(7)) * 86_400
}

/// The cycle piece holding local second `local`, and its local start.
fn piece_at(cycle: &Cycle, local: i64) -> (CyclePiece, i64) {
    let week = week_start(local);
    let minute = ((local - week) / 60) as u32;
    let mut k =
        cycle.hours.get((minute / 60) as usize).map_or(0, |&k| k as usize);
    while cycle.pieces.get(k + 1).is_some_and(|p| p.start <= minute) {
        k += 1;
    }
    let p = cycle.pieces[k];
    (p, week + i64::from(p.start) * 60)
}

/// The instant at Unix second `secs`, built by moving the date of `near`
/// (at Unix second `near_secs`, a whole second): within a year this is a
/// change of the day of the year, cheaper than
/// `DateTime::from_timestamp`'s calendar arithmetic.
fn instant_near(
    near: DateTime<Utc>,
    near_secs: i64,
    secs: i64,
) -> Option<DateTime<Utc>> {
    let days = secs.div_euclid(86_400) - near_secs.div_euclid(86_400);
    let date = near
        .naive_utc()
        .date()
        .checked_add_signed(chrono::TimeDelta::try_days(days)?)?;
    let time = chrono::NaiveTime::from_num_seconds_from_midnight_opt(
        secs.rem_euclid(86_400) as u32,
        0,
    )?;
    Some(date.and_time(time).and_utc())
}

/// A run of one interval around an instant, placed in real time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Run {
    pub(crate) interval: u8,
    pub(crate) source: Source,
    pub(crate) since: DateTime<Utc>,
    pub(crate) until: DateTime<Utc>,
    pub(crate) next_interval: u8,
    pub(crate) next_source: Source,
}

/// The offset at an instant, the previous transition (instant, offset
/// before it) and the next (instant, offset after it).
type Around = (i32, (i64, i32), (i64, i32));

/// UTC offsets of a zone over a window, as a sorted table of transitions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Offsets {
    /// Unix seconds where the table is valid: `window.0..window.1`.
    window: (i64, i64),
    /// Transition instants, sorted.
    at: Vec<i64>,
    /// `offsets[k]` is in force before `at[k]`; the last after the last
    /// transition. One longer than `at`.
    offsets: Vec<i32>,
    /// For each `BUCKET` seconds of the window, the number of transitions
    /// before the bucket starts: where the search for an instant in it
    /// begins.
    buckets: Vec<u32>,
}

/// Seconds per bucket of the transition index (about 8.5 days).
const BUCKET: i64 = 1 << 19;

/// The table covers 1990 to 2100.
const WINDOW: (i64, i64) = (631_152_000, 4_102_444_800);
/// Sampling step when building the table. tzdata since 1990 has no two
/// transitions closer than this that cancel out (a test checks every zone
/// against chrono-tz day by day).
const STEP: i64 = 6 * 86_400;

impl Offsets {
    pub(crate) fn new(tz: Tz) -> Offsets {
        let offset = |t: i64| -> i32 {
            match DateTime::from_timestamp(t, 0) {
                Some(dt) => {
                    let o = chrono::TimeZone::offset_from_utc_datetime(
                        &tz,
                        &dt.naive_utc(),
                    );
                    chrono::Offset::fix(&o).local_minus_utc()
                }
                None => 0,
            }
        };
        let mut at = Vec::new();
        let mut offsets = vec![offset(WINDOW.0)];
        let mut t = WINDOW.0;
        let mut current = offsets[0];
        while t < WINDOW.1 {
            let next = (t + STEP).min(WINDOW.1);
            let o = offset(next);
            if o != current {
                // Bisect to the second: offset(lo) == current != offset(hi).
                let (mut lo, mut hi) = (t, next);
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if offset(mid) == current {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                at.push(hi);
                offsets.push(o);
                current = o;
            }
            t = next;
        }
        let n_buckets = (WINDOW.1 - WINDOW.0) / BUCKET + 1;
        let buckets = (0..n_buckets)
            .map(|b| {
                let start = WINDOW.0 + b * BUCKET;
                at.partition_point(|&a| a <= start) as u32
            })
            .collect();
        Offsets { window: WINDOW, at, offsets, buckets }
    }

    /// The offset at Unix second `t`, with the transitions around it:
    /// `(offset, previous (instant, offset before it), next (instant,
    /// offset after it))`; `None` outside the window.
    fn around(&self, t: i64) -> Option<Around> {
        if t < self.window.0 || t >= self.window.1 {
            return None;
        }
        // Start at the bucket's first transition; at most a couple follow
        // within one bucket.
        let bucket = ((t - self.window.0) / BUCKET) as usize;
        let mut k = self.buckets.get(bucket).map_or(0, |&k| k as usize);
        while self.at.get(k).is_some_and(|&a| a <= t) {
            k += 1;
        }
        let offset = self.offsets[k];
        let prev = match k {
            0 => (self.window.0, offset),
            _ => (self.at[k - 1], self.offsets[k - 1]),
        };
        let next = match self.at.get(k) {
            Some(&a) => (a, self.offsets[k + 1]),
            None => (self.window.1, offset),
        };
        Some((offset, prev, next))
    }

    /// The offset at `t`, if inside the window.
    pub(crate) fn offset(&self, t: i64) -> Option<i32> {
        self.around(t).map(|a| a.0)
    }

    /// The instant (Unix seconds) of local wall-clock second `local` (as
    /// if UTC) under the crate's policy: the earliest instant whose local
    /// time is at or after it. `None` near or outside the window's edges.
    pub(crate) fn resolve(&self, local: i64) -> Option<i64> {
        // Offsets stay within ±15 hours: the answer lies within 15 hours
        // of `local`. Walk the spans from there in time order; the first
        // that reaches `local` holds the answer.
        const REACH: i64 = 15 * 3600;
        let from = local - REACH;
        if from < self.window.0 || local + REACH >= self.window.1 {
            return None;
        }
        let bucket = ((from - self.window.0) / BUCKET) as usize;
        let mut k = self.buckets.get(bucket).map_or(0, |&k| k as usize);
        while self.at.get(k).is_some_and(|&a| a <= from) {
            k += 1;
        }
        loop {
            // Span k runs from `at[k-1]` (or before) to `at[k]` (or the
            // window's end) with `offsets[k]`.
            let start = if k == 0 { self.window.0 } else { self.at[k - 1] };
            let end = self.at.get(k).copied().unwrap_or(self.window.1);
            let candidate =
                start.max(local - i64::from(*self.offsets.get(k)?));
            if candidate < end {
                return Some(candidate);
            }
            if end > local + REACH {
                return None;
            }
            k += 1;
        }
    }
}

/// The run around `t` by the fast path, or `None` when the general path
/// must answer (a DST transition inside the run, an exception near it
/// outside the timeline, the edge of the offset table or of the
/// timeline).
pub(crate) fn run(
    plan: Option<&Plan>,
    timeline: Option<&Timeline>,
    offsets: &Offsets,
    t: DateTime<Utc>,
) -> Option<Run> {
    let secs = t.timestamp();
    let around = offsets.around(secs)?;
    let local = secs + i64::from(around.0);
    if let Some(tl) = timeline.filter(|tl| tl.holds(local)) {
        let (run, p) = tl.run_at(local)?;
        let r = tl.runs[run];
        let next = tl.runs[run + 1];
        let (since_local, until_local) = (r.start * 60, r.end * 60);
        let o = i64::from(fits(around, since_local, until_local)?);
        return Some(Run {
            interval: p.interval,
            source: p.source,
            since: DateTime::from_timestamp(since_local - o, 0)?,
            until: DateTime::from_timestamp(until_local - o, 0)?,
            next_interval: next.interval,
            next_source: next.source,
        });
    }
    let plan = plan?;
    let (p, piece_start) = piece_at(&plan.cycle, local);
    let since_local = piece_start - i64::from(p.back) * 60;
    let until_local = piece_start + i64::from(p.forward) * 60;
    // `until`'s own date is checked for exceptions too: one there could
    // continue the run instead of ending it.
    let o = i64::from(plan.window(around, since_local, |_| until_local)?);
    Some(Run {
        interval: p.interval,
        source: p.source,
        since: DateTime::from_timestamp(since_local - o, 0)?,
        until: DateTime::from_timestamp(until_local - o, 0)?,
        next_interval: p.next_interval,
        next_source: p.next_source,
    })
}

/// The runs from the one holding an instant onwards, in local seconds,
/// for the queries that look ahead for an interval (`next_begin`,
/// `next_allowed`): a scan over the weekly cycle (at most twice round
/// it) or over the exception timeline (short of its last run). The caller
/// takes what it found into real time with [`Scan::offset`], which checks
/// that everything from the instant to there lies under one offset and,
/// on the cycle, clear of exceptions.
#[derive(Debug)]
pub(crate) struct Scan<'a> {
    plan: Option<&'a Plan>,
    timeline: Option<&'a Timeline>,
    /// Runs of the timeline rather than of the weekly cycle.
    on_timeline: bool,
    run: usize,
    /// Local second where the current run starts.
    run_start: i64,
    around: Around,
    /// The instant, in local seconds.
    local: i64,
    /// Runs left to read.
    left: usize,
}

impl<'a> Scan<'a> {
    pub(crate) fn new(
        plan: Option<&'a Plan>,
        timeline: Option<&'a Timeline>,
        offsets: &Offsets,
        t: DateTime<Utc>,
    ) -> Option<Scan<'a>> {
        let secs = t.timestamp();
        let around = offsets.around(secs)?;
        let local = secs + i64::from(around.0);
        let (on_timeline, run, run_start, left) =
            match timeline.filter(|tl| tl.holds(local)) {
                Some(tl) => {
                    let (run, _) = tl.run_at(local)?;
                    (true, run, tl.runs[run].start * 60, tl.runs.len())
                }
                None => {
                    let cycle = &plan?.cycle;
                    let (p, piece_start) = piece_at(cycle, local);
                    let run_start = piece_start - i64::from(p.back) * 60;
                    (false, p.run, run_start, 2 * cycle.runs.len() + 2)
                }
            };
        Some(Scan {
            plan,
            timeline,
            on_timeline,
            run,
            run_start,
            around,
            local,
            left,
        })
    }

    /// The current run as (interval, local start, local end), and moves
    /// on; `None` past the scan's reach.
    pub(crate) fn next(&mut self) -> Option<(u8, i64, i64)> {
        self.left = self.left.checked_sub(1)?;
        let (interval, end) = if self.on_timeline {
            let runs = &self.timeline?.runs;
            // Never the last run: it is clipped.
            let r =
                runs.get(self.run).filter(|_| self.run + 1 < runs.len())?;
            self.run += 1;
            (r.interval, r.end * 60)
        } else {
            let runs = &self.plan?.cycle.runs;
            let r = runs.get(self.run)?;
            // Round the cycle without a division.
            self.run =
                if self.run + 1 < runs.len() { self.run + 1 } else { 0 };
            (r.interval, self.run_start + i64::from(r.len) * 60)
        };
        let start = self.run_start;
        self.run_start = end;
        Some((interval, start, end))
    }

    /// The offset that takes local seconds up to `local_end` to real time,
    /// if everything from the instant to `local_end` lies under the
    /// instant's offset (and, on the cycle, no exception touches it).
    pub(crate) fn offset(&self, local_end: i64) -> Option<i64> {
        let o = fits(self.around, self.local, local_end)?;
        if !self.on_timeline {
            let first = self.local.div_euclid(86_400) - 1;
            let last = local_end.div_euclid(86_400);
            if !self.plan?.weekly_only(first, last) {
                return None;
            }
        }
        Some(i64::from(o))
    }
}

/// The calendar from `start` to `end` by the fast path, when the whole
/// window qualifies: where it starts.
pub(crate) fn calendar(
    plan: Option<&Plan>,
    timeline: Option<&Timeline>,
    offsets: &Offsets,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Option<FastCalendar> {
    let secs = start.timestamp();
    let around = offsets.around(secs)?;
    let local = secs + i64::from(around.0);
    let span = end.timestamp() - secs;
    if let Some(tl) = timeline.filter(|tl| tl.holds(local)) {
        let (run, p) = tl.run_at(local)?;
        let run_start = tl.runs[run].start * 60;
        let local_end = local + span;
        let o = fits(around, run_start, local_end)?;
        // The window ends before the timeline's last run.
        tl.run_at(local_end)?;
        return Some(FastCalendar {
            run,
            run_start,
            offset: i64::from(o),
            first_source: Some(p.source),
            run_start_utc: None,
            timeline: true,
        });
    }
    let plan = plan?;
    let (p, piece_start) = piece_at(&plan.cycle, local);
    let run_start = piece_start - i64::from(p.back) * 60;
    let o = plan.window(around, run_start, |o| secs + span + i64::from(o))?;
    Some(FastCalendar {
        run: p.run,
        run_start,
        offset: i64::from(o),
        first_source: Some(p.source),
        run_start_utc: None,
        timeline: false,
    })
}

/// Where a fast calendar is: the run, its local start, the offset.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FastCalendar {
    run: usize,
    run_start: i64,
    offset: i64,
    /// The source at the calendar's start, for the first entry (which may
    /// begin inside its run).
    first_source: Option<Source>,
    /// `run_start` in UTC, once known (the previous run's end).
    run_start_utc: Option<DateTime<Utc>>,
    /// Runs of the timeline rather than of the weekly cycle.
    timeline: bool,
}

impl FastCalendar {
    /// How many runs are left before `end` (the current one included):
    /// what the calendar will yield, so a `Vec` collecting it is sized
    /// once. At most `limit` are counted.
    pub(crate) fn remaining(
        &self,
        plan: Option<&Plan>,
        timeline: Option<&Timeline>,
        end: DateTime<Utc>,
        limit: usize,
    ) -> usize {
        let end_local = end.timestamp() + self.offset;
        let mut at = self.run_start;
        let mut run = self.run;
        let mut n = 0;
        while at < end_local && n < limit {
            let len = if self.timeline {
                match timeline.and_then(|tl| tl.runs.get(run)) {
                    Some(r) => r.end * 60 - at,
                    None => break,
                }
            } else {
                match plan.map(|p| &p.cycle.runs) {
                    Some(runs) if !runs.is_empty() => {
                        if run >= runs.len() {
                            run = 0;
                        }
                        i64::from(runs[run].len) * 60
                    }
                    _ => break,
                }
            };
            n += 1;
            run += 1;
            at += len.max(1);
        }
        n
    }

    /// The current run as (interval, source, start, end) in real time, and
    /// moves to the next run.
    pub(crate) fn next_run(
        &mut self,
        plan: Option<&Plan>,
        timeline: Option<&Timeline>,
    ) -> Option<(u8, Source, DateTime<Utc>, DateTime<Utc>)> {
        let (interval, run_source, end) = if self.timeline {
            let r = timeline?.runs.get(self.run)?;
            self.run += 1;
            (r.interval, r.source, r.end * 60)
        } else {
            let runs = &plan?.cycle.runs;
            let r = runs.get(self.run)?;
            // Round the cycle without a division.
            self.run =
                if self.run + 1 < runs.len() { self.run + 1 } else { 0 };
            (r.interval, r.source, self.run_start + i64::from(r.len) * 60)
        };
        let source = self.first_source.take().unwrap_or(run_source);
        let start = match self.run_start_utc.take() {
            Some(start) => start,
            None => DateTime::from_timestamp(self.run_start - self.offset, 0)?,
        };
        let end_utc = instant_near(
            start,
            self.run_start - self.offset,
            end - self.offset,
        )?;
        self.run_start = end;
        self.run_start_utc = Some(end_utc);
        Some((interval, source, start, end_utc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Resolving local times by the table agrees with chrono-tz's local
    /// time conversions under the policy, over gaps and folds.
    #[test]
    fn table_resolve_agrees_with_zone_resolve() {
        for name in [
            "Europe/Warsaw",
            "America/Santiago",
            "Australia/Lord_Howe",
            "Pacific/Chatham",
            "Africa/Cairo",
            "America/Havana",
            "Asia/Kolkata",
        ] {
            let tz: Tz = name.parse().unwrap();
            let table = Offsets::new(tz);
            // Every 7 minutes through 2026.
            let mut local = 1_767_225_600;
            while local < 1_798_761_600 {
                let naive =
                    DateTime::from_timestamp(local, 0).unwrap().naive_utc();
                let expected = crate::zone::resolve(tz, naive).timestamp();
                assert_eq!(
                    table.resolve(local),
                    Some(expected),
                    "{name} {naive}"
                );
                local += 7 * 60;
            }
        }
    }

    /// The table agrees with chrono-tz for every zone, once a day (at a
    /// drifting time of day) from 1990 to 2040: no transition was missed.
    /// (Run by hand at every hour over the whole window, too.)
    #[test]
    fn offsets_match_chrono_tz_in_every_zone() {
        let step: i64 = std::env::var("OFFSETS_TEST_STEP")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(86_400 + 3_607);
        let end: i64 = if step < 86_400 { WINDOW.1 } else { 2_208_988_800 };
        for tz in chrono_tz::TZ_VARIANTS {
            let table = Offsets::new(tz);
            let mut t = WINDOW.0;
            while t < end {
                let dt = DateTime::from_timestamp(t, 0).unwrap();
                let o = chrono::TimeZone::offset_from_utc_datetime(
                    &tz,
                    &dt.naive_utc(),
                );
                let expected = chrono::Offset::fix(&o).local_minus_utc();
                assert_eq!(table.offset(t), Some(expected), "{tz} at {dt}");
                t += step;
            }
        }
    }
}
