//! A tiny OpenAI-compatible server for the LLM tests: it answers every chat completion the
//! same way (a fixed text, after a pause, or garbage), counts the calls and keeps the bodies.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How the fake answers.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A chat completion whose message is this text (100 prompt + 20 completion tokens).
    Content(String),
    /// The same, after this pause.
    Slow(Duration, String),
    /// HTTP 200 with a body that is no chat completion.
    Garbage,
}

/// A running fake LLM server.
pub struct FakeLlm {
    /// Its base URL (`http://127.0.0.1:PORT/v1`).
    pub url: String,
    calls: Arc<AtomicUsize>,
    bodies: Arc<Mutex<Vec<Value>>>,
}

impl FakeLlm {
    pub async fn start(reply: Reply) -> FakeLlm {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/v1", listener.local_addr().unwrap());
        let calls = Arc::new(AtomicUsize::new(0));
        let bodies = Arc::new(Mutex::new(Vec::new()));
        let (counted, kept) = (calls.clone(), bodies.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (reply, counted, kept) = (reply.clone(), counted.clone(), kept.clone());
                tokio::spawn(async move {
                    if let Some(body) = read_request(&stream).await {
                        counted.fetch_add(1, Ordering::SeqCst);
                        kept.lock().unwrap().push(body);
                        answer(stream, reply).await;
                    }
                });
            }
        });
        FakeLlm { url, calls, bodies }
    }

    /// Chat completions asked so far.
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    /// The JSON bodies of the requests so far.
    pub fn bodies(&self) -> Vec<Value> {
        self.bodies.lock().unwrap().clone()
    }
}

async fn read_request(stream: &TcpStream) -> Option<Value> {
    let mut data = Vec::new();
    let mut buffer = [0u8; 8192];
    loop {
        stream.readable().await.ok()?;
        match stream.try_read(&mut buffer) {
            Ok(0) => return None,
            Ok(n) => data.extend_from_slice(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
            Err(_) => return None,
        }
        let text = String::from_utf8_lossy(&data).to_string();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                return serde_json::from_slice(&data[end + 4..end + 4 + length]).ok();
            }
        }
    }
}

async fn answer(mut stream: TcpStream, reply: Reply) {
    let body = match reply {
        Reply::Content(text) => completion(&text),
        Reply::Slow(pause, text) => {
            tokio::time::sleep(pause).await;
            completion(&text)
        }
        Reply::Garbage => "<html>teapot</html>".to_owned(),
    };
    let response = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
    let mut rest = Vec::new();
    let _ = tokio::time::timeout(Duration::from_millis(50), stream.read_to_end(&mut rest)).await;
}

fn completion(text: &str) -> String {
    json!({
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1_764_000_000u32,
        "model": "fake",
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": text}}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}
    })
    .to_string()
}
