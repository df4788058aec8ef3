//! Checking a [`ScheduleConfig`] and compiling it into day plans.

use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;

use crate::config::{
    Mode, ScheduleConfig, TimeRange, NON_WORKING_TIME, WEEKDAYS, WORKING_TIME,
};
use crate::error::{Problem, ProblemKind};
use crate::Clock;

/// Ranges one day may have, weekly or in an exception.
pub const MAX_RANGES_PER_DAY: usize = 48;
/// Dated exceptions one schedule may have.
pub const MAX_EXCEPTIONS: usize = 1000;
/// Days one exception may span.
pub const MAX_EXCEPTION_DAYS: i64 = 366;
/// Extra intervals besides "Working time" and "Non-working time".
pub const MAX_EXTRA_INTERVALS: usize = 3;
/// Characters in an interval name.
pub const MAX_NAME_CHARS: usize = 100;
/// Bytes of JSON text [`Schedule::from_json`](crate::Schedule::from_json)
/// reads (8 MiB); a longer text is refused before it is parsed. A schedule
/// at every other limit, pretty-printed, takes about 3 MB.
pub const MAX_JSON_BYTES: usize = 8 << 20;

/// Interval index of "Working time".
pub(crate) const WORKING: u8 = 0;
/// Interval index of "Non-working time".
pub(crate) const NON_WORKING: u8 = 1;

/// A range in minutes: `start` in 0..1440, `end` in `start+1..=start+1440`
/// (past 1440 for a range that runs into the next day).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Slot {
    pub(crate) start: u16,
    pub(crate) end: u16,
    pub(crate) interval: u8,
    /// Index of the range in its day's list in the config.
    pub(crate) range: u16,
}

impl Slot {
    pub(crate) fn spills(&self) -> bool {
        self.end > 1440
    }
}

/// An exception, compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Dated {
    pub(crate) from: NaiveDate,
    pub(crate) last: NaiveDate,
    /// Index in the config's exception list.
    pub(crate) index: usize,
    pub(crate) slots: Vec<Slot>,
}

/// A checked, compiled schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Compiled {
    pub(crate) tz: Tz,
    pub(crate) names: Vec<String>,
    pub(crate) always: bool,
    /// Monday first.
    pub(crate) week: [Vec<Slot>; 7],
    /// Sorted by date, never overlapping.
    pub(crate) exceptions: Vec<Dated>,
}

/// Where a day's slots come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Owner {
    Weekly(Weekday),
    Exception(usize),
}

impl Compiled {
    /// The slots owned by `date` and where they come from.
    pub(crate) fn plan(&self, date: NaiveDate) -> (&[Slot], Owner) {
        match self.exception_at(date) {
            Some(k) => (&self.exceptions[k].slots, Owner::Exception(k)),
            None => {
                let wd = date.weekday();
                (
                    &self.week[wd.num_days_from_monday() as usize],
                    Owner::Weekly(wd),
                )
            }
        }
    }

    /// The compiled exception covering `date`, if any.
    pub(crate) fn exception_at(&self, date: NaiveDate) -> Option<usize> {
        let k = self.exceptions.partition_point(|e| e.from <= date);
        let k = k.checked_sub(1)?;
        (self.exceptions[k].last >= date).then_some(k)
    }
}

pub(crate) fn path_day(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "week.monday",
        Weekday::Tue => "week.tuesday",
        Weekday::Wed => "week.wednesday",
        Weekday::Thu => "week.thursday",
        Weekday::Fri => "week.friday",
        Weekday::Sat => "week.saturday",
        Weekday::Sun => "week.sunday",
    }
}

fn push(out: &mut Vec<Problem>, path: String, kind: ProblemKind) {
    out.push(Problem::new(path, kind));
}

/// Checks `config`, returning every problem, or the compiled schedule.
pub(crate) fn compile(
    config: &ScheduleConfig,
) -> Result<Compiled, Vec<Problem>> {
    let mut out = Vec::new();
    let tz = match config.time_zone.parse::<Tz>() {
        Ok(tz) => Some(tz),
        Err(_) => {
            let suggestion = nearest_zone(&config.time_zone);
            let name = config.time_zone.clone();
            let kind = ProblemKind::UnknownTimeZone { name, suggestion };
            push(&mut out, "time_zone".into(), kind);
            None
        }
    };
    let names = interval_names(config, &mut out);
    let week: [Vec<Slot>; 7] = WEEKDAYS
        .map(|wd| slots(path_day(wd), config.week.day(wd), &names, &mut out));
    let exceptions = exceptions(config, &names, &mut out);
    let compiled = Compiled {
        tz: tz.unwrap_or(Tz::UTC),
        names,
        always: config.mode == Mode::RoundTheClock,
        week,
        exceptions,
    };
    check_overlaps(&compiled, &mut out);
    match tz {
        Some(_) if out.is_empty() => Ok(compiled),
        _ => Err(out),
    }
}

