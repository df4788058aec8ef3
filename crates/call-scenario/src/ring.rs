//! Department ring plans: who rings from when to when.
//!
//! [`RingPlan::new`] is the timeline when every member rung keeps ringing
//! until the plan stops them. The engine runs the same [`Rotation`] on the
//! same grid of steps, so a call in which nobody reports busy follows the
//! plan exactly; how a busy member changes it is in the crate docs.

use core::fmt;
use core::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::settings::Distribution;
use crate::values::{DepartmentWait, ParseValueError};

/// A department member, in the department's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Member {
    /// The employee's id.
    pub employee: String,
    /// Whether the member may be rung (free, not on a call, not away).
    pub available: bool,
}

impl Member {
    /// The member `employee`, available or not.
    pub fn new(employee: impl Into<String>, available: bool) -> Member {
        Member { employee: employee.into(), available }
    }
}

/// One leg of a plan: a member rung from `from` until `to` (seconds from
/// the start of ringing, `to` excluded).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedLeg {
    member: usize,
    employee: String,
    from: u32,
    to: u32,
}

impl PlannedLeg {
    /// The member's position in the department's list.
    pub fn member(&self) -> usize {
        self.member
    }

    /// The employee's id.
    pub fn employee(&self) -> &str {
        &self.employee
    }

    /// When ringing starts, in seconds from the start of ringing.
    pub fn from(&self) -> u32 {
        self.from
    }

    /// When ringing stops if nobody answered (excluded).
    pub fn to(&self) -> u32 {
        self.to
    }
}

/// The exact timeline of ringing a department.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RingPlan {
    legs: Vec<PlannedLeg>,
    ends_at: u32,
    /// Members never rung, by position, with their ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    unavailable: Vec<(usize, String)>,
}

/// How a leg of a ring plan ended, or why a member was not rung.
///
/// `Display` and `FromStr` spell it `answered`, `cancelled by an answer`,
/// `step passed on`, `wait expired`, `unavailable`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LegEnding {
    /// This member answered.
    Answered,
    /// Another member answered while this one rang.
    CancelledByAnswer,
    /// Its turn ended: the next member rang instead (in turn).
    StepPassedOn,
    /// The department's wait ran out with nobody answering.
    WaitExpired,
    /// The member was not available and was never rung.
    Unavailable,
}

impl LegEnding {
    const ALL: [(LegEnding, &'static str); 5] = [
        (LegEnding::Answered, "answered"),
        (LegEnding::CancelledByAnswer, "cancelled by an answer"),
        (LegEnding::StepPassedOn, "step passed on"),
        (LegEnding::WaitExpired, "wait expired"),
        (LegEnding::Unavailable, "unavailable"),
    ];
}

impl fmt::Display for LegEnding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words = LegEnding::ALL.iter().find(|(e, _)| e == self);
        f.write_str(words.map_or("ended", |(_, w)| w))
    }
}

impl FromStr for LegEnding {
    type Err = ParseValueError;

    fn from_str(s: &str) -> Result<LegEnding, ParseValueError> {
        LegEnding::ALL
            .iter()
            .find(|(_, w)| *w == s)
            .map(|(e, _)| *e)
            .ok_or_else(|| {
                let words: Vec<&str> =
                    LegEnding::ALL.iter().map(|(_, w)| *w).collect();
                ParseValueError::one_of("leg ending", s, &words)
            })
    }
}

/// A member's leg as it went: who, from when to when, and how it ended
/// (for an unavailable member, `from` and `to` are 0).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndedLeg {
    member: usize,
    employee: String,
    from: u32,
    to: u32,
    ending: LegEnding,
}

impl EndedLeg {
    /// The member's position in the department's list.
    pub fn member(&self) -> usize {
        self.member
    }

    /// The employee's id.
    pub fn employee(&self) -> &str {
        &self.employee
    }

    /// When ringing started, in seconds from the start of ringing.
    pub fn from(&self) -> u32 {
        self.from
    }

    /// When it stopped.
    pub fn to(&self) -> u32 {
        self.to
    }

    /// How it ended.
    pub fn ending(&self) -> LegEnding {
        self.ending
    }
}

