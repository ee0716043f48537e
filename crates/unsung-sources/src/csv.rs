//! (being written)
use crate::{Context, Fetched, Result, Source};
use async_trait::async_trait;

pub struct CsvFile;

#[async_trait]
impl Source for CsvFile {
    async fn check(&self, _cx: &Context<'_>) -> Result<String> {
        todo!()
    }
    async fn fetch(&self, _cx: &Context<'_>) -> Result<Fetched> {
        todo!()
    }
}
