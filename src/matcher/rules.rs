//! Deterministic rule matching: `same e-mail`, or `same date of birth and
//! similar names`, composed with all / any / not.

use smallvec::{SmallVec, smallvec};

use super::explain::{Explanation, FieldExplanation, Reveal};
use super::level::{LevelTest, Similarities};
use super::{Matcher, Score};
use crate::error::Result;
use crate::prepare::PreparedRecord;
use crate::schema::{FieldId, Schema};

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
    /// [`Error::UnknownField`](crate::Error::UnknownField) for a name the
    /// schema lacks; [`Error::MetadataField`](crate::Error::MetadataField)
    /// for a metadata field; [`Error::InvalidParameter`](crate::Error::InvalidParameter)
    /// for a bad test parameter.
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
    pub fn test(schema: &Schema, name: &str, test: LevelTest) -> Result<Rule> {
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

    /// Whether the rule holds for a pair. Nesting is evaluated with an
    /// explicit stack, so a deep rule cannot overflow the call stack.
    ///
    /// # Examples
    ///
    /// See [`RuleMatcher`].
    pub fn holds(&self, a: &PreparedRecord<'_>, b: &PreparedRecord<'_>) -> bool {
        // Post-order evaluation: `Visit` pushes children, `Combine` folds
        // their results.
        enum Step<'r> {
            Visit(&'r Rule),
            Combine(&'r Rule),
        }
        // Small rules evaluate on the stack: scoring allocates nothing.
        let mut steps: SmallVec<[Step<'_>; 16]> = smallvec![Step::Visit(self)];
        let mut values: SmallVec<[bool; 16]> = SmallVec::new();
        while let Some(step) = steps.pop() {
            match step {
                Step::Visit(Rule::Test { field, test }) => {
                    values.push(match (a.text(*field), b.text(*field)) {
                        (Some(x), Some(y)) => {
                            test.holds(*field, (a, b), x, y, &mut Similarities::default())
                        }
                        _ => false,
                    });
                }
                Step::Visit(rule) => {
                    steps.push(Step::Combine(rule));
                    match rule {
                        Rule::All(rules) | Rule::Any(rules) => {
                            steps.extend(rules.iter().map(Step::Visit))
                        }
                        Rule::Not(inner) => steps.push(Step::Visit(inner)),
                        Rule::Test { .. } => {}
                    }
                }
                Step::Combine(rule) => {
                    let count = match rule {
                        Rule::All(rules) | Rule::Any(rules) => rules.len(),
                        _ => 1,
                    };
                    let start = values.len().saturating_sub(count);
                    let children = values.get(start..).unwrap_or_default();
                    let value = match rule {
                        Rule::All(_) => children.iter().all(|&value| value),
                        Rule::Any(_) => children.iter().any(|&value| value),
                        _ => !children.first().copied().unwrap_or(false),
                    };
                    values.truncate(start);
                    values.push(value);
                }
            }
        }
        values.pop().unwrap_or(false)
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
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::matcher::{LevelTest, Rule, RuleMatcher};
    /// # use sameas::{FieldKind, Schema};
    /// # let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// let rule = Rule::test(&schema, "email", LevelTest::Exact)?;
    /// assert_eq!(RuleMatcher::new(&schema, rule.clone()).rule(), &rule);
    /// # Ok::<(), sameas::Error>(())
    /// ```
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
}
