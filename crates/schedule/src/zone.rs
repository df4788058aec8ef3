//! Local wall-clock times to instants: the daylight-saving policy, in one
//! place.
//!
//! A range boundary is a local time on a local date. It becomes an instant
//! by this rule: **the earliest instant whose local wall-clock time is at
//! or after the boundary.** So
//!
//! - a boundary that exists once is that instant;
//! - a boundary in a spring-forward gap (a time that never shows on the
//!   wall) moves to the first instant after the gap, the transition itself:
//!   a range 02:30–04:00 on the night clocks jump from 02:00 to 03:00
//!   starts at 03:00 and lasts an hour;
//! - a boundary in a fall-back fold (a time that shows twice) is its first
//!   occurrence: a range 01:00–02:30 on the night clocks fall back from
//!   03:00 to 02:00 ends the first time the wall shows 02:30;
//! - a range that covers a gap is shorter in real time, one that covers a
//!   fold longer; a range entirely inside a gap lasts no time at all.
//!
//! The rule is monotonic (a later local time never maps to an earlier
//! instant), so the ranges of a day stay in order and never overlap in
//! real time. An instant is placed by comparing it with these resolved
//! boundaries, never by its wall-clock reading, so the second pass through
//! a fold belongs to whatever range the resolved boundaries say.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::{GapInfo, Tz};

/// Seconds in a day.
const DAY: i64 = 86_400;

/// A local date and a minute of it (0 to 1440; 1440 is the next midnight,
/// saturating at the end of chrono's range).
pub(crate) fn naive(date: NaiveDate, minute: u16) -> NaiveDateTime {
    date.and_time(chrono::NaiveTime::MIN)
        .checked_add_signed(Duration::minutes(i64::from(minute)))
        .unwrap_or(NaiveDateTime::MAX)
}

/// The instant of a local boundary under the policy above.
pub(crate) fn resolve(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(a, b) => {
            a.with_timezone(&Utc).min(b.with_timezone(&Utc))
        }
        chrono::LocalResult::None => gap_end(tz, local),
    }
}

/// The first instant after the gap that `local` falls in.
fn gap_end(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    if let Some(end) = GapInfo::new(&local, &tz).and_then(|g| g.end) {
        return end.with_timezone(&Utc);
    }
    // At the edge of the tz data (or of chrono's range): read `local` with
    // the offset in force a day before, the offset before any gap.
    let day_before = local
        .checked_sub_signed(Duration::seconds(DAY))
        .unwrap_or(NaiveDateTime::MIN);
    let offset = tz.offset_from_utc_datetime(&day_before);
    let seconds = chrono::Offset::fix(&offset).local_minus_utc();
    let utc = local
        .checked_sub_signed(Duration::seconds(i64::from(seconds)))
        .unwrap_or(local);
    Utc.from_utc_datetime(&utc)
}

/// Instants the queries accept: the years 1 to 9999 (RFC 3339's range);
/// others are moved to the nearest end, where chrono could not give a
/// local time.
pub(crate) fn clamp(t: DateTime<Utc>) -> DateTime<Utc> {
    // 0001-01-02T00:00:00Z and 9999-12-30T00:00:00Z.
    const FIRST: i64 = -62_135_510_400;
    const LAST: i64 = 253_402_128_000;
    if (FIRST..LAST).contains(&t.timestamp()) {
        return t;
    }
    match (
        DateTime::from_timestamp(FIRST, 0),
        DateTime::from_timestamp(LAST, 0),
    ) {
        (Some(first), Some(last)) => t.clamp(first, last),
        _ => t,
    }
}

/// The local wall-clock time at `t`.
pub(crate) fn local(tz: Tz, t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&tz).naive_local()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(tz: &str, date: (i32, u32, u32), minute: u16) -> String {
        let tz: Tz = tz.parse().unwrap();
        let d = NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap();
        resolve(tz, naive(d, minute)).to_rfc3339()
    }

    #[test]
    fn warsaw_gap_and_fold() {
        // 2026-03-29 02:00 -> 03:00 (+01 -> +02).
        assert_eq!(
            at("Europe/Warsaw", (2026, 3, 29), 150),
            "2026-03-29T01:00:00+00:00"
        );
        assert_eq!(
            at("Europe/Warsaw", (2026, 3, 29), 119),
            "2026-03-29T00:59:00+00:00"
        );
        assert_eq!(
            at("Europe/Warsaw", (2026, 3, 29), 180),
            "2026-03-29T01:00:00+00:00"
        );
        // 2026-10-25 03:00 -> 02:00 (+02 -> +01): 02:30 twice, first wins.
        assert_eq!(
            at("Europe/Warsaw", (2026, 10, 25), 150),
            "2026-10-25T00:30:00+00:00"
        );
        assert_eq!(
            at("Europe/Warsaw", (2026, 10, 25), 180),
            "2026-10-25T02:00:00+00:00"
        );
    }

    #[test]
    fn clamp_bounds_are_the_second_and_the_second_to_last_day() {
        let bound = |y, m, d| {
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap()
                .and_utc()
        };
        let (first, last) = (bound(1, 1, 2), bound(9999, 12, 30));
        assert_eq!(clamp(first - Duration::seconds(1)), first);
        assert_eq!(clamp(first), first);
        assert_eq!(clamp(last + Duration::seconds(1)), last);
        let t = last - Duration::nanoseconds(1);
        assert_eq!(clamp(t), t);
        assert_eq!(clamp(last + Duration::nanoseconds(1)), last);
        assert_eq!(clamp(DateTime::<Utc>::MAX_UTC), last);
        assert_eq!(clamp(DateTime::<Utc>::MIN_UTC), first);
    }

    #[test]
    fn end_of_day_is_next_midnight() {
        assert_eq!(
            at("Asia/Kolkata", (2026, 1, 1), 1440),
            "2026-01-01T18:30:00+00:00"
        );
    }
}
