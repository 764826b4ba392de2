//! "Did you mean": the closest known name to a mistyped one, so an error line
//! names the fix instead of making the operator hunt for it.

/// Only this many candidates are compared, so a pack with a million ids and
/// many broken references is still checked in seconds.
const MAX_CANDIDATES: usize = 10_000;

/// The candidate closest to `found` by edit distance (a swap of two
/// neighbouring letters counting as one edit), if it is close enough
/// to be a typo (at most a third of the name's length, and at most 3 edits).
pub fn did_you_mean<'a>(
    found: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let allowed = (found.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .take(MAX_CANDIDATES)
        .map(|candidate| (strsim::damerau_levenshtein(found, candidate), candidate))
        .filter(|&(distance, candidate)| distance <= allowed && candidate != found)
        .min()
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_only_close_names() {
        let parks = ["zhangjiang-ai-island", "jinqiao-robot-valley"];
        assert_eq!(
            did_you_mean("zhangjiang-ai-iland", parks),
            Some("zhangjiang-ai-island")
        );
        assert_eq!(did_you_mean("lingang", parks), None);
        assert_eq!(did_you_mean("parc", ["id", "park"]), Some("park"));
        assert_eq!(did_you_mean("nmae", ["id", "name"]), Some("name"));
    }
}
