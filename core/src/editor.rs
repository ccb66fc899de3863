//! Friendly names for `last_activity_editor` strings.
//!
//! GitHub sends `editor/version/plugin/version` (`vscode/1.77.3/copilot/1.86.82`), bare surfaces
//! (`copilot-cli`) and anything a client chooses to send: there is no official list, any segment
//! may be missing, and the text is untrusted. The report's `last_surface_used` shows what GitHub
//! shows: an editor and its version ("VS Code 1.89.1"), a GitHub feature ("Copilot Chat"), or
//! "Unspecified".

/// What the report and the table show when no surface is known.
pub const UNSPECIFIED: &str = "Unspecified";

/// A parsed editor string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Surface {
    /// Friendly surface name: "VS Code", "JetBrains IU", "Copilot CLI", "Unspecified".
    pub name: String,
    /// The editor's version, when the string carries one that looks like a version.
    pub version: Option<String>,
    /// The Copilot plugin and its version ("copilot 1.86.82"), when present.
    pub plugin: Option<String>,
}

impl Surface {
    /// "VS Code 1.77.3", or the name alone.
    pub fn label(&self) -> String {
        match &self.version {
            Some(v) => format!("{} {}", self.name, v),
            None => self.name.clone(),
        }
    }
}

/// Longest segment kept from untrusted input, so a hostile string cannot flood a cell.
const MAX_SEGMENT: usize = 64;

fn known_name(editor: &str) -> Option<&'static str> {
    // Lowercased on the stack: the charts and filters classify 100,000 seats per change.
    let mut buf = [0u8; 32];
    let bytes = editor.as_bytes();
    let lower = buf.get_mut(..bytes.len())?;
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).ok()?;
    Some(match lower {
        "vscode" | "vs code" | "code" => "VS Code",
        "vscode-insiders" => "VS Code Insiders",
        "visualstudio" | "visual studio" | "vs" => "Visual Studio",
        "xcode" => "Xcode",
        "neovim" | "nvim" => "Neovim",
        "vim" => "Vim",
        "emacs" => "Emacs",
        "eclipse" => "Eclipse",
        "azuredatastudio" => "Azure Data Studio",
        "sublime" | "sublimetext" => "Sublime Text",
        "jetbrains" => "JetBrains",
        "copilot-cli" | "copilot_cli" | "gh-copilot" | "copilot cli" => "Copilot CLI",
        "copilot-chat-platform"
        | "copilot_chat_platform"
        | "copilot-chat"
        | "github-chat"
        | "copilot chat" => "Copilot Chat",
        "copilot_pr_review"
        | "copilot-pr-review"
        | "copilot-code-review"
        | "copilot code review" => "Copilot code review",
        "copilot-coding-agent" | "copilot_coding_agent" | "copilot coding agent" => {
            "Copilot coding agent"
        }
        "github.com" | "dotcom" | "github" => "GitHub.com",
        "github-mobile" | "mobile" | "github mobile" => "GitHub Mobile",
        _ => return None,
    })
}

fn looks_like_version(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SEGMENT
        && s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+' | '_'))
}

/// Keeps printable text, trims it, and bounds its length.
fn clean(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_SEGMENT)
        .collect();
    cleaned.trim().to_string()
}

/// An editor family, for the "Editors in use" chart and its filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EditorFamily {
    /// VS Code and VS Code Insiders.
    VsCode,
    /// Any JetBrains IDE (`JetBrains-IU`, `JetBrains-PY`, ...).
    JetBrains,
    /// Visual Studio.
    VisualStudio,
    /// Xcode.
    Xcode,
    /// Neovim and Vim.
    Vim,
    /// Eclipse.
    Eclipse,
    /// Copilot in the terminal (`copilot-cli`).
    Cli,
    /// Copilot Chat on GitHub.com (`copilot-chat-platform`, `github.com`).
    GitHubChat,
    /// A named editor or surface outside the families above (Emacs, Zed, code review, ...).
    Other,
    /// No editor recorded (or nothing readable): what the table shows as "Unspecified".
    Unknown,
}

impl EditorFamily {
    /// Every family, in the chart's order.
    pub const ALL: [EditorFamily; 10] = [
        EditorFamily::VsCode,
        EditorFamily::JetBrains,
        EditorFamily::VisualStudio,
        EditorFamily::Xcode,
        EditorFamily::Vim,
        EditorFamily::Eclipse,
        EditorFamily::Cli,
        EditorFamily::GitHubChat,
        EditorFamily::Other,
        EditorFamily::Unknown,
    ];

