//! Collapsed header lines → one column path per column.
//!
//! A crawler that joins the cells of a line with single spaces also glues header cells that
//! touch (`合计基本支出`, `人员经费公用经费`) and keeps a wrapped header cell on two lines
//! (`事业单位` / `经营收入`). The words are split and re-joined with the printed header words of
//! budget tables ([`HEADER_WORDS`]); the lines are the header's levels: a word alone on the top
//! line of a side is a heading over all its columns (`预算数`, `支出预算`), and when the body fills
//! one column less than the words name, the deepest line holds the parts of a group printed above
//! (`基本支出` over `人员经费 | 公用经费`).

/// Header words printed in budget tables, longest first where one contains another. Only used to
/// split words glued together and to re-join words wrapped over two lines.
const HEADER_WORDS: &[&str] = &[
    "功能分类科目编码",
    "功能分类科目名称",
    "部门经济分类科目编码",
    "部门经济分类科目名称",
    "经济分类科目编码",
    "经济分类科目名称",
    "科目编码",
    "科目名称",
    "项目名称",
    "类款项",
    "项目",
    "本年收入",
    "本年支出",
    "财政拨款收入",
    "财政拨款支出",
    "收入预算",
    "支出预算",
    "预算数",
    "合计",
    "小计",
    "总计",
    "基本支出",
    "项目支出",
    "人员经费",
    "公用经费",
    "事业收入",
    "事业单位经营收入",
    "其他收入",
    "上年结转",
    "一般公共预算",
    "政府性基金预算",
    "国有资本经营预算",
    "因公出国(境)费",
    "因公出国（境）费",
    "公务接待费",
    "公务用车购置及运行费",
    "购置费",
    "运行费",
    "机关运行经费预算数",
    "机关运行经费",
];

/// Words that head a label column (a side of a two-sided table starts at each).
const LABEL_WORDS: &[&str] = &[
    "项目",
    "项目名称",
    "科目名称",
    "功能分类科目名称",
    "部门经济分类科目名称",
    "经济分类科目名称",
    "科目编码",
    "功能分类科目编码",
    "部门经济分类科目编码",
    "经济分类科目编码",
    "类款项",
    "类",
    "款",
    "项",
];

/// Words of code columns: they name no label of their own.
const CODE_WORDS: &[&str] =
    &["科目编码", "功能分类科目编码", "部门经济分类科目编码", "经济分类科目编码", "类款项", "类", "款", "项"];

/// Words of a total column (the sum of its siblings).
pub(super) const TOTAL_WORDS: &[&str] = &["合计", "小计", "总计"];

/// The columns of one side: the label column's path and one path per value column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SideColumns {
    /// Path of the label column.
    pub label: Vec<String>,
    /// Paths of the value columns, left to right.
    pub leaves: Vec<Vec<String>>,
    /// How many leading path components are shared headings (side name, `预算数`).
    pub shared: usize,
}

/// A word of the header and the header line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    line: usize,
    text: String,
}

fn is_label_word(text: &str) -> bool {
    LABEL_WORDS.contains(&text)
}

