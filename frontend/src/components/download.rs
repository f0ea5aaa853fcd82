//! Saving a file the API answered (an export) through a Blob URL and a clicked link.

/// Hands `bytes` to the browser as a file download named `{stem}.{format}` (`csv` or `xlsx`).
pub fn download(bytes: &[u8], stem: &str, format: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let mime = if format == "xlsx" {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    } else {
        "text/csv;charset=utf-8"
    };
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "the file could not be prepared".to_owned())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "no download URL".to_owned())?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no link".to_owned())?
        .dyn_into()
        .map_err(|_| "no link".to_owned())?;
    link.set_href(&url);
    link.set_download(&format!("{stem}.{format}"));
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
