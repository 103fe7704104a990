//! Candidates for one meta field from several kinds of evidence, ranked: the strongest kind
//! wins, the most frequent value within it; a different value in another kind is a conflict.

use crate::model::{MetaSource, Warning};
use crate::provenance::Provenance;

/// The kinds of evidence, strongest first (the `evidence` of a [`MetaSource`]).
pub(super) const RANKS: &[&str] =
    &["cover_title", "cover_field", "caption_field", "title_line", "narrative", "content", "file_name"];

/// One value read from one place.
#[derive(Debug, Clone)]
pub(super) struct Candidate<T> {
    /// The value.
    pub value: T,
    /// One of [`RANKS`].
    pub evidence: &'static str,
    /// The text it was read from, as printed.
    pub text: String,
    /// Where that text is.
    pub provenance: Provenance,
}

impl<T> Candidate<T> {
    /// A candidate.
    pub fn new(value: T, evidence: &'static str, text: &str, provenance: &Provenance) -> Self {
        Candidate { value, evidence, text: text.to_string(), provenance: provenance.clone() }
    }

    /// The [`MetaSource`] of this candidate.
    pub fn source(&self) -> MetaSource {
        MetaSource { evidence: self.evidence.to_string(), text: self.text.clone(), provenance: self.provenance.clone() }
    }

    fn rank(&self) -> usize {
        RANKS.iter().position(|r| *r == self.evidence).unwrap_or(RANKS.len())
    }
}

/// The best candidate of the strongest kind present: its most frequent value (ties: the first
/// printed). `same` says whether two values agree.
pub(super) fn best<'a, T>(candidates: &'a [Candidate<T>], same: &dyn Fn(&T, &T) -> bool) -> Option<&'a Candidate<T>> {
    let rank = candidates.iter().map(Candidate::rank).min()?;
    mode(candidates.iter().filter(|c| c.rank() == rank), same)
}

fn mode<'a, T>(
    group: impl Iterator<Item = &'a Candidate<T>> + Clone,
    same: &dyn Fn(&T, &T) -> bool,
) -> Option<&'a Candidate<T>> {
    let all: Vec<&Candidate<T>> = group.collect();
    let count = |c: &Candidate<T>| all.iter().filter(|o| same(&o.value, &c.value)).count();
    let mut chosen: Option<(&Candidate<T>, usize)> = None;
    for c in &all {
        let n = count(c);
        if chosen.is_none_or(|(_, best)| n > best) {
            chosen = Some((c, n));
        }
    }
    chosen.map(|(c, _)| c)
}

/// A `…_conflict` warning for the first weaker kind of evidence (down to `title_line`) whose most
/// frequent value differs from `chosen`, naming both sources.
pub(super) fn conflict<T: std::fmt::Display>(
    field: &str,
    chosen: &Candidate<T>,
    candidates: &[Candidate<T>],
    same: &dyn Fn(&T, &T) -> bool,
) -> Option<Warning> {
    // Sentences and file names name related agencies (a parent, an abbreviation): no conflict.
    for rank in RANKS.iter().skip(chosen.rank() + 1).filter(|r| !matches!(**r, "narrative" | "content" | "file_name")) {
        let Some(other) = mode(candidates.iter().filter(|c| c.evidence == *rank), same) else { continue };
        if same(&other.value, &chosen.value) {
            continue;
        }
        return Some(Warning {
            code: format!("{field}_conflict"),
            message: format!(
                "{field}: the {} ({}) says {} (`{}`), the {} ({}) says {} (`{}`); kept {}",
                chosen.evidence,
                chosen.source().label(),
                chosen.value,
                chosen.text,
                other.evidence,
                other.source().label(),
                other.value,
                other.text,
                chosen.value
            ),
            provenance: other.provenance.clone(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strongest_kind_then_most_frequent() {
        let p = Provenance::default();
        let candidates = vec![
            Candidate::new(2025, "title_line", "2025年预算执行", &p),
            Candidate::new(2026, "title_line", "2026年部门预算表", &p),
            Candidate::new(2026, "title_line", "2026年收支总表", &p),
            Candidate::new(2019, "file_name", "x_2019", &p),
        ];
        let same = |a: &i32, b: &i32| a == b;
        assert_eq!(best(&candidates, &same).map(|c| c.value), Some(2026));
        let cover = Candidate::new(2024, "cover_title", "2024年度部门决算", &p);
        let warning = conflict("year", &cover, &candidates, &same).expect("a conflict");
        assert!(warning.message.contains("2024") && warning.message.contains("2026"), "{}", warning.message);
    }
}