    /// The product text: "VS Code", "JetBrains IDEs", ...
    pub fn label(self) -> &'static str {
        match self {
            EditorFamily::VsCode => "VS Code",
            EditorFamily::JetBrains => "JetBrains IDEs",
            EditorFamily::VisualStudio => "Visual Studio",
            EditorFamily::Xcode => "Xcode",
            EditorFamily::Vim => "Neovim/Vim",
            EditorFamily::Eclipse => "Eclipse",
            EditorFamily::Cli => "CLI",
            EditorFamily::GitHubChat => "GitHub.com chat",
            EditorFamily::Other => "Other",
            EditorFamily::Unknown => "Unknown",
        }
    }

    /// The stable URL form ("vscode"; the filter key adds `editor-`).
    pub fn key(self) -> &'static str {
        match self {
            EditorFamily::VsCode => "vscode",
            EditorFamily::JetBrains => "jetbrains",
            EditorFamily::VisualStudio => "visual-studio",
            EditorFamily::Xcode => "xcode",
            EditorFamily::Vim => "vim",
            EditorFamily::Eclipse => "eclipse",
            EditorFamily::Cli => "cli",
            EditorFamily::GitHubChat => "github-chat",
            EditorFamily::Other => "other",
            EditorFamily::Unknown => "unknown",
        }
    }

    /// Parses [`EditorFamily::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }
}

fn strip_jetbrains(editor: &str) -> Option<&str> {
    editor
        .strip_prefix("JetBrains-")
        .or_else(|| editor.strip_prefix("jetbrains-"))
}

/// The family of an editor string, by the same reading as [`parse_editor`] (its first segment)
/// but without allocating: `Unknown` exactly when `parse_editor` says "Unspecified".
pub fn editor_family(raw: Option<&str>) -> EditorFamily {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return EditorFamily::Unknown;
    };
    let editor = raw.split('/').next().unwrap_or_default().trim();
    if strip_jetbrains(editor).is_some() {
        return EditorFamily::JetBrains;
    }
    match known_name(editor) {
        Some("VS Code" | "VS Code Insiders") => EditorFamily::VsCode,
        Some("Visual Studio") => EditorFamily::VisualStudio,
        Some("Xcode") => EditorFamily::Xcode,
        Some("Neovim" | "Vim") => EditorFamily::Vim,
        Some("Eclipse") => EditorFamily::Eclipse,
        Some("JetBrains") => EditorFamily::JetBrains,
        Some("Copilot CLI") => EditorFamily::Cli,
        Some("Copilot Chat" | "GitHub.com") => EditorFamily::GitHubChat,
        Some(_) => EditorFamily::Other,
        None => {
            // `clean` keeps the first MAX_SEGMENT printable characters; trimming never removes
            // an alphanumeric one.
            let readable = editor
                .chars()
                .filter(|c| !c.is_control())
                .take(MAX_SEGMENT)
                .any(char::is_alphanumeric);
            if readable {
                EditorFamily::Other
            } else {
                EditorFamily::Unknown
            }
        }
    }
}

/// The editor string behind a friendly name of GitHub's activity report ("VS Code 1.89.1" →
/// `VS Code/1.89.1`, "JetBrains IU 261.1" → `JetBrains-IU/261.1`, "Copilot Chat" as it is), so a
/// report without the raw editor still gets its family and label; "Unspecified" is none.
pub fn editor_from_surface(surface: &str) -> Option<String> {
    let s = surface.trim();
    if s.is_empty() || s.eq_ignore_ascii_case(UNSPECIFIED) {
        return None;
    }
    let (name, version) = match s.rsplit_once(' ') {
        Some((name, v)) if looks_like_version(v) => (name.trim(), Some(v)),
        _ => (s, None),
    };
    let name = match name.strip_prefix("JetBrains ") {
        Some(product) => format!("JetBrains-{}", product.trim()),
        None => name.to_string(),
    };
    Some(match version {
        Some(v) => format!("{name}/{v}"),
        None => name,
    })
}

