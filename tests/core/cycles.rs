//! No import cycles among the modules of `pack`, `store` and
//! `store::content` (`../shared/design.md`: a module that imports from a
//! module that imports from it is one module, or two with a third they
//! both use). Read from the `crate::` paths of `src/**/*.rs`: a child that
//! names a sibling depends on it; one that names an item its parent's
//! `mod.rs` defines (not re-exports) depends on the parent, which depends
//! on every child it declares.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The module families checked, as paths below `crate`.
const FAMILIES: [&[&str]; 3] = [&["pack"], &["store"], &["store", "content"]];

/// Every `.rs` file under `src/` as (module path, text).
fn sources() -> Vec<(Vec<String>, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut pending = vec![root.clone()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let relative = path.strip_prefix(&root).unwrap().with_extension("");
                let mut module: Vec<String> = relative
                    .iter()
                    .map(|part| part.to_str().unwrap().to_owned())
                    .collect();
                if module.last().is_some_and(|last| last == "mod") {
                    module.pop();
                }
                files.push((module, fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files
}

/// The text without line comments (doc comments name modules freely).
fn code(text: &str) -> String {
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path a `crate::` in `text` names, groups expanded
/// (`crate::a::{b, c::d}` names `a::b` and `a::c::d`).
fn crate_paths(text: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let preceded = text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !preceded {
            tree(&text[at + "crate::".len()..], Vec::new(), &mut paths);
        }
    }
    paths
}

/// Parses the path (or group) at the start of `rest` below `prefix`;
/// returns how many bytes it took.
fn tree(rest: &str, prefix: Vec<String>, paths: &mut Vec<Vec<String>>) -> usize {
    let mut path = prefix;
    let mut at = 0;
    loop {
        let name: String = rest[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        at += name.len();
        if !name.is_empty() && name != "self" {
            path.push(name);
        }
        if rest[at..].starts_with("::{") {
            at += 3;
            loop {
                at += rest[at..].len() - rest[at..].trim_start().len();
                if rest[at..].starts_with('}') {
                    return at + 1;
                }
                at += tree(&rest[at..], path.clone(), paths);
                at += rest[at..].len() - rest[at..].trim_start().len();
                if rest[at..].starts_with(" as ") || rest[at..].starts_with("as ") {
                    let skip = rest[at..].find([',', '}']).unwrap_or(rest.len() - at);
                    at += skip;
                }
                if rest[at..].starts_with(',') {
                    at += 1;
                }
            }
        } else if rest[at..].starts_with("::") {
            at += 2;
        } else {
            paths.push(path);
            return at;
        }
    }
}

/// The dependency graph of `family`'s modules: each child (and `mod`, the
/// family's own `mod.rs`) to the modules it names.
fn graph(family: &[&str], files: &[(Vec<String>, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let depth = family.len();
    let in_family = |module: &[String]| {
        module.len() >= depth && module[..depth].iter().zip(family).all(|(a, b)| a == b)
    };
    let children: BTreeSet<String> = files
        .iter()
        .filter(|(module, _)| module.len() > depth && in_family(module))
        .map(|(module, _)| module[depth].clone())
        .collect();
    // Names the family's mod.rs re-exports, to the child defining them.
    let mut reexported = BTreeMap::new();
    if let Some((_, text)) = files
        .iter()
        .find(|(module, _)| module.len() == depth && in_family(module))
    {
        for line in code(text).split(';') {
            let Some(rest) = line.trim_start().strip_prefix("pub use ") else {
                continue;
            };
            let mut paths = Vec::new();
            tree(rest, Vec::new(), &mut paths);
            for path in paths {
                let path: Vec<String> = match path.first().map(String::as_str) {
                    Some("crate") => path[1 + depth..].to_vec(),
                    _ => path,
                };
                if let (Some(child), Some(name)) = (path.first(), path.last()) {
                    if children.contains(child) && path.len() > 1 {
                        reexported.insert(name.clone(), child.clone());
                    }
                }
            }
        }
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.insert("mod".to_owned(), children.clone());
    for (module, text) in files.iter().filter(|(module, _)| in_family(module)) {
        let node = module
            .get(depth)
            .cloned()
            .unwrap_or_else(|| "mod".to_owned());
        if node == "mod" {
            continue;
        }
        let edges = graph.entry(node.clone()).or_default();
        for path in crate_paths(&code(text)) {
            if path.len() <= depth || !in_family(&path) {
                continue;
            }
            let name = &path[depth];
            let target = if children.contains(name) {
                name.clone()
            } else if let Some(child) = reexported.get(name) {
                child.clone()
            } else {
                "mod".to_owned()
            };
            if target != node {
                edges.insert(target);
            }
        }
    }
    graph
}

/// A cycle in `graph`, as the modules around it, if there is one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|on_path| on_path == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_modules_of_pack_and_store_import_in_one_direction() {
    let files = sources();
    for family in FAMILIES {
        let graph = graph(family, &files);
        assert!(graph.len() > 3, "{family:?} has modules: {graph:?}");
        if let Some(cycle) = cycle(&graph) {
            panic!(
                "an import cycle in {}: {}",
                family.join("::"),
                cycle.join(" → ")
            );
        }
    }
}

#[test]
fn a_cycle_is_found_through_a_sibling_or_the_parent() {
    let file = |module: &str, text: &str| {
        let module = module.split("::").map(str::to_owned).collect();
        (module, text.to_owned())
    };
    let through_reexport = [
        file(
            "pack",
            "pub mod a;\npub mod b;\npub use a::Thing;\nfn f() {}",
        ),
        file("pack::a", "use crate::pack::b::{self, Other};"),
        file(
            "pack::b",
            "use crate::error::Error;\nuse crate::pack::Thing as T; // a::Thing",
        ),
    ];
    // `b` names `a`'s item through the parent's re-export: b → a → b.
    assert_eq!(
        cycle(&graph(&["pack"], &through_reexport)),
        Some(vec!["a".into(), "b".into(), "a".into()])
    );
    let through_parent = [
        file("pack", "pub mod a;\npub fn helper() {}"),
        file("pack::a", "use crate::pack::{helper, a};"),
    ];
    assert_eq!(
        cycle(&graph(&["pack"], &through_parent)),
        Some(vec!["a".into(), "mod".into(), "a".into()])
    );
    let fine = [
        file("pack", "pub mod a;\npub mod b;"),
        file("pack::a", "use crate::pack::b::Other;"),
        file("pack::b", "use crate::store::Catalog;"),
    ];
    assert_eq!(cycle(&graph(&["pack"], &fine)), None);
}
