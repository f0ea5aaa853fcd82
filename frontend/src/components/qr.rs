//! A QR code drawn as one SVG path, for the two-factor enrolment link.

use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

/// The SVG path of the dark modules, and the code's size in modules.
fn qr_path(text: &str) -> Option<(String, i32)> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = qr.size();
    let mut d = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                d.push_str(&format!("M{x} {y}h1v1h-1z"));
            }
        }
    }
    Some((d, size))
}

/// `text` as a scannable QR code with a quiet zone.
#[component]
pub fn QrCodeImage(text: String, label: String) -> impl IntoView {
    qr_path(&text).map(|(d, size)| {
        let view_box = format!("-4 -4 {} {}", size + 8, size + 8);
        view! {
            <svg class="qr" viewBox=view_box role="img" aria-label=label shape-rendering="crispEdges">
                <rect x="-4" y="-4" width=size + 8 height=size + 8 fill="#fff" />
                <path d=d fill="#111827" />
            </svg>
        }
    })
}
