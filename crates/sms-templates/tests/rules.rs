//! The rules of templates, one test each.

use sms_templates::{
    Catalog, Filled, NoLinks, PlaceholderKind, ProblemKind, RenderError,
    Shortener, Template, Values,
};

fn catalog() -> Catalog {
    let mut c = Catalog::standard();
    c.scopes[1]
        .fields
        .push(sms_templates::Field::new("tracking_url").with_max_chars(300));
    c
}

fn compile(body: &str) -> sms_templates::CompiledTemplate {
    Template::new("t", body).compile(&catalog()).unwrap()
}

struct Short;

impl Shortener for Short {
    fn max_chars(&self) -> usize {
        22
    }

    fn shorten(&self, url: &str) -> Result<String, String> {
        if url.contains("fail") {
            return Err("shortener unavailable".into());
        }
        Ok(format!("https://s.ex/{}", url.len()))
    }
}

#[test]
fn seed_001_case_variable_from_a_contact_card() {
    let c = catalog();
    let t = Template::new(
        "ack",
        "Witaj {{contact.first_name}}! Potwierdzamy przyjęcie zgłoszenia {{case.number}}.",
    )
    .compile(&c)
    .unwrap();
    let mut v = Values::new(&c);
    v.set(c.slot("contact", "first_name").unwrap(), "Anna");
    let r = t.render(&v, &NoLinks).unwrap();
    assert_eq!(r.text(), "Witaj Anna! Potwierdzamy przyjęcie zgłoszenia .");
    assert_eq!(r.substitutions()[1].filled(), Filled::AbsentScope);
}

#[test]
fn absent_scope_empty_value_and_fallback_are_three_cases() {
    let c = catalog();
    let t = compile(
        r#"Hi {{contact.first_name | "there"}}, case {{case.number | "new"}}"#,
    );
    let name = c.slot("contact", "first_name").unwrap();
    // Contact present with an empty name: the fallback.
    let mut v = Values::new(&c);
    v.set(name, "");
    let r = t.render(&v, &NoLinks).unwrap();
    // Case absent: nothing, even with a fallback.
    assert_eq!(r.text(), "Hi there, case ");
    assert_eq!(r.substitutions()[0].filled(), Filled::Fallback);
    assert_eq!(r.substitutions()[1].filled(), Filled::AbsentScope);
    // A present scope with the field unset is empty too.
    let mut v = Values::new(&c);
    v.mark_present(c.scope_index("case").unwrap());
    v.set(name, "Ola");
    let r = t.render(&v, &NoLinks).unwrap();
    assert_eq!(r.text(), "Hi Ola, case new");
    // No fallback: empty.
    let t = compile("[{{contact.last_name}}]");
    let r = t.render(&v, &NoLinks).unwrap();
    assert_eq!(
        (r.text(), r.substitutions()[0].filled()),
        ("[]", Filled::Empty)
    );
}

#[test]
fn values_are_inserted_as_they_are() {
    let c = catalog();
    let t = compile("{{contact.last_name}}");
    let mut v = Values::new(&c);
    v.set(c.slot("contact", "last_name").unwrap(), "<b>&amp; {{x}}</b>");
    assert_eq!(t.render(&v, &NoLinks).unwrap().text(), "<b>&amp; {{x}}</b>");
}

