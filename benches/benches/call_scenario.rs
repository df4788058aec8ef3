//! `call-scenario`: one engine step, a whole scripted call, checking
//! settings of 100, 1,000 and 10,000 nodes, and caller path enumeration.
//!
//! Workloads, all built in code before timing:
//! - `step`: one event on a call state taken from a clone made outside the
//!   timing (`iter_batched`, the state dropped outside it too): a key in a menu with 4 keys (the key is taken,
//!   the branch's message starts), and a ring-step timer of an "in turn"
//!   department of 8 members (one leg cancelled, the next rung).
//! - `call`: the department flow of the golden logs (in turn, 4 members,
//!   one unavailable, one busy, answered at 45 s: 6 events, 19 actions),
//!   once with the raw engine (`Call::start` and `Call::step`) and once
//!   through `simulate` (virtual clock, bookkeeping and log).
//! - `check`: `NumberBuilder::check` on balanced trees of exactly 100,
//!   1,000 and 10,000 nodes (menus of 10 keys and "nothing selected",
//!   forwards with a voicemail after them, messages); throughput in nodes,
//!   so linear cost shows as a flat rate.
//! - `paths`: `paths` on a menu with 1 key and the default 2 retries (53
//!   paths), and on a menu of 4 keys each forwarding to a department
//!   (depth 8).

use std::hint::black_box;
use std::time::Duration;

use call_scenario::{
    paths, simulate, Call, Cue, DepartmentWait, DirectoryId, Distribution,
    Event, Facts, ForwardToDepartment, ForwardToEmployee, ForwardWait, Key,
    Mailbox, Menu, Node, NodeKind, Number, NumberBuilder, PathOptions, Prompt,
    Settings, Step,
};
use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BatchSize, BenchmarkGroup, BenchmarkId,
    Criterion, Throughput,
};

fn text(s: &str) -> Prompt {
    Prompt::Text(s.to_string())
}

fn message(s: &str) -> Node {
    Node::new(NodeKind::Message(text(s)))
}

fn menu(keys: Vec<(Key, Node)>, nothing: Node) -> Node {
    let mut m = Menu::new(text("Choose")).with_nothing_selected(nothing);
    for (k, n) in keys {
        m = m.with_key(k, n);
    }
    Node::new(NodeKind::Menu(m))
}

fn department(d: &str, distribution: Distribution) -> Node {
    Node::new(NodeKind::ForwardToDepartment(ForwardToDepartment::new(
        d,
        distribution,
        DepartmentWait::M1,
    )))
    .then(Node::new(NodeKind::Voicemail(
        Mailbox::new().with_recipient(DirectoryId::Department(d.to_string())),
    )))
}

fn one(scenario: Node) -> Number {
    let s = Settings::new("bench").with_scenario("Working time", scenario);
    Number::new(s).expect("valid bench settings")
}

/// A tree of exactly `n` nodes: a menu over up to 11 subtrees while more
/// than 2 nodes are left, else a forward with a voicemail, else a message.
fn tree(n: usize, i: &mut usize) -> Node {
    *i += 1;
    match n {
        0 | 1 => message(&format!("m{i}")),
        2 => Node::new(NodeKind::ForwardToEmployee(ForwardToEmployee::new(
            format!("e{}", *i % 50),
            ForwardWait::S20,
        )))
        .then(message("Nobody")),
        _ => {
            let rest = n - 1;
            let parts = rest.min(11);
            let sizes: Vec<usize> = (0..parts)
                .map(|k| rest / parts + usize::from(k < rest % parts))
                .collect();
            let mut children: Vec<Node> =
                sizes.iter().map(|&s| tree(s, i)).collect();
            let nothing = children.pop().expect("at least one part");
            let keys = Key::ALL.iter().copied().zip(children).collect();
            menu(keys, nothing)
        }
    }
}

fn settings_of(n: usize) -> Settings {
    Settings::new("big").with_scenario("Working time", tree(n, &mut 0))
}

fn sales_facts(members: &[&str], unavailable: &[&str]) -> Facts {
    let mut f = Facts::default();
    f.departments.insert(
        "sales".into(),
        members.iter().map(|m| m.to_string()).collect(),
    );
    f.unavailable = unavailable.iter().map(|m| m.to_string()).collect();
    f
}

fn configure(group: &mut BenchmarkGroup<'_, WallTime>) {
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2));
}

