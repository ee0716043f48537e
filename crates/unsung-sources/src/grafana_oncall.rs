//! PLACEHOLDER (Grafana OnCall): the connector is being written; the contract only.

use crate::{Context, Fetched, Result, Source, SourceError};
use async_trait::async_trait;

pub struct GrafanaOnCall;

#[async_trait]
impl Source for GrafanaOnCall {
    async fn check(&self, _cx: &Context<'_>) -> Result<String> {
        Err(SourceError::invalid(
            "PLACEHOLDER: Grafana OnCall is not connected yet",
        ))
    }

    async fn fetch(&self, _cx: &Context<'_>) -> Result<Fetched> {
        Err(SourceError::invalid(
            "PLACEHOLDER: Grafana OnCall is not connected yet",
        ))
    }
}
