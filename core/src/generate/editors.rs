//! Editors: what IDE plugins and GitHub surfaces report, plus a little garbage.

use super::*;

pub(super) fn editor(r: &mut oorandom::Rand64) -> String {
    let vscode =
        |r: &mut oorandom::Rand64| format!("1.{}.{}", r.rand_range(90..100), r.rand_range(0..4));
    let roll = r.rand_range(0..1000);
    match roll {
        0..280 => {
            let v = vscode(r);
            format!(
                "vscode/{v}/copilot/1.{}.{}",
                r.rand_range(200..300),
                r.rand_range(0..1500)
            )
        }
        280..460 => {
            let v = vscode(r);
            format!(
                "vscode/{v}/copilot-chat/0.{}.{}",
                r.rand_range(20..31),
                r.rand_range(0..4)
            )
        }
        460..600 => {
            let product = pick(
                r,
                &[
                    "IU", "IC", "PY", "PC", "GO", "WS", "RD", "CL", "RM", "PS", "AI",
                ],
            );
            let build = pick(
                r,
                &[
                    "261.22158.277",
                    "252.23892.409",
                    "251.26927.53",
                    "243.21565.193",
                ],
            );
            format!(
                "JetBrains-{product}/{build}/copilot-intellij/1.5.{}",
                r.rand_range(30..60)
            )
        }
        600..660 => format!(
            "VisualStudio/17.{}.{}/copilot-vs/1.{}.0.0",
            r.rand_range(8..15),
            r.rand_range(0..6),
            r.rand_range(180..260)
        ),
        660..690 => format!(
            "Xcode/16.{}/copilot-xcode/0.{}.{}",
            r.rand_range(0..5),
            r.rand_range(30..41),
            r.rand_range(0..4)
        ),
        690..720 => format!(
            "neovim/0.10.{}/copilot.vim/1.{}.0",
            r.rand_range(0..5),
            r.rand_range(40..51)
        ),
        720..740 => format!(
            "Eclipse/4.{}.0/copilot-eclipse/0.{}.0",
            r.rand_range(30..36),
            r.rand_range(5..10)
        ),
        740..800 => "copilot-cli".to_string(),
        800..880 => "copilot-chat-platform".to_string(),
        880..920 => "copilot_pr_review".to_string(),
        920..960 => "github.com".to_string(),
        960..975 => "vscode".to_string(),
        975..985 => "/".to_string(),
        985..992 => "=cmd|' /C calc'!A0".to_string(),
        _ => format!("vscode/1.{}.0/copilot/", r.rand_range(90..100)),
    }
}