impl RingPlan {
    /// The timeline for `members` (in the department's order) under
    /// `distribution` and `wait`:
    ///
    /// - **All at once**: every available member rings from 0 to the wait.
    /// - **In turn**: the first available member rings for one step, then
    ///   the next available one, and so on, back to the first after the
    ///   last, until the wait ends (the last turn is cut short by it). A
    ///   member who is the only one available rings once, for the whole
    ///   wait.
    /// - **Cumulative**: the first available member from 0, the second
    ///   added at one step, the third at two steps, ..., each ringing until
    ///   the wait.
    ///
    /// Unavailable members are skipped and never rung; a step falls on
    /// multiples of the step strictly before the wait.
    ///
    /// # Example
    /// ```
    /// use call_scenario::{Distribution, DepartmentWait, Member, RingPlan, Step};
    /// let members = [("anna", true), ("boris", false), ("vera", true)]
    ///     .map(|(e, a)| Member::new(e, a));
    /// let plan = RingPlan::new(
    ///     &members,
    ///     Distribution::InTurn(Step::S10),
    ///     DepartmentWait::S30,
    /// );
    /// let t: Vec<_> = plan.legs().iter()
    ///     .map(|l| (l.employee(), l.from(), l.to())).collect();
    /// assert_eq!(t, [("anna", 0, 10), ("vera", 10, 20), ("anna", 20, 30)]);
    /// assert_eq!(plan.ends_at(), 30);
    /// ```
    pub fn new(
        members: &[Member],
        distribution: Distribution,
        wait: DepartmentWait,
    ) -> RingPlan {
        let wait = wait.seconds();
        let mut rotation = Rotation::new(members, distribution);
        let mut legs: Vec<PlannedLeg> = Vec::new();
        // Open legs: index into `legs`, by member.
        let mut open: Vec<(usize, usize)> = Vec::new();
        let ring = |legs: &mut Vec<PlannedLeg>,
                    open: &mut Vec<(usize, usize)>,
                    m: usize,
                    at: u32| {
            let employee =
                members.get(m).map(|x| x.employee.clone()).unwrap_or_default();
            open.push((m, legs.len()));
            legs.push(PlannedLeg { member: m, employee, from: at, to: wait });
        };
        for m in rotation.start() {
            ring(&mut legs, &mut open, m, 0);
        }
        if legs.is_empty() {
            return RingPlan {
                legs,
                ends_at: 0,
                unavailable: unavailable(members),
            };
        }
        let step = distribution.step().map_or(0, |s| s.seconds());
        let mut k = 1;
        while step > 0 && k * step < wait && rotation.can_advance() {
            let at = k * step;
            let change = rotation.advance();
            for m in change.stop {
                if let Some(pos) = open.iter().position(|o| o.0 == m) {
                    let (_, leg) = open.remove(pos);
                    legs[leg].to = at;
                }
            }
            for m in change.start {
                ring(&mut legs, &mut open, m, at);
            }
            k += 1;
        }
        RingPlan { legs, ends_at: wait, unavailable: unavailable(members) }
    }

    /// The legs, by start time, then by member order.
    pub fn legs(&self) -> &[PlannedLeg] {
        &self.legs
    }

    /// When the department counts as not answered: the wait, or 0 when
    /// nobody is available (the "no answer" scenario starts at once).
    pub fn ends_at(&self) -> u32 {
        self.ends_at
    }

    /// Every leg with how it ended when nobody answers, then the members
    /// never rung (unavailable), in the department's order.
    pub fn ended(&self) -> Vec<EndedLeg> {
        self.legs_until(None)
    }

    /// Every leg with how it ended when `member` (a position in the
    /// department's list) answers at second `at`: its leg is answered,
    /// the others ringing then are cancelled, legs after `at` are not
    /// rung; then the members never rung (unavailable). `None` when that
    /// member is not ringing at `at`.
    ///
    /// # Example
    /// ```
    /// use call_scenario::{DepartmentWait, Distribution, LegEnding, Member, RingPlan, Step};
    /// let members = [Member::new("anna", true), Member::new("boris", false),
    ///                Member::new("vera", true)];
    /// let plan = RingPlan::new(&members, Distribution::Cumulative(Step::S5),
    ///                          DepartmentWait::S30);
    /// let legs = plan.answered(2, 12).unwrap();
    /// let got: Vec<_> = legs.iter()
    ///     .map(|l| (l.employee(), l.from(), l.to(), l.ending())).collect();
    /// assert_eq!(got, [
    ///     ("anna", 0, 12, LegEnding::CancelledByAnswer),
    ///     ("vera", 5, 12, LegEnding::Answered),
    ///     ("boris", 0, 0, LegEnding::Unavailable),
    /// ]);
    /// assert!(plan.answered(2, 3).is_none()); // vera rings from 5 s
    /// ```
    pub fn answered(&self, member: usize, at: u32) -> Option<Vec<EndedLeg>> {
        self.ringing_at(at)
            .any(|l| l.member == member)
            .then(|| self.legs_until(Some((member, at))))
    }

