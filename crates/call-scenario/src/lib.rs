/*!
Incoming-call scenarios of a cloud PBX number.
*/

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod call;
mod copy;
mod error;
mod number;
mod path;
mod ring;
mod settings;
mod simulation;
mod values;

pub use crate::call::{
    Action, Call, Choice, Delivery, Event, Facts, Outcome, Target, TimerName,
    Visit,
};
pub use crate::copy::{Copy, Dangling, Remap};
pub use crate::error::{Branch, Error, Problem, ProblemKind, Severity};
pub use crate::number::{Directory, Limits, Number, NumberBuilder, Timing};
pub use crate::ring::{Member, PlannedLeg, RingPlan};
pub use crate::settings::{
    Distribution, ForwardToDepartment, ForwardToEmployee, ForwardToNumber,
    Mailbox, Menu, Node, NodeKind, Prompt, Recipient, Settings,
};
pub use crate::simulation::{
    paths, simulate, CallerPath, Cue, LogEntry, Logged, PathEnd, PathOptions,
    Paths, Simulation,
};
pub use crate::values::{DepartmentWait, ForwardWait, Key, Step};
