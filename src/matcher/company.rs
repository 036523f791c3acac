//! Chinese company names that contain a catalog name. 深圳华大基因科技服务有限公司 (BGI Tech
//! Solutions) contains 华大基因 (BGI Genomics' short name) but is another company: a CJK alias
//! followed, within the same run of Han characters, by more name and a registered company
//! form (…有限公司, …股份公司) is part of that longer name. When the longer name is the
//! catalog's own (深圳华大基因股份有限公司), its alias is matched instead, being longer.
//!
//! The run stops at punctuation and at characters that join or relate words rather than name
//! a firm (与, 和, 的, 在...), so "华大基因与某某有限公司签约" still names 华大基因.

use crate::fold::is_unspaced_script;

/// Registered company forms, folded (simplified).
const FORMS: &[&str] = &["有限公司", "有限责任公司", "股份公司"];

/// Characters that do not occur inside a company name but join or relate words around one.
const STOPS: &str = "与和及同跟对向在为将的是了从由被把等并或于称说也都已因而就";

/// How many characters of more name may sit between the alias and the company form.
const MAX_BETWEEN: usize = 10;

/// True when the CJK alias ending at `end` of folded `text` continues into a longer registered
/// company name.
pub(crate) fn continues_into_company(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let run_len: usize = rest
        .chars()
        .take_while(|&c| c >= '\u{3400}' && is_unspaced_script(c) && !STOPS.contains(c))
        .take(MAX_BETWEEN + 8)
        .map(char::len_utf8)
        .sum();
    let run = &rest[..run_len];
    FORMS.iter().any(|form| {
        run.match_indices(form).any(|(i, _)| {
            let between = &run[..i];
            // "华大基因股份有限公司" is the alias's own legal form, not more name.
            !between.is_empty() && between != "股份" && between.chars().count() <= MAX_BETWEEN
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(text: &str, alias: &str) -> bool {
        let s = text.find(alias).expect("alias in text");
        continues_into_company(text, s + alias.len())
    }

    #[test]
    fn longer_company_names() {
        assert!(after("深圳华大基因科技服务有限公司与医院签约", "华大基因"));
        assert!(after("香港华大基因科技服务有限公司", "华大基因"));
        assert!(after("某某华大基因检测技术有限责任公司", "华大基因"));
        assert!(!after("华大基因股份有限公司发布年报", "华大基因"));
        assert!(!after("华大基因与深圳某某有限公司签约", "华大基因"));
        assert!(!after("华大基因发布新产品。某某有限公司", "华大基因"));
        assert!(!after("华大基因有限公司", "华大基因"));
        assert!(!after("华大基因", "华大基因"));
    }
}