    fn legs_until(&self, answer: Option<(usize, u32)>) -> Vec<EndedLeg> {
        let mut out = Vec::new();
        for l in &self.legs {
            let (to, ending) = match answer {
                Some((_, at)) if l.from > at => continue,
                Some((m, at)) if l.to > at => {
                    if l.member == m {
                        (at, LegEnding::Answered)
                    } else {
                        (at, LegEnding::CancelledByAnswer)
                    }
                }
                _ if l.to >= self.ends_at => (l.to, LegEnding::WaitExpired),
                _ => (l.to, LegEnding::StepPassedOn),
            };
            out.push(EndedLeg {
                member: l.member,
                employee: l.employee.clone(),
                from: l.from,
                to,
                ending,
            });
        }
        out.extend(self.unavailable.iter().map(|(m, e)| EndedLeg {
            member: *m,
            employee: e.clone(),
            from: 0,
            to: 0,
            ending: LegEnding::Unavailable,
        }));
        out
    }

    /// The members ringing at second `t`.
    pub fn ringing_at(&self, t: u32) -> impl Iterator<Item = &PlannedLeg> {
        self.legs.iter().filter(move |l| l.from <= t && t < l.to)
    }
}

/// The members not available, by position, with their ids.
fn unavailable(members: &[Member]) -> Vec<(usize, String)> {
    members
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.available)
        .map(|(i, m)| (i, m.employee.clone()))
        .collect()
}

/// What changes at a step: legs to stop and members to ring.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Change {
    pub(crate) stop: Vec<usize>,
    pub(crate) start: Vec<usize>,
}

/// The order in which a department's available members are rung, shared
/// by [`RingPlan`] and the engine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Rotation {
    mode: Mode,
    /// Positions (in the department's list) of the members still in the
    /// rotation, in order.
    order: Vec<usize>,
    /// In turn: the position in `order` of the member ringing, if one is.
    /// Cumulative: how many of `order` have been added.
    at: usize,
    /// In turn: whether `at` names the member ringing (else the next to
    /// ring).
    ringing: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Mode {
    AllAtOnce,
    InTurn,
    Cumulative,
}

impl Rotation {
    pub(crate) fn new(
        members: &[Member],
        distribution: Distribution,
    ) -> Rotation {
        let order =
            (0..members.len()).filter(|&i| members[i].available).collect();
        let mode = match distribution {
            Distribution::AllAtOnce => Mode::AllAtOnce,
            Distribution::InTurn(_) => Mode::InTurn,
            Distribution::Cumulative(_) => Mode::Cumulative,
        };
        Rotation { mode, order, at: 0, ringing: false }
    }

    /// Who rings first.
    pub(crate) fn start(&mut self) -> Vec<usize> {
        match self.mode {
            Mode::AllAtOnce => {
                self.at = self.order.len();
                self.order.clone()
            }
            Mode::InTurn | Mode::Cumulative => self.advance().start,
        }
    }

    /// Whether a step can change who rings.
    pub(crate) fn can_advance(&self) -> bool {
        match self.mode {
            Mode::AllAtOnce => false,
            Mode::InTurn => {
                self.order.len() > 1
                    || (!self.ringing && !self.order.is_empty())
            }
            Mode::Cumulative => self.at < self.order.len(),
        }
    }

    /// The change at a step.
    pub(crate) fn advance(&mut self) -> Change {
        let mut change = Change::default();
        match self.mode {
            Mode::AllAtOnce => {}
            Mode::InTurn => {
                if self.order.is_empty() {
                    return change;
                }
                // `at` is kept in range here, but a call state can come
                // back altered from a host's store: never index with it.
                let len = self.order.len();
                if self.ringing {
                    let next = (self.at % len + 1) % len;
                    if next == self.at {
                        return change; // the only one keeps ringing
                    }
                    change.stop.extend(self.order.get(self.at).copied());
                    self.at = next;
                } else {
                    self.at %= len;
                }
                self.ringing = true;
                change.start.extend(self.order.get(self.at).copied());
            }
            Mode::Cumulative => {
                if let Some(&m) = self.order.get(self.at) {
                    change.start.push(m);
                    self.at += 1;
                }
            }
        }
        change
    }

