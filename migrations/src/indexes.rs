//! Creating plain (non-unique) indexes from a list, the same way on SQLite and PostgreSQL.

use sea_orm_migration::prelude::*;

/// One index: its name, its table and its columns in order.
pub type IndexSpec = (&'static str, DynIden, Vec<DynIden>);

pub async fn create_all(manager: &SchemaManager<'_>, specs: Vec<IndexSpec>) -> Result<(), DbErr> {
    for (name, table, columns) in specs {
        let mut index = Index::create().name(name).table(table).to_owned();
        for column in columns {
            index.col(column);
        }
        manager.create_index(index).await?;
    }
    Ok(())
}
