//! The public surface as a dependant sees it: errors in one shape,
//! results that serialise, configs built through constructors.

use sms_templates::{
    Catalog, CompileError, Field, Filled, Limits, NoLinks, ProblemKind,
    RenderError, Scope, Template, Values,
};

fn errors(body: &str) -> CompileError {
    Template::new("t", body).compile(&Catalog::standard()).unwrap_err()
}

#[test]
fn one_problem_reads_as_one_line() {
    let err = errors("Hi {{contact.frist_name}}");
    assert_eq!(
        err.to_string(),
        "invalid template: body: unknown field \"frist_name\" in scope \
         \"contact\"; did you mean \"first_name\"? (line 1, column 14)"
    );
    let p = &err.problems()[0];
    assert_eq!(p.path(), "body");
    assert_eq!(p.line_column(), Some((1, 14)));
    assert!(matches!(p.kind(), ProblemKind::UnknownField { .. }));
}

#[test]
fn many_problems_are_numbered_and_cut_after_fifty() {
    let err = errors(&"{{}}".repeat(53));
    let text = err.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "invalid template: 53 problems:");
    assert_eq!(
        lines[1],
        "  1. body: empty placeholder; write a variable such as \
         {{contact.first_name}} (line 1, column 1)"
    );
    assert!(lines[50].starts_with("  50. body: empty placeholder"));
    assert_eq!(lines[51], "  … and 3 more");
    assert_eq!(lines.len(), 52);
    assert_eq!((&err).into_iter().count(), 53);
    assert_eq!(err.into_problems().len(), 53);
}

#[test]
fn problems_about_the_whole_body_have_no_line() {
    let limits = Limits::default().max_template_bytes(4);
    let err = Template::new("t", "Hello")
        .compile_with(&Catalog::standard(), limits)
        .unwrap_err();
    assert_eq!(err.problems()[0].line_column(), None);
    assert_eq!(
        err.to_string(),
        "invalid template: body: the template is 5 bytes long; at most 4 \
         bytes are allowed"
    );
    let err = Template::new("t", "{{case.number}} {{case.number}}")
        .compile_with(
            &Catalog::standard(),
            limits.max_template_bytes(99).max_placeholders(1),
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid template: body: the template has 2 placeholders; at most 1 \
         are allowed"
    );
}

#[test]
fn syntax_problems_name_what_was_found_in_words() {
    let err = errors("Hi {{contact.}}");
    assert_eq!(
        err.problems()[0].kind().to_string(),
        "expected a field name after `.`, found \"}}\""
    );
    let err = errors("Hi {{contact");
    assert!(err.to_string().contains("placeholder is not closed"), "{err}");
}

#[test]
fn compile_errors_serialise_for_an_editor() {
    let err = errors("Hi\n{{contcat.first_name}}");
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"problems": [{
            "path": "body",
            "message": "unknown scope \"contcat\"; did you mean \"contact\"?",
            "line": 2,
            "column": 3,
            "column_utf16": 3,
            "start": 5,
            "end": 12,
        }]})
    );
}

#[test]
fn rendered_messages_serialise() {
    let c = Catalog::standard();
    let t = Template::new("t", r#"Hi {{contact.first_name | "there"}}"#)
        .compile(&c)
        .unwrap();
    let mut v = Values::new(&c);
    v.set(c.slot("contact", "first_name").unwrap(), "");
    let r = t.render(&v, &NoLinks).unwrap();
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        serde_json::json!({
            "text": "Hi there",
            "substitutions": [{
                "range": {"start": 3, "end": 8},
                "placeholder": 0,
                "filled": "fallback",
            }],
        })
    );
    assert_eq!(
        serde_json::to_value(t.length_bounds(&NoLinks)).unwrap(),
        serde_json::json!({"min_chars": 3, "max_chars": 53})
    );
    let p = serde_json::to_value(&t.placeholders()[0]).unwrap();
    assert_eq!(p["kind"]["type"], "variable");
    assert_eq!(p["kind"]["fallback"], "there");
    assert_eq!(p["kind"]["slot"], 0);
    assert_eq!(p["position"]["line"], 1);
    assert_eq!("fallback".parse::<Filled>(), Ok(Filled::Fallback));
}

#[test]
fn configs_are_built_through_constructors() {
    let catalog = Catalog::new(vec![Scope::new(
        "order",
        vec![Field::new("number").with_max_chars(3)],
    )]);
    let limits = Limits::default().max_recipients(1);
    let t = Template::new("t", "#{{order.number}}")
        .with_description("order number")
        .compile_with(&catalog, limits)
        .unwrap();
    let mut v = Values::new(&catalog);
    v.set(catalog.slot("order", "number").unwrap(), "1234");
    match t.render(&v, &NoLinks) {
        Err(e @ RenderError::ValueTooLong { chars: 4, max: 3, .. }) => {
            assert_eq!(
                e.to_string(),
                "the value of order.number is 4 characters long; the \
                 catalog allows at most 3 (placeholder at line 1, column 2)"
            );
        }
        other => panic!("expected a value too long, got {other:?}"),
    }
    let err = t.render(&v, &NoLinks).unwrap_err();
    assert_eq!(
        serde_json::to_value(&err).unwrap(),
        serde_json::json!({"message": err.to_string()})
    );
    let two = vec![Values::new(&catalog); 2];
    assert!(matches!(
        t.render_batch(&two, &NoLinks),
        Err(RenderError::TooManyRecipients { count: 2, limit: 1, .. })
    ));
}

