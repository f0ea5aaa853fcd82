//! A small set of line icons drawn inline, so no icon font or sprite has to load.

use leptos::prelude::*;

/// Which icon to draw (named by what it shows).
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IconName {
    Home,
    Users,
    Shield,
    Key,
    User,
    List,
    SignOut,
    Plus,
    Search,
    Copy,
    Check,
    Alert,
    Lock,
    ArrowRight,
    Close,
    Sparkles,
    Funnel,
    Chart,
    Briefcase,
    Edit,
    Trash,
    Phone,
    Chat,
    Mail,
    Grip,
    Columns,
    ChevronLeft,
    Clock,
    Bot,
    Note,
    Task,
    Sort,
    Flame,
    Bell,
    More,
    Money,
}

impl IconName {
    /// The icon's path data on a 24×24 grid, stroked.
    fn paths(self) -> &'static [&'static str] {
        match self {
            IconName::Home => &["M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z"],
            IconName::Users => &[
                "M5 8a4 4 0 1 0 8 0a4 4 0 1 0-8 0",
                "M2 21v-1a6 6 0 0 1 6-6h2a6 6 0 0 1 6 6v1",
                "M16 3.5a4 4 0 0 1 0 8",
                "M22 21v-1a6 6 0 0 0-4-5.6",
            ],
            IconName::Shield => &["M12 3l8 3v6c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9V6z", "M9 12l2 2 4-4"],
            IconName::Key => &[
                "M3 15.5a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0-9 0",
                "M10.7 12.3 20 3",
                "M16 7l3 3",
                "M13.5 9.5l2 2",
            ],
            IconName::User => &["M8 8a4 4 0 1 0 8 0a4 4 0 1 0-8 0", "M4 21a8 8 0 0 1 16 0"],
            IconName::List => &["M9 6h12M9 12h12M9 18h12", "M4 6h.01M4 12h.01M4 18h.01"],
            IconName::SignOut => &["M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4", "M16 17l5-5-5-5", "M21 12H9"],
            IconName::Plus => &["M12 5v14M5 12h14"],
            IconName::Search => &["M4 11a7 7 0 1 0 14 0a7 7 0 1 0-14 0", "M21 21l-4.3-4.3"],
            IconName::Copy => &[
                "M11 9h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-8a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2z",
                "M5 15H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v1",
            ],
            IconName::Check => &["M20 6 9 17l-5-5"],
            IconName::Alert => &[
                "M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z",
                "M12 9v4",
                "M12 17h.01",
            ],
            IconName::Lock => &[
                "M6 11h12a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-6a2 2 0 0 1 2-2z",
                "M8 11V7a4 4 0 0 1 8 0v4",
            ],
            IconName::ArrowRight => &["M5 12h14", "M13 6l6 6-6 6"],
            IconName::Close => &["M18 6 6 18", "M6 6l12 12"],
            IconName::Sparkles => &[
                "M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9z",
                "M19 17v4M17 19h4",
            ],
            IconName::Funnel => &["M3 4h18l-7 8.5V18l-4 2.5v-8z"],
            IconName::Chart => &["M3 3v18h18", "M7 15l4-4 3 3 5-6"],
            IconName::Briefcase => &[
                "M5 7h14a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2z",
                "M8 7V5a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2",
                "M3 13h18",
            ],
            IconName::Edit => &["M4 20h4L19 9l-4-4L4 16z", "M13.5 6.5l4 4"],
            IconName::Trash => &["M4 7h16", "M10 11v6M14 11v6", "M6 7l1 13h10l1-13", "M9 7V4h6v3"],
            IconName::Phone => {
                &["M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 2 0 0 1 2-2"]
            }
            IconName::Chat => &["M21 11.5a8.4 8.4 0 0 1-12.3 7.5L3 21l2-5.7A8.4 8.4 0 1 1 21 11.5z"],
            IconName::Mail => &[
                "M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z",
                "M3 7l9 6 9-6",
            ],
            IconName::Grip => &["M9 5h.01M9 12h.01M9 19h.01M15 5h.01M15 12h.01M15 19h.01"],
            IconName::Columns => &["M4 4h5v16H4z", "M10.5 4h5v11h-5z", "M17 4h3v7h-3z"],
            IconName::ChevronLeft => &["M15 18l-6-6 6-6"],
            IconName::Clock => &["M3 12a9 9 0 1 0 18 0a9 9 0 1 0-18 0", "M12 7v5l3 2"],
            IconName::Bot => &[
                "M5 9h14a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-8a1 1 0 0 1 1-1z",
                "M12 9V5",
                "M9 14h.01M15 14h.01",
            ],
            IconName::Note => &["M6 3h9l4 4v14H6z", "M9 12h6M9 16h4"],
            IconName::Task => &["M4 5h16v16H4z", "M8 13l3 3 5-6"],
            IconName::Sort => &["M7 4v16M3 16l4 4 4-4", "M17 20V4M13 8l4-4 4 4"],
            IconName::Bell => &[
                "M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9",
                "M10.3 21a1.94 1.94 0 0 0 3.4 0",
            ],
            IconName::More => &[
                "M4 12a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0",
                "M10.5 12a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0",
                "M17 12a1.5 1.5 0 1 0 3 0a1.5 1.5 0 1 0-3 0",
            ],
            IconName::Money => &["M12 2v20", "M17 6H9.5a3.5 3.5 0 0 0 0 7h5a3.5 3.5 0 0 1 0 7H6"],
            IconName::Flame => &["M12 3c1 4 5 5.5 5 10a5 5 0 0 1-10 0c0-2 1-3.5 2-4.5.5 2 1.5 3 3 3 0-3-1-5.5 0-8.5z"],
        }
    }
}

/// An inline stroke icon, hidden from screen readers (the control around it carries the name).
#[component]
pub fn Icon(icon: IconName, #[prop(optional)] class: &'static str) -> impl IntoView {
    view! {
        <svg
            class=format!("icon {class}")
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
            aria-hidden="true"
        >
            {icon.paths().iter().map(|d| view! { <path d=*d /> }).collect_view()}
        </svg>
    }
}
