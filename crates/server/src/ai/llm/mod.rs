//! The optional LLM (any OpenAI-compatible chat-completions server, `VORONKA_LLM_*`): every
//! call goes through [`ask`], which checks the company's switch and monthly token budget
//! first, bounds the call with a timeout, validates the answer, and records the usage after.
//! When the LLM is skipped or fails, the caller gets a status saying why and keeps its rules'
//! answer.

pub mod classify;
pub mod narrative;
pub mod numbers;
pub mod usage;

use std::time::Duration;

use async_openai::Client;
use async_openai::config::OpenAIConfig;
use async_openai::error::OpenAIError;
use async_openai::types::chat::{
    ChatCompletionRequestMessage, ChatCompletionRequestSystemMessage, ChatCompletionRequestUserMessage,
    CreateChatCompletionRequest, ResponseFormat, ResponseFormatJsonSchema,
};
use chrono_tz::Tz;
use sea_orm::ConnectionTrait;
use voronka_types::TenantId;

use crate::config::Config;
use crate::{clock, tenants};

/// Why the LLM was not used when the server has none.
pub const NOT_CONFIGURED: &str = "no LLM is configured";
/// Why the LLM was not used when the company switched it off.
pub const SWITCHED_OFF: &str = "LLM is switched off for this company";
/// Why the LLM was not used when the company spent its month's tokens.
pub const BUDGET_USED_UP: &str = "monthly token budget used up";

/// The configured LLM server.
#[derive(Clone)]
pub struct Llm {
    client: Client<OpenAIConfig>,
    model: String,
    timeout: Duration,
    monthly_tokens: u64,
}

impl std::fmt::Debug for Llm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Llm")
            .field("model", &self.model)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl Llm {
    /// The LLM of `VORONKA_LLM_BASE_URL`, or `None` when it is not set.
    pub fn from_config(config: &Config) -> Option<Llm> {
        let base = config
            .llm_base_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())?;
        let mut openai = OpenAIConfig::new().with_api_base(base.trim_end_matches('/'));
        if let Some(key) = &config.llm_api_key {
            openai = openai.with_api_key(key.expose());
        }
        Some(Llm {
            client: Client::with_config(openai),
            model: config.llm_model.clone(),
            timeout: Duration::from_millis(config.llm_timeout_ms.max(1)),
            monthly_tokens: config.llm_monthly_tokens,
        })
    }
}

/// What a call is for: its usage is counted under this name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Narrative,
    Classify,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Narrative => "narrative",
            Purpose::Classify => "classify",
        }
    }
}