fn benches(c: &mut Criterion) {
    // One step.
    let mut group = c.benchmark_group("step");
    configure(&mut group);
    let keys: Vec<(Key, Node)> = (1..=4)
        .map(|k| (Key::ALL[k], message(&format!("Branch {k}"))))
        .collect();
    let number = one(menu(keys, message("Bye")));
    let (call, _) =
        Call::start(&number, "Working time", Facts::default()).expect("start");
    group.bench_function("menu_key", |b| {
        b.iter_batched(
            || call.clone(),
            // The call is returned, so dropping it is not timed.
            |mut call| {
                let actions = call
                    .step(&number, Event::Digit { key: Key::D2 })
                    .expect("step");
                black_box((call, actions))
            },
            BatchSize::SmallInput,
        )
    });
    let eight = ["a", "b", "c", "d", "e", "f", "g", "h"];
    let dept = one(department("sales", Distribution::InTurn(Step::S5)));
    let (call, first) =
        Call::start(&dept, "Working time", sales_facts(&eight, &[]))
            .expect("start");
    assert_eq!(first.len(), 3, "setup: ring, wait timer, step timer");
    group.bench_function("ring_step", |b| {
        b.iter_batched(
            || call.clone(),
            |mut call| {
                let actions = call
                    .step(&dept, Event::TimerFired { timer: 2 })
                    .expect("step");
                black_box((call, actions))
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();

    // A whole scripted call: the golden in-turn flow.
    let mut group = c.benchmark_group("call");
    configure(&mut group);
    let dept = one(department("sales", Distribution::InTurn(Step::S10)));
    let facts = sales_facts(&["anna", "boris", "vera", "gleb"], &["boris"]);
    let script = [
        Cue::Wait(12),
        Cue::Busy("vera".into()),
        Cue::Wait(33),
        Cue::Answer("anna".into()),
    ];
    let sim = simulate(&dept, "Working time", facts.clone(), &script)
        .expect("script");
    let events: Vec<Event> = sim
        .log()
        .iter()
        .filter_map(|e| match e.entry() {
            call_scenario::Logged::Event(ev) => Some(ev.clone()),
            _ => None,
        })
        .collect();
    let actions = sim
        .log()
        .iter()
        .filter(|e| matches!(e.entry(), call_scenario::Logged::Action(_)))
        .count();
    assert_eq!((events.len(), actions), (6, 19), "setup: the golden flow");
    group.throughput(Throughput::Elements(events.len() as u64));
    group.bench_function("engine", |b| {
        b.iter(|| {
            let (mut call, mut out) =
                Call::start(&dept, "Working time", facts.clone())
                    .expect("start");
            for e in &events {
                call.step_into(&dept, e.clone(), &mut out).expect("step");
            }
            black_box((call, out))
        })
    });
    group.bench_function("simulate", |b| {
        b.iter(|| {
            black_box(
                simulate(&dept, "Working time", facts.clone(), &script)
                    .expect("script")
                    .log()
                    .len(),
            )
        })
    });
    group.finish();

    // Checking settings of growing size.
    let mut group = c.benchmark_group("check");
    configure(&mut group);
    let checker = NumberBuilder::new();
    for n in [100, 1_000, 10_000] {
        let s = settings_of(n);
        let problems = checker.check(&s);
        assert!(
            problems
                .iter()
                .all(|p| p.severity() != call_scenario::Severity::Error),
            "setup: {problems:?}"
        );
        let built = checker.build(s.clone()).expect("valid");
        assert_eq!(built.node_count(), n, "setup: tree size");
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("nodes", n), &s, |b, s| {
            b.iter(|| black_box(checker.check(s)))
        });
    }
    group.finish();

    // Path enumeration.
    let mut group = c.benchmark_group("paths");
    configure(&mut group);
    let small = one(menu(vec![(Key::D1, message("A"))], message("Bye")));
    let p = paths(
        &small,
        "Working time",
        &Facts::default(),
        PathOptions::default(),
    )
    .expect("paths");
    assert_eq!(p.paths().len(), 53, "setup: hand-counted paths");
    group.bench_function("menu_53", |b| {
        b.iter(|| {
            black_box(
                paths(
                    &small,
                    "Working time",
                    &Facts::default(),
                    PathOptions::default(),
                )
                .expect("paths")
                .paths()
                .len(),
            )
        })
    });
    let keys: Vec<(Key, Node)> = (1..=4)
        .map(|k| (Key::ALL[k], department("sales", Distribution::AllAtOnce)))
        .collect();
    let wide = one(menu(keys, message("Bye")));
    let facts = sales_facts(&["anna", "boris", "vera"], &[]);
    let options = PathOptions::default().with_depth(8).with_max_paths(100_000);
    let count = paths(&wide, "Working time", &facts, options)
        .expect("paths")
        .paths()
        .len();
    eprintln!("paths/departments: {count} paths");
    group.bench_function("departments", |b| {
        b.iter(|| {
            black_box(
                paths(&wide, "Working time", &facts, options)
                    .expect("paths")
                    .paths()
                    .len(),
            )
        })
    });
    group.finish();
}

criterion_group!(call_scenario_benches, benches);
criterion_main!(call_scenario_benches);
