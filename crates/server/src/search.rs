//! Text search helpers shared by the lists.

use sea_orm::sea_query::LikeExpr;

/// `LIKE '%term%' ESCAPE '\'` with the term's own `%`, `_` and `\` taken literally. Both
/// SQLite and PostgreSQL honour the explicit escape character.
pub fn contains(term: &str) -> LikeExpr {
    let escaped = term.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

/// A name as sorted and searched: lower case (Unicode-aware, unlike SQLite's `lower()`), with
/// `ё` as `е` so "Ёлка" sorts among the Е words and "елка" finds it.
pub fn fold(text: &str) -> String {
    text.to_lowercase().replace('ё', "е")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_lowers_any_script_and_treats_yo_as_ye() {
        assert_eq!(fold("Ёлка Ivan"), "елка ivan");
        assert_eq!(fold("ÉCOLE"), "école");
    }
}
