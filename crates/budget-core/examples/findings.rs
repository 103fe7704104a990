//! Print the failed and warned findings of each file: `cargo run --example findings -- FILE...`,
//! one `file<TAB>status<TAB>rule<TAB>message` line each (`file<TAB>error<TAB>…` when it does not parse).

fn main() {
    for path in std::env::args().skip(1) {
        match budget_core::parse_path(std::path::Path::new(&path)) {
            Ok(doc) => {
                for f in doc
                    .findings
                    .iter()
                    .filter(|f| matches!(f.status, budget_core::FindingStatus::Fail | budget_core::FindingStatus::Warn))
                {
                    println!("{path}\t{:?}\t{}\t{}", f.status, f.rule, f.message_zh.replace(['\n', '\t'], " "));
                }
            }
            Err(err) => println!("{path}\terror\t\t{err}"),
        }
    }
}
