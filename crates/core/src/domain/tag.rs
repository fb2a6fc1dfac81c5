//! The one tag vocabulary that subjects and partners share, so that partners
//! can be suggested for a subject by the tags they have in common.

use super::{code_enum, required, Id};
use crate::error::Field;
use crate::error::{Error, Result};
use crate::msg;
use serde::Serialize;

code_enum!(
    /// What a tag says something about.
    TagCategory, Tags {
        Exploitation = "exploitation" | "uitbuiting" | "vorm",
        Sector = "sector",
        Region = "region" | "regio",
        Theme = "theme" | "thema",
    }
);

code_enum!(
    /// Forms of exploitation (*vormen van uitbuiting*); the names of the
    /// `exploitation` tags.
    ExploitationForm, Tags {
        Sexual = "sexual" | "seksueel" | "seksuele uitbuiting",
        Labour = "labour" | "arbeid" | "arbeidsuitbuiting",
        Criminal = "criminal" | "crimineel" | "criminele uitbuiting",
        OrganRemoval = "organ_removal" | "orgaanverwijdering",
        Other = "other" | "overig" | "anders",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Tag {
    pub category: TagCategory,
    pub name: String,
}

impl Tag {
    /// Parses `category:name` (`regio:Noord-Holland`, `uitbuiting:arbeid`).
    /// Exploitation tags are normalised to their code so that `arbeid` and
    /// `labour` are one tag.
    pub fn parse(input: &str) -> Result<Tag> {
        let (category, name) = input.split_once(':').ok_or_else(|| {
            Error::validation(Field::Tags, msg!(TagNoCategory, input = input.trim()))
        })?;
        Tag::new(TagCategory::parse(category)?, name)
    }

    pub fn new(category: TagCategory, name: &str) -> Result<Tag> {
        let name = required(Field::Tags, name)?;
        let name = match category {
            TagCategory::Exploitation => ExploitationForm::parse(&name)?.code().to_string(),
            _ => name,
        };
        Ok(Tag { category, name })
    }

    pub fn exploitation(form: ExploitationForm) -> Tag {
        Tag {
            category: TagCategory::Exploitation,
            name: form.code().to_string(),
        }
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.category, self.name)
    }
}

/// Parses a list of tags, dropping duplicates and keeping a stable order.
pub fn parse_tags<S: AsRef<str>>(inputs: &[S]) -> Result<Vec<Tag>> {
    let mut tags = inputs
        .iter()
        .map(|t| Tag::parse(t.as_ref()))
        .collect::<Result<Vec<_>>>()?;
    tags.sort();
    tags.dedup_by(|a, b| {
        a.category == b.category && a.name.to_lowercase() == b.name.to_lowercase()
    });
    Ok(tags)
}

/// How often a tag is used, for filters and coverage pictures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TagUse {
    pub tag: Tag,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: Id,
    pub subjects: u32,
    pub partners: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_and_english_exploitation_words_are_one_tag() {
        let tags =
            parse_tags(&["uitbuiting:arbeid", "exploitation:labour", "regio:Utrecht"]).unwrap();
        assert_eq!(
            tags.len(),
            2,
            "arbeid and labour are the same form: {tags:?}"
        );
        assert_eq!(tags[0], Tag::exploitation(ExploitationForm::Labour));
    }

    #[test]
    fn a_tag_needs_a_known_category() {
        assert_eq!(Tag::parse("Utrecht").unwrap_err().field(), Some("tags"));
        assert!(Tag::parse("kleur:rood").is_err());
        assert!(
            Tag::parse("uitbuiting:fietsen").is_err(),
            "only the five forms exist"
        );
    }
}
