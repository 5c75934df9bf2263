//! The rule chain a field gets when the caller sets none (the table in
//! the module docs).

use super::rule::SurvivorshipRule;
use crate::schema::FieldKind;

/// What the default chains may draw on besides the field's kind.
pub(crate) struct DefaultContext<'a> {
    /// Whether the rules have a timestamp field.
    pub(crate) has_timestamp: bool,
    /// Whether this field is the timestamp field itself.
    pub(crate) is_timestamp: bool,
    /// The rules' default source priority, if set.
    pub(crate) source_priority: Option<&'a [String]>,
}

/// The default chain for a field of `kind`.
pub(crate) fn default_chain(
    kind: FieldKind,
    context: &DefaultContext<'_>,
) -> Vec<SurvivorshipRule> {
    use SurvivorshipRule::{MostComplete, MostFrequent, MostRecent};

    if context.is_timestamp {
        return vec![MostRecent];
    }
    let recent = context.has_timestamp.then_some(MostRecent);
    let priority = context
        .source_priority
        .map(|sources| SurvivorshipRule::SourcePriority(sources.to_vec()));
    let chain: Vec<Option<SurvivorshipRule>> = match kind {
        // Agreement first; on a tie the fuller spelling (`William` over
        // `Bill`, a middle name kept).
        FieldKind::GivenName
        | FieldKind::FamilyName
        | FieldKind::FullName
        | FieldKind::Organisation => vec![Some(MostFrequent), Some(MostComplete)],
        // Contact points: the one most records agree on, then the latest.
        FieldKind::Email
        | FieldKind::Handle
        | FieldKind::Phone
        | FieldKind::Category
        | FieldKind::Numeric => {
            vec![Some(MostFrequent), recent]
        }
        // A date of birth does not change: the majority is the best guess.
        FieldKind::Date => vec![Some(MostFrequent)],
        // People move: the latest address wins when records are dated.
        FieldKind::Address | FieldKind::City | FieldKind::Postcode | FieldKind::Country => {
            vec![recent, Some(MostFrequent), Some(MostComplete)]
        }
        // Identifiers are issued by a system of record: trust it first.
        FieldKind::Identifier => vec![priority.clone(), Some(MostFrequent)],
        FieldKind::Text => vec![recent, Some(MostComplete)],
        FieldKind::Set => vec![Some(MostComplete), Some(MostFrequent)],
        // Another point in time than the rules' timestamp: the latest too.
        FieldKind::Timestamp => vec![recent, Some(MostFrequent)],
    };
    let mut chain: Vec<SurvivorshipRule> = chain.into_iter().flatten().collect();
    if kind != FieldKind::Identifier {
        chain.extend(priority);
    }
    chain
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survive::RuleName;

    fn names(kind: FieldKind, context: &DefaultContext<'_>) -> Vec<String> {
        default_chain(kind, context)
            .iter()
            .map(|rule| rule.name().to_string())
            .collect()
    }

    #[test]
    fn chains_follow_the_documented_table() {
        let bare = DefaultContext {
            has_timestamp: false,
            is_timestamp: false,
            source_priority: None,
        };
        assert_eq!(
            names(FieldKind::GivenName, &bare),
            ["most_frequent", "most_complete"]
        );
        assert_eq!(names(FieldKind::Email, &bare), ["most_frequent"]);
        assert_eq!(
            names(FieldKind::Address, &bare),
            ["most_frequent", "most_complete"]
        );
        assert_eq!(names(FieldKind::Identifier, &bare), ["most_frequent"]);
        let priority = vec!["crm".to_string()];
        let full = DefaultContext {
            has_timestamp: true,
            is_timestamp: false,
            source_priority: Some(&priority),
        };
        assert_eq!(
            names(FieldKind::Email, &full),
            ["most_frequent", "most_recent", "source_priority"]
        );
        assert_eq!(
            names(FieldKind::Address, &full),
            [
                "most_recent",
                "most_frequent",
                "most_complete",
                "source_priority"
            ]
        );
        assert_eq!(
            names(FieldKind::Identifier, &full),
            ["source_priority", "most_frequent"]
        );
        assert_eq!(
            names(FieldKind::Date, &full),
            ["most_frequent", "source_priority"]
        );
        let timestamp = DefaultContext {
            is_timestamp: true,
            ..full
        };
        assert_eq!(
            default_chain(FieldKind::Date, &timestamp)
                .iter()
                .map(SurvivorshipRule::name)
                .collect::<Vec<_>>(),
            [RuleName::MostRecent]
        );
    }

    #[test]
    fn every_kind_has_a_chain_without_most_recent_when_undated() {
        let bare = DefaultContext {
            has_timestamp: false,
            is_timestamp: false,
            source_priority: None,
        };
        for kind in FieldKind::ALL {
            let chain = default_chain(kind, &bare);
            assert!(!chain.is_empty(), "{kind}");
            assert!(
                chain
                    .iter()
                    .all(|rule| !matches!(rule, SurvivorshipRule::MostRecent)),
                "{kind}"
            );
        }
    }
}
