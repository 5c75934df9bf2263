//! Deterministic rule matching: `same e-mail`, or `same date of birth and
//! similar names`, composed with all / any / not.

use smallvec::SmallVec;

use super::explain::{Explanation, FieldExplanation, Reveal};
use super::level::{LevelTest, Similarities};
use super::{Matcher, Score};
use crate::error::BuildError;
use crate::id::FieldId;
use crate::prepare::PreparedRecord;
use crate::schema::Schema;

/// A yes/no condition on a pair of records.
///
/// A test on a field is false when either value is missing.
///
/// # Examples
///
/// ```
/// use sameas::matcher::{LevelTest, Rule};
/// use sameas::{FieldKind, Schema};
///
/// let schema = Schema::builder()
///     .field("email", FieldKind::Email)
///     .field("dob", FieldKind::Date)
///     .field("name", FieldKind::FullName)
///     .build()?;
/// let rule = Rule::test(&schema, "email", LevelTest::Exact)?.or(
///     Rule::test(&schema, "dob", LevelTest::Exact)?
///         .and(Rule::test(&schema, "name", LevelTest::JaroWinkler { at_least: 0.9 })?),
/// );
/// assert_eq!(
///     rule.describe(&schema),
///     "(email: exact) or ((dob: exact) and (name: jaro-winkler >= 0.9))"
/// );
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Rule {
    /// A level test on one field.
    Test {
        /// The field tested.
        field: FieldId,
        /// The test its two values must pass.
        test: LevelTest,
    },
    /// Every rule holds (true when empty).
    All(Vec<Rule>),
    /// At least one rule holds (false when empty).
    Any(Vec<Rule>),
    /// The rule does not hold.
    Not(Box<Rule>),
}

