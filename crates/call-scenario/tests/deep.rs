//! Trees of any depth built through the public constructors: every
//! operation finishes without overflowing the stack (they aborted the
//! process at 50,000 levels; dropping did at 1,000,000).

use call_scenario::{
    Key, Menu, Node, NodeKind, Number, ProblemKind, Prompt, Remap, Settings,
};

const DEPTH: usize = 50_000;

/// `n` levels: a chain of messages, with a menu every third level whose
/// key 1 leads on.
fn deep(n: usize) -> Settings {
    let mut node = Node::new(NodeKind::Message(Prompt::text("end")));
    for i in 0..n {
        node = if i % 3 == 0 {
            Node::new(NodeKind::Menu(
                Menu::new(Prompt::text("menu"))
                    .with_key(Key::D1, node)
                    .with_nothing_selected(Node::new(NodeKind::GoTo(
                        "x".into(),
                    ))),
            ))
        } else {
            Node::new(NodeKind::Message(Prompt::text("m"))).then(node)
        };
    }
    Settings::new("deep").with_scenario("Working time", node)
}

/// Runs `f` on a thread with a 2 MiB stack (Rust's default for threads),
/// whatever the platform's: a recursion per level needs far more at
/// 50,000 levels.
fn small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn every_operation_on_a_deep_tree_finishes() {
    small_stack(|| {
        let s = deep(DEPTH);
        let copy = s.clone();
        assert!(copy == s);
        let other = deep(DEPTH - 1);
        assert!(other != s);
        let debug = format!("{s:?}");
        assert_eq!(debug.matches("Node {").count(), DEPTH + 1 + DEPTH / 3 + 1);
        let json = s.to_json();
        assert!(json.len() > DEPTH * 10);
        // Reading it back stops at the reader's nesting limit, cleanly.
        assert!(Settings::from_json(&json).is_err());
        let c = s.copy_to("copy", &Remap::new(), None);
        assert_eq!(c.settings().scenarios, s.scenarios);
        // The check refuses the depth; it does not walk further.
        let err = Number::new(s.clone()).unwrap_err();
        assert!(err
            .problems()
            .iter()
            .any(|p| matches!(p.kind(), ProblemKind::TooDeep { .. })));
        // serde's recursive serializers are refused the depth, with an
        // error instead of an overflow.
        let e = serde_json::to_string(&s).unwrap_err();
        assert!(e.to_string().contains("nested deeper than 128"), "{e}");
        drop((s, copy, other, c));
    });
}

#[test]
fn serde_writes_up_to_its_documented_depth() {
    small_stack(|| {
        let mut node = Node::new(NodeKind::Message(Prompt::text("end")));
        for _ in 1..Node::SERIALIZE_DEPTH {
            node = Node::new(NodeKind::Message(Prompt::text("m"))).then(node);
        }
        let s = Settings::new("x").with_scenario("W", node);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json.matches("then").count(), Node::SERIALIZE_DEPTH - 1);
    });
}

#[test]
fn dropping_a_million_levels_finishes() {
    small_stack(|| {
        let mut node = Node::new(NodeKind::GoTo("x".into()));
        for _ in 0..1_000_000 {
            node = Node::new(NodeKind::Message(Prompt::text(""))).then(node);
        }
        drop(node);
    });
}

#[test]
fn a_deep_tree_is_checked_and_run_with_the_limits_raised() {
    small_stack(|| {
        // Menus whose "nothing selected" and key 1 go deeper: valid
        // settings, so the check reports nothing.
        let mut node = Node::new(NodeKind::Message(Prompt::text("end")));
        for i in 0..DEPTH {
            node = if i % 2 == 0 {
                Node::new(NodeKind::Message(Prompt::text("m"))).then(node)
            } else {
                Node::new(NodeKind::Menu(
                    Menu::new(Prompt::text("menu"))
                        .with_key(Key::D1, node)
                        .with_nothing_selected(Node::new(NodeKind::Message(
                            Prompt::text("bye"),
                        ))),
                ))
            };
        }
        let s = Settings::new("deep").with_scenario("Working time", node);
        let number = Number::builder()
            .limits(
                call_scenario::Limits::default()
                    .with_max_depth(2 * DEPTH)
                    .with_max_nodes(4 * DEPTH),
            )
            .build(s)
            .unwrap();
        assert_eq!(number.node_count(), DEPTH + 1 + DEPTH / 2);
        let sim = call_scenario::simulate(
            &number,
            "Working time",
            call_scenario::Facts::new(),
            &[call_scenario::Cue::Digits("1".into())],
        )
        .unwrap();
        assert_eq!(sim.call().trail().len(), 2);
    });
}