#[test]
fn literal_braces_and_spaces() {
    let t = compile(
        r#"{{"{{"}}x}} {not} {{ "a \"q\" \\ b" }}{{   contact.phone   }}"#,
    );
    assert_eq!(t.preview(), r#"{{x}} {not} a "q" \ b{{   contact.phone   }}"#);
    let c = catalog();
    let r = t.render(&Values::new(&c), &NoLinks).unwrap();
    assert_eq!(r.text(), r#"{{x}} {not} a "q" \ b"#);
}

#[test]
fn every_problem_at_once_with_positions() {
    let body = "Dzień dobry {{contcat.first_name}}!\nŻółw 😀 {{contact.frist_name}} {{case}} {{}} {{user.first_name | oops}} {{\"open";
    let err = Template::new("t", body).compile(&catalog()).unwrap_err();
    let kinds: Vec<&ProblemKind> =
        err.problems().iter().map(|p| p.kind()).collect();
    assert!(
        matches!(kinds[0], ProblemKind::UnknownScope { suggestion: Some(s), .. } if s == "contact")
    );
    assert!(
        matches!(kinds[1], ProblemKind::UnknownField { suggestion: Some(s), .. } if s == "first_name")
    );
    assert!(matches!(kinds[2], ProblemKind::Syntax { .. }));
    assert!(matches!(kinds[3], ProblemKind::Empty));
    assert!(matches!(kinds[4], ProblemKind::Syntax { .. }));
    // The string never closes, and no `}}` follows: unclosed.
    assert!(matches!(kinds[5], ProblemKind::Unclosed));
    assert_eq!(kinds.len(), 6, "{err}");
    // An unknown name is pointed at, not its whole placeholder.
    let p = &err.problems()[0].position();
    assert_eq!((p.line(), p.column(), p.column_utf16()), (1, 15, 15));
    assert_eq!(&body[p.span().clone()], "contcat");
    // Line 2: "Żółw 😀 {{contact." is 17 characters but 18 UTF-16 units.
    let p = &err.problems()[1].position();
    assert_eq!((p.line(), p.column(), p.column_utf16()), (2, 18, 19));
    assert_eq!(&body[p.span().clone()], "frist_name");
    // A syntax problem still covers its placeholder.
    assert_eq!(&body[err.problems()[2].position().span().clone()], "{{case}}");
    for problem in err.problems() {
        assert!(problem.position().span().end <= body.len());
    }
}

#[test]
fn unclosed_placeholder() {
    let err = Template::new("t", "Hi {{contact.first_name")
        .compile(&catalog())
        .unwrap_err();
    assert!(
        matches!(err.problems()[0].kind(), ProblemKind::Unclosed),
        "{err}"
    );
}

#[test]
fn introspection() {
    let t = compile(
        r#"{{contact.first_name | "x"}} {{link "https://ex.com/a"}} {{link case.tracking_url}} {{"{{"}}"#,
    );
    let kinds: Vec<&PlaceholderKind> =
        t.placeholders().iter().map(|p| p.kind()).collect();
    assert!(
        matches!(kinds[0], PlaceholderKind::Variable { fallback: Some(f), .. } if f == "x")
    );
    assert!(
        matches!(kinds[1], PlaceholderKind::LinkTo { url, .. } if url == "https://ex.com/a")
    );
    assert!(
        matches!(kinds[2], PlaceholderKind::LinkFrom { field, .. } if field == "tracking_url")
    );
    assert!(
        matches!(kinds[3], PlaceholderKind::Text { text, .. } if text == "{{")
    );
    assert_eq!(t.variables(), ["contact.first_name", "case.tracking_url"]);
    let span = t.placeholders()[1].position().span().clone();
    assert_eq!(&t.source()[span], r#"{{link "https://ex.com/a"}}"#);
}

#[test]
fn links_through_the_host_shortener() {
    let c = catalog();
    let t = compile(
        r#"Track: {{link case.tracking_url}} or {{link "https://ex.com/help"}}"#,
    );
    let mut v = Values::new(&c);
    v.set(
        c.slot("case", "tracking_url").unwrap(),
        "https://carrier.ex/track?id=123456",
    );
    let r = t.render(&v, &Short).unwrap();
    assert_eq!(r.text(), "Track: https://s.ex/34 or https://s.ex/19");
    assert_eq!(r.substitutions()[0].filled(), Filled::Link);
    // The bounds know the link length before any link is shortened.
    let b = t.length_bounds(&Short);
    assert_eq!(b.max_chars(), Some("Track:  or ".chars().count() + 22 + 22));
    // Without a shortener a link is this recipient's error.
    assert!(matches!(t.render(&v, &NoLinks), Err(RenderError::Link { .. })));
    let mut v = Values::new(&c);
    v.set(c.slot("case", "tracking_url").unwrap(), "https://fail.ex");
    let e = t.render(&v, &Short).unwrap_err();
    assert!(e.to_string().contains("shortener unavailable"), "{e}");
}

#[test]
fn bulk_one_bad_recipient_does_not_stop_the_others() {
    let c = catalog();
    let t = compile("Hi {{contact.first_name}}");
    let slot = c.slot("contact", "first_name").unwrap();
    let long = "x".repeat(51);
    let names = ["Anna", long.as_str(), "Jan"];
    let recipients: Vec<Values> = names
        .iter()
        .map(|n| {
            let mut v = Values::new(&c);
            v.set(slot, n);
            v
        })
        .collect();
    let out = t.render_batch(&recipients, &NoLinks).unwrap();
    assert_eq!(out[0].as_ref().unwrap().text(), "Hi Anna");
    match &out[1] {
        Err(RenderError::ValueTooLong {
            field,
            position,
            chars: 51,
            max: 50,
            ..
        }) => {
            assert_eq!(field, "contact.first_name");
            // The error points at the placeholder that inserts the value.
            assert_eq!(position, t.placeholders()[0].position());
        }
        other => panic!("expected ValueTooLong, got {other:?}"),
    }
    assert_eq!(out[2].as_ref().unwrap().text(), "Hi Jan");
    // Over the batch limit.
    let many = vec![Values::new(&c); 1001];
    assert!(matches!(
        t.render_batch(&many, &NoLinks),
        Err(RenderError::TooManyRecipients { count: 1001, limit: 1000, .. })
    ));
    assert_eq!(t.preview(), "Hi {{contact.first_name}}");
}

#[test]
fn limits() {
    let limits = sms_templates::Limits::default()
        .max_template_bytes(30)
        .max_placeholders(2)
        .max_rendered_bytes(10)
        .max_recipients(3);
    let c = catalog();
    let err = Template::new("t", "x".repeat(31))
        .compile_with(&c, limits)
        .unwrap_err();
    assert!(matches!(
        err.problems()[0].kind(),
        ProblemKind::TooLong { bytes: 31, limit: 30, .. }
    ));
    let err =
        Template::new("t", "{{case.number}}{{case.number}}{{case.number}}")
            .compile_with(&c, limits.max_template_bytes(100))
            .unwrap_err();
    assert!(matches!(
        err.problems()[0].kind(),
        ProblemKind::TooManyPlaceholders { count: 3, limit: 2, .. }
    ));
    let t = Template::new("t", "Hi {{contact.address}}")
        .compile_with(&c, limits)
        .unwrap();
    let mut v = Values::new(&c);
    v.set(c.slot("contact", "address").unwrap(), "Long Street 12");
    assert!(matches!(
        t.render(&v, &NoLinks),
        Err(RenderError::TooLarge { limit: 10, .. })
    ));
}

#[test]
fn length_bounds_from_the_catalog() {
    let t = compile(r#"Hi {{contact.first_name | "there"}}!"#);
    let b = t.length_bounds(&NoLinks);
    assert_eq!((b.min_chars(), b.max_chars()), (4, Some(4 + 50)));
    let mut c = catalog();
    c.scopes[0].fields[0].max_chars = None;
    let t = Template::new("t", "{{contact.first_name}}").compile(&c).unwrap();
    assert_eq!(t.length_bounds(&NoLinks).max_chars(), None);
}

#[test]
fn serde_round_trips() {
    let t = Template::new("ack", "Hi {{contact.first_name}}")
        .with_description("after a call");
    let json = serde_json::to_string(&t).unwrap();
    assert_eq!(serde_json::from_str::<Template>(&json).unwrap(), t);
    let c = catalog();
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(serde_json::from_str::<Catalog>(&json).unwrap(), c);
    assert!(serde_json::from_str::<Template>(
        r#"{"name":"a","body":"b","colour":1}"#
    )
    .is_err());
    fn send_sync<T: Send + Sync>() {}
    send_sync::<sms_templates::CompiledTemplate>();
}

#[test]
fn a_brace_next_to_a_placeholder_is_text() {
    let c = catalog();
    let t = compile("{{{contact.first_name}}} and {{{{case.number}}}}");
    let mut v = Values::new(&c);
    v.set(c.slot("contact", "first_name").unwrap(), "Ala")
        .set(c.slot("case", "number").unwrap(), "7");
    assert_eq!(t.render(&v, &NoLinks).unwrap().text(), "{Ala} and {{7}}");
}

// Regressions from review: each failed before its fix.

#[test]
fn a_failed_render_leaves_the_buffer_as_it_was() {
    let c = catalog();
    let t = compile("Hello {{contact.first_name}} and {{contact.last_name}}");
    let mut v = Values::new(&c);
    let long = "x".repeat(81);
    v.set(c.slot("contact", "first_name").unwrap(), "Ann")
        .set(c.slot("contact", "last_name").unwrap(), &long);
    let mut out = String::from("PREV|");
    assert!(t.render_to(&v, &NoLinks, &mut out).is_err());
    assert_eq!(out, "PREV|");
}

#[test]
fn the_size_limit_stops_a_huge_value_before_copying_it() {
    let c = catalog();
    let t = compile("{{case.tracking_url}}");
    let mut c2 = c.clone();
    c2.scopes[1].fields.last_mut().unwrap().max_chars = None;
    let t2 = Template::new("t", "{{case.tracking_url}}").compile(&c2).unwrap();
    let huge = "y".repeat(10_000_000);
    let mut v = Values::new(&c2);
    v.set(c2.slot("case", "tracking_url").unwrap(), &huge);
    let mut out = String::new();
    assert!(matches!(
        t2.render_to(&v, &NoLinks, &mut out),
        Err(RenderError::TooLarge { .. })
    ));
    assert!(out.capacity() < 1_000_000, "{}", out.capacity());
    drop(t);
}

#[test]
fn unclosed_braces_meant_as_text() {
    for body in ["Hi {{", "Use {{ to open", "{{ {{contact.first_name}}"] {
        let err = Template::new("t", body).compile(&catalog()).unwrap_err();
        assert_eq!(err.problems().len(), 1, "{body}: {err}");
        assert!(
            matches!(err.problems()[0].kind(), ProblemKind::Unclosed),
            "{body}: {err}"
        );
        assert_eq!(err.problems()[0].position().span().len(), 2);
    }
}

#[test]
fn link_provenance_and_empty_addresses() {
    let c = catalog();
    let t = compile("{{link case.tracking_url}}");
    let r = t.render(&Values::new(&c), &Short).unwrap();
    assert_eq!(r.substitutions()[0].filled(), Filled::AbsentScope);
    let err = Template::new("t", r#"{{link ""}}"#).compile(&c).unwrap_err();
    assert!(matches!(err.problems()[0].kind(), ProblemKind::Syntax { .. }));
}

#[test]
fn equality_ignores_the_introspection_cache() {
    let t = compile("Hi {{contact.first_name}}");
    let a = t.clone();
    assert_eq!(a.placeholders().len(), 1);
    assert_eq!(a, t);
}

#[test]
fn a_catalog_with_unreachable_names_is_refused() {
    let mut c = catalog();
    c.scopes.push(sms_templates::Scope::new("contact", vec![]));
    c.scopes[1].fields.push(sms_templates::Field::new("first-name"));
    let problems = c.problems();
    assert_eq!(problems.len(), 2, "{problems:?}");
    let err = Template::new("t", "Hi {{contact.first_name}}")
        .compile(&c)
        .unwrap_err();
    // The problem named is the one that makes this name ambiguous, not
    // the catalog's first.
    match err.problems()[0].kind() {
        ProblemKind::Catalog(p) => assert_eq!(p.path(), "scopes[3]"),
        other => panic!("expected a catalog problem, got {other:?}"),
    }
    let err = Template::new("t", "{{case.first-name}}").compile(&c);
    assert!(err.is_err());
    let mut c = catalog();
    c.scopes[1].fields.push(sms_templates::Field::new("number"));
    let err = Template::new("t", "{{case.number}}").compile(&c).unwrap_err();
    assert_eq!(
        err.problems()[0].kind().to_string(),
        "the catalog is invalid at scopes[1].fields[4]: field name \"number\" \
         is used twice in its scope"
    );
    // A template that does not use the ambiguous scope still compiles.
    assert!(Template::new("t", "Hi {{user.first_name}}").compile(&c).is_ok());
    assert!(catalog().problems().is_empty());
}

#[test]
fn values_for_another_catalog_are_refused() {
    let t = compile("Hi {{contact.first_name}}");
    // One field more in the case scope than the template's catalog.
    let mut other = catalog();
    other.scopes[1].fields.push(sms_templates::Field::new("extra"));
    let mut v = Values::new(&other);
    v.set(other.slot("contact", "first_name").unwrap(), "Anna");
    assert_eq!(t.render(&v, &NoLinks), Err(RenderError::CatalogMismatch));
    let mut out = String::from("kept");
    assert_eq!(
        t.render_to(&v, &NoLinks, &mut out),
        Err(RenderError::CatalogMismatch)
    );
    assert_eq!(out, "kept");
    // In a batch, only that recipient fails.
    let c = catalog();
    let mut good = Values::new(&c);
    good.set(c.slot("contact", "first_name").unwrap(), "Ola");
    let out = t.render_batch(&[good, v], &NoLinks).unwrap();
    assert_eq!(out[0].as_ref().unwrap().text(), "Hi Ola");
    assert_eq!(out[1], Err(RenderError::CatalogMismatch));
}

#[test]
fn marking_a_scope_present_is_by_scope() {
    let c = catalog();
    let t = compile(r#"{{case.number | "new"}}/{{user.first_name | "-"}}"#);
    let mut v = Values::new(&c);
    v.mark_present(c.scope_index("case").unwrap());
    // Marked twice or out of range: no effect.
    v.mark_present(c.scope_index("case").unwrap());
    v.mark_present(99);
    let r = t.render(&v, &NoLinks).unwrap();
    assert_eq!(r.text(), "new/");
    assert_eq!(r.substitutions()[1].filled(), Filled::AbsentScope);
    v.clear();
    assert_eq!(t.render(&v, &NoLinks).unwrap().text(), "/");
}

#[test]
fn placeholder_positions_count_lines_characters_and_utf16_units() {
    let body = "Hi {{contact.first_name}}!\n😀 żółw {{case.number}}\n\n  {{link \"https://ex.com\"}}";
    let t = compile(body);
    let at: Vec<(usize, usize, usize)> = t
        .placeholders()
        .iter()
        .map(|p| {
            (
                p.position().line(),
                p.position().column(),
                p.position().column_utf16(),
            )
        })
        .collect();
    // Line 2: "😀 żółw " is 7 characters but 8 UTF-16 units.
    assert_eq!(at, [(1, 4, 4), (2, 8, 9), (4, 3, 3)]);
    let spans: Vec<&str> = t
        .placeholders()
        .iter()
        .map(|p| &body[p.position().span().clone()])
        .collect();
    assert_eq!(spans[1], "{{case.number}}");
}
