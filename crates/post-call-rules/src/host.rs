//! What the host answers: number facts, send windows, send history and
//! staff groups. Each is a small trait, so a host can answer from
//! libphonenumber, a carrier lookup, a calendar or a database; simple
//! implementations are provided for tests and small hosts.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::number::normalize;
use crate::spelling::spelled;
use crate::Region;

/// What kind of line a number is, in libphonenumber's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LineType {
    /// A mobile number: can receive SMS.
    Mobile,
    /// A fixed (landline) number.
    FixedLine,
    /// Either; the number alone cannot tell (the US and Canada). Sent to
    /// or not by [`MaybeMobile`](crate::MaybeMobile).
    FixedLineOrMobile,
    /// A free-phone number.
    TollFree,
    /// A premium-rate number.
    PremiumRate,
    /// A shared-cost number.
    SharedCost,
    /// A VoIP number.
    Voip,
    /// A personal (follow-me) number.
    PersonalNumber,
    /// A pager.
    Pager,
    /// A "universal access" company number.
    Uan,
    /// A voicemail access number.
    Voicemail,
    /// Not known, or not a valid number.
    Unknown,
}

spelled!(LineType, "a line type", "What kind of line a number is.", [
    Mobile => "mobile",
    FixedLine => "fixed_line",
    FixedLineOrMobile => "fixed_line_or_mobile",
    TollFree => "toll_free",
    PremiumRate => "premium_rate",
    SharedCost => "shared_cost",
    Voip => "voip",
    PersonalNumber => "personal_number",
    Pager => "pager",
    Uan => "uan",
    Voicemail => "voicemail",
    Unknown => "unknown",
]);

impl LineType {
    /// The line type in words for a sentence: "a fixed line", "a
    /// toll-free number". (`Display` gives the short spelling `FromStr`
    /// reads: `fixed_line`.)
    ///
    /// ```
    /// use post_call_rules::LineType;
    ///
    /// assert_eq!(LineType::FixedLine.words(), "a fixed line");
    /// assert_eq!(LineType::FixedLine.to_string(), "fixed_line");
    /// ```
    pub fn words(self) -> &'static str {
        match self {
            LineType::Mobile => "a mobile number",
            LineType::FixedLine => "a fixed line",
            LineType::FixedLineOrMobile => {
                "a fixed line or a mobile number (the number cannot tell)"
            }
            LineType::TollFree => "a toll-free number",
            LineType::PremiumRate => "a premium-rate number",
            LineType::SharedCost => "a shared-cost number",
            LineType::Voip => "a VoIP number",
            LineType::PersonalNumber => "a personal (follow-me) number",
            LineType::Pager => "a pager",
            LineType::Uan => "a universal access number",
            LineType::Voicemail => "a voicemail access number",
            LineType::Unknown => "of an unknown kind",
        }
    }
}

/// The facts about one number the rules use: build them with
/// [`NumberDetails::new`] (more facts may be added, with defaults).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NumberDetails {
    /// The kind of line.
    pub line_type: LineType,
    /// The country calling code (48 for Poland), when known. "Foreign"
    /// compares this with the account's.
    pub calling_code: Option<u16>,
    /// The region, when known (`+7` is Russia and Kazakhstan, `+1` many
    /// regions).
    pub region: Option<Region>,
}

impl NumberDetails {
    /// These facts.
    ///
    /// ```
    /// use post_call_rules::{LineType, NumberDetails, Region};
    ///
    /// let d = NumberDetails::new(LineType::Mobile, Some(48), Region::new("PL"));
    /// assert_eq!(d.calling_code, Some(48));
    /// ```
    pub const fn new(
        line_type: LineType,
        calling_code: Option<u16>,
        region: Option<Region>,
    ) -> NumberDetails {
        NumberDetails { line_type, calling_code, region }
    }

    /// Nothing known: an unknown line type, no calling code, no region.
    pub const UNKNOWN: NumberDetails =
        NumberDetails::new(LineType::Unknown, None, None);
}

