//! The copy-paste HTML a company puts on its site: a plain `<form>` that posts to the
//! form's public address (works without JavaScript), and an optional script that sends it
//! with `fetch` and shows the answer in place.

use voronka_types::forms::{FormField, FormFieldKind, FormSnippet};

use super::entity::{self, submit_url};

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn input(field: &FormField) -> String {
    let id = format!("voronka-{}", field.key.replace('.', "-"));
    let name = escape(&field.key);
    let required = if field.required { " required" } else { "" };
    let control = match field.kind {
        FormFieldKind::Textarea => format!("<textarea id=\"{id}\" name=\"{name}\" rows=\"4\"{required}></textarea>"),
        FormFieldKind::Select => {
            let options: String = field
                .options
                .iter()
                .map(|o| format!("\n      <option>{}</option>", escape(o)))
                .collect();
            format!(
                "<select id=\"{id}\" name=\"{name}\"{required}>\n      <option value=\"\"></option>{options}\n    </select>"
            )
        }
        kind => {
            let (kind, extra) = match kind {
                FormFieldKind::Phone => ("tel", " autocomplete=\"tel\""),
                FormFieldKind::Email => ("email", " autocomplete=\"email\""),
                _ if field.key == "name" => ("text", " autocomplete=\"name\""),
                _ => ("text", ""),
            };
            format!("<input id=\"{id}\" type=\"{kind}\" name=\"{name}\"{extra}{required}>")
        }
    };
    format!(
        "  <p>\n    <label for=\"{id}\">{label}{mark}</label>\n    {control}\n  </p>\n",
        label = escape(&field.label),
        mark = if field.required { " *" } else { "" },
    )
}

/// The snippet of `form`; `public_url` is the instance's public base URL.
pub fn build(form: &entity::Model, public_url: &str) -> FormSnippet {
    let url = submit_url(public_url, &form.public_key);
    let fields: String = form.field_list().iter().map(input).collect();
    let html = format!(
        "<form class=\"voronka-form\" action=\"{action}\" method=\"POST\">\n{fields}  \
         <!-- Spam trap: people never see it; bots fill it in. Keep it empty and off-screen. -->\n  \
         <div style=\"position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden\" aria-hidden=\"true\">\n    \
         <input type=\"text\" name=\"{honeypot}\" tabindex=\"-1\" autocomplete=\"off\" value=\"\">\n  </div>\n  \
         <button type=\"submit\">Send</button>\n</form>\n",
        action = escape(&url),
        honeypot = escape(&form.honeypot_field),
    );
    let script = "<script>\n\
document.querySelectorAll('form.voronka-form').forEach(function (form) {\n  \
form.addEventListener('submit', function (event) {\n    \
event.preventDefault();\n    \
var data = Object.fromEntries(new FormData(form).entries());\n    \
fetch(form.action, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(data) })\n      \
.then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })\n      \
.then(function (res) {\n        \
var note = document.createElement('p');\n        \
note.textContent = res.ok ? res.body.message : (res.body.detail || 'Please check the form and try again.');\n        \
if (res.ok) { form.replaceWith(note); } else { form.appendChild(note); }\n      \
})\n      \
.catch(function () { form.submit(); });\n  \
});\n\
});\n\
</script>\n"
        .to_owned();
    FormSnippet {
        submit_url: url,
        html,
        script,
    }
}