/// Parses an editor string into a [`Surface`]; `None` or junk yields "Unspecified".
pub fn parse_editor(raw: Option<&str>) -> Surface {
    let unspecified = || Surface {
        name: UNSPECIFIED.to_string(),
        version: None,
        plugin: None,
    };
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return unspecified();
    };
    let mut parts = raw.split('/').map(str::trim);
    let editor = parts.next().unwrap_or_default();
    let version = parts
        .next()
        .filter(|v| looks_like_version(v))
        .map(str::to_string);
    let plugin = parts.next().map(clean).filter(|p| !p.is_empty()).map(|p| {
        match parts.next().filter(|v| looks_like_version(v)) {
            Some(v) => format!("{p} {v}"),
            None => p,
        }
    });

    let name = if let Some(product) = strip_jetbrains(editor) {
        // JetBrains-IU (IntelliJ IDEA Ultimate), JetBrains-PY (PyCharm), ... as GitHub shows them.
        let product = clean(product);
        if product.is_empty() {
            "JetBrains".to_string()
        } else {
            format!("JetBrains {product}")
        }
    } else if let Some(known) = known_name(editor) {
        known.to_string()
    } else {
        let cleaned = clean(editor);
        if cleaned.chars().any(char::is_alphanumeric) {
            cleaned
        } else {
            return unspecified();
        }
    };
    Surface {
        name,
        version,
        plugin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn friendly_names_of_githubs_report_map_back_to_their_family_and_label() {
        for friendly in [
            "VS Code 1.89.1",
            "JetBrains IU 261.22158.277",
            "Copilot CLI",
            "Visual Studio 17.9",
            "Xcode",
        ] {
            let raw = editor_from_surface(friendly).unwrap();
            assert_eq!(parse_editor(Some(&raw)).label(), friendly, "{raw}");
            assert_ne!(editor_family(Some(&raw)), EditorFamily::Other, "{raw}");
        }
        assert_eq!(editor_from_surface("Unspecified"), None);
    }

    fn label(s: &str) -> String {
        parse_editor(Some(s)).label()
    }

    #[test]
    fn known_editors_get_friendly_names() {
        assert_eq!(label("vscode/1.77.3/copilot/1.86.82"), "VS Code 1.77.3");
        assert_eq!(
            label("JetBrains-IU/261.22158.277/copilot-intellij/1.5.40"),
            "JetBrains IU 261.22158.277"
        );
        assert_eq!(
            label("VisualStudio/17.8.3/copilot-vs/1.140"),
            "Visual Studio 17.8.3"
        );
        assert_eq!(label("Xcode/16.1/copilot-xcode/0.30.0"), "Xcode 16.1");
        assert_eq!(label("neovim/0.10.2/copilot.vim/1.41.0"), "Neovim 0.10.2");
        assert_eq!(label("copilot-cli"), "Copilot CLI");
        assert_eq!(label("copilot-chat-platform"), "Copilot Chat");
        assert_eq!(label("copilot_pr_review"), "Copilot code review");
        assert_eq!(label("github.com"), "GitHub.com");
        let full = parse_editor(Some("vscode/1.77.3/copilot/1.86.82"));
        assert_eq!(full.plugin.as_deref(), Some("copilot 1.86.82"));
    }

    #[test]
    fn missing_and_junk_are_unspecified() {
        assert_eq!(parse_editor(None).label(), UNSPECIFIED);
        assert_eq!(label(""), UNSPECIFIED);
        assert_eq!(label("   "), UNSPECIFIED);
        assert_eq!(label("/"), UNSPECIFIED);
        assert_eq!(label("//"), UNSPECIFIED);
        assert_eq!(label("vscode"), "VS Code");
        assert_eq!(label("vscode/not a version/x"), "VS Code");
    }

    #[test]
    fn families_follow_the_parsed_name() {
        let cases = [
            ("vscode/1.77.3/copilot/1.86.82", EditorFamily::VsCode),
            ("vscode-insiders/1.90.0", EditorFamily::VsCode),
            (
                "JetBrains-IU/261.22158.277/copilot-intellij/1.5.40",
                EditorFamily::JetBrains,
            ),
            ("jetbrains-PY/2024.1", EditorFamily::JetBrains),
            (
                "VisualStudio/17.8.3/copilot-vs/1.140",
                EditorFamily::VisualStudio,
            ),
            ("Xcode/16.1/copilot-xcode/0.30.0", EditorFamily::Xcode),
            ("neovim/0.10.2/copilot.vim/1.41.0", EditorFamily::Vim),
            ("vim/9.1", EditorFamily::Vim),
            ("eclipse/4.31", EditorFamily::Eclipse),
            ("copilot-cli", EditorFamily::Cli),
            ("copilot-chat-platform", EditorFamily::GitHubChat),
            ("github.com", EditorFamily::GitHubChat),
            ("emacs/29.1", EditorFamily::Other),
            ("copilot_pr_review", EditorFamily::Other),
            ("Zed/0.150.1/copilot/1", EditorFamily::Other),
            ("", EditorFamily::Unknown),
            ("//", EditorFamily::Unknown),
            (" \u{7} /1.0", EditorFamily::Unknown),
        ];
        for (raw, family) in cases {
            assert_eq!(editor_family(Some(raw)), family, "{raw:?}");
            assert_eq!(
                family == EditorFamily::Unknown,
                parse_editor(Some(raw)).name == UNSPECIFIED,
                "{raw:?}"
            );
        }
        assert_eq!(editor_family(None), EditorFamily::Unknown);
        for f in EditorFamily::ALL {
            assert_eq!(EditorFamily::from_key(f.key()), Some(f));
        }
        // Longer than any known name: not known, still readable.
        assert_eq!(editor_family(Some(&"v".repeat(40))), EditorFamily::Other);
    }

    #[test]
    fn unknown_editors_keep_their_bounded_name() {
        assert_eq!(label("Zed/0.150.1/copilot/1"), "Zed 0.150.1");
        let long = "x".repeat(500);
        assert_eq!(label(&long).len(), MAX_SEGMENT);
        assert_eq!(label("evil\u{7}\nname/1.0"), "evilname 1.0");
    }
}