/// Facts about numbers: line type, calling code and region.
///
/// The number is given as the call record has it, with separators
/// removed. Implemented for closures `Fn(&str) -> NumberDetails` and, with
/// the `phonenumber` feature, by `LibPhoneNumber`.
pub trait NumberInfo {
    /// The facts about `number`; [`NumberDetails::UNKNOWN`] when nothing
    /// is known.
    fn details(&self, number: &str) -> NumberDetails;
}

impl<F: Fn(&str) -> NumberDetails> NumberInfo for F {
    fn details(&self, number: &str) -> NumberDetails {
        self(number)
    }
}

impl NumberInfo for HashMap<String, NumberDetails> {
    fn details(&self, number: &str) -> NumberDetails {
        self.get(number).copied().unwrap_or(NumberDetails::UNKNOWN)
    }
}

/// Whether a named send window allows sending at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
#[non_exhaustive]
pub enum WindowState {
    /// Sending is allowed now.
    Open,
    /// Sending is not allowed now; it next is from `opens` (which must be
    /// after the instant asked about; an earlier answer counts as never),
    /// or never.
    Closed {
        /// When the window next opens.
        opens: Option<DateTime<Utc>>,
    },
}

/// The account's named send windows, resolved by the host (from a
/// schedule, a calendar, ...), so this crate needs no calendar.
pub trait SendWindows {
    /// The state of window `name` at `at`; `None` when there is no window
    /// of that name.
    fn state(&self, name: &str, at: DateTime<Utc>) -> Option<WindowState>;

    /// Whether a window of that name exists. The default asks
    /// [`state`](SendWindows::state) at the Unix epoch.
    fn has(&self, name: &str) -> bool {
        self.state(name, DateTime::<Utc>::UNIX_EPOCH).is_some()
    }
}

impl<F> SendWindows for F
where
    F: Fn(&str, DateTime<Utc>) -> Option<WindowState>,
{
    fn state(&self, name: &str, at: DateTime<Utc>) -> Option<WindowState> {
        self(name, at)
    }
}

/// No windows at all: a rule that names one is suppressed with
/// [`Suppressed::UnknownWindow`](crate::Suppressed::UnknownWindow).
#[derive(Clone, Copy, Debug, Default)]
pub struct NoWindows;

impl SendWindows for NoWindows {
    fn state(&self, _: &str, _: DateTime<Utc>) -> Option<WindowState> {
        None
    }
}

/// When the account last sent to a number. The crate keeps no
/// state: the host records what it sent and answers here.
///
/// The recipient is asked for as
/// [`Decision::recipient`](crate::Decision::recipient) has it: as written
/// in the call record or staff group, with spaces, `-`, `.`, `(` and `)`
/// removed. An implementation must find sends it recorded under another
/// spelling of the same number, or the minimum interval does not hold
/// for them; [`SendLog`] does.
pub trait History {
    /// The last send to `recipient` by the rule named `rule`, or by any
    /// rule when `rule` is `None`; `None` when there was none.
    fn last_send(
        &self,
        recipient: &str,
        rule: Option<&str>,
    ) -> Option<DateTime<Utc>>;
}

/// No sends recorded.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoHistory;

impl History for NoHistory {
    fn last_send(&self, _: &str, _: Option<&str>) -> Option<DateTime<Utc>> {
        None
    }
}

/// History as a value: the last send per recipient and rule. Numbers
/// are kept and looked up with spaces, `-`, `.`, `(` and `)` removed, as
/// the rules compare them, so `+48 601 234 567` and `+48601234567` are
/// one recipient.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use post_call_rules::{History, SendLog};
///
/// let mut log = SendLog::new();
/// let t = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
/// log.record("+48601234567", "Thanks", t);
/// assert_eq!(log.last_send("+48601234567", Some("Thanks")), Some(t));
/// assert_eq!(log.last_send("+48601234567", None), Some(t));
/// assert_eq!(log.last_send("+48601234567", Some("Other")), None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SendLog {
    by_recipient: HashMap<String, Vec<(String, DateTime<Utc>)>>,
}

