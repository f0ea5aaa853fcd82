//! Text search helpers shared by the lists.

use sea_orm::sea_query::LikeExpr;

/// `LIKE '%term%' ESCAPE '\'` with the term's own `%`, `_` and `\` taken literally. Both
/// SQLite and PostgreSQL honour the explicit escape character.
pub fn contains(term: &str) -> LikeExpr {
    let escaped = term.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}
