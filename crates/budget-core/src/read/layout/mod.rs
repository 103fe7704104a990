//! Page layout: pages of positioned characters and ruling segments → blocks (lines, paragraphs,
//! ruled and unruled tables, tables continued across pages, running headers and footers).

pub(crate) mod assemble;
pub(crate) mod furniture;
mod lines;
pub(crate) mod page_layout;
mod ruling;
mod table;
mod unruled;
mod upright;

use crate::read::pdf::{Char, Page, Segment};
