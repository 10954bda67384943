//! The layers of docs/architecture.md, held: no module imports one above it, and no function
//! or file outgrows what a reader takes in at once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The layers, from the ground up, as docs/architecture.md lists them. A module may use its
/// own layer and those below.
const LAYERS: &[&str] = &[
    // Foundations.
    "allocator diag embed kept key legacy memo msg random taxonomy text url_policy within yaml",
    // Input.
    "approval config frontmatter load model parse",
    // Assemble.
    "assemble citations images ledger links markdown sanitize svg",
    // Render.
    "calendar feeds output plan render report review search share templates views",
    // Output.
    "external import publish scaffold workflow write",
    // The pipeline, and the preview that runs it.
    "pipeline serve",
];

/// What the crate root re-exports from the pipeline, named without `pipeline::`.
const PIPELINE_NAMES: &[&str] = &[
    "Options",
    "Destination",
    "Built",
    "build",
    "cache",
    "assemble_site",
    "parse_now",
];

fn layer(module: &str) -> Option<usize> {
    LAYERS
        .iter()
        .position(|l| l.split(' ').any(|m| m == module))
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every library source file, with the top-level module it belongs to and its text up to its
/// unit tests, comments removed.
fn library_files() -> Vec<(String, PathBuf, String)> {
    let comment = regex::Regex::new(r"//[^\n]*").unwrap();
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(src()).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src()).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = top.trim_end_matches(".rs").to_string();
        if ["lib", "main", "cmd", "fixtures"].contains(&module.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        files.push((
            module,
            rel.to_path_buf(),
            comment.replace_all(code, "").into_owned(),
        ));
    }
    files
}

#[test]
fn every_module_has_a_layer_and_none_imports_one_above_it() {
    let uses = regex::Regex::new(r"crate::(\w+)").unwrap();
    let mut upward = Vec::new();
    let mut without_layer = Vec::new();
    for (module, rel, code) in library_files() {
        let Some(own) = layer(&module) else {
            without_layer.push(module);
            continue;
        };
        for used in uses.captures_iter(&code).map(|c| c[1].to_string()) {
            let target = match PIPELINE_NAMES.contains(&used.as_str()) {
                true => "pipeline".to_string(),
                false => used,
            };
            if layer(&target).is_some_and(|l| l > own) {
                upward.push(format!("{}: {module} → {target}", rel.display()));
            }
        }
    }
    without_layer.dedup();
    assert!(
        without_layer.is_empty(),
        "modules missing from LAYERS: {without_layer:?}"
    );
    upward.sort();
    upward.dedup();
    assert!(
        upward.is_empty(),
        "imports that run upward:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_two_top_level_modules_import_each_other() {
    let uses = regex::Regex::new(r"crate::(\w+)").unwrap();
    let mut edges: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (module, _, code) in library_files() {
        for used in uses.captures_iter(&code).map(|c| c[1].to_string()) {
            if used != module && layer(&used).is_some() {
                edges.entry(module.clone()).or_default().push(used);
            }
        }
    }
    let mut circles = Vec::new();
    for (a, targets) in &edges {
        for b in targets {
            if a < b && edges.get(b).is_some_and(|t| t.contains(a)) {
                circles.push(format!("{a} ↔ {b}"));
            }
        }
    }
    circles.dedup();
    assert!(
        circles.is_empty(),
        "modules that import each other: {circles:?}"
    );
}

/// Lines of each function outside unit tests, counted from its `fn` line to its closing brace
/// at the same indentation.
fn long_functions(limit: usize) -> Vec<String> {
    let start =
        regex::Regex::new(r"^(\s*)(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?fn\s+(\w+)").unwrap();
    let mut long = Vec::new();
    for (_, rel, code) in library_files() {
        let lines: Vec<&str> = code.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(c) = start.captures(line) else {
                continue;
            };
            if line.trim_end().ends_with(';') {
                continue;
            }
            let close = format!("{}}}", &c[1]);
            let end = lines[i..].iter().position(|l| l.trim_end() == close);
            if let Some(n) = end.map(|e| e + 1).filter(|n| *n > limit) {
                long.push(format!("{}:{} {} ({n} lines)", rel.display(), i + 1, &c[6]));
            }
        }
    }
    long
}

#[test]
fn no_function_is_longer_than_80_lines() {
    let long = long_functions(80);
    assert!(
        long.is_empty(),
        "functions over 80 lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn no_source_file_is_longer_than_500_lines_without_its_tests() {
    let long: Vec<String> = library_files()
        .into_iter()
        .map(|(_, rel, code)| (rel, code.lines().count()))
        .filter(|(_, n)| *n > 500)
        .map(|(rel, n)| format!("{} ({n} lines)", rel.display()))
        .collect();
    assert!(
        long.is_empty(),
        "files over 500 lines:\n{}",
        long.join("\n")
    );
}
