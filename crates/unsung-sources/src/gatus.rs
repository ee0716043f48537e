//! PLACEHOLDER (Gatus): the connector is being written; the contract only.

use crate::{Context, Fetched, Result, Source, SourceError};
use async_trait::async_trait;

pub struct Gatus;

#[async_trait]
impl Source for Gatus {
    async fn check(&self, _cx: &Context<'_>) -> Result<String> {
        Err(SourceError::invalid(
            "PLACEHOLDER: Gatus is not connected yet",
        ))
    }

    async fn fetch(&self, _cx: &Context<'_>) -> Result<Fetched> {
        Err(SourceError::invalid(
            "PLACEHOLDER: Gatus is not connected yet",
        ))
    }
}