/// One question to the LLM.
#[derive(Debug, Clone)]
pub struct Question {
    pub purpose: Purpose,
    /// The task (a prompt file with its blanks filled).
    pub system: String,
    /// The material: facts or the message to read.
    pub user: String,
    /// A JSON schema the answer must follow (`response_format: json_schema`).
    pub schema: Option<(&'static str, serde_json::Value)>,
    pub max_tokens: u32,
}

/// Asks the company's LLM and checks the answer with `accept`. `Err` is the `llm_status` to
/// show: not configured, switched off, over budget, timed out, failed, or the answer rejected.
pub async fn ask<T>(
    llm: Option<&Llm>,
    db: &impl ConnectionTrait,
    tenant: TenantId,
    question: Question,
    accept: impl FnOnce(&str) -> Result<T, String>,
) -> Result<T, String> {
    let llm = llm.ok_or(NOT_CONFIGURED)?;
    let company = match tenants::service::find(db, tenant).await {
        Ok(Some(company)) => company,
        Ok(None) => return Err("LLM skipped: company not found".into()),
        Err(e) => {
            tracing::warn!(error = %e, "LLM skipped: the company could not be read");
            return Err("LLM skipped: the company could not be read".into());
        }
    };
    if !company.ai_llm_enabled {
        return Err(SWITCHED_OFF.into());
    }
    let zone = company.time_zone.parse::<Tz>().unwrap_or(Tz::UTC);
    let month = clock::now().with_timezone(&zone).format("%Y-%m").to_string();
    let budget = company
        .ai_llm_monthly_tokens
        .map_or(llm.monthly_tokens, |t| t.max(0) as u64);
    match usage::spent(db, tenant, &month).await {
        Ok(spent) if spent >= budget => return Err(BUDGET_USED_UP.into()),
        Ok(_) => {}
        Err(e) => {
            tracing::warn!(error = %e, "LLM skipped: the usage could not be read");
            return Err("LLM skipped: the token usage could not be read".into());
        }
    }
    let purpose = question.purpose.as_str();
    let (outcome, mut tally) = llm.complete(question).await;
    let result = outcome.and_then(|text| accept(&text).map_err(|why| format!("LLM answer rejected: {why}")));
    tally.failed = result.is_err();
    if let Err(e) = usage::record(db, tenant, &month, purpose, tally, clock::now()).await {
        tracing::warn!(error = %e, "the LLM usage could not be recorded");
    }
    if let Err(status) = &result {
        tracing::info!(purpose, status, "LLM answer not used");
    }
    result
}

impl Llm {
    /// One chat completion within the timeout, with no company's switch or budget checked
    /// (use [`ask`] for a company): the answer's text or why there is none, and the tokens it
    /// cost (estimated when the server does not say).
    pub async fn complete(&self, question: Question) -> (Result<String, String>, usage::Tally) {
        let llm = self;
        let estimate = (question.system.len() + question.user.len()).div_ceil(4) as u64;
        let request = CreateChatCompletionRequest {
            model: llm.model.clone(),
            messages: vec![
                ChatCompletionRequestMessage::System(ChatCompletionRequestSystemMessage::from(
                    question.system.as_str(),
                )),
                ChatCompletionRequestMessage::User(ChatCompletionRequestUserMessage::from(question.user)),
            ],
            temperature: Some(0.0),
            max_completion_tokens: Some(question.max_tokens),
            response_format: question.schema.map(|(name, schema)| ResponseFormat::JsonSchema {
                json_schema: ResponseFormatJsonSchema {
                    description: None,
                    name: name.to_owned(),
                    schema,
                    strict: Some(true),
                },
            }),
            ..Default::default()
        };
        let mut tally = usage::Tally {
            prompt_tokens: estimate,
            ..Default::default()
        };
        let answer = match tokio::time::timeout(llm.timeout, llm.client.chat().create(request)).await {
            Err(_) => {
                return (
                    Err(format!("LLM timed out after {} ms", llm.timeout.as_millis())),
                    tally,
                );
            }
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "LLM call failed");
                return (Err(failure(&e)), tally);
            }
            Ok(Ok(answer)) => answer,
        };
        if let Some(used) = &answer.usage {
            tally.prompt_tokens = used.prompt_tokens.into();
            tally.completion_tokens = used.completion_tokens.into();
        }
        let text = answer
            .choices
            .into_iter()
            .next()
            .and_then(|c| c.message.content)
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty());
        if answer.usage.is_none() {
            tally.completion_tokens = text.as_ref().map_or(0, |t| t.len().div_ceil(4) as u64);
        }
        (
            text.ok_or_else(|| "LLM answer rejected: empty answer".to_owned()),
            tally,
        )
    }
}

/// Why a call failed, without the server's address (it is the operator's, not the company's).
fn failure(error: &OpenAIError) -> String {
    match error {
        OpenAIError::Reqwest(e) if e.is_connect() => "LLM failed: server unreachable".into(),
        OpenAIError::Reqwest(e) if e.is_status() => format!(
            "LLM failed: HTTP {}",
            e.status()
                .map_or_else(|| "error".to_owned(), |s| s.as_u16().to_string())
        ),
        OpenAIError::Reqwest(_) => "LLM failed: connection error".into(),
        OpenAIError::ApiError(e) => format!(
            "LLM failed: HTTP {} {}",
            e.status_code.as_u16(),
            e.api_error.message.chars().take(200).collect::<String>()
        ),
        OpenAIError::JSONDeserialize(..) => "LLM answer rejected: not a chat completion".into(),
        other => format!(
            "LLM failed: {}",
            other.to_string().chars().take(200).collect::<String>()
        ),
    }
}
