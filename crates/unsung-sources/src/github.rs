//! PLACEHOLDER (GitHub): the connector is being written; the contract only.

use crate::{Context, Fetched, Result, Source, SourceError};
use async_trait::async_trait;

/// The public API, when no address is given.
pub const API: &str = "https://api.github.com";

pub struct GitHub;

#[async_trait]
impl Source for GitHub {
    async fn check(&self, _cx: &Context<'_>) -> Result<String> {
        Err(SourceError::invalid(
            "PLACEHOLDER: GitHub is not connected yet",
        ))
    }

    async fn fetch(&self, _cx: &Context<'_>) -> Result<Fetched> {
        Err(SourceError::invalid(
            "PLACEHOLDER: GitHub is not connected yet",
        ))
    }
}