impl SendLog {
    /// An empty log.
    pub fn new() -> SendLog {
        SendLog::default()
    }

    /// Records a send by `rule` to `recipient` at `at`, keeping the latest
    /// per rule.
    pub fn record(&mut self, recipient: &str, rule: &str, at: DateTime<Utc>) {
        let recipient = normalize(recipient).into_owned();
        let sends = self.by_recipient.entry(recipient).or_default();
        match sends.iter_mut().find(|(r, _)| r == rule) {
            Some((_, t)) => *t = (*t).max(at),
            None => sends.push((rule.to_string(), at)),
        }
    }
}

impl History for SendLog {
    fn last_send(
        &self,
        recipient: &str,
        rule: Option<&str>,
    ) -> Option<DateTime<Utc>> {
        let sends = self.by_recipient.get(normalize(recipient).as_ref())?;
        sends
            .iter()
            .filter(|(r, _)| rule.is_none_or(|rule| r == rule))
            .map(|&(_, t)| t)
            .max()
    }
}

/// The members of named staff groups: their numbers.
pub trait StaffGroups {
    /// The numbers of group `name`; `None` when there is no such group.
    fn members(&self, name: &str) -> Option<&[String]>;
}

impl StaffGroups for HashMap<String, Vec<String>> {
    fn members(&self, name: &str) -> Option<&[String]> {
        self.get(name).map(Vec::as_slice)
    }
}

/// No groups: a rule that targets one is suppressed with
/// [`Suppressed::UnknownGroup`](crate::Suppressed::UnknownGroup).
#[derive(Clone, Copy, Debug, Default)]
pub struct NoGroups;

impl StaffGroups for NoGroups {
    fn members(&self, _: &str) -> Option<&[String]> {
        None
    }
}

/// Everything the host answers during an evaluation, and the seed of the
/// random sender choice.
///
/// ```
/// use post_call_rules::{Host, LineType, NumberDetails, SendLog};
///
/// let numbers = |_: &str| NumberDetails::new(LineType::Mobile, Some(48), None);
/// let log = SendLog::new();
/// let host = Host::new(&numbers).history(&log).seed(7);
/// # let _ = host;
/// ```
#[derive(Clone, Copy)]
pub struct Host<'a> {
    pub(crate) numbers: &'a dyn NumberInfo,
    pub(crate) windows: &'a dyn SendWindows,
    pub(crate) history: &'a dyn History,
    pub(crate) groups: &'a dyn StaffGroups,
    pub(crate) seed: u64,
}

impl<'a> Host<'a> {
    /// A host with these number facts, no windows ([`NoWindows`]), no
    /// history ([`NoHistory`]), no groups ([`NoGroups`]) and seed 0.
    pub fn new(numbers: &'a dyn NumberInfo) -> Host<'a> {
        Host {
            numbers,
            windows: &NoWindows,
            history: &NoHistory,
            groups: &NoGroups,
            seed: 0,
        }
    }

    /// The send windows.
    pub fn windows(mut self, windows: &'a dyn SendWindows) -> Host<'a> {
        self.windows = windows;
        self
    }

    /// The send history.
    pub fn history(mut self, history: &'a dyn History) -> Host<'a> {
        self.history = history;
        self
    }

    /// The staff groups.
    pub fn groups(mut self, groups: &'a dyn StaffGroups) -> Host<'a> {
        self.groups = groups;
        self
    }

    /// The seed mixed into the random sender choice (default 0): a host
    /// can change it to reshuffle which call gets which sender.
    pub fn seed(mut self, seed: u64) -> Host<'a> {
        self.seed = seed;
        self
    }
}

impl std::fmt::Debug for Host<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Host")
            .field("seed", &self.seed)
            .finish_non_exhaustive()
    }
}