    /// A member whose leg ended on its own (busy, not answered, failed):
    /// out of the rotation for the rest of this ringing.
    pub(crate) fn drop_member(&mut self, member: usize) {
        let Some(pos) = self.order.iter().position(|&m| m == member) else {
            return;
        };
        self.order.remove(pos);
        match self.mode {
            Mode::AllAtOnce => self.at = self.order.len(),
            Mode::Cumulative => {
                if pos < self.at {
                    self.at -= 1;
                }
            }
            Mode::InTurn => {
                if pos < self.at {
                    self.at -= 1;
                } else if pos == self.at && self.ringing {
                    // The next one now sits at `pos`.
                    self.ringing = false;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Step;

    fn members(spec: &str) -> Vec<Member> {
        // "a b- c": b unavailable.
        spec.split_whitespace()
            .map(|s| Member {
                employee: s.trim_end_matches('-').to_string(),
                available: !s.ends_with('-'),
            })
            .collect()
    }

    fn timeline(plan: &RingPlan) -> Vec<(String, u32, u32)> {
        plan.legs.iter().map(|l| (l.employee.clone(), l.from, l.to)).collect()
    }

    fn t(v: &[(&str, u32, u32)]) -> Vec<(String, u32, u32)> {
        v.iter().map(|&(e, f, to)| (e.to_string(), f, to)).collect()
    }

    fn endings(legs: &[EndedLeg]) -> Vec<(&str, u32, u32, String)> {
        legs.iter()
            .map(|l| (l.employee(), l.from(), l.to(), l.ending().to_string()))
            .collect()
    }

    #[test]
    fn every_leg_says_how_it_ended() {
        let m = members("a b- c d");
        let plan = RingPlan::new(
            &m,
            Distribution::InTurn(Step::S10),
            DepartmentWait::S30,
        );
        let s = |v: &str| v.to_string();
        assert_eq!(
            endings(&plan.ended()),
            [
                ("a", 0, 10, s("step passed on")),
                ("c", 10, 20, s("step passed on")),
                ("d", 20, 30, s("wait expired")),
                ("b", 0, 0, s("unavailable")),
            ]
        );
        // d answers at 25; c (its turn over) passed on, a never rang again.
        assert_eq!(
            endings(&plan.answered(3, 25).unwrap()),
            [
                ("a", 0, 10, s("step passed on")),
                ("c", 10, 20, s("step passed on")),
                ("d", 20, 25, s("answered")),
                ("b", 0, 0, s("unavailable")),
            ]
        );
        assert!(plan.answered(0, 25).is_none());
        assert!(plan.answered(1, 0).is_none());
        let all =
            RingPlan::new(&m, Distribution::AllAtOnce, DepartmentWait::S15);
        assert_eq!(
            endings(&all.answered(2, 7).unwrap()),
            [
                ("a", 0, 7, s("cancelled by an answer")),
                ("c", 0, 7, s("answered")),
                ("d", 0, 7, s("cancelled by an answer")),
                ("b", 0, 0, s("unavailable")),
            ]
        );
        for (e, _) in LegEnding::ALL {
            assert_eq!(e.to_string().parse::<LegEnding>(), Ok(e));
        }
        let json = serde_json::to_value(all.ended()).unwrap();
        assert_eq!(json[3]["ending"], "unavailable");
    }

    #[test]
    fn all_at_once_skips_unavailable() {
        let p = RingPlan::new(
            &members("a b- c"),
            Distribution::AllAtOnce,
            DepartmentWait::S20,
        );
        assert_eq!(timeline(&p), t(&[("a", 0, 20), ("c", 0, 20)]));
        assert_eq!(p.ends_at, 20);
        assert_eq!(p.ringing_at(19).count(), 2);
        assert_eq!(p.ringing_at(20).count(), 0);
    }

    #[test]
    fn in_turn_wraps_to_the_top() {
        let p = RingPlan::new(
            &members("a- b c d-"),
            Distribution::InTurn(Step::S5),
            DepartmentWait::S20,
        );
        assert_eq!(
            timeline(&p),
            t(&[("b", 0, 5), ("c", 5, 10), ("b", 10, 15), ("c", 15, 20)])
        );
        // The last turn is cut by the wait: 15 s with 10 s steps.
        let p = RingPlan::new(
            &members("a b c"),
            Distribution::InTurn(Step::S10),
            DepartmentWait::S15,
        );
        assert_eq!(timeline(&p), t(&[("a", 0, 10), ("b", 10, 15)]));
        // Steps longer than the wait: only the first.
        let p = RingPlan::new(
            &members("a b"),
            Distribution::InTurn(Step::S30),
            DepartmentWait::S20,
        );
        assert_eq!(timeline(&p), t(&[("a", 0, 20)]));
    }

    #[test]
    fn in_turn_alone_rings_once() {
        let p = RingPlan::new(
            &members("a- b c-"),
            Distribution::InTurn(Step::S5),
            DepartmentWait::M1,
        );
        assert_eq!(timeline(&p), t(&[("b", 0, 60)]));
    }

    #[test]
    fn cumulative_adds_one_per_step() {
        let p = RingPlan::new(
            &members("a b- c d"),
            Distribution::Cumulative(Step::S10),
            DepartmentWait::S30,
        );
        assert_eq!(
            timeline(&p),
            t(&[("a", 0, 30), ("c", 10, 30), ("d", 20, 30)])
        );
        let p = RingPlan::new(
            &members("a b c d e"),
            Distribution::Cumulative(Step::S15),
            DepartmentWait::S30,
        );
        assert_eq!(timeline(&p), t(&[("a", 0, 30), ("b", 15, 30)]));
    }

    #[test]
    fn nobody_available() {
        for d in [
            Distribution::AllAtOnce,
            Distribution::InTurn(Step::S5),
            Distribution::Cumulative(Step::S5),
        ] {
            let p = RingPlan::new(&members("a- b-"), d, DepartmentWait::M10);
            assert!(p.legs.is_empty());
            assert_eq!(p.ends_at, 0);
            let p = RingPlan::new(&[], d, DepartmentWait::M10);
            assert_eq!(p.ends_at, 0);
        }
    }

    #[test]
    fn longest_plan_is_bounded() {
        let p = RingPlan::new(
            &members("a b"),
            Distribution::InTurn(Step::S5),
            DepartmentWait::M10,
        );
        assert_eq!(p.legs.len(), 120);
        assert_eq!(p.legs[119].employee, "b");
        assert_eq!((p.legs[119].from, p.legs[119].to), (595, 600));
        // All at once is bounded by the members listed, not by the wait.
        let many: Vec<Member> = (0..300)
            .map(|i| Member { employee: format!("m{i}"), available: true })
            .collect();
        let p =
            RingPlan::new(&many, Distribution::AllAtOnce, DepartmentWait::M10);
        assert_eq!(p.legs.len(), 300);
        let p = RingPlan::new(
            &many,
            Distribution::Cumulative(Step::S5),
            DepartmentWait::M10,
        );
        assert_eq!(p.legs.len(), 120);
    }

    #[test]
    fn rotation_after_a_drop() {
        let ms = members("a b c");
        let mut r = Rotation::new(&ms, Distribution::InTurn(Step::S5));
        assert_eq!(r.start(), [0]);
        // a is busy: b is next, then c, then back to b.
        r.drop_member(0);
        assert_eq!(r.advance(), Change { stop: vec![], start: vec![1] });
        assert_eq!(r.advance(), Change { stop: vec![1], start: vec![2] });
        assert_eq!(r.advance(), Change { stop: vec![2], start: vec![1] });
        // c is the last one: dropping b leaves c, which rings on alone.
        r.drop_member(1);
        assert!(r.can_advance());
        assert_eq!(r.advance(), Change { stop: vec![], start: vec![2] });
        assert!(!r.can_advance());
        r.drop_member(2);
        assert!(!r.can_advance());
        assert_eq!(r.advance(), Change::default());

        let mut r = Rotation::new(&ms, Distribution::InTurn(Step::S5));
        r.start();
        r.advance(); // b rings
        r.drop_member(2); // c leaves while b rings: b goes on to a
        assert_eq!(r.advance(), Change { stop: vec![1], start: vec![0] });

        let mut r = Rotation::new(&ms, Distribution::Cumulative(Step::S5));
        assert_eq!(r.start(), [0]);
        r.drop_member(0);
        assert_eq!(r.advance().start, [1]);
        assert_eq!(r.advance().start, [2]);
        assert!(!r.can_advance());
    }
}