#[test]
fn serde_says_what_a_template_is_in_words() {
    let err = serde_json::from_str::<Template>("[]").unwrap_err();
    assert!(
        err.to_string().contains(
            "expected a template: an object with \"name\", \"body\""
        ),
        "{err}"
    );
    let err = serde_json::from_str::<Limits>("5").unwrap_err();
    assert!(err.to_string().contains("expected limits: an object"), "{err}");
}

#[test]
fn limits_missing_from_a_file_keep_their_defaults() {
    let limits: Limits =
        serde_json::from_str(r#"{"max_placeholders": 20}"#).unwrap();
    assert_eq!(limits, Limits::default().max_placeholders(20));
    assert!(serde_json::from_str::<Limits>(r#"{"max_parts": 2}"#).is_err());
}

#[test]
fn scopes_marked_present_beyond_the_sixty_fourth() {
    let scopes = (0..100)
        .map(|i| Scope::new(format!("s{i}"), vec![Field::new("f")]))
        .collect();
    let catalog = Catalog::new(scopes);
    let t =
        Template::new("t", r#"{{s3.f | "a"}}{{s70.f | "b"}}{{s71.f | "c"}}"#)
            .compile(&catalog)
            .unwrap();
    let mut v = Values::new(&catalog);
    v.mark_present(70).mark_present(3).mark_present(70).mark_present(100);
    assert_eq!(t.render(&v, &NoLinks).unwrap().text(), "ab");
    v.clear();
    assert_eq!(t.render(&v, &NoLinks).unwrap().text(), "");
}

/// A recipient that counts how often it is asked about its scopes.
struct Counting(std::cell::Cell<usize>);

impl sms_templates::Record for Counting {
    fn value(&self, _: sms_templates::Slot) -> Option<&str> {
        None
    }

    fn has_scope(&self, scope: usize) -> bool {
        self.0.set(self.0.get() + 1);
        scope.is_multiple_of(2)
    }
}

#[test]
fn a_render_asks_about_each_scope_at_most_once() {
    let scopes = (0..100)
        .map(|i| Scope::new(format!("s{i}"), vec![Field::new("f")]))
        .collect();
    let catalog = Catalog::new(scopes);
    let body = r#"{{s2.f | "x"}}{{s3.f | "y"}}{{s80.f | "z"}}"#.repeat(60);
    let limits = Limits::default().max_placeholders(1000);
    let t = Template::new("t", body).compile_with(&catalog, limits).unwrap();
    let who = Counting(std::cell::Cell::new(0));
    let r = t.render_record(&who, &NoLinks).unwrap();
    assert_eq!(r.text(), "xz".repeat(60));
    assert_eq!(who.0.get(), 3);
}

/// The standard catalog with `extra` scopes of one field added at the
/// end, so that past 64 names it is looked up by hashing.
fn padded(extra: usize) -> Catalog {
    let mut c = Catalog::standard();
    for i in 0..extra {
        c.scopes.push(Scope::new(format!("x{i}"), vec![Field::new("f")]));
    }
    c
}

#[test]
fn a_large_catalog_resolves_and_refuses_as_a_small_one() {
    for extra in [0, 100] {
        let mut c = padded(extra);
        let t = Template::new("t", "{{case.status}} {{user.phone}}")
            .compile(&c)
            .unwrap();
        let want = [c.slot("case", "status"), c.slot("user", "phone")];
        let got: Vec<_> = t
            .placeholders()
            .iter()
            .map(|p| match p.kind() {
                sms_templates::PlaceholderKind::Variable { slot, .. } => {
                    Some(*slot)
                }
                _ => None,
            })
            .collect();
        assert_eq!(got, want, "{extra}");
        let err = errors_with(&c, "{{contcat.phone}} {{case.numbre}}");
        assert_eq!(
            err,
            "invalid template: 2 problems:\n  \
             1. body: unknown scope \"contcat\"; did you mean \"contact\"? \
             (line 1, column 3)\n  \
             2. body: unknown field \"numbre\" in scope \"case\"; did you \
             mean \"number\"? (line 1, column 26)",
            "{extra}"
        );
        // Names held twice.
        c.scopes[1].fields.push(Field::new("title"));
        c.scopes.push(Scope::new("user", vec![]));
        let err = errors_with(&c, "{{case.title}} {{user.phone}}");
        assert_eq!(
            err,
            format!(
                "invalid template: 2 problems:\n  \
                 1. body: the catalog is invalid at scopes[1].fields[3]: \
                 field name \"title\" is used twice in its scope (line 1, \
                 column 3)\n  \
                 2. body: the catalog is invalid at scopes[{}]: scope name \
                 \"user\" is used twice (line 1, column 18)",
                3 + extra
            ),
            "{extra}"
        );
    }
}

fn errors_with(c: &Catalog, body: &str) -> String {
    Template::new("t", body).compile(c).unwrap_err().to_string()
}

#[test]
fn a_large_catalog_suggests_for_the_first_unknown_names_only() {
    let c = padded(100);
    let body: String = (0..40).map(|_| "{{contcat.phone}}").collect();
    let limits = Limits::default();
    let err = Template::new("t", body).compile_with(&c, limits).unwrap_err();
    let suggested = err
        .problems()
        .iter()
        .filter(|p| p.kind().to_string().contains("did you mean"))
        .count();
    assert_eq!(suggested, 32);
    assert_eq!(err.problems().len(), 40);
}
