//! `approval:` and `approvers:` in config.yaml: whether an article needs a leader's sign-off
//! before it is published, and who may give it.

use crate::msg;

use super::problems::{Place, Problems};

/// The editorial workflow the site follows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Approval {
    /// `approval: required`: only approved articles are published. Default: not required, and
    /// every article is published as before.
    pub required: bool,
    /// `approvers:`, as written (NFC). Empty: anyone named may approve.
    pub approvers: Vec<Approver>,
    /// The line of `approvers:` in config.yaml (0 when it is not written), where a name that
    /// is not on the list is pointed at.
    pub approvers_line: usize,
}

/// A leader who may approve articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approver {
    pub name: String,
    /// The line of config.yaml the name is written on.
    pub line: usize,
}

impl Approval {
    /// The approver `name` stands for, matched the way a person reads names: letter case,
    /// spacing and how accents were typed do not matter. `None` when the list is empty or
    /// does not have the name.
    pub fn approver(&self, name: &str) -> Option<&Approver> {
        let wanted = name_key(name);
        self.approvers.iter().find(|a| name_key(&a.name) == wanted)
    }

    /// Whether `name` may approve: anyone named when the config lists nobody.
    pub fn admits(&self, name: &str) -> bool {
        !name.trim().is_empty() && (self.approvers.is_empty() || self.approver(name).is_some())
    }

    /// The names on the list, as written.
    pub fn names(&self) -> Vec<&str> {
        self.approvers.iter().map(|a| a.name.as_str()).collect()
    }
}

/// A name folded for comparison: NFC, single spaces, lower case.
pub fn name_key(name: &str) -> String {
    let folded: Vec<&str> = name.split_whitespace().collect();
    crate::text::nfc(&folded.join(" ")).to_lowercase()
}

/// `approval:` and `approvers:` checked; each problem placed at its line.
pub(super) fn resolve(
    approval: Option<String>,
    approvers: Vec<String>,
    problems: &mut Problems,
) -> Approval {
    let required = match approval.as_deref().map(|a| crate::text::nfc(a.trim())) {
        None => false,
        Some(value) => match value.to_lowercase().as_str() {
            "required" | "bắt buộc" => true,
            "none" | "không" => false,
            _ => {
                let d = problems.at(Place::Key("approval"), msg::bad_approval_setting(&value));
                problems.push(d.with_hint(msg::HINT_APPROVAL_SETTING));
                false
            }
        },
    };
    let approvers_line = if approvers.is_empty() {
        0
    } else {
        problems.line(Place::Key("approvers"))
    };
    let approvers = approvers
        .into_iter()
        .filter_map(|name| {
            let name = crate::text::nfc(name.trim());
            if name.is_empty() {
                let d = problems.at(Place::Key("approvers"), msg::EMPTY_APPROVER.to_string());
                problems.push(d);
                return None;
            }
            let line = problems.line(Place::Value(&name));
            Some(Approver { name, line })
        })
        .collect();
    Approval {
        required,
        approvers,
        approvers_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn approval(names: &[&str]) -> Approval {
        Approval {
            required: true,
            approvers: names
                .iter()
                .map(|n| Approver {
                    name: n.to_string(),
                    line: 1,
                })
                .collect(),
            approvers_line: 1,
        }
    }

    #[test]
    fn an_approver_is_found_whatever_the_case_spacing_and_accent_typing() {
        let list = approval(&["Nguyễn Văn An"]);
        // "ễ" typed as e + circumflex + tilde (decomposed), as some keyboards do.
        let typed = "  nguye\u{302}\u{303}n   văn AN ";
        assert_eq!(list.approver(typed).unwrap().name, "Nguyễn Văn An");
        assert!(list.approver("Nguyễn Văn Ân").is_none());
    }

    #[test]
    fn without_a_list_anyone_named_may_approve_but_nobody_unnamed() {
        let open = Approval::default();
        assert!(open.admits("Trần Thị Bình"));
        assert!(!open.admits("   "));
        let list = approval(&["Nguyễn Văn An"]);
        assert!(!list.admits("Trần Thị Bình"));
        assert!(list.admits("nguyễn văn an"));
    }
}
