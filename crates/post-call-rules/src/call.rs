//! The call record: what the PBX reports when a call ends.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::spelling::spelled;

/// Which way a call went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Direction {
    /// A customer called one of the account's numbers.
    Incoming,
    /// The account called out.
    Outgoing,
}

spelled!(Direction, "a direction", "Which way the call went.", [
    Incoming => "incoming",
    Outgoing => "outgoing",
]);

impl Direction {
    /// Every direction, in declaration order.
    pub const ALL: [Direction; 2] = [Direction::Incoming, Direction::Outgoing];

    pub(crate) fn bit(self) -> u8 {
        match self {
            Direction::Incoming => 1,
            Direction::Outgoing => 2,
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Direction::Incoming => 0,
            Direction::Outgoing => 1,
        }
    }
}

/// How a call ended, as PBXs report it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum CallStatus {
    /// Someone answered; the only status with talk time.
    Answered,
    /// It rang and nobody answered (or the caller hung up first).
    Missed,
    /// The other side was busy.
    Busy,
    /// It could not be set up (network error, invalid number, rejected).
    Failed,
    /// It went to voicemail without an agent answering.
    Voicemail,
}

spelled!(CallStatus, "a call status", "How the call ended.", [
    Answered => "answered",
    Missed => "missed",
    Busy => "busy",
    Failed => "failed",
    Voicemail => "voicemail",
]);

impl CallStatus {
    /// Every status, in declaration order.
    pub const ALL: [CallStatus; 5] = [
        CallStatus::Answered,
        CallStatus::Missed,
        CallStatus::Busy,
        CallStatus::Failed,
        CallStatus::Voicemail,
    ];

    pub(crate) fn index(self) -> usize {
        match self {
            CallStatus::Answered => 0,
            CallStatus::Missed => 1,
            CallStatus::Busy => 2,
            CallStatus::Failed => 3,
            CallStatus::Voicemail => 4,
        }
    }

    pub(crate) fn bit(self) -> u8 {
        1 << self.index()
    }
}

/// One finished call, as a value: the rules read nothing else about it.
///
/// Numbers are compared as written after removing spaces, `-`, `.`, `(`
/// and `)`; give them in E.164 (`+48601234567`) so that rule prefixes and
/// number lookups agree. An empty `caller` is a withheld number.
///
/// `duration_secs` is the talk time (answer to end) the PBX reports. A
/// call that was not [`Answered`](CallStatus::Answered) has no talk time:
/// the rules treat its duration as 0 whatever the record says, which is
/// what makes "missed, at least 10 s" a rule that can never match.
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use post_call_rules::{CallRecord, CallStatus, Direction};
///
/// let end = Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap();
/// let call = CallRecord::new(
///     Direction::Incoming,
///     "+48601234567",
///     "+48221234567",
///     CallStatus::Missed,
///     end,
/// );
/// assert_eq!(call.routed_to, "+48221234567");
/// assert_eq!(call.start, end);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CallRecord {
    /// Which way the call went.
    pub direction: Direction,
    /// The calling number (empty when withheld).
    pub caller: String,
    /// The number that was dialled.
    pub called: String,
    /// The account's number the call was routed to (for an incoming call
    /// usually the number dialled; for an outgoing call the number it was
    /// presented from). Rules select on it.
    pub routed_to: String,
    /// How the call ended.
    pub status: CallStatus,
    /// When it started ringing.
    pub start: DateTime<Utc>,
    /// When it was answered, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<DateTime<Utc>>,
    /// When it ended; sends are timed from here.
    pub end: DateTime<Utc>,
    /// Talk time in seconds, as the PBX reports it.
    #[serde(default)]
    pub duration_secs: u32,
    /// The IVR keys the caller pressed, in order (`"21#"`); empty when
    /// there was no IVR or nothing was pressed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ivr_keys: String,
    /// The agent who took the call, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// The group (queue) that took the call, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

impl CallRecord {
    /// A call that started, ended and (if answered) was answered at
    /// `end`, with no talk time, no IVR keys, no agent and no group; set
    /// the other fields directly. `routed_to` is the account's side of
    /// the call: the number dialled for an incoming call, the caller (the
    /// number presented) for an outgoing one.
    pub fn new(
        direction: Direction,
        caller: &str,
        called: &str,
        status: CallStatus,
        end: DateTime<Utc>,
    ) -> CallRecord {
        CallRecord {
            direction,
            caller: caller.to_string(),
            called: called.to_string(),
            routed_to: match direction {
                Direction::Incoming => called.to_string(),
                Direction::Outgoing => caller.to_string(),
            },
            status,
            start: end,
            answer: (status == CallStatus::Answered).then_some(end),
            end,
            duration_secs: 0,
            ivr_keys: String::new(),
            agent: None,
            group: None,
        }
    }

    /// The talk time the rules use: `duration_secs` for an answered call,
    /// 0 for any other.
    pub fn talk_secs(&self) -> u32 {
        if self.status == CallStatus::Answered {
            self.duration_secs
        } else {
            0
        }
    }
}