/// The known zone name nearest to `name`: one that differs only in case
/// (or spaces around it), else the one at the smallest edit distance
/// (ignoring case), if that is at most 2 (1 for names under 6
/// characters). A name without a `/` is also compared with the part of
/// each zone name after its last `/` (`Warsaw` for `Europe/Warsaw`).
fn nearest_zone(name: &str) -> Option<String> {
    let wanted = name.trim().to_ascii_lowercase();
    if wanted.is_empty() || wanted.len() > 64 {
        return None;
    }
    let names = || chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
    if let Some(n) = names().find(|n| n.eq_ignore_ascii_case(&wanted)) {
        return Some(n.to_string());
    }
    let limit = if wanted.chars().count() < 6 { 1 } else { 2 };
    let mut best: Option<(usize, &str)> = None;
    for n in names() {
        let lower = n.to_ascii_lowercase();
        let mut d = edit_distance(&wanted, &lower);
        if !wanted.contains('/') {
            if let Some((_, last)) = lower.rsplit_once('/') {
                d = d.min(edit_distance(&wanted, last));
            }
        }
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, n));
        }
    }
    best.map(|(_, n)| n.to_string())
}

/// The Levenshtein distance between `a` and `b`, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// How many extra interval names are kept for looking up the ranges'
/// intervals when there are too many (then the schedule is refused
/// anyway, but a range naming a declared interval is not reported as
/// naming an unknown one).
const KEPT_NAMES: usize = 64;

fn interval_names(
    config: &ScheduleConfig,
    out: &mut Vec<Problem>,
) -> Vec<String> {
    let mut names =
        vec![WORKING_TIME.to_string(), NON_WORKING_TIME.to_string()];
    if config.intervals.len() > MAX_EXTRA_INTERVALS {
        let count = config.intervals.len();
        push(out, "intervals".into(), ProblemKind::TooManyIntervals { count });
    }
    for (i, name) in config.intervals.iter().enumerate() {
        let path = format!("intervals[{i}]");
        let chars = name.chars().count();
        if name.trim().is_empty() {
            push(out, path, ProblemKind::EmptyIntervalName);
        } else if name.trim() != name {
            let kind = ProblemKind::IntervalNameSpaces { name: name.clone() };
            push(out, path, kind);
        } else if chars > MAX_NAME_CHARS {
            let kind = ProblemKind::Limit {
                what: "characters in an interval name",
                count: chars,
                limit: MAX_NAME_CHARS,
            };
            push(out, path, kind);
        } else if names.iter().any(|n| n.to_lowercase() == name.to_lowercase())
        {
            let kind =
                ProblemKind::DuplicateIntervalName { name: name.clone() };
            push(out, path, kind);
        } else if names.len() < 2 + KEPT_NAMES {
            // Past the limit (reported above) still known, so that ranges
            // naming it are not reported as naming an unknown interval.
            names.push(name.clone());
        }
    }
    names
}

/// The slots of one day's ranges, sorted by start.
fn slots(
    path: &str,
    ranges: &[TimeRange],
    names: &[String],
    out: &mut Vec<Problem>,
) -> Vec<Slot> {
    if ranges.len() > MAX_RANGES_PER_DAY {
        let kind = ProblemKind::Limit {
            what: "ranges in a day",
            count: ranges.len(),
            limit: MAX_RANGES_PER_DAY,
        };
        push(out, path.to_string(), kind);
    }
    let mut slots = Vec::with_capacity(ranges.len());
    for (i, r) in ranges.iter().enumerate().take(MAX_RANGES_PER_DAY) {
        let at = format!("{path}[{i}]");
        let interval = match names.iter().position(|n| *n == r.interval) {
            Some(k) => k,
            None => {
                let kind = ProblemKind::UnknownInterval {
                    name: r.interval.clone(),
                    known: names.to_vec(),
                };
                push(out, format!("{at}.interval"), kind);
                // Kept, so that its overlaps are reported too.
                usize::from(NON_WORKING)
            }
        };
        if r.from == Clock::END_OF_DAY {
            push(out, at, ProblemKind::StartsAtEndOfDay);
            continue;
        }
        if r.from == r.to {
            push(out, at, ProblemKind::ZeroLength { from: r.from });
            continue;
        }
        let start = r.from.minutes();
        let end = if r.is_overnight() {
            r.to.minutes() + 1440
        } else {
            r.to.minutes()
        };
        // At most 48 ranges and 2 + 64 interval names: both fit.
        slots.push(Slot {
            start,
            end,
            interval: interval as u8,
            range: i as u16,
        });
    }
    slots.sort_by_key(|s| s.start);
    slots
}