/// Split a token into header words: the longest known word at each position; other characters
/// make words of their own.
fn split_token(token: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut unknown = String::new();
    let mut rest = token;
    while !rest.is_empty() {
        let known = HEADER_WORDS.iter().filter(|w| rest.starts_with(**w)).max_by_key(|w| w.len());
        if let Some(word) = known {
            if !unknown.is_empty() {
                out.push(std::mem::take(&mut unknown));
            }
            out.push(word.to_string());
            rest = &rest[word.len()..];
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            unknown.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !unknown.is_empty() {
        out.push(unknown);
    }
    out
}

/// The words of the header lines, with wrapped words joined again. A token is split only where
/// every piece is a known word (after joining): `一般公共预算支出` stays whole.
fn words(lines: &[&str]) -> Vec<Word> {
    // (token number, piece, known) per line.
    let mut token = 0;
    let mut per_line: Vec<Vec<(usize, String, bool)>> = lines
        .iter()
        .map(|l| {
            l.split_whitespace()
                .flat_map(|t| {
                    token += 1;
                    let id = token;
                    split_token(t).into_iter().map(move |p| {
                        let known = HEADER_WORDS.contains(&p.as_str());
                        (id, p, known)
                    })
                })
                .collect()
        })
        .collect();
    for k in 0..per_line.len().saturating_sub(1) {
        let (Some(last), Some(first)) = (per_line[k].last(), per_line[k + 1].first()) else { continue };
        let joined = format!("{}{}", last.1, first.1);
        if !last.2 && HEADER_WORDS.contains(&joined.as_str()) {
            let id = last.0;
            per_line[k].pop();
            per_line[k].push((id, joined, true));
            per_line[k + 1].remove(0);
        }
    }
    let mut out = Vec::new();
    for (line, pieces) in per_line.into_iter().enumerate() {
        let mut i = 0;
        while i < pieces.len() {
            let id = pieces[i].0;
            let end = (i..pieces.len()).find(|&j| pieces[j].0 != id).unwrap_or(pieces.len());
            if pieces[i..end].iter().all(|p| p.2) {
                out.extend(pieces[i..end].iter().map(|p| Word { line, text: p.1.clone() }));
            } else {
                out.push(Word { line, text: pieces[i..end].iter().map(|p| p.1.as_str()).collect() });
            }
            i = end;
        }
    }
    out
}

/// The columns of a table whose header lines are `lines` and whose body fills at most
/// `widths[s]` value columns on side `s`. `None` when the header names fewer columns than the
/// body fills, or cannot be split into the body's sides.
pub(super) fn columns(lines: &[&str], widths: &[usize]) -> Option<Vec<SideColumns>> {
    let sides = widths.len();
    let mut all = words(lines);
    let mut side_names: Vec<String> = Vec::new();
    if sides >= 2 {
        let first_line = all.first()?.line;
        let top: Vec<&Word> = all.iter().filter(|w| w.line == first_line).collect();
        if top.len() == sides && top.iter().all(|w| !is_label_word(&w.text)) {
            side_names = top.iter().map(|w| w.text.clone()).collect();
            all.retain(|w| w.line != first_line);
        }
    }
    // Words per side, and the label words seen.
    let mut side_words: Vec<Vec<Word>> = vec![Vec::new(); sides];
    let mut label_words: Vec<String> = Vec::new();
    let last_line = all.iter().map(|w| w.line).max().unwrap_or(0);
    for line in 0..=last_line {
        let on_line: Vec<&Word> = all.iter().filter(|w| w.line == line).collect();
        let labels = on_line.iter().filter(|w| is_label_word(&w.text)).count();
        let mut label_index: Option<usize> = None;
        for word in on_line {
            if is_label_word(&word.text) {
                label_index = Some(label_index.map_or(0, |j| j + 1));
                if !label_words.contains(&word.text) {
                    label_words.push(word.text.clone());
                }
                continue;
            }
            // Words after the j-th of `labels` label words belong to the j-th of the last
            // `labels` sides; words on a line without label words to the last side.
            let side = match label_index {
                None if labels == 0 => sides - 1,
                None => sides.saturating_sub(labels + 1),
                Some(j) => (sides + j).saturating_sub(labels).min(sides - 1),
            };
            side_words[side].push(word.clone());
        }
    }
    let label_name = label_words
        .iter()
        .rev()
        .find(|w| !CODE_WORDS.contains(&w.as_str()))
        .cloned()
        .unwrap_or_else(|| "项目".to_string());
    let mut out = Vec::new();
    for (side, words) in side_words.into_iter().enumerate() {
        let mut prefix: Vec<String> = side_names.get(side).cloned().into_iter().collect();
        let label = [prefix.clone(), vec![if sides >= 2 { "项目".to_string() } else { label_name.clone() }]].concat();
        let leaves = leaves(words, widths[side], &mut prefix)?;
        out.push(SideColumns { label, shared: prefix.len(), leaves });
    }
    Some(out)
}

/// The value columns of one side from its words (reading order), for a body filling at most
/// `width` of them; shared headings are moved to `prefix`.
fn leaves(mut words: Vec<Word>, width: usize, prefix: &mut Vec<String>) -> Option<Vec<Vec<String>>> {
    // The top line of the side heads all its columns (`预算数`, `一般公共预算基本支出`) while the
    // words name more columns than the body fills, it holds no total word and lines follow it.
    while let Some(top) = words.first().map(|w| w.line) {
        let on_top = words.iter().take_while(|w| w.line == top).count();
        let heading = words.len() > width.max(1)
            && words.len() - on_top >= width.max(1)
            && words[on_top..].iter().any(|w| w.line > top)
            && words[..on_top].iter().all(|w| !TOTAL_WORDS.contains(&w.text.as_str()));
        if !heading {
            break;
        }
        prefix.push(words.drain(..on_top).map(|w| w.text).collect());
    }
    if words.len() < width {
        return None;
    }
    let with_prefix = |path: Vec<String>| [prefix.clone(), path].concat();
    let mut lines: Vec<usize> = words.iter().map(|w| w.line).collect();
    lines.dedup();
    if words.len() == width + 1 && lines.len() >= 3 {
        // One group heading over the parts on the deepest line.
        let deepest = *lines.last()?;
        let children: Vec<String> = words.iter().filter(|w| w.line == deepest).map(|w| w.text.clone()).collect();
        let parent =
            words.iter().rfind(|w| w.line == lines[0] && !TOTAL_WORDS.contains(&w.text.as_str()))?.text.clone();
        if children.len() < 2 {
            return None;
        }
        let mut out = Vec::new();
        for word in words.iter().filter(|w| w.line != deepest) {
            if word.text == parent {
                out.extend(children.iter().map(|c| with_prefix(vec![parent.clone(), c.clone()])));
            } else {
                out.push(with_prefix(vec![word.text.clone()]));
            }
        }
        return Some(out);
    }
    Some(words.into_iter().map(|w| with_prefix(vec![w.text])).collect())
}

/// The sums a row must satisfy: (total column, the columns it adds up), as indices into
/// `leaves`. A total word (`合计`, `小计`) first among siblings is the sum of the others; a
/// sibling that is a group counts by its own total column when it has one, else by its parts.
pub(super) fn sums(leaves: &[Vec<String>], shared: usize) -> Vec<(usize, Vec<usize>)> {
    let mut out = Vec::new();
    let relative: Vec<&[String]> = leaves.iter().map(|p| &p[shared.min(p.len())..]).collect();
    let mut prefixes: Vec<Vec<String>> = vec![Vec::new()];
    for path in &relative {
        for depth in 1..path.len() {
            let prefix = path[..depth].to_vec();
            if !prefixes.contains(&prefix) {
                prefixes.push(prefix);
            }
        }
    }
    for prefix in prefixes {
        let under: Vec<usize> = (0..relative.len())
            .filter(|&i| relative[i].len() > prefix.len() && relative[i].starts_with(&prefix))
            .collect();
        let Some(&first) = under.first() else { continue };
        let first_path = relative[first];
        if first_path.len() != prefix.len() + 1 || !TOTAL_WORDS.contains(&first_path[prefix.len()].as_str()) {
            continue;
        }
        let mut parts = Vec::new();
        let mut groups_done: Vec<String> = Vec::new();
        for &i in &under[1..] {
            let child = &relative[i][prefix.len()];
            if relative[i].len() == prefix.len() + 1 {
                parts.push(i);
                continue;
            }
            if groups_done.contains(child) {
                continue;
            }
            groups_done.push(child.clone());
            let members: Vec<usize> = under
                .iter()
                .copied()
                .filter(|&j| relative[j].len() > prefix.len() && &relative[j][prefix.len()] == child)
                .collect();
            let own_total = members.iter().copied().find(|&j| {
                relative[j].len() == prefix.len() + 2 && TOTAL_WORDS.contains(&relative[j][prefix.len() + 1].as_str())
            });
            match own_total {
                Some(total) => parts.push(total),
                None => parts.extend(members),
            }
        }
        out.push((first, parts));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(side: &SideColumns) -> Vec<String> {
        side.leaves.iter().map(|p| p.join(" / ")).collect()
    }

    #[test]
    fn a_two_sided_header_with_a_group() {
        let lines = ["本年收入 本年支出", "项目 预算数 项目预算数", "合计基本支出", "项目支出", "人员经费公用经费"];
        let sides = columns(&lines, &[1, 4]).expect("columns");
        assert_eq!(paths(&sides[0]), vec!["本年收入 / 预算数"]);
        assert_eq!(sides[1].label.join(" / "), "本年支出 / 项目");
        assert_eq!(
            paths(&sides[1]),
            vec![
                "本年支出 / 预算数 / 合计",
                "本年支出 / 预算数 / 基本支出 / 人员经费",
                "本年支出 / 预算数 / 基本支出 / 公用经费",
                "本年支出 / 预算数 / 项目支出"
            ]
        );
        assert_eq!(sums(&sides[1].leaves, sides[1].shared), vec![(0, vec![1, 2, 3])]);
    }

    #[test]
    fn wrapped_words_join_and_blank_columns_stay() {
        let lines = [
            "项目 收入预算",
            "功能分类科目编码",
            "功能分类科目名称 合计 财政拨款收入事业收入事业单位",
            "经营收入其他收入",
            "类款项",
        ];
        let sides = columns(&lines, &[2]).expect("columns");
        assert_eq!(sides[0].label, vec!["功能分类科目名称"]);
        assert_eq!(
            paths(&sides[0]),
            vec![
                "收入预算 / 合计",
                "收入预算 / 财政拨款收入",
                "收入预算 / 事业收入",
                "收入预算 / 事业单位经营收入",
                "收入预算 / 其他收入"
            ]
        );
        assert_eq!(sums(&sides[0].leaves, sides[0].shared), vec![(0, vec![1, 2, 3, 4])]);
        assert!(columns(&["项目 合计"], &[3]).is_none());
        let general =
            columns(&["项目 一般公共预算支出", "功能分类科目名称 合计 基本支出 项目支出"], &[3]).expect("columns");
        assert_eq!(general[0].leaves[0], vec!["一般公共预算支出", "合计"]);
    }
}
