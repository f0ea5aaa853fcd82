//! Outgoing e-mail: SMTP when configured; otherwise, in dev only, the message is logged so a
//! developer can follow the link. Tests capture messages in memory.

use std::sync::{Arc, Mutex};

use anyhow::Context;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::{Config, Environment, SmtpTls};

/// One e-mail to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

#[derive(Clone)]
pub enum Mailer {
    Smtp {
        transport: Box<AsyncSmtpTransport<Tokio1Executor>>,
        from: Box<Mailbox>,
    },
    /// No SMTP: log at INFO in dev, warn that nothing was sent in production.
    Log { environment: Environment },
    /// Tests read what would have been sent.
    Memory(Arc<Mutex<Vec<OutgoingMail>>>),
}

impl Mailer {
    pub fn from_config(config: &Config) -> anyhow::Result<Mailer> {
        let Some(host) = config.smtp_host.as_deref().filter(|h| !h.is_empty()) else {
            return Ok(Mailer::Log {
                environment: config.environment,
            });
        };
        let mut builder = match config.smtp_tls {
            SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)?,
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)?,
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
        }
        .port(config.smtp_port);
        if let (Some(user), Some(password)) = (&config.smtp_username, &config.smtp_password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.expose().to_owned()));
        }
        let from: Mailbox = config
            .smtp_from
            .parse()
            .context("VORONKA_SMTP_FROM is not a valid mailbox")?;
        Ok(Mailer::Smtp {
            transport: Box::new(builder.build()),
            from: Box::new(from),
        })
    }

    /// Sends, or logs when there is no SMTP. Failures are returned for the caller to log;
    /// they never leak to the API client.
    pub async fn send(&self, mail: OutgoingMail) -> anyhow::Result<()> {
        match self {
            Mailer::Smtp { transport, from } => {
                let message = Message::builder()
                    .from(Mailbox::clone(from))
                    .to(mail.to.parse().context("bad recipient")?)
                    .subject(mail.subject)
                    .body(mail.body)?;
                transport.send(message).await.context("SMTP send failed")?;
                Ok(())
            }
            Mailer::Log {
                environment: Environment::Dev,
            } => {
                tracing::info!(to = %mail.to, subject = %mail.subject, body = %mail.body, "no SMTP configured (dev): e-mail logged instead of sent");
                Ok(())
            }
            Mailer::Log {
                environment: Environment::Production,
            } => {
                tracing::warn!(subject = %mail.subject, "no SMTP configured: e-mail not sent");
                Ok(())
            }
            Mailer::Memory(outbox) => {
                outbox
                    .lock()
                    .map_err(|_| anyhow::anyhow!("outbox poisoned"))?
                    .push(mail);
                Ok(())
            }
        }
    }
}