fn exceptions(
    config: &ScheduleConfig,
    names: &[String],
    out: &mut Vec<Problem>,
) -> Vec<Dated> {
    if config.exceptions.len() > MAX_EXCEPTIONS {
        let kind = ProblemKind::Limit {
            what: "exceptions",
            count: config.exceptions.len(),
            limit: MAX_EXCEPTIONS,
        };
        push(out, "exceptions".into(), kind);
    }
    let mut dated = Vec::new();
    for (index, e) in config.exceptions.iter().enumerate().take(MAX_EXCEPTIONS)
    {
        let path = format!("exceptions[{index}]");
        let last = e.last();
        if last < e.from {
            let kind =
                ProblemKind::ExceptionBackwards { from: e.from, to: last };
            push(out, path, kind);
            continue;
        }
        let in_range = |d: NaiveDate| (1..=9999).contains(&d.year());
        if !in_range(e.from) || !in_range(last) {
            let date = if in_range(e.from) { last } else { e.from };
            push(out, path, ProblemKind::DateOutOfRange { date });
            continue;
        }
        let days = (last - e.from).num_days() + 1;
        if days > MAX_EXCEPTION_DAYS {
            let kind = ProblemKind::Limit {
                what: "days in an exception",
                count: days as usize,
                limit: MAX_EXCEPTION_DAYS as usize,
            };
            push(out, path, kind);
            continue;
        }
        let slots = slots(&format!("{path}.ranges"), &e.ranges, names, out);
        dated.push(Dated { from: e.from, last, index, slots });
    }
    dated.sort_by_key(|e| (e.from, e.index));
    // Each exception against the one reaching furthest before it.
    let mut furthest: Option<&Dated> = None;
    for e in &dated {
        if let Some(f) = furthest.filter(|f| e.from <= f.last) {
            let kind = ProblemKind::ExceptionOverlap {
                other_path: format!("exceptions[{}]", f.index),
                date: e.from,
            };
            push(out, format!("exceptions[{}]", e.index), kind);
        }
        if furthest.is_none_or(|f| e.last > f.last) {
            furthest = Some(e);
        }
    }
    dated
}

/// The config path of a day's ranges.
fn owner_path(c: &Compiled, owner: Owner) -> String {
    match owner {
        Owner::Weekly(wd) => path_day(wd).to_string(),
        Owner::Exception(k) => {
            format!("exceptions[{}].ranges", c.exceptions[k].index)
        }
    }
}

/// A slot as the clock times the config wrote.
fn clocks(s: &Slot) -> (Clock, Clock) {
    let end = if s.end > 1440 { s.end - 1440 } else { s.end };
    (Clock::from_minutes(s.start), Clock::from_minutes(end))
}

/// Every overlap: within each weekday and each exception, and across each
/// midnight where a range runs into the next day.
fn check_overlaps(c: &Compiled, out: &mut Vec<Problem>) {
    for (d, wd) in WEEKDAYS.iter().enumerate() {
        within(path_day(*wd), &c.week[d], out);
        let next = WEEKDAYS[(d + 1) % 7];
        spill(
            (path_day(*wd), &c.week[d]),
            (path_day(next), &c.week[(d + 1) % 7]),
            None,
            out,
        );
    }
    let mut checked = std::collections::BTreeSet::new();
    for e in &c.exceptions {
        let path = format!("exceptions[{}].ranges", e.index);
        within(&path, &e.slots, out);
        // Dates are within years 1 to 9999, so these steps cannot fail.
        let edges = [Some(e.from), e.from.succ_opt(), e.last.succ_opt()];
        for next in edges.into_iter().flatten() {
            let Some(day) = next.pred_opt() else { continue };
            if !checked.insert(next) {
                continue;
            }
            let (a, ao) = c.plan(day);
            let (b, bo) = c.plan(next);
            spill(
                (&owner_path(c, ao), a),
                (&owner_path(c, bo), b),
                Some(next),
                out,
            );
        }
    }
}

fn within(path: &str, slots: &[Slot], out: &mut Vec<Problem>) {
    for (i, a) in slots.iter().enumerate() {
        for b in &slots[i + 1..] {
            // Sorted by start: b starts at or after a.
            if b.start < a.end {
                let kind = ProblemKind::Overlap {
                    range: clocks(b),
                    other_path: format!("{path}[{}]", a.range),
                    other: clocks(a),
                    date: None,
                };
                push(out, format!("{path}[{}]", b.range), kind);
            }
        }
    }
}

fn spill(
    day: (&str, &[Slot]),
    next: (&str, &[Slot]),
    date: Option<NaiveDate>,
    out: &mut Vec<Problem>,
) {
    for a in day.1.iter().filter(|a| a.spills()) {
        for b in next.1.iter().filter(|b| b.start < a.end - 1440) {
            let kind = ProblemKind::Overlap {
                range: clocks(a),
                other_path: format!("{}[{}]", next.0, b.range),
                other: clocks(b),
                date,
            };
            push(out, format!("{}[{}]", day.0, a.range), kind);
        }
    }
}
