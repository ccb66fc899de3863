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
    let lower = editor.to_ascii_lowercase();
    Some(match lower.as_str() {
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
        "copilot-cli" | "copilot_cli" | "gh-copilot" => "Copilot CLI",
        "copilot-chat-platform" | "copilot_chat_platform" | "copilot-chat" | "github-chat" => {
            "Copilot Chat"
        }
        "copilot_pr_review" | "copilot-pr-review" | "copilot-code-review" => "Copilot code review",
        "copilot-coding-agent" | "copilot_coding_agent" => "Copilot coding agent",
        "github.com" | "dotcom" | "github" => "GitHub.com",
        "github-mobile" | "mobile" => "GitHub Mobile",
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

    let name = if let Some(product) = editor
        .strip_prefix("JetBrains-")
        .or_else(|| editor.strip_prefix("jetbrains-"))
    {
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
    fn unknown_editors_keep_their_bounded_name() {
        assert_eq!(label("Zed/0.150.1/copilot/1"), "Zed 0.150.1");
        let long = "x".repeat(500);
        assert_eq!(label(&long).len(), MAX_SEGMENT);
        assert_eq!(label("evil\u{7}\nname/1.0"), "evilname 1.0");
    }
}