impl Rule {
    /// A test on the field named `name`.
    ///
    /// # Errors
    ///
    /// [`BuildError::UnknownField`] for a name the schema lacks;
    /// [`BuildError::MetadataField`] for a metadata field;
    /// [`BuildError::InvalidParameter`] for a bad test parameter.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{LevelTest, Rule};
    /// use sameas::{FieldKind, Schema};
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// assert!(Rule::test(&schema, "email", LevelTest::Exact).is_ok());
    /// assert!(Rule::test(&schema, "mail", LevelTest::Exact).is_err());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn test(schema: &Schema, name: &str, test: LevelTest) -> Result<Rule, BuildError> {
        let field = schema.matching_field_id(name)?;
        test.validate(schema, field)?;
        Ok(Rule::Test { field, test })
    }

    /// Both rules hold.
    ///
    /// # Examples
    ///
    /// See [`Rule`].
    pub fn and(self, other: Rule) -> Rule {
        match self {
            Rule::All(mut rules) => {
                rules.push(other);
                Rule::All(rules)
            }
            rule => Rule::All(vec![rule, other]),
        }
    }

    /// Either rule holds.
    ///
    /// # Examples
    ///
    /// See [`Rule`].
    pub fn or(self, other: Rule) -> Rule {
        match self {
            Rule::Any(mut rules) => {
                rules.push(other);
                Rule::Any(rules)
            }
            rule => Rule::Any(vec![rule, other]),
        }
    }

    /// The rule does not hold.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::matcher::{LevelTest, Rule};
    /// use sameas::{FieldKind, Schema};
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let rule = Rule::test(&schema, "email", LevelTest::Exact)?.not();
    /// assert_eq!(rule.describe(&schema), "not (email: exact)");
    /// # Ok::<(), sameas::Error>(())
    /// ```
    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Rule {
        Rule::Not(Box::new(self))
    }

    /// Whether the rule holds for a pair.
    ///
    /// Evaluation is lazy, left to right: an `all` stops at its first rule
    /// that fails and an `any` at its first that holds, so put cheap,
    /// selective tests first. Nesting is walked with an explicit stack,
    /// so a deep rule cannot overflow the call stack, and rules up to 16
    /// levels deep allocate nothing.
    ///
    /// # Examples
    ///
    /// See [`RuleMatcher`].
    pub fn holds(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> bool {
        self.evaluate(|field, test| match (a.text(field), b.text(field)) {
            (Some(x), Some(y)) => test.holds(field, (a, b), x, y, &mut Similarities::default()),
            _ => false,
        })
    }

    /// The rule's value with `test` deciding each field test, evaluated
    /// lazily (see [`holds`](Self::holds)).
    fn evaluate(&self, mut test: impl FnMut(FieldId, &LevelTest) -> bool) -> bool {
        /// A combination waiting for the value of its child: for `all`
        /// and `any`, the children and the position of the next one.
        enum Pending<'r> {
            All(&'r [Rule], usize),
            Any(&'r [Rule], usize),
            Not,
        }
        let mut pending: SmallVec<[Pending<'_>; 16]> = SmallVec::new();
        let mut rule = self;
        loop {
            // Down to a leaf (or an empty combination), remembering the
            // combinations passed on the way.
            let mut value = loop {
                match rule {
                    Rule::Test { field, test: level } => break test(*field, level),
                    Rule::All(rules) => match rules.first() {
                        Some(first) => {
                            pending.push(Pending::All(rules, 1));
                            rule = first;
                        }
                        None => break true,
                    },
                    Rule::Any(rules) => match rules.first() {
                        Some(first) => {
                            pending.push(Pending::Any(rules, 1));
                            rule = first;
                        }
                        None => break false,
                    },
                    Rule::Not(inner) => {
                        pending.push(Pending::Not);
                        rule = inner;
                    }
                }
            };
            // Up until a combination needs its next child, settling every
            // combination the value decides.
            loop {
                let next = match pending.last_mut() {
                    None => return value,
                    Some(Pending::Not) => {
                        value = !value;
                        None
                    }
                    Some(Pending::All(rules, next)) if value => {
                        rules.get(*next).inspect(|_| *next += 1)
                    }
                    Some(Pending::Any(rules, next)) if !value => {
                        rules.get(*next).inspect(|_| *next += 1)
                    }
                    // A failing `all` or a holding `any` is decided.
                    Some(Pending::All(..) | Pending::Any(..)) => None,
                };
                match next {
                    Some(child) => {
                        rule = child;
                        break;
                    }
                    None => {
                        pending.pop();
                    }
                }
            }
        }
    }

    /// The rule in words, with field names.
    ///
    /// # Examples
    ///
    /// See [`Rule`].
    pub fn describe(&self, schema: &Schema) -> String {
        let mut out = String::new();
        self.describe_into(schema, &mut out, 0);
        out
    }

    fn describe_into(&self, schema: &Schema, out: &mut String, depth: usize) {
        // Descriptions of absurdly deep rules are cut, not overflowed.
        if depth > 64 {
            out.push('…');
            return;
        }
        let joined = |rules: &[Rule], word: &str, out: &mut String| {
            for (position, rule) in rules.iter().enumerate() {
                if position > 0 {
                    out.push_str(word);
                }
                out.push('(');
                rule.describe_into(schema, out, depth + 1);
                out.push(')');
            }
        };
        match self {
            Rule::Test { field, test } => {
                let name = schema.try_field(*field).map_or("?", |field| field.name());
                out.push_str(&format!("{name}: {}", test.label(schema)));
            }
            Rule::All(rules) if rules.is_empty() => out.push_str("always"),
            Rule::Any(rules) if rules.is_empty() => out.push_str("never"),
            Rule::All(rules) => joined(rules, " and ", out),
            Rule::Any(rules) => joined(rules, " or ", out),
            Rule::Not(rule) => {
                out.push_str("not (");
                rule.describe_into(schema, out, depth + 1);
                out.push(')');
            }
        }
    }

    /// The fields the rule tests, each once, in first-use order.
    fn fields(&self, out: &mut Vec<FieldId>) {
        let mut stack = vec![self];
        while let Some(rule) = stack.pop() {
            match rule {
                Rule::Test { field, .. } => {
                    if !out.contains(field) {
                        out.push(*field);
                    }
                }
                Rule::All(rules) | Rule::Any(rules) => stack.extend(rules.iter().rev()),
                Rule::Not(inner) => stack.push(inner),
            }
        }
    }
}

/// A deterministic matcher: a pair is a match (weight `+∞`, probability
/// 1) when its rule holds, else not (weight `-∞`, probability 0).
///
/// # Examples
///
/// ```
/// use sameas::matcher::{LevelTest, Matcher, Reveal, Rule, RuleMatcher};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
///
/// let schema = Schema::builder()
///     .field("email", FieldKind::Email)
///     .field("dob", FieldKind::Date)
///     .field("name", FieldKind::FullName)
///     .build()?;
/// let rule = Rule::test(&schema, "email", LevelTest::Exact)?.or(
///     Rule::test(&schema, "dob", LevelTest::Exact)?
///         .and(Rule::test(&schema, "name", LevelTest::JaroWinkler { at_least: 0.9 })?),
/// );
/// let matcher = RuleMatcher::new(&schema, rule);
///
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[
///     OwnedRecord::new("1").with("name", "Jon Smith").with("dob", "1980-01-02"),
///     OwnedRecord::new("2").with("name", "John Smith").with("dob", "Jan 2, 1980").with("email", "js@x.org"),
///     OwnedRecord::new("3").with("name", "John Smith").with("dob", "1981-01-02"),
/// ])?;
/// let r: Vec<_> = store.records().collect();
/// assert_eq!(matcher.score(&r[0], &r[1]).probability(), 1.0);
/// assert_eq!(matcher.score(&r[0], &r[2]).probability(), 0.0);
/// let explanation = matcher.explain(&r[0], &r[1], Reveal::NonSensitive);
/// assert_eq!(explanation.fields().len(), 3);
/// assert_eq!(explanation.fields()[1].level(), Some("holds"));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RuleMatcher {
    schema: Schema,
    rule: Rule,
}

impl RuleMatcher {
    /// A matcher accepting the pairs for which `rule` holds.
    ///
    /// # Examples
    ///
    /// See [`RuleMatcher`].
    pub fn new(schema: &Schema, rule: Rule) -> RuleMatcher {
        RuleMatcher {
            schema: schema.clone(),
            rule,
        }
    }

    /// The rule.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }
}

impl Matcher for RuleMatcher {
    fn score(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> Score {
        Score::from_weight(if self.rule.holds(a, b) {
            f64::INFINITY
        } else {
            f64::NEG_INFINITY
        })
    }

    /// Each tested field with its values and whether each of its tests
    /// held (`holds`, `fails`, or no level when a value is missing).
    fn explain(
        &self,
        a: &PreparedRecord<'_>,
        b: &PreparedRecord<'_>,
        reveal: Reveal,
    ) -> Explanation {
        let mut fields = Vec::new();
        self.rule.fields(&mut fields);
        let explained = fields
            .into_iter()
            .filter_map(|id| {
                let field = self.schema.try_field(id)?;
                let present = a.text(id).is_some() && b.text(id).is_some();
                let outcome = present.then(|| {
                    let mut tests = Vec::new();
                    collect_tests(&self.rule, id, &mut tests);
                    let holds = tests.iter().any(|test| {
                        Rule::Test {
                            field: id,
                            test: *test,
                        }
                        .holds(a, b)
                    });
                    (if holds { "holds" } else { "fails" }, f64::NAN, f64::NAN)
                });
                let mut explanation = FieldExplanation::compared(
                    &self.schema,
                    field.name(),
                    &[id],
                    (a, b),
                    reveal,
                    outcome,
                    0.0,
                );
                explanation.clear_probabilities();
                Some(explanation)
            })
            .collect();
        Explanation::new(0.0, explained, self.score(a, b))
    }
}

/// Every test the rule applies to `field`.
fn collect_tests(rule: &Rule, field: FieldId, out: &mut Vec<LevelTest>) {
    let mut stack = vec![rule];
    while let Some(rule) = stack.pop() {
        match rule {
            Rule::Test {
                field: tested,
                test,
            } if *tested == field => out.push(*test),
            Rule::Test { .. } => {}
            Rule::All(rules) | Rule::Any(rules) => stack.extend(rules),
            Rule::Not(inner) => stack.push(inner),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::prepare::PreparedStore;
    use crate::record::OwnedRecord;
    use crate::schema::FieldKind;

    #[test]
    fn composition_follows_boolean_logic_and_deep_rules_do_not_overflow() {
        let schema = Schema::builder()
            .field("email", FieldKind::Email)
            .build()
            .unwrap();
        let mut store = PreparedStore::new(schema.clone());
        let crm = store.add_source("crm", false).unwrap();
        store
            .ingest(
                crm,
                &[
                    OwnedRecord::new("1").with("email", "a@x.org"),
                    OwnedRecord::new("2").with("email", "a@x.org"),
                    OwnedRecord::new("3"),
                ],
            )
            .unwrap();
        let r: Vec<_> = store.records().collect();
        let same = Rule::test(&schema, "email", LevelTest::Exact).unwrap();
        assert!(same.holds(&r[0], &r[1]));
        assert!(!same.holds(&r[0], &r[2]), "missing is not agreement");
        assert!(same.clone().not().holds(&r[0], &r[2]));
        assert!(Rule::All(vec![]).holds(&r[0], &r[1]));
        assert!(!Rule::Any(vec![]).holds(&r[0], &r[1]));
        assert!(!same.clone().and(same.clone().not()).holds(&r[0], &r[1]));
        assert!(same.clone().or(same.clone().not()).holds(&r[0], &r[2]));

        let mut deep = same.clone();
        for _ in 0..20_000 {
            deep = deep.not().not();
        }
        assert!(deep.holds(&r[0], &r[1]));
        assert!(deep.describe(&schema).contains('…'));
        // Dropping a deep Box chain recurses; unwind it by hand.
        let mut node = deep;
        while let Rule::Not(inner) = node {
            node = *inner;
        }
    }

    /// Fields `a`, `b`, `c` and an exact test on each.
    fn three_tests() -> (Schema, [FieldId; 3], [Rule; 3]) {
        let schema = Schema::builder()
            .field("a", FieldKind::Identifier)
            .field("b", FieldKind::Identifier)
            .field("c", FieldKind::Identifier)
            .build()
            .unwrap();
        let ids = ["a", "b", "c"].map(|name| schema.field_id(name).unwrap());
        let tests =
            ["a", "b", "c"].map(|name| Rule::test(&schema, name, LevelTest::Exact).unwrap());
        (schema, ids, tests)
    }

    /// The rule's value when exactly the tests on `holding` hold, and the
    /// fields whose tests ran, in order.
    fn run(rule: &Rule, holding: &[FieldId]) -> (bool, Vec<FieldId>) {
        let mut ran = Vec::new();
        let value = rule.evaluate(|field, _| {
            ran.push(field);
            holding.contains(&field)
        });
        (value, ran)
    }

    #[test]
    fn all_and_any_stop_at_the_first_rule_that_decides_them() {
        let (_, [a, b, c], [ta, tb, tc]) = three_tests();
        let all = ta.clone().and(tb.clone()).and(tc.clone());
        assert_eq!(run(&all, &[a, c]), (false, vec![a, b]), "c never runs");
        assert_eq!(run(&all, &[b, c]), (false, vec![a]));
        assert_eq!(run(&all, &[a, b, c]), (true, vec![a, b, c]));
        let any = ta.clone().or(tb.clone()).or(tc.clone());
        assert_eq!(run(&any, &[b]), (true, vec![a, b]), "c never runs");
        assert_eq!(run(&any, &[a]), (true, vec![a]));
        assert_eq!(run(&any, &[]), (false, vec![a, b, c]));
        // not (a) and (b or c): a decides alone when it holds.
        let nested = ta.clone().not().and(tb.clone().or(tc.clone()));
        assert_eq!(run(&nested, &[a, b]), (false, vec![a]));
        assert_eq!(run(&nested, &[b]), (true, vec![a, b]));
        assert_eq!(run(&nested, &[c]), (true, vec![a, b, c]));
        // (a or b) and c, with the `any` decided by its first rule.
        let grouped = ta.or(tb).and(tc);
        assert_eq!(run(&grouped, &[a, c]), (true, vec![a, c]));
        assert_eq!(run(&grouped, &[]), (false, vec![a, b]));
    }

    /// A rule tree of depth at most `depth` over the three tests.
    fn any_rule(depth: u32) -> impl Strategy<Value = Rule> {
        let (_, _, tests) = three_tests();
        prop::sample::select(tests.to_vec()).prop_recursive(depth, 64, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Rule::All),
                prop::collection::vec(inner.clone(), 0..4).prop_map(Rule::Any),
                inner.prop_map(Rule::not),
            ]
        })
    }

    impl Rule {
        /// Every tested field, left to right, repeats included.
        fn fields_in_order(&self, out: &mut Vec<FieldId>) {
            match self {
                Rule::Test { field, .. } => out.push(*field),
                Rule::All(rules) | Rule::Any(rules) => {
                    rules.iter().for_each(|rule| rule.fields_in_order(out))
                }
                Rule::Not(inner) => inner.fields_in_order(out),
            }
        }
    }

    /// The rule's value by plain recursion, every test evaluated.
    fn eager(rule: &Rule, holding: &[FieldId]) -> bool {
        match rule {
            Rule::Test { field, .. } => holding.contains(field),
            Rule::All(rules) => rules
                .iter()
                .map(|rule| eager(rule, holding))
                .fold(true, |x, y| x & y),
            Rule::Any(rules) => rules
                .iter()
                .map(|rule| eager(rule, holding))
                .fold(false, |x, y| x | y),
            Rule::Not(inner) => !eager(inner, holding),
        }
    }

    proptest! {
        #[test]
        fn lazy_evaluation_agrees_with_eager_evaluation(
            rule in any_rule(6),
            holds in prop::array::uniform3(any::<bool>()),
        ) {
            let (_, ids, _) = three_tests();
            let holding: Vec<FieldId> = ids.into_iter().zip(holds).filter_map(|(id, h)| h.then_some(id)).collect();
            let (lazy, ran) = run(&rule, &holding);
            prop_assert_eq!(lazy, eager(&rule, &holding));
            // Laziness only skips: the tests that ran are a subsequence
            // of all the rule's tests, left to right.
            let mut all = Vec::new();
            rule.fields_in_order(&mut all);
            let mut rest = all.iter();
            prop_assert!(ran.iter().all(|field| rest.any(|other| other == field)));
        }
    }
}
