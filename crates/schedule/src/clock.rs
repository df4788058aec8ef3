//! Wall-clock times of day, `00:00` to `24:00`.

use core::fmt;
use core::str::FromStr;

/// A local wall-clock time of day with minute precision, from `00:00` to
/// `24:00` inclusive (`24:00` is the end of the day, valid as a range end).
///
/// Written and read as `HH:MM`.
///
/// # Example
/// ```
/// use business_hours::Clock;
///
/// let c: Clock = "08:30".parse()?;
/// assert_eq!(c.minutes(), 510);
/// assert_eq!(c.to_string(), "08:30");
/// assert!("24:01".parse::<Clock>().is_err());
/// # Ok::<(), business_hours::ClockError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Clock(u16);

impl Clock {
    /// Midnight at the start of the day, `00:00`.
    pub const MIDNIGHT: Clock = Clock(0);
    /// The end of the day, `24:00`.
    pub const END_OF_DAY: Clock = Clock(1440);

    /// The time `hour:minute`.
    ///
    /// # Errors
    /// [`ClockError`] unless `hour` is 0 to 23 and `minute` 0 to 59, or the
    /// time is exactly 24:00.
    pub fn new(hour: u8, minute: u8) -> Result<Clock, ClockError> {
        let ok = (hour < 24 && minute < 60) || (hour == 24 && minute == 0);
        if !ok {
            return Err(ClockError { text: format!("{hour:02}:{minute:02}") });
        }
        Ok(Clock(u16::from(hour) * 60 + u16::from(minute)))
    }

    /// Minutes since midnight, 0 to 1440.
    pub fn minutes(self) -> u16 {
        self.0
    }

    pub(crate) fn from_minutes(minutes: u16) -> Clock {
        debug_assert!(minutes <= 1440);
        Clock(minutes.min(1440))
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// A time of day that is not `HH:MM` between `00:00` and `24:00`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid time {text:?}: expected HH:MM from 00:00 to 24:00")]
pub struct ClockError {
    text: String,
}

impl FromStr for Clock {
    type Err = ClockError;

    fn from_str(s: &str) -> Result<Clock, ClockError> {
        let fail = || ClockError { text: s.to_string() };
        let (h, m) = s.split_once(':').ok_or_else(fail)?;
        let digits = |p: &str| {
            (!p.is_empty()
                && p.len() <= 2
                && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u8>().ok())
            .flatten()
        };
        if m.len() != 2 {
            return Err(fail());
        }
        let (Some(h), Some(m)) = (digits(h), digits(m)) else {
            return Err(fail());
        };
        Clock::new(h, m).map_err(|_| fail())
    }
}

impl serde::Serialize for Clock {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Clock {
    fn deserialize<D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Clock, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Clock {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Clock".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^(([01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)$",
            "description": "A local time of day, HH:MM from 00:00 to 24:00."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display() {
        for (s, m) in
            [("00:00", 0), ("9:05", 545), ("23:59", 1439), ("24:00", 1440)]
        {
            let c: Clock = s.parse().unwrap();
            assert_eq!(c.minutes(), m);
        }
        assert_eq!("9:05".parse::<Clock>().unwrap().to_string(), "09:05");
        for bad in [
            "", "24:01", "25:00", "12:60", "12", "12:5", "1:2:3", "-1:00",
            "+1:00", "aa:bb", "123:00",
        ] {
            assert!(bad.parse::<Clock>().is_err(), "{bad}");
        }
    }
}
